"""Targeting benchmark: generation, scoring vs a bare scan of the same columns, peak RSS, classifier speed.

    python bench/bench_targeting.py --rows 1000000 10000000

Each measured step runs in its own subprocess, which reports its wall time and its own peak RSS
(ru_maxrss), so one step's memory does not hide another's. Goals on the 2-core machine: scoring ≤ 2× the
bare scan and ≤ 1.5 s at 10M rows; peak RSS ≤ 2 GB; classifier ≥ 300,000 scopes/s per core
(also on real-style scopes with boilerplate, against a full-scan baseline from the same run).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GENERATE = """
import json, resource, sys, time
from pathlib import Path
from zhaoshang.lib.universe.generate import generate_universe
t = time.perf_counter()
s = generate_universe(int(sys.argv[1]), Path(sys.argv[2]), seed=2022)
print(json.dumps({"seconds": time.perf_counter() - t, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "segment_rows": s.segment_rows}))
"""

SCORE = """
import json, resource, statistics, sys, time
from pathlib import Path
from zhaoshang.lib.universe import duck, divisions
from zhaoshang.lib.universe.scoring import ScoreWeights, TargetRequest, rank_candidates
con = duck.open_universe(Path(sys.argv[1]))
runs = int(sys.argv[2])
suppliers = tuple(r[0] for r in con.execute(
    "SELECT uscc FROM firm_segments WHERE chain = 'nev' AND segment IN ('电机', '动力电池') ORDER BY firm_id LIMIT 20").fetchall())
