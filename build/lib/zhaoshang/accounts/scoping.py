"""District scoping at the data layer, in one place: which rows a user may see.

A user's *reach* follows from role and region: 市级管理员 (and 领导 of a city) reach every region whose
code starts with their city's or province's prefix; 区县管理员, 招商专员 and a district's 领导 reach their
own district only; a user without a region reaches nothing; a superuser reaches everything.

Every queryset that pages, the API, exports and briefings show goes through `for_user(qs, user)`, which
looks the model up in `SCOPES` (the path from the model to its region). Each app registers its own
models in its `AppConfig.ready()` (`register("app.Model", "path__to__region")`); a model that is not
registered raises instead of leaking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from zhaoshang.lib.divisions import is_code, subtree_prefix

if TYPE_CHECKING:
    from zhaoshang.regions.models import Region

M = TypeVar("M", bound=Model)
QS = TypeVar("QS", bound="QuerySet[Any]")  # a queryset class keeps its own methods (lookup, named …)

# Roles whose reach extends below their region (a city-level user sees the city's districts).
SUBTREE_ROLES = frozenset({"city_admin", "leader"})


@dataclass(frozen=True)
class Reach:
    """The regions a user's data may come from: everything, nothing, or region codes with a prefix."""

    everything: bool = False
    prefix: str | None = None

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.prefix

    def covers(self, code: str | None) -> bool:
        """Whether a region code lies within reach (pure: the same rule as `q`, without a query)."""
        if self.everything:
            return True
        return bool(self.prefix) and is_code(code) and code.startswith(self.prefix)

    def q(self, path: str) -> Q:
        """A filter on the region at `path` ("" for the Region model itself, else e.g. "project__region")."""
        if self.everything:
            return Q()
        if not self.prefix:
            return Q(pk__in=[])
        field = f"{path}__code" if path else "code"
        if len(self.prefix) == 6:
            return Q(**{field: self.prefix})
        return Q(**{f"{field}__startswith": self.prefix})

    @property
    def kind(self) -> str:
        """ "all", "none", "district" (one region) or "subtree" (a city or province and its districts)."""
        if self.everything:
            return "all"
        if not self.prefix:
            return "none"
        return "district" if len(self.prefix) == 6 else "subtree"

    def describe(self) -> str:
        if self.everything:
            return _("全部区划")
        if not self.prefix:
            return _("无（未设置所属区划）")
        if len(self.prefix) == 6:
            return _("本区县（%(code)s）") % {"code": self.prefix}
        return _("本市全部区县（区划代码以 %(prefix)s 开头）") % {"prefix": self.prefix}


NOTHING = Reach()
EVERYTHING = Reach(everything=True)


def reach_for(role: str, region_code: str | None) -> Reach:
    """The reach of a (non-superuser) role based in a region."""
    if not region_code:
        return NOTHING
    return Reach(prefix=subtree_prefix(region_code) if role in SUBTREE_ROLES else region_code)


def reach_of(user: Any) -> Reach:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return EVERYTHING
    region = user.region  # no query when unset; a probe user may carry an unsaved region
    return reach_for(user.role, region.code if region is not None else None)


# --- the registry: how each model reaches its region -------------------------------------------------
# Filled by each app's AppConfig.ready() (the app that owns the model knows its path to a region), so
# this module imports no app above it.

ScopeBuilder = Callable[[Reach], Q]
SCOPES: dict[str, ScopeBuilder] = {}
# Further rows of a model a reach sees, contributed by apps above it: an enterprise is also seen by the
# districts that deal with it (projects, chains and leads each add their own link).
EXTENSIONS: dict[str, list[ScopeBuilder]] = {}


def register(label: str, path: str | ScopeBuilder) -> None:
    """Declare how rows of `label` ("app.Model") are scoped: a path to a Region FK, or a Q builder."""
    SCOPES[label] = path if callable(path) else (lambda reach, path=path: reach.q(path))


def extend(label: str, builder: ScopeBuilder) -> None:
    """Let a reach also see the rows of `label` that `builder` selects (ORed with its registered scope)."""
    EXTENSIONS.setdefault(label, []).append(builder)


def scope_q(model: type[Model], user: Any) -> Q:
    reach = reach_of(user)
    label = model._meta.label
    if label not in SCOPES:
        raise ImproperlyConfigured(
            f"{label} has no district scope: register it in its app's ready() (accounts.scoping.register)"
        )
    if reach.everything:
        return Q()
    q = SCOPES[label](reach)
    for builder in EXTENSIONS.get(label, ()):
        q |= builder(reach)
    return q


def for_user(qs: QS, user: Any) -> QS:
    """The rows of `qs` the user may see."""
    q = scope_q(qs.model, user)  # raises for an unregistered model, even for a superuser
    if hasattr(qs, "disclosed_to"):  # confidential projects: who may see the real investor
        qs = qs.disclosed_to(user)
    reach = reach_of(user)
    if reach.everything:
        return qs
    if reach.is_empty:
        return qs.none()
    return qs.filter(q)


def visible_regions(user: Any) -> QuerySet[Region]:
    from zhaoshang.regions.models import Region

    return for_user(Region.objects.all(), user)


def scope_projects(qs: QuerySet[M], user: Any) -> QuerySet[M]:
    return for_user(qs, user)


def scope_enterprises(qs: QuerySet[M], user: Any) -> QuerySet[M]:
    return for_user(qs, user)


def scope_targets(qs: QuerySet[M], user: Any) -> QuerySet[M]:
    return for_user(qs, user)


def can_see_region(user: Any, code: str | None) -> bool:
    return reach_of(user).covers(code)


def district_choices(user: Any, region: Region) -> QuerySet[Region]:
    """The districts a page's region picker offers: those within reach that share `region`'s parent, or lie
    under `region` when it is a city (Chongqing's 38 districts, not every county of China for a superuser)."""
    parent_id = region.parent_id if region.level == "county" else region.pk  # a city page: its districts
    return (
        visible_regions(user)
        .filter(Q(parent_id=parent_id) | Q(pk=region.pk), level="county")
        .order_by("code")
    )


def default_district(user: Any) -> Region | None:
    """The district a page opens on: the user's own, else the first within reach that holds projects."""
    region = getattr(user, "region", None)
    if region is not None and region.level == "county":
        return region
    return visible_regions(user).filter(level="county", projects__isnull=False).order_by("code").first()
