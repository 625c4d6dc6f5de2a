"""District scoping at the data layer, in one place: which rows a user may see.

A user's *reach* follows from role and region: 市级管理员 (and 领导 of a city) reach every region whose
code starts with their city's or province's prefix; 区县管理员, 招商专员 and a district's 领导 reach their
own district only; a user without a region reaches nothing; a superuser reaches everything.

Every queryset that pages, the API, exports and briefings show goes through `for_user(qs, user)`, which
looks the model up in `SCOPES` (the path from the model to its region). Each app registers its own
models in its `AppConfig.ready()` (`register("app.Model", "path__to__region")`); a model that is not
registered raises instead of leaking.

A 责任单位 user (role `unit`) reaches no region at all: for them a model is scoped by its *unit path*
instead, the ORM path from the model to the `units.ResponsibleUnit` it is assigned to, registered with the
region path (`register("plans.ProjectNode", "project__region", unit="unit")`). A unit user sees exactly
the rows assigned to their own unit, and nothing of a model registered without a unit path (the ledger,
leads, targets …). Which unit a user belongs to is answered by the resolver the units app installs
(`set_unit_resolver`), so this module imports nothing above it.
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
# The 责任单位 role: no region-wide reach; rows are scoped by their unit path (see the module docstring).
UNIT_ROLE = "unit"


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
    """The reach of a (non-superuser) role based in a region (a unit user's is nothing: see `unit_q`)."""
    if not region_code or role == UNIT_ROLE:
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


# The path from a model to the responsible unit it is assigned to ("unit", "node__unit", "pk" for the unit
# itself), for the models a unit user may see.
UNIT_PATHS: dict[str, str] = {}


def register(label: str, path: str | ScopeBuilder, *, unit: str | None = None) -> None:
    """Declare how rows of `label` ("app.Model") are scoped: a path to a Region FK, or a Q builder; and,
    for a model whose rows are assigned to responsible units, `unit`: the path to that unit, by which a
    unit user's queryset is filtered (without it a unit user sees no row of the model)."""
    SCOPES[label] = path if callable(path) else (lambda reach, path=path: reach.q(path))
    if unit is not None:
        UNIT_PATHS[label] = unit


# --- responsible units (责任单位): which unit a user acts for ------------------------------------------

UnitResolver = Callable[[Any], "int | None"]
_UNIT_RESOLVER: list[UnitResolver] = []
_UNIT_CACHE = "_zhaoshang_unit_id"


def set_unit_resolver(resolver: UnitResolver) -> None:
    """Installed by the units app: user → the id of the (active, not deleted) unit they belong to, or None."""
    _UNIT_RESOLVER[:] = [resolver]


def is_unit_user(user: Any) -> bool:
    """A signed-in, active 责任单位 user (a superuser is never one)."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and not user.is_superuser
        and user.role == UNIT_ROLE
    )


def unit_id_of(user: Any) -> int | None:
    """The unit a unit user acts for (None for anyone else, or a unit user without a live unit); looked up
    once per user object."""
    if not is_unit_user(user) or user.pk is None or not _UNIT_RESOLVER:
        return None
    if not hasattr(user, _UNIT_CACHE):
        setattr(user, _UNIT_CACHE, _UNIT_RESOLVER[0](user))
    return getattr(user, _UNIT_CACHE)


def unit_q(label: str, user: Any) -> Q:
    """A unit user's filter on rows of `label`: those assigned to their unit; none if the model has no unit
    path or the user no unit."""
    path, unit = UNIT_PATHS.get(label), unit_id_of(user)
    if path is None or unit is None:
        return Q(pk__in=[])
    return Q(**{path: unit})


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
    if is_unit_user(user):
        return unit_q(label, user)
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
    if is_unit_user(user):
        return qs.filter(q)
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
