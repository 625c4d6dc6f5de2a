"""What reaches the logs: every handler redacts, the development server's request log included, and a huge
request is logged bounded (issue 14, defects 4 and 21)."""

from __future__ import annotations

import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from zhaoshang.lib.redact import MAX_LOGGED_CHARS, RedactFilter

ZHAOSHANG = str(Path(sys.executable).with_name("zhaoshang"))


@contextmanager
def console_log():
    """What the project's redacting console handler writes while the block runs."""
    (handler,) = [
        h for h in logging.getLogger().handlers if any(isinstance(f, RedactFilter) for f in h.filters)
    ]
    stream = io.StringIO()
    # Swapped without setStream, which flushes the old stream: under xdist that may be a capture file an
    # earlier test of the same worker has closed.
    previous, handler.stream = handler.stream, stream
    try:
        yield stream
    finally:
        handler.stream = previous


@pytest.mark.django_db
def test_a_20_kb_path_with_a_secret_is_logged_bounded_and_redacted(client):
    path = "/no-such-page/" + "a" * 20_000 + "?token=s3cr3t-value&password=hunter2"
    with console_log() as log:
        assert client.get(path).status_code == 404
    written = log.getvalue()
    assert "Not Found" in written
    assert "s3cr3t-value" not in written and "hunter2" not in written
    assert len(written) < MAX_LOGGED_CHARS + 500


def test_the_django_server_logger_writes_only_through_a_redacting_handler():
    logger = logging.getLogger("django.server")
    ours = [h for h in logger.handlers if not type(h).__module__.startswith("_pytest")]  # pytest adds its own
    assert not logger.propagate and ours
    assert all(any(isinstance(f, RedactFilter) for f in h.filters) for h in ours)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_development_servers_request_log_masks_a_secret_in_the_url(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"ZHAOSHANG_VAR": str(tmp_path), "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1"}
    server = subprocess.Popen(
        [ZHAOSHANG, "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/healthz-missing/?token=s3cr3t-in-url&phone=13812345678"
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=5)
            except urllib.error.HTTPError:
                break  # the server answered (a 404), so it has logged the request
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("the development server did not start")
        time.sleep(0.5)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "GET /healthz-missing/" in output
    assert "s3cr3t-in-url" not in output and "13812345678" not in output
