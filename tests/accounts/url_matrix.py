"""Enumerate every page of the URL conf and every operation of the OpenAPI schema as requests about a
district, run them as a user, and judge the answers. Used by test_every_url_is_scoped.py.

Nothing here lists URLs: a page or API route added later is requested automatically. What must be
declared is how to fill a URL parameter (PAGE_PARAMS, API_PARAMS) and, for writes, a valid payload
(PAGE_POSTS, API_BODIES); an unknown URL parameter or API body fails loudly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.accounts.world import DISTRICTS, World, marker
from tests.intake.factories import document_in


def _chain_member(w: World, x: str) -> tuple[int, bool]:
    """A member of the NEV chain in district x (the world has none of its own)."""
    from zhaoshang.chains.models import ChainMember, Segment

    segment = Segment.objects.filter(chain__key="nev").order_by("pk").first()
    member, _created = ChainMember.objects.get_or_create(
        segment=segment, enterprise=w[x].enterprise, region=w[x].region
    )
    return member.pk, True


def _deleted_project(w: World, x: str) -> tuple[int, bool]:
    """A project of district x in the recycle bin, its deletion reason carrying the district's marker."""
    from zhaoshang.projects.models import Project

    project = Project.objects.create(name=f"{marker(x)}已删除项目", region=w[x].region, lead_on=date.today())
    project.soft_delete(w[x].admin, f"{marker(x)}删除理由")
    return project.pk, True


def _job(w: World, x: str) -> tuple[int, bool]:
    """A failed, retryable job of district x (its title and error carry the district's marker); also a clean
    dry run, so that 确认导入 has something to confirm."""
    from zhaoshang.jobs.models import Job, JobState

    job = Job.objects.create(
        kind="import",
        title=f"{marker(x)}后台任务",
        user=w[x].officer,
        region=w[x].region,
        state=JobState.FAILED,
        error=f"{marker(x)}失败原因",
        retryable=True,
        params={"kind": "projects", "file": "missing.xlsx", "name": "x.xlsx", "dry_run": True, "rows": 3},
        result={"confirmable": True},
    )
    return job.pk, True


def _plan_node(w: World, x: str) -> tuple[int, bool]:
    """A node of the plan of district x's project (the plan made once; its project's name carries the marker)."""
    from zhaoshang.plans.models import ProjectNode
    from zhaoshang.plans.services import create_plan

    project = w[x].project
    if not ProjectNode.objects.filter(project=project).exists():
        create_plan(project=project)
    node = ProjectNode.objects.filter(project=project, actual_on__isnull=True).order_by("order").first()
    assert node is not None
    return node.pk, True


def _node_template(w: World, x: str) -> tuple[int, bool]:
    """District x's own node template, named with the district's marker."""
    from zhaoshang.plans.models import NodeTemplate, TemplateNode

    template, created = NodeTemplate.objects.get_or_create(
        name=f"{marker(x)}节点模板", region=w[x].region, defaults={"project_type": "retrofit"}
    )
    if created:
        TemplateNode.objects.create(template=template, order=1, code="start", name="开工", anchor="start")
    return template.pk, True


def _unit_member(w: World, x: str) -> tuple[int, bool]:
    """A member of district x's second unit (a unit user of x who is not the world's `spb_fgw`)."""
    from zhaoshang.accounts.models import Role, User
    from zhaoshang.units.models import UnitMember

    unit = w[x].sibling_unit
    user, _created = User.objects.get_or_create(
        username=f"unit_member_{x}", defaults={"role": Role.UNIT, "region": w[x].region}
    )
    member, _created = UnitMember.objects.get_or_create(unit=unit, user=user)
    return member.pk, True


def _message(w: World, x: str) -> tuple[int, bool]:
    """An inbox message of district x's officer (its subject carries the district's marker)."""
    from zhaoshang.notify.models import Message

    message = (
        Message.objects.create(
            recipient=w[x].officer, kind="lead_follow_up", subject=f"{marker(x)}消息", dedup_key=f"matrix:{x}"
        )
        if not Message.objects.filter(dedup_key=f"matrix:{x}").exists()
        else Message.objects.get(dedup_key=f"matrix:{x}")
    )
    return message.pk, True


def _robot(w: World, x: str) -> tuple[int, bool]:
    """A group robot of district x."""
    from zhaoshang.notify.models import Robot

    robot, _created = Robot.objects.get_or_create(
        region=w[x].region,
        name=f"{marker(x)}群机器人",
        defaults={"platform": "wecom", "webhook": f"https://robot.test/send?key={marker(x)}"},
    )
    return robot.pk, True


