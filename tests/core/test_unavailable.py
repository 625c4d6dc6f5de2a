"""Two writers at once, a busy database (issue 14 defect 11): SQLite transactions take the write lock when
they begin, so a second save waits for the first instead of failing on a stale read; one that waits longer
than the busy timeout, or meets a PostgreSQL lock timeout, is a Chinese 503 with Retry-After, never a 500.

SQLite is tested against a file copy of the demo database in a fresh interpreter with a short busy timeout,
while a second connection of this process holds BEGIN IMMEDIATE (a real lock, no patching)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from zhaoshang.projects.models import Project

pytestmark = pytest.mark.django_db

EDIT = """
import django, json, sqlite3, sys, threading, time
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from zhaoshang.accounts.models import User
from zhaoshang.projects.models import Project
setup_test_environment()
client = Client(raise_request_exception=False)
client.force_login(User.objects.get(username="admin"))
project = Project.objects.get(pk=PK)
url = f"/projects/{PK}/edit/"
form = client.get(url).context["form"]
data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
data |= {"version": project.version, "investor_names": "", "notes": "表单的修改"}
lock = sqlite3.connect(DB, check_same_thread=False, isolation_level=None)
lock.execute("BEGIN IMMEDIATE")
lock.execute("UPDATE projects_project SET notes = 'another writer' WHERE id = ?", [OTHER])
if RELEASE is not None:
    threading.Timer(RELEASE, lambda: lock.execute("COMMIT")).start()
page = client.post(url, data)
api = client.patch(f"/api/projects/{PK}", json.dumps({"notes": "接口的修改"}), content_type="application/json")
if RELEASE is None:
    lock.execute("ROLLBACK")
