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


# The database blocker of a session that loaded the demo (set by django_db_setup).
_demo_blocker = pytest.StashKey[object]()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database starts with the reference data and the demo (tests read real figures), unless
    the session runs only `factories` tests."""
    if needs_demo(request.session.items):
        request.config.stash[_demo_blocker] = django_db_blocker
        with django_db_blocker.unblock():
            ensure_demo()


def is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transaction = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    fixtures = getattr(item, "fixturenames", ())
    return bool(transaction) or "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test flushes the database when its fixtures are torn down: put the demo back at once,
    so that the next test, on whichever worker and in whatever order the files are dealt out, finds it."""
    yield
    blocker = item.config.stash.get(_demo_blocker, None)
    # After the session's last test the test database is gone (nextitem None): nothing to put back.
    if blocker is not None and nextitem is not None and is_transactional(item):
        with blocker.unblock():
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


# The role × URL table of the permission-matrix test (tests/accounts/url_matrix.py): each xdist worker sends
# its part to the controller, which prints the whole table once at the end.
def pytest_sessionfinish(session) -> None:
    if hasattr(session.config, "workeroutput"):
        from tests.accounts.url_matrix import TABLE

        session.config.workeroutput["url_matrix"] = TABLE


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    from tests.accounts.url_matrix import TABLE

    for row, cells in node.workeroutput.get("url_matrix", {}).items():
        TABLE.setdefault(row, {}).update(cells)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Print the user × URL → status table the permission-matrix test collected."""
    from tests.accounts.url_matrix import render_table

    if table := render_table():
        terminalreporter.write_sep("=", "permission matrix: user × request → status")
        terminalreporter.write_line(table)
