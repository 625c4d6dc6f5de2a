"""The project lifecycle (线索→洽谈→签约→注册→开工→投产, or 终止) and what each stage requires.

Plain data, no Django: the models turn it into database constraints, services enforce it, and
tests read it directly.
"""

from __future__ import annotations

ORDER: tuple[str, ...] = ("lead", "negotiating", "signed", "registered", "started", "in_production")
TERMINATED = "terminated"

# The date field that records when a project entered each stage.
DATE_FIELD: dict[str, str] = {
    "lead": "lead_on",
    "negotiating": "negotiating_on",
    "signed": "signed_on",
    "registered": "registered_on",
    "started": "started_on",
    "in_production": "in_production_on",
    TERMINATED: "terminated_on",
}

# Stages at or after signing: a signed project has a signing date and a contract amount.
SIGNED_OR_LATER: tuple[str, ...] = ORDER[ORDER.index("signed") :]


def allowed_transitions() -> set[tuple[str, str]]:
    """(from, to) pairs: one step forward, or 终止 from any live stage; "" is creation."""
    pairs = {(ORDER[i], ORDER[i + 1]) for i in range(len(ORDER) - 1)}
    pairs |= {(stage, TERMINATED) for stage in ORDER}
    pairs |= {("", stage) for stage in ORDER}
    return pairs


def next_stage(stage: str) -> str | None:
    if stage == TERMINATED or stage == ORDER[-1]:
        return None
    return ORDER[ORDER.index(stage) + 1]


def is_allowed(from_stage: str, to_stage: str) -> bool:
    return (from_stage, to_stage) in allowed_transitions()


def stages_through(stage: str) -> tuple[str, ...]:
    """The stages a project has passed through to reach `stage` (used to back-fill on creation)."""
    return ORDER[: ORDER.index(stage) + 1]
