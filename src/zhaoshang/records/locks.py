"""Reported figures (报送) change only as an amendment (更正) with a reason: what every write path asks.

The period lock itself is targets' (`targets/locking.py`, registered from its ready()). The writes below
targets — the ledger's services, its import and admin, the recycle bin — ask it through this module, so
that no import points up from them into targets. A write asks before it saves and records after:

    amendment = locks.require_amendment(before, after, actor=user, reason=reason)  # or PeriodLocked
    after.save()
    amendment.record(after)

`before` is the record as stored (None for a new one), `after` the record as it is about to be saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class LockedPeriod:
    """A reported period a write would change: its region's code and name, and the period's code."""

    region_code: str
    region_name: str
    period_code: str

    def __str__(self) -> str:
        return f"{self.region_name}{self.period_code}"


class PeriodLocked(ValueError):
    """The write changes the figures of reported (locked) periods: only as an amendment with a reason.
    The message is for the user, in Chinese; `periods` names the reports."""

    def __init__(self, message: str, periods: Sequence[LockedPeriod]) -> None:
        super().__init__(message)
        self.periods = list(periods)

    @property
    def names(self) -> str:
        return "、".join(str(p) for p in self.periods)


class Amendment(Protocol):
    """What `require_amendment` gives back: recorded once the write is saved."""

    def record(self, saved: Any) -> None: ...


class Batch(Protocol):
    """The lock with the locked periods loaded once, for checking many writes without a query each."""

    def require_amendment(self, before: Any, after: Any, *, actor: Any, reason: str) -> Amendment: ...


class Lock(Protocol):
    """A lock over the records of one model (registered by the app that locks them)."""

    def require_amendment(self, before: Any, after: Any, *, actor: Any, reason: str) -> Amendment: ...

    def locked_periods(self, record: Any) -> list[LockedPeriod]: ...

    def batch(self) -> Batch: ...


class _Nothing:
    def record(self, saved: Any) -> None:
        return None

    def require_amendment(self, before: Any, after: Any, *, actor: Any, reason: str) -> Amendment:
        return self


NOTHING = _Nothing()
LOCKS: dict[str, Lock] = {}  # by model label


def register(model_label: str, lock: Lock) -> None:
    """Lock the records of a model (called from the locking app's ready())."""
    LOCKS[model_label] = lock


def lock_of(model: Any) -> Lock | None:
    return LOCKS.get(model._meta.label)


def require_amendment(before: Any, after: Any, *, actor: Any, reason: str) -> Amendment:
    """Refuse (PeriodLocked) a write that changes reported figures without a reason; else what to record."""
    lock = lock_of(after)
    return NOTHING if lock is None else lock.require_amendment(before, after, actor=actor, reason=reason)


def locked_periods(record: Any) -> list[LockedPeriod]:
    """The reported periods holding the record's figures (deleting or restoring it would change them)."""
    lock = lock_of(record)
    return [] if lock is None else lock.locked_periods(record)


def batch(model: Any) -> Batch:
    lock = LOCKS.get(model._meta.label)
    return NOTHING if lock is None else lock.batch()
