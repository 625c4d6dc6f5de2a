"""Enterprise deduplication pages: likely duplicates, and the merge screen (pick the surviving record)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zhaoshang.accounts.scoping import for_user
from zhaoshang.enterprises.dedup import (
    MergeError,
    find_duplicates,
    merge_enterprises,
    merge_refusal,
    related_counts,
)
from zhaoshang.enterprises.models import Enterprise

THRESHOLDS = (80, 85, 90, 95, 100)


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("threshold", "90")
    threshold = int(raw) if raw.isdigit() and int(raw) in THRESHOLDS else 90
    pairs = find_duplicates(for_user(Enterprise.objects.all(), request.user), threshold=threshold)
    return render(
        request,
        "enterprises/enterprise_duplicates.html",
        {"pairs": pairs, "threshold": threshold, "thresholds": THRESHOLDS},
    )


@login_required
def merge(request: HttpRequest) -> HttpResponse:
    ids = [
        int(i)
        for i in (request.POST if request.method == "POST" else request.GET).getlist("ids")
        if i.isdigit()
    ]
    firms = list(
        for_user(Enterprise.objects.filter(pk__in=ids), request.user).select_related("region", "industry")
    )
    if len(firms) < 2 or len(firms) != len(set(ids)):
        raise Http404(_("请选择至少两家您可以查看的企业。"))
    refusal = merge_refusal(request.user, firms)
    if request.method == "POST":
        if refusal:
            raise PermissionDenied(refusal)
        survivor = next((f for f in firms if str(f.pk) == request.POST.get("survivor")), None)
        if survivor is None:
            messages.error(request, _("请选择保留哪一家企业。"))
        else:
            try:
                moved = merge_enterprises(
                    survivor=survivor, others=[f for f in firms if f != survivor], user=request.user
                )
            except MergeError as exc:
                messages.error(request, str(exc))
            else:
                detail = "，".join(f"{label} {n}" for label, n in moved.items() if n) or _("无关联记录")
                messages.success(
                    request,
                    _("已合并到“%(name)s”（转移：%(detail)s）。") % {"name": survivor.name, "detail": detail},
                )
                return redirect(reverse("imports:duplicates"))
    rows = [{"firm": f, "counts": related_counts(f)} for f in firms]
    return render(
        request, "enterprises/enterprise_merge.html", {"rows": rows, "ids": ids, "refusal": refusal}
    )
