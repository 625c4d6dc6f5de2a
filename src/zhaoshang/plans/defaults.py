"""The default node templates (default_templates.json in this package): 签约评审 … 达产 per project type.

Loaded by a data migration into every database, then data the bureau edits in the template pages.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load() -> dict[str, Any]:
    text = resources.files("zhaoshang.plans").joinpath("default_templates.json").read_text("utf-8")
    return json.loads(text)


def install(template_model: Any, node_model: Any) -> int:
    """Create the default templates that do not exist yet (by name, region empty); returns how many."""
    created = 0
    for spec in load()["templates"]:
        if template_model.objects.filter(name=spec["name"], region__isnull=True).exists():
            continue
        template = template_model.objects.create(
            name=spec["name"],
            project_type=spec["project_type"],
            start_offset_days=spec["start_offset_days"],
            notes=spec.get("notes", ""),
        )
        nodes = {}
        for order, n in enumerate(spec["nodes"], start=1):
            nodes[n["code"]] = node_model.objects.create(
                template=template,
                order=order * 10,
                code=n["code"],
                name=n["name"],
                anchor=n["anchor"],
                offset_days=n["offset_days"],
                evidence="\n".join(n["evidence"]),
                ledger_stage=n["ledger_stage"],
                unit_kind=n.get("unit_kind", ""),
            )
        for n in spec["nodes"]:
            if n["depends_on"]:
                nodes[n["code"]].depends_on.set([nodes[d] for d in n["depends_on"]])
        created += 1
    return created
