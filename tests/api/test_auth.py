"""Who may call the API: a valid token, or a logged-in session (with CSRF for writes)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from zhaoshang.accounts.models import ApiToken
from zhaoshang.accounts.tokens import issue_token, revoke_token

pytestmark = pytest.mark.django_db


def test_a_call_without_credentials_is_401_with_the_error_body(client):
    response = client.get("/api/projects")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    error = response.json()["error"]
    assert error["code"] == "unauthorized" and "令牌" in error["message"]


def test_a_token_authenticates_as_its_user_and_records_its_use(client, world, bearer):
    response = client.get("/api/regions", headers=bearer("spb_officer"))
    assert response.status_code == 200
    assert [r["code"] for r in response.json()["items"]] == ["500106"]
    token = ApiToken.objects.filter(user__username="spb_officer", name="matrix").get()
    assert token.last_used_at is not None


def test_the_secret_is_not_stored(world):
    token, secret = issue_token(user=world.users["admin"], name="x")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert all(secret not in str(value) for value in stored.values())
    assert len(token.digest) == 64 and token.prefix == secret[:10]


@pytest.mark.parametrize("header", ["Bearer zs_not-a-real-token", "Bearer ", "Bearer abc"])
def test_a_bad_token_is_refused(client, world, header):
    response = client.get("/api/projects", headers={"Authorization": header})
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"


def test_a_revoked_token_is_refused(client, world, bearer):
    token = ApiToken.objects.get(user__username="spb_admin", name="matrix")
    revoke_token(token=token)
    assert client.get("/api/projects", headers=bearer("spb_admin")).status_code == 401


def test_a_bad_token_does_not_fall_back_to_the_session(client, world):
    client.force_login(world.users["admin"])
    response = client.get("/api/projects", headers={"Authorization": "Bearer zs_wrong"})
    assert response.status_code == 401


def test_the_token_of_an_inactive_user_is_refused(client, world, bearer):
    user = world.users["spb_admin"]
    user.is_active = False
    user.save()
    assert client.get("/api/projects", headers=bearer("spb_admin")).status_code == 401


def test_a_logged_in_browser_reads_with_its_session(client, world):
    client.force_login(world["500106"].officer)
    assert client.get("/api/regions").json()["total"] == 1


def test_a_session_write_needs_the_csrf_token(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world["500106"].admin)
    project = world["500106"].project
    url = f"/api/projects/{project.pk}"
    body = json.dumps({"notes": "会话修改"})
    refused = browser.patch(url, body, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    browser.get("/accounts/tokens/")  # any page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.patch(url, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert accepted.status_code == 200 and accepted.json()["notes"] == "会话修改"


def test_a_token_write_needs_no_csrf_token(world, bearer):
    browser = Client(enforce_csrf_checks=True)
    project = world["500106"].project
    response = browser.patch(
        f"/api/projects/{project.pk}",
        json.dumps({"notes": "令牌修改"}),
        content_type="application/json",
        headers=bearer("spb_admin"),
    )
    assert response.status_code == 200
