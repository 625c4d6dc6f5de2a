"""Precision/recall of the scope classifier on real registered scopes (tests/data/scopes_real/).

    python bench/eval_real_scopes.py            # both halves, per chain and per segment

The set is split by a hash of the scope text (see tests/data/scopes_real/README.md); tune on "dev" only
and read "held" as the honest figure.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from zhaoshang.lib.classify import default_classifier

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "scopes_real" / "scopes.jsonl"


def load(split: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r["split"] == split]


def counts(rows: list[dict]) -> tuple[Counter, Counter, Counter]:
    """(true positives, false positives, false negatives) by "chain:segment"."""
    classifier = default_classifier()
    results = classifier.classify_many(
        [r["scope"] for r in rows], [r["name"] for r in rows], [r["gbt"] for r in rows], evidence=False
    )
    tp, fp, fn = Counter(), Counter(), Counter()
    for row, matches in zip(rows, results, strict=True):
        got = {f"{m.chain}:{m.segment}" for m in matches}
        want = set(row["segments"])
        tp.update(got & want)
        fp.update(got - want)
        fn.update(want - got)
    return tp, fp, fn


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def per_chain(rows: list[dict]) -> dict[str, tuple[float, float, int]]:
    """Micro (precision, recall, labelled positives) per chain."""
    tp, fp, fn = counts(rows)
    out = {}
    for chain in ("nev", "biomed", "port"):
        t = sum(v for k, v in tp.items() if k.startswith(chain + ":"))
        p = sum(v for k, v in fp.items() if k.startswith(chain + ":"))
        n = sum(v for k, v in fn.items() if k.startswith(chain + ":"))
        out[chain] = (ratio(t, t + p), ratio(t, t + n), t + n)
    return out


def main() -> int:
    for split in ("dev", "held"):
        rows = load(split)
        print(f"== {split}: {len(rows)} scopes")
        for chain, (p, r, n) in per_chain(rows).items():
            print(f"  {chain:7s} precision {p:.2f}  recall {r:.2f}  ({n} labelled)")
        tp, fp, fn = counts(rows)
        for seg in sorted(set(tp) | set(fp) | set(fn)):
            print(f"    {seg:22s} tp {tp[seg]:2d}  fp {fp[seg]:2d}  fn {fn[seg]:2d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
