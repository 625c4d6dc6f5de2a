"""Chain definitions (versioned JSON under chains/definitions/) into the database, and coverage."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from zhaoshang.chains.models import Chain, ChainMember, MemberRole, Segment
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.lib import chaindefs
from zhaoshang.lib.metrics import ratio
from zhaoshang.regions.models import Region


@transaction.atomic
def sync_chain_definitions() -> int:
    """Create or update chains and segments from the shipped definitions; returns the segment count.

    Segments are matched by (chain, name), so members and projects attached to them survive an update.
    """
    count = 0
    for order, definition in enumerate(chaindefs.load_chains()):
        chain, _created = Chain.objects.update_or_create(
            key=definition.key, defaults={"name": definition.name, "order": order}
        )
        saved: dict[str, Segment] = {}
        for position, seg in enumerate(definition.segments):
            segment, _created = Segment.objects.update_or_create(
                chain=chain,
                name=seg.name,
                defaults={
                    "parent": saved.get(seg.parent) if seg.parent else None,  # parents precede children
                    "position": seg.position,
                    "gbt_classes": list(seg.gbt_classes),
                    "keywords": list(seg.keywords),
                    "negative_keywords": list(seg.negative_keywords),
                    "aliases": list(seg.aliases),
                    "order": position,
                },
            )
            saved[seg.key] = segment
            count += 1
    return count


@dataclass(frozen=True)
class SegmentCoverage:
    segment: Segment
    members: list[ChainMember]

    @property
    def is_gap(self) -> bool:
        return not self.members

    @property
    def is_weak(self) -> bool:
        return len(self.members) == 1


@dataclass(frozen=True)
class ChainMap:
    """A chain as a region holds it: members per segment, leaders, coverage, gaps and weak links."""

    chain: Chain
    region: Region
    segments: list[SegmentCoverage]

    @property
    def leaves(self) -> list[SegmentCoverage]:
        parents = {s.segment.parent_id for s in self.segments if s.segment.parent_id}
        return [s for s in self.segments if s.segment.pk not in parents]

    @property
    def firms(self) -> list[Enterprise]:
        seen: dict[int, Enterprise] = {}
        for s in self.segments:
            for m in s.members:
                seen.setdefault(m.enterprise_id, m.enterprise)
        return list(seen.values())

    @property
    def leaders(self) -> list[Enterprise]:
        return list(
            {
                m.enterprise_id: m.enterprise
                for s in self.segments
                for m in s.members
                if m.role == MemberRole.LEADER
            }.values()
        )

    @property
    def gaps(self) -> list[Segment]:
        return [s.segment for s in self.leaves if s.is_gap]

    @property
    def weak(self) -> list[Segment]:
        return [s.segment for s in self.leaves if s.is_weak]

    @property
    def coverage(self) -> Decimal | None:
        leaves = self.leaves
        return ratio(sum(1 for s in leaves if not s.is_gap), len(leaves))

    @property
    def above_scale(self) -> int:
        return sum(1 for f in self.firms if f.is_above_scale)


def chain_map(chain: Chain, region: Region) -> ChainMap:
    """Local members of every segment of `chain` in `region` (two queries)."""
    segments = list(chain.segments.order_by("order"))
    members: dict[int, list[ChainMember]] = {s.pk: [] for s in segments}
    for m in (
        ChainMember.objects.filter(segment__chain=chain, region=region, is_local=True)
        .select_related("enterprise", "region")
        .order_by("-role", "enterprise__name")
    ):
        members[m.segment_id].append(m)
    return ChainMap(chain, region, [SegmentCoverage(s, members[s.pk]) for s in segments])


# GB/T 4754 division of 汽车制造业: the "above-scale auto makers" the district reports.
AUTO_DIVISION = "36"


def above_scale_in_division(region: Region, division: str = AUTO_DIVISION) -> int:
    return Enterprise.objects.filter(
        region=region, is_above_scale=True, industry__code__startswith=division, industry__level="class"
    ).count()
