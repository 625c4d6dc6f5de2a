"""The ledger pages through the test client: filters, totals, forms and stage actions."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from zhaoshang.projects.models import Project, Stage
from zhaoshang.regions.models import Region

pytestmark = pytest.mark.django_db


def total(response) -> tuple[int, str]:
    html = response.content.decode()
    count = re.search(r'data-testid="total-count">(\d+)<', html).group(1)
    amount = re.search(r'data-testid="total-amount">([\d,.]+)<', html).group(1)
    return int(count), amount


def test_it_sends_anonymous_users_to_the_login_page(client):
    response = client.get(reverse("projects:list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_login_page_is_in_chinese(client):
    assert "登录" in client.get("/login/").content.decode()


def test_filtering_to_shapingba_2022_h1_shows_50_projects_and_320_50_yi(admin_client):
    response = admin_client.get(reverse("projects:list"), {"region": "500106", "period": "2022H1"})
    assert total(response) == (50, "320.50")
    assert "演示数据" in response.content.decode()


def test_the_manufacturing_filter_gives_122_yi(admin_client):
    response = admin_client.get(
        reverse("projects:list"), {"region": "500106", "period": "2022H1", "manufacturing": "true"}
    )
    assert total(response) == (18, "122.00")


def test_the_drilldown_link_lists_exactly_the_projects_behind_a_metric(admin_client):
    response = admin_client.get(
        reverse("projects:list"),
        {"metric": "manufacturing_contract_investment", "region": "500106", "period": "2022H1"},
    )
    assert total(response) == (18, "122.00")
    assert "制造业合同投资额" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"stage": "terminated", "region": "500106"},
            lambda qs: qs.filter(stage="terminated", region__code="500106"),
        ),
        (
            {"direction": "口岸经济", "region": "500106"},
            lambda qs: qs.filter(direction__name="口岸经济", region__code="500106"),
        ),
        ({"is_key": "false", "region": "500101"}, lambda qs: qs.filter(is_key=False, region__code="500101")),
        ({"park": "PARK", "region": "500106"}, lambda qs: qs.filter(park__name="国际物流城")),
        ({"q": "小康"}, lambda qs: qs.filter(investors__former_names__icontains="小康")),
    ],
)
def test_each_filter_narrows_the_ledger_to_matching_projects(admin_client, params, expected):
    from zhaoshang.regions.models import Park

    if params.get("park") == "PARK":
        params = params | {"park": Park.objects.get(name="国际物流城").pk}
    count, _amount = total(admin_client.get(reverse("projects:list"), params))
    assert count == expected(Project.objects.all()).distinct().count() > 0


def test_the_segment_filter_finds_projects_in_a_chain_segment(admin_client):
    from zhaoshang.chains.models import Segment

    segment = Segment.objects.get(chain__key="nev", name="整车")
    count, _amount = total(admin_client.get(reverse("projects:list"), {"segment": segment.pk}))
    assert count == Project.objects.filter(segments=segment).count() >= 1


def test_a_bad_period_gets_a_chinese_message_and_no_rows(admin_client):
    response = admin_client.get(reverse("projects:list"), {"period": "2022Q5"})
    assert "无法识别的期间" in response.content.decode()
    assert total(response)[0] == 0


def test_sorting_by_amount_puts_the_largest_first(admin_client):
    response = admin_client.get(
        reverse("projects:list"), {"region": "500106", "period": "2022H1", "ordering": "-contract_investment"}
    )
    largest = (
        Project.objects.in_region("500106")
        .signed_between("2022-01-01", "2022-06-30")
        .order_by("-contract_investment")
        .first()
    )
    html = response.content.decode()
    first_row = html.index("<tbody>")
    assert html.index(largest.name, first_row) < html.index("</tr>", html.index("<tr>", first_row) + 1)


def test_pagination_keeps_the_filters(admin_client):
    response = admin_client.get(reverse("projects:list"), {"region": "500000", "page": "2"})
    html = response.content.decode()
    assert "第 2 /" in html and "region=500000" in html


def test_an_htmx_request_gets_only_the_table(admin_client):
    response = admin_client.get(
        reverse("projects:list"), {"region": "500106"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in response.content.decode() and "total-count" in response.content.decode()


def test_the_project_page_shows_timeline_events_and_history(admin_client):
    project = Project.objects.get(name="赛力斯零部件总成项目")
    html = admin_client.get(project.get_absolute_url()).content.decode()
    assert "赛力斯集团股份有限公司" in html and "小康集团" in html
    assert "阶段进度" in html and "签约" in html and "修改记录" in html


def form_data(**overrides) -> dict:
    data = {
        "name": "测试新建项目",
        "region": Region.objects.get(code="500106").pk,
        "project_type": "new",
        "origin": "domestic",
        "stage": "signed",
        "lead_on": "2022-03-01",
        "signed_on": "2022-04-01",
        "contract_investment": "3.5亿",
        "industry_code": "3670",
        "investor_names": "赛力斯、某新公司",
    }
    return data | overrides


def test_creating_a_project_through_the_form_stores_yuan_and_links_investors(admin_client):
    response = admin_client.post(reverse("projects:create"), form_data())
    project = Project.objects.get(name="测试新建项目")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.contract_investment == 350_000_000 and project.is_manufacturing
    assert sorted(e.short_name or e.name for e in project.investors.all()) == ["某新公司", "赛力斯"]
    assert project.events.get().to_stage == "signed"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"contract_investment": "abc"}, "无法识别"),
        ({"contract_investment": ""}, "必须填写合同投资额"),
        ({"signed_on": ""}, "请填写当前阶段"),
        ({"industry_code": "9999"}, "不存在"),
        ({"name": ""}, "这个字段是必填项"),
        ({"contract_investment": "-5"}, ""),
    ],
)
def test_bad_input_is_answered_in_chinese_and_nothing_is_saved(admin_client, overrides, message):
    before = Project.objects.count()
    response = admin_client.post(reverse("projects:create"), form_data(**overrides))
    assert response.status_code == 200
    assert "请更正下列错误" in response.content.decode()
    assert message in response.content.decode()
    assert Project.objects.count() == before


def test_the_stage_action_moves_a_project_forward(admin_client):
    project = Project.objects.filter(stage=Stage.REGISTERED).first()
    response = admin_client.post(
        reverse("projects:stage", args=[project.pk]),
        {"to_stage": "started", "on": project.registered_on.isoformat()},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == Stage.STARTED
    assert project.events.last().to_stage == "started"


def test_a_termination_without_a_reason_is_refused_with_a_message(admin_client):
    project = Project.objects.filter(stage=Stage.REGISTERED).first()
    response = admin_client.post(
        reverse("projects:stage", args=[project.pk]),
        {"to_stage": "terminated", "on": project.registered_on.isoformat()},
        follow=True,
    )
    assert "终止原因" in response.content.decode()
    project.refresh_from_db()
    assert project.stage == Stage.REGISTERED


def test_the_admin_speaks_chinese(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "行政区划" in html and "国民经济行业分类" in html


def test_the_ledger_without_filters_lists_every_project_in_reach(admin_client):
    count, _amount = total(admin_client.get(reverse("projects:list")))
    assert count == Project.objects.count()


def test_editing_keeps_an_amount_to_the_yuan_and_saves_segments(admin_client):
    from zhaoshang.chains.models import Segment

    project = Project.objects.filter(region__code="500101", signed_on__year=2021).first()
    project.contract_investment = 123_456_789
    project.save()
    url = reverse("projects:edit", args=[project.pk])
    form = admin_client.get(url).context["form"]
    assert form["contract_investment"].value() in (123_456_789, "12345.6789")
    assert "12345.6789" in admin_client.get(url).content.decode()
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    segment = Segment.objects.get(chain__key="nev", name="电机")
    data |= {
        "contract_investment": "12345.6789",
        "version": project.version,
        "investor_names": "",
        "segments": [segment.pk],
    }
    assert admin_client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert project.contract_investment == 123_456_789 and list(project.segments.all()) == [segment]


def test_a_signing_date_on_a_project_not_yet_signed_does_not_count():
    from zhaoshang.lib.periods import parse_period
    from zhaoshang.targets.registry import evaluate

    region = Region.objects.get(code="110101")
    Project.objects.create(
        name="洽谈中",
        region=region,
        stage=Stage.NEGOTIATING,
        signed_on="2022-03-01",
        contract_investment=10**8,
    )
    assert evaluate("110101", parse_period("2022"), ["signed_projects"])["signed_projects"] == 0
