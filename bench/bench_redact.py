"""Log redaction is linear in its input (issue 14, defect 4).

Times `redact()` on adversarial texts of 4 KB, 20 KB, 200 KB and 1 MB (the inputs that made the old patterns
quadratic: one long word, letters without a key, unclosed quoted secrets, a URL scheme without a host, …)
and, as the baseline from the same run, one pass of a trivial regular expression over the same text.
A linear redaction keeps a constant cost per kilobyte across the sizes.

    python bench/bench_redact.py
"""

from __future__ import annotations

import os
import re
import time

from zhaoshang.lib.redact import redact

FILLERS = {
    "one long word": "a",
    "letters": "abc",
    "unclosed secrets": 'password="x ',
    "words": "a ",
    "digits": "1",
    "Chinese": "密码",
    "URL schemes": "postgres://u:",
}
SIZES = [4 * 2**10, 20 * 2**10, 200 * 2**10, 2**20]
BASELINE = re.compile(r"\d")


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"machine: {os.cpu_count()} cores, {memory_gb:.0f} GiB")
    print(f"{'input':<18}{'size':>9}{'redact':>11}{'µs/KB':>9}{'baseline':>11}{'ratio':>8}")
    for label, filler in FILLERS.items():
        for size in SIZES:
            text = filler * (size // len(filler))
            took = best_of(lambda text=text: redact(text))
            base = best_of(lambda text=text: BASELINE.sub("#", text))
            print(
                f"{label:<18}{size // 1024:>7}KB{took * 1000:>9.2f}ms{took * 1e6 / (size / 1024):>9.1f}"
                f"{base * 1000:>9.2f}ms{took / base:>8.1f}"
            )


if __name__ == "__main__":
    main()
