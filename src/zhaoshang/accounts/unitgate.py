"""What a 责任单位 user may open: only the pages declared open to units; every other page is a 403.

Scoping (accounts/scoping.py) already gives a unit user no row of the ledger, leads, targets and the rest;
this gate makes the pages themselves refuse instead of rendering empty lists, written once instead of in
every view. An app whose page serves unit users declares it in its `ready()` (`open_to_units("units:mine")`)
and scopes what it shows by the unit path. The API has the same rule in its authentication
(api/auth.py: only routers built with `UNIT_AUTH` admit unit users).

The landing page of a unit user (after log-in, and for `/`) is `unit_home()`; an upper app with a better
one (the 工作台) sets it with `set_unit_home`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from zhaoshang.accounts.scoping import is_unit_user

# Pages every signed-in user needs: signing in and out, the own password and API tokens, health.
ALWAYS_OPEN = frozenset(
    {
        "login",
        "logout",
        "healthz",
        "accounts:password_change",
        "accounts:tokens",
        "accounts:token_revoke",
    }
)
OPEN: set[str] = set()
_HOME = ["accounts:password_change"]  # until an app offers a better landing page
API_PREFIX = "/api/"  # the API's authentication applies the same rule per router


def open_to_units(*view_names: str) -> None:
    """Declare pages ("namespace:name") that serve unit users (their views scope by the unit path)."""
    OPEN.update(view_names)


def set_unit_home(view_name: str) -> None:
    """The page a unit user lands on after log-in and at `/`."""
    _HOME[0] = view_name
    OPEN.add(view_name)


def unit_home() -> str:
    return _HOME[0]


def is_open(view_name: str) -> bool:
    return view_name in ALWAYS_OPEN or view_name in OPEN


class UnitGateMiddleware:
    """Refuse (403) every page not open to units when a unit user asks for it; send `/` to their home."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponse], args: tuple, kwargs: dict
    ) -> HttpResponse | None:
        if not is_unit_user(getattr(request, "user", None)) or request.path_info.startswith(API_PREFIX):
            return None
        match = request.resolver_match
        name = match.view_name if match is not None else ""
        if name == "home":
            return redirect(unit_home())
        if is_open(name):
            return None
        raise PermissionDenied(_("责任单位账号只能查看和办理交办给本单位的事项。"))
