"""Production hardening: deploy checks, secure cookies, CSP, log-in throttling, upload limits, log redaction."""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import string
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse

from tests.support import DEMO_PASSWORD
from zhaoshang.lib.redact import RedactFilter

ZHAOSHANG = str(Path(sys.executable).with_name("zhaoshang"))
TEMPLATE_ROOT = Path(settings.PACKAGE_DIR)
PAGES = [
    "/projects/",
    "/cockpit/?region=500106&period=2022H1",
    "/chains/nev/?region=500106",
    "/leads/",
    "/targeting/?region=500106&chain=nev",
    "/projects/new/",
]


def production_env(tmp_path: Path) -> dict[str, str]:
    key = "".join(secrets.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(50))
    inherited = {
        k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }  # set by the browser tests
    return {
        **inherited,
        "ZHAOSHANG_PRODUCTION": "1",
        "SECRET_KEY": key,
        "ALLOWED_HOSTS": "example.gov.cn",
        "DEBUG": "false",
        "ZHAOSHANG_VAR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "zhaoshang.settings",
    }


def test_the_deploy_check_is_clean_with_production_settings(tmp_path):
    result = subprocess.run(
        [ZHAOSHANG, "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_cookies_are_https_only_and_hsts_is_on(tmp_path):
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({k: getattr(s, k)"
        " for k in ['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS',"
        " 'SESSION_COOKIE_HTTPONLY', 'SECURE_CONTENT_TYPE_NOSNIFF', 'X_FRAME_OPTIONS']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=production_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    values = json.loads(result.stdout)
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000 and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] and values["X_FRAME_OPTIONS"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_page_carries_a_csp_that_allows_no_inline_script(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'" and directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    html = response.content.decode()
    inline = [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if "src=" not in tag and "application/json" not in tag
    ]
    assert not inline
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html)


@pytest.mark.django_db
def test_the_login_page_carries_the_csp_too(client):
    assert "script-src 'self'" in client.get(reverse("login"))["Content-Security-Policy"]


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for template in TEMPLATE_ROOT.rglob("templates/**/*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(f"{template.relative_to(TEMPLATE_ROOT)}: {tag}")
        offenders += [
            f"{template.relative_to(TEMPLATE_ROOT)}: {m}"
            for m in re.findall(r"\son[a-z]+\s*=\s*\"[^\"]*\"", text)
        ]
    assert not offenders


def test_every_post_form_in_a_template_carries_a_csrf_token():
    missing = []
    for template in TEMPLATE_ROOT.rglob("templates/**/*.html"):
        for form in re.findall(r"<form\b[^>]*>.*?</form>", template.read_text(), flags=re.S | re.I):
            if re.search(r"method=[\"']?post", form, flags=re.I) and "csrf_token" not in form:
                missing.append(f"{template.relative_to(TEMPLATE_ROOT)}: {form[:80]}")
    assert not missing


def _log_in(client, password: str, username: str = "spb_officer", address: str = "127.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_failed_logins_lock_the_account_with_a_chinese_message_even_for_the_right_password(client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _log_in(client, "wrong-password").status_code == 200  # the form again, with its error
    locked = _log_in(client, "wrong-password")
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode() and "分钟后再试" in locked.content.decode()

    refused = _log_in(client, DEMO_PASSWORD)
    assert refused.status_code == 429 and "_auth_user_id" not in client.session

    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    after_cool_off = _log_in(client, DEMO_PASSWORD)
    assert after_cool_off.status_code == 302 and "_auth_user_id" in client.session


@pytest.mark.django_db
def test_the_lockout_is_for_that_user_from_that_address(client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, "wrong-password")
    assert _log_in(client, DEMO_PASSWORD, username="spb_admin").status_code == 302
    assert _log_in(client, DEMO_PASSWORD, address="10.1.2.3").status_code == 302


def test_weak_passwords_are_refused_in_chinese():
    with pytest.raises(ValidationError) as info:
        validate_password("12345678")
    assert any("密码" in message for message in info.value.messages)


@pytest.mark.django_db
def test_an_upload_over_the_limit_is_refused_with_413_before_any_view_runs(admin_client, settings):
    settings.MAX_UPLOAD_SIZE = 4096
    upload = SimpleUploadedFile("targets.xlsx", b"x" * 8192)
    response = admin_client.post("/cockpit/targets/import/", {"file": upload})
    assert response.status_code == 413
    assert "上传内容过大" in response.content.decode()


def test_request_bodies_and_in_memory_uploads_are_bounded():
    assert settings.MAX_UPLOAD_SIZE <= 50 * 2**20
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 2**20
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 10 * 2**20


def test_the_console_log_handler_masks_secrets_and_personal_data():
    handlers = [
        h for h in logging.getLogger().handlers if any(isinstance(f, RedactFilter) for f in h.filters)
    ]
    assert handlers, "the console handler has no RedactFilter"
    record = logging.LogRecord(
        "zhaoshang",
        logging.WARNING,
        __file__,
        1,
        "login %s password=%s phone %s id %s",
        ("spb_officer", "hunter2-secret", "13812345678", "11010519491231002X"),
        None,
    )
    try:
        raise ValueError("connect to postgres://app:db-secret@db/zhaoshang failed, token=abc123456789")
    except ValueError:
        record.exc_info = sys.exc_info()
    assert handlers[0].filter(record)
    written = handlers[0].format(record)
    for secret in ("hunter2-secret", "13812345678", "11010519491231002X", "db-secret", "abc123456789"):
        assert secret not in written
    assert "spb_officer" in written and "ValueError" in written
