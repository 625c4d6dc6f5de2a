from __future__ import annotations

from django.db import DatabaseError
from django.http import HttpRequest

from zhaoshang.accounts.permissions import can_manage_robots
from zhaoshang.notify.services import unread_count


def inbox(request: HttpRequest) -> dict[str, object]:
    """The unread count the navigation shows beside 消息."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    try:
        return {"inbox_unread": unread_count(user), "can_manage_robots": can_manage_robots(user)}
    except DatabaseError:  # an error page still renders while the database is down
        return {}
