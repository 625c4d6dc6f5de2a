"""The production install (make install-prod) into a temporary ZHAOSHANG_HOME: no test tools and no demo in
it, `check --deploy` clean with its settings, gunicorn serving a page and a compressed, hashed static file
with a long cache lifetime (issue 15, item 5)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.deploy, pytest.mark.slow]
CHECKOUT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prod_env(home: Path) -> dict[str, str]:
    """The installed environment file, as systemd's EnvironmentFile= reads it, over a clean environment."""
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "LANG", "LC_ALL", "TMPDIR"}}
    for line in (home / "zhaoshang.env").read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("prod")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "ZHAOSHANG_"))}
    env |= {"ZHAOSHANG_HOME": str(home), "ZHAOSHANG_VAR": str(home / "data"), "PROD_HOSTS": "127.0.0.1"}
    result = subprocess.run(
        ["make", "-s", "install-prod"], cwd=CHECKOUT, env=env, capture_output=True, text=True, timeout=1500
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "已安装到" in result.stdout
    return home


def run(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(home / "bin" / "zhaoshang"), *args],
        env=prod_env(home),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_install_holds_no_test_tools_and_no_demo(installed):
    python = installed / "venv" / "bin" / "python"
    for module in ("pytest", "playwright", "mypy", "hypothesis"):
        probe = subprocess.run([str(python), "-c", f"import {module}"], capture_output=True)
        assert probe.returncode != 0, f"{module} is installed in production"
    counts = run(
        installed,
        "shell",
        "--no-imports",
        "-c",
        "from zhaoshang.core.models import SiteFlag; from zhaoshang.accounts.models import User;"
        "print(SiteFlag.is_set('demo_loaded'), User.objects.count())",
    )
    assert counts.stdout.splitlines()[-1].split() == ["False", "0"], counts.stdout + counts.stderr


def test_the_data_folder_holds_the_database_and_key_unreadable_to_others(installed):
    data = installed / "data"
    assert (data / "zhaoshang.sqlite3").stat().st_mode & 0o007 == 0
    assert (data / "secret_key").stat().st_mode & 0o777 == 0o600
    unit = (installed / "systemd" / "zhaoshang-web.service").read_text()
    assert f"EnvironmentFile={installed}/zhaoshang.env" in unit and "@" not in unit.replace("@.", "")


def test_the_deploy_check_is_clean_and_the_first_administrator_can_be_created(installed):
    check = run(installed, "check", "--deploy", "--fail-level", "WARNING")
    assert check.returncode == 0, check.stdout + check.stderr
    env = prod_env(installed) | {"ZHAOSHANG_ADMIN_PASSWORD": "Prod-Admin-2026!"}
    created = subprocess.run(
        [str(installed / "bin" / "zhaoshang"), "createadmin", "--username", "it", "--region", "500000"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert created.returncode == 0 and "已创建管理员" in created.stdout, created.stderr


def test_gunicorn_serves_a_page_and_hashed_compressed_static_files(installed):
    port = free_port()
    server = subprocess.Popen(
        [
            str(installed / "venv" / "bin" / "gunicorn"),
            "--config",
            str(installed / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        env=prod_env(installed),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    https = {"X-Forwarded-Proto": "https"}  # as nginx says it
    try:
        for _ in range(120):
            try:
                page = urllib.request.urlopen(
                    urllib.request.Request(f"{base}/login/", headers=https), timeout=10
                )
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("gunicorn did not answer")
        html = page.read().decode()
        assert page.status == 200 and "登录" in html
        css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', html)
        assert css, "the page does not link a hashed stylesheet"
        static = urllib.request.urlopen(
            urllib.request.Request(base + css[1], headers=https | {"Accept-Encoding": "gzip"}), timeout=10
        )
        assert static.headers["Content-Encoding"] == "gzip"
        assert (
            "immutable" in static.headers["Cache-Control"]
            and "max-age=315360000" in static.headers["Cache-Control"]
        )
        health = urllib.request.urlopen(urllib.request.Request(f"{base}/healthz", headers=https), timeout=10)
        assert health.status == 200
    finally:
        server.terminate()
        server.communicate(timeout=30)
