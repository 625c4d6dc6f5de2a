"""A copy of the test database as the demo left it, to put back after a transactional test flushed it.

Loading the demo takes about ten seconds; every browser test and every other transactional test flushes the
database when it ends, so the next one used to load it again. The first load is copied (per test process:
each xdist worker has its own database) and later loads restore the copy in well under a second:
- SQLite (an in-memory test database): the sqlite3 backup API, whole database to whole database;
- PostgreSQL: every model table's rows with COPY, put back with TRUNCATE and COPY (foreign keys are not
  checked while the rows go in: they were consistent when copied), then the sequences are reset.
"""

from __future__ import annotations

import sqlite3

from django.core.management.color import no_style
from django.db import connection, transaction

_sqlite: sqlite3.Connection | None = None
_tables: dict[str, bytes] | None = None


def take() -> None:
    """Copy the database as it is now (the demo just loaded)."""
    global _sqlite, _tables
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        _sqlite = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(_sqlite)
    elif connection.vendor == "postgresql":
        _tables = {}
        with connection.cursor() as cursor:
            for table in _table_names():
                with cursor.copy(f"COPY {connection.ops.quote_name(table)} TO STDOUT") as copy:
                    _tables[table] = b"".join(bytes(block) for block in copy)


def restore() -> bool:
    """Put the copy back; False when there is none (the caller loads the demo and takes one)."""
    if _sqlite is not None:
        connection.ensure_connection()
        _sqlite.backup(connection.connection)
    elif _tables is not None:
        _restore_postgresql(_tables)
    else:
        return False
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()  # the flush re-created content types under new ids; the copy has the old
    return True


def _table_names() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _restore_postgresql(tables: dict[str, bytes]) -> None:
    from django.apps import apps

    quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # no FK triggers while the rows go in
        cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
        for table, data in tables.items():
            if data:
                with cursor.copy(f"COPY {connection.ops.quote_name(table)} FROM STDIN") as copy:
                    copy.write(data)
        for statement in connection.ops.sequence_reset_sql(
            no_style(), apps.get_models(include_auto_created=True)
        ):
            cursor.execute(statement)
