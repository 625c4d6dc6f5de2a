"""Which unit a user acts for, and who acts for a unit: the questions the apps above ask (plans, supervision,
notifications, escalation to a unit's head)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from zhaoshang.accounts.models import User
from zhaoshang.accounts.scoping import is_unit_user, unit_id_of
from zhaoshang.units.models import ResponsibleUnit, UnitMember


def live_unit_id(user: Any) -> int | None:
    """The id of the active, not deleted unit the user is a member of (the scoping resolver)."""
    rows = UnitMember.objects.filter(user_id=user.pk, unit__deleted_at__isnull=True, unit__is_active=True)
    return rows.values_list("unit_id", flat=True).first()


def unit_of(user: Any) -> ResponsibleUnit | None:
    """The unit a 责任单位 user acts for; None for any other user, or a unit user whose unit is inactive,
    deleted or not set."""
    unit_id = unit_id_of(user)
    return ResponsibleUnit.objects.filter(pk=unit_id).first() if unit_id is not None else None


def is_member(user: Any, unit: ResponsibleUnit | int | None) -> bool:
    """Whether the user acts for this unit (a unit user of it, the unit live)."""
    if unit is None or not is_unit_user(user):
        return False
    unit_id = unit if isinstance(unit, int) else unit.pk
    return unit_id_of(user) == unit_id


def members(unit: ResponsibleUnit) -> QuerySet[User]:
    """The active users acting for the unit, heads first."""
    return User.objects.filter(unit_membership__unit=unit, is_active=True).order_by(
        "-unit_membership__is_head", "username"
    )


def heads(unit: ResponsibleUnit) -> QuerySet[User]:
    """The unit's heads (单位负责人): where an overdue item of the unit escalates first."""
    return members(unit).filter(unit_membership__is_head=True)
