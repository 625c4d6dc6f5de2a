"""Sending one outbox row: e-mail through Django's SMTP backend (EMAIL_* settings), group robots through
their webhooks (lib/robots.py builds the documented request). A failure raises `SendFailed` with the
reason, which the outbox keeps as its last error."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.translation import gettext as _

from zhaoshang.lib import robots
from zhaoshang.notify.models import Channel


class SendFailed(Exception):
    """The outside system did not take the message; str() says why (for the outbox page and the log)."""


def _email(row: Any) -> None:
    text = row.body.strip()
    if row.url:
        text = f"{text}\n\n{_('查看详情：')}{row.url}"
    connection = get_connection(timeout=settings.NOTIFY_SEND_TIMEOUT)
    message = EmailMessage(
        subject=row.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.address],
        connection=connection,
    )
    try:
        sent = message.send()
    except Exception as exc:  # smtplib and socket errors of every kind: the row is retried
        raise SendFailed(f"{type(exc).__name__}: {exc}") from exc
    if sent != 1:
        raise SendFailed("the SMTP backend accepted no message")


def _robot(row: Any) -> None:
    robot = row.robot
    if robot is None:
        raise SendFailed("the robot was deleted")
    request = robots.build(
        robot.platform,
        robot.webhook,
        subject=row.subject,
        body=row.body,
        link=row.url,
        secret=robot.secret,
        now_ms=int(time.time() * 1000),
    )
    http = urllib.request.Request(
        request.url, data=request.body, headers=dict(request.headers), method="POST"
    )
    try:
        with urllib.request.urlopen(http, timeout=settings.NOTIFY_SEND_TIMEOUT) as answer:
            status, content = answer.status, answer.read(64_000)
    except urllib.error.HTTPError as exc:
        status, content = exc.code, exc.read(64_000)
    except (OSError, ValueError) as exc:  # refused, timed out, bad address
        raise SendFailed(f"{type(exc).__name__}: {exc}") from exc
    problem = robots.failure(robot.platform, status, content)
    if problem:
        raise SendFailed(problem)


def send(row: Any) -> None:
    if row.channel == Channel.EMAIL:
        _email(row)
    elif row.channel in robots.PLATFORMS:
        _robot(row)
    else:
        raise SendFailed(f"unknown channel {row.channel!r}")
