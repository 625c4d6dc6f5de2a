"""Confidential projects (保密项目) through the pages: who sees the real name and investor, who the code name.

A confidential project of 沙坪坝区 owned by its officer: the owner and the district's administrator see its
name, investor and notes; another officer of the district, its leader and a city administrator see its code
name only, on every page and export, and cannot find it by its investor.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from tests.accounts.world import A, World, build_world
from tests.projects.confidential import (
    CODE,
    DISCLOSED,
    INVESTOR,
    MASKED,
    NAME,
    NOTES,
    add_second_officer,
    secret_project,
)
from tests.workbook_layout import HEADER_ROW
from zhaoshang.accounts.models import User
from zhaoshang.accounts.permissions import can_see_confidential
from zhaoshang.leads.models import Lead, LeadStage
from zhaoshang.projects.models import Project, Stage
from zhaoshang.projects.querysets import disclosure_q
from zhaoshang.projects.services import masked_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db) -> World:
    world = build_world()
    add_second_officer(world)
    leader = world.users["spb_leader"]  # leaders export only when granted: grant it, to test the export
    leader.user_permissions.add(
        Permission.objects.get(content_type__app_label="accounts", codename="export_data")
    )
    return world


@pytest.fixture
def secret(world) -> Project:
    """Signed today with the district's largest amount, so that it also heads the cockpit's top projects."""
    return secret_project(
        world, stage=Stage.SIGNED, signed_on=date.today(), contract_investment=90_000_000_000
    )


def client_for(client, world: World, username: str):
    client.force_login(world.users[username])
    return client


def assert_masked(html: str) -> None:
    assert CODE in html
    for secret_text in (INVESTOR, NAME, NOTES, "深蓝机密"):
        assert secret_text not in html


def assert_disclosed(html: str) -> None:
    assert NAME in html and INVESTOR in html


def ledger(client, **params) -> str:
    return client.get(reverse("projects:list"), {"region": A, **params}).content.decode()


@pytest.mark.parametrize("username", DISCLOSED)
def test_the_owner_and_the_district_admin_see_the_name_investor_and_notes(client, world, secret, username):
    client = client_for(client, world, username)
    detail = client.get(secret.get_absolute_url()).content.decode()
    assert_disclosed(detail)
    assert NOTES in detail and CODE in detail and 'data-testid="confidential"' in detail
    assert_disclosed(ledger(client, stage="signed"))
    found = ledger(client, q="深蓝机密动力")  # by the investor's name
    assert NAME in found and 'data-testid="total-count">1<' in found


@pytest.mark.parametrize("username", MASKED)
def test_everyone_else_sees_the_code_name_only(client, world, secret, username):
    client = client_for(client, world, username)
    detail = client.get(secret.get_absolute_url())
    assert detail.status_code == 200
    assert_masked(detail.content.decode())
    assert 'data-testid="confidential"' in detail.content.decode()
    listed = ledger(client, stage="signed")
    assert_masked(listed)
    assert "保密" in listed


@pytest.mark.parametrize("username", MASKED)
@pytest.mark.parametrize("query", [INVESTOR, "深蓝机密", NAME, "董事长第三轮"])
def test_searching_by_the_investor_name_or_notes_finds_nothing(client, world, secret, username, query):
    found = ledger(client_for(client, world, username), q=query)
    assert 'data-testid="total-count">0<' in found
    assert "深蓝机密" not in found.replace(f'value="{query}"', "")  # only the search box echoes it


@pytest.mark.parametrize("username", MASKED)
def test_searching_by_the_code_name_finds_it(client, world, secret, username):
    found = ledger(client_for(client, world, username), q="Z 项目")
    assert 'data-testid="total-count">1<' in found and CODE in found


def test_sorting_by_name_places_a_masked_project_by_its_code_name(client, world, secret):
    Project.objects.create(
        name="Y 开头的项目", region=world[A].region, stage=Stage.LEAD, lead_on=date.today()
    )
    html = ledger(client_for(client, world, "cq_city"), q="项目", ordering="name", stage="")
    rows = [line for line in html.splitlines() if "Y 开头的项目" in line or CODE in line]
    assert CODE in rows[-1]  # "Z …" after "Y …"; by its real name (深…) it would come first


def export_cells(client, **params) -> set:
    response = client.get(reverse("imports:projects_export"), {"region": A, **params})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = sheet.iter_rows(min_row=HEADER_ROW, values_only=True)  # the title rows hold the export time
    return {cell for row in rows for cell in row if cell is not None}


def test_the_owners_export_holds_the_name_investor_and_notes(client, world, secret):
    cells = export_cells(client_for(client, world, "spb_officer"), stage="signed")
    assert {NAME, INVESTOR, NOTES} <= cells


@pytest.mark.parametrize("username", MASKED)
def test_the_export_of_everyone_else_holds_the_code_name_only(client, world, secret, username):
    cells = export_cells(client_for(client, world, username), stage="signed")
    assert CODE in cells
    assert not [c for c in cells if isinstance(c, str) and "深蓝机密" in c]
    assert export_cells(client, q=INVESTOR) == set(export_cells(client, q="不存在的名称"))  # the header only


def test_a_masked_export_imports_back_unchanged_and_cannot_overwrite_the_name(
    client, world, secret, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(client, world, "cq_city")
    export = BytesIO(client.get(reverse("imports:projects_export"), {"q": "Z 项目"}).content)
    export.name = "导出.xlsx"
    report = client.post(reverse("imports:projects"), {"file": export}).context["report"]
    assert (report.created, report.changed, report.unchanged, report.errors) == (0, 0, 1, [])
    book = load_workbook(BytesIO(client.get(reverse("imports:projects_export"), {"q": "Z 项目"}).content))
    book.active.cell(row=HEADER_ROW + 1, column=2, value="改过的名称")
    edited = BytesIO()
    book.save(edited)
    edited.name = "改.xlsx"
    edited.seek(0)
    report = client.post(reverse("imports:projects"), {"file": edited}).context["report"]
    assert report.changed == 0 and "保密项目" in str(report.errors)
    secret.refresh_from_db()
    assert secret.name == NAME


def test_a_masked_editor_may_not_edit_it(client, world, secret):
    client = client_for(
        client, world, "cq_city"
    )  # a city admin may edit any project of the city, but not this
    response = client.get(reverse("projects:edit", args=[secret.pk]))
    assert response.status_code == 403 and "保密项目" in response.content.decode()
    response = client.post(reverse("projects:edit", args=[secret.pk]), {"name": "改过的名称"})
    assert response.status_code == 403
    assert "编辑</a>" not in client.get(secret.get_absolute_url()).content.decode()
    secret.refresh_from_db()
    assert secret.name == NAME


def edit_data(project: Project, **changes) -> dict:
    data = {
        "name": project.name,
        "region": project.region_id,
        "project_type": project.project_type,
        "origin": project.origin,
        "owner": project.owner_id or "",
        "notes": project.notes,
        "contract_investment": "900亿元",
        "version": project.version,
        "investor_names": INVESTOR,
        "is_confidential": "on" if project.is_confidential else "",
        "code_name": project.code_name,
    }
    return {k: v for k, v in {**data, **changes}.items() if v is not None}


def test_the_owner_edits_it_and_the_history_hides_the_changed_notes_from_others(client, world, secret):
    owner = client_for(client, world, "spb_officer")
    form = owner.get(reverse("projects:edit", args=[secret.pk])).content.decode()
    assert NAME in form and INVESTOR in form and 'name="code_name"' in form
    response = owner.post(
        reverse("projects:edit", args=[secret.pk]), edit_data(secret, notes="深蓝机密签约细节")
    )
    assert response.status_code == 302, response.content.decode()
    assert "深蓝机密签约细节" in owner.get(secret.get_absolute_url()).content.decode()
    other = client_for(client, world, "spb_leader")
    detail = other.get(secret.get_absolute_url()).content.decode()
    assert "（保密）" in detail and "深蓝机密" not in detail


def test_a_confidential_project_needs_a_code_name(client, world, secret):
    owner = client_for(client, world, "spb_officer")
    response = owner.post(reverse("projects:edit", args=[secret.pk]), edit_data(secret, code_name=""))
    assert response.status_code == 200
    assert "保密项目必须填写项目代号。" in response.content.decode()
    response = owner.post(
        reverse("projects:create"),
        {
            "name": "新保密项目",
            "region": world[A].region.pk,
            "project_type": "new",
            "origin": "domestic",
            "stage": "negotiating",
            "lead_on": date.today().isoformat(),
            "negotiating_on": date.today().isoformat(),
            "is_confidential": "on",
            "code_name": "",
        },
    )
    assert "保密项目必须填写项目代号。" in response.content.decode()
    assert not Project.objects.filter(name="新保密项目").exists()


@pytest.mark.parametrize(("username", "shown"), [("spb_admin", NAME), ("cq_city", CODE)])
def test_the_cockpits_top_projects_show_what_the_user_may_see(client, world, secret, username, shown):
    client = client_for(client, world, username)
    html = client.get(
        reverse("targets:cockpit"), {"region": A, "period": str(date.today().year)}
    ).content.decode()
    assert shown in html
    if shown == CODE:
        assert "深蓝机密" not in html
        book = load_workbook(
            BytesIO(
                client.get(
                    reverse("targets:cockpit_export"), {"region": A, "period": str(date.today().year)}
                ).content
            )
        )
        cells = {
            c for ws in book for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)
        }
        assert CODE in cells and not [c for c in cells if "深蓝机密" in c]


def test_a_converted_lead_does_not_link_its_firm_to_a_masked_project(client, world, secret):
    lead = Lead.objects.create(
        enterprise=secret.investors.get(),
        region=world[A].region,
        owner=world[A].officer,
        stage=LeadStage.CONVERTED,
        project=secret,
    )
    masked = (
        client_for(client, world, "spb_officer2")
        .get(reverse("leads:detail", args=[lead.pk]))
        .content.decode()
    )
    assert CODE not in masked and secret.get_absolute_url() not in masked and "保密项目" in masked
    owner = (
        client_for(client, world, "spb_officer").get(reverse("leads:detail", args=[lead.pk])).content.decode()
    )
    assert NAME in owner and secret.get_absolute_url() in owner


def test_the_briefing_does_not_name_the_investor(client, world, secret):
    html = (
        client_for(client, world, "cq_city")
        .get("/reports/briefing/", {"region": A, "period": str(date.today().year)})
        .content.decode()
    )
    assert "深蓝机密" not in html


def test_masked_fields_is_the_one_rule_for_every_page(world, secret):
    from zhaoshang.accounts.scoping import for_user

    assert {"name", "notes", "investors"} <= masked_fields(
        for_user(Project.objects, world.users["cq_city"]).get(pk=secret.pk)
    )
    assert masked_fields(for_user(Project.objects, world.users["spb_admin"]).get(pk=secret.pk)) == frozenset()
    assert "name" in masked_fields(Project.objects.get(pk=secret.pk))  # loaded without disclosure: masked


def test_the_demo_has_confidential_negotiations_owned_by_the_officer(client, world):
    demo = Project.objects.filter(region__code=A, is_confidential=True, code_name__endswith="项目（代号）")
    assert 2 <= demo.count() <= 3
    assert set(demo.values_list("stage", flat=True)) == {Stage.NEGOTIATING}
    assert set(demo.values_list("owner__username", flat=True)) == {"spb_officer"}
    project = demo.first()
    html = client_for(client, world, "spb_leader").get(project.get_absolute_url()).content.decode()
    assert project.code_name in html and project.name not in html


def test_the_rule_in_python_and_the_rule_as_a_query_agree(world, secret):
    """`can_see_confidential` (one project in hand, the permission matrix) and `disclosure_q` (every list)."""
    others = list(Project.objects.filter(region__code__in=["500106", "500107"], is_confidential=True)[:5])
    for user in [
        *world.users.values(),
        *User.objects.filter(username__in=["admin", "spb_admin", "spb_officer"]),
    ]:
        for project in [secret, *others]:
            in_query = Project.objects.filter(disclosure_q(user), pk=project.pk).exists()
            assert can_see_confidential(user, project) == in_query, (user.username, project.code_name)
