"""What an app above chains can say about a region's gaps in a chain, shown on the chain map.

Precision targeting (targeting/apps.py) registers the universe's relatedness density of each missing
segment and its page for candidates; chains itself imports nothing above it. Without a registration the
map shows its gaps without densities and without the link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class GapAdvisor:
    density: Callable[[Any, Any], dict[str, float]]  # (region, chain) -> segment name -> density
    url_name: str  # the page offering candidates for a gap (?region=&chain=&segment=)


_advisors: list[GapAdvisor] = []


def register(advisor: GapAdvisor) -> None:
    _advisors.append(advisor)


def advisor() -> GapAdvisor | None:
    return _advisors[0] if _advisors else None
