"""The hook other apps fill: the kinds of reminder and where they come from.

An app registers each kind in its ready()::

    from zhaoshang.notify import sources
    sources.register("lead_follow_up", _("线索跟进到期"), collect_due_follow_ups, days_ahead=3)

`collect(today)` returns the reminders of that day: every item due within `sources.HORIZON_DAYS` of
`today` or overdue, as `Reminder`s (recipients, subject, body, url, dedup_key, due, region). It is called
by `zhaoshang remind` once per run; the subscriptions decide who gets which one how many days ahead, and
`dedup_key` (unique per item and occasion, e.g. "lead-follow-up:17:2026-12-10") makes a second run of the
same day send nothing new. A kind without `collect` is for immediate messages only
(`notify.services.notify`), listed on the subscriptions page all the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

HORIZON_DAYS = 30  # the most days ahead a subscriber may ask for; sources collect this far ahead
DEFAULT_DAYS_AHEAD = 3


@dataclass(frozen=True)
class Reminder:
    """Something a user should be told about: its text, where to act on it, when it is due."""

    recipients: Sequence[Any]  # users
    subject: str
    body: str
    url: str
    dedup_key: str
    due: date | None = None
    region: Any = None  # the district it is about (its group robots are told too)


Collect = Callable[[date], Iterable[Reminder]]


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    collect: Collect | None
    days_ahead: int = DEFAULT_DAYS_AHEAD


SOURCES: dict[str, Source] = {}


def register(
    kind: str, label: str, collect: Collect | None = None, *, days_ahead: int = DEFAULT_DAYS_AHEAD
) -> None:
    """Declare a kind of reminder (from an app's ready()); `collect` None: immediate messages only."""
    if len(kind) > 40:
        raise ValueError(f"reminder kind {kind!r} is longer than 40 characters")
    SOURCES[kind] = Source(kind, label, collect, min(max(days_ahead, 0), HORIZON_DAYS))


def label_of(kind: str) -> str:
    source = SOURCES.get(kind)
    return str(source.label) if source else kind
