"""The project's own error pages: a 400 that tells the user, in Chinese, what could not be read."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from zhaoshang.regions.pages import BadQuery

log = logging.getLogger(__name__)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400. A `BadQuery` carries a message written for the user; anything else Django refuses
    (a suspicious operation, a malformed upload) gets a general one, its own text only in the log."""
    message = str(exception) if isinstance(exception, BadQuery) else _("请求无法处理，请检查输入后重试。")
    log.info("400 %s: %s", request.path, exception)
    return render(request, "400.html", {"message": message, "back": request.path}, status=400)
