"""Uploaded files kept between the steps of the import page (preview, mapping, confirm).

A file lives under MEDIA_ROOT/imports/ under a random token that only the session which uploaded it
knows, readable by the server's user only (0600). It is removed after a committed import and after a dry run
that found errors (the user uploads the corrected file anyway); a file left after a clean dry run is removed
an hour later, at the next upload or lookup of any session (issue 14, defect 20).
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings

SESSION_KEY = "import_uploads"
MAX_AGE = 3600  # seconds between a dry run and its confirmation
ALLOWED = (".xlsx", ".xls", ".ods", ".csv", ".txt", ".tsv")  # as reading.SUFFIXES


def _directory() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _prune(path)
    return path


def _prune(directory: Path) -> None:
    cutoff = time.time() - MAX_AGE
    for old in directory.iterdir():
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)


def stage(session: Any, kind: str, upload: Any) -> str:
    """Keep an upload for this session; returns its token."""
    directory = _directory()
    token = secrets.token_urlsafe(16)
    suffix = Path(upload.name).suffix.lower()
    path = directory / f"{token}{suffix}"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    except OSError:  # a full disk (a 503, core/unavailable.py) leaves no half-written file behind
        path.unlink(missing_ok=True)
        raise
    uploads = session.get(SESSION_KEY, {})
    uploads[token] = {"kind": kind, "name": upload.name, "suffix": suffix}
    session[SESSION_KEY] = uploads
    return token


def staged(session: Any, kind: str, token: str) -> tuple[Path, str] | None:
    """(path, original name) of a file this session staged for this kind, if it is still there."""
    entry = session.get(SESSION_KEY, {}).get(token)
    if not entry or entry["kind"] != kind:
        return None
    path = _directory() / f"{token}{entry['suffix']}"
    return (path, entry["name"]) if path.is_file() else None


def discard(session: Any, token: str) -> None:
    uploads = session.get(SESSION_KEY, {})
    entry = uploads.pop(token, None)
    session[SESSION_KEY] = uploads
    if entry:
        (_directory() / f"{token}{entry['suffix']}").unlink(missing_ok=True)
