"""The real thing: a large import posted to the import page of a gunicorn server, queued, and run by a
`zhaoshang worker` process — on the database queue, and on Redis (RQ) at 127.0.0.1:6379. A worker killed
with SIGKILL mid-import leaves nothing written; the job page says so, and the next worker runs it again."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import suppress

import pytest
import requests

from tests.records.imports_support import PROJECT_HEADERS, make_uscc, workbook
from tests.records.scratch import REPO, ZHAOSHANG, app_env, run, scratch_database
from tests.records.test_faults import PASSWORD, SETUP, server

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
REDIS_URL = "redis://127.0.0.1:6379/13"  # a database of the machine's Redis that only this test uses

# The worker pauses inside the import's transaction, after its first project row, and says so in a file.
PAUSING_WORKER = """
import os, sys, time
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
from django.db.backends.signals import connection_created

def pause(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith('INSERT INTO "PROJECTS_PROJECT"'):
        Path(os.environ["PAUSE_MARKER"]).write_text(str(os.getpid()))
        time.sleep(120)  # the test kills the worker long before this ends
    return execute(sql, params, many, context)

def hook(sender, connection, **kwargs):
    if pause not in connection.execute_wrappers:
        connection.execute_wrappers.append(pause)

connection_created.connect(hook, weak=False)
call_command("worker", verbosity=0)
"""

COUNT = """
import sys, django
django.setup()
from zhaoshang.projects.models import Project
print(Project.objects.filter(name__startswith=sys.argv[1]).count())
"""


def rows(prefix: str, count: int) -> list[list[object]]:
    return [
        [
            f"{prefix}{n:03d}",
            "沙坪坝区",
            f"{prefix}企业{n:03d}有限公司",
            make_uscc(300 + n, "500106"),
            "3670",
            "否",
            "1亿",
            "签约",
            "2022-03-01",
        ]
        for n in range(count)
    ]


class Session:
    """A logged-in browser session against the server on 127.0.0.1."""

    def __init__(self, port: int) -> None:
        self.base, self.http = f"http://127.0.0.1:{port}", requests.Session()
        self.http.get(f"{self.base}/login/", timeout=30)
        response = self.post("/login/", {"username": "fault_admin", "password": PASSWORD})
        assert response.status_code == 302, "could not log in"

    def get(self, path: str) -> str:
        response = self.http.get(f"{self.base}{path}", timeout=30)
        assert response.status_code == 200, (path, response.status_code)
        return response.text

    def post(self, path: str, data: dict, files: dict | None = None) -> requests.Response:
        data = {**data, "csrfmiddlewaretoken": self.http.cookies["csrftoken"]}
        return self.http.post(f"{self.base}{path}", data=data, files=files, allow_redirects=False, timeout=60)

    def upload(self, content: bytes) -> requests.Response:
        self.get("/imports/projects/")
        return self.post("/imports/projects/", {}, {"file": ("项目台账.xlsx", content)})


@pytest.fixture(scope="module")
def app(tmp_path_factory, django_db_blocker) -> Iterator[dict[str, str]]:
    """A migrated scratch database with the reference data and a city administrator of Chongqing."""
    folder = tmp_path_factory.mktemp("jobs")
    with django_db_blocker.unblock(), scratch_database(folder, "jobs") as database_url:
        env = app_env(database_url, folder, ZHAOSHANG_IMPORT_JOB_ROWS="10")
        migrated = run([ZHAOSHANG, "migrate", "--noinput", "-v0"], env)
        assert migrated.returncode == 0, migrated.stderr
        setup = run([sys.executable, "-c", SETUP], env)
        assert setup.returncode == 0, setup.stderr
        yield env


def projects(env: dict[str, str], prefix: str) -> int:
    counted = run([sys.executable, "-c", COUNT, prefix], env)
    assert counted.returncode == 0, counted.stderr
    return int(counted.stdout)


def job_path(response: requests.Response) -> str:
    assert response.status_code == 302, response.text[:500]
    location = response.headers["Location"]
    assert re.fullmatch(r"/jobs/\d+/", location), location
    return location


def worker_burst(env: dict[str, str]) -> None:
    worked = run([ZHAOSHANG, "worker", "--burst"], env, timeout=300)
    assert worked.returncode == 0, worked.stdout + worked.stderr


def test_a_large_import_is_queued_from_the_page_and_run_by_a_worker_process(app):
    content = workbook(PROJECT_HEADERS, rows("进程导入项目", 40)).getvalue()
    with server(app) as (_process, port):
        browser = Session(port)
        job = job_path(browser.upload(content))
        assert "排队中" in browser.get(job) and projects(app, "进程导入项目") == 0
        worker_burst(app)
        page = browser.get(job)
        assert "已完成" in page and "已导入：新增 40 条" in page and "进程导入项目039" in page
        assert projects(app, "进程导入项目") == 40
        again = browser.upload(content)  # the same file once more: refused, nothing queued
        assert again.status_code == 200 and "不再重复导入" in again.text


def test_a_worker_killed_mid_import_writes_nothing_and_the_job_runs_again(app, tmp_path):
    content = workbook(PROJECT_HEADERS, rows("被杀进程项目", 30)).getvalue()
    marker = tmp_path / "paused"
    with server(app) as (_process, port):
        browser = Session(port)
        job = job_path(browser.upload(content))
        worker = subprocess.Popen(
            [sys.executable, "-c", PAUSING_WORKER],
            env=app | {"PAUSE_MARKER": str(marker)},
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 120
            while not marker.exists():
                assert worker.poll() is None and time.monotonic() < deadline, (
                    "the worker never reached the insert"
                )
                time.sleep(0.1)
            assert "运行中" in browser.get(job)
        finally:
            with suppress(ProcessLookupError):
                os.killpg(worker.pid, signal.SIGKILL)  # no shutdown handler, no rollback by the worker
            worker.wait(timeout=10)

        assert projects(app, "被杀进程项目") == 0  # the transaction died with the worker
        page = browser.get(job)
        assert "运行中" in page and "运行此任务的后台进程已停止" in page  # visibly interrupted

        worker_burst(app)  # the next worker finds the dead one's job, queues it again and runs it
        page = browser.get(job)
        assert "已导入：新增 30 条" in page and "已重新排队" in page
        assert projects(app, "被杀进程项目") == 30


def _redis_or_skip() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            raise  # CI has Redis (.ci/run starts it): its absence fails
        pytest.skip("no Redis at 127.0.0.1:6379")


def test_the_redis_queue_runs_a_large_import_through_rq(app):
    _redis_or_skip()
    env = app | {"ZHAOSHANG_TASKS": "redis", "ZHAOSHANG_REDIS_URL": REDIS_URL}
    content = workbook(PROJECT_HEADERS, rows("队列导入项目", 25)).getvalue()
    with server(env) as (_process, port):
        browser = Session(port)
        job = job_path(browser.upload(content))
        import redis

        queued = redis.Redis.from_url(REDIS_URL).llen("rq:queue:default")
        assert queued == 1 and projects(env, "队列导入项目") == 0  # the job is in Redis, not yet run
        worker_burst(env)
        page = browser.get(job)
        assert "已导入：新增 25 条" in page and projects(env, "队列导入项目") == 25
