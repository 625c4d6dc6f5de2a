"""The 修改记录 page of any audited record: its history, newest first, as readable diffs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from zhaoshang.records.history import REGISTRY, diff_rows, history_records, masked_for

PAGE_SIZE = 50


@login_required
@require_GET
def history_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    entry = REGISTRY[slug]
    obj = get_object_or_404(entry.visible(request.user), pk=pk)
    records = history_records(obj)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    older = records[page.end_index()] if page.has_next() else None  # the record before the page's last
    rows = diff_rows(list(page.object_list), user=request.user, masked=masked_for(obj), older_than_last=older)
    context = {
        "entry": entry,
        "obj": obj,
        "title": entry.title(obj),
        "back": entry.back(obj),
        "rows": rows,
        "page": page,
        "is_deleted": getattr(obj, "is_deleted", False),
    }
    return render(request, "records/history.html", context)
