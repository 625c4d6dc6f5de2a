"""Who hears of the ledger's stage changes: apps above projects (node plans complete their matching nodes)
register a listener here in their ready(), so the ledger's services and import call up without importing up.

A listener takes the stage events just recorded (saved, in the write's transaction) and the acting user.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Listener = Callable[[Sequence[Any], Any], None]  # (StageEvent rows, user)

_listeners: list[Listener] = []


def register(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def stages_reached(events: Sequence[Any], *, user: Any = None) -> None:
    """Tell every listener about `events` (called by the ledger's writes after saving them)."""
    if not events:
        return
    for listener in _listeners:
        listener(events, user)
