"""Template filters asking accounts/permissions.py what to offer (`{% load access %}`)."""

from __future__ import annotations

from typing import Any

from django import template

from zhaoshang.accounts.permissions import can_delete

register = template.Library()


@register.filter
def may_delete(user: Any, obj: Any) -> bool:
    """`{% if user|may_delete:project %}`: whether to offer 删除 (accounts.permissions.can_delete)."""
    return can_delete(user, obj)
