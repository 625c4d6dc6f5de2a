"""The API writes projects through the ledger's own ProjectForm, so both apply the same rules.

A JSON payload becomes the form's data with its typed values (integer yuan, dates, booleans, ids), so
nothing is written out as text for the form to parse back; an update starts from the project's current
values and overlays only the fields sent.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from zhaoshang.api.errors import ApiError
from zhaoshang.projects import stages
from zhaoshang.projects.models import Project
from zhaoshang.regions.models import Region

MONEY = ("contract_investment", "fixed_asset_investment", "foreign_capital_usd")  # integer yuan (dollars)
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
        *MONEY,
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


def as_query_dict(data: dict[str, Any]) -> MultiValueDict[str, Any]:
    """Form data keeping its types (lists for multi-value fields); the widgets read values as given."""
    form_data: MultiValueDict[str, Any] = MultiValueDict()
    for key, value in data.items():
        if isinstance(value, list):
            form_data.setlist(key, value)
        elif value is not None and value != "":
            form_data[key] = value
    return form_data


def form_errors(form: Any) -> dict[str, list[str]]:
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}
