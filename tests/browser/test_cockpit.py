"""The cockpit in real Chromium: the article's KPIs, rendered charts, and the drill-down to the ledger."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
OUT = Path(__file__).resolve().parents[2] / "test-results"


def test_the_cockpit_shows_the_article_and_drills_down_to_122_yi(page):
    login(page)
    page.goto("/cockpit/?region=500106&period=2022H1")
    for key, text in [
        ("signed_projects", "50"),
        ("contract_investment", "超320亿元"),
        ("manufacturing_contract_investment", "122亿元"),
        ("manufacturing_share", "近40%"),
        ("completion_manufacturing_contract_investment", "109%"),
    ]:
        assert page.text_content(f"[data-testid=kpi-{key}] .kpi-value") == text
    page.locator("[data-testid=chart] canvas").nth(3).wait_for()  # at least 4 charts; no string eval (CSP)
    for path in (SHOTS, OUT):
        path.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path / "cockpit.png"), full_page=True)

    page.click("[data-testid=kpi-manufacturing_contract_investment]")
    page.wait_for_url("**/projects/?metric=manufacturing_contract_investment**")
    assert page.text_content("[data-testid=total-count]") == "18"
    assert page.text_content("[data-testid=total-amount]") == "122.00"


def test_the_rollup_ranks_the_districts_with_a_chart(page):
    login(page)
    page.goto("/cockpit/rollup/?city=500000&period=2022H1")
    page.wait_for_selector("#chart-rollup canvas")
    assert page.locator("[data-testid=rollup] tr[data-region]").count() == 38
    page.screenshot(path=str(SHOTS / "rollup.png"), full_page=True)
