"""The metric registry: every figure the platform shows is declared here once.

A metric says which projects it counts (its *basis*: the date that puts a project in a period, and any
built-in scope) and how it aggregates. `evaluate` computes any set of metrics for a region, a period and
a scope in ONE query, and `projects_behind` returns exactly the ledger rows behind a number, so that
every figure drills down to its projects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from zhaoshang.lib.metrics import ratio, rounded_ratio
from zhaoshang.lib.periods import Period
from zhaoshang.projects.models import Project
from zhaoshang.projects.querysets import region_q, signed_q


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str  # "count" | "yuan" | "usd" | "ratio"
    basis: str = "signed"  # "signed" | "started" | "in_production" | "derived"
    field: str | None = None  # the summed field; None counts projects
    only: Q | None = None  # a scope built into the metric (e.g. manufacturing)
    ratio_of: tuple[str, str] | None = None  # derived metrics: (numerator, denominator)
    as_of_end: Callable[[Period], Q] | None = None  # a condition judged at the period end

    def basis_q(self, period: Period) -> Q:
        if self.basis == "signed":
            q = signed_q(period.start, period.end)
        elif self.basis == "started":
            q = Q(started_on__gte=period.start, started_on__lte=period.end)
        elif self.basis == "in_production":
            q = Q(in_production_on__gte=period.start, in_production_on__lte=period.end)
        else:
            raise ValueError(f"derived metric {self.key} has no basis")
        if self.as_of_end is not None:
            q &= self.as_of_end(period)
        return q & self.only if self.only is not None else q

    @property
    def output_key(self) -> str:
        return {"yuan": f"{self.key}_yuan", "usd": f"{self.key}_usd"}.get(self.unit, self.key)


YI = 100_000_000
MANUFACTURING = Q(is_manufacturing=True)

METRICS: dict[str, Metric] = {
    m.key: m
    for m in [
        Metric("signed_projects", _("签约项目数"), "count"),
        Metric("contract_investment", _("合同投资额"), "yuan", field="contract_investment"),
        Metric("manufacturing_signed_projects", _("制造业签约项目数"), "count", only=MANUFACTURING),
        Metric(
            "manufacturing_contract_investment",
            _("制造业合同投资额"),
            "yuan",
            field="contract_investment",
            only=MANUFACTURING,
        ),
        Metric(
            "manufacturing_share",
            _("制造业合同投资额占比"),
            "ratio",
            basis="derived",
            ratio_of=("manufacturing_contract_investment", "contract_investment"),
        ),
        Metric("key_signed_projects", _("重点产业项目数"), "count", only=Q(is_key=True)),
        Metric("projects_over_100m", _("亿元以上项目数"), "count", only=Q(contract_investment__gte=YI)),
        Metric("projects_over_1b", _("10亿元以上项目数"), "count", only=Q(contract_investment__gte=10 * YI)),
        Metric("projects_over_5b", _("50亿元以上项目数"), "count", only=Q(contract_investment__gte=50 * YI)),
        Metric(
            "foreign_capital", _("实际使用外资"), "usd", field="foreign_capital_usd", only=Q(origin="foreign")
        ),
        Metric(
            "band_3_10",
            _("3–10亿元项目数"),
            "count",
            only=Q(contract_investment__gte=3 * YI, contract_investment__lt=10 * YI),
        ),
        Metric(
            "band_10_20",
            _("10–20亿元项目数"),
            "count",
            only=Q(contract_investment__gte=10 * YI, contract_investment__lt=20 * YI),
        ),
        Metric("band_over_20", _("20亿元以上项目数"), "count", only=Q(contract_investment__gte=20 * YI)),
        Metric(
            "signed_started_projects",
            _("签约项目中已开工数"),
            "count",
            as_of_end=lambda p: Q(started_on__lte=p.end),
        ),
        Metric(
            "start_rate",
            _("开工率"),
            "ratio",
            basis="derived",
            ratio_of=("signed_started_projects", "signed_projects"),
        ),
        Metric("started_projects", _("开工项目数"), "count", basis="started"),
        Metric("in_production_projects", _("投产项目数"), "count", basis="in_production"),
    ]
}


def scope_q(scope: str) -> Q:
    """A scope narrows any metric: "" all, "key", "manufacturing", "direction:<id>", "segment:<id>",
    "chain:<key>", "park:<id>"."""
    if not scope:
        return Q()
    kind, _sep, arg = scope.partition(":")
    match kind:
        case "key":
            return Q(is_key=True)
        case "manufacturing":
            return MANUFACTURING
        case "direction":
            return Q(direction_id=int(arg))
        case "segment":
            return Q(pk__in=Project.objects.filter(segments__id=int(arg)).values("pk"))
        case "chain":
            return Q(pk__in=Project.objects.filter(segments__chain__key=arg).values("pk"))
        case "park":
            return Q(park_id=int(arg))
    raise ValueError(f"unknown scope {scope!r}")


SCOPE_HELP = _(
    "口径可填：空（全部）、key、manufacturing、direction:<编号>、segment:<编号>、chain:<代码>、park:<编号>"
)


def check_scope(scope: str) -> None:
    """Refuse a scope that names nothing (raises ValueError with a Chinese message): an unknown kind, or a
    direction, segment, chain or park that does not exist. Every door that stores a scope calls this."""
    from zhaoshang.chains.models import Chain, Segment
    from zhaoshang.industries.models import IndustryDirection
    from zhaoshang.regions.models import Park

    if not scope:
        return
    kind, sep, arg = scope.partition(":")
    if kind in ("key", "manufacturing") and not sep:
        return
    by_id = {"direction": IndustryDirection, "segment": Segment, "park": Park}
    if (
        kind in by_id
        and arg.isdigit()
        and len(arg) <= 12
        and by_id[kind].objects.filter(pk=int(arg)).exists()
    ):
        return
    if kind == "chain" and arg and Chain.objects.filter(key=arg).exists():
        return
    raise ValueError(_("无法识别的口径“%(scope)s”。%(help)s") % {"scope": scope[:50], "help": SCOPE_HELP})


def _with_dependencies(keys: Iterable[str] | None) -> tuple[list[Metric], dict[str, Metric]]:
    wanted = [METRICS[k] for k in (keys or METRICS)]
    needed = {m.key: m for m in wanted}
    for m in wanted:
        for dep in m.ratio_of or ():
            needed.setdefault(dep, METRICS[dep])
    return wanted, needed


def _aggregates(metrics: Iterable[Metric], period: Period) -> dict:
    aggregates = {}
    for m in metrics:
        if m.basis == "derived":
            continue
        condition = m.basis_q(period)
        # Aliased: an aggregate may not share its name with a model field (contract_investment).
        aggregates[f"m_{m.key}"] = (
            Count("pk", filter=condition) if m.field is None else Sum(m.field, filter=condition)
        )
    return aggregates


_BASIS_FIELD = {"signed": "signed_on", "started": "started_on", "in_production": "in_production_on"}


def _dates_q(metrics: Iterable[Metric], periods: Iterable[Period]) -> Q:
    """The union of the date ranges the metrics can count: implied by every aggregate's own filter, but
    stated in WHERE so that the database reads only those rows (an index range, not the whole region)."""
    q = Q(pk__in=[])
    fields = {_BASIS_FIELD[m.basis] for m in metrics if m.basis in _BASIS_FIELD}
    for period in periods:
        for field in sorted(fields):
            q |= Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})
    return q


def _finish(raw: dict, wanted: list[Metric], needed: dict[str, Metric]) -> dict[str, int | Decimal | None]:
    values: dict[str, int | Decimal | None] = {
        key.removeprefix("m_"): value for key, value in raw.items() if key.startswith("m_")
    }
    for m in needed.values():
        if m.unit in ("yuan", "usd") and values.get(m.key) is None:
            values[m.key] = 0
    for m in needed.values():
        if m.ratio_of:
            values[m.key] = rounded_ratio(ratio(values[m.ratio_of[0]], values[m.ratio_of[1]]))
    return {m.key: values[m.key] for m in wanted}


def evaluate(
    region_code: str, period: Period, keys: Iterable[str] | None = None, scope: str = ""
) -> dict[str, int | Decimal | None]:
    """Compute metrics (all by default) for a region, period and scope, in one aggregate query."""
    wanted, needed = _with_dependencies(keys)
    base = Project.objects.filter(
        region_q(region_code) & scope_q(scope) & _dates_q(needed.values(), [period])
    )
    return _finish(base.aggregate(**_aggregates(needed.values(), period)), wanted, needed)


def evaluate_periods(
    region_code: str, periods: dict[str, Period], keys: Iterable[str] | None = None, scope: str = ""
) -> dict[str, dict[str, int | Decimal | None]]:
    """`evaluate` for several named periods at once (this year, last year, …) in ONE aggregate query."""
    wanted, needed = _with_dependencies(keys)
    aggregates = {}
    for name, period in periods.items():
        aggregates |= {f"{name}__{alias}": agg for alias, agg in _aggregates(needed.values(), period).items()}
    base = Project.objects.filter(
        region_q(region_code) & scope_q(scope) & _dates_q(needed.values(), periods.values())
    )
    raw = base.aggregate(**aggregates)
    out = {}
    for name in periods:
        mine = {
            alias.split("__", 1)[1]: value for alias, value in raw.items() if alias.startswith(f"{name}__")
        }
        out[name] = _finish(mine, wanted, needed)
    return out


def evaluate_by_region(
    parent_code: str, period: Period, keys: Iterable[str] | None = None, scope: str = ""
) -> dict[str, dict[str, int | Decimal | None]]:
    """The same metrics for every district under a city or province, in one grouped query."""
    wanted, needed = _with_dependencies(keys)
    rows = (
        Project.objects.filter(region_q(parent_code) & scope_q(scope) & _dates_q(needed.values(), [period]))
        .values("region__code")
        .order_by("region__code")
        .annotate(**_aggregates(needed.values(), period))
    )
    return {row["region__code"]: _finish(row, wanted, needed) for row in rows}


def monthly(
    region_code: str, period: Period, keys: Iterable[str], scope: str = "", *, by_day: bool = False
) -> dict[date, dict[str, int | Decimal | None]]:
    """Signed-basis metrics per month (or day) of signing within `period`, in one grouped query.

    Terminations are judged at the period end, so the months add up to the period's figure.
    """
    wanted, needed = _with_dependencies(keys)
    if any(m.basis not in ("signed", "derived") for m in needed.values()):
        raise ValueError("monthly series exist for signed-basis metrics only")
    rows = (
        Project.objects.filter(region_q(region_code) & scope_q(scope) & signed_q(period.start, period.end))
        .annotate(month=F("signed_on") if by_day else TruncMonth("signed_on"))
        .values("month")
        .order_by("month")
        .annotate(**_aggregates(needed.values(), period))
    )
    return {row["month"]: _finish(row, wanted, needed) for row in rows}


def projects_behind(metric_key: str, region_code: str, period: Period, scope: str = "") -> QuerySet[Project]:
    """Exactly the ledger rows a metric counts (for a ratio: those of its numerator)."""
    metric = METRICS[metric_key]
    if metric.ratio_of:
        metric = METRICS[metric.ratio_of[0]]
    return Project.objects.filter(region_q(region_code) & scope_q(scope) & metric.basis_q(period))


def as_json(values: dict[str, int | Decimal | None]) -> dict[str, int | float | None]:
    """JSON-ready: money and counts as integers, ratios as fractions to four places."""
    out: dict[str, int | float | None] = {}
    for key, value in values.items():
        metric = METRICS[key]
        if value is None:
            out[metric.output_key] = None
        elif metric.unit == "ratio":
            out[metric.output_key] = float(value)
        else:
            out[metric.output_key] = int(value)
    return out
