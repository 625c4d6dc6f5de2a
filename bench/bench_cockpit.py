"""Benchmark: the district cockpit, the municipal rollup, the ledger list and `zhaoshang assess` at scale.

Fills N projects (default 100,000) over Chongqing's 38 districts (children of 500000) and five years
(2018–2022), then times each page through Django's test client (in process, logged in; no HTTP server)
and the `assess` command, on SQLite and on PostgreSQL. Prints median and p95 per page, the queries per
request and their SQL time, a bare-SQL baseline over the same rows (SELECT count(*), sum(...) over the
whole ledger) and each page's ratio to it, and the machine's size. Goal (issue 3): p95 ≤ 200 ms per page.

    .venv/bin/python bench/bench_cockpit.py                       # 100k projects, SQLite and PostgreSQL
    .venv/bin/python bench/bench_cockpit.py --projects 20000 --backends sqlite --runs 10

Each backend runs in its own subprocess (Django's settings are read once per process). SQLite uses a
file in a temporary folder; PostgreSQL uses a database of its own (`zhaoshang_bench` on
127.0.0.1:5432, user postgres; BENCH_PG_URL overrides the server), created before and dropped after.
A PostgreSQL server that cannot be reached is reported as skipped, and a page that misses the goal is
reported as MISSED: both still exit 0 (figures, not failures). A worker that crashes exits 1.
Options: --show-queries N prints each page's N slowest statements, re-run alone with their rows
fetched; --profile N prints a cProfile of one call per page. No history rows are written by the fill.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import load_average, machine_line, time_it  # noqa: E402

CITY = "500000"
DISTRICT = "500106"  # 沙坪坝区
PERIOD = "2022H1"
YEARS = range(2018, 2023)
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432")
PG_DATABASE = "zhaoshang_bench"
DISTRICT_COUNT = 38

PAGES = [
    ("cockpit", f"/cockpit/?region={DISTRICT}&period={PERIOD}"),
    ("rollup", f"/cockpit/rollup/?city={CITY}&period={PERIOD}"),
    ("ledger list", f"/projects/?region={DISTRICT}&period={PERIOD}"),
]
BASELINE_SQL = "SELECT count(*), sum(contract_investment) FROM projects_project"


# --------------------------------------------------------------------------------------------- worker


def _setup_django() -> None:
    import django

    django.setup()


def fill(count: int, seed: int) -> dict[str, int]:
    """Bulk-insert `count` projects (no history rows, no per-row save), directions and 2022 targets."""
    import random
    from datetime import date, timedelta
    from decimal import Decimal

    from django.db import transaction

    from zhaoshang.industries.models import MANUFACTURING_SECTION, IndustryCode, IndustryDirection
    from zhaoshang.projects.models import Origin, Project, ProjectType, Stage
    from zhaoshang.regions.models import Region
    from zhaoshang.targets.models import Target, TargetLevel

    rng = random.Random(seed)
    wan = 10_000
    as_of = date(2023, 6, 30)  # the bench's "today": no stage is dated after it
    districts = list(Region.objects.children_of(CITY).order_by("code"))
    if len(districts) != DISTRICT_COUNT:
        raise SystemExit(f"expected {DISTRICT_COUNT} districts under {CITY}, found {len(districts)}")
    manufacturing_classes = ["3670", "3612", "3841", "3812", "3962", "3973", "2720", "3589", "3399", "3990"]
    other_classes = {
        "数字经济": "6513",
        "现代服务": "7212",
        "文化旅游": "7869",
        "商贸物流": "5990",
        "现代农业": "0111",
        "康养产业": "8514",
        "绿色能源": "4415",
        "生物医药": "7340",
        "新材料": "7320",
    }
    codes = IndustryCode.objects.filter(
        level="class", code__in=[*manufacturing_classes, *other_classes.values()]
    )
    industries = {c.code: c for c in codes}
    missing = set(manufacturing_classes) - set(industries)
    if missing:
        raise SystemExit(f"industry classes missing from the reference data: {sorted(missing)}")
    pool = list(other_classes)
    directions: dict[int, list[IndustryDirection]] = {}
    planned_directions = []
    for region in districts:
        names = ["先进制造", *rng.sample(pool, rng.randint(3, 6))]
        planned_directions += [IndustryDirection(region=region, name=n, order=i) for i, n in enumerate(names)]
    for d in IndustryDirection.objects.bulk_create(planned_directions):
        directions.setdefault(d.region_id, []).append(d)

    # Districts differ in size, years grow a little: weights for where and when a project lands.
    district_weight = [rng.uniform(0.5, 1.6) for _ in districts]
    year_weight = [1.0, 1.08, 0.95, 1.15, 1.25]
    cells = [(d, y) for d in range(len(districts)) for y in range(len(YEARS))]
    weights = [district_weight[d] * year_weight[y] for d, y in cells]
    totals: dict[tuple[int, int], list[int]] = {}  # (region_id, year) -> [signed, amount, manufacturing]

    def later(day: date, low: int, high: int) -> date | None:
        result = day + timedelta(days=rng.randint(low, high))
        return result if result <= as_of else None

    batch: list[Project] = []
    written = 0
    started = time.perf_counter()
    with transaction.atomic():
        for i, (d, y) in enumerate(rng.choices(cells, weights, k=count)):
            region, year = districts[d], YEARS[y]
            regional = directions[region.pk]
            manufacturing = rng.random() < 0.42
            direction = regional[0] if manufacturing else rng.choice(regional[1:])
            industry = (
                industries[rng.choice(manufacturing_classes)]
                if manufacturing
                else industries.get(other_classes.get(direction.name, ""))
            )
            amount = min(1_500_000, max(500, round(rng.lognormvariate(9.4, 1.1) / 100) * 100)) * wan
            day = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
            foreign = rng.random() < 0.06
            p = Project(
                name=f"基准测试项目{i:06d}",
                region=region,
                direction=direction,
                industry=industry,
                is_key=amount >= 10 * 10**8 or rng.random() < 0.25,
                is_manufacturing=industry is not None and industry.section == MANUFACTURING_SECTION,
                project_type=rng.choice(ProjectType.values),
                origin=Origin.FOREIGN if foreign else Origin.DOMESTIC,
                origin_country="新加坡" if foreign else "",
                foreign_capital_usd=amount // 7 // 3 if foreign else None,
                fixed_asset_investment=amount * rng.randint(40, 90) // 100,
                is_synthetic=True,
                lead_on=day - timedelta(days=rng.randint(70, 160)),
            )
            if rng.random() < 0.07:  # still in the pipeline: a lead or a negotiation, not signed
                p.lead_on = day
                p.negotiating_on = later(day, 10, 90) if rng.random() < 0.5 else None
                p.stage = Stage.NEGOTIATING if p.negotiating_on else Stage.LEAD
            else:
                p.negotiating_on = p.lead_on + timedelta(days=rng.randint(10, 60))
                p.signed_on, p.contract_investment, p.stage = day, amount, Stage.SIGNED
                if (registered := later(day, 15, 90)) is not None:
                    p.registered_on, p.stage = registered, Stage.REGISTERED
                    if rng.random() < 0.9 and (start := later(registered, 30, 300)) is not None:
                        p.started_on, p.stage = start, Stage.STARTED
                        if rng.random() < 0.7 and (producing := later(start, 180, 720)) is not None:
                            p.in_production_on, p.stage = producing, Stage.IN_PRODUCTION
                if rng.random() < 0.04 and (ended := later(day, 30, 500)) is not None:
                    p.stage, p.terminated_on, p.termination_reason = Stage.TERMINATED, ended, "投资方战略调整"
                t = totals.setdefault((region.pk, year), [0, 0, 0])
                t[0] += 1
                t[1] += amount
                t[2] += amount if p.is_manufacturing else 0
            batch.append(p)
            if len(batch) >= 5000:
                Project.objects.bulk_create(batch)
                written += len(batch)
                batch.clear()
                print(
                    f"  filled {written:,}/{count:,} ({time.perf_counter() - started:.0f}s)", file=sys.stderr
                )
        Project.objects.bulk_create(batch)
        written += len(batch)

        # 2022 municipal tasks, 10–25% over each district's 2021; the city's own as their sum.
        targets = []
        sums = [Decimal(0)] * 3
        metrics = ["signed_projects", "contract_investment", "manufacturing_contract_investment"]
        for region in districts:
            base = totals.get((region.pk, 2021), [0, 0, 0])
            growth = Decimal(rng.randint(110, 125)) / 100
            for k, metric in enumerate(metrics):
                value = (Decimal(base[k]) * growth).quantize(Decimal(1))
                sums[k] += value
                targets.append(
                    Target(region=region, year=2022, metric=metric, level=TargetLevel.MUNICIPAL, value=value)
                )
        city = Region.objects.get(code=CITY)
        targets += [
            Target(region=city, year=2022, metric=m, level=TargetLevel.MUNICIPAL, value=sums[k])
            for k, m in enumerate(metrics)
        ]
        Target.objects.bulk_create(targets)
    return {
        "projects": written,
        "directions": len(planned_directions),
        "targets": len(targets),
        "fill_seconds": round(time.perf_counter() - started, 1),
    }


def sql_profile(connection, fn, args: argparse.Namespace) -> dict:
    """The queries of one more call, each then re-run alone and timed with its rows fetched.

    Re-running matters on SQLite, whose driver computes grouped and listed rows while they are
    fetched, after `execute` has returned: timing `execute` alone would hide most of the work.
    """
    statements: list[tuple[str, object]] = []

    def record(execute, sql, params, many, context):
        statements.append((sql, None if many else params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        fn()
    timed = []
    for sql, params in statements:
        if params is None or not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            start = time.perf_counter()
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            timed.append(((time.perf_counter() - start) * 1000, len(rows), sql, params))
    slowest = sorted(timed, key=lambda t: t[0], reverse=True)[: args.show_queries]
    return {
        "queries": len(statements),
        "sql_ms": sum(t[0] for t in timed),
        "slowest": [
            {"ms": ms, "rows": n, "sql": sql, "params": [str(p) for p in params or ()]}
            for ms, n, sql, params in slowest
        ],
    }


def python_profile(fn, top: int) -> str:
    """cProfile of one call: the `top` functions by cumulative time."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(fn)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def worker(args: argparse.Namespace) -> dict:
    _setup_django()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from zhaoshang.accounts.models import Role, User
    from zhaoshang.industries.services import load_industry_codes
    from zhaoshang.regions.models import Region
    from zhaoshang.regions.services import load_divisions

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    load_divisions()
    load_industry_codes()
    setup_seconds = time.perf_counter() - t0
    print(
        f"  migrated and loaded reference data ({setup_seconds:.0f}s); filling {args.projects:,} projects",
        file=sys.stderr,
    )
    filled = fill(args.projects, args.seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum would soon do after a bulk load
            cursor.execute("VACUUM ANALYZE")
    elif args.sqlite_analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    user = User.objects.create(
        username="bench",
        role=Role.CITY_ADMIN,
        region=Region.objects.get(code=CITY),
        is_staff=True,
        is_superuser=True,
    )
    client = Client()
    client.force_login(user)
    server = connection.vendor
    if server == "postgresql":
        server = f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    else:
        import sqlite3

        server = f"SQLite {sqlite3.sqlite_version}"

    def page(url: str):
        def get():
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            return response

        return get

    def assess():
        call_command("assess", region=DISTRICT, period=PERIOD, json=True, stdout=StringIO())

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(BASELINE_SQL)
            return cursor.fetchone()

    targets = [(name, page(url), url) for name, url in PAGES]
    targets.append(("assess command", assess, f"assess --region {DISTRICT} --period {PERIOD} --json"))
    results = []
    load_before = load_average()
    count, amount = baseline()
    base = time_it(baseline, warmup=args.warmup, runs=args.runs)
    for name, fn, what in targets:
        print(f"  timing {name} …", file=sys.stderr)
        timing = time_it(fn, warmup=args.warmup, runs=args.runs)
        results.append({"name": name, "what": what, **timing.as_dict(), **sql_profile(connection, fn, args)})
        if args.profile:
            results[-1]["profile"] = python_profile(fn, args.profile)
    return {
        "backend": args.worker,
        "server": server,
        "filled": filled,
        "setup_seconds": round(setup_seconds, 1),
        "baseline": {"sql": BASELINE_SQL, "rows": count, "sum": int(amount or 0), **base.as_dict()},
        "results": results,
        "load": f"{load_before} → {load_average()}",
    }


# --------------------------------------------------------------------------------------------- parent


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def run_backend(backend: str, args: argparse.Namespace, tmp: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhaoshang.settings",
        "ZHAOSHANG_VAR": str(tmp / backend),
        "SECRET_KEY": "bench-only-not-secret",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "0",
        "ZHAOSHANG_DEMO_LABEL": "0",
    }
    if backend == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp / backend / 'bench.sqlite3'}"
    else:
        if PG_DATABASE == "test":
            raise SystemExit("refusing to use the database 'test'")
        try:
            _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            _pg_admin(f"CREATE DATABASE {PG_DATABASE}")
        except Exception as exc:
            return {"backend": backend, "skipped": f"PostgreSQL not reachable at {PG_SERVER}: {exc}"}
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    out = tmp / f"{backend}.json"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        backend,
        "--out",
        str(out),
        "--projects",
        str(args.projects),
        "--runs",
        str(args.runs),
        "--warmup",
        str(args.warmup),
        "--seed",
        str(args.seed),
        "--show-queries",
        str(args.show_queries),
        "--profile",
        str(args.profile),
    ]
    if args.sqlite_analyze:
        command.append("--sqlite-analyze")
    started = time.perf_counter()
    try:
        status = subprocess.run(command, env=env, cwd=tmp, check=False).returncode
    finally:
        if backend == "postgresql":
            try:
                _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            except Exception as exc:  # reported, not fatal
                print(f"  could not drop {PG_DATABASE}: {exc}", file=sys.stderr)
    if status != 0 or not out.exists():
        return {"backend": backend, "failed": f"worker exited {status}"}
    result = json.loads(out.read_text(encoding="utf-8"))
    result["wall_seconds"] = round(time.perf_counter() - started, 1)
    return result


