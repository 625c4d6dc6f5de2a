"""Delete to and restore from the recycle bin through the API: the pages' rule (can_delete) and services
(records/trash.py), answered with the API's error body."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from zhaoshang.accounts.permissions import can_delete
from zhaoshang.api.context import get_scoped, user_of
from zhaoshang.api.errors import ApiError
from zhaoshang.api.schemas.trash import DeleteParams, RestoreParams
from zhaoshang.records.trash import DeletionError, RestoreConflict, delete_record, restore_record


def _forbidden() -> ApiError:
    return ApiError(403, _("您无权删除或恢复此记录（仅区县管理员、市级管理员可以）。"))


def delete(request: HttpRequest, obj: Any, params: DeleteParams) -> None:
    """Move `obj` (already looked up within reach, else 404) to the recycle bin."""
    user = user_of(request)
    if not can_delete(user, obj):
        raise _forbidden()
    try:
        delete_record(obj=obj, user=user, reason=params.reason, amendment_reason=params.amendment_reason)
    except DeletionError as exc:
        raise ApiError(422, str(exc), details={"reason": [str(exc)]}) from exc


def restore(request: HttpRequest, rows: QuerySet, pk: int, params: RestoreParams) -> Any:
    """Bring back the record `pk` of `rows` (a manager's queryset with the deleted ones)."""
    user = user_of(request)
    obj = get_scoped(request, rows, pk=pk)
    if not can_delete(user, obj):
        raise _forbidden()
    if obj.deleted_at is None:
        raise ApiError(409, _("该记录没有被删除，无需恢复。"), code="not_deleted")
    try:
        restore_record(obj=obj, user=user, amendment_reason=params.amendment_reason)
    except RestoreConflict as exc:
        raise ApiError(409, str(exc), code="restore_conflict") from exc
    return obj
