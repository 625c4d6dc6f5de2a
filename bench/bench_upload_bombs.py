"""Peak memory and time of refusing upload bombs, through the commands a bureau runs.

Builds the bombs of issue 14 (a .docx whose document.xml inflates to 300 MB, an .xlsx declaring
A1:XFD10001, an .xlsx inflating to 400 MB, a "billion laughs" .docx), runs `zhaoshang extract` /
`zhaoshang import projects --dry-run` on each in a fresh process, and prints its peak RSS (getrusage of
the child) and wall time next to the same command refusing a missing file (the baseline: Python, Django
and the readers loaded). No database is needed: the files are refused before any query.

    .venv/bin/python bench/bench_upload_bombs.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from _common import machine_line  # noqa: E402
from tests.bombs import docx_bomb, laughs_docx, xlsx_dimension_bomb, xlsx_inflated_bomb  # noqa: E402

ZHAOSHANG = str(Path(sys.executable).with_name("zhaoshang"))


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, exit code) of one command in a fresh wrapper process."""
    wrapper = (
        "import resource, subprocess, sys, time; t = time.perf_counter();"
        "rc = subprocess.run(sys.argv[1:], capture_output=True).returncode;"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t, rc)"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *args], capture_output=True, text=True, env=env
    ).stdout
    kb, seconds, rc = out.split()
    return int(kb) / 1024, float(seconds), int(rc)


def main() -> None:
    print(machine_line())
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        env = os.environ | {"DATABASE_URL": f"sqlite:///{base / 'unused.sqlite3'}"}
        cases = [
            ("docx, document.xml 300 MB", ["extract"], docx_bomb(base / "bomb.docx")),
            ("docx, billion laughs", ["extract"], laughs_docx(base / "laughs.docx")),
            (
                "xlsx, dimension A1:XFD10001",
                ["import", "projects", "--dry-run"],
                xlsx_dimension_bomb(base / "d.xlsx"),
            ),
            ("xlsx, part 400 MB", ["import", "projects", "--dry-run"], xlsx_inflated_bomb(base / "i.xlsx")),
        ]
        print(f"{'bomb':<30} {'file KB':>8} {'peak MB':>8} {'base MB':>8} {'growth MB':>9} {'s':>6} rc")
        for label, command, path in cases:
            baseline, _s, _rc = measure([ZHAOSHANG, *command, str(base / "missing" / path.name)], env)
            peak, seconds, rc = measure([ZHAOSHANG, *command, str(path)], env)
            size = path.stat().st_size / 1024
            print(
                f"{label:<30} {size:>8.0f} {peak:>8.1f} {baseline:>8.1f} {peak - baseline:>9.1f} {seconds:>6.2f} {rc}"
            )
    print(
        "limit: growth under 200 MB (tests/core/test_upload_bombs.py); before the fix the dimension bomb hit MemoryError under a 1.5 GB address-space cap"
    )


if __name__ == "__main__":
    main()
