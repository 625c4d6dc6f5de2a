"""Faults lose nothing that was confirmed: (a) the database connection dropped in the middle of an import,
(b) the app server killed with SIGKILL while a project is being created."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection

from tests.records.imports_support import PROJECT_HEADERS, make_uscc, workbook
from tests.records.scratch import REPO, ZHAOSHANG, app_env, run, scratch_database
from zhaoshang.industries.services import load_industry_codes
from zhaoshang.records.fingerprints import as_json, fingerprints
from zhaoshang.regions.services import load_divisions

pytestmark = pytest.mark.slow
PASSWORD = "fault-test-密码-2022"


# ── (a) the connection dropped mid-import ────────────────────────────────────────────────────────────────


@contextmanager
def connection_dropped_at_insert_into(table: str) -> Iterator[list[str]]:
    """Drop the database connection when the import first inserts into `table`: on PostgreSQL the server
    terminates the backend (pg_terminate_backend from a second connection); on SQLite, where no server can,
    the driver fails the statement as it would on a lost file handle. Yields the tables written before."""
    written: list[str] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: dict) -> Any:
        if sql.lstrip().upper().startswith("INSERT INTO"):
            target = sql.split()[2].strip('"')
            if target == table:
                if connection.vendor == "postgresql":
                    _terminate(connection.connection.info.backend_pid)
                else:
                    raise OperationalError("disk I/O error (simulated loss of the database connection)")
            written.append(target)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield written
    connection.close()  # a terminated backend leaves a dead connection: the next query opens a new one


def _terminate(pid: int) -> None:
    import psycopg

    settings_dict = connection.settings_dict
    with psycopg.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict["USER"],
        host=settings_dict["HOST"],
        port=settings_dict["PORT"] or 5432,
        password=settings_dict["PASSWORD"] or None,
        autocommit=True,
    ) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()[0]


def project_rows(count: int) -> list[list[Any]]:
    return [
        [
            f"断连测试项目{n:03d}",
            "东城区",
            f"断连测试企业{n:03d}有限公司",
            make_uscc(500 + n),
            "3670",
            "否",
            f"{n + 1}亿",
            "签约",
            "2022-05-10",
        ]
        for n in range(count)
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("table", "written_before"),
    [
        ("projects_project", {"enterprises_enterprise", "enterprises_historicalenterprise"}),
        ("projects_stageevent", {"enterprises_enterprise", "projects_project", "projects_historicalproject"}),
    ],
)
def test_an_import_whose_connection_drops_midway_writes_nothing_and_confirms_nothing(
    tmp_path, capsys, table, written_before
):
    load_divisions()
    load_industry_codes()
    path = tmp_path / "项目台账.xlsx"
    path.write_bytes(workbook(PROJECT_HEADERS, project_rows(120)).getvalue())
    before = as_json(fingerprints())

    with connection_dropped_at_insert_into(table) as written, pytest.raises(CommandError) as failure:
        call_command("import", "projects", str(path))

    assert written_before <= set(written), "the connection dropped before the import wrote anything"
    output = capsys.readouterr()
    assert "写入数据库失败" in str(failure.value) + output.err and "已导入" not in output.out
    assert as_json(fingerprints()) == before  # every table exactly as before: nothing half-written


# ── (b) the server killed mid-request ────────────────────────────────────────────────────────────────────

SETUP = f"""
import django
django.setup()
from zhaoshang.accounts.models import Role, User
from zhaoshang.industries.services import load_industry_codes
from zhaoshang.regions.models import Region
from zhaoshang.regions.services import load_divisions
load_divisions()
load_industry_codes()
user = User.objects.create_superuser("fault_admin", password={PASSWORD!r}, role=Role.CITY_ADMIN,
                                     region=Region.objects.get(code="500000"))
"""

INSPECT = """
import json, sys
import django
django.setup()
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.projects.models import Project, StageEvent
names = json.loads(sys.argv[1])
state = {}
for name in names:
    projects = Project.objects.filter(name=name)
    state[name] = {
        "projects": projects.count(),
        "events": StageEvent.objects.filter(project__name=name).count(),
        "history": int(Project.history.filter(name=name).exists()),
        "investors": Enterprise.objects.filter(name=name + "投资有限公司").count(),
        "links": Project.investors.through.objects.filter(project__name=name).count(),
    }
