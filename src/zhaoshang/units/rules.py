"""The rules of responsible units and their members, written once: the unit form, the member forms, the
services and the API all ask these and show the same words.

Pure: the functions take proposed values (and what the caller looked up, such as whether the name is taken)
and return the problems, each with its field and a Chinese message; they run no query. The database's
unique constraints stay as the last line of defence.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

NAME_MAX, SHORT_NAME_MAX = 100, 20
UNIT_ROLE = "unit"


@dataclass(frozen=True)
class Problem:
    """One broken rule: the field it is about ("" for the record as a whole) and what to tell the user."""

    field: str
    message: str


def unit_problems(
    *, name: str, short_name: str, kind: str, kinds: set[str], name_taken: bool
) -> list[Problem]:
    """A unit needs a name unique in its region (among units not deleted), a short name of at most 20
    characters and a known kind."""
    problems = []
    name = name.strip()
    if not name:
        problems.append(Problem("name", _("请填写单位名称。")))
    elif len(name) > NAME_MAX:
        problems.append(Problem("name", _("单位名称不能超过 %(n)d 个字。") % {"n": NAME_MAX}))
    elif name_taken:
        problems.append(Problem("name", _("本区划已有同名的责任单位。")))
    if len(short_name.strip()) > SHORT_NAME_MAX:
        problems.append(Problem("short_name", _("简称不能超过 %(n)d 个字。") % {"n": SHORT_NAME_MAX}))
    if kind not in kinds:
        problems.append(Problem("kind", _("未知的单位类别。")))
    return problems


def member_problems(
    *,
    role: str,
    is_superuser: bool,
    user_region: str | None,
    unit_region: str,
    unit_active: bool,
    other_unit: str | None,
) -> list[Problem]:
    """A member is a 责任单位 user of the unit's own region who belongs to no other unit, joining an active
    unit (a superuser or another role never acts for a unit)."""
    problems = []
    if is_superuser or role != UNIT_ROLE:
        problems.append(Problem("user", _("只有“责任单位”角色的账号可以加入责任单位。")))
    elif user_region != unit_region:
        problems.append(Problem("user", _("该账号不属于本单位所在区划。")))
    if other_unit is not None:
        problems.append(Problem("user", _("该账号已是“%(unit)s”的成员。") % {"unit": other_unit}))
    if not unit_active:
        problems.append(Problem("", _("单位已停用，不能添加成员。")))
    return problems
