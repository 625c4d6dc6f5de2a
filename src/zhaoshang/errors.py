"""handler400: the Chinese 400 page, with the message of a `BadQuery` (what the page could not read);
handler500: the Chinese 500 page, or the 503 of a busy, read-only or full database or disk."""

from __future__ import annotations

import logging
import sys

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

from zhaoshang.accounts.pages import BadQuery
from zhaoshang.core.unavailable import log_unavailable, page, unavailability

log = logging.getLogger(__name__)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A `BadQuery` carries a message written for the user; anything else Django refuses (a bad host, a
    suspicious operation) gets the page's general text, its own only in the log."""
    message = str(exception) if isinstance(exception, BadQuery) else ""
    log.info("400 %s: %s", request.path, exception)
    return render(request, "400.html", {"message": message}, status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a busy, read-only or full database or disk met outside a view (a session saved by its
    middleware) is the 503 of `core/unavailable.py`; anything else the Chinese 500 page, without a query."""
    exc = sys.exc_info()[1]
    why = unavailability(exc) if exc is not None else None
    if exc is not None and why is not None:
        log_unavailable(request, exc, why)
        return page(why)
    return HttpResponseServerError(render_to_string("500.html"))
