"""The kinds of job: each app registers its own in its ready() (records: large imports)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from zhaoshang.jobs.models import Job

Progress = Callable[[int, str], None]  # (percent, what is being done now, in Chinese)


@dataclass
class Outcome:
    """What a job's work came to: `ok` false is a refusal the job records as failed (e.g. an import with
    rejected rows); `retryable` says whether running it again may turn out otherwise."""

    summary: str
    ok: bool = True
    result: dict[str, Any] = field(default_factory=dict)
    retryable: bool = False


Handler = Callable[["Job", Progress], Outcome]


@dataclass(frozen=True)
class Kind:
    handler: str  # the dotted path of a Handler
    template: str = ""  # what the job's page shows of its result, beside the summary


KINDS: dict[str, Kind] = {}


def register(kind: str, handler: str, *, template: str = "") -> None:
    KINDS[kind] = Kind(handler, template)


def handler_for(kind: str) -> Handler:
    handler: Handler = import_string(KINDS[kind].handler)
    return handler
