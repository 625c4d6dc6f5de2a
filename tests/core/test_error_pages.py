"""Error pages in Chinese (400, 403 with the reason the code gives, a CSRF failure, 404, 500 without a
traceback) and /healthz (issue 14: documents and pages as bureaus expect them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from zhaoshang.accounts.models import User

pytestmark = pytest.mark.django_db


def test_an_unknown_page_is_a_chinese_404(admin_client):
    response = admin_client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404 and "页面不存在（404）" in html and "返回首页" in html


def test_a_refusal_is_a_chinese_403_with_its_reason(client):
    client.force_login(User.objects.get(username="spb_officer"))
    response = client.get(reverse("accounts:login_log"))
    html = response.content.decode()
    assert response.status_code == 403 and "没有权限（403）" in html
    assert "只有管理员可以查看登录日志。" in html


def test_a_form_without_its_csrf_token_gets_a_chinese_page(db):
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403 and "页面已过期（403）" in response.content.decode()


def test_a_bad_host_is_a_chinese_400(client):
    response = client.get("/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400 and "请求有误（400）" in response.content.decode()


@pytest.mark.urls("tests.core.crash_urls")
def test_a_failure_is_a_chinese_500_without_internals(client):
    client.raise_request_exception = False
    response = client.get("/crash/")
    html = response.content.decode()
    assert response.status_code == 500 and "系统错误（500）" in html
    assert "RuntimeError" not in html and "hunter2" not in html and "Traceback" not in html


def test_healthz_answers_ok_without_logging_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def with_the_database_down(tmp_path, code: str, **env: str) -> str:
    """What `code` prints in a fresh interpreter whose database is a closed port (a real refusal)."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment |= {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nothing",
        "ZHAOSHANG_VAR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "zhaoshang.settings",
        **env,
    }
    script = f"import django, json; django.setup(); from django.test import Client; {code}"
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_healthz_is_503_when_the_database_is_unreachable(tmp_path):
    printed = with_the_database_down(
        tmp_path,
        "r = Client().get('/healthz'); print(json.dumps([r.status_code, r.json()]))",
        ALLOWED_HOSTS="testserver",
    )
    status, body = json.loads(printed)
    assert status == 503 and body == {"status": "error", "database": "unavailable"}


def test_an_error_page_renders_while_the_database_is_down(tmp_path):
    printed = with_the_database_down(
        tmp_path,
        "r = Client(HTTP_HOST='evil.example').get('/login/'); print(r.status_code, '请求有误' in r.content.decode())",
    )
    assert printed.split() == ["400", "True"]
