"""Every door of the ledger × every rule: the web form, the stage action, the API (create, patch, stage)
and the Excel import refuse the same proposal with the same words, the ones `projects/rules.py` writes.

Each case states a proposal once; its expected message is asked of rules.py itself, and each door that
can express the proposal is driven through its real path (HTTP page, API, import).
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.records.imports_support import workbook
from zhaoshang.accounts.tokens import issue_token
from zhaoshang.projects import rules
from zhaoshang.projects.models import Project, Stage
from zhaoshang.projects.services import create_project
from zhaoshang.records.imports import importer_for, run_import
from zhaoshang.regions.models import Region

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
D0, D1, D2 = TODAY - timedelta(days=30), TODAY - timedelta(days=20), TODAY - timedelta(days=10)
HUGE = 9223372036854775807  # the largest 64-bit integer: stored, it made every sum of the city overflow

# Each case: a proposal of a new project (typed values), and, for the stage doors, the move it implies
# (from a project at `from_stage` with its earlier dates) — None where a door cannot express it.
BASE = {"stage": "signed", "lead_on": D0, "signed_on": D1, "contract_investment": 350_000_000}
CASES = {
    "signed_needs_amount": {
        "values": {"contract_investment": None},
        "move": ("negotiating", {"to_stage": "signed", "on": D2}),
    },
    "signed_needs_signing_date": {
        "values": {"stage": "registered", "registered_on": D2, "signed_on": None},
        "move": None,  # a project past signing without its date cannot exist to be moved
    },
    "current_stage_has_its_date": {"values": {"signed_on": None}, "move": None},
    "dates_in_order": {
        "values": {"negotiating_on": D2, "signed_on": D1},
        "move": ("negotiating", {"to_stage": "signed", "on": D0, "contract_investment": 10**8}),
    },
    "no_future_date": {
        "values": {"signed_on": TODAY + timedelta(days=1)},
        "move": (
            "negotiating",
            {"to_stage": "signed", "on": TODAY + timedelta(days=1), "contract_investment": 10**8},
        ),
    },
    "terminated_needs_reason": {
        "values": None,  # a new project is never entered terminated
        "move": ("negotiating", {"to_stage": "terminated", "on": D2}),
    },
    "confidential_needs_code_name": {"values": {"is_confidential": True, "code_name": ""}, "move": None},
    "amount_within_limit": {
        "values": {"contract_investment": HUGE},
        "move": ("negotiating", {"to_stage": "signed", "on": D2, "contract_investment": HUGE}),
    },
}


def expected(case: str) -> str:
    spec = CASES[case]
    if spec["values"] is not None:
        problems = rules.check(rules.Proposal.of(BASE | spec["values"]), today=TODAY)
    else:
        _from_stage, move = spec["move"]
        problems = rules.check(
            rules.Proposal.of(
                {"stage": move["to_stage"], "lead_on": D0, "negotiating_on": D1}
                | {f"{move['to_stage']}_on": move["on"]}
                | {"termination_reason": move.get("reason", "")}
            ),
            today=TODAY,
        )
    assert len(problems) == 1, problems
    return problems[0].message


# -- the doors ----------------------------------------------------------------------------------------


def _money(value: int | None) -> str:
    return "" if value is None else f"{value}元"


def web_form(client, values: dict) -> str:
    data = {
        "name": "规则测试项目",
        "region": Region.objects.get(code="500106").pk,
        "project_type": "new",
        "origin": "domestic",
        "industry_code": "3670",
    }
    for name, value in (BASE | values).items():
        if name in rules.AMOUNT_FIELDS:
            data[name] = _money(value)
        elif isinstance(value, date):
            data[name] = value.isoformat()
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    response = client.post(reverse("projects:create"), data)
    assert response.status_code == 200, "refused: the form is shown again"
    return response.content.decode()


def _api(client, headers, method: str, url: str, body: dict) -> str:
    response = getattr(client, method)(
        url, json.dumps(body), content_type="application/json", headers=headers
    )
    assert response.status_code in (409, 422), response.content
    return json.dumps(response.json(), ensure_ascii=False)


def _json(values: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items() if v is not None}


def api_create(client, headers, values: dict) -> str:
    body = _json({"name": "接口规则测试项目", "region": "500106", "industry_code": "3670"} | BASE | values)
    return _api(client, headers, "post", "/api/projects", body)


def api_patch(client, headers, values: dict) -> str:
    project = signed_project()
    patch = {k: v for k, v in values.items() if k not in ("stage", *(f"{s}_on" for s in Stage.values))}
    return _api(client, headers, "patch", f"/api/projects/{project.pk}", _json(patch))


def negotiating_project() -> Project:
    return create_project(
        project=Project(
            name="规则测试洽谈项目",
            region=Region.objects.get(code="500106"),
            stage=Stage.NEGOTIATING,
            lead_on=D0,
            negotiating_on=D1,
        )
    )


def signed_project() -> Project:
    return create_project(
        project=Project(
            name="规则测试签约项目",
            region=Region.objects.get(code="500106"),
            stage=Stage.SIGNED,
            lead_on=D0,
            signed_on=D1,
            contract_investment=10**8,
        )
    )


def stage_action(client, move: dict) -> str:
    project = negotiating_project()
    data = {
        k: (v.isoformat() if isinstance(v, date) else _money(v) if k == "contract_investment" else v)
        for k, v in move.items()
    }
    html = client.post(reverse("projects:stage", args=[project.pk]), data, follow=True).content.decode()
    project.refresh_from_db()
    assert project.stage == Stage.NEGOTIATING
    return html


def api_stage(client, headers, move: dict) -> str:
    project = negotiating_project()
    return _api(client, headers, "post", f"/api/projects/{project.pk}/stage", _json(move))


IMPORT_HEADERS = {
    "name": "项目名称",
    "region": "区县",
    "stage": "阶段",
    "contract_investment": "合同投资额",
    **{f"{s}_on": f"{Stage(s).label}日期" for s in Stage.values},
    "termination_reason": "终止原因",
}


def excel_import(user, values: dict) -> str:
    values = {"name": "导入规则测试项目", "region": "沙坪坝区"} | BASE | values
    if any(k not in IMPORT_HEADERS for k in values):
        pytest.fail(f"the import has no column for {values}")
    headers = list(IMPORT_HEADERS)
    cells = []
    for name in headers:
        value = values.get(name)
        if name == "stage":
            value = str(Stage(value).label)
        elif name in rules.AMOUNT_FIELDS:
            value = _money(value) or None
        cells.append(value)
    report = run_import(
        importer_for("projects", user=user),
        workbook([IMPORT_HEADERS[h] for h in headers], [cells]),
        dry_run=False,
    )
    assert not report.committed
    return "\n".join(e.why for e in report.errors)


def import_move(user, move: dict) -> str:
    """The move as an imported row over an existing project (matched by district and name)."""
    project = negotiating_project()
    values = {
        "name": project.name,
        "stage": move["to_stage"],
        "lead_on": D0,
        "negotiating_on": D1,
        "signed_on": None,
        f"{move['to_stage']}_on": move["on"],
        "contract_investment": move.get("contract_investment"),
        "termination_reason": move.get("reason"),
    }
    return excel_import(user, values)


NEW_NAMES = ("规则测试项目", "接口规则测试项目", "导入规则测试项目")
NEW_DOORS = ("web_form", "api_create", "excel_import")
MOVE_DOORS = ("stage_action", "api_stage", "import_move")


@pytest.fixture
def doors(client, admin_user):
    client.force_login(admin_user)
    _token, secret = issue_token(user=admin_user, name="规则测试")
    headers = {"Authorization": f"Bearer {secret}"}
    return {
        "web_form": lambda v: web_form(client, v),
        "api_create": lambda v: api_create(client, headers, v),
        "api_patch": lambda v: api_patch(client, headers, v),
        "excel_import": lambda v: excel_import(admin_user, v),
        "stage_action": lambda m: stage_action(client, m),
        "api_stage": lambda m: api_stage(client, headers, m),
        "import_move": lambda m: import_move(admin_user, m),
    }


def matrix():
    for case, spec in CASES.items():
        if spec["values"] is not None:
            for door in NEW_DOORS:
                if door == "excel_import" and "is_confidential" in spec["values"]:
                    continue  # the import has no confidentiality columns
                yield pytest.param(case, door, id=f"{case}-{door}")
        if case in ("confidential_needs_code_name", "amount_within_limit"):
            yield pytest.param(case, "api_patch", id=f"{case}-api_patch")
        if spec["move"] is not None:
            for door in MOVE_DOORS:
                yield pytest.param(case, door, id=f"{case}-{door}")


@pytest.mark.parametrize(("case", "door"), list(matrix()))
def test_every_door_refuses_with_the_rules_own_words(doors, case, door):
    spec = CASES[case]
    shown = doors[door](spec["move"][1]) if door in MOVE_DOORS else doors[door](spec["values"])
    assert expected(case) in shown
    assert not Project.all_objects.filter(name__in=NEW_NAMES).exists(), "nothing new is written"
    assert not Project.all_objects.filter(name="规则测试洽谈项目").exclude(stage=Stage.NEGOTIATING).exists()


def test_a_huge_amount_through_every_door_leaves_the_citys_pages_answering(doors, client):
    """Issue 14.2: 9223372036854775807元 once stored made SQLite's SUM overflow on every page of the city."""
    doors["web_form"]({"contract_investment": HUGE})
    doors["stage_action"]({"to_stage": "signed", "on": D2, "contract_investment": HUGE})
    doors["excel_import"]({"contract_investment": HUGE})
    doors["api_create"]({"contract_investment": HUGE})
    assert not Project.all_objects.filter(contract_investment__gt=rules.MAX_AMOUNT_YUAN).exists()
    for url in (
        reverse("projects:list"),
        reverse("targets:cockpit"),
        reverse("targets:rollup"),
        reverse("reports:briefing"),
        "/api/projects",
    ):
        assert client.get(url).status_code == 200, url
