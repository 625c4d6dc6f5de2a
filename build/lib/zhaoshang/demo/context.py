"""What every demo builder shares: the random generator, names, reference rows and the writer."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from zhaoshang.chains.models import Segment
from zhaoshang.demo.names import NameMaker
from zhaoshang.demo.writer import LedgerWriter
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.industries.models import IndustryCode
from zhaoshang.projects.models import Project, Stage
from zhaoshang.regions.models import Region

WAN = 10_000
TODAY = date(2026, 11, 1)  # the demo's "as of" date: no stage is dated after it


@dataclass
class DemoContext:
    rng: random.Random
    names: NameMaker
    writer: LedgerWriter
    industries: dict[str, IndustryCode]
    segments: dict[tuple[str, str], Segment]
    regions: dict[str, Region]
    enterprises: list[Enterprise] = field(default_factory=list)

    def segment(self, chain: str, name: str) -> Segment:
        return self.segments[(chain, name)]

    def day_in(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def after(self, day: date, low: int, high: int, limit: date) -> date | None:
        """A later date low..high days after `day`, or None if it would pass `limit`."""
        later = day + timedelta(days=self.rng.randint(low, high))
        return later if later <= limit else None

    def partition(
        self, total_wan: int, parts: int, minimum_wan: int = 5000, step_wan: int = 100
    ) -> list[int]:
        """`parts` heavy-tailed amounts in 万元 that add up to exactly `total_wan`."""
        weights = [self.rng.lognormvariate(0, 0.9) for _ in range(parts)]
        spare = total_wan - minimum_wan * parts
        if spare < 0:
            raise ValueError("total too small for the minimum")
        amounts = [minimum_wan + int(spare * w / sum(weights)) // step_wan * step_wan for w in weights]
        amounts[amounts.index(max(amounts))] += total_wan - sum(amounts)
        return amounts


def advance(ctx: DemoContext, project: Project, signed: date) -> None:
    """Move a signed project on through 注册, 开工 and 投产 with plausible delays up to the demo date."""
    project.stage = Stage.SIGNED
    registered = ctx.after(signed, 15, 90, TODAY)
    if registered is None:
        return
    project.registered_on, project.stage = registered, Stage.REGISTERED
    started = ctx.after(registered, 30, 300, TODAY)
    if started is None or ctx.rng.random() < 0.1:
        return
    project.started_on, project.stage = started, Stage.STARTED
    producing = ctx.after(started, 180, 720, TODAY)
    if producing is None or ctx.rng.random() < 0.3:
        return
    project.in_production_on, project.stage = producing, Stage.IN_PRODUCTION
