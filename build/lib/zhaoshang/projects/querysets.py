"""Query logic of the ledger, shared by pages, commands, exports, the metric registry and the API."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q

from zhaoshang.core.softdelete import SoftDeleteQuerySet
from zhaoshang.lib import divisions
from zhaoshang.projects import stages


def signed_q(start: date, end: date, prefix: str = "") -> Q:
    """Projects signed in [start, end]; a terminated one counts only if terminated after `end`.

    Only projects that reached 签约 count: a signing date typed on a project still at 线索/洽谈 does not.
    """
    p = prefix
    return (
        Q(**{f"{p}signed_on__gte": start, f"{p}signed_on__lte": end})
        & Q(**{f"{p}stage__in": [*stages.SIGNED_OR_LATER, stages.TERMINATED]})
        & (~Q(**{f"{p}stage": "terminated"}) | Q(**{f"{p}terminated_on__gt": end}))
    )


def disclosure_q(user: Any) -> Q:
    """Projects whose real name, investors and notes `user` may see: not confidential, or the user owns the
    project, or administers its district (or is a superuser). Nobody else, not even a city administrator."""
    if user is not None and getattr(user, "is_superuser", False):
        return Q(pk__isnull=False)
    q = Q(is_confidential=False)
    if user is not None and getattr(user, "pk", None):
        q |= Q(owner_id=user.pk)
        if user.role == "district_admin" and user.region_id:
            q |= Q(region_id=user.region_id)
    return q


def region_q(code: str, prefix: str = "") -> Q:
    """A region and everything below it: a city or province code covers its districts."""
    code = code.strip()
    if not divisions.is_code(code) or divisions.level_of(code) == divisions.COUNTY:
        return Q(**{f"{prefix}region__code": code})  # an unknown code matches nothing
    return Q(**{f"{prefix}region__code__startswith": divisions.subtree_prefix(code)})


class ProjectQuerySet(SoftDeleteQuerySet):
    def in_region(self, code: str) -> ProjectQuerySet:
        return self.filter(region_q(code))

    def signed_between(self, start: date, end: date) -> ProjectQuerySet:
        return self.filter(signed_q(start, end))

    def started_between(self, start: date, end: date) -> ProjectQuerySet:
        return self.filter(started_on__gte=start, started_on__lte=end)

    def manufacturing(self) -> ProjectQuerySet:
        return self.filter(is_manufacturing=True)

    def key(self) -> ProjectQuerySet:
        return self.filter(is_key=True)

    def in_segment(self, segment_id: int) -> ProjectQuerySet:
        return self.filter(segments__id=segment_id).distinct()

    def disclosed_to(self, user: Any) -> ProjectQuerySet:
        """Annotate `disclosed`: whether the user may see each project's real name, investors and notes.

        `scoping.for_user` calls it, so every project a page, export, briefing or the API shows carries it;
        a project loaded any other way reads as undisclosed when confidential (see `Project.is_masked`).
        """
        return self.annotate(disclosed=ExpressionWrapper(disclosure_q(user), output_field=BooleanField()))

    def search(self, text: str, user: Any = None) -> ProjectQuerySet:
        """Free-text search over the name, investors (current and former names), notes and code name.

        A confidential project the user may not see is found by its code name only: searching for its
        investor must not reveal that it exists.
        """
        text = text.strip()
        if not text:
            return self
        revealing = (
            Q(name__icontains=text)
            | Q(investors__name__icontains=text)
            | Q(investors__former_names__icontains=text)
            | Q(investors__aliases__icontains=text)
            | Q(notes__icontains=text)
        )
        matching = (revealing & disclosure_q(user)) | Q(code_name__icontains=text)
        return self.filter(pk__in=self.model.objects.filter(matching).values("pk"))

    def live(self) -> ProjectQuerySet:
        return self.exclude(stage="terminated")