def _outbox(w: World, x: str) -> tuple[int, bool]:
    """A failed outbox message of district x."""
    from zhaoshang.notify.models import Outbox

    row, _created = Outbox.objects.get_or_create(
        channel="email",
        target=f"user:{w[x].officer.pk}",
        dedup_key=f"matrix:{x}",
        defaults={
            "kind": "lead_follow_up",
            "recipient": w[x].officer,
            "address": "officer@example.test",
            "subject": f"{marker(x)}发件",
            "region": w[x].region,
            "status": "failed",
            "last_error": f"{marker(x)}错误",
        },
    )
    return row.pk, True


# --- how to fill URL parameters: (namespace, name) -> (world, district) -> (value, bound to district) ---
ParamFill = Callable[[World, str], tuple[Any, bool]]
PAGE_PARAMS: dict[tuple[str, str], ParamFill] = {
    ("projects", "pk"): lambda w, x: (w[x].project.pk, True),
    ("targets", "pk"): lambda w, x: (w[x].target.pk, True),
    ("leads", "pk"): lambda w, x: (w[x].lead.pk, True),
    ("accounts", "pk"): lambda w, x: (w[x].token.pk, True),
    ("chains", "key"): lambda w, x: ("nev", False),
    ("chains", "pk"): _chain_member,
    ("trash", "kind"): lambda w, x: ("project", False),
    ("trash", "pk"): _deleted_project,
    ("jobs", "pk"): _job,
    ("imports", "pk"): _job,
    ("intake", "pk"): lambda w, x: (document_in(w[x].region, title=f"{marker(x)}文档").pk, True),
    ("units", "pk"): lambda w, x: (w[x].unit.pk, True),
    ("units", "member_pk"): _unit_member,
    ("", "rest"): lambda w, x: ("no-such-endpoint", False),
}
# Parameters that depend on the route, not only on its namespace: the 修改记录 page of each audited model
# (records/history.py REGISTRY, one route per model). Looked up before PAGE_PARAMS.
ROUTE_PARAMS: dict[tuple[str, str], ParamFill] = {
    ("history:project", "pk"): lambda w, x: (w[x].project.pk, True),
    ("history:enterprise", "pk"): lambda w, x: (w[x].enterprise.pk, True),
    ("history:target", "pk"): lambda w, x: (w[x].target.pk, True),
    ("history:lead", "pk"): lambda w, x: (w[x].lead.pk, True),
    ("history:chain-member", "pk"): _chain_member,
    ("history:project-node", "pk"): _plan_node,
    **{(f"plans:{n}", "pk"): lambda w, x: (w[x].project.pk, True) for n in ("project", "create", "export")},
    **{(f"plans:{n}", "pk"): _plan_node for n in ("complete", "delay", "assign")},
    ("plans:template", "pk"): _node_template,
    ("history:node-template", "pk"): _node_template,
    ("history:unit", "pk"): lambda w, x: (w[x].unit.pk, True),
    ("history:robot", "pk"): _robot,
    ("notify:message", "pk"): _message,
    ("notify:robot_edit", "pk"): _robot,
    ("notify:outbox_retry", "pk"): _outbox,
    ("history:fact", "pk"): lambda w, x: (
        document_in(w[x].region, title=f"{marker(x)}文档").facts.get().pk,
        True,
    ),
}
API_PARAMS: dict[str, ParamFill] = {
    "project_id": lambda w, x: (w[x].project.pk, True),
    "enterprise_id": lambda w, x: (w[x].enterprise.pk, True),
    "target_id": lambda w, x: (w[x].target.pk, True),
    "code": lambda w, x: (x, True),
    "key": lambda w, x: ("nev", False),
    "lead_id": lambda w, x: (w[x].lead.pk, True),
    "document_id": lambda w, x: (document_in(w[x].region, title=f"{marker(x)}文档").pk, True),
    "fact_id": lambda w, x: (document_in(w[x].region, title=f"{marker(x)}文档").facts.get().pk, True),
    "job_id": _job,
    "node_id": _plan_node,
    "unit_id": lambda w, x: (w[x].unit.pk, True),
}
# Required query parameters of API operations.
API_QUERY: dict[str, ParamFill] = {
    "region": lambda w, x: (x, True),
    "period": lambda w, x: ("2022H1", False),
    "q": lambda w, x: (x, True),
    "reason": lambda w, x: ("权限矩阵测试", False),
}

