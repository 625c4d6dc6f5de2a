"""Duplicate enterprises: finding them (same code, same or similar name) and merging them into one.

Names are compared without what does not tell firms apart: the legal-form suffix (有限公司,
股份有限公司 …), the demo's synthetic mark （模拟）, spaces and punctuation. Two firms with different
统一社会信用代码 are different legal persons and are never proposed. A merge moves every record that
points at the merged firm (projects, leads, chain memberships — found from the model's relations, so a
relation added later moves too), keeps the merged names as former names and aliases, and leaves a
history record on both sides (django-simple-history).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zhaoshang.enterprises.models import Enterprise

SYNTHETIC_MARK = re.compile(r"\(\s*模拟\s*\)")
LEGAL_SUFFIX = re.compile(
    r"(?:集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司|股份公司|集团公司|公司)$"
)
NOISE = re.compile(r"[\s·・.,，、()\[\]【】\-—_\"'“”]")
CHUNK = 1000
FILLED = ("region", "industry", "registered_capital", "group", "short_name")


def normalise_name(name: str) -> str:
    """赛力斯汽车有限公司（模拟） → 赛力斯汽车: the part of a name that identifies the firm."""
    text = SYNTHETIC_MARK.sub("", unicodedata.normalize("NFKC", name or ""))
    text = re.sub(r"\s+", "", text)
    while (shorter := LEGAL_SUFFIX.sub("", text)) != text and shorter:
        text = shorter
    return NOISE.sub("", text) or text


@dataclass(frozen=True)
class DuplicatePair:
    first: Enterprise
    second: Enterprise
    score: int
    reason: str


def _compatible(a: Enterprise, b: Enterprise) -> bool:
    return not (a.uscc and b.uscc and a.uscc != b.uscc)


def find_duplicates(
    queryset: QuerySet[Enterprise], *, threshold: int = 90, limit: int = 200
) -> list[DuplicatePair]:
    """Likely duplicates among `queryset`, best first: equal names (current, former or aliases), then
    similar names (rapidfuzz ratio ≥ threshold on the normalised names)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    firms = list(queryset.only("id", "name", "uscc", "short_name", "former_names", "aliases", "is_synthetic"))
    keys = [normalise_name(f.name) for f in firms]
    found: dict[tuple[int, int], DuplicatePair] = {}

    def add(i: int, j: int, score: int, reason: str) -> None:
        a, b = sorted((i, j))
        if a != b and (a, b) not in found and _compatible(firms[a], firms[b]):
            found[(a, b)] = DuplicatePair(firms[a], firms[b], score, reason)

    by_name: dict[str, set[int]] = defaultdict(set)
    for i, firm in enumerate(firms):
        for name in (firm.name, *firm.former_names, *firm.aliases):
            if key := normalise_name(name):
                by_name[key].add(i)
    for indices in by_name.values():
        for i, j in combinations(sorted(indices), 2):
            add(i, j, 100, _("名称相同（不计“有限公司”等后缀、曾用名和别名）"))
    usable = [k if len(k) >= 2 else "\0" * 8 + str(n) for n, k in enumerate(keys)]
    for start in range(0, len(usable), CHUNK):
        scores = process.cdist(
            usable[start : start + CHUNK],
            usable,
            scorer=fuzz.ratio,
            score_cutoff=threshold,
            dtype=np.uint8,
            workers=-1,
        )
        for row, col in zip(*np.nonzero(scores), strict=True):
            if start + row < col:
                add(start + int(row), int(col), int(scores[row, col]), _("名称相似"))
    return sorted(found.values(), key=lambda p: (-p.score, p.first.name))[:limit]


class MergeError(ValueError):
    """A merge that cannot be made (message in Chinese)."""


def related_counts(firm: Enterprise) -> dict[str, int]:
    """How many records of each kind point at a firm (what a merge would move)."""
    counts = {}
    for rel in Enterprise._meta.related_objects:
        label = str(rel.related_model._meta.verbose_name)
        if rel.many_to_many:
            counts[label] = rel.through.objects.filter(**{rel.field.m2m_reverse_field_name(): firm}).count()
        else:
            counts[label] = rel.related_model._default_manager.filter(**{rel.field.name: firm}).count()
    return counts


def _merge_lead(lead: Any, kept: Any) -> None:
    """Two leads for one firm in one district: the visits and the note move to the kept lead."""
    if lead.project_id and kept.project_id:
        raise MergeError(_("两家企业在%(region)s都有已转化的线索，不能自动合并。") % {"region": lead.region})
    lead.visits.update(lead=kept)
    if lead.notes:
        kept.notes = "\n".join(n for n in (kept.notes, lead.notes) if n)
    project_id = lead.project_id
    lead.delete()
    if project_id and not kept.project_id:
        kept.project_id, kept.stage = project_id, lead.stage
    kept.save()


