"""Where a `next` parameter may send the browser: a path of this site, never another host or scheme
(issue 14 defect 15). Every view that honours `next` asks `safe_next`."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, default: str) -> str:
    """The posted (or queried) `next` when it stays on this site, else `default` (a URL or a URL name).

    Django's own check refuses other hosts, scheme-relative `//host`, `javascript:` and back-slash tricks."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else resolve_url(default)
