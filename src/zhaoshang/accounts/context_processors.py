from __future__ import annotations

from django.db import DatabaseError
from django.http import HttpRequest

from zhaoshang.accounts.permissions import can_view_login_log
from zhaoshang.accounts.scoping import is_unit_user


def account(request: HttpRequest) -> dict[str, object]:
    """What the navigation offers the signed-in user beyond the pages everyone has."""
    user = getattr(request, "user", None)
    try:
        return {
            "can_view_login_log": user is not None and can_view_login_log(user),
            "is_unit_user": is_unit_user(user),  # a 责任单位 user's navigation offers only their pages
        }
    except DatabaseError:  # the session is unreadable while the database is down: an error page still renders
        return {"can_view_login_log": False, "is_unit_user": False}
