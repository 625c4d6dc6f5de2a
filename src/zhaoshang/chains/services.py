"""Chain definitions (versioned JSON under chains/definitions/) into the database, and coverage."""

from __future__ import annotations

from django.db import transaction

from zhaoshang.chains.models import Chain, Segment
from zhaoshang.lib import chaindefs


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
                chain=chain, name=seg.name,
                defaults={
                    "parent": saved.get(seg.parent) if seg.parent else None,  # parents precede children
                    "position": seg.position,
                    "gbt_classes": list(seg.gbt_classes),
                    "keywords": list(seg.keywords),
                    "negative_keywords": list(seg.negative_keywords),
                    "order": position,
                },
            )
            saved[seg.key] = segment
            count += 1
    return count
