"""Load test: 50 users on the ledger, the cockpit and the API for 2 minutes, while imports write, on PostgreSQL.

    .venv/bin/pip install -e '.[bench]'        # locust
    .venv/bin/python bench/load_test.py         # --users 50 --duration 120 --workers 5 --import-rows 1000

Creates a PostgreSQL database of its own (zhaoshang_load_<pid> on 127.0.0.1:5432, user postgres;
BENCH_PG_URL overrides the server), migrates it and loads the demo (`zhaoshang demo`), issues an API token
per demo account, serves the app with gunicorn on 127.0.0.1 (a free port), and runs locust headless against
it (bench/locustfile.py) for a bounded time. Meanwhile `zhaoshang import projects` runs again and again in
another process, each time a new workbook of --import-rows signed projects in five Beijing districts, so the
readers meet a writer holding a long transaction. Traffic goes to 127.0.0.1 only and stops by itself.

Prints requests/s, p50/p95/p99 and the error count per route and overall, the imports done, the server's
5xx and tracebacks, and the machine's size. Exits 1 if any request failed or any import failed.
The database is dropped at the end (--keep leaves it for a look).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import suppress
from http.client import HTTPConnection
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from _common import load_average, machine_line  # noqa: E402

BIN = Path(sys.executable).parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
DEMO_USERS = ["admin", "spb_admin", "spb_officer", "spb_leader"]
HEADERS = [
    "项目名称",
    "区县",
    "投资方",
    "统一社会信用代码",
    "行业代码",
    "重点项目",
    "合同投资额",
    "阶段",
    "签约日期",
]
BEIJING = [
    "110101",
    "110102",
    "110105",
    "110106",
    "110108",
]  # 东城 西城 朝阳 丰台 海淀, by code: 朝阳区 is ambiguous


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", f"{PG_URL}/postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    )


def zhaoshang(env: dict[str, str], *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "zhaoshang"), *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        with suppress(OSError):
            conn = HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/login/")
            if conn.getresponse().status == 200:
                return
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within a minute")


def workbook(path: Path, rows: int, batch: int) -> None:
    """`rows` signed projects with names unique to this batch, spread over five Beijing districts."""
    from openpyxl import Workbook
    from stdnum.cn import uscc

    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append(HEADERS)
    for n in range(rows):
        body = f"91110101{batch:03d}{n:06d}"
        sheet.append(
            [
                f"负载测试项目-{batch:03d}-{n:05d}",
                BEIJING[n % len(BEIJING)],
                f"负载测试企业{batch:03d}{n:05d}有限公司",
                body + uscc.calc_check_digit(body),
                "3670",
                "否",
                f"{n % 90 + 1}亿",
                "签约",
                "2022-05-10",
            ]
        )
    book.save(path)


class Importer(threading.Thread):
    """Runs `zhaoshang import projects` back to back until stopped; records each run's outcome."""

    def __init__(self, env: dict[str, str], folder: Path, rows: int) -> None:
        super().__init__(daemon=True)
        self.env, self.folder, self.rows = env, folder, rows
        self.stop = threading.Event()
        self.runs: list[tuple[bool, float, str]] = []

    def run(self) -> None:
        batch = 0
        while not self.stop.is_set():
            path = self.folder / f"import-{batch:03d}.xlsx"
            workbook(path, self.rows, batch)
            start = time.perf_counter()
            result = zhaoshang(self.env, "import", "projects", str(path))
            last = (result.stdout + result.stderr).strip().splitlines()[-1:] or [""]
            self.runs.append((result.returncode == 0, time.perf_counter() - start, last[0]))
            batch += 1


