"""The pool of distinct business scopes a synthetic universe draws from, each classified exactly once.

Millions of firms share a few thousand scope texts (as real registrations largely do: most scopes are
phrases of the 经营范围规范表述目录). Every distinct text, paired with its GB/T class, goes through the
same classifier `zhaoshang classify` uses; the firms then inherit the result, so the universe's segment
columns are the classifier's judgement, not a label the generator made up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from zhaoshang.lib import chaindefs
from zhaoshang.lib.classify import ScopeClassifier
from zhaoshang.lib.resources import UNIVERSE_PHRASES

PHRASES = UNIVERSE_PHRASES
# Share of firms by kind of scope: chain firms are a small minority, as in the real register.
CHAIN_SHARE = {"nev": 0.03, "biomed": 0.015, "port": 0.01}
TRADER_SHARE = 0.10
PER_SEGMENT, PER_TRADER_POOL, PER_SECTOR = 40, 400, 60


@dataclass(frozen=True)
class TemplatePool:
    """Distinct (scope, class) pairs, how often firms draw each, and the classifier's verdict on each.

    ``scopes[i]`` goes with ``gbt[i]``, ``word[i]`` (the industry word in a firm's name), ``chain_seg[i]``
    (the segment the template was written for, -1 for none: used only to place hubs) and
    ``weight[i]``. Segment matches are flat: template ``match_template[k]`` is in segment
    ``match_segment[k]`` with ``match_confidence[k]`` and ``match_evidence[k]``.
    """

    scopes: tuple[str, ...]
    gbt: tuple[str, ...]
    word: tuple[str, ...]
    chain_seg: np.ndarray
    weight: np.ndarray
    segment_labels: tuple[tuple[str, str], ...]
    match_template: np.ndarray
    match_segment: np.ndarray
    match_confidence: np.ndarray
    match_evidence: tuple[str, ...]


def load_phrases() -> dict:
    """The phrase lists the generator writes scopes and names from."""
    return json.loads(PHRASES.read_text(encoding="utf-8"))


def _pick(rng: np.random.Generator, items: tuple[str, ...] | list[str], k: int) -> list[str]:
    return [items[i] for i in rng.choice(len(items), size=min(k, len(items)), replace=False)]


def _segment_scope(rng: np.random.Generator, seg: chaindefs.Segment, phrases: dict) -> str:
    a, b = _pick(rng, seg.keywords, 2) if len(seg.keywords) > 1 else (seg.keywords[0],) * 2
    patterns = phrases["make_patterns"] if seg.activity == "make" else phrases["service_patterns"]
    core = patterns[rng.integers(len(patterns))].format(a=a, b=b)
    filler = _pick(rng, phrases["filler"], int(rng.integers(1, 4)))
    return "；".join([core, *filler]) + "。"


def _trader_scope(rng: np.random.Generator, goods: list[str], phrases: dict) -> str:
    listed = "、".join(_pick(rng, goods, int(rng.integers(5, 12))))
    pattern = phrases["trade_patterns"][rng.integers(len(phrases["trade_patterns"]))]
    return "；".join([pattern.format(list=listed), *_pick(rng, phrases["filler"], 2)]) + "。"


def _sector_scope(rng: np.random.Generator, sector: dict, phrases: dict) -> str:
    items = _pick(rng, sector["phrases"], int(rng.integers(2, 5))) + _pick(
        rng, phrases["filler"], int(rng.integers(0, 3))
    )
    return "；".join(items) + "。"


def build_pool(seed: int, classifier: ScopeClassifier, chains: tuple[chaindefs.Chain, ...]) -> TemplatePool:
    """Write the scope templates for a seed and classify each distinct (scope + tail, class) once."""
    rng = np.random.default_rng([seed, 1])
    phrases = load_phrases()
    base: list[tuple[str, str, str, int, float]] = []  # scope, class, name word, chain segment, weight
    seg_index = {label: i for i, label in enumerate(classifier.segment_labels)}
    goods = list(phrases["trade_goods"])
    for chain in chains:
        per_segment = CHAIN_SHARE.get(chain.key, 0.01) / len(chain.segments) / PER_SEGMENT
        for seg in chain.segments:
            if seg.activity == "make":  # goods a trader may list; services are not goods
                goods += list(seg.keywords[:3])
            word = seg.key.split("/")[-1] if seg.activity == "make" else seg.key
            for _ in range(PER_SEGMENT):
                cls = seg.gbt_classes[rng.integers(len(seg.gbt_classes))]
                base.append(
                    (
                        _segment_scope(rng, seg, phrases),
                        cls,
                        word,
                        seg_index[(chain.key, seg.key)],
                        per_segment,
                    )
                )
    trade_classes = ["5172", "5174", "5175", "5179", "5169", "5199", "5219"]
    for _ in range(PER_TRADER_POOL):
        cls = trade_classes[rng.integers(len(trade_classes))]
        base.append((_trader_scope(rng, goods, phrases), cls, "商贸", -1, TRADER_SHARE / PER_TRADER_POOL))
    generic = 1.0 - sum(CHAIN_SHARE.get(c.key, 0.01) for c in chains) - TRADER_SHARE
    for sector in phrases["sectors"]:
        for _ in range(PER_SECTOR):
            cls = sector["gbt"][rng.integers(len(sector["gbt"]))]
            base.append(
                (
                    _sector_scope(rng, sector, phrases),
                    cls,
                    sector["word"],
                    -1,
                    generic / len(phrases["sectors"]) / PER_SECTOR,
                )
            )
    tails = phrases["tails"]
    scopes = tuple(s + tail for s, *_ in base for tail in tails)
    gbt = tuple(c for _, c, *_ in base for _ in tails)
    result = classifier.classify_arrays(scopes, None, gbt, keep_hits=True)
    evidence = tuple(
        "；".join(classifier.evidence(result, int(d), int(s)))
        for d, s in zip(result.doc, result.segment, strict=True)
    )
    return TemplatePool(
        scopes=scopes,
        gbt=gbt,
        word=tuple(w for _, _, w, *_ in base for _ in tails),
        chain_seg=np.repeat(np.array([s for *_, s, _ in base], dtype=np.int64), len(tails)),
        weight=np.repeat(np.array([w for *_, w in base]) / len(tails), len(tails)),
        segment_labels=classifier.segment_labels,
        match_template=result.doc.astype(np.int64),
        match_segment=result.segment.astype(np.int64),
        match_confidence=result.confidence.astype(np.float64),
        match_evidence=evidence,
    )
