"""A briefing of a region for a period, ready to render: the figures gathered, the text composed, the
charts drawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from zhaoshang.lib.briefing import Briefing, BriefingFigures, compose
from zhaoshang.lib.periods import Period
from zhaoshang.regions.models import Region
from zhaoshang.reports import charts, render
from zhaoshang.reports.figures import gather


@dataclass(frozen=True)
class BriefingPackage:
    figures: BriefingFigures
    briefing: Briefing
    charts: list[tuple[str, bytes]]

    @property
    def author(self) -> str:
        """The bureau the briefing is from (settings.BRIEFING_AUTHOR, {region} the district's name)."""
        return settings.BRIEFING_AUTHOR.replace("{region}", self.figures.region_name)

    def render(self, fmt: str) -> bytes:
        charts = self.charts if fmt in ("docx", "pdf") else []
        return render.render(self.briefing, charts, fmt, author=self.author)


def build_briefing(
    *, region: Region, period: Period, written_on: date | None = None, with_charts: bool = True
) -> BriefingPackage:
    """Gather, compose and (unless asked not to) draw the charts of a briefing."""
    figures = gather(region, period)
    briefing = compose(figures, written_on=written_on)
    return BriefingPackage(figures, briefing, charts.charts(figures) if with_charts else [])


def filename(region: Region, period: Period, fmt: str) -> str:
    return (
        _("简报-%(region)s-%(period)s") % {"region": region.name, "period": period.code}
        + f".{render.FORMATS[fmt][1]}"
    )
