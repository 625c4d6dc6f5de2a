"""Running the worker inside a test."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command


def work(monkeypatch: Any) -> None:
    """`zhaoshang worker --burst` in the test's process. The database worker closes stale connections between
    tasks; on PostgreSQL that would close the test's own (inside its transaction), so that housekeeping is
    left out here (tests/jobs/test_worker_process.py runs the worker as it is)."""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    call_command("worker", "--burst", verbosity=0)
