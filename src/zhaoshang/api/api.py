"""The REST API (django-ninja): /api/, its OpenAPI schema at /api/openapi.json and docs at /api/docs.

The docs page is served from django-ninja's own static copy of swagger-ui ("ninja" is in INSTALLED_APPS),
so it loads nothing from a CDN.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Swagger

from zhaoshang.api import errors
from zhaoshang.api.auth import SessionAuth, TokenAuth
from zhaoshang.api.routers import (
    chains,
    dashboards,
    enterprises,
    intake,
    leads,
    metrics,
    plans,
    projects,
    regions,
    targets,
    units,
)
from zhaoshang.jobs.api import router as jobs_router

# The routers' tags, in the order the docs list them, with what each group of operations is for.
TAGS = [
    ("项目台账", "项目的录入、修改、阶段变更、删除与恢复；筛选与台账页面相同，金额单位为元。"),
    (
        "指标",
        "某区划某期间的全部指标（签约项目数、合同投资额、制造业占比等），口径与驾驶舱和 zhaoshang summary 相同。",
    ),
    ("目标与考核", "年度目标的查询、录入与修改。"),
    ("区划", "可见的行政区划及按代码或名称查找。"),
    ("企业", "企业（统一社会信用代码、曾用名）的查询。"),
    ("产业链", "产业链、环节与链上企业，链图的覆盖与缺口。"),
    ("节点计划", "签约后的节点计划：模板、项目的节点、完成与延期原因；台账阶段变更自动完成对应节点。"),
    ("招商线索", "线索的录入、走访记录与转为项目。"),
    ("文档核查", "新闻稿、报告的录入，提取出的数字（事实）的审核与更正。"),
    ("后台任务", "大批量导入等耗时工作的状态、进度、结果与错误；失败后的重试。"),
    (
        "责任单位",
        "区县的责任单位（发改、经信、规划自然资源、街道等）及其成员；责任单位账号只能看到本单位。",
    ),
]

api = NinjaAPI(
    title="招商引资管理平台 API",
    version="1",
    description=(
        "认证：请求头 `Authorization: Bearer <令牌>`（在“API 令牌”页面或 `zhaoshang token create` 生成），"
        "或已登录浏览器的会话（写操作需 CSRF）。数据范围与账号相同。金额单位为元（外资为美元）。"
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    openapi_extra={"tags": [{"name": name, "description": text} for name, text in TAGS]},
)
errors.install(api)
api.add_router("/projects", projects.router)
api.add_router("/enterprises", enterprises.router)
api.add_router("/targets", targets.router)
api.add_router("/metrics", metrics.router)
api.add_router("", dashboards.router)
api.add_router("/regions", regions.router)
api.add_router("/chains", chains.router)
api.add_router("/plans", plans.router)
api.add_router("/leads", leads.router)
api.add_router("/documents", intake.documents)
api.add_router("/facts", intake.facts)
api.add_router("/jobs", jobs_router)
api.add_router("/units", units.router)


@csrf_exempt  # nothing to protect: every method gets the same 404
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Unknown paths under /api/ get the same JSON error body, not the HTML 404 page."""
    return JsonResponse(errors.body("not_found", _("接口不存在。")), status=404)
