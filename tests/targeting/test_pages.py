"""The targeting page over a small generated universe: ranked, explained candidates → Excel → leads."""

from __future__ import annotations

import json
import re
from io import BytesIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from tests.workbook_layout import assert_bureau_layout, records
from zhaoshang.leads.models import Lead

pytestmark = pytest.mark.django_db
QUERY = {"region": "500106", "chain": "nev", "segment": "车载操作系统"}


@pytest.fixture(scope="session")
def universe(tmp_path_factory):
    path = tmp_path_factory.mktemp("universe")
    call_command("universe", "generate", "--rows", "30000", "--out", str(path), "--seed", "7")
    return path


@pytest.fixture(autouse=True)
def use_universe(settings, universe):
    settings.UNIVERSE_DIR = universe


def test_the_page_ranks_candidates_with_every_component_shown(admin_client):
    html = admin_client.get(reverse("targeting:page"), QUERY).content.decode()
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>", html)
    assert rows[:3] == ["1", "2", "3"]
    for label in ("环节匹配", "企业规模", "与链主关联", "扩张信号", "距离", "已在本地（扣分）"):
        assert label in html
    assert "（模拟）" in html


def test_the_gaps_are_marked_on_the_segment_picker(admin_client):
    html = admin_client.get(reverse("targeting:page"), {"region": "500106", "chain": "nev"}).content.decode()
    for gap in ("增程式动力总成", "车载操作系统", "车载地图", "车联网"):
        assert re.search(gap + r'<span class="tag">空白', html), gap


def test_filters_narrow_the_list(admin_client):
    near = admin_client.get(reverse("targeting:page"), QUERY | {"max_km": "300"}).content.decode()
    distances = [float(d) for d in re.findall(r'<td class="num">([\d.]+) km</td>', near)]
    assert distances and max(distances) <= 300


def test_the_export_equals_the_list(admin_client):
    response = admin_client.get(reverse("targeting:export"), QUERY)
    ws = load_workbook(BytesIO(response.content)).active
    assert_bureau_layout(ws, title="沙坪坝区精准招商候选企业", unit="万元")
    rows = records(ws)
    html = admin_client.get(reverse("targeting:page"), QUERY).content.decode()
    assert rows and rows[0][1] in html and [r[0] for r in rows] == list(range(1, len(rows) + 1))


def test_adding_a_candidate_creates_a_lead_with_its_explanation_and_refuses_a_duplicate(admin_client):
    html = admin_client.get(reverse("targeting:page"), QUERY).content.decode()
    payload = re.search(r'name="candidate" value="([^"]+)"', html).group(1).replace("&quot;", '"')
    segment = re.search(r'type="hidden" name="segment" value="(\d+)"', html).group(1)
    data = {"region": "500106", "segment": segment, "candidate": payload}
    response = admin_client.post(reverse("targeting:add_lead"), data)
    candidate = json.loads(payload)
    lead = Lead.objects.get(enterprise__uscc=candidate["uscc"], region__code="500106")
    assert response["Location"] == lead.get_absolute_url()
    assert lead.source == "targeting" and lead.score_explanation["components"]
    again = admin_client.post(reverse("targeting:add_lead"), data, follow=True).content.decode()
    assert "已有线索" in again


def test_a_missing_universe_is_explained_in_chinese(admin_client, settings, tmp_path):
    settings.UNIVERSE_DIR = tmp_path / "none"
    html = admin_client.get(reverse("targeting:page"), QUERY, follow=True).content.decode()
    assert "尚未生成或导入企业库" in html


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("top", "abc"),
        ("top", "0"),
        ("top", "1e30"),
        ("min_capital", "NaN"),
        ("min_capital", "1e30"),
        ("max_km", "inf"),
    ],
)
def test_a_bad_number_in_the_query_gets_a_chinese_400(admin_client, param, value):
    response = admin_client.get(reverse("targeting:page"), QUERY | {param: value})
    assert response.status_code == 400
    assert f"参数 {param} 应为" in response.content.decode()