print(json.dumps({
    "page": [page.status_code, page.headers.get("Retry-After"), page.content.decode()],
    "api": [api.status_code, api.headers.get("Retry-After"), api.content.decode()],
    "notes": Project.objects.get(pk=PK).notes,
}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def demo_copy(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """A file copy of the test database with the demo, taken outside any test's transaction (which holds
    the write lock of the in-memory database)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write lock and file; PostgreSQL's lock timeout is tested below")
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
    return path


def _project() -> Project:
    return Project.objects.filter(region__code="500101", signed_on__year=2021).order_by("pk")[0]


def edit_while_locked(
    tmp_path: Path, demo_copy: Path, *, busy_timeout: float, release_after: float | None
) -> dict:
    """Copy the test database to a file, hold its write lock from a second connection and edit a project
    through the form and the API in a fresh interpreter; what each answered and the notes saved."""
    path = tmp_path / "copy.sqlite3"
    shutil.copyfile(demo_copy, path)
    project = _project()
    other = Project.objects.exclude(pk=project.pk).order_by("pk")[0]
    code = EDIT.replace("PK", str(project.pk)).replace("OTHER", str(other.pk))
    code = code.replace("DB", repr(str(path))).replace("RELEASE", repr(release_after))
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment |= {
        "DATABASE_URL": f"sqlite:///{path}",
        "SQLITE_BUSY_TIMEOUT": str(busy_timeout),
        "ZHAOSHANG_VAR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "zhaoshang.settings",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_save_that_cannot_get_the_lock_is_a_chinese_503_and_writes_nothing(tmp_path, demo_copy):
    seen = edit_while_locked(tmp_path, demo_copy, busy_timeout=0.2, release_after=None)
    status, retry, html = seen["page"]
    assert status == 503 and retry and "系统繁忙" in html and "请稍后重试" in html
    status, retry, body = seen["api"]
    error = json.loads(body)["error"]
    assert status == 503 and retry and error["code"] == "unavailable"
    assert error["details"] == {"reason": "busy"} and "请稍后重试" in error["message"]
    assert seen["notes"] not in ("表单的修改", "接口的修改")


def test_a_save_waits_for_another_writer_instead_of_failing(tmp_path, demo_copy):
    # The other writer commits while the request is between its read and its write: with deferred
    # transactions SQLite then refused the write at once ("database is locked", a 500).
    seen = edit_while_locked(tmp_path, demo_copy, busy_timeout=30, release_after=1.5)
    assert seen["page"][0] == 302, seen["page"][2][:2000]
    assert seen["api"][0] == 200, seen["api"][2][:2000]
    assert seen["notes"] == "接口的修改"


@pytest.mark.postgres
def test_a_postgresql_lock_timeout_is_a_chinese_503(client, admin_user):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's lock timeout (CI runs it)")
    import psycopg

    settings = connection.settings_dict
    project = _project()
    holder = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        password=settings["PASSWORD"] or None,
    )
    try:
        holder.execute("SELECT id FROM projects_project WHERE id = %s FOR UPDATE", [project.pk])
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '200ms'")  # until the test's transaction ends
        client.force_login(admin_user)
        client.raise_request_exception = False
        response = client.patch(
            f"/api/projects/{project.pk}", json.dumps({"notes": "等锁"}), content_type="application/json"
        )
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 503 and response.json()["error"]["details"] == {"reason": "busy"}
    page_url = reverse("projects:detail", args=[project.pk])
    assert client.get(page_url).status_code == 200


@pytest.fixture
def full_disk(settings, tmp_path, monkeypatch):
    """MEDIA_ROOT on a 64 KB tmpfs (a real full disk) where the test may mount one; else the staged file
    is opened on /dev/full, whose writes the kernel refuses with ENOSPC."""
    full = tmp_path / "full"
    full.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(full)]
    mounted = os.geteuid() == 0 and subprocess.run(mount, capture_output=True).returncode == 0
    settings.MEDIA_ROOT = full
    if not mounted:
        from zhaoshang.records.imports import staging

        real_open = os.open
        monkeypatch.setattr(staging.os, "open", lambda path, *a, **k: real_open("/dev/full", os.O_WRONLY))
    yield full
    if mounted:
        subprocess.run(["umount", str(full)], check=True)


def test_a_full_disk_on_an_upload_is_a_chinese_503_and_leaves_no_file(admin_client, full_disk, caplog):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = "".join(f"测试项目{i:05d},500106,2021-03-01,100亿元\n" for i in range(8000))
    upload = SimpleUploadedFile("台账.csv", ("项目名称,区划代码,签约日期,合同投资额\n" + rows).encode())
    admin_client.raise_request_exception = False
    response = admin_client.post(reverse("imports:projects"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 503 and "磁盘空间不足" in html and response["Retry-After"]
    assert not list((full_disk / "imports").glob("*")) if (full_disk / "imports").exists() else True
    assert any("disk_full" in r.getMessage() for r in caplog.records)


READ_ONLY = """
import django, json
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
login = client.post("/login/", {"username": "admin", "password": PASSWORD})
print(json.dumps([login.status_code, login.content.decode()], ensure_ascii=False))
"""


def test_a_read_only_database_at_start_up_answers_writes_with_a_chinese_503(tmp_path, demo_copy):
    from tests.support import DEMO_PASSWORD

    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copyfile(demo_copy, folder / "db.sqlite3")
    remount = ["mount", "-o", "remount,ro,bind", str(folder)]
    bound = (
        os.geteuid() == 0 and subprocess.run(["mount", "--bind", str(folder), str(folder)]).returncode == 0
    )
    if bound:
        subprocess.run(remount, check=True)
    else:  # an ordinary user cannot write a 0444 file in a 0555 folder
        (folder / "db.sqlite3").chmod(0o444)
        folder.chmod(0o555)
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment |= {
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "ZHAOSHANG_VAR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "zhaoshang.settings",
        "ALLOWED_HOSTS": "testserver",
    }
    try:
        result = subprocess.run(
            [sys.executable, "-c", READ_ONLY.replace("PASSWORD", repr(DEMO_PASSWORD))],
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        if bound:
            subprocess.run(["umount", str(folder)], check=True)
        folder.chmod(0o755)
    assert result.returncode == 0, result.stderr
    status, html = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 503 and "数据库只读" in html, html[:2000]
    assert "Traceback" not in result.stderr
