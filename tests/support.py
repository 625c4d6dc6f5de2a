"""Helpers the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from io import StringIO

DEMO_PASSWORD = "zhaoshang-demo"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


def ensure_demo() -> None:
    """Load the demo unless it is there (a transactional test flushes the database): the first time by the
    loader, later from the copy tests/demo_snapshot.py took of that first load."""
    from tests import demo_snapshot
    from zhaoshang.core.models import SiteFlag
    from zhaoshang.demo.loader import load_demo

    if SiteFlag.is_set("demo_loaded") or demo_snapshot.restore():
        return
    load_demo(progress=lambda _msg: None)
    demo_snapshot.take()


def call(*args: str) -> str:
    """Run a management command and return what it printed."""
    from django.core.management import call_command

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def login(page, username: str = "admin", password: str = DEMO_PASSWORD) -> None:
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/projects/**")
