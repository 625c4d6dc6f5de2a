"""等保 basics through the pages and commands: password complexity and change, the forced change of an account
an administrator created, session idle timeout and absolute lifetime, expiring API tokens, the log-in log,
the production bootstrap of the first administrator and the deploy check against the demo (issue 14)."""

from __future__ import annotations

import time
from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from tests.support import DEMO_PASSWORD, call
from tests.workbook_layout import assert_bureau_layout, header, records
from zhaoshang.accounts.middleware import LOGGED_IN_AT, SEEN_AT
from zhaoshang.accounts.models import ApiToken, Role, User
from zhaoshang.accounts.tokens import TokenError, authenticate_token, issue_token

pytestmark = pytest.mark.django_db
STRONG = "Zhaoshang-2026-strong"
A, B = "500106", "500107"


# --- passwords -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("weak", ["short1A!", "abcdefghijkl", "abcdefgh1234", "ABCDEFGH-xyz"[:9]])
def test_a_password_needs_length_and_three_kinds_of_characters(weak):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password(weak)
    assert any("至少" in message for message in refused.value.messages)


def test_a_long_password_of_three_kinds_passes():
    validate_password(STRONG)


def sign_in(client, username: str, password: str) -> None:
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, "log-in refused"


def change_password(client, old: str, new: str):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def user_with_password(username: str, password: str, **extra) -> User:
    user = User.objects.create(username=username, role=Role.OFFICER, **extra)
    user.set_password(password)
    user.save()
    return user


def test_a_user_changes_their_password_and_logs_in_with_the_new_one(client):
    user_with_password("pw_user", STRONG)
    sign_in(client, "pw_user", STRONG)
    assert change_password(client, STRONG, "Another-2026-pass").status_code == 302
    client.logout()
    assert client.post(reverse("login"), {"username": "pw_user", "password": STRONG}).status_code == 200
    sign_in(client, "pw_user", "Another-2026-pass")


def test_a_weak_new_password_is_refused_in_chinese(client):
    user_with_password("pw_user", STRONG)
    sign_in(client, "pw_user", STRONG)
    response = change_password(client, STRONG, "abcdefghijkl")
    assert response.status_code == 200 and "至少 3 类" in response.content.decode()