def _move(rel: Any, other: Enterprise, survivor: Enterprise) -> int:
    model, field = rel.related_model, rel.field.name
    if rel.many_to_many:
        through, source, target = rel.through, rel.field.m2m_field_name(), rel.field.m2m_reverse_field_name()
        shared = through.objects.filter(**{target: survivor}).values(f"{source}_id")
        through.objects.filter(**{target: other, f"{source}_id__in": shared}).delete()
        return through.objects.filter(**{target: other}).update(**{target: survivor})
    together = [
        c.fields
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and field in c.fields
    ]
    moved = 0
    # Rows in the recycle bin move too: they would block (PROTECT) or vanish with (CASCADE) the merged firm.
    # Unique keys hold among live rows only, so a deleted row never clashes.
    everything = getattr(model, "all_objects", model._default_manager)
    for row in everything.filter(**{field: other}):
        clash = None
        for fields in together if getattr(row, "deleted_at", None) is None else ():
            others = {
                f"{f}_id" if model._meta.get_field(f).is_relation else f: getattr(
                    row, model._meta.get_field(f).attname
                )
                for f in fields
                if f != field
            }
            clash = clash or model._default_manager.filter(**{field: survivor}, **others).first()
        if clash is not None and model._meta.label == "leads.Lead":
            _merge_lead(row, clash)
        elif clash is not None:
            row.delete()  # the survivor already holds this place (e.g. the same chain segment)
        else:
            setattr(row, field, survivor)
            row.save()
            moved += 1
    return moved


def _absorb(survivor: Enterprise, other: Enterprise) -> None:
    names = [n for n in (other.name, *other.former_names) if n and n != survivor.name]
    survivor.former_names = list(dict.fromkeys([*survivor.former_names, *names]))
    aliases = [a for a in (*other.aliases, other.short_name) if a and a not in survivor.all_names()]
    survivor.aliases = list(dict.fromkeys([*survivor.aliases, *aliases]))
    for name in FILLED:
        if getattr(survivor, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(survivor, name, getattr(other, name))
    survivor.is_above_scale = survivor.is_above_scale or other.is_above_scale
    survivor.is_listed = survivor.is_listed or other.is_listed


@transaction.atomic
def merge_enterprises(*, survivor: Enterprise, others: list[Enterprise], user: Any = None) -> dict[str, int]:
    """Merge `others` into `survivor`; returns how many records of each kind moved."""
    survivor = Enterprise.objects.select_for_update().get(pk=survivor.pk)
    others = list(
        Enterprise.objects.select_for_update().filter(pk__in=[o.pk for o in others]).exclude(pk=survivor.pk)
    )
    if not others:
        raise MergeError(_("请至少选择一家要并入的企业。"))
    if len({f.uscc for f in [survivor, *others] if f.uscc}) > 1:
        raise MergeError(_("这些企业的统一社会信用代码不同，是不同的法人，不能合并。"))
    moved: Counter[str] = Counter()
    for other in others:
        for rel in Enterprise._meta.related_objects:
            moved[str(rel.related_model._meta.verbose_name)] += _move(rel, other, survivor)
        _absorb(survivor, other)
        code = other.uscc
        other._change_reason = _("并入“%(name)s”（编号 %(pk)d）") % {"name": survivor.name, "pk": survivor.pk}
        other._history_user = user
        other.delete()
        survivor.uscc = survivor.uscc or code
    survivor._change_reason = _("合并：%(names)s") % {"names": "、".join(o.name for o in others)}
    survivor._history_user = user
    survivor.save()
    return dict(moved)


def merge_refusal(user: Any, firms: list[Enterprise]) -> str | None:
    """Why this user may not merge these firms, or None. Administrators merge; a district administrator
    only firms whose projects, leads and chain places all lie in the district (else the city merges)."""
    from django.core.exceptions import ImproperlyConfigured

    from zhaoshang.accounts.models import Role
    from zhaoshang.accounts.scoping import for_user

    if user.is_superuser:
        return None
    if user.role not in (Role.CITY_ADMIN, Role.DISTRICT_ADMIN):
        return _("只有市级或区县管理员可以合并企业。")
    for firm in firms:
        for rel in Enterprise._meta.related_objects:
            model = rel.related_model
            rows = getattr(model, "all_objects", model._default_manager).filter(
                **{rel.field.name: firm}
            )  # deleted too
            try:
                outside = rows.count() != for_user(rows, user).count()
            except ImproperlyConfigured:
                outside = True
            if outside:
                return _("“%(name)s”关联了您管辖范围以外的%(what)s，请由市级管理员合并。") % {
                    "name": firm.name,
                    "what": rel.related_model._meta.verbose_name,
                }
    return None
