"""Helpers the benchmarks share: the machine's size, timing loops and percentiles.

Every benchmark prints the machine it ran on (cores, memory, CPU model) next to its figures, so that
numbers from different machines are never compared by mistake.
"""

from __future__ import annotations

import math
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def machine() -> dict[str, object]:
    """nproc (the cores this process may use), total memory, CPU model, OS and Python."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 0
    memory = _memory_gib()
    return {
        "nproc": cores,
        "memory_gib": round(memory, 1) if memory is not None else None,
        "cpu": _cpu_model(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def machine_line() -> str:
    m = machine()
    memory = f"{m['memory_gib']} GiB" if m["memory_gib"] is not None else "? GiB"
    return (
        f"machine: nproc={m['nproc']}, memory={memory}, cpu={m['cpu']}, {m['os']}, Python {m['python']}; "
        f"load average now {load_average()}"
    )


def load_average() -> str:
    """1, 5 and 15-minute load averages: above nproc, other work shares the cores and timings suffer."""
    try:
        return "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100): the smallest value with at least q% of the values at or below."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Timing:
    runs: int
    median_ms: float
    p95_ms: float
    min_ms: float
    max_ms: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def time_it(fn: Callable[[], object], *, warmup: int, runs: int) -> Timing:
    """Call `fn` `warmup` times untimed, then `runs` times timed; wall-clock milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(
        runs=runs,
        median_ms=statistics.median(samples),
        p95_ms=percentile(samples, 95),
        min_ms=min(samples),
        max_ms=max(samples),
    )
