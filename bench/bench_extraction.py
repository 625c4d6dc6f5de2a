"""Throughput of the fact extractor on one core.

Two corpora: synthetic press releases (~2 KB each) built from the hand-labelled passages and the seed
page, varying the region names and the figures; and the 60 real published releases of
tests/data/extraction_real at their real length (each with its date and source region, as intake
passes them), cycled to the same number of documents. Each is timed with extract_document in this
process; the gazetteer is built once, before timing, as a caller would keep it.

    .venv/bin/python bench/bench_extraction.py [--documents 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import re
import time
from datetime import date
from pathlib import Path

from zhaoshang.lib.extraction.extract import extract_document
from zhaoshang.lib.extraction.gazetteer import DEFAULT_REGIONS_CSV, Gazetteer, Name

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT / "tests" / "data" / "extraction_eval"
REAL_DIR = ROOT / "tests" / "data" / "extraction_real"
SEED_PAGE = ROOT / "tests" / "data" / "hualong-2022-08-04-shapingba.txt"
TARGET_BYTES = 2048


def county_names() -> list[str]:
    with open(DEFAULT_REGIONS_CSV, encoding="utf-8", newline="") as handle:
        return [
            row["name"]
            for row in csv.DictReader(handle)
            if row["level"] == "county" and len(row["name"]) <= 5
        ]


def vary_figures(text: str, rng: random.Random) -> str:
    # Same number of digits, other digits: the figures change, the grammar around them does not.
    def swap(match: re.Match[str]) -> str:
        digits = match.group()
        first = str(rng.randint(1, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])

    return re.sub(r"(?<![\d.])[1-9]\d*", swap, text)


def build_corpus(count: int, seed: int) -> list[tuple[str, date]]:
    rng = random.Random(seed)
    passages = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EVAL_DIR.glob("[0-9h]*.json"))]
    seed_page = SEED_PAGE.read_text(encoding="utf-8") if SEED_PAGE.exists() else ""
    counties = county_names()
    corpus = []
    for index in range(count):
        if seed_page and index % 10 == 0:
            corpus.append((seed_page.replace("沙坪坝区", rng.choice(counties)), date(2022, 8, 4)))
            continue
        county = rng.choice(counties)
        parts, size = [], 0
        while size < TARGET_BYTES:
            passage = rng.choice(passages)
            text = re.sub(r"[\u4e00-\u9fff]{1,6}[区县]", county, passage["text"], count=1)
            text = vary_figures(text, rng)
            parts.append(text)
            size += len(text.encode("utf-8")) + 1
        corpus.append(("\n".join(parts), date.fromisoformat(passages[0]["document_date"])))
    return corpus


def real_corpus(count: int) -> list[tuple[str, date | None, str]]:
    articles = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(REAL_DIR.glob("*.json"))]
    corpus = []
    for index in range(count):
        article = articles[index % len(articles)]
        when = date.fromisoformat(article["document_date"]) if article["document_date"] else None
        corpus.append((article["text"], when, article["source_region"]))
    return corpus


def memory_gib() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    started = time.perf_counter()
    gazetteer = Gazetteer.from_reference(
        enterprises=[Name("赛力斯", ("赛力斯集团", "小康集团")), Name("宁波拓普", ("拓普",)), Name("华为")],
        directions=["先进制造", "口岸经济", "设计产业", "数字经济", "文化旅游", "现代服务"],
        segments=["电池", "电机", "电控", "一体化压铸", "智能座舱", "热管理", "车联网", "医疗器械"],
    )
    built = time.perf_counter() - started
    corpus = build_corpus(args.documents, args.seed)
    total_bytes = sum(len(text.encode("utf-8")) for text, _ in corpus)

    extract_document(corpus[0][0], document_date=corpus[0][1], gazetteer=gazetteer)  # warm caches
    facts = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for text, when in corpus:
        facts += len(extract_document(text, document_date=when, gazetteer=gazetteer).facts)
    elapsed = time.perf_counter() - started
    # CPU time of this process: what one core does, whatever else the machine is running.
    cpu = time.process_time() - cpu_started

    print(
        f"machine     : {platform.processor() or platform.machine()}, nproc={os.cpu_count()}, "
        f"memory={memory_gib():.1f} GiB, Python {platform.python_version()}"
    )
    print(f"gazetteer   : built in {built * 1000:.0f} ms (once)")
    print(
        f"corpus      : {len(corpus)} documents, {total_bytes / 1e6:.2f} MB, "
        f"{total_bytes / len(corpus) / 1024:.2f} KiB/document, {facts} facts"
    )
    print(
        f"one core    : {len(corpus) / cpu:.0f} documents/s, {total_bytes / 1e6 / cpu:.2f} MB/s, "
        f"{cpu * 1000 / len(corpus):.2f} ms/document (CPU time)"
    )
    print(
        f"wall clock  : {len(corpus) / elapsed:.0f} documents/s, {total_bytes / 1e6 / elapsed:.2f} MB/s "
        f"(load average {os.getloadavg()[0]:.1f} while running)"
    )

    real = real_corpus(args.documents)
    real_bytes = sum(len(text.encode("utf-8")) for text, _, _ in real)
    real_facts = 0
    cpu_started = time.process_time()
    for text, when, region in real:
        result = extract_document(text, document_date=when, gazetteer=gazetteer, source_region=region)
        real_facts += len(result.facts)
    real_cpu = time.process_time() - cpu_started
    print(
        f"real corpus : {len(real)} documents (the 60 releases of tests/data/extraction_real, cycled), "
        f"{real_bytes / len(real) / 1024:.2f} KiB/document, {real_facts} facts"
    )
    print(
        f"one core    : {len(real) / real_cpu:.0f} documents/s on real releases, "
        f"{real_cpu * 1000 / len(real):.2f} ms/document (CPU time; goal 200 documents/s)"
    )


if __name__ == "__main__":
    main()
