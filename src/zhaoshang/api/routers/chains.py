"""/api/chains: the industry chains, and a chain as a district holds it (chains.services.chain_map).

Chains and their segments are reference data shared by every district (no region of their own, as on the
chain-map page); what a district holds of a chain — its members — is read only for a region in reach.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from zhaoshang.api.context import get_scoped
from zhaoshang.api.errors import ERROR_RESPONSES, ApiError
from zhaoshang.api.schemas import texts
from zhaoshang.api.schemas.chains import CHAIN_KEY, ChainMapOut, ChainOut
from zhaoshang.api.schemas.common import REGION_CODE
from zhaoshang.chains.models import Chain
from zhaoshang.chains.services import chain_map
from zhaoshang.regions.models import Region

router = Router(tags=["产业链"])


class MapParams(Schema):
    region: str = Field(..., pattern=REGION_CODE, description="区县区划代码，如 500106")


def _chains():
    return Chain.objects.annotate(segment_count=Count("segments")).order_by("order", "key")


def _firm(e: Any) -> dict[str, Any]:
    return {"id": e.pk, "name": e.name, "short_name": e.short_name, "is_above_scale": e.is_above_scale}


@router.get(
    "", response={200: list[ChainOut], **ERROR_RESPONSES}, operation_id="chains_list", summary="产业链列表"
)
def list_chains(request: HttpRequest) -> Any:
    """返回全部产业链及其环节数。产业链是各区县共用的基础数据，任何已登录的调用者都可读取。"""
    return list(_chains())


@router.get(
    "/{key}/map",
    response={200: ChainMapOut, **ERROR_RESPONSES},
    operation_id="chains_map",
    summary="产业链图谱：某区县的链主、企业、覆盖率、空白与薄弱环节",
)
def get_chain_map(
    request: HttpRequest,
    params: Query[MapParams],
    key: str = Path(..., pattern=CHAIN_KEY, description=texts.CHAIN_KEY),
) -> Any:
    """返回某产业链在某区县的图谱：链主、链上企业、末级环节覆盖率、规上企业数、空白与薄弱环节，以及各环节的企业
    。产业链不存在、或区县不在调用者的数据范围内时 404；区划代码格式不对时 422。
    """
    chain = _chains().filter(key=key).first()
    if chain is None:
        raise ApiError(404, "资源不存在或不在您的权限范围内。")
    region = get_scoped(request, Region.objects.all(), code=params.region)
    cmap = chain_map(chain, region)
    return {
        "chain": chain,
        "region": region,
        "coverage": float(cmap.coverage) if cmap.coverage is not None else None,
        "above_scale": cmap.above_scale,
        "leaders": [_firm(e) for e in cmap.leaders],
        "firms": [_firm(e) for e in cmap.firms],
        "gaps": [{"id": s.pk, "name": s.name} for s in cmap.gaps],
        "weak": [{"id": s.pk, "name": s.name} for s in cmap.weak],
        "segments": [
            {
                "id": cov.segment.pk,
                "name": cov.segment.name,
                "parent_id": cov.segment.parent_id,
                "position": cov.segment.position,
                "is_gap": cov.is_gap,
                "is_weak": cov.is_weak,
                "members": [
                    {"enterprise": {"id": m.enterprise_id, "name": m.enterprise.name}, "role": m.role}
                    for m in cov.members
                ],
            }
            for cov in cmap.segments
        ],
    }
