"""The inbox (unread count in the navigation, mark read), a message and a digest, the subscriptions page;
the robot settings (secret never shown back) and the outbox page with its retry button."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import RegionFactory, UserFactory
from zhaoshang.accounts.models import Role
from zhaoshang.notify import services
from zhaoshang.notify.models import Message, Outbox, OutboxStatus, Robot, Subscription

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def officer(client):
    user = UserFactory(role=Role.OFFICER, email="o@example.test")
    client.force_login(user)
    return user


@pytest.fixture
def admin(client):
    user = UserFactory(role=Role.DISTRICT_ADMIN)
    client.force_login(user)
    return user


def notice(user, n):
    services.notify(
        kind="lead_follow_up",
        recipients=[user],
        subject=f"通知{n}",
        body="正文",
        url="/leads/",
        dedup_key=f"page:{n}",
    )


def test_the_navigation_counts_unread_messages_and_reading_one_lowers_it(client, officer):
    notice(officer, 1)
    notice(officer, 2)
    html = client.get(reverse("notify:inbox")).content.decode()
    assert 'data-testid="unread-count">2<' in html and "通知1" in html
    message = Message.objects.get(subject="通知1")
    page = client.get(reverse("notify:message", args=[message.pk])).content.decode()
    assert "正文" in page and 'href="/leads/"' in page
    assert 'data-testid="unread-count">1<' in client.get(reverse("notify:inbox")).content.decode()
    client.post(reverse("notify:mark_read"), {"all": "1"})
    assert "unread-count" not in client.get(reverse("notify:inbox")).content.decode()


def test_nobody_reads_another_users_message(client, officer):
    other = UserFactory(region=officer.region)
    notice(other, 1)
    message = Message.objects.get(recipient=other)
    assert client.get(reverse("notify:message", args=[message.pk])).status_code == 404
    client.post(reverse("notify:mark_read"), {"id": str(message.pk)})
    message.refresh_from_db()
    assert message.read_at is None


def test_a_digest_page_lists_its_items(client, officer, settings, source):
    from zhaoshang.notify.sources import Reminder

    settings.NOTIFY_DIGEST_THRESHOLD = 1
    source.items = [
        Reminder([officer], f"事项{n}", "", f"/leads/{n}/", f"d:{n}", date(2026, 12, 7)) for n in range(3)
    ]
    services.run_reminders(date(2026, 12, 7))
    inbox = client.get(reverse("notify:inbox")).content.decode()
    assert "提醒汇总：3 条" in inbox and "事项1" not in inbox
    digest = Message.objects.get(is_digest=True)
    page = client.get(reverse("notify:message", args=[digest.pk])).content.decode()
    assert all(f"事项{n}" in page for n in range(3))


def test_the_subscriptions_page_saves_each_kind(client, officer, source):
    page = client.get(reverse("notify:subscriptions")).content.decode()
    assert "测试到期" in page
    response = client.post(
        reverse("notify:subscriptions"), {"test_due__days_ahead": "7", "test_due__enabled": "on"}
    )
    assert response.status_code == 302
    mine = {s.kind: (s.enabled, s.days_ahead, s.email) for s in Subscription.objects.filter(user=officer)}
    assert mine == {"test_due": (True, 7, False)}
    bad = client.post(reverse("notify:subscriptions"), {"test_due__days_ahead": "99"})
    assert bad.status_code == 200 and "30" in bad.content.decode()


def test_an_admin_sets_up_a_robot_whose_secrets_are_never_shown_back(client, admin):
    webhook = "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef"
    response = client.post(
        reverse("notify:robot_create"),
        {
            "region": admin.region.pk,
            "name": "招商工作群",
            "platform": "dingtalk",
            "webhook": webhook,
            "secret": "SECsupersecretvalue",
            "kinds": ["lead_follow_up"],
            "enabled": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    robot = Robot.objects.get()
    assert (robot.secret, robot.kinds, robot.created_by) == ("SECsupersecretvalue", ["lead_follow_up"], admin)
    listing = client.get(reverse("notify:robots")).content.decode()
    edit = client.get(reverse("notify:robot_edit", args=[robot.pk])).content.decode()
    history = client.get(reverse("history:robot", args=[robot.pk])).content.decode()
    for html in (listing, edit, history):
        assert "0123456789abcdef" not in html and "supersecret" not in html
    assert "cdef" in listing and "招商工作群" in history
    # saving again with the secret fields empty keeps them
    client.post(
        reverse("notify:robot_edit", args=[robot.pk]),
        {"region": admin.region.pk, "name": "改名", "platform": "dingtalk", "webhook": "", "secret": ""},
    )
    robot.refresh_from_db()
    assert (robot.name, robot.webhook, robot.secret) == ("改名", webhook, "SECsupersecretvalue")


def test_robots_of_another_district_are_out_of_reach(client, admin):
    elsewhere = RegionFactory()
    robot = Robot.objects.create(region=elsewhere, name="别区", platform="wecom", webhook="https://x/")
    assert client.get(reverse("notify:robot_edit", args=[robot.pk])).status_code == 404
    posted = client.post(
        reverse("notify:robot_create"),
        {"region": elsewhere.pk, "name": "x", "platform": "wecom", "webhook": "https://x/"},
    )
    assert posted.status_code == 403 and Robot.objects.count() == 1


def test_an_officer_may_not_set_up_robots_or_read_the_outbox(client, officer):
    assert client.get(reverse("notify:robots")).status_code == 403
    assert client.get(reverse("notify:outbox")).status_code == 403


def test_the_outbox_page_shows_a_failure_and_retries_it(client, admin):
    row = Outbox.objects.create(
        channel="email",
        target="user:1",
        dedup_key="k",
        kind="lead_follow_up",
        subject="失败的邮件",
        address="x@example.test",
        region=admin.region,
        status=OutboxStatus.FAILED,
        attempts=6,
        last_error="ConnectionRefusedError: [Errno 111]",
    )
    html = client.get(reverse("notify:outbox")).content.decode()
    assert "失败的邮件" in html and "Errno 111" in html and 'data-testid="retry"' in html
    client.post(reverse("notify:outbox_retry", args=[row.pk]))
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 0)
