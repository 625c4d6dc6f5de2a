from __future__ import annotations

from django.http import HttpRequest

from zhaoshang.accounts.permissions import can_view_login_log


def account(request: HttpRequest) -> dict[str, object]:
    """What the navigation offers the signed-in user beyond the pages everyone has."""
    user = getattr(request, "user", None)
    return {"can_view_login_log": user is not None and can_view_login_log(user)}
