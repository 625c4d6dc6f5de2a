"""Shared fixtures: the demo database (loaded once per session), users, and a Chromium page.

A test module marked `factories` builds what it reads with tests/factories.py and never reads the demo:
when every test of a session that uses the database is such a test, the demo is not loaded at all.
"""

from __future__ import annotations

import os

import pytest

from tests.support import CHROMIUM_ARGS, DEMO_PASSWORD, ensure_demo


def needs_demo(items) -> bool:
    """Does any of these tests use the database without being marked `factories`?"""
    return any(
        item.get_closest_marker("factories") is None
        and (
            item.get_closest_marker("django_db") is not None
            or "django_db_setup" in getattr(item, "fixturenames", ())
        )
        for item in items
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database starts with the reference data and the demo (tests read real figures), unless
    the session runs only `factories` tests."""
    if needs_demo(request.session.items):
        with django_db_blocker.unblock():
            ensure_demo()


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.get(username="admin")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def demo_password() -> str:
    return DEMO_PASSWORD


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the same tests are safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, transactional_db, request):
    """A Chromium page on the live server, with the demo loaded; console errors fail the test."""
    ensure_demo()
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1400, "height": 900}
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"console errors: {errors}"
