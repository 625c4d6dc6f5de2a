"""Small helpers every router shares: the calling user, and scoped lookups that answer 404."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from zhaoshang.accounts.scoping import for_user
from zhaoshang.api.errors import ApiError

if TYPE_CHECKING:
    from zhaoshang.accounts.models import ApiToken

M = TypeVar("M", bound=Model)
QS = TypeVar("QS", bound="QuerySet[Any]")
MAX_ID = 2**63 - 1  # a database bigint; larger ids are refused with 422, never a database error


class ApiRequest(HttpRequest):
    """A request as the API's authentication leaves it: ninja sets `auth` to what TokenAuth or SessionAuth
    returned (the user); TokenAuth also keeps the token in `api_token` for the audit trail (core/audit.py)."""

    auth: Any
    api_token: ApiToken


def user_of(request: HttpRequest) -> Any:
    return cast(ApiRequest, request).auth


def scoped(request: HttpRequest, qs: QS) -> QS:
    return for_user(qs, user_of(request))


def get_scoped(request: HttpRequest, qs: QuerySet[M], **lookup: Any) -> M:
    """The object if it exists within the caller's reach; otherwise 404 (never telling which)."""
    obj = scoped(request, qs).filter(**lookup).first()
    if obj is None:
        raise ApiError(404, _("资源不存在或不在您的权限范围内。"))
    return obj
