"""Each role is backed by a Django group that carries its permissions (export, …).

The groups are created after `migrate` with the defaults below; an administrator may then grant or take
away permissions per group (or per user) in the admin, and every check reads the database, not this file.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from zhaoshang.accounts.models import Role, User

EXPORT = "accounts.export_data"

# Leaders read; they may export only when an administrator grants it.
DEFAULT_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.CITY_ADMIN: (EXPORT,),
    Role.DISTRICT_ADMIN: (EXPORT,),
    Role.OFFICER: (EXPORT,),
    Role.LEADER: (),
    Role.UNIT: (),
}


def group_name(role: str) -> str:
    return f"角色·{Role(role).label}"


def _permissions(names: tuple[str, ...]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    return found


def ensure_role_groups(**_kwargs: object) -> None:
    """Create the missing role groups with their default permissions (existing groups are left alone)."""
    for role in Role:
        group, created = Group.objects.get_or_create(name=group_name(role))
        if created:
            group.permissions.set(_permissions(DEFAULT_PERMISSIONS[role]))


def sync_role_group(user: User) -> None:
    """Put the user in the group of their role, and in no other role's group."""
    if user.pk is None:
        return
    names = {group_name(role) for role in Role}
    own, _created = Group.objects.get_or_create(name=group_name(user.role))
    if _created:
        own.permissions.set(_permissions(DEFAULT_PERMISSIONS[user.role]))
    stale = user.groups.filter(name__in=names - {own.name})
    if stale.exists():
        user.groups.remove(*stale)
    user.groups.add(own)


def role_permissions(role: str) -> set[str]:
    """The permissions ("app.codename") a role's group grants now (its defaults if not created yet)."""
    group = Group.objects.filter(name=group_name(role)).first()
    if group is None:
        return set(DEFAULT_PERMISSIONS[role])
    rows = group.permissions.values_list("content_type__app_label", "codename")
    return {f"{app}.{codename}" for app, codename in rows}
