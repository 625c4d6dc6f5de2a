"""Units and unit users for tests marked `factories`."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from tests.factories import RegionFactory, UserFactory
from zhaoshang.accounts.models import Role
from zhaoshang.units.models import ResponsibleUnit, UnitKind, UnitMember


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = ResponsibleUnit

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = UnitKind.DEVELOPMENT


def unit_user(unit: ResponsibleUnit, username: str, *, is_head: bool = False):
    """A 责任单位 user of the unit's region, a member of the unit."""
    user = UserFactory(username=username, role=Role.UNIT, region=unit.region)
    UnitMember.objects.create(unit=unit, user=user, is_head=is_head)
    return user
