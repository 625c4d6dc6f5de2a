"""The OpenAPI schema reads in Chinese: every tag has a Chinese name and a description, every operation a
Chinese summary (issue 14: documents and pages as bureaus expect them)."""

from __future__ import annotations

import re

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")
pytestmark = pytest.mark.django_db


def test_every_tag_is_chinese_and_described(client):
    schema = client.get("/api/openapi.json").json()
    declared = {tag["name"]: tag["description"] for tag in schema["tags"]}
    used = {tag for ops in schema["paths"].values() for op in ops.values() for tag in op.get("tags", [])}
    assert used and used <= set(declared), f"tags without a description: {used - set(declared)}"
    assert all(CJK.search(name) and CJK.search(text) for name, text in declared.items())


def test_every_operation_has_a_chinese_summary(client):
    schema = client.get("/api/openapi.json").json()
    missing = [
        op.get("operationId")
        for ops in schema["paths"].values()
        for op in ops.values()
        if not CJK.search(op.get("summary", ""))
    ]
    assert not missing
