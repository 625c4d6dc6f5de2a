"""Writes of responsible units and their members: each a typed, keyword-only function under a transaction,
asking units/rules.py first and taking the actor (recorded in the audit trail)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhaoshang.accounts.models import Role, User
from zhaoshang.units import rules
from zhaoshang.units.models import ResponsibleUnit, UnitKind, UnitMember


class UnitError(ValueError):
    """A write refused by the rules; `problems` says which field and why (in Chinese)."""

    def __init__(self, problems: list[rules.Problem]) -> None:
        super().__init__("；".join(p.message for p in problems))
        self.problems = problems


def _name_taken(region_id: int, name: str, exclude: int | None = None) -> bool:
    rows = ResponsibleUnit.objects.filter(region_id=region_id, name=name.strip())
    return rows.exclude(pk=exclude).exists() if exclude else rows.exists()


def check_unit(
    *, region: Any, name: str, short_name: str, kind: str, unit: ResponsibleUnit | None = None
) -> None:
    problems = rules.unit_problems(
        name=name,
        short_name=short_name,
        kind=kind,
        kinds=set(UnitKind.values),
        name_taken=_name_taken(region.pk, name, exclude=unit.pk if unit else None),
    )
    if problems:
        raise UnitError(problems)


@transaction.atomic
def create_unit(
    *, region: Any, name: str, kind: str, short_name: str = "", is_active: bool = True, actor: Any
) -> ResponsibleUnit:
    check_unit(region=region, name=name, short_name=short_name, kind=kind)
    unit = ResponsibleUnit(
        region=region, name=name.strip(), short_name=short_name.strip(), kind=kind, is_active=is_active
    )
    unit._history_user = actor
    unit.save()
    return unit


@transaction.atomic
def update_unit(
    unit: ResponsibleUnit,
    *,
    actor: Any,
    name: str | None = None,
    short_name: str | None = None,
    kind: str | None = None,
    is_active: bool | None = None,
) -> ResponsibleUnit:
    """Change a unit's name, short name, kind or active flag (None keeps one; the region never changes)."""
    name = unit.name if name is None else name
    short_name = unit.short_name if short_name is None else short_name
    kind = unit.kind if kind is None else kind
    check_unit(region=unit.region, name=name, short_name=short_name, kind=kind, unit=unit)
    unit.name, unit.short_name, unit.kind = name.strip(), short_name.strip(), kind
    if is_active is not None:
        unit.is_active = is_active
    unit._history_user = actor
    unit.save()
    return unit


def _check_member(unit: ResponsibleUnit, user: User) -> None:
    current = UnitMember.objects.filter(user=user).exclude(unit=unit).select_related("unit").first()
    problems = rules.member_problems(
        role=user.role,
        is_superuser=user.is_superuser,
        user_region=user.region.code if user.region is not None else None,
        unit_region=unit.region.code,
        unit_active=unit.is_active,
        other_unit=current.unit.name if current is not None else None,
    )
    if problems:
        raise UnitError(problems)


@transaction.atomic
def add_member(unit: ResponsibleUnit, *, user: User, is_head: bool = False, actor: Any) -> UnitMember:
    """Make a 责任单位 user of the unit's region a member (or change whether they are its head)."""
    _check_member(unit, user)
    member = UnitMember.objects.filter(unit=unit, user=user).first() or UnitMember(unit=unit, user=user)
    member.is_head = is_head
    member._history_user = actor
    member.save()
    return member


@transaction.atomic
def create_unit_user(
    unit: ResponsibleUnit,
    *,
    username: str,
    full_name: str,
    password: str,
    is_head: bool = False,
    actor: Any,
) -> User:
    """A new 责任单位 account of the unit's region, made a member; the password is the administrator's, so the
    user must choose their own at the first log-in."""
    username = username.strip()
    problems = []
    if not username:
        problems.append(rules.Problem("username", _("请填写用户名。")))
    elif User.objects.filter(username=username).exists():
        problems.append(rules.Problem("username", _("用户名“%(u)s”已被使用。") % {"u": username}))
    user = User(username=username, first_name=full_name.strip(), role=Role.UNIT, region=unit.region)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        problems.extend(rules.Problem("password", str(m)) for m in exc.messages)
    if problems:
        raise UnitError(problems)
    user.set_password(password)
    user.must_change_password = True
    user.save()
    add_member(unit, user=user, is_head=is_head, actor=actor)
    return user


@transaction.atomic
def remove_member(member: UnitMember, *, actor: Any) -> None:
    """The user no longer acts for the unit (the account stays, seeing nothing until it joins a unit)."""
    member._history_user = actor
    member.delete()