# --- valid write payloads: a refusal must then be a refusal, not a validation error -------------------
Payload = Callable[[World, str], dict[str, Any]]


def _project_form(w: World, x: str) -> dict[str, Any]:
    today = date.today().isoformat()
    return {
        "name": f"新项目{x}",
        "region": w[x].region.pk,
        "project_type": "new",
        "origin": "domestic",
        "stage": "signed",
        "lead_on": today,
        "signed_on": today,
        "contract_investment": "1亿",
        "industry_code": "3670",
    }


def _project_edit(w: World, x: str) -> dict[str, Any]:
    p = w[x].project
    return {
        "name": p.name,
        "region": p.region_id,
        "project_type": p.project_type,
        "origin": p.origin,
        "contract_investment": f"{p.contract_investment}元",
        "industry_code": "3670",
        "notes": "改",
    }


def _template_form(w: World, x: str, name: str) -> dict[str, Any]:
    """A valid template editor post for district x (one node, the existing one kept when editing)."""
    from zhaoshang.plans.models import NodeTemplate

    existing = NodeTemplate.objects.filter(name=name, region=w[x].region).first()
    node = existing.nodes.first() if existing else None
    return {
        "name": name,
        "region": w[x].region.pk,
        "project_type": "retrofit",
        "start_offset_days": "90",
        "is_active": "on",
        "nodes-TOTAL_FORMS": "1",
        "nodes-INITIAL_FORMS": "1" if node else "0",
        "nodes-MIN_NUM_FORMS": "0",
        "nodes-MAX_NUM_FORMS": "1000",
        "nodes-0-id": node.pk if node else "",
        "nodes-0-template": existing.pk if existing else "",
        "nodes-0-order": "1",
        "nodes-0-code": "start",
        "nodes-0-name": "开工",
        "nodes-0-anchor": "start",
        "nodes-0-offset_days": "0",
    }


PAGE_POSTS: dict[str, Payload] = {
    "projects:create": _project_form,
    "projects:edit": _project_edit,
    "projects:stage": lambda w, x: {"to_stage": "registered", "on": date.today().isoformat()},
    "leads:create": lambda w, x: {
        "enterprise_name": f"新企业{x}",
        "region": w[x].region.pk,
        "source": "other",
        "stage": "new",
    },
    "targets:create": lambda w, x: {
        "region": w[x].region.pk,
        "year": 2030,
        "metric": "signed_projects",
        "scope": "",
        "level": "district",
        "value": "10",
    },
    "accounts:tokens": lambda w, x: {"name": "x"},
    **{
        f"{name}:delete": lambda w, x: {"reason": "权限矩阵测试"} for name in ("projects", "leads", "targets")
    },
    "chains:member_delete": lambda w, x: {"reason": "权限矩阵测试"},
    "units:delete": lambda w, x: {"reason": "权限矩阵测试"},
    "units:create": lambda w, x: {
        "region": w[x].region.pk,
        "name": f"新单位{x}",
        "kind": "development",
        "is_active": "on",
    },
    "units:edit": lambda w, x: {"name": w[x].unit.name, "short_name": "改", "kind": "development"},
    "units:member_add": lambda w, x: {
        "form": "new",
        "username": f"new_unit_user_{x}",
        "password": "Matrix-test-2026!",
    },
    "units:member_remove": lambda w, x: {},
    "trash:restore": lambda w, x: {},
    "plans:create": lambda w, x: {"start_on": date.today().isoformat()},
    "plans:complete": lambda w, x: {"actual_on": date.today().isoformat(), "evidence_note": "权限矩阵测试"},
    "plans:delay": lambda w, x: {"delay_reason": "权限矩阵测试"},
    "plans:assign": lambda w, x: {"planned_on": date.today().isoformat(), "reason": "权限矩阵测试"},
    "plans:template_create": lambda w, x: _template_form(w, x, "新模板"),
    "plans:template": lambda w, x: _template_form(w, x, f"{marker(x)}节点模板"),
    "jobs:retry": lambda w, x: {},
    "notify:mark_read": lambda w, x: {"all": "1"},
    "notify:outbox_retry": lambda w, x: {},
    "notify:robot_create": lambda w, x: {
        "region": w[x].region.pk,
        "name": f"新机器人{x}",
        "platform": "wecom",
        "webhook": "https://robot.test/send?key=new",
    },
    "imports:job_confirm": lambda w, x: {},
}
API_BODIES: dict[str, Payload] = {
    "projects_create": lambda w, x: {
        "name": f"新项目{x}",
        "region": x,
        "stage": "signed",
        "lead_on": date.today().isoformat(),
        "signed_on": date.today().isoformat(),
        "contract_investment": 100_000_000,
        "industry_code": "3670",
    },
    "projects_update": lambda w, x: {"notes": "改"},
    "plans_create": lambda w, x: {},
    "plans_complete": lambda w, x: {"actual_on": date.today().isoformat(), "evidence_note": "权限矩阵测试"},
    "plans_delay": lambda w, x: {"delay_reason": "权限矩阵测试"},
    "projects_stage": lambda w, x: {"to_stage": "registered", "on": date.today().isoformat()},
    "targets_create": lambda w, x: {
        "region": x,
        "year": 2030,
        "metric": "signed_projects",
        "level": "district",
        "value": "10",
    },
    "targets_update": lambda w, x: {"value": "11"},
    "leads_create": lambda w, x: {"enterprise_name": f"新企业{x}", "region": x},
    "leads_visit": lambda w, x: {"kind": "call", "visited_on": date.today().isoformat(), "summary": "电话"},
    "leads_convert": lambda w, x: {"name": f"线索项目{x}"},
    "facts_review": lambda w, x: {"action": "accept"},
    "facts_update": lambda w, x: {"text": "6个"},
    "documents_create": lambda w, x: {
        "text": f"{w[x].region.name}上半年签约项目3个，协议投资额9亿元。",
        "region": x,
    },
    "units_create": lambda w, x: {"region": x, "name": f"新单位{x}", "kind": "development"},
    "units_update": lambda w, x: {"short_name": "改"},
}
# The payload puts the write in a district (a create), so the request is about that district.
BOUND_PAYLOADS = {
    "plans:template_create",
    "projects:create",
    "notify:robot_create",
    "leads:create",
    "targets:create",
    "projects_create",
    "targets_create",
    "leads_create",
    "documents_create",
    "units:create",
    "units_create",
}

