"""The files the server creates are not world-readable: the SQLite database (password hashes, token
digests), the generated secret key, uploads (issue 14, defect 20; 等保: sensitive files 0600/0640)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ZHAOSHANG = str(Path(sys.executable).with_name("zhaoshang"))


def test_a_fresh_database_and_secret_key_are_not_world_readable(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "ZHAOSHANG_UMASK"}}
    env |= {"ZHAOSHANG_VAR": str(tmp_path)}
    code = "from django.db import connection; connection.ensure_connection(); print(connection.vendor)"
    result = subprocess.run(
        [ZHAOSHANG, "shell", "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and "sqlite" in result.stdout, result.stderr
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    database = tmp_path / "zhaoshang.sqlite3"
    assert database.exists() and database.stat().st_mode & 0o007 == 0


def test_uploads_are_stored_without_world_permissions():
    assert settings.FILE_UPLOAD_PERMISSIONS & 0o007 == 0
    assert settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS & 0o007 == 0
