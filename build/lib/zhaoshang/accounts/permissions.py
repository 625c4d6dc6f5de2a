"""What a user may do, as plain functions over the user, their reach and the object.

Pages, the API and the permission-matrix page all call these functions; nothing else decides.
Reads are settled by scoping (accounts/scoping.py): an object out of reach is answered 404, a write the
user may not make on an object they can see is answered 403.
"""

from __future__ import annotations

from typing import Any

from zhaoshang.accounts.models import Role
from zhaoshang.accounts.roles import EXPORT
from zhaoshang.accounts.scoping import reach_of

# Who may write to the ledger at all; 领导 only reads.
PROJECT_WRITERS = frozenset({Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.OFFICER})
# Who may edit any project within reach (an officer edits only the projects they own).
PROJECT_EDITORS = frozenset({Role.CITY_ADMIN, Role.DISTRICT_ADMIN})
# Target levels each role may set: the city sets 市级任务, a district its own 区级目标.
TARGET_LEVELS: dict[str, frozenset[str]] = {
    Role.CITY_ADMIN: frozenset({"municipal", "district"}),
    Role.DISTRICT_ADMIN: frozenset({"district"}),
}


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _code(obj: Any) -> str | None:
    region = getattr(obj, "region", None)
    return region.code if region is not None else None


def can_view_ledger(user: Any) -> bool:
    return _active(user) and not reach_of(user).is_empty


def can_view(user: Any, obj: Any) -> bool:
    """Whether an object with a `region` lies within the user's reach."""
    return _active(user) and reach_of(user).covers(_code(obj))


def can_create_project(user: Any, region: Any = None) -> bool:
    """May enter a project (in `region`, if given): writers only, within reach."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if user.role not in PROJECT_WRITERS or reach_of(user).is_empty:
        return False
    return region is None or reach_of(user).covers(region.code)


def can_edit_project(user: Any, project: Any) -> bool:
    """District admin: any project of the district; officer: own projects; leader: never; city admin: city."""
    if not can_view(user, project):
        return False
    if user.is_superuser or user.role in PROJECT_EDITORS:
        return True
    return user.role == Role.OFFICER and project.owner_id is not None and project.owner_id == user.pk


def can_change_stage(user: Any, project: Any) -> bool:
    return can_edit_project(user, project)


def can_export(user: Any) -> bool:
    """Export is a permission of its own (accounts.export_data), granted through the role's group."""
    return _active(user) and user.has_perm(EXPORT)


def can_manage_targets(user: Any, region: Any = None, level: str | None = None) -> bool:
    """Set targets: the city its 市级任务 and any target in the city, a district admin its 区级目标."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    levels = TARGET_LEVELS.get(user.role, frozenset())
    if not levels or reach_of(user).is_empty:
        return False
    if region is not None and not reach_of(user).covers(region.code):
        return False
    return level is None or level in levels


def can_see_confidential(user: Any, project: Any) -> bool:
    """Whether a project's real name, investors and notes are shown to the user: always unless it is
    confidential; then only to its owner, the district administrator of its district and a superuser, not to
    a city administrator. `projects.querysets.disclosure_q` is the same rule as a query (tested to agree)."""
    if not project.is_confidential:
        return True
    if not _active(user):
        return False
    if user.is_superuser or (user.pk is not None and project.owner_id == user.pk):
        return True
    region = user.region
    return user.role == Role.DISTRICT_ADMIN and region is not None and _code(project) == region.code


def can_delete(user: Any, obj: Any) -> bool:
    """Delete (to the recycle bin) or restore a record: a city admin within reach, the district admin of the
    record's district, a superuser; officers and leaders never. A target also needs a level the user sets."""
    if not can_view(user, obj):
        return False
    if user.is_superuser:
        return True
    if user.role not in PROJECT_EDITORS:
        return False
    if obj._meta.label == "targets.Target":
        return can_manage_targets(user, obj.region, obj.level)
    return True


def can_administer(user: Any) -> bool:
    """Manage users, roles and reference data (the Django admin): superusers only, because the admin
    neither scopes by district nor masks confidential projects."""
    return _active(user) and user.is_staff and user.is_superuser


def can_view_login_log(user: Any) -> bool:
    """Read the log-in log of the users within reach: administrators (superuser, city, district)."""
    return _active(user) and (user.is_superuser or user.role in (Role.CITY_ADMIN, Role.DISTRICT_ADMIN))


def refuse_posted_region(request: Any, allowed: Any = None) -> None:
    """A write into a region outside the user's reach is a 403, not a form error (region posted by pk)."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    from zhaoshang.regions.models import Region

    posted = request.POST.get("region", "")
    region = Region.objects.filter(pk=int(posted)).first() if posted.isdigit() else None
    if region is not None and not (allowed or can_create_project)(request.user, region):
        raise PermissionDenied(_("不能写入您管辖范围以外的区划。"))


def can_review_document(user: Any, document: Any) -> bool:
    """Review or correct a document's facts, or turn them into leads and projects: a writer within reach of
    the region the document belongs to (`Document.owning_region`); a document of nobody's, a superuser."""
    region = document.owning_region
    if region is None:
        return _active(user) and user.is_superuser
    return can_create_project(user, region)