def read_stats(prefix: Path) -> list[dict[str, str]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def report(rows: list[dict[str, str]], duration: float) -> int:
    print(
        f"\n{'route':<28}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}"
    )
    errors = 0
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(
            f"{name:<28}{row['Request Count']:>9}{row['Failure Count']:>8}{float(row['Requests/s']):>8.1f}"
            f"{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}{float(row['Max Response Time']):>8.0f}"
        )
        if row["Name"] == "Aggregated":
            errors = int(row["Failure Count"])
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=120, help="seconds of load (bounded)")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers (2 × cores + 1)")
    parser.add_argument("--import-rows", type=int, default=1000, help="rows per import run; 0 for no import")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    if not (BIN / "locust").exists():
        raise SystemExit("locust is not installed: .venv/bin/pip install -e '.[bench]'")

    print(machine_line())
    name = f"zhaoshang_load_{os.getpid()}"
    folder = Path(tempfile.mkdtemp(prefix="zhaoshang-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"{PG_URL}/{name}",
        "ZHAOSHANG_VAR": str(folder / "var"),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "zhaoshang.settings",
        "LOG_LEVEL": "WARNING",
    }
    psql(f'CREATE DATABASE "{name}"')
    server = None
    try:
        start = time.perf_counter()
        for step in (("migrate", "--noinput", "-v0"), ("demo",)):
            result = zhaoshang(env, *step)
            if result.returncode:
                raise SystemExit(f"zhaoshang {' '.join(step)} failed:\n{result.stderr}")
        tokens = {}
        for user in DEMO_USERS:
            result = zhaoshang(env, "token", "create", "--user", user, "--name", "负载测试")
            if result.returncode == 0:
                tokens[user] = result.stdout.strip().splitlines()[-1]
        print(
            f"database {name}: migrated and demo loaded in {time.perf_counter() - start:.0f} s; "
            f"API tokens for {', '.join(tokens) or 'nobody (no token command)'}"
        )

        port = free_port()
        errlog = folder / "gunicorn-error.log"
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "zhaoshang.wsgi:application",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "--timeout",
                "60",
                "--error-logfile",
                str(errlog),
                "--access-logfile",
                str(folder / "access.log"),
                "--access-logformat",
                "%(s)s %(m)s %(U)s %(M)sms",
            ],
            env=env,
            cwd=REPO,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_serving(port, server)
        print(
            f"gunicorn: {args.workers} sync workers on 127.0.0.1:{port}; "
            f"{args.users} users for {args.duration} s; import of {args.import_rows} rows back to back"
        )

        importer = Importer(env, folder, args.import_rows)
        if args.import_rows:
            importer.start()
        prefix = folder / "locust"
        load_env = env | {"LOAD_TOKENS": json.dumps(tokens)}
        started = time.perf_counter()
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(max(1, args.users // 5)),
                "-t",
                f"{args.duration}s",
                "-H",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "10",
                "--loglevel",
                "WARNING",
            ],
            env=load_env,
            cwd=REPO,
            timeout=args.duration + 120,
            stdout=subprocess.DEVNULL,
            stderr=open(folder / "locust.log", "w"),  # noqa: SIM115 - closed with the process
        )
        elapsed = time.perf_counter() - started
        importer.stop.set()
        if importer.is_alive():
            importer.join(timeout=600)

        errors = report(read_stats(prefix), elapsed)
        access = (folder / "access.log").read_text().splitlines()
        server_5xx = sum(1 for line in access if line.startswith("5"))
        tracebacks = errlog.read_text().count("Traceback")
        ok = [r for r in importer.runs if r[0]]
        failed = [r for r in importer.runs if not r[0]]
        print(
            f"\nimports while under load: {len(ok)} committed ({len(ok) * args.import_rows:,} projects), "
            f"{len(failed)} failed; each took {', '.join(f'{r[1]:.0f}' for r in importer.runs)} s"
        )
        for _ok, _seconds, last in failed:
            print(f"  failed import: {last}")
        print(f"server: {len(access):,} requests logged, {server_5xx} answered 5xx, {tracebacks} tracebacks")
        print(f"load average after the run: {load_average()}")
        verdict = errors == 0 and not failed and server_5xx == 0
        print(
            f"RESULT: {'PASS' if verdict else 'FAIL'} — {errors} request errors, {len(failed)} failed imports"
        )
        return 0 if verdict else 1
    finally:
        if server is not None:
            with suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                server.wait(timeout=20)
            with suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
        if not args.keep:
            psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"(logs in {folder}{'' if not args.keep else f'; database {name} kept'})")


if __name__ == "__main__":
    raise SystemExit(main())
