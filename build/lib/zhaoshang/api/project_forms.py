"""The API writes projects through the ledger's own ProjectForm, so both apply the same rules.

A JSON payload becomes the form's POST data (money as "N元", so no unit is guessed); an update starts
from the project's current values and overlays only the fields sent.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from django.utils.translation import gettext as _

from zhaoshang.api.errors import ApiError
from zhaoshang.projects import stages
from zhaoshang.projects.models import Project
from zhaoshang.regions.models import Region

MONEY_UNITS = {"contract_investment": "元", "fixed_asset_investment": "元", "foreign_capital_usd": "美元"}
RENAMED = {
    "direction_id": "direction",
    "park_id": "park",
    "owner_id": "owner",
    "segment_ids": "segments",
    "investors": "investor_names",
}


def _encode(name: str, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return value.value
    if name in MONEY_UNITS:
        return f"{value}{MONEY_UNITS[name]}"
    if name == "manufacturing_override":
        return "true" if value else "false"
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, date):
        return value.isoformat()
    if name == "investor_names":
        return "、".join(value)
    return value


def current_data(project: Project) -> dict[str, Any]:
    """The form data that would leave a project unchanged."""
    fields = [
        "name",
        "project_type",
        "origin",
        "origin_country",
        "manufacturing_override_reason",
        "notes",
        "is_key",
        "is_confidential",
        "code_name",
        "manufacturing_override",
        *MONEY_UNITS,
    ]
    data = {name: _encode(name, getattr(project, name)) for name in fields}
    data.update(
        region=project.region_id,
        direction=project.direction_id or "",
        park=project.park_id or "",
        owner=project.owner_id or "",
        segments=[s.pk for s in project.segments.all()],
        industry_code=project.industry.code if project.industry is not None else "",
    )
    return data


def payload_data(payload: dict[str, Any]) -> dict[str, Any]:
    """The fields sent, renamed and encoded as the form expects them."""
    data: dict[str, Any] = {}
    for key, value in payload.items():
        name = RENAMED.get(key, key)
        if name == "region":
            region = Region.objects.filter(code=value).first()
            if region is None:
                raise ApiError(
                    422,
                    _("区划代码“%(code)s”不存在。") % {"code": value},
                    details={"region": [_("区划代码不存在。")]},
                )
            data[name] = region.pk
        elif name == "segments":
            data[name] = list(value or [])
        else:
            data[name] = _encode(name, value)
    if "stage" in payload:  # dates of the stages not passed through are ignored by the form's rules
        reached = stages.stages_through(data["stage"])
        for stage in stages.ORDER:
            if stage not in reached:
                data.pop(stages.DATE_FIELD[stage], None)
    return data


def as_query_dict(data: dict[str, Any]) -> Any:
    """Form data as a QueryDict (lists for multi-value fields; False checkboxes left out)."""
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, [str(v) for v in value])
        elif value != "" or key not in {"is_key", "is_confidential"}:
            query[key] = "" if value is None else str(value)
    return query


def form_errors(form: Any) -> dict[str, list[str]]:
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}
