"""Uploaded files kept between the steps of the import page (preview, mapping, confirm).

A file lives under MEDIA_ROOT/imports/ under a random token that only the session which uploaded it
knows; it is removed after a committed import, and any file older than a day on the next upload.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings

SESSION_KEY = "import_uploads"
MAX_AGE = 24 * 3600
ALLOWED = (".xlsx", ".csv")


def _directory() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _prune(directory: Path) -> None:
    cutoff = time.time() - MAX_AGE
    for old in directory.iterdir():
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)


def stage(session: Any, kind: str, upload: Any) -> str:
    """Keep an upload for this session; returns its token."""
    directory = _directory()
    _prune(directory)
    token = secrets.token_urlsafe(16)
    suffix = Path(upload.name).suffix.lower()
    with (directory / f"{token}{suffix}").open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
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
