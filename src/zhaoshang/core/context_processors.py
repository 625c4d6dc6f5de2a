from __future__ import annotations

from django.http import HttpRequest

from zhaoshang.core.models import SiteFlag


def site(request: HttpRequest) -> dict[str, object]:
    """Tell every page whether it shows demo data, so the banner 演示数据 is never forgotten."""
    return {"demo_loaded": SiteFlag.is_set("demo_loaded")}
