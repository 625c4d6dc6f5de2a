"""Finding an enterprise the way people write it (current name, short name, former name, alias)."""

from __future__ import annotations

from zhaoshang.enterprises.models import Enterprise


def find_enterprise(name: str) -> Enterprise | None:
    """The enterprise written as `name`: exact name, then short name, then a former name or alias (小康 = 赛力斯)."""
    name = name.strip()
    return (
        Enterprise.objects.filter(name=name).first()
        or Enterprise.objects.filter(short_name=name).first()
        or next((e for e in Enterprise.objects.named(name)[:20] if name in e.all_names()), None)
    )


def find_or_create_enterprise(name: str) -> Enterprise:
    """The enterprise written as `name`, else a new one of that name."""
    return find_enterprise(name) or Enterprise.objects.create(name=name.strip())
