"""Delivery through real servers on 127.0.0.1: e-mails reach an SMTP server, robot messages reach a webhook
server in each platform's format (钉钉's and 飞书's signatures checked by the server); a server that answers
500 or times out leaves the message in the outbox for a retry with back-off, failed for good after
NOTIFY_MAX_ATTEMPTS; a claimed row is never sent twice; `zhaoshang remind` twice sends once."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tests.factories import EnterpriseFactory, UserFactory
from tests.notify.servers import Mailbox, RobotServer, free_port
from zhaoshang.accounts.models import Role
from zhaoshang.leads.models import Lead
from zhaoshang.notify import delivery, services
from zhaoshang.notify.models import Message, Outbox, OutboxStatus, Robot

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def smtp(settings):
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "zhaoshang@bureau.test"
    yield mailbox
    controller.stop()


@pytest.fixture
def robots_server(settings):
    settings.NOTIFY_SEND_TIMEOUT = 1.0
    server = RobotServer().start()
    yield server
    server.stop()


@pytest.fixture
def officer():
    return UserFactory(role=Role.OFFICER, email="officer@bureau.test")


def notice(user, key="k1", region=None):
    return services.notify(
        kind="lead_follow_up",
        recipients=[user],
        subject="线索跟进：某公司",
        body="下一步：拜访",
        url="/leads/1/",
        dedup_key=key,
        region=region,
    )


def test_an_email_reaches_the_smtp_server_once(smtp, officer, settings):
    settings.SITE_URL = "https://zs.bureau.test"
    notice(officer)
    assert delivery.deliver().sent == 1
    assert delivery.deliver().sent == 0
    [(rcpt, mail)] = smtp.messages
    assert rcpt == ["officer@bureau.test"]
    assert mail["Subject"] == "线索跟进：某公司" and mail["From"] == "zhaoshang@bureau.test"
    text = mail.get_content()
    assert "下一步：拜访" in text and "https://zs.bureau.test/leads/1/" in text
    row = Outbox.objects.get()
    assert (row.status, row.attempts, row.last_error) == (OutboxStatus.SENT, 1, "")


def test_an_smtp_server_that_is_down_leaves_the_mail_for_a_retry(officer, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    notice(officer)
    before = timezone.now()
    assert delivery.deliver().retrying == 1
    row = Outbox.objects.get()
    assert row.status == OutboxStatus.PENDING and row.attempts == 1 and "Connection" in row.last_error
    assert row.next_attempt_at >= before + timedelta(seconds=settings.NOTIFY_RETRY_BASE_SECONDS)
    assert delivery.deliver().retrying == 0  # not due yet: untouched


@pytest.mark.parametrize("platform", ["wecom", "dingtalk", "feishu"])
def test_each_platform_gets_its_documented_format(robots_server, officer, platform):
    path = f"/{platform}/hook"
    secret = "" if platform == "wecom" else "SEC0123456789"
    if secret:
        robots_server.secrets[path] = secret
    Robot.objects.create(
        region=officer.region,
        name="群",
        platform=platform,
        webhook=robots_server.url(path) + ("?access_token=T" if platform == "dingtalk" else ""),
        secret=secret,
    )
    services.notify(
        kind="lead_follow_up",
        recipients=[],
        subject="线索跟进：某公司",
        body="下一步：拜访",
        url="/leads/1/",
        dedup_key="k1",
        region=officer.region,
    )
    report = delivery.deliver()
    assert report.sent == 1 and report.problems == 0, Outbox.objects.get().last_error
    [hit] = robots_server.hits
    if platform == "wecom":
        assert hit.body["msgtype"] == "markdown" and "线索跟进：某公司" in hit.body["markdown"]["content"]
    elif platform == "dingtalk":
        assert hit.query["access_token"] == ["T"] and "sign" in hit.query
        assert hit.body["markdown"]["title"] == "线索跟进：某公司"
    else:
        assert hit.body["msg_type"] == "text" and "下一步：拜访" in hit.body["content"]["text"]


def test_a_wrong_dingtalk_secret_is_refused_by_the_server_and_kept_for_a_retry(robots_server, officer):
    robots_server.secrets["/dingtalk/hook"] = "SECright"
    Robot.objects.create(
        region=officer.region,
        name="群",
        platform="dingtalk",
        webhook=robots_server.url("/dingtalk/hook"),
        secret="SECwrong",
    )
    notice(officer, region=officer.region)
    assert delivery.deliver().retrying == 1
    row = Outbox.objects.get(robot__isnull=False)
    assert row.status == OutboxStatus.PENDING and "310000" in row.last_error


@pytest.mark.parametrize("mode", ["500", "slow"])
def test_a_failing_or_slow_server_leaves_the_message_until_it_fails_for_good(
    robots_server, officer, settings, mode
):
    settings.NOTIFY_MAX_ATTEMPTS = 3
    robots_server.mode = mode
    robots_server.delay = 2.0  # beyond NOTIFY_SEND_TIMEOUT (1 s)
    Robot.objects.create(
        region=officer.region, name="群", platform="wecom", webhook=robots_server.url("/wecom")
    )
    services.notify(kind="k", recipients=[], subject="s", body="b", dedup_key="d", region=officer.region)
    row = Outbox.objects.get()
    waits = []
    for attempt in (1, 2):
        report = delivery.deliver(now=timezone.now() + timedelta(days=attempt))
        assert report.retrying == 1
        row.refresh_from_db()
        assert row.status == OutboxStatus.PENDING and row.attempts == attempt
        assert ("HTTP 500" if mode == "500" else "timed out") in row.last_error
        waits.append((row.next_attempt_at - timezone.now()).total_seconds())
    assert waits[1] > waits[0] * 1.5  # the wait doubles
    assert delivery.deliver(now=timezone.now() + timedelta(days=3)).failed == 1
    row.refresh_from_db()
    assert row.status == OutboxStatus.FAILED and row.attempts == 3
    assert len(robots_server.hits) == 3
    robots_server.mode = "ok"
    assert delivery.retry(row)
    assert delivery.deliver().sent == 1 and len(robots_server.hits) == 4


def test_a_claimed_row_is_not_sent_by_a_second_round(robots_server, officer):
    Robot.objects.create(
        region=officer.region, name="群", platform="wecom", webhook=robots_server.url("/wecom")
    )
    services.notify(kind="k", recipients=[], subject="s", dedup_key="d", region=officer.region)
    Outbox.objects.update(status=OutboxStatus.SENDING, claimed_at=timezone.now())  # another worker has it
    assert delivery.deliver().sent == 0 and robots_server.hits == []
    # a process that died while sending: marked failed, not sent again blindly
    report = delivery.deliver(now=timezone.now() + timedelta(hours=1))
    assert report.abandoned == 1 and robots_server.hits == []
    assert Outbox.objects.get().status == OutboxStatus.FAILED


def test_remind_twice_sends_each_due_follow_up_once(smtp, robots_server, officer):
    today = date(2026, 12, 7)
    Robot.objects.create(
        region=officer.region, name="群", platform="wecom", webhook=robots_server.url("/wecom")
    )
    firm = EnterpriseFactory(name="重庆某某科技有限公司（模拟）", region=officer.region)
    lead = Lead.objects.create(
        enterprise=firm,
        region=officer.region,
        owner=officer,
        next_action="上门拜访",
        next_action_on=today + timedelta(days=1),
    )
    Lead.objects.create(
        enterprise=EnterpriseFactory(region=officer.region),
        region=officer.region,
        owner=officer,
        next_action="太远",
        next_action_on=today + timedelta(days=5),
    )
    out = StringIO()
    call_command("remind", "--date", today.isoformat(), "--kind", "lead_follow_up", stdout=out)
    call_command("remind", "--date", today.isoformat(), "--kind", "lead_follow_up", stdout=out)
    assert [m.subject for m in Message.objects.filter(recipient=officer)] == [
        "线索跟进：重庆某某科技有限公司（模拟）（1 天后到期）"
    ]
    assert len(smtp.messages) == 1 and len(robots_server.hits) == 1
    assert "上门拜访" in smtp.messages[0][1].get_content()
    assert f"/leads/{lead.pk}/" in robots_server.hits[0].body["markdown"]["content"]
    assert "成功 2 条" in out.getvalue() and "成功 0 条" in out.getvalue()
    # the follow-up moved: a new date is a new reminder
    lead.next_action_on = today
    lead.save()
    call_command("remind", "--date", today.isoformat(), "--kind", "lead_follow_up", stdout=out)
    assert len(smtp.messages) == 2


def test_remind_exits_non_zero_when_a_send_fails_and_refuses_a_bad_date(officer, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    notice(officer)
    with pytest.raises(CommandError, match="未能发送") as failed:
        call_command("remind", "--deliver-only", stdout=StringIO())
    assert failed.value.returncode == 1
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("remind", "--date", "2026-13-01", stdout=StringIO())
    with pytest.raises(CommandError, match="未登记"):
        call_command("remind", "--kind", "nope", stdout=StringIO())


def test_the_worker_delivers_what_a_notice_queued(
    smtp, officer, monkeypatch, django_capture_on_commit_callbacks
):
    from tests.jobs.support import work

    with django_capture_on_commit_callbacks(execute=True):
        notice(officer)
    work(monkeypatch)
    assert len(smtp.messages) == 1
    assert Outbox.objects.get().status == OutboxStatus.SENT
