"""Query logic of the ledger, shared by pages, commands, exports, the metric registry and the API."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

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


def region_q(code: str, prefix: str = "") -> Q:
    """A region and everything below it: a city or province code covers its districts."""
    code = code.strip()
    if code.endswith("0000"):  # province or municipality
        return Q(**{f"{prefix}region__code__startswith": code[:2]})
    if code.endswith("00"):  # city
        return Q(**{f"{prefix}region__code__startswith": code[:4]})
    return Q(**{f"{prefix}region__code": code})


class ProjectQuerySet(models.QuerySet):
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

    def search(self, text: str) -> ProjectQuerySet:
        """Free-text search over the project name, investors (current and former names) and notes."""
        text = text.strip()
        if not text:
            return self
        matching = (
            Q(name__icontains=text)
            | Q(investors__name__icontains=text)
            | Q(investors__former_names__icontains=text)
            | Q(investors__aliases__icontains=text)
            | Q(notes__icontains=text)
        )
        return self.filter(pk__in=self.model.objects.filter(matching).values("pk"))

    def live(self) -> ProjectQuerySet:
        return self.exclude(stage="terminated")
