"""handler400: the Chinese 400 page, with the message of a `BadQuery` (what the page could not read)."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhaoshang.accounts.pages import BadQuery

log = logging.getLogger(__name__)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A `BadQuery` carries a message written for the user; anything else Django refuses (a bad host, a
    suspicious operation) gets the page's general text, its own only in the log."""
    message = str(exception) if isinstance(exception, BadQuery) else ""
    log.info("400 %s: %s", request.path, exception)
    return render(request, "400.html", {"message": message}, status=400)
