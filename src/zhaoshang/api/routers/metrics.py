"""/api/metrics: the metric registry for a region and period — the numbers of `zhaoshang summary`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import create_model

from zhaoshang.api.context import scoped
from zhaoshang.api.errors import ERROR_RESPONSES, ApiError
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.common import TEXT
from zhaoshang.lib.periods import PeriodParseError, parse_period
from zhaoshang.regions.models import Region
from zhaoshang.targets.registry import METRICS, as_json, evaluate, scope_q

router = Router(tags=["指标"])


class MetricsParams(Schema):
    region: str = Field(
        ..., min_length=1, pattern=TEXT, max_length=50, description="区划代码或名称，如 500106、沙坪坝区"
    )
    period: str = Field(
        ...,
        min_length=1,
        pattern=TEXT,
        max_length=40,
        description=texts.PERIOD,
    )
    scope: str = Field(
        "",
        pattern=TEXT,
        max_length=50,
        description="口径：空（全部）、key、manufacturing、direction:<id>、chain:<key> …",
    )


class MetricsHead(Schema):
    region: str = Field(..., description=texts.REGION_CODE)
    region_name: str = Field(..., description=texts.REGION_NAME)
    period: str = Field(..., description="期间代码")
    scope: str = Field(..., description="口径（空：全部）")


# Every metric of the registry, by the key `zhaoshang summary --json` prints (money in yuan, ratios as
# fractions); a metric added to the registry appears here and in the schema by itself.
_METRIC_FIELDS: dict[str, Any] = {
    m.output_key: (
        (float | None) if m.unit == "ratio" else (int | None),
        Field(None, description=str(m.label)),
    )
    for m in METRICS.values()
}
MetricsOut = create_model("MetricsOut", __base__=MetricsHead, **_METRIC_FIELDS)


@router.get(
    "",
    response={200: MetricsOut, **ERROR_RESPONSES},
    operation_id="metrics",
    summary="指标（与 zhaoshang summary 相同的口径与数字）",
)
def metrics(request: HttpRequest, params: Query[MetricsParams]) -> Any:
    """返回某区划某期间的全部指标（签约项目数、合同投资额、制造业占比等），与 zhaoshang
    summary --json
    的口径和数字相同；金额为元，比率为小数。区划按代码或名称查找，须在调用者的数据范围内，否则
    404；期间或口径无法识别时 400。
    """
    region = scoped(request, Region.objects.all()).lookup(params.region)
    if region is None:
        raise ApiError(404, _("找不到区划“%(q)s”，或不在您的权限范围内。") % {"q": params.region})
    try:
        period = parse_period(params.period)
    except PeriodParseError as exc:
        raise ApiError(400, str(exc), details={"period": [str(exc)]}) from exc
    try:
        scope_q(params.scope)
    except ValueError as exc:
        raise ApiError(400, _("无法识别的口径“%(scope)s”。") % {"scope": params.scope}) from exc
    values = as_json(evaluate(region.code, period, scope=params.scope))
    return {
        "region": region.code,
        "region_name": region.name,
        "period": period.code,
        "scope": params.scope,
        **values,
    }
