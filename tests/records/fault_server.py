"""Gunicorn configuration for the fault tests (`gunicorn -c python:tests.records.fault_server`).

With FAULT_MARKER set, the worker pauses inside the transaction that creates a project — after the project
row is written, just before its first stage event — and writes the marker file: the test then kills the
server at a known point of a request that has written part of its rows and committed none.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

workers = 1
timeout = 120
graceful_timeout = 1
accesslog = None


def _pause_before_the_stage_event(execute: Any, sql: str, params: Any, many: bool, context: dict) -> Any:
    if sql.lstrip().upper().startswith('INSERT INTO "PROJECTS_STAGEEVENT"'):
        Path(os.environ["FAULT_MARKER"]).write_text(str(os.getpid()))
        time.sleep(60)  # the test kills the server long before this ends
    return execute(sql, params, many, context)


def post_worker_init(worker: Any) -> None:
    if not os.environ.get("FAULT_MARKER"):
        return
    from django.db.backends.signals import connection_created

    def hook(sender: Any, connection: Any, **kwargs: Any) -> None:
        if _pause_before_the_stage_event not in connection.execute_wrappers:
            connection.execute_wrappers.append(_pause_before_the_stage_event)

    connection_created.connect(hook, weak=False)
