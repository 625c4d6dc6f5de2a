"""Responsive and print layout in real Chromium (issue 14): at 390 px no main page is wider than the screen
(the navigation collapses behind a menu button, grids stack, wide tables scroll in their own box); at
1366 px the navigation fits on one line; printing the cockpit leaves out navigation and filters and prints
whole charts. The screenshots illustrate docs/用户指南.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from tests.support import login
from zhaoshang.intake.reading import read_bytes
from zhaoshang.intake.services import take_in
from zhaoshang.projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
SEED = ROOT / "tests" / "data" / "hualong-2022-08-04-shapingba.txt"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
TARGETING = "/targeting/?region=500106&chain=nev&segment=车载操作系统"


@pytest.fixture(scope="module")
def universe(tmp_path_factory):
    path = tmp_path_factory.mktemp("universe")
    call_command("universe", "generate", "--rows", "3000", "--out", str(path), "--seed", "7")
    return path


def main_pages() -> dict[str, str]:
    """The main pages a bureau opens, with demo records to show (a document taken in for the intake pages)."""
    admin = get_user_model().objects.get(username="admin")
    document = take_in(raw=read_bytes(SEED.read_bytes(), name=SEED.name), user=admin)
    project = Project.objects.filter(region__code="500106", stage="in_production").order_by("pk")[0]
    return {
        "cockpit": "/cockpit/?region=500106&period=2022H1",
        "ledger": "/projects/?region=500106&period=2022H1",
        "project": f"/projects/{project.pk}/",
        "project-form": "/projects/new/",
        "targets": "/cockpit/targets/",
        "rollup": "/cockpit/rollup/?city=500000&period=2022H1",
        "chain-map": "/chains/nev/?region=500106",
        "targeting": TARGETING,
        "leads": "/leads/",
        "leads-board": "/leads/?view=board",
        "intake": "/intake/",
        "document": f"/intake/{document.pk}/",
        "jobs": "/jobs/",
        "briefing": "/reports/briefing/?region=500106&period=2022H1",
        "password": "/accounts/password/",
        "tokens": "/accounts/tokens/",
        "permissions": "/accounts/permissions/",
        "login-log": "/accounts/logins/",
    }


def overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def wait_until(page, expression: str, timeout_ms: int = 10_000) -> None:
    """Poll a JavaScript expression until it is true. Playwright's wait_for_function compiles its predicate
    with eval inside the page, which the app's Content Security Policy forbids; evaluate goes through the
    DevTools protocol and is not subject to it."""
    waited = 0
    while not page.evaluate(expression):
        if waited >= timeout_ms:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(100)
        waited += 100


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")  # charts drawn, fonts laid out


def test_at_390_px_no_main_page_is_wider_than_the_screen_and_the_menu_folds(page, settings, universe):
    settings.UNIVERSE_DIR = universe
    page.set_viewport_size(PHONE)
    open_page(page, "/login/")
    assert overflow(page) <= 0, "login"
    login(page)
    wide = {}
    for name, url in main_pages().items():
        open_page(page, url)
        if (extra := overflow(page)) > 0:
            wide[name] = extra
    assert wide == {}, wide  # {page: pixels too wide}
    the_navigation_folds_behind_the_menu_button(page)


def the_navigation_folds_behind_the_menu_button(page) -> None:
    open_page(page, "/cockpit/?region=500106&period=2022H1")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "mobile-cockpit.png"))
    toggle = page.locator("[data-testid=menu-toggle]")
    nav = page.locator("nav.nav")
    expect(nav).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="回收站")).to_be_visible()  # the 管理 drop-down opens with the menu
    for link in nav.locator("a").all():
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    expect(page.get_by_role("link", name="修改密码")).to_be_visible()  # the user's links are in the menu too
    assert overflow(page) <= 0
    page.screenshot(path=str(SHOTS / "mobile-menu.png"))
    nav.get_by_role("link", name="招商线索").click()
    page.wait_for_url("**/leads/")
    expect(page.locator("nav.nav")).to_be_hidden()  # a new page opens with the menu folded again


NAV_LINES = """() => {
  const tops = [...document.querySelectorAll('nav.nav > a, nav.nav > details > summary, details.user summary')]
    .map(el => Math.round(el.getBoundingClientRect().top));
  return {tops, bar: document.querySelector('header.topbar').getBoundingClientRect().height};
}"""
GUIDE_SHOTS = {
    "leads": "leads.png",
    "targets": "targets.png",
    "password": "password-change.png",
    "login-log": "login-log.png",
    "tokens": "tokens.png",
    "permissions": "permissions.png",
}


def test_at_1366_px_the_navigation_fits_on_one_line_and_the_cockpit_prints_whole(page, settings, universe):
    settings.UNIVERSE_DIR = universe
    page.set_viewport_size(LAPTOP)
    login(page)  # the demo's city administrator and superuser: the longest menu there is
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, url in main_pages().items():
        open_page(page, url)
        expect(page.locator("[data-testid=menu-toggle]")).to_be_hidden()
        lines = page.evaluate(NAV_LINES)
        assert len(lines["tops"]) >= 13, name
        assert max(lines["tops"]) - min(lines["tops"]) <= 4, (name, lines)  # every item on the same line
        assert lines["bar"] < 60, (name, lines)
        assert overflow(page) <= 0, name
        if name in GUIDE_SHOTS:
            page.screenshot(path=str(SHOTS / GUIDE_SHOTS[name]), full_page=True)
    page.locator("details.user summary").click()
    expect(page.get_by_role("link", name="登录日志")).to_be_visible()
    page.mouse.click(10, 300)  # a click elsewhere closes the user menu
    expect(page.get_by_role("link", name="登录日志")).to_be_hidden()
    page.locator("[data-testid=nav-more] summary").click()  # the back-office pages sit under 管理
    expect(page.get_by_role("link", name="回收站")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="回收站")).to_be_hidden()
    the_printed_cockpit_has_no_navigation_nor_filters_and_whole_charts(page)


CHARTS = """() => [...document.querySelectorAll('[data-testid=chart]')].map(el => {
  const box = el.getBoundingClientRect(), canvas = el.querySelector('canvas').getBoundingClientRect();
  return {left: canvas.left, right: canvas.right, width: canvas.width, box: box.width};
})"""


def the_printed_cockpit_has_no_navigation_nor_filters_and_whole_charts(page) -> None:
    open_page(page, "/cockpit/?region=500106&period=2022H1")
    page.emulate_media(media="print")
    for hidden in ("header.topbar", "form.filters", ".page-head .actions"):
        expect(page.locator(hidden)).to_be_hidden()
    # In print the charts stack one per line, redrawn at the full width (not left at half the screen's).
    wait_until(
        page,
        "[...document.querySelectorAll('[data-testid=chart] canvas')]"
        ".every(c => Math.abs(c.getBoundingClientRect().width - c.parentElement.parentElement.clientWidth) < 2)",
    )
    # On A4 paper (210 mm less 2 × 12 mm margins = 703 CSS px) every chart is drawn whole within the page.
    paper = 703
    page.set_viewport_size({"width": paper, "height": 1000})
    wait_until(
        page,
        f"[...document.querySelectorAll('[data-testid=chart] canvas')]"
        f".every(c => c.getBoundingClientRect().right <= {paper})",
    )
    charts = page.evaluate(CHARTS)
    assert len(charts) == 4
    for chart in charts:
        assert chart["left"] >= 0 and chart["right"] <= paper, chart
        assert abs(chart["width"] - chart["box"]) < 2, chart  # the canvas fills its box: nothing cut off
    assert overflow(page) <= 0
    cards = page.evaluate("[...document.querySelectorAll('.card')].map(c => getComputedStyle(c).breakInside)")
    assert set(cards) == {"avoid"}
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "cockpit-print.png"), full_page=True)
