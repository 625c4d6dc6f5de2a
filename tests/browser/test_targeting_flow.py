"""The article's second half in Chromium: chain gaps → targeting → lead → visit → ledger project."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.support import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
GAPS = ["增程式动力总成", "车载操作系统", "车载地图", "车联网"]


@pytest.fixture(scope="module")
def universe(tmp_path_factory):
    path = tmp_path_factory.mktemp("universe")
    call_command("universe", "generate", "--rows", "30000", "--out", str(path), "--seed", "7")
    return path


def test_from_a_gap_to_a_converted_project(page, settings, universe):
    settings.UNIVERSE_DIR = universe
    login(page)
    page.goto("/chains/nev/?region=500106")
    gaps = page.text_content("[data-testid=gaps]")
    assert all(g in gaps for g in GAPS)
    page.wait_for_selector("#chart-chain canvas")
    page.screenshot(path=str(SHOTS / "chain-map.png"), full_page=True)

    page.click("[data-testid=gaps] li:has-text('车载操作系统') a")
    page.wait_for_selector("[data-testid=candidates]")
    first = page.locator("[data-testid=candidates] tbody tr").first
    name = first.locator("td").nth(1).inner_text().splitlines()[0]
    page.screenshot(path=str(SHOTS / "targeting.png"), full_page=False)
    first.locator("[data-testid=add-lead]").click()
    page.wait_for_selector("text=已加入招商线索")
    assert name in page.text_content("h1")

    page.fill("textarea[name=summary]", "上门拜访，企业有意在渝设立车载操作系统研发中心")
    page.click("text=保存走访记录")
    page.wait_for_selector("text=走访记录已保存")
    assert "研发中心" in page.text_content("[data-testid=visits]")

    page.fill("input[name=name]", "车载操作系统研发中心项目（模拟）")
    page.click("text=转化为项目")
    page.wait_for_selector("text=线索已转化为台账项目")
    assert "车载操作系统研发中心项目（模拟）" in page.text_content("h1")
    assert "洽谈" in page.text_content("h1")
