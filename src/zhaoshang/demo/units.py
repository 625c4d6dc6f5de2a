"""The demo's responsible units (责任单位) of 沙坪坝区 and its unit user `spb_fgw` (区发改委).

The departments are those a district government has (their usual short names); the committee of
国际物流城 (the former 西部物流园) stands for the parks the reference case names, and two 街道 of the
district for the towns and streets that own land and local coordination.
"""

from __future__ import annotations

from django.db import connection

from zhaoshang.accounts.models import Role, User
from zhaoshang.regions.models import Region
from zhaoshang.units.models import ResponsibleUnit, UnitKind, UnitMember

UNITS = [  # name, short name, kind
    ("沙坪坝区发展和改革委员会", "区发改委", UnitKind.DEVELOPMENT),
    ("沙坪坝区经济和信息化委员会", "区经信委", UnitKind.ECONOMY),
    ("沙坪坝区规划和自然资源局", "区规划自然资源局", UnitKind.PLANNING),
    ("沙坪坝区生态环境局", "区生态环境局", UnitKind.ENVIRONMENT),
    ("沙坪坝区住房和城乡建设委员会", "区住建委", UnitKind.HOUSING),
    ("沙坪坝区应急管理局", "区应急局", UnitKind.EMERGENCY),
    ("国家税务总局重庆市沙坪坝区税务局", "区税务局", UnitKind.TAX),
    ("沙坪坝区市场监督管理局", "区市场监管局", UnitKind.MARKET),
    ("沙坪坝区土主街道办事处", "土主街道", UnitKind.SUBDISTRICT),
    ("沙坪坝区西永街道办事处", "西永街道", UnitKind.SUBDISTRICT),
    ("重庆国际物流城管理委员会", "国际物流城管委会", UnitKind.PARK),
]
UNIT_USERS = [  # username, name, unit short name, head
    ("spb_fgw", "沙坪坝区发改委经办人（演示）", "区发改委", True),
]


def wipe() -> None:
    """Remove the demo's units and memberships (raw deletes, as the loader's wipe: no history rows)."""
    models = [
        UnitMember.history.model,
        UnitMember,
        ResponsibleUnit.history.model,
        ResponsibleUnit,
    ]
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def build(region: Region, password: str) -> dict[str, ResponsibleUnit]:
    """The units of `region` (沙坪坝区) by short name, and their demo users."""
    units = {
        short: ResponsibleUnit.objects.create(region=region, name=name, short_name=short, kind=kind)
        for name, short, kind in UNITS
    }
    for username, name, short, head in UNIT_USERS:
        user, _created = User.objects.get_or_create(username=username)
        user.first_name, user.last_name, user.role, user.region = name, "", Role.UNIT, region
        user.is_staff = user.is_superuser = False
        user.set_password(password)
        user.save()
        UnitMember.objects.create(unit=units[short], user=user, is_head=head)
    return units
