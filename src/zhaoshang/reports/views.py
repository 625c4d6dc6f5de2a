"""The briefing page (简报) of a district and period, and its downloads (.txt, .md, .docx, .pdf)."""

from __future__ import annotations

import base64

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from zhaoshang.accounts.pages import page_period, page_region
from zhaoshang.accounts.permissions import can_export
from zhaoshang.accounts.scoping import district_choices
from zhaoshang.core.downloads import attachment
from zhaoshang.lib.briefing import query_line, source_line
from zhaoshang.lib.periods import Period
from zhaoshang.regions.models import Region
from zhaoshang.reports.render import FORMATS
from zhaoshang.reports.services import build_briefing, filename
from zhaoshang.targets.cockpit import default_period


def _region_period(request: HttpRequest) -> tuple[Region, Period]:
    """A briefing is about one district: the asked one within reach, by default the user's own."""
    region = page_region(request, county=True)
    return region, page_period(request, lambda: default_period(region.code))


@login_required
@require_GET
def briefing_page(request: HttpRequest) -> HttpResponse:
    region, period = _region_period(request)
    package = build_briefing(region=region, period=period)
    charts = [
        (caption, "data:image/png;base64," + base64.b64encode(png).decode("ascii"))
        for caption, png in package.charts
    ]
    districts = district_choices(request.user, region)
    return render(
        request,
        "reports/briefing.html",
        {
            "region": region,
            "period": period,
            "briefing": package.briefing,
            "charts": charts,
            # each figure's plain source line, its query in the tooltip
            "sources": [(c, source_line(c), query_line(c)) for c in package.briefing.citations],
            "districts": districts,
            "formats": list(FORMATS),
            "can_export": can_export(request.user),
        },
    )


@login_required
@require_GET
def briefing_download(request: HttpRequest) -> HttpResponse:
    if not can_export(request.user):
        raise PermissionDenied(_("您没有导出权限。"))
    region, period = _region_period(request)
    fmt = request.GET.get("format", "docx")
    if fmt not in FORMATS:
        raise Http404(_("未知格式。"))
    package = build_briefing(region=region, period=period, with_charts=fmt in ("docx", "pdf"))
    return attachment(package.render(fmt), filename(region, period, fmt), FORMATS[fmt][0])
