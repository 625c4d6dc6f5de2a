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


def _undescribed(schema: dict) -> dict[str, list[str]]:
    """What a reader of the docs would find without a Chinese description, by kind."""
    properties = [
        f"{name}.{prop}"
        for name, component in schema["components"]["schemas"].items()
        for prop, spec in component.get("properties", {}).items()
        if not CJK.search(spec.get("description", ""))
    ]
    operations = []
    parameters = []
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            if not CJK.search(op.get("description", "")):
                operations.append(f"{method.upper()} {path}")
            parameters += [
                f"{method.upper()} {path} {p['in']}:{p['name']}"
                for p in op.get("parameters", [])
                if not CJK.search(p.get("description", ""))
            ]
    return {"properties": properties, "operations": operations, "parameters": parameters}


def test_every_schema_property_has_a_chinese_description(client):
    missing = _undescribed(client.get("/api/openapi.json").json())["properties"]
    assert not missing, f"{len(missing)} properties without a Chinese description: {missing}"


def test_every_operation_has_a_chinese_description(client):
    missing = _undescribed(client.get("/api/openapi.json").json())["operations"]
    assert not missing, f"{len(missing)} operations without a Chinese description: {missing}"


def test_every_parameter_has_a_chinese_description(client):
    missing = _undescribed(client.get("/api/openapi.json").json())["parameters"]
    assert not missing, f"{len(missing)} parameters without a Chinese description: {missing}"


def test_the_check_finds_an_undescribed_field():
    schema = {
        "components": {
            "schemas": {"X": {"properties": {"a": {"description": "编号"}, "b": {"type": "int"}}}}
        },
        "paths": {
            "/x": {"get": {"description": "An English text", "parameters": [{"in": "query", "name": "q"}]}}
        },
    }
    assert _undescribed(schema) == {
        "properties": ["X.b"],
        "operations": ["GET /x"],
        "parameters": ["GET /x query:q"],
    }
