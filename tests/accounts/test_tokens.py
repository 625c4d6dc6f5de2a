"""API tokens: the page to create and revoke one's own, and `zhaoshang token`."""

from __future__ import annotations

import re

import pytest
from django.core.management import CommandError
from django.urls import reverse

from tests.support import call
from zhaoshang.accounts.models import ApiToken
from zhaoshang.accounts.tokens import authenticate_token, digest

pytestmark = pytest.mark.django_db


def test_creating_a_token_shows_its_secret_once_and_stores_only_its_digest(client, world):
    officer = world["500106"].officer
    client.force_login(officer)
    html = client.post(reverse("accounts:tokens"), {"name": "月报脚本"}).content.decode()
    secret = re.search(r'data-testid="token-secret">([^<]+)<', html).group(1)
    token = ApiToken.objects.get(user=officer, name="月报脚本")
    assert token.digest == digest(secret) and secret not in token.digest
    assert not ApiToken.objects.filter(digest=secret).exists()
    assert secret not in client.get(reverse("accounts:tokens")).content.decode()
    assert authenticate_token(secret).user == officer


def test_revoking_a_token_stops_it(client, world):
    officer, token = world["500106"].officer, world["500106"].token
    client.force_login(officer)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_someone_elses_token(client, world):
    client.force_login(world["500106"].admin)
    token = world["500106"].token
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_command_prints_a_secret_that_authenticates_as_the_user(world):
    secret = call("token", "create", "--user", "admin", "--name", "部署").strip()
    assert secret.startswith("zs_") and authenticate_token(secret).user.username == "admin"
    listing = call("token", "list", "--user", "admin")
    assert "部署" in listing and secret not in listing


def test_the_command_refuses_an_unknown_user():
    with pytest.raises(CommandError, match="找不到用户"):
        call("token", "create", "--user", "nobody-here")
