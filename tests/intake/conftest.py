"""Intake fixtures: the seed article (the scraped page holding the article twice) and its variants."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "hualong-2022-08-04-shapingba.txt"
SEED_HTML = DATA / "intake" / "hualong-2022-08-04-shapingba.html"
REPUBLISHED = DATA / "intake" / "shapingba-republished.txt"  # the article once, other page furniture


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def upload(admin_client):
    """upload(name, data) posts a file to the intake page as admin; returns the response."""

    def post(name: str, data: bytes, client=None, **extra):
        file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        return (client or admin_client).post("/intake/new/", {"mode": "upload", "file": file, **extra})

    return post


@pytest.fixture
def seed_document(upload, seed_bytes):
    """The seed page taken in through the upload form."""
    from zhaoshang.intake.models import Document

    response = upload(SEED.name, seed_bytes)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Document.objects.get(original_name=SEED.name)
