"""Session policy for page users (等保): an idle timeout, an absolute lifetime, and a forced password change
for accounts an administrator created. API calls with a token carry no session and are not affected."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

LOGGED_IN_AT = "zs_logged_in_at"
SEEN_AT = "zs_seen_at"
# Writing the session on every request costs a database write each time; a minute's precision is enough
# for a timeout counted in tens of minutes.
SEEN_PRECISION = 60


def start_session_clock(sender, request: HttpRequest, user, **kwargs) -> None:
    """On log-in (the `user_logged_in` signal)."""
    now = int(time.time())
    request.session[LOGGED_IN_AT] = request.session[SEEN_AT] = now


def _expired(request: HttpRequest, now: int) -> str | None:
    session = request.session
    logged_in_at, seen_at = session.get(LOGGED_IN_AT), session.get(SEEN_AT)
    if logged_in_at is None or seen_at is None:
        session[LOGGED_IN_AT] = session[SEEN_AT] = now  # a session older than this policy
        return None
    if now - logged_in_at > settings.SESSION_ABSOLUTE_HOURS * 3600:
        return _("登录已超过 %(n)d 小时，请重新登录。") % {"n": settings.SESSION_ABSOLUTE_HOURS}
    if now - seen_at > settings.SESSION_IDLE_MINUTES * 60:
        return _("您已 %(n)d 分钟未操作，请重新登录。") % {"n": settings.SESSION_IDLE_MINUTES}
    if now - seen_at >= SEEN_PRECISION:
        session[SEEN_AT] = now
    return None


class SessionPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            if reason := _expired(request, int(time.time())):
                logout(request)
                messages.warning(request, reason)
                return redirect(f"{reverse('login')}?next={request.path}")
            if getattr(user, "must_change_password", False) and not self._may_pass(request):
                messages.info(request, _("这是管理员为您创建的账号，请先设置您自己的密码。"))
                return redirect("accounts:password_change")
        return self.get_response(request)

    @staticmethod
    def _may_pass(request: HttpRequest) -> bool:
        """The pages a user who must change their password may still open."""
        allowed = (reverse("accounts:password_change"), reverse("logout"), settings.STATIC_URL)
        return request.path.startswith(allowed)
