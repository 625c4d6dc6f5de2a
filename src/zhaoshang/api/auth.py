"""Who is calling: a personal token (`Authorization: Bearer zs_…`) or a logged-in browser session.

A session is checked for CSRF on unsafe methods (a token is not: it is not sent by the browser on its
own). A bad or revoked token is refused outright rather than falling back to the session.

A 责任单位 user is refused (403) by every route except those of routers built with `UNIT_AUTH`, whose
operations scope by the unit path (accounts/scoping.py); the pages have the same rule (accounts/unitgate.py).
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from zhaoshang.accounts.scoping import is_unit_user
from zhaoshang.accounts.tokens import authenticate_token
from zhaoshang.api.context import ApiRequest


def _admit(user: Any, admits_units: bool) -> Any:
    if not admits_units and is_unit_user(user):
        raise HttpError(403, _("责任单位账号只能查看和办理交办给本单位的事项。"))
    return user


class TokenAuth(HttpBearer):
    def __init__(self, *, admits_units: bool = False) -> None:
        super().__init__()
        self.admits_units = admits_units

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = authenticate_token(token.strip())
        if found is None:
            raise AuthenticationError(401, _("API 令牌无效或已撤销。"))
        cast(ApiRequest, request).api_token = found  # for the audit trail
        request.user = found.user
        return _admit(found.user, self.admits_units)


class SessionAuth(APIKeyCookie):
    """Django's session, for the logged-in browser (and the API docs page)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self, *, admits_units: bool = False) -> None:
        super().__init__()
        self.admits_units = admits_units

    def _get_key(self, request: HttpRequest) -> str | None:
        # CSRF is checked in authenticate(), once there is a user to protect: an anonymous call gets 401.
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, _("CSRF 校验失败：请刷新页面后重试。"))
        return _admit(user, self.admits_units)


# The authentication of a router whose operations serve unit users too (scoped by the unit path).
UNIT_AUTH = [TokenAuth(admits_units=True), SessionAuth(admits_units=True)]
