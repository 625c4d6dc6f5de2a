"""The ledger in real Chromium: log in, filter to 沙坪坝区 2022H1, create a project through the form."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_a_user_logs_in_filters_the_ledger_and_creates_a_project(page):
    login(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.select_option("select[name=region]", "500106")
    page.fill("input[name=period]", "2022H1")
    page.press("input[name=period]", "Enter")
    expect(page.locator("[data-testid=total-count]")).to_have_text("50")  # no string eval: the CSP forbids it
    assert page.text_content("[data-testid=total-amount]") == "320.50"
    assert "region=500106" in page.url
    page.screenshot(path=str(SHOTS / "ledger.png"), full_page=False)

    page.click("text=新建项目")
    page.fill("input[name=name]", "浏览器测试项目（模拟）")
    page.select_option("select[name=region]", label="沙坪坝区")
    page.select_option("select[name=stage]", "signed")
    page.fill("input[name=signed_on]", "2022-05-10")
    page.fill("input[name=contract_investment]", "2.5亿")
    page.fill("input[name=industry_code]", "3670")
    page.fill("input[name=investor_names]", "赛力斯")
    page.screenshot(path=str(SHOTS / "project-form.png"), full_page=True)
    page.click("button[type=submit]")
    page.wait_for_selector("text=已录入台账")
    assert page.text_content("[data-testid=contract-investment]") == "2.5亿元"
    page.screenshot(path=str(SHOTS / "project-detail.png"), full_page=True)


def test_a_form_with_bad_input_shows_chinese_errors(page):
    login(page)
    page.goto("/projects/new/")
    page.fill("input[name=name]", "错误示例")
    page.select_option("select[name=stage]", "signed")
    page.fill("input[name=contract_investment]", "abc")
    page.click("button[type=submit]")
    page.wait_for_selector("text=请更正下列错误")
    assert page.is_visible("text=请填写当前阶段（签约）的日期")
