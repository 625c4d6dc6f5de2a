"""The client's address: one function for the log-in lockout (django-axes) and the audit trail.

Behind `ZHAOSHANG_PROXY_COUNT` reverse proxies that each append the address they received a request from
to X-Forwarded-For (nginx's `$proxy_add_x_forwarded_for`), the client is the entry that many places from
the right; whatever a client writes to the left of it is its own claim and is ignored. With no proxies
configured the header is ignored entirely and REMOTE_ADDR is the client (issue 14, defect 23).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from python_ipware import IpWare


@cache
def _resolver(proxies: int) -> IpWare:
    # python-ipware counts the proxies *named in* the header (client, proxy1, …), while the last proxy is
    # only REMOTE_ADDR: N proxies in front leave N-1 of them in the header.
    return IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=proxies - 1)


def client_ip(request: Any) -> str | None:
    """The address of the client that sent `request` (None when there is none, as in some tests)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    ip, _trusted = _resolver(proxies).get_client_ip(request.META)
    return str(ip) if ip is not None else remote
