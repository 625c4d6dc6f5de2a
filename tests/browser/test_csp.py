"""The pages under the Content-Security-Policy in real Chromium: charts, their tooltips, HTMX filters and the
few form behaviours moved out of inline attributes. The `page` fixture fails on any console error, which is
where Chromium reports every CSP violation."""

from __future__ import annotations

import pytest

from tests.support import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _hover_every_chart(page) -> None:
    for chart in page.locator("[data-testid=chart]").all():
        box = chart.bounding_box()
        for fraction in (0.25, 0.5, 0.75):
            page.mouse.move(box["x"] + box["width"] * fraction, box["y"] + box["height"] * 0.5)
            page.wait_for_timeout(150)


def test_charts_and_their_tooltips_render_without_a_csp_violation(page):
    login(page)
    page.goto("/cockpit/?region=500106&period=2022H1")
    page.locator("[data-testid=chart] canvas").nth(3).wait_for()
    _hover_every_chart(page)
    page.goto("/chains/nev/?region=500106")
    _hover_every_chart(page)


def test_the_district_select_of_the_chain_map_submits_without_an_inline_handler(page):
    login(page)
    page.goto("/chains/nev/?region=500106")
    page.select_option("select[name=region]", "500107")
    page.wait_for_url("**/chains/nev/?region=500107")


def test_the_ledger_filters_still_work_through_htmx(page):
    login(page)
    page.select_option("select[name=region]", "500106")
    page.wait_for_url("**region=500106**")
    assert page.locator("[data-testid=total-count]").is_visible()
