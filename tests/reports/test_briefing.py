"""The briefing of 沙坪坝区 2022H1 from the demo ledger: page, command, downloads, headline, scoping."""

from __future__ import annotations

import io
import re
import subprocess
import warnings
from decimal import Decimal

import pytest

from tests.support import call
from zhaoshang.lib.periods import parse_period
from zhaoshang.regions.models import Region
from zhaoshang.reports.services import build_briefing
from zhaoshang.targets.models import Target, TargetLevel

pytestmark = pytest.mark.django_db
LEAD = (
    "2022年上半年，沙坪坝区重点瞄准先进制造、口岸经济、设计产业、数字经济、文化旅游、现代服务等六个产业方向全面发力，"
    "引进重点产业项目50个，合同投资额超320亿元，其中制造业合同投资额122亿元，占比近40%，完成制造业全年市级任务目标的109%。"
)
FIGURES = ["50个", "超320亿元", "122亿元", "近40%", "109%"]


@pytest.fixture
def package():
    return build_briefing(region=Region.objects.get(code="500106"), period=parse_period("2022H1"))


def test_the_demo_briefing_has_the_reference_headline_and_lead(package):
    b = package.briefing
    assert b.title == "上半年，沙坪坝区工业招商提前完成全年目标任务"
    assert b.lead == LEAD


def test_the_chain_paragraphs_and_next_steps_come_from_the_chain_maps(package):
    nev, biomed = package.briefing.paragraphs[1:3]
    assert nev.startswith(
        "在智能网联新能源汽车领域，围绕龙头企业赛力斯，已汇聚宁波拓普等26家链条企业，涵盖动力电池、电机、电控、一体化压铸"
    )
    assert nev.endswith("全区汽车制造业规模企业达42家。")
    assert biomed.startswith(
        "在生物医药领域，围绕龙头企业阿斯利康、罗氏诊断，已汇聚西南药业、鼎晶生物等12家链条企业"
    )
    steps = "".join(package.briefing.paragraphs[3:])
    assert (
        "一是围绕智能网联新能源汽车产业链，重点开展增程式动力总成、车载操作系统、车载地图、车联网等核心配套企业的招商"
        in steps
    )


def test_every_number_has_its_provenance(package):
    sources = {c.written: c.source for c in package.briefing.citations}
    assert sources["超320亿元"].metric == "contract_investment" and sources["超320亿元"].scope == "key"
    assert (
        sources["超320亿元"].link
        == "/projects/?metric=contract_investment&region=500106&period=2022H1&scope=key"
    )
    assert sources["109%"].period == "2022-06YTD" and "target 11200000000" in sources["109%"].query
    assert sources["26家"].link == "/chains/nev/?region=500106"
    assert len(package.charts) == 2 and all(png.startswith(b"\x89PNG") for _caption, png in package.charts)


def test_a_target_not_met_gives_another_true_headline():
    target = Target.objects.get(
        region__code="500106",
        year=2022,
        metric="manufacturing_contract_investment",
        scope="",
        level=TargetLevel.MUNICIPAL,
    )
    target.value = Decimal(20_000_000_000)  # 122亿 of 200亿: 61%, ahead of the 50% time progress
    target.save()
    b = build_briefing(region=target.region, period=parse_period("2022H1"), with_charts=False).briefing
    assert b.title == "上半年，沙坪坝区工业招商进度快于时序进度"
    assert b.lead.endswith("完成制造业全年市级任务目标的61%。")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_docx_holds_the_headline_paragraph_and_the_charts(admin_client):
    import docx

    with warnings.catch_warnings(record=True) as caught:  # a Chinese label without a CJK font is boxes
        warnings.simplefilter("always")
        response = admin_client.get("/reports/briefing/download/?region=500106&period=2022H1&format=docx")
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "上半年，沙坪坝区工业招商提前完成全年目标任务"
    assert LEAD in texts
    assert len(document.inline_shapes) == 2
    assert "数据来源" in texts


def test_the_pdf_holds_the_headline_paragraphs_figures(admin_client, tmp_path):
    response = admin_client.get("/reports/briefing/download/?region=500106&period=2022H1&format=pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    path = tmp_path / "briefing.pdf"
    path.write_bytes(response.content)
    text = _flat(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    )
    assert "上半年，沙坪坝区工业招商提前完成全年目标任务" in text
    assert _flat(LEAD) in text
    for figure in FIGURES:
        assert figure in text


def test_the_page_shows_the_briefing_with_download_buttons(admin_client):
    page = admin_client.get("/reports/briefing/?region=500106&period=2022H1").content.decode()
    assert "上半年，沙坪坝区工业招商提前完成全年目标任务" in page and LEAD in page
    for fmt in ("txt", "md", "docx", "pdf"):
        assert f'data-testid="download-{fmt}"' in page
    assert page.count("data:image/png;base64,") == 2


def test_the_command_writes_every_format(tmp_path):
    out = call("brief", "--region", "500106", "--period", "2022H1")
    assert out.startswith("上半年，沙坪坝区工业招商提前完成全年目标任务\n") and LEAD in out
    assert call("brief", "--region", "沙坪坝区", "--period", "2022H1", "--format", "md").startswith(
        "# 上半年"
    )
    for fmt in ("docx", "pdf"):
        target = tmp_path / f"b.{fmt}"
        assert "已写出" in call(
            "brief", "--region", "500106", "--period", "2022H1", "--format", fmt, "--out", str(target)
        )
        assert target.stat().st_size > 10_000


def test_another_districts_briefing_is_out_of_reach(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="spb_admin"))
    assert client.get("/reports/briefing/?region=500107&period=2022H1").status_code == 404
    assert client.get("/reports/briefing/download/?region=500107&period=2022H1&format=txt").status_code == 404
    own = client.get("/reports/briefing/?period=2022H1")
    assert own.status_code == 200 and "沙坪坝区工业招商" in own.content.decode()


def test_a_leader_without_the_export_permission_cannot_download(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="spb_leader"))
    assert client.get("/reports/briefing/?period=2022H1").status_code == 200
    assert client.get("/reports/briefing/download/?period=2022H1&format=docx").status_code == 403
