"""The audit trail through the real paths: a page, the API and an Excel import record who, when and from
where; the 修改记录 page of every audited model reads as a diff, is scoped like the record, and keeps a
confidential project's name from whoever may not see it."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.accounts.world import World, build_world
from tests.intake.factories import document_in
from tests.records.imports_support import PROJECT_HEADERS, make_uscc, workbook
from zhaoshang.accounts.models import ApiToken
from zhaoshang.chains.models import ChainMember, Segment
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.leads.models import Lead
from zhaoshang.notify.models import Robot
from zhaoshang.plans.models import NodeTemplate
from zhaoshang.plans.services import create_plan
from zhaoshang.projects.models import Project, Stage
from zhaoshang.records.history import REGISTRY
from zhaoshang.targets.models import Target

pytestmark = pytest.mark.django_db

IP = "10.1.2.3"
A, B = "500106", "500107"


@pytest.fixture
def world(db) -> World:
    return build_world()


def page(client, user, slug: str, pk: int):
    client.force_login(user)
    return client.get(reverse(f"history:{slug}", args=[pk]))


def html_of(client, user, slug: str, pk: int) -> str:
    response = page(client, user, slug, pk)
    assert response.status_code == 200
    return response.content.decode()


def negotiating_project(world: World, **extra) -> Project:
    today = date.today()
    return Project.objects.create(
        name="历史测试项目",
        region=world[A].region,
        owner=world[A].officer,
        stage=Stage.NEGOTIATING,
        lead_on=today,
        negotiating_on=today,
        **extra,
    )


# --- recording: who, when, from where ------------------------------------------------------------------


def test_an_edit_through_a_page_records_the_ip_and_reads_in_yi(client, world):
    project = world[A].project  # 123,456,789 yuan, owned by the officer
    client.force_login(world[A].officer)
    url = reverse("projects:edit", args=[project.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data |= {
        "contract_investment": "2.5亿",
        "version": project.version,
        "investor_names": project.investors.get().name,
    }
    assert client.post(url, data, REMOTE_ADDR=IP).status_code == 302
    record = project.history.latest()
    assert (record.history_ip, record.history_token, record.history_user) == (IP, "", world[A].officer)

    html = html_of(client, world[A].officer, "project", project.pk)
    assert "合同投资额" in html and "1.23亿元" in html and "2.5亿元" in html
    assert IP in html and "修改" in html


def test_a_change_through_the_api_records_the_token(client, world):
    project = world[A].project
    token = ApiToken.objects.get(user=world[A].officer, name="matrix")
    response = client.patch(
        f"/api/projects/{project.pk}",
        json.dumps({"notes": "接口补充说明"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {world.secrets['spb_officer']}"},
        REMOTE_ADDR=IP,
    )
    assert response.status_code == 200
    record = project.history.latest()
    assert record.history_token == str(token) and token.prefix in record.history_token
    assert record.history_ip == IP and record.history_user == world[A].officer

    html = html_of(client, world[A].admin, "project", project.pk)
    assert str(token) in html and "接口补充说明" in html


def test_an_excel_import_records_the_ip_on_every_bulk_row(client, dc_admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    rows = [
        [
            "审计导入项目一",
            "东城区",
            "审计导入企业有限公司",
            make_uscc(71),
            "3670",
            "是",
            "2.5亿",
            "签约",
            "2022-03-01",
        ],
        ["审计导入项目二", "110101", "", "", "", "否", 800, "签约", "2022/4/1"],
    ]
    client.force_login(dc_admin)
    response = client.post(
        reverse("imports:projects"),
        {"file": workbook(PROJECT_HEADERS, rows), "dry_run": "on"},
        REMOTE_ADDR=IP,
    )
    response = client.post(reverse("imports:projects"), {"token": response.context["token"]}, REMOTE_ADDR=IP)
    assert "已导入：新增 2 条" in response.content.decode()

    records = Project.history.filter(name__startswith="审计导入项目")
    assert records.count() == 2
    assert {(r.history_ip, r.history_user_id) for r in records} == {(IP, dc_admin.pk)}
    firm = Enterprise.history.get(name="审计导入企业有限公司")
    assert firm.history_ip == IP
    project = Project.objects.get(name="审计导入项目一")
    html = html_of(client, dc_admin, "project", project.pk)
    assert "新建" in html and IP in html and "2.5亿元" in html


# --- the page of every audited model -------------------------------------------------------------------


def test_a_stage_change_reads_as_its_labels(client, world):
    project = negotiating_project(world)
    client.force_login(world[A].officer)
    response = client.post(
        reverse("projects:stage", args=[project.pk]),
        {"to_stage": "signed", "on": date.today().isoformat(), "contract_investment": "3000万"},
    )
    assert response.status_code == 302
    html = html_of(client, world[A].officer, "project", project.pk)
    assert "阶段" in html and "<del>洽谈</del> → <ins>签约</ins>" in html
    assert "<del>—</del> → <ins>3000万元</ins>" in html


def test_an_enterprise_reads_with_amounts_booleans_and_foreign_keys(client, world):
    firm = world[A].enterprise
    firm.registered_capital, firm.is_above_scale = 50_000_000, False
    firm.save()
    firm.registered_capital, firm.is_above_scale, firm.region = 100_000_000, True, world[B].region
    firm.save()
    html = html_of(client, world.users["admin"], "enterprise", firm.pk)
    assert "注册资本" in html and "<del>5000万元</del> → <ins>1亿元</ins>" in html
    assert "规上企业" in html and "<del>否</del> → <ins>是</ins>" in html
    assert f"<del>{world[A].region.name}</del> → <ins>{world[B].region.name}</ins>" in html


def test_a_target_reads_in_its_metrics_unit(client, world):
    target = world[A].target  # 开工项目数 987,654,321
    client.force_login(world[A].admin)
    response = client.post(
        reverse("targets:edit", args=[target.pk]),
        {
            "region": target.region_id,
            "year": target.year,
            "metric": "contract_investment",
            "scope": "",
            "level": target.level,
            "value": "112亿",
        },
        REMOTE_ADDR=IP,
    )
    assert response.status_code == 302
    html = html_of(client, world[A].admin, "target", target.pk)
    assert "<del>开工项目数</del> → <ins>合同投资额</ins>" in html
    assert "<del>987654321</del> → <ins>112亿元</ins>" in html and IP in html


def test_a_lead_reads_with_stage_and_owner_names(client, world):
    lead = world[A].lead
    client.force_login(world[A].admin)
    response = client.post(
        reverse("leads:edit", args=[lead.pk]),
        {
            "enterprise_name": lead.enterprise.name,
            "region": lead.region_id,
            "source": lead.source,
            "owner": world[A].admin.pk,
            "stage": "contacted",
            "next_action": lead.next_action,
        },
    )
    assert response.status_code == 302
    html = html_of(client, world[A].admin, "lead", lead.pk)
    assert "<del>新线索</del> → <ins>已接触</ins>" in html
    assert f"<del>{world[A].officer}</del> → <ins>{world[A].admin}</ins>" in html


def test_a_chain_member_reads_with_its_role_labels(client, world):
    segment = Segment.objects.filter(chain__key="nev").first()
    member = ChainMember.objects.create(
        segment=segment, enterprise=world[A].enterprise, region=world[A].region
    )
    member.role = "leader"
    member.save()
    html = html_of(client, world[A].officer, "chain-member", member.pk)
    assert "<del>配套</del> → <ins>链主</ins>" in html and "新建" in html


def test_a_reviewed_fact_reads_with_its_status_and_reviewer(client, world):
    document = document_in(world[A].region, title="历史测试文档")
    fact = document.facts.get()
    client.force_login(world[A].officer)
    response = client.post(
        reverse("intake:review", args=[document.pk]), {"fact": fact.pk, "action": "accept"}, REMOTE_ADDR=IP
    )
    assert response.status_code == 302
    html = html_of(client, world[A].officer, "fact", fact.pk)
    assert "<del>待审核</del> → <ins>已采纳</ins>" in html and f"<ins>{world[A].officer}</ins>" in html
    assert IP in html
    assert reverse("history:fact", args=[fact.pk]) in client.get(document.get_absolute_url()).content.decode()


def test_a_deletion_and_a_restoration_are_named_with_the_reason_and_stay_readable(client, world):
    project = negotiating_project(world)
    project.soft_delete(world[A].admin, "重复录入")
    client.force_login(world[A].admin)
    assert client.get(project.get_absolute_url()).status_code == 404  # in the recycle bin
    html = html_of(client, world[A].admin, "project", project.pk)
    assert 'data-kind="deleted"' in html and "删除：重复录入" in html and "已删除" in html

    project.restore(world[A].admin)
    html = html_of(client, world[A].admin, "project", project.pk)
    assert 'data-kind="restored"' in html and "从回收站恢复" in html


def test_every_records_page_links_to_its_history(client, world):
    member = ChainMember.objects.create(
        segment=Segment.objects.filter(chain__key="nev").first(),
        enterprise=world[A].enterprise,
        region=world[A].region,
    )
    client.force_login(world[A].admin)
    links = {
        f"{reverse('chains:map', args=['nev'])}?region={A}": reverse(
            "history:chain-member", args=[member.pk]
        ),
        world[A].project.get_absolute_url(): reverse("history:project", args=[world[A].project.pk]),
        world[A].lead.get_absolute_url(): reverse("history:lead", args=[world[A].lead.pk]),
        reverse("targets:edit", args=[world[A].target.pk]): reverse(
            "history:target", args=[world[A].target.pk]
        ),
    }
    for page_url, history_url in links.items():
        assert history_url in client.get(page_url).content.decode(), page_url
    lead_page = client.get(world[A].lead.get_absolute_url()).content.decode()
    assert reverse("history:enterprise", args=[world[A].enterprise.pk]) in lead_page


def test_the_project_page_shows_the_same_diff_as_the_history_page(client, world):
    project = negotiating_project(world)
    project.is_key = True
    project.save()
    client.force_login(world[A].officer)
    html = client.get(project.get_absolute_url()).content.decode()
    assert "重点产业项目" in html and "<del>否</del> → <ins>是</ins>" in html


# --- scoping and confidentiality -------------------------------------------------------------------------


def _objects(world: World, code: str) -> dict[str, int]:
    segment = Segment.objects.filter(chain__key="nev").first()
    member, _ = ChainMember.objects.get_or_create(
        segment=segment, enterprise=world[code].enterprise, region=world[code].region
    )
    return {
        "project": world[code].project.pk,
        "enterprise": world[code].enterprise.pk,
        "target": world[code].target.pk,
        "lead": world[code].lead.pk,
        "chain-member": member.pk,
        "fact": document_in(world[code].region).facts.get().pk,
        "unit": world[code].unit.pk,
        "project-node": create_plan(project=world[code].project, allow_conflicts=True)
        .project.nodes.first()
        .pk,
        "node-template": NodeTemplate.objects.create(region=world[code].region, name="本区模板").pk,
        "robot": Robot.objects.create(
            region=world[code].region,
            name="群机器人",
            platform="wecom",
            webhook="https://qyapi.weixin.qq.com/x",
        ).pk,
    }


def test_another_districts_user_gets_404_on_every_history_page(client, world):
    objects = _objects(world, A)
    assert set(objects) == set(REGISTRY)  # every audited model is probed
    for slug, pk in objects.items():
        assert page(client, world[A].leader, slug, pk).status_code == 200, slug
        assert page(client, world[B].officer, slug, pk).status_code == 404, slug
        assert page(client, world[B].admin, slug, pk).status_code == 404, slug


def test_a_deleted_record_of_another_district_stays_out_of_reach(client, world):
    lead = world[A].lead
    lead.soft_delete(world[A].admin, "放弃")
    assert page(client, world[B].admin, "lead", lead.pk).status_code == 404
    assert page(client, world[A].leader, "lead", lead.pk).status_code == 200
    assert not Lead.objects.filter(pk=lead.pk).exists()


def test_a_masked_projects_history_does_not_show_its_name(client, world):
    project = negotiating_project(
        world, is_confidential=True, code_name="A项目（代号）", notes="与某某集团洽谈"
    )
    project.owner = world[A].admin
    project.name, project.notes = "某某集团新能源基地", "某某集团来访"
    project.save()
    lead = world[A].lead
    lead.project = project
    lead.save()

    html = html_of(client, world[A].officer, "project", project.pk)  # neither owner nor district admin
    assert "某某集团" not in html and "历史测试项目" not in html
    assert "A项目（代号）" in html and "（保密）" in html
    assert "某某集团" not in html_of(client, world[A].officer, "lead", lead.pk)
    assert "某某集团" not in client.get(project.get_absolute_url()).content.decode()

    owner_html = html_of(client, world[A].admin, "project", project.pk)
    assert "<del>历史测试项目</del> → <ins>某某集团新能源基地</ins>" in owner_html


def test_related_names_cost_one_query_per_model_not_per_row(client, world):
    project = negotiating_project(world)
    client.force_login(world[A].admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("history:project", args=[project.pk])).status_code == 200
        return len(ctx)

    project.owner = world[A].admin
    project.save()
    few = queries()
    for owner in [world[A].officer, world[A].admin] * 10:
        project.owner = owner
        project.save()
    assert queries() == few


def test_an_unknown_kind_of_record_has_no_history_page(client, world):
    client.force_login(world.users["admin"])
    assert client.get(f"/history/visit/{world[A].lead.pk}/").status_code == 404
    assert Target.objects.filter(pk=world[A].target.pk).exists()
