"""One client address for the lockout and the audit trail, behind reverse proxies or not (issue 14: 23)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests.accounts.world import World, build_world
from tests.support import DEMO_PASSWORD
from zhaoshang.core.clientip import client_ip

A = "500106"


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "remote", "expected"),
    [
        (0, "203.0.113.7", "127.0.0.1", "127.0.0.1"),  # no proxy configured: the header is the client's claim
        (1, "203.0.113.7", "127.0.0.1", "203.0.113.7"),  # nginx appended the address it saw
        (1, "6.6.6.6, 203.0.113.7", "127.0.0.1", "203.0.113.7"),  # the client's own claim is ignored
        (2, "203.0.113.7, 10.0.0.2", "127.0.0.1", "203.0.113.7"),  # balancer → nginx → app
        (1, "10.20.30.40", "127.0.0.1", "10.20.30.40"),  # a bureau's intranet address
        (1, "", "10.0.0.9", "10.0.0.9"),  # reached without the proxy: REMOTE_ADDR
        (1, "not-an-address", "10.0.0.9", "10.0.0.9"),
    ],
)
def test_the_client_address(settings, proxies, forwarded_for, remote, expected):
    settings.PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    assert client_ip(request) == expected


@pytest.fixture
def world(db) -> World:
    return build_world()


def log_in(client, password: str, forwarded_for: str):
    return client.post(
        reverse("login"),
        {"username": "spb_officer", "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_behind_a_proxy_failed_logins_lock_out_only_the_address_they_came_from(client, settings):
    settings.PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong-password", "203.0.113.7")
    assert log_in(client, DEMO_PASSWORD, "203.0.113.7").status_code == 429
    client.logout()
    assert log_in(client, DEMO_PASSWORD, "198.51.100.20").status_code == 302


def test_behind_a_proxy_the_history_records_the_forwarded_client(client, world, settings):
    settings.PROXY_COUNT = 1
    project = world[A].project
    client.force_login(world[A].officer)
    response = client.patch(
        f"/api/projects/{project.pk}",
        '{"notes": "代理之后"}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {world.secrets['spb_officer']}"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7",
    )
    assert response.status_code == 200
    assert project.history.latest().history_ip == "203.0.113.7"
