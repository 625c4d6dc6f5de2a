"""What a user may do, as plain functions over the user, their reach and the object.

Pages, the API and the permission-matrix page all call these functions; nothing else decides.
Reads are settled by scoping (accounts/scoping.py): an object out of reach is answered 404, a write the
user may not make on an object they can see is answered 403.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zhaoshang.accounts.models import Role
from zhaoshang.accounts.roles import EXPORT
from zhaoshang.accounts.scoping import is_unit_user, reach_of, unit_id_of

# Who may write at all (projects, leads, documents, imports); 领导 only reads.
WRITERS = frozenset({Role.CITY_ADMIN, Role.DISTRICT_ADMIN, Role.OFFICER})
# Who may edit any project or lead within reach (an officer edits only the ones they own), delete, merge.
EDITORS = frozenset({Role.CITY_ADMIN, Role.DISTRICT_ADMIN})
PROJECT_WRITERS, PROJECT_EDITORS = WRITERS, EDITORS
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


def can_write_in(user: Any, region: Any = None) -> bool:
    """May bring records into `region` (if given; else anywhere): writers only, within reach. The question
    behind entering a project or a lead, adding a document and importing a workbook."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if user.role not in WRITERS or reach_of(user).is_empty:
        return False
    return region is None or reach_of(user).covers(region.code)


def can_create_project(user: Any, region: Any = None) -> bool:
    """May enter a project (in `region`, if given)."""
    return can_write_in(user, region)


def can_create_lead(user: Any, region: Any = None) -> bool:
    """May register a lead (in `region`, if given)."""
    return can_write_in(user, region)


def _edits(user: Any, obj: Any) -> bool:
    """The editing rule of projects and leads: an administrator any record within reach, an officer the
    records they own, a leader none."""
    if not can_view(user, obj):
        return False
    if user.is_superuser or user.role in EDITORS:
        return True
    return user.role == Role.OFFICER and obj.owner_id is not None and obj.owner_id == user.pk


def can_edit_project(user: Any, project: Any) -> bool:
    """District admin: any project of the district; officer: own projects; leader: never; city admin: city."""
    return _edits(user, project)


def can_edit_lead(user: Any, lead: Any) -> bool:
    """Edit a lead, log a visit, convert it: the same rule as projects, on every door (page, API, import)."""
    return _edits(user, lead)


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
    if user.role not in EDITORS:
        return False
    if obj._meta.label == "targets.Target":
        return can_manage_targets(user, obj.region, obj.level)
    return True


def can_manage_job(user: Any, job: Any) -> bool:
    """Retry a failed background job or confirm its dry run: who queued it, or an administrator within reach
    (leaders read only)."""
    if not can_view(user, job):
        return False
    if user.is_superuser or user.role in EDITORS:
        return True
    return user.role in WRITERS and job.user_id is not None and job.user_id == user.pk


def can_manage_units(user: Any, region: Any = None) -> bool:
    """Create, edit and staff responsible units (in `region`, if given): a district admin their district's,
    a city admin within reach, a superuser; officers, leaders and unit users never (they read the list)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if user.role not in EDITORS or reach_of(user).is_empty:
        return False
    return region is None or reach_of(user).covers(region.code)


def can_edit_unit(user: Any, unit: Any) -> bool:
    """Edit a unit, add or remove its members, create its users: `can_manage_units` in the unit's region."""
    return can_manage_units(user, unit.region)


def acts_for_unit(user: Any, unit_id: int | None) -> bool:
    """Whether a 责任单位 user acts for this unit (signs for, handles and answers what is assigned to it)."""
    return unit_id is not None and is_unit_user(user) and unit_id_of(user) == unit_id


def can_administer(user: Any) -> bool:
    """Manage users, roles and reference data (the Django admin): superusers only, because the admin
    neither scopes by district nor masks confidential projects."""
    return _active(user) and user.is_staff and user.is_superuser


def can_manage_robots(user: Any, region: Any = None) -> bool:
    """Set up the group robots (企业微信/钉钉/飞书) of a district: its administrator, a city administrator
    within reach, a superuser."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if user.role not in EDITORS or reach_of(user).is_empty:
        return False
    return region is None or reach_of(user).covers(region.code)


def can_view_outbox(user: Any) -> bool:
    """Read the outbox (every message to e-mail and robots, with its status) within reach: administrators."""
    return can_manage_robots(user)


def can_retry_outbox(user: Any, row: Any) -> bool:
    """Send a failed outbox message again: an administrator of its district (or within reach)."""
    return can_view_outbox(user) and (user.is_superuser or can_view(user, row))


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
    if region is not None and not (allowed or can_write_in)(request.user, region):
        raise PermissionDenied(_("不能写入您管辖范围以外的区划。"))


def can_review_document(user: Any, document: Any) -> bool:
    """Review or correct a document's facts, or turn them into leads and projects: a writer within reach of
    the region the document belongs to (`Document.owning_region`); a document of nobody's, a superuser."""
    region = document.owning_region
    if region is None:
        return _active(user) and user.is_superuser
    return can_write_in(user, region)


def merge_refusal(user: Any, firms: Sequence[Any] = ()) -> str | None:
    """Why this user may not merge these enterprises, or None. Administrators merge; a district
    administrator only firms whose projects, leads and chain places all lie in the district (else the city
    merges). Without firms: whether the user may open the merge pages at all."""
    from django.core.exceptions import ImproperlyConfigured
    from django.utils.translation import gettext as _

    from zhaoshang.accounts.scoping import for_user

    if not _active(user):
        return _("请先登录。")
    if user.is_superuser:
        return None
    if user.role not in EDITORS:
        return _("只有市级或区县管理员可以合并企业。")
    for firm in firms:
        for rel in type(firm)._meta.related_objects:
            model = rel.related_model
            rows = getattr(model, "all_objects", model._default_manager).filter(
                **{rel.field.name: firm}
            )  # deleted too
            try:
                outside = rows.count() != for_user(rows, user).count()
            except ImproperlyConfigured:
                outside = True
            if outside:
                return _("“%(name)s”关联了您管辖范围以外的%(what)s，请由市级管理员合并。") % {
                    "name": firm.name,
                    "what": model._meta.verbose_name,
                }
    return None


def can_merge_enterprises(user: Any, firms: Sequence[Any] = ()) -> bool:
    """Merge duplicate enterprises (and open the merge pages): see `merge_refusal`."""
    return merge_refusal(user, firms) is None


def can_plan(user: Any, project: Any) -> bool:
    """Give a project its node plan and change its nodes' dates and persons: who edits the project."""
    return can_edit_project(user, project)


def can_update_node(user: Any, node: Any) -> bool:
    """Complete a node of a plan, record its evidence or its delay reason: who edits the project."""
    return can_edit_project(user, node.project)


def can_edit_template(user: Any, template: Any) -> bool:
    """Edit a node template: a district's own by its administrators (and city administrators within reach);
    the defaults for every district (no region) by city administrators and superusers."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if template.region_id is None:
        return user.role == Role.CITY_ADMIN and not reach_of(user).is_empty
    return user.role in EDITORS and can_view(user, template)


def can_create_template(user: Any, region: Any = None) -> bool:
    """Create a node template (for `region`, if given; None: a default for every district)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if region is None:
        return user.role == Role.CITY_ADMIN and not reach_of(user).is_empty
    return user.role in EDITORS and reach_of(user).covers(region.code)
