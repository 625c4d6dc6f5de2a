"""Who is calling: a personal token (`Authorization: Bearer zs_…`) or a logged-in browser session.

A session is checked for CSRF on unsafe methods (a token is not: it is not sent by the browser on its
own). A bad or revoked token is refused outright rather than falling back to the session.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from zhaoshang.accounts.tokens import authenticate_token
from zhaoshang.api.context import ApiRequest


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = authenticate_token(token.strip())
        if found is None:
            raise AuthenticationError(401, _("API 令牌无效或已撤销。"))
        cast(ApiRequest, request).api_token = found  # for the audit trail
        request.user = found.user
        return found.user


class SessionAuth(APIKeyCookie):
    """Django's session, for the logged-in browser (and the API docs page)."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # CSRF is checked in authenticate(), once there is a user to protect: an anonymous call gets 401.
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, _("CSRF 校验失败：请刷新页面后重试。"))
        return user
