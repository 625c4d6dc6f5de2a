"""A scratch database beside the test database, for tests that run the app in another process
(restore, a server killed mid-request): a SQLite file, or a PostgreSQL database created and dropped here."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

REPO = Path(__file__).resolve().parents[2]
ZHAOSHANG = str(Path(sys.executable).with_name("zhaoshang"))


@contextmanager
def scratch_database(folder: Path, purpose: str) -> Iterator[str]:
    """A DATABASE_URL for a new, empty database, removed afterwards. On PostgreSQL it is named after the test
    database (test_<name> or TEST_DATABASE_NAME) and this process, so concurrent runs never collide."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{folder / f'{purpose}.sqlite3'}"
        return
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_{purpose}_{os.getpid()}"[:63]
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
        password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
        yield f"postgres://{settings_dict['USER']}{password}@{host}:{port}/{name}"
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def app_env(database_url: str, folder: Path, **extra: str) -> dict[str, str]:
    """The environment of a zhaoshang process on the scratch database, with its own var/ and media/."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "ZHAOSHANG_VAR": str(folder / "var"),
        "MEDIA_ROOT": str(folder / "media"),
        "DJANGO_SETTINGS_MODULE": "zhaoshang.settings",
        "DEBUG": "false",
        **extra,
    }


def run(args: list[str], env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, cwd=REPO)
