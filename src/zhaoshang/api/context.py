"""Small helpers every router shares: the calling user, and scoped lookups that answer 404."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from zhaoshang.accounts.scoping import for_user
from zhaoshang.api.errors import ApiError

M = TypeVar("M", bound=Model)
MAX_ID = 2**63 - 1  # a database bigint; larger ids are refused with 422, never a database error


def user_of(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]  # set by TokenAuth or SessionAuth


def scoped(request: HttpRequest, qs: QuerySet[M]) -> QuerySet[M]:
    return for_user(qs, user_of(request))


def get_scoped(request: HttpRequest, qs: QuerySet[M], **lookup: Any) -> M:
    """The object if it exists within the caller's reach; otherwise 404 (never telling which)."""
    obj = scoped(request, qs).filter(**lookup).first()
    if obj is None:
        raise ApiError(404, "资源不存在或不在您的权限范围内。")
    return obj
