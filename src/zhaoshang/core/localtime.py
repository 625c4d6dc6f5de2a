"""One way to write a moment for people: the server's local time (TIME_ZONE), to the second."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def local_text(value: datetime | None = None) -> str:
    """`value` (now when omitted) as "YYYY-MM-DD HH:MM:SS" in local time."""
    moment = timezone.localtime() if value is None else timezone.localtime(value)
    return moment.strftime("%Y-%m-%d %H:%M:%S")