# Tables a user writes for themselves; every other write is a write to the bureau's data.
SELF_SERVICE_TABLES = {"django_session", "accounts_apitoken", "notify_message", "notify_subscription"}
SKIPPED_NAMESPACES = {"admin"}
API_NAMESPACE = "api"
API_PAGES = {"openapi-json", "openapi-view"}  # the schema and docs; operations come from the schema
REFUSED = {403, 404}


@dataclass(frozen=True)
class Route:
    namespace: str
    name: str | None
    route: str

    @property
    def label(self) -> str:
        return f"{self.namespace}:{self.name}" if self.namespace else (self.name or self.route)

    @property
    def params(self) -> list[str]:
        return re.findall(r"<(?:\w+:)?(\w+)>", self.route) + re.findall(r"\(\?P<(\w+)>", self.route)

    def fill(self, values: dict[str, Any]) -> str:
        url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), self.route)
        url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), url)
        return "/" + url.replace("^", "").replace("$", "").replace("\\Z", "")


def page_routes(patterns: list | None = None, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    """Every URL pattern of the URL conf, recursively (admin skipped; API operations come from OpenAPI)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if ns not in SKIPPED_NAMESPACES:
                yield from page_routes(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            if namespace == API_NAMESPACE and pattern.name not in API_PAGES:
                continue
            yield Route(namespace, pattern.name, prefix + str(pattern.pattern))


@dataclass
class Probe:
    kind: str  # "page" | "api"
    label: str  # route or operation
    method: str
    url: str
    district: str | None  # the district the request is about, if any
    query_probe: bool = False  # about a district only through ?region=
    data: dict[str, Any] | None = None
    payload_known: bool = False

    @property
    def row(self) -> str:
        about = self.district or "-"
        return f"{self.kind} {self.method:<5} {self.label}{' ?region' if self.query_probe else ''} [{about}]"


def page_probes(world: World) -> Iterator[Probe]:
    for route in page_routes():
        for x in DISTRICTS:
            values, bound = {}, False
            for param in route.params:
                fill = ROUTE_PARAMS.get((route.label, param)) or PAGE_PARAMS.get((route.namespace, param))
                if fill is None:
                    pytest.fail(
                        f"URL {route.label} ({route.route}) has parameter {param!r}: add a mapping for "
                        f"({route.namespace!r}, {param!r}) to PAGE_PARAMS in tests/accounts/url_matrix.py"
                    )
                values[param], is_bound = fill(world, x)
                bound = bound or is_bound
            url = route.fill(values)
            post = PAGE_POSTS.get(route.label)
            post_bound = bound or route.label in BOUND_PAYLOADS
            if bound or x == DISTRICTS[0]:  # an unbound URL is the same for both districts
                yield Probe("page", route.label, "GET", url, x if bound else None)
            if not bound:
                yield Probe("page", route.label, "GET", f"{url}?region={x}", x, query_probe=True)
            # A POST needs something to post: a URL bound to an object, or a known payload.
            if (bound or post) and (post_bound or x == DISTRICTS[0]):
                yield Probe(
                    "page",
                    route.label,
                    "POST",
                    url,
                    x if post_bound else None,
                    data=post(world, x) if post else {},
                    payload_known=post is not None,
                )


def api_probes(world: World, schema: dict[str, Any]) -> Iterator[Probe]:
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            op_id = op.get("operationId", f"{method} {path}")
            params = op.get("parameters", [])
            for x in DISTRICTS:
                url, bound, query = path, False, {}
                for param in params:
                    name, where = param["name"], param["in"]
                    if where == "path" or (where == "query" and param.get("required")):
                        fill = API_PARAMS.get(name) if where == "path" else API_QUERY.get(name)
                        if fill is None:
                            pytest.fail(
                                f"API {op_id} has a required {where} parameter {name!r}: add it to "
                                f"{'API_PARAMS' if where == 'path' else 'API_QUERY'} in tests/accounts/url_matrix.py"
                            )
                        value, is_bound = fill(world, x)
                        bound = bound or is_bound
                        if where == "path":
                            url = url.replace("{" + name + "}", str(value))
                        else:
                            query[name] = value
                body = None
                if "requestBody" in op:
                    make = API_BODIES.get(op_id)
                    if make is None:
                        pytest.fail(
                            f"API {op_id} takes a body: add a valid one to API_BODIES in tests/accounts/url_matrix.py"
                        )
                    body = make(world, x)
                    bound = bound or op_id in BOUND_PAYLOADS
                qs = "&".join(f"{k}={v}" for k, v in query.items())
                if bound or x == DISTRICTS[0]:
                    yield Probe(
                        "api",
                        op_id,
                        method.upper(),
                        f"{url}?{qs}" if qs else url,
                        x if bound else None,
                        data=body,
                        payload_known=body is not None,
                    )
                optional_region = any(p["name"] == "region" and not p.get("required") for p in params)
                if not bound and optional_region and method == "get":
                    yield Probe("api", op_id, "GET", f"{url}?region={x}", x, query_probe=True)


# --- running and judging ------------------------------------------------------------------------------

WRITE_SQL = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)', re.IGNORECASE)


class WriteRecorder:
    def __init__(self) -> None:
        self.tables: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        match = WRITE_SQL.match(sql)
        if match and match.group(1) not in SELF_SERVICE_TABLES:
            self.tables.append(match.group(1))
        return execute(sql, params, many, context)


@dataclass
class Outcome:
    status: int
    body: str
    writes: list[str]
    error: str = ""


def run(probe: Probe, user: Any, secret: str, clients: dict[str, Client] | None = None) -> Outcome:
    """One request in a savepoint that is rolled back: every probe sees the same world."""
    clients = clients if clients is not None else {}
    client = clients.setdefault(probe.kind, Client(raise_request_exception=False))
    if probe.kind == "page" and "_auth_user_id" not in client.session:
        client.force_login(user)  # outside the savepoint, so the session outlives it
    savepoint = transaction.savepoint()
    try:
        recorder = WriteRecorder()
        with connection.execute_wrapper(recorder):
            if probe.kind == "api":
                response = client.generic(
                    probe.method,
                    probe.url,
                    json.dumps(probe.data) if probe.data is not None else "",
                    content_type="application/json",
                    headers={"Authorization": f"Bearer {secret}"},
                )
            elif probe.method == "POST":
                response = client.post(probe.url, probe.data or {})
            else:
                response = client.generic(probe.method, probe.url)
        body = b"".join(response) if response.streaming else response.content
        error = repr(response.exc_info[1]) if getattr(response, "exc_info", None) else ""
        return Outcome(response.status_code, body.decode("utf-8", "replace"), recorder.tables, error)
    finally:
        transaction.savepoint_rollback(savepoint)


def unit_operations() -> set[str]:
    """The API operations that admit 责任单位 users (their router's authentication says so, api/auth.py)."""
    from ninja.constants import NOT_SET

    from zhaoshang.api.api import api

    found = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for op in path_view.operations:
                auth = op.auth_callbacks or (router.auth if router.auth is not NOT_SET else api.auth)
                callbacks = auth if isinstance(auth, list | tuple) else [auth]
                if any(getattr(cb, "admits_units", False) for cb in callbacks):
                    found.add(op.operation_id or api.get_openapi_operation_id(op))
    return found


def open_to_units(probe: Probe) -> bool:
    """Whether a unit user may get an answer other than 403/404: the pages the unit gate lets through
    (accounts/unitgate.py), `/` (sent to their home), the API schema and docs, the routes admitting units."""
    from zhaoshang.accounts import unitgate

    if probe.kind == "api":
        return probe.label in unit_operations()
    return (
        unitgate.is_open(probe.label)
        or probe.label == "home"
        or probe.label.removeprefix("api:") in API_PAGES
    )


def visible_body(world: World, username: str, body: str) -> str:
    """The answer without the texts this user may see although they carry a foreign marker."""
    for text in world.allowed.get(username, ()):
        body = body.replace(text, "")
    return body


def foreign_markers(world: World, username: str) -> list[str]:
    """What must never appear in a response to this user: the markers of districts out of reach."""
    found = []
    for code in DISTRICTS:
        if not world.reaches(username, code):
            found.append(marker(code))
    return found


def judge(world: World, username: str, probe: Probe, outcome: Outcome, baseline: Outcome | None) -> list[str]:
    """The rules: no foreign data in any answer, no write about a district out of reach, refusals 403/404,
    a leader writes nothing."""
    from zhaoshang.accounts.scoping import is_unit_user

    user = world.users[username]
    problems: list[str] = []
    if outcome.status >= 500:
        problems.append(f"server error {outcome.status} {outcome.error}")
    body = visible_body(world, username, outcome.body)
    for text in foreign_markers(world, username):
        if text in body:
            problems.append(f"shows {text} data from a district out of reach")
    unit_user = is_unit_user(user)
    if unit_user and not open_to_units(probe) and outcome.status not in REFUSED:
        problems.append(f"a unit user got {outcome.status} from a route not open to units (want 403/404)")
    if unit_user and open_to_units(probe) and not outcome.writes:
        return problems  # an open route's answer is judged by what it shows: only the unit's own items
    about_foreign = probe.district is not None and not world.reaches(username, probe.district)
    if about_foreign and outcome.writes:
        problems.append(f"wrote {sorted(set(outcome.writes))} in a district out of reach")
    if about_foreign and not probe.query_probe and outcome.status not in REFUSED:
        problems.append(f"answered {outcome.status} for an object of a district out of reach (want 403/404)")
    if about_foreign and probe.query_probe and outcome.status not in REFUSED and baseline is not None:
        name = world[probe.district].region.name
        if name in outcome.body and name not in baseline.body:
            problems.append(f"?region={probe.district} shows {name}, a district out of reach")
    if user.role == "leader" and not user.is_superuser and probe.method != "GET":
        if outcome.writes:
            problems.append(f"a leader (read-only) wrote {sorted(set(outcome.writes))}")
        elif (
            probe.payload_known
            and probe.district
            and not about_foreign
            and probe.label != "accounts:tokens"
            and outcome.status not in REFUSED
        ):
            problems.append(f"a leader's write answered {outcome.status} (want 403)")
    return problems


# --- the table printed at the end of the run ----------------------------------------------------------

TABLE: dict[str, dict[str, str]] = {}  # row -> user -> status


def record(username: str, probe: Probe, outcome: Outcome, bad: bool) -> None:
    TABLE.setdefault(probe.row, {})[username] = f"{outcome.status}{'!' if bad else ''}"


def render_table() -> str:
    if not TABLE:
        return ""
    users = sorted({u for cells in TABLE.values() for u in cells})
    width = max(len(r) for r in TABLE)
    lines = [f"{'request [about district]':<{width}}  " + " ".join(f"{u:>11}" for u in users)]
    for row in sorted(TABLE):
        lines.append(f"{row:<{width}}  " + " ".join(f"{TABLE[row].get(u, ''):>11}" for u in users))
    lines.append("(! = a violation; the test failed on it unless its namespace is listed in PENDING)")
    return "\n".join(lines)
