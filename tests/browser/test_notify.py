"""Reminders in real Chromium: a district administrator sees the unread count in the navigation, opens the
inbox and a reminder, marks everything read, adjusts the subscriptions and sets up a 钉钉 group robot whose
secrets are shown back masked only. The screenshots illustrate docs/用户指南.md (消息与提醒)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.support import login
from zhaoshang.accounts.models import User
from zhaoshang.leads.models import Lead
from zhaoshang.notify import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_inbox_subscriptions_and_a_group_robot(page):
    admin = User.objects.get(username="spb_admin")
    today = timezone.localdate()
    leads = list(Lead.objects.open().filter(region__code="500106").order_by("pk")[:3])
    for n, lead in enumerate(leads):
        lead.owner, lead.next_action_on = admin, today + timedelta(days=n - 1)
        lead.next_action = lead.next_action or "电话回访，确认考察行程"
        lead.save()
    services.run_reminders(today, kinds=["lead_follow_up"])
    services.notify(
        kind="lead_follow_up",
        recipients=[admin],
        subject="市招商局转来一条项目信息，请三日内反馈意见",
        body="某新能源汽车零部件企业拟在西部布局生产基地，请评估承接条件。",
        url="/leads/",
        dedup_key="guide:1",
    )
    unread = services.unread_count(admin)
    assert unread >= 2

    login(page, "spb_admin")
    page.goto("/projects/")
    expect(page.locator("[data-testid=unread-count]")).to_have_text(str(unread))
    page.click("[data-testid=nav-inbox]")
    expect(page.locator("[data-testid=inbox]")).to_contain_text("线索跟进")
    page.screenshot(path=str(SHOTS / "inbox.png"), full_page=True)

    page.click("text=市招商局转来一条项目信息")
    expect(page.locator("[data-testid=message]")).to_contain_text("请评估承接条件")
    expect(page.locator("[data-testid=unread-count]")).to_have_text(str(unread - 1))
    page.goto("/messages/")
    page.click("[data-testid=mark-all-read]")
    expect(page.locator("[data-testid=unread-count]")).to_have_count(0)

    page.goto("/messages/subscriptions/")
    page.fill("input[name=lead_follow_up__days_ahead]", "3")
    page.click("text=保存")
    expect(page.locator("body")).to_contain_text("提醒订阅已保存")
    page.screenshot(path=str(SHOTS / "subscriptions.png"), full_page=True)

    page.goto("/messages/robots/new/")
    page.fill("input[name=name]", "沙坪坝区招商工作群")
    page.select_option("select[name=platform]", "dingtalk")
    page.fill("input[name=webhook]", "https://oapi.dingtalk.com/robot/send?access_token=9f8e7d6c5b4a39281706")
    page.fill("input[name=secret]", "SEC3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8")
    page.check("input[name=kinds][value=lead_follow_up]")
    page.click("[data-testid=robot-form] button[type=submit]")
    expect(page.locator("[data-testid=robots]")).to_contain_text("沙坪坝区招商工作群")
    expect(page.locator("[data-testid=robots]")).to_contain_text("已加签")
    assert "9f8e7d6c5b4a" not in page.content() and "SEC3c2b1a0f" not in page.content()
    page.screenshot(path=str(SHOTS / "robots.png"), full_page=True)
