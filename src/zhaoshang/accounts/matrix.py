"""The permission matrix (who can see and do what), computed by calling the permission functions.

Each role is probed with a user of that role and objects around them (a project they own, one of a
colleague, one in another district); nothing here restates a rule, so the page cannot drift from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from zhaoshang.accounts import permissions as perms
from zhaoshang.accounts.models import Role, User
from zhaoshang.accounts.roles import role_permissions
from zhaoshang.accounts.scoping import reach_of
from zhaoshang.lib import divisions
from zhaoshang.regions.models import Level, Region

# The record types the matrix probes, each registered by its own app (projects/apps.py, leads/apps.py) with
# the constructor of an unsaved record (`region=`, `owner=` and the record's own fields), so that accounts
# imports nothing above it.
PROBE_TYPES: dict[str, Callable[..., Any]] = {}


def register_probe(kind: str, build: Callable[..., Any]) -> None:
    PROBE_TYPES[kind] = build


@dataclass(frozen=True)
class Probes:
    """Objects placed relative to a user: their district, another district of the same city."""

    district: Region
    other_district: Region
    own_project: Any
    colleague_project: Any
    other_project: Any
    confidential_project: Any  # a colleague's, in the user's district
    own_lead: Any
    colleague_lead: Any


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    check: Callable[[Any, Probes], bool]


ACTIONS: list[Action] = [
    Action("view_ledger", _("查看本区县台账"), lambda u, p: perms.can_view(u, p.colleague_project)),
    Action("view_other", _("查看其他区县台账"), lambda u, p: perms.can_view(u, p.other_project)),
    Action("create_project", _("录入项目"), lambda u, p: perms.can_create_project(u, p.district)),
    Action("edit_own", _("编辑本人负责的项目"), lambda u, p: perms.can_edit_project(u, p.own_project)),
    Action(
        "edit_district", _("编辑本区县任意项目"), lambda u, p: perms.can_edit_project(u, p.colleague_project)
    ),
    Action("edit_other", _("编辑其他区县项目"), lambda u, p: perms.can_edit_project(u, p.other_project)),
    Action("export", _("导出数据"), lambda u, p: perms.can_export(u)),
    Action(
        "district_targets",
        _("管理区级目标"),
        lambda u, p: perms.can_manage_targets(u, p.district, "district"),
    ),
    Action(
        "municipal_targets",
        _("下达市级任务"),
        lambda u, p: perms.can_manage_targets(u, p.district, "municipal"),
    ),
    Action("admin", _("系统管理"), lambda u, p: perms.can_administer(u)),
    Action("delete", _("删除与恢复（回收站）"), lambda u, p: perms.can_delete(u, p.colleague_project)),
    Action(
        "confidential",
        _("查看他人保密项目的名称与投资方"),
        lambda u, p: perms.can_see_confidential(u, p.confidential_project),
    ),
    Action("create_lead", _("登记招商线索"), lambda u, p: perms.can_create_lead(u, p.district)),
    Action("edit_own_lead", _("跟进本人负责的线索"), lambda u, p: perms.can_edit_lead(u, p.own_lead)),
    Action(
        "edit_colleague_lead",
        _("跟进本区县他人的线索"),
        lambda u, p: perms.can_edit_lead(u, p.colleague_lead),
    ),
    Action("merge", _("合并重复企业"), lambda u, p: perms.can_merge_enterprises(u)),
    Action("manage_units", _("管理责任单位"), lambda u, p: perms.can_manage_units(u, p.district)),
    Action("robots", _("设置群机器人、查看发件箱"), lambda u, p: perms.can_manage_robots(u, p.district)),
]


def _county(code: str, name: str) -> Region:
    return Region(code=code, name=name, short_name=name, level=Level.COUNTY)


def probes_for(user: Any) -> Probes:
    """Unsaved probe objects around the user's region (a city-level user gets two of its districts)."""
    code = user.region.code if user.region is not None else PROBE_CITY
    own = code if divisions.level_of(code) == divisions.COUNTY else divisions.city_of(code)[:4] + "01"
    other = own[:4] + ("98" if own[4:] != "98" else "97")
    district, other_district = _county(own, str(_("本区县"))), _county(other, str(_("其他区县")))
    colleague = User(pk=-2, username="colleague")
    project, lead = PROBE_TYPES["project"], PROBE_TYPES["lead"]
    return Probes(
        district=district,
        other_district=other_district,
        own_project=project(region=district, owner=user),
        colleague_project=project(region=district, owner=colleague),
        other_project=project(region=other_district, owner=colleague),
        confidential_project=project(region=district, owner=colleague, is_confidential=True, code_name="A"),
        own_lead=lead(region=district, owner=user),
        colleague_lead=lead(region=district, owner=colleague),
    )


# Synthetic codes: the matrix is about roles, not about any real region.
PROBE_CITY, PROBE_DISTRICT = "990000", "990101"


def role_probe(role: str, region_code: str, *, superuser: bool = False) -> User:
    """An unsaved user of `role` whose permissions are those the role's group grants now."""
    user = User(
        pk=-1, username=f"probe-{role}", role=role, is_active=True, is_superuser=superuser, is_staff=superuser
    )
    level = Level(divisions.level_of(region_code))
    user.region = Region(code=region_code, name=region_code, short_name=region_code, level=level)
    granted = role_permissions(role)
    user._perm_cache = set(granted)  # what ModelBackend would load from the role's group
    user._user_perm_cache = set()
    user._group_perm_cache = set(granted)
    return user


REACH_LABELS = {
    "all": _("全部"),
    "none": _("无"),
    "district": _("仅本区划"),
    "subtree": _("本区划及下辖区县"),
}


def role_reach(role: str) -> str:
    """How far a role sees when based in a district, and when based in a city."""
    in_district = reach_of(role_probe(role, PROBE_DISTRICT)).kind
    in_city = reach_of(role_probe(role, PROBE_CITY)).kind
    return str(
        _("在区县：%(d)s；在市级：%(c)s") % {"d": REACH_LABELS[in_district], "c": REACH_LABELS[in_city]}
    )


@dataclass(frozen=True)
class Row:
    label: str
    scope: str
    cells: dict[str, bool]

    @property
    def flags(self) -> list[bool]:
        """The cells in the order of ACTIONS (the columns)."""
        return [self.cells[action.key] for action in ACTIONS]


def evaluate(user: Any) -> dict[str, bool]:
    probes = probes_for(user)
    return {action.key: action.check(user, probes) for action in ACTIONS}


def role_rows() -> list[Row]:
    """One row per role (a city admin based in a city, the others in a district), and the superuser."""
    rows = []
    for role in Role:
        probe = role_probe(role, PROBE_CITY if role == Role.CITY_ADMIN else PROBE_DISTRICT)
        rows.append(Row(str(role.label), role_reach(role), evaluate(probe)))
    superuser = role_probe(Role.CITY_ADMIN, PROBE_CITY, superuser=True)
    rows.append(Row(str(_("超级管理员")), str(REACH_LABELS[reach_of(superuser).kind]), evaluate(superuser)))
    return rows


def user_rows(users: list[User]) -> list[Row]:
    """One row per real user, with the permissions the database grants them now."""
    rows = []
    for user in users:
        label = f"{user} · {user.get_role_display()} · {user.region.name if user.region_id else '—'}"
        rows.append(Row(label, reach_of(user).describe(), evaluate(user)))
    return rows
