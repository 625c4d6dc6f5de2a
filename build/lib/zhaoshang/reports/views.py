"""The briefing page (简报) of a district and period, and its downloads (.txt, .md, .docx, .pdf)."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from zhaoshang.accounts.permissions import can_export
from zhaoshang.accounts.scoping import can_see_region, district_choices, visible_regions
from zhaoshang.core.downloads import attachment
from zhaoshang.regions.models import Level, Region
from zhaoshang.reports.render import FORMATS
from zhaoshang.reports.services import build_briefing, filename
from zhaoshang.targets.cockpit import period_or_default

DEFAULT_REGION = "500106"


def _region(request: HttpRequest) -> Region:
    """The asked district if within reach (else 404); by default the user's own district."""
    code = request.GET.get("region")
    if not code:
        own = getattr(request.user, "region", None)
        if own is not None and own.level == Level.COUNTY:
            code = own.code
        elif can_see_region(request.user, DEFAULT_REGION):
            code = DEFAULT_REGION
        else:
            first = visible_regions(request.user).filter(level=Level.COUNTY).order_by("code").first()
            code = first.code if first else ""
    region = Region.objects.filter(code=code, level=Level.COUNTY).first()
    if region is None or not can_see_region(request.user, region.code):
        raise Http404(_("没有可查看的区县。"))
    return region


@login_required
@require_GET
def briefing_page(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    period, error = period_or_default(request.GET.get("period"), region.code)
    if error:
        messages.error(request, error)
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
    region = _region(request)
    period, _error = period_or_default(request.GET.get("period"), region.code)
    fmt = request.GET.get("format", "docx")
    if fmt not in FORMATS:
        raise Http404(_("未知格式。"))
    package = build_briefing(region=region, period=period, with_charts=fmt in ("docx", "pdf"))
    return attachment(package.render(fmt), filename(region, period, fmt), FORMATS[fmt][0])