state["_orphans"] = {
    "projects_without_event": Project.objects.filter(events__isnull=True).count(),
    "history_without_project": Project.history.exclude(id__in=Project.objects.values("pk")).count(),
    "investors_without_project": Enterprise.objects.filter(name__startswith="故障测试", projects__isnull=True).count(),
}
print(json.dumps(state, ensure_ascii=False))
"""
WHOLE = {"projects": 1, "events": 1, "history": 1, "investors": 1, "links": 1}
NONE = dict.fromkeys(WHOLE, 0)


class Browser:
    """A minimal HTTP client with cookies and Django's CSRF token; it never follows redirects."""

    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, SimpleCookie()

    def request(
        self, method: str, path: str, form: dict[str, Any] | None = None, timeout: float = 30
    ) -> tuple[int, dict[str, str], str]:
        conn = HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Cookie": "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies["csrftoken"].value}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        result = response.status, dict(response.getheaders()), response.read().decode()
        conn.close()
        return result

    def log_in(self) -> None:
        self.request("GET", "/login/")
        status, _headers, _body = self.request(
            "POST", "/login/", {"username": "fault_admin", "password": PASSWORD}
        )
        assert status == 302, "could not log in"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(env: dict[str, str]) -> Iterator[tuple[subprocess.Popen, int]]:
    """gunicorn on 127.0.0.1 in its own process group; killed with SIGKILL if still running at the end."""
    port = _free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "python:tests.records.fault_server",
            "-b",
            f"127.0.0.1:{port}",
            "zhaoshang.wsgi:application",
        ],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/login/")
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        yield process, port
    finally:
        kill(process)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the server and its worker: no shutdown handler, no rollback, no flush."""
    with suppress(ProcessLookupError):  # the whole group: the master and its worker
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def project_form(name: str) -> dict[str, str]:
    return {
        "name": name,
        "region": "",
        "project_type": "new",
        "origin": "domestic",
        "stage": "signed",
        "lead_on": "2022-03-01",
        "signed_on": "2022-04-01",
        "contract_investment": "2.5亿",
        "industry_code": "3670",
        "investor_names": f"{name}投资有限公司",
    }


def _post_in_background(browser: Browser, form: dict[str, str]) -> tuple[threading.Thread, list]:
    outcome: list = []

    def post() -> None:
        try:
            outcome.append(browser.request("POST", "/projects/new/", form, timeout=90)[0])
        except OSError as exc:  # reset, refused, closed without a response
            outcome.append(type(exc).__name__)

    thread = threading.Thread(target=post)
    thread.start()
    return thread, outcome


@pytest.mark.django_db
def test_a_server_killed_mid_request_loses_no_confirmed_project_and_leaves_no_half(tmp_path):
    with scratch_database(tmp_path, "faults") as database_url:
        env = app_env(database_url, tmp_path)
        assert run([ZHAOSHANG, "migrate", "--noinput", "-v0"], env).returncode == 0
        setup = run([sys.executable, "-c", SETUP], env)
        assert setup.returncode == 0, setup.stderr
        region = json.loads(
            run(
                [
                    sys.executable,
                    "-c",
                    "import django; django.setup(); from zhaoshang.regions.models"
                    " import Region; print(Region.objects.get(code='500106').pk)",
                ],
                env,
            ).stdout
        )
        confirmed: dict[str, str] = {}  # name → the project page it was redirected to
        unanswered: list[str] = []

        # 1. Killed at a known point: inside the transaction, project row written, stage event not yet.
        marker = tmp_path / "in-transaction"
        with server(env | {"FAULT_MARKER": str(marker)}) as (process, port):
            browser = Browser(port)
            browser.log_in()
            name = "故障测试-事务中被杀"
            thread, outcome = _post_in_background(browser, project_form(name) | {"region": region})
            deadline = time.monotonic() + 30
            while not marker.exists():
                assert time.monotonic() < deadline, "the request never reached its stage event"
                time.sleep(0.05)
            kill(process)
            thread.join(timeout=30)
            assert outcome and outcome[0] != 302
            unanswered.append(name)
            mid_transaction = name

        # 2. Killed at arbitrary moments while requests are confirmed one after another.
        for round_number, delay in enumerate((0.0, 0.02, 0.05, 0.1, 0.2)):
            with server(env) as (process, port):
                browser = Browser(port)
                browser.log_in()
                for n in range(3):
                    name = f"故障测试-{round_number}-{n}"
                    status, headers, _body = browser.request(
                        "POST", "/projects/new/", project_form(name) | {"region": region}
                    )
                    assert status == 302, f"{name}: {status}"
                    confirmed[name] = headers["Location"]
                name = f"故障测试-{round_number}-被杀"
                thread, outcome = _post_in_background(browser, project_form(name) | {"region": region})
                time.sleep(delay)
                kill(process)
                thread.join(timeout=30)
                if outcome and outcome[0] == 302:
                    confirmed[name] = ""
                else:
                    unanswered.append(name)

        # 3. After a restart every confirmed project is served, and the database holds no half of anything.
        with server(env) as (_process, port):
            browser = Browser(port)
            browser.log_in()
            for name, location in confirmed.items():
                if location:
                    status, _headers, body = browser.request("GET", location)
                    assert status == 200 and name in body, name
        inspected = run([sys.executable, "-c", INSPECT, json.dumps([*confirmed, *unanswered])], env)
        assert inspected.returncode == 0, inspected.stderr
        state = json.loads(inspected.stdout)

    assert state.pop("_orphans") == {
        "projects_without_event": 0,
        "history_without_project": 0,
        "investors_without_project": 0,
    }
    assert {name: state[name] for name in confirmed} == dict.fromkeys(confirmed, WHOLE)
    for name in unanswered:
        assert state[name] in (WHOLE, NONE), (name, state[name])
    assert state[mid_transaction] == NONE
    assert len(confirmed) >= 15
