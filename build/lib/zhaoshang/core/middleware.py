"""Request limits applied before any view: the size of an upload."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


class UploadSizeLimitMiddleware:
    """Refuse a request body larger than MAX_UPLOAD_SIZE with 413, before Django reads or stores any of it.

    DATA_UPLOAD_MAX_MEMORY_SIZE bounds only the non-file part of a request; this bounds the files too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_UPLOAD_SIZE
        if length > limit:
            message = _("上传内容过大（%(size).1f MB），单次上传不得超过 %(limit).0f MB。") % {
                "size": length / 2**20,
                "limit": limit / 2**20,
            }
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