group = con.execute("SELECT group_name FROM firms WHERE group_name IS NOT NULL GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
lat, lon = divisions.region_centroid("500106")
request = TargetRequest("500106", lat, lon, "nev", ("车载操作系统",), group, suppliers, 50)
weights = ScoreWeights.load()
BARE = '''
SELECT * FROM
 (SELECT COUNT(*), MAX(firm_id), SUM(registered_capital), SUM(employees), SUM(lat), SUM(lon), SUM(branch_count),
         COUNT_IF(is_listed), COUNT_IF(is_above_scale), COUNT_IF(capital_increase_recent), COUNT_IF(new_branch_recent),
         MAX(province_code), MAX(city_code), MAX(district_code), MAX(group_name) FROM firms) AS a,
 (SELECT COUNT(*), MAX(firm_id), MAX(uscc), MAX(name), MAX(chain), MAX(segment), SUM(confidence) FROM firm_segments) AS b
'''
rank_candidates(con, request, weights); con.execute(BARE).fetchall()  # warm the OS page cache
score, bare = [], []
for _ in range(runs):
    t = time.perf_counter(); top = rank_candidates(con, request, weights); score.append(time.perf_counter() - t)
    t = time.perf_counter(); con.execute(BARE).fetchall(); bare.append(time.perf_counter() - t)
print(json.dumps({"score": statistics.median(score), "bare": statistics.median(bare), "candidates": len(top),
                  "first": top[0].name if top else None, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CLASSIFY = """
import json, sys, time
from pathlib import Path
from zhaoshang.lib import chaindefs
from zhaoshang.lib.classify import ScopeClassifier
from zhaoshang.lib.universe.templates import build_pool
chains = chaindefs.load_chains()
classifier = ScopeClassifier(chains)
pool = build_pool(2022, classifier, chains)
sample = [json.loads(line) for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()]
scopes = list(pool.scopes) + [r["scope"] for r in sample]
gbts = list(pool.gbt) + [r["gbt"] for r in sample]
batch = 20_000
def rate(cache):
    n, t = 0, time.perf_counter()
    while time.perf_counter() - t < 4:
        for i in range(0, len(scopes), batch):
            classifier.classify_arrays(scopes[i:i + batch], None, gbts[i:i + batch], cache=cache)
        n += len(scopes)
    return n / (time.perf_counter() - t)
base = rate(False)
fast = rate(True)
print(json.dumps({"per_second": fast, "baseline": base, "terms": len(classifier.terms), "distinct": len(scopes),
                  "mean_chars": sum(map(len, scopes)) / len(scopes)}))
"""


# Real-style scopes: each a random run of the standard phrases (items between ；) of the real registered
# scopes in tests/data/scopes_real/, boilerplate included, so a pass is mostly catalogue wording and
# no two scopes are the same text. Baseline (full scan) and per-phrase cache are timed in the same process
# on the same scopes; the cache starts empty, so learning its phrases is inside the figure.
CLASSIFY_REAL = """
import json, random, sys, time
from pathlib import Path
from zhaoshang.lib import chaindefs
from zhaoshang.lib.classify import ScopeClassifier
rows = [json.loads(line) for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines() if line.strip()]
phrases = sorted({p for r in rows for p in r["scope"].replace("。", "；").split("；") if p})
rng = random.Random(2022)
scopes = list(dict.fromkeys("；".join(rng.sample(phrases, rng.randint(8, 30))) + "。" for _ in range(200_000)))
batch = 20_000
def rate(cache):
    classifier = ScopeClassifier(chaindefs.load_chains())
    n, t = 0, time.perf_counter()
    while time.perf_counter() - t < 6:
        for i in range(0, len(scopes), batch):
            classifier.classify_arrays(scopes[i:i + batch], cache=cache)
            n += len(scopes[i:i + batch])
            if time.perf_counter() - t >= 6:
                break
    return n / (time.perf_counter() - t), classifier
base, _ = rate(False)
fast, classifier = rate(True)
print(json.dumps({"baseline": base, "cached": fast, "terms": len(classifier.terms), "distinct": len(scopes),
                  "phrases": len(phrases), "mean_chars": sum(map(len, scopes)) / len(scopes)}))
"""


def run(code: str, *args: str) -> dict:
    """Run a measuring script in a fresh interpreter; its last stdout line is a JSON report."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        sys.exit(f"bench step failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> str:
    mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    import duckdb

    return f"nproc {os.cpu_count()}, {int(mem.split()[1]) / 2**20:.1f} GiB RAM, duckdb {duckdb.__version__}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[1_000_000, 10_000_000])
    parser.add_argument("--runs", type=int, default=5, help="scoring runs per size (median reported)")
    parser.add_argument(
        "--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "zhaoshang-bench"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated universes")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    c = run(CLASSIFY, str(ROOT / "tests" / "data" / "scopes_labelled.jsonl"))
    print(
        f"classifier on the generator's pool: {c['per_second']:,.0f} scopes/s on one core, full scan "
        f"{c['baseline']:,.0f} (the same {c['distinct']:,} scopes of {c['mean_chars']:.0f} chars each pass, so "
        f"the phrase cache is warm after the first; {c['terms']:,} automaton terms)  goal ≥ 300,000: "
        f"{'met' if c['per_second'] >= 300_000 else 'NOT met'}"
    )
    r = run(CLASSIFY_REAL, str(ROOT / "tests" / "data" / "scopes_real" / "scopes.jsonl"))
    print(
        f"classifier on real-style scopes: {r['cached']:,.0f} scopes/s on one core with the phrase cache, "
        f"baseline full scan {r['baseline']:,.0f} scopes/s ({r['cached'] / r['baseline']:.1f}×; "
        f"{r['terms']:,} automaton terms, {r['distinct']:,} distinct scopes of {r['mean_chars']:.0f} chars "
        f"from {r['phrases']:,} real phrases)  goal ≥ 300,000: {'met' if r['cached'] >= 300_000 else 'NOT met'}"
    )
    for rows in args.rows:
        out = args.workdir / f"u{rows}"
        g = run(GENERATE, str(rows), str(out))
        s = run(SCORE, str(out), str(args.runs))
        ratio = s["score"] / s["bare"]
        size = sum(p.stat().st_size for p in out.rglob("*.parquet")) / 2**20
        print(
            f"{rows:>11,} rows ({size:,.0f} MiB Parquet, {g['segment_rows']:,} segment rows): "
            f"generate {g['seconds']:.1f} s (peak RSS {g['rss_mb']:,.0f} MB); "
            f"score {s['score']:.3f} s vs bare scan {s['bare']:.3f} s = {ratio:.2f}× (peak RSS {s['rss_mb']:,.0f} MB); "
            f"{s['candidates']} candidates, first {s['first']}"
        )
        goals = [ratio <= 2, g["rss_mb"] <= 2048, s["rss_mb"] <= 2048] + (
            [s["score"] <= 1.5] if rows >= 10_000_000 else []
        )
        print(
            f"{'':>11} goals (≤2× scan, RSS ≤ 2 GB{', ≤1.5 s' if rows >= 10_000_000 else ''}): "
            f"{'met' if all(goals) else 'NOT met'}"
        )
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - started:.0f} s")