def test_an_account_an_administrator_created_must_change_its_password_first(client):
    user_with_password("new_officer", STRONG, must_change_password=True)
    sign_in(client, "new_officer", STRONG)
    response = client.get(reverse("projects:list"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_change")
    assert client.get(reverse("accounts:password_change")).status_code == 200
    assert change_password(client, STRONG, "Chosen-by-me-2026").status_code == 302
    assert not User.objects.get(username="new_officer").must_change_password
    assert client.get(reverse("projects:list")).status_code == 200


def test_the_admin_marks_the_accounts_it_creates(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/accounts/user/add/",
        {"username": "from_admin", "password1": STRONG, "password2": STRONG, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="from_admin").must_change_password


# --- sessions ------------------------------------------------------------------------------------------


def aged_session(client, user: User, *, logged_in_ago: int, seen_ago: int):
    client.force_login(user)
    session = client.session
    now = int(time.time())
    session[LOGGED_IN_AT], session[SEEN_AT] = now - logged_in_ago, now - seen_ago
    session.save()


def test_a_session_idle_for_longer_than_the_timeout_ends(client, settings):
    officer = User.objects.get(username="spb_officer")
    aged_session(client, officer, logged_in_ago=3600, seen_ago=settings.SESSION_IDLE_MINUTES * 60 + 1)
    response = client.get(reverse("projects:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert f"您已 {settings.SESSION_IDLE_MINUTES} 分钟未操作" in page


def test_a_session_in_use_stays_and_its_clock_moves(client, settings):
    officer = User.objects.get(username="spb_officer")
    aged_session(client, officer, logged_in_ago=3600, seen_ago=settings.SESSION_IDLE_MINUTES * 60 - 5)
    assert client.get(reverse("projects:list")).status_code == 200
    assert int(time.time()) - client.session[SEEN_AT] < 5


def test_a_session_ends_after_its_absolute_lifetime_even_in_use(client, settings):
    officer = User.objects.get(username="spb_officer")
    aged_session(client, officer, logged_in_ago=settings.SESSION_ABSOLUTE_HOURS * 3600 + 1, seen_ago=10)
    response = client.get(reverse("projects:list"))
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_the_session_cookie_lasts_no_longer_than_the_absolute_lifetime(settings):
    assert settings.SESSION_COOKIE_AGE <= settings.SESSION_ABSOLUTE_HOURS * 3600
    assert settings.SESSION_IDLE_MINUTES == 30  # the default a bureau's IT expects


# --- tokens --------------------------------------------------------------------------------------------


def test_an_expired_token_is_refused_by_the_api(client):
    officer = User.objects.get(username="spb_officer")
    token, secret = issue_token(user=officer, name="到期测试", days=1)
    assert token.expires_at - timezone.now() <= timedelta(days=1)
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/projects", headers=headers).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert authenticate_token(secret) is None
    assert client.get("/api/projects", headers=headers).status_code == 401


def test_a_token_lifetime_is_bounded(settings):
    officer = User.objects.get(username="spb_officer")
    with pytest.raises(TokenError, match="有效期"):
        issue_token(user=officer, name="太长", days=settings.API_TOKEN_MAX_DAYS + 1)
    with pytest.raises(CommandError, match="有效期"):
        call("token", "create", "--user", "spb_officer", "--days", "0")


def test_the_token_page_shows_when_each_token_expires(client):
    officer = User.objects.get(username="spb_officer")
    client.force_login(officer)
    client.post(reverse("accounts:tokens"), {"name": "七天令牌", "days": "7"})
    token = ApiToken.objects.get(user=officer, name="七天令牌")
    assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)
    html = client.get(reverse("accounts:tokens")).content.decode()
    assert "到期时间" in html and timezone.localtime(token.expires_at).strftime("%Y-%m-%d") in html


# --- log-in log ----------------------------------------------------------------------------------------


def log_in(client, username: str, password: str, ip: str):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_the_log_in_log_shows_an_administrator_their_districts_log_ins_and_failures(client, world):
    log_in(client, "spb_officer", DEMO_PASSWORD, "10.6.0.1")
    client.logout()
    log_in(client, "spb_officer", "wrong", "10.6.0.2")
    log_in(client, "jlp_officer", "wrong", "10.7.0.1")
    log_in(client, "nobody-at-all", "wrong", "10.8.0.1")
    client.force_login(world[A].admin)
    html = client.get(reverse("accounts:login_log")).content.decode()
    assert "10.6.0.1" in html and "10.6.0.2" in html and "登录失败" in html
    assert "10.7.0.1" not in html and "nobody-at-all" not in html

    client.force_login(world.users["admin"])
    assert "nobody-at-all" in client.get(reverse("accounts:login_log")).content.decode()


def test_the_log_in_log_exports_to_excel(client, world):
    log_in(client, "spb_officer", "wrong", "10.6.0.9")
    client.force_login(world[A].admin)
    response = client.get(reverse("accounts:login_log_xlsx"))
    sheet = load_workbook(BytesIO(response.content)).active
    assert_bureau_layout(sheet, title="登录日志")
    assert header(sheet)[:4] == ["时间", "用户名", "事件", "IP 地址"]
    assert ("spb_officer", "登录失败", "10.6.0.9") in [row[1:4] for row in records(sheet)]


@pytest.mark.parametrize("username", ["spb_officer", "spb_leader"])
def test_only_administrators_read_the_log_in_log(client, username):
    client.force_login(User.objects.get(username=username))
    assert client.get(reverse("accounts:login_log")).status_code == 403
    assert client.get(reverse("accounts:login_log_xlsx")).status_code == 403


# --- production ----------------------------------------------------------------------------------------


def test_the_deploy_check_fails_on_the_demo_and_its_password():
    with pytest.raises(SystemCheckError) as failed:
        call_command("check", deploy=True, fail_level="ERROR")
    assert "zhaoshang.demo.E001" in str(failed.value) and "zhaoshang.demo.E002" in str(failed.value)
    assert "spb_officer" in str(failed.value)


def test_createadmin_creates_the_first_administrator(monkeypatch):
    monkeypatch.setenv("ZHAOSHANG_ADMIN_PASSWORD", STRONG)
    output = call("createadmin", "--username", "it_admin", "--region", "500000", "--name", "信息科")
    user = User.objects.get(username="it_admin")
    assert user.is_superuser and user.role == Role.CITY_ADMIN and user.region.code == "500000"
    assert user.check_password(STRONG) and "已创建管理员" in output


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["--username", "it_admin2", "--region", "500000"], "abcdefghijkl", "密码不符合要求"),
        (["--username", "spb_officer", "--region", "500000"], STRONG, "已存在"),
        (["--username", "it_admin3", "--region", "999999"], STRONG, "找不到区划"),
    ],
)
def test_createadmin_refuses_in_chinese(monkeypatch, args, password, message):
    monkeypatch.setenv("ZHAOSHANG_ADMIN_PASSWORD", password)
    with pytest.raises(CommandError, match=message):
        call("createadmin", *args)
