"""Messages and outbox rows from reminders and immediate notices: idempotent by dedup key, filtered by the
subscriptions (kinds, days ahead, e-mail), folded into one digest past the threshold; robots of the district."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.factories import RegionFactory, UserFactory
from zhaoshang.accounts.models import Role
from zhaoshang.notify import services
from zhaoshang.notify.models import Message, Outbox, OutboxStatus, Robot, Subscription
from zhaoshang.notify.sources import Reminder

pytestmark = [pytest.mark.django_db, pytest.mark.factories]
TODAY = date(2026, 12, 7)


@pytest.fixture
def officer():
    return UserFactory(role=Role.OFFICER, email="officer@example.test")


def reminder(user, n, due=TODAY, region=None):
    return Reminder(
        recipients=[user],
        subject=f"到期事项{n}",
        body=f"内容{n}",
        url=f"/leads/{n}/",
        dedup_key=f"test:{n}:{due}",
        due=due,
        region=region,
    )


def test_a_reminder_becomes_one_message_and_one_email_and_a_second_run_adds_nothing(source, officer):
    source.items = [reminder(officer, 1)]
    first = services.run_reminders(TODAY)
    second = services.run_reminders(TODAY)
    assert (first.messages, first.outbox) == (1, 1)
    assert (second.messages, second.outbox) == (0, 0)
    message = Message.objects.get(recipient=officer)
    assert (message.subject, message.url, message.kind) == ("到期事项1", "/leads/1/", "test_due")
    row = Outbox.objects.get()
    assert (row.channel, row.address, row.status) == ("email", "officer@example.test", OutboxStatus.PENDING)


def test_a_user_without_an_email_address_gets_the_inbox_only(source):
    user = UserFactory(email="")
    source.items = [reminder(user, 1)]
    services.run_reminders(TODAY)
    assert Message.objects.filter(recipient=user).count() == 1
    assert not Outbox.objects.exists()


def test_days_ahead_come_from_the_subscription_else_from_the_kind(source, officer):
    source.items = [
        reminder(officer, 1, due=TODAY + timedelta(days=2)),
        reminder(officer, 2, due=TODAY + timedelta(days=3)),
    ]
    services.run_reminders(TODAY)  # the kind's default: 2 days ahead
    assert list(Message.objects.values_list("subject", flat=True)) == ["到期事项1"]
    Subscription.objects.create(user=officer, kind="test_due", days_ahead=3, email=False)
    written = services.run_reminders(TODAY)
    assert (written.messages, written.outbox) == (1, 0)  # the second item now, without e-mail


def test_an_unsubscribed_kind_writes_nothing(source, officer):
    Subscription.objects.create(user=officer, kind="test_due", enabled=False)
    source.items = [reminder(officer, 1)]
    assert services.run_reminders(TODAY).messages == 0
    assert not Message.objects.exists()


def test_more_than_the_threshold_in_a_day_make_one_digest(source, officer, settings):
    settings.NOTIFY_DIGEST_THRESHOLD = 3
    source.items = [reminder(officer, n) for n in range(4)]
    written = services.run_reminders(TODAY)
    assert (written.messages, written.digests, written.outbox) == (1, 1, 1)
    digest = Message.objects.get(is_digest=True)
    assert digest.items.count() == 4
    assert "4 条" in digest.subject and "到期事项3" in digest.body
    assert Outbox.objects.get().dedup_key == digest.dedup_key  # one e-mail: the digest
    assert services.unread_count(officer) == 1
    # the same items again: nothing; exactly the threshold of new ones the next day: single messages
    assert services.run_reminders(TODAY).messages == 0
    source.items = [reminder(officer, n, due=TODAY + timedelta(days=1)) for n in range(3)]
    later = services.run_reminders(TODAY + timedelta(days=1))
    assert (later.messages, later.digests) == (3, 0)


def test_the_group_robot_of_the_district_gets_each_reminder_once(source, officer):
    region = officer.region
    robot = Robot.objects.create(
        region=region, name="招商群", platform="wecom", webhook="https://x/send?key=k"
    )
    Robot.objects.create(region=RegionFactory(), name="别区群", platform="wecom", webhook="https://y/")
    Robot.objects.create(
        region=region, name="只收别的", platform="feishu", webhook="https://z/", kinds=["other"]
    )
    source.items = [reminder(officer, 1, region=region)]
    services.run_reminders(TODAY)
    services.run_reminders(TODAY)
    rows = Outbox.objects.filter(robot__isnull=False)
    assert [(r.robot_id, r.channel, r.dedup_key) for r in rows] == [(robot.pk, "wecom", "test:1:2026-12-07")]


def test_a_robots_digest_folds_the_items_which_are_never_sent_alone(source, officer, settings):
    settings.NOTIFY_DIGEST_THRESHOLD = 1
    Robot.objects.create(region=officer.region, name="招商群", platform="dingtalk", webhook="https://x/")
    source.items = [reminder(officer, n, region=officer.region) for n in range(2)]
    services.run_reminders(TODAY)
    robot_rows = Outbox.objects.filter(robot__isnull=False)
    assert sorted(robot_rows.values_list("status", flat=True)) == ["folded", "folded", "pending"]
    assert services.run_reminders(TODAY).outbox == 0


def test_an_immediate_notice_is_written_once_per_dedup_key(officer):
    args = dict(
        kind="test_now",
        recipients=[officer, officer],
        subject="督办交办",
        body="请签收",
        url="/x/",
        dedup_key="supervision:1:assigned",
        region=officer.region,
    )
    first = services.notify(**args)
    second = services.notify(**args)
    assert (first.messages, first.outbox, second.messages, second.outbox) == (1, 1, 0, 0)


def test_inactive_users_get_nothing(officer):
    officer.is_active = False
    officer.save()
    assert services.notify(kind="k", recipients=[officer], subject="s", dedup_key="d").messages == 0


def test_mark_read_marks_a_digest_with_its_items(source, officer, settings):
    settings.NOTIFY_DIGEST_THRESHOLD = 1
    source.items = [reminder(officer, n) for n in range(2)]
    services.run_reminders(TODAY)
    digest = Message.objects.get(is_digest=True)
    services.mark_read(officer, [digest.pk])
    assert not Message.objects.filter(read_at__isnull=True).exists()
