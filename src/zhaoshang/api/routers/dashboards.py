"""/api/cockpit and /api/ranking: read-only figures for dashboards (数据大屏), the cockpit's and the district
ranking's own numbers (targets/cockpit.py), for the region and period the pages would show."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from zhaoshang.accounts.pages import page_city, page_period, page_region
from zhaoshang.api.context import user_of
from zhaoshang.api.errors import ERROR_RESPONSES
from zhaoshang.api.schemas.common import TEXT
from zhaoshang.targets.cockpit import ROLLUP_METRICS, cockpit, default_period, rollup

router = Router(tags=["指标"])


class RankingMetric(StrEnum):
    """The metrics the ranking assesses (targets.cockpit.ROLLUP_METRICS; a test holds them equal)."""

    signed_projects = "signed_projects"
    contract_investment = "contract_investment"
    manufacturing_contract_investment = "manufacturing_contract_investment"


class RankingSort(StrEnum):
    completion = "completion"
    ahead = "ahead"
    amount = "amount"
    signed = "signed"
    growth = "growth"
    manufacturing = "manufacturing"
    code = "code"


class CockpitParams(Schema):
    region: str = Field("", pattern=TEXT, max_length=12, description="区划代码（空：本人所在区划）")
    period: str = Field("", pattern=TEXT, max_length=40, description="期间，如 2022H1（空：最近签约的半年）")


class RankingParams(Schema):
    city: str = Field("", pattern=TEXT, max_length=12, description="市级区划代码（空：本人所在市）")
    period: str = Field("", pattern=TEXT, max_length=40, description="期间，如 2022H1（空：最近签约的半年）")
    metric: RankingMetric = Field(RankingMetric.contract_investment, description="考核指标")
    sort: RankingSort = Field(
        RankingSort.completion, description="排序：完成率、领先、金额、签约数、增速、制造业、代码"
    )


class Kpi(Schema):
    key: str = Field(..., description="指标键")
    label: str = Field(..., description="指标名称")
    text: str = Field(..., description="驾驶舱上的写法，如“超320亿元”")
    note: str = Field(..., description="单位或说明")


class Gauge(Schema):
    name: str = Field(..., description="指标名称")
    completion: float = Field(..., description="全年目标完成率（小数）")
    time_progress: float = Field(..., description="时间进度（小数）")


class Band(Schema):
    label: str = Field(..., description="投资额区间")
    count: int | None = Field(None, description="签约项目数")


class CockpitOut(Schema):
    region: str = Field(..., description="区划代码")
    region_name: str = Field(..., description="区划名称")
    period: str = Field(..., description="期间")
    kpis: list[Kpi] = Field(..., description="驾驶舱指标卡")
    gauges: list[Gauge] = Field(..., description="目标完成率仪表")
    bands: list[Band] = Field(..., description="按投资额区间的签约项目数")


class RankingRow(Schema):
    region: str = Field(..., description="区县代码")
    region_name: str = Field(..., description="区县名称")
    signed_projects: int = Field(..., description="签约项目数（年初至期末）")
    contract_investment: int = Field(..., description="合同投资额（元，年初至期末）")
    manufacturing_contract_investment: int = Field(..., description="其中制造业合同投资额（元）")
    target: float | None = Field(None, description="所选指标的市级任务（全年）")
    completion: float | None = Field(None, description="完成率（小数）")
    ahead_by_pp: float | None = Field(None, description="领先时间进度的百分点")
    growth: float | None = Field(None, description="同比增速（小数）")


class RankingOut(Schema):
    region: str = Field(..., description="市级区划代码")
    region_name: str = Field(..., description="市级区划名称")
    period: str = Field(..., description="期间（排名按年初至期末累计）")
    metric: RankingMetric = Field(..., description="考核指标")
    sort: RankingSort = Field(..., description="排序")
    time_progress: float = Field(..., description="时间进度（小数）")
    rows: list[RankingRow] = Field(..., description="各区县，按所选排序")


def _as_page_request(request: HttpRequest, params: Schema) -> HttpRequest:
    """The page helpers read ?region=/?period= and the user: the same choice of region as the pages."""
    request.user = user_of(request)
    return request


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


@router.get(
    "/cockpit",
    response={200: CockpitOut, **ERROR_RESPONSES},
    operation_id="cockpit",
    summary="驾驶舱（与驾驶舱页面相同的数字）",
    description="某区划某期间的驾驶舱指标卡、目标完成率与投资额区间，供数据大屏读取；区划与期间的缺省值和页面相同。",
)
def cockpit_figures(request: HttpRequest, params: Query[CockpitParams]) -> Any:
    page = _as_page_request(request, params)
    region = page_region(page)
    period = page_period(page, lambda: default_period(region.code))
    data = cockpit(region, period, user_of(request))
    return {
        "region": region.code,
        "region_name": region.name,
        "period": period.code,
        "kpis": [{"key": k.key, "label": str(k.label), "text": k.text, "note": k.note} for k in data["kpis"]],
        "gauges": data["gauges"],
        "bands": [{"label": str(b["label"]), "count": b["count"]} for b in data["bands"]],
    }


@router.get(
    "/ranking",
    response={200: RankingOut, **ERROR_RESPONSES},
    operation_id="ranking",
    summary="区县排名（与区县排名页面相同的数字）",
    description="某市各区县年初至期末的签约项目数、合同投资额与所选指标的目标完成率，供数据大屏读取。",
)
def ranking(request: HttpRequest, params: Query[RankingParams]) -> Any:
    page = _as_page_request(request, params)
    parent = page_city(page)
    period = page_period(page, lambda: default_period(parent.code))
    data = rollup(parent, period, str(params.metric), str(params.sort))
    return {
        "region": parent.code,
        "region_name": parent.name,
        "period": period.code,
        "metric": params.metric,
        "sort": params.sort,
        "time_progress": float(data["ytd"].time_progress()),
        "rows": [
            {
                "region": r.region.code,
                "region_name": r.region.name,
                **{k: r.values[k] or 0 for k in ROLLUP_METRICS},
                "target": _float(r.result.target),
                "completion": _float(r.result.completion),
                "ahead_by_pp": _float(r.result.ahead_by_pp),
                "growth": _float(r.result.growth),
            }
            for r in data["rows"]
        ],
    }