def report(results: list[dict], args: argparse.Namespace, goal_ms: float) -> bool:
    print()
    print(
        f"bench_cockpit: {args.projects:,} projects over {DISTRICT_COUNT} districts of {CITY} × "
        f"{len(YEARS)} years ({YEARS[0]}–{YEARS[-1]}); {args.warmup} warm-up + {args.runs} timed runs each"
    )
    print(machine_line())
    ok = True
    for r in results:
        print()
        if "skipped" in r or "failed" in r:
            print(f"[{r['backend']}] {r.get('skipped') or r.get('failed')}")
            ok = ok and "failed" not in r
            continue
        b, f = r["baseline"], r["filled"]
        print(
            f"[{r['backend']}] {r['server']} — filled {f['projects']:,} projects in {f['fill_seconds']}s "
            f"(migrate + reference data {r['setup_seconds']}s; backend total {r['wall_seconds']}s)"
        )
        print(f"  load average (1/5/15 min) before → after timing: {r['load']}")
        busiest = max(float(x) for part in r["load"].split(" → ") for x in part.split("/")[:1] if x != "?")
        if busiest > (os.cpu_count() or 1):
            print("  note: other work was running (1-min load above the core count): p95 and max include it;")
            print("        the min column is the least disturbed figure")
        print(
            f"  baseline: {b['sql']}  → {b['rows']:,} rows; median {b['median_ms']:.2f} ms, "
            f"p95 {b['p95_ms']:.2f} ms"
        )
        header = (
            f"  {'page':<16}{'median ms':>11}{'p95 ms':>10}{'min ms':>9}{'max ms':>9}{'queries':>9}"
            f"{'SQL ms':>9}{'× baseline':>12}  goal p95≤{goal_ms:.0f}"
        )
        print(header)
        print("  " + "-" * (len(header) - 2))
        for row in r["results"]:
            ratio = row["median_ms"] / b["median_ms"] if b["median_ms"] else float("nan")
            verdict = "ok" if row["p95_ms"] <= goal_ms else "MISSED"
            if row["name"] == "assess command":
                verdict += " (command)"
            print(
                f"  {row['name']:<16}{row['median_ms']:>11.1f}{row['p95_ms']:>10.1f}{row['min_ms']:>9.1f}"
                f"{row['max_ms']:>9.1f}{row['queries']:>9}{row['sql_ms']:>9.1f}{ratio:>12.1f}  {verdict}"
            )
        if args.show_queries:
            for row in r["results"]:
                print(f"  slowest queries of {row['name']} ({row['what']}):")
                for q in row["slowest"]:
                    sql = " ".join(q["sql"].split())
                    more = "…" if len(sql) > args.sql_width else ""
                    print(f"    {q['ms']:8.1f} ms {q['rows']:>7} rows  {sql[: args.sql_width]}{more}")
                    print(f"    {'':>22}params {q['params']}")
        if args.profile:
            for row in r["results"]:
                print(f"  Python profile of {row['name']}:")
                print(row["profile"])
    print()
    print(
        "queries: statements per call; SQL ms: those SELECTs re-run alone, rows fetched, summed; "
        "× baseline: page median / baseline median."
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql", help="comma-separated: sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per page")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20220804)
    parser.add_argument("--goal-ms", type=float, default=200.0)
    parser.add_argument(
        "--show-queries", type=int, default=0, metavar="N", help="print each page's N slowest queries"
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="print a cProfile of one call per page: the N functions by cumulative time",
    )
    parser.add_argument("--sql-width", type=int, default=200)
    parser.add_argument(
        "--sqlite-analyze",
        action="store_true",
        help="run ANALYZE on SQLite after the fill (PostgreSQL is always VACUUM ANALYZEd)",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        result = worker(args)
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        return 0
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown backends: {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="bench_cockpit_") as tmp:
        results = []
        for backend in backends:
            print(f"[{backend}] starting …", file=sys.stderr)
            (Path(tmp) / backend).mkdir()
            results.append(run_backend(backend, args, Path(tmp)))
        ok = report(results, args, args.goal_ms)
    return 0 if ok else 1  # a missed goal is a figure, not a failure; a crashed worker is


if __name__ == "__main__":
    sys.exit(main())
