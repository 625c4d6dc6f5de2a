"""The chain map (产业链图谱) of a region."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from zhaoshang.accounts.pages import page_region
from zhaoshang.accounts.scoping import district_choices
from zhaoshang.chains import gaps
from zhaoshang.chains.models import Chain
from zhaoshang.chains.services import above_scale_in_division, chain_map


def _tree(cmap) -> dict:
    """The ECharts tree: chain → position (上游/中游/下游) → segment → members."""
    positions: dict[str, dict] = {}
    children_of: dict[int, list] = {}
    for cov in cmap.segments:
        node = {
            "name": cov.segment.name,
            "itemStyle": {"color": "#dc2626" if cov.is_gap else ("#f59e0b" if cov.is_weak else "#16a34a")},
            "children": [
                {
                    "name": m.enterprise.short_name or m.enterprise.name,
                    "itemStyle": {"color": "#b42318" if m.role == "leader" else "#1d4ed8"},
                }
                for m in cov.members[:8]
            ],
            "value": len(cov.members),
        }
        if cov.segment.parent_id:
            children_of.setdefault(cov.segment.parent_id, []).append(node)
            continue
        node["_pk"] = cov.segment.pk
        label = cov.segment.get_position_display()
        positions.setdefault(label, {"name": str(label), "children": []})["children"].append(node)
    for position in positions.values():
        for node in position["children"]:
            node["children"] = children_of.get(node.pop("_pk"), []) + node["children"]
    return {"name": cmap.chain.name, "children": list(positions.values())}


@login_required
def chain_map_view(request: HttpRequest, key: str) -> HttpResponse:
    chain = get_object_or_404(Chain, key=key)
    region = page_region(request)
    cmap = chain_map(chain, region)
    advisor = gaps.advisor()
    context = {
        "cmap": cmap,
        "chain": chain,
        "region": region,
        "chains": Chain.objects.all(),
        "districts": district_choices(request.user, region),
        "tree": _tree(cmap),
        "targeting_url": reverse(advisor.url_name) if advisor else None,
        "feasibility": advisor.density(region, chain) if advisor else {},
        "auto_makers": above_scale_in_division(region) if chain.key == "nev" else None,
    }
    return render(request, "chains/chain_map.html", context)
