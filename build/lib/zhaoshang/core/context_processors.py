from __future__ import annotations

from django.db import DatabaseError
from django.http import HttpRequest

from zhaoshang.core.models import SiteFlag


def site(request: HttpRequest) -> dict[str, object]:
    """Tell every page whether it shows demo data, so the banner 演示数据 is never forgotten."""
    try:
        return {"demo_loaded": SiteFlag.is_set("demo_loaded")}
    except DatabaseError:  # an error page while the database is down must still render
        return {"demo_loaded": False}
