"""The scope classifier on real registered business scopes (tests/data/scopes_real/), kept apart from tuning.

Every scope is copied verbatim from the public source named in its row and labelled by
docs/经营范围标注规则.md. Rows are split by a hash of their text; the keyword lists and weights are tuned
on "dev" only, so the "held" figures below are the honest ones and serve as regression floors.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from zhaoshang.lib import chaindefs
from zhaoshang.lib.classify import ScopeClassifier, default_classifier

DATA = Path(__file__).resolve().parents[1] / "data" / "scopes_real" / "scopes.jsonl"
# Micro (precision, recall) per chain measured on the held-back half with `python bench/eval_real_scopes.py`,
# rounded down. Few positives per chain so far (see the README there), so one row moves a figure a lot.
HELD_FLOORS = {"nev": (0.6, 1.0), "biomed": (0.81, 0.81), "port": (1.0, 1.0)}


def load(split: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r["split"] == split]


def split_of(scope: str) -> str:
    return "dev" if hashlib.sha256(scope.encode("utf-8")).digest()[0] % 2 == 0 else "held"


@pytest.fixture(scope="module")
def classifier() -> ScopeClassifier:
    return default_classifier()


def per_chain(classifier: ScopeClassifier, rows: list[dict]) -> dict[str, tuple[float, float]]:
    results = classifier.classify_many(
        [r["scope"] for r in rows], [r["name"] for r in rows], [r["gbt"] for r in rows], evidence=False
    )
    tp, fp, fn = Counter(), Counter(), Counter()
    for row, matches in zip(rows, results, strict=True):
        got, want = {f"{m.chain}:{m.segment}" for m in matches}, set(row["segments"])
        for seg in got & want:
            tp[seg.split(":")[0]] += 1
        for seg in got - want:
            fp[seg.split(":")[0]] += 1
        for seg in want - got:
            fn[seg.split(":")[0]] += 1
    return {
        c: (
            tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else 1.0,
            tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 1.0,
        )
        for c in HELD_FLOORS
    }


def test_every_row_is_sourced_split_by_its_hash_and_labelled_with_known_segments():
    rows = load()
    known = {f"{c.key}:{s.key}" for c in chaindefs.load_chains() for s in c.segments}
    assert len({r["scope"] for r in rows}) == len(rows)
    for row in rows:
        assert row["source"].strip()
        assert row["split"] == split_of(row["scope"])
        assert set(row["segments"]) <= known
    # Each chain has positives on both halves, so both figures mean something.
    for split in ("dev", "held"):
        chains = {s.split(":")[0] for r in load(split) for s in r["segments"]}
        assert chains == set(HELD_FLOORS)


@pytest.mark.parametrize("chain", sorted(HELD_FLOORS))
def test_held_back_precision_and_recall_per_chain_stay_above_the_measured_floors(classifier, chain):
    precision, recall = per_chain(classifier, load("held"))[chain]
    print(f"\nheld {chain}: micro precision {precision:.2f} recall {recall:.2f}")
    floor_precision, floor_recall = HELD_FLOORS[chain]
    assert precision >= floor_precision
    assert recall >= floor_recall
