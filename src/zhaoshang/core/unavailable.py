"""When the database or the disk cannot take a write right now: a Chinese 503, never a 500 (issue 14:
defect 11 and item 14's disk full and read-only database).

One function, `unavailability`, says whether an exception is such a condition: SQLite's "database is locked"
(another writer held the lock longer than the busy timeout), PostgreSQL's serialization failures, deadlocks
and lock timeouts, a read-only database and a full disk (OSError ENOSPC or the database's own report). The
middleware answers pages with `503.html`, the API answers with its error body (`api/errors.py`); both say
`Retry-After`. Whatever the request wrote is rolled back by the transaction it ran in.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

BUSY_STATES = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available
READ_ONLY_STATES = {"25006"}  # read_only_sql_transaction (a standby, default_transaction_read_only)
FULL_STATES = {"53100"}  # disk_full


@dataclass(frozen=True)
class Unavailable:
    """Why a write cannot be done now: a code for the API, a Chinese title and message, a retry delay."""

    code: str
    title: str
    message: str
    retry_after: int


def _busy() -> Unavailable:
    return Unavailable(
        "busy",
        _("系统繁忙"),
        _("其他用户正在保存数据，本次操作未能完成，也没有写入任何内容。请稍后重试。"),
        2,
    )


def _read_only() -> Unavailable:
    return Unavailable(
        "read_only",
        _("数据库只读"),
        _("数据库当前为只读状态，暂时不能保存修改（本次操作没有写入任何内容）。请联系系统管理员。"),
        60,
    )


def _disk_full() -> Unavailable:
    return Unavailable(
        "disk_full",
        _("磁盘空间不足"),
        _("服务器磁盘空间不足，本次操作没有完成，也没有写入任何内容。请联系系统管理员清理空间后重试。"),
        60,
    )


def unavailability(exc: BaseException) -> Unavailable | None:
    """The condition behind `exc` when it is a busy, read-only or full database or disk; None otherwise."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return _disk_full()
    if isinstance(exc, OSError) and exc.errno == errno.EROFS:
        return _read_only()
    if not isinstance(exc, DatabaseError):
        return None
    state = getattr(exc.__cause__, "sqlstate", None)
    text = str(exc).lower()
    if state in BUSY_STATES or "database is locked" in text or "database table is locked" in text:
        return _busy()
    if state in READ_ONLY_STATES or "readonly database" in text:
        return _read_only()
    if state in FULL_STATES or "database or disk is full" in text:
        return _disk_full()
    return None


def log_unavailable(request: HttpRequest, exc: BaseException, why: Unavailable) -> None:
    log.warning("503 %s %s (%s): %s: %s", request.method, request.path, why.code, type(exc).__name__, exc)


def page(why: Unavailable) -> HttpResponse:
    """The 503 page; rendered without the request's context (no query: the database may be the trouble)."""
    response = HttpResponse(render_to_string("503.html", {"why": why}), status=503)
    response["Retry-After"] = str(why.retry_after)
    return response


class UnavailableMiddleware:
    """Turns a busy, read-only or full database or disk into the Chinese 503 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        why = unavailability(exc)
        if why is None:
            return None
        log_unavailable(request, exc, why)
        return page(why)
