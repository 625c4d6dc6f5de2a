"""Precision targeting for the web: ranking a district's gaps over the universe, and turning firms into leads."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zhaoshang.chains.models import Chain, MemberRole, Segment
from zhaoshang.enterprises.models import Enterprise, validate_uscc
from zhaoshang.leads.models import Lead, LeadSource
from zhaoshang.leads.services import create_lead
from zhaoshang.lib.divisions import in_province
from zhaoshang.lib.universe import duck
from zhaoshang.lib.universe.engines import Engine, EngineError, open_engine, placeholders
from zhaoshang.lib.universe.relatedness import rank_gaps
from zhaoshang.lib.universe.scoring import Candidate, ScoreWeights, TargetRequest, rank_candidates
from zhaoshang.lib.universe.uscc import normalize as normalize_uscc
from zhaoshang.regions.models import Level, Region

log = logging.getLogger(__name__)
# The ranking returns this many before the page's filters narrow it (filters are display choices).
POOL = 500
COMPONENT_LABELS = {
    "segment_fit": _("环节匹配"),
    "scale": _("企业规模"),
    "leader_tie": _("与链主关联"),
    "expansion": _("扩张信号"),
    "proximity": _("距离"),
    "present": _("已在本地（扣分）"),
}


class UniverseUnavailable(RuntimeError):
    """The universe cannot be queried (message in Chinese): missing, or its engine cannot be opened."""


class UniverseMissing(UniverseUnavailable):
    """No universe has been generated or imported yet (message in Chinese)."""


class EngineUnavailable(UniverseUnavailable):
    """The configured engine (UNIVERSE_ENGINE, SPARK_MASTER/SPARK_REMOTE) cannot be opened (message in Chinese)."""


@dataclass(frozen=True)
class Filters:
    province: str = ""
    min_capital_wan: int | None = None
    listed_only: bool = False
    max_distance_km: float | None = None

    def keep(self, c: Candidate) -> bool:
        return (
            (not self.province or in_province(c.province_code, self.province))
            and (self.min_capital_wan is None or c.registered_capital >= self.min_capital_wan * 10_000)
            and (self.max_distance_km is None or c.distance_km <= self.max_distance_km)
        )


def universe_dir() -> Path:
    return Path(settings.UNIVERSE_DIR)


def connection(universe: Path | None = None) -> Engine:
    """The universe (the settings' or ``universe``) on the engine the settings choose (docs/spark.md)."""
    engine = settings.UNIVERSE_ENGINE
    location: str | Path = universe or universe_dir()
    if engine == "spark" and settings.SPARK_UNIVERSE_DIR and universe is None:
        location = settings.SPARK_UNIVERSE_DIR
    try:
        return open_engine(
            location,
            engine,
            spark_master=settings.SPARK_MASTER or None,
            spark_remote=settings.SPARK_REMOTE or None,
        )
    except duck.UniverseNotFoundError as exc:
        raise UniverseMissing(
            "尚未生成或导入企业库：请运行 zhaoshang universe generate 或 zhaoshang universe import。"
        ) from exc
    except EngineError as exc:
        log.error("universe engine %r could not be opened (%s): %s", engine, location, exc)
        raise EngineUnavailable(f"企业库查询引擎不可用：{exc}") from exc


def leader_group(chain: Chain, region: Region) -> str | None:
    leader = (
        Enterprise.objects.filter(
            chain_memberships__segment__chain=chain,
            chain_memberships__region=region,
            chain_memberships__role=MemberRole.LEADER,
        )
        .exclude(group="")
        .first()
    )
    return leader.group if leader else None


def rank(
    region: Region,
    chain: Chain,
    segments: list[Segment],
    filters: Filters,
    top: int = 50,
    weights: ScoreWeights | None = None,
) -> list[Candidate]:
    """Candidates for the gap segments, best first, each with its score components."""
    if region.lat is None or region.lon is None:
        raise ValueError(f"region {region.code} has no centroid (lat, lon): distances cannot be scored")
    request = TargetRequest(
        region.code,
        float(region.lat),
        float(region.lon),
        chain.key,
        tuple(s.name for s in segments),
        leader_group(chain, region),
        (),
        POOL,
    )
    with connection() as con:
        pool = rank_candidates(con, request, weights)
        listed = _listed(con, [c.firm_id for c in pool]) if filters.listed_only else set()
    kept = [c for c in pool if filters.keep(c) and (not filters.listed_only or c.firm_id in listed)]
    return kept[:top]


def _listed(con: Engine, firm_ids: list[int]) -> set[int]:
    params: dict[str, int] = {}
    ids = placeholders("id", firm_ids, params)
    rows = con.query(f"SELECT firm_id FROM firms WHERE is_listed AND firm_id IN ({ids})", params).rows
    return {int(r[0]) for r in rows}


def feasible_gaps(region: Region, chain: Chain) -> dict[str, float]:
    """segment -> density (Hidalgo–Hausmann) of the region's missing segments, from the universe."""
    try:
        with connection() as con:
            return {g.segment: g.density for g in rank_gaps(con, region.code, chain.key)}
    except UniverseUnavailable:
        return {}


class CandidateRefused(ValueError):
    """A candidate that cannot become a lead (message in Chinese)."""


def explanation_of(c: Candidate) -> dict:
    """The score of a candidate and each of its components, as the page shows it and a lead keeps it."""
    return {
        "score": round(c.score, 4),
        "components": [
            {"key": k, "label": str(COMPONENT_LABELS[k]), "value": round(v, 4)}
            for k, v in c.components.items()
        ],
    }


def _find(region: Region, segments: list[Segment], uscc: str) -> Candidate | None:
    """The firm as the targeting page ranked it for these segments (the page shows a part of this pool)."""
    chain = segments[0].chain
    return next((c for c in rank(region, chain, segments, Filters(), top=POOL) if c.uscc == uscc), None)


@transaction.atomic
def add_to_leads(*, uscc: str, region: Region, segments: list[Segment], user=None) -> Lead:
    """Make a ranked firm an enterprise and a lead of the district, keeping the score's explanation.

    Only the credit code comes from the browser: the firm (its name, district, capital and score) is
    looked up again in the universe, the enterprise is matched by that code only, never by a missing one.
    """
    uscc = normalize_uscc(uscc)
    try:
        validate_uscc(uscc)
    except ValidationError as exc:
        raise CandidateRefused(exc.messages[0]) from exc
    if region.level != Level.COUNTY:
        raise CandidateRefused(gettext("线索须属于一个区县，请在区县的精准招商页面中加入。"))
    if not segments or len({s.chain_id for s in segments}) != 1:
        raise CandidateRefused(gettext("请先选择同一产业链的缺失环节。"))
    candidate = _find(region, segments, uscc)
    if candidate is None:
        raise CandidateRefused(
            gettext("企业库中没有统一社会信用代码为 %(uscc)s 的候选企业（所选环节、%(region)s）。")
            % {"uscc": uscc, "region": region.name}
        )
    enterprise = Enterprise.objects.filter(uscc=uscc).first()
    if enterprise is None:
        enterprise = Enterprise.objects.create(
            uscc=uscc,
            name=candidate.name,
            registered_capital=candidate.registered_capital,
            region=Region.objects.filter(code=candidate.district_code).first(),
        )
    return create_lead(
        enterprise=enterprise,
        region=region,
        user=user,
        source=LeadSource.TARGETING,
        segment=segments[0],
        score_explanation=explanation_of(candidate),
        next_action="电话联系，了解投资意向",
    )
