"""The extraction gazetteer built from the database: every enterprise with its short, former and other
names (赛力斯 = 小康集团), every industry direction and every chain segment; regions come from the
reference divisions the extractor ships with."""

from __future__ import annotations

from zhaoshang.chains.models import Chain, Segment
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.industries.models import IndustryDirection
from zhaoshang.lib.extraction.gazetteer import Gazetteer, Name

# A one-character alias would match inside any word.
_MIN_SURFACE = 2


def enterprise_names() -> list[Name]:
    names = []
    rows = Enterprise.objects.values_list("name", "short_name", "former_names", "aliases").order_by("pk")
    for name, short, former, aliases in rows:
        surfaces = [short, *(former or []), *(aliases or [])]
        kept = tuple(dict.fromkeys(s.strip() for s in surfaces if s and len(s.strip()) >= _MIN_SURFACE))
        names.append(Name(name, tuple(s for s in kept if s != name)))
    return names


def segment_names() -> list[Name]:
    """Each segment name once, with the other names reports use for it (增程器 = 增程式动力总成)."""
    aliases: dict[str, set[str]] = {}
    for name, more in Segment.objects.values_list("name", "aliases").order_by("name"):
        aliases.setdefault(name, set()).update(
            a for a in (more or []) if len(a) >= _MIN_SURFACE and a != name
        )
    return [Name(name, tuple(sorted(others))) for name, others in aliases.items()]


def build_gazetteer() -> Gazetteer:
    """A fresh gazetteer (one automaton); callers that read many documents build it once."""
    directions = sorted(set(IndustryDirection.objects.values_list("name", flat=True)))
    segments = segment_names()
    return Gazetteer.from_reference(enterprises=enterprise_names(), directions=directions, segments=segments)


def chain_names() -> dict[str, str]:
    """Chain name → key (智能网联新能源汽车 → nev), for the fact check of enterprise counts."""
    return dict(Chain.objects.values_list("name", "key"))
