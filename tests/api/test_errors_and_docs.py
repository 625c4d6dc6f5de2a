"""One error body for every refusal, and the docs page served without a CDN."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.django_db

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("method", "url", "body", "status"),
    [
        ("get", "/api/projects?period=2022Q5", None, 400),
        ("get", "/api/projects", None, 401),
        ("post", "/api/projects", {"name": "x", "region": "500107"}, 403),
        ("get", "/api/projects/999999999", None, 404),
        ("get", "/api/projects?limit=0", None, 422),
        ("get", "/api/nothing-here", None, 404),
    ],
)
def test_every_refusal_has_the_same_chinese_error_body(client, bearer, method, url, body, status):
    headers = {} if status == 401 else bearer("spb_officer")
    response = getattr(client, method)(
        url, json.dumps(body) if body else None, content_type="application/json", headers=headers
    )
    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"} and CHINESE.search(error["message"])


def test_the_schema_is_served_and_documents_the_error_bodies(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/projects", "/api/metrics", "/api/enterprises", "/api/targets", "/api/regions"} <= set(
        schema["paths"]
    )
    responses = schema["paths"]["/api/projects"]["get"]["responses"]
    assert {"200", "400", "401", "403", "404", "422"} <= set(responses)
    assert responses["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    assert {"TokenAuth", "SessionAuth"} <= set(schema["components"]["securitySchemes"])


def test_the_docs_page_loads_nothing_from_another_host(client):
    html = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/static/") for a in assets)
    assert client.get(next(a for a in assets if a.endswith(".js"))).status_code == 200
