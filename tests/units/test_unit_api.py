"""/api/units through HTTP with tokens: administrators list, create and edit; a unit user sees only their own
unit, writes nothing and is refused every other route of the API."""

from __future__ import annotations

import pytest

from tests.factories import RegionFactory, UserFactory
from tests.units.factories import UnitFactory, unit_user
from zhaoshang.accounts.models import Role
from zhaoshang.accounts.tokens import issue_token
from zhaoshang.units.models import ResponsibleUnit

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def _auth(user) -> dict[str, str]:
    _token, secret = issue_token(user=user, name="test")
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def district():
    return RegionFactory()


@pytest.fixture
def admin(district):
    return UserFactory(role=Role.DISTRICT_ADMIN, region=district)


def test_an_administrator_creates_lists_and_edits_a_unit(client, district, admin):
    headers = _auth(admin)
    body = {"region": district.code, "name": "区住建委", "short_name": "住建委", "kind": "housing"}
    created = client.post("/api/units", body, content_type="application/json", headers=headers)
    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["name"], data["kind"], data["kind_label"], data["members"]) == (
        "区住建委",
        "housing",
        "住建",
        [],
    )
    listed = client.get(f"/api/units?region={district.code}", headers=headers).json()
    assert [u["name"] for u in listed["items"]] == ["区住建委"] and listed["total"] == 1
    patched = client.patch(
        f"/api/units/{data['id']}", {"is_active": False}, content_type="application/json", headers=headers
    )
    assert patched.status_code == 200 and patched.json()["is_active"] is False
    assert ResponsibleUnit.objects.get(region=district).is_active is False


def test_a_duplicate_name_is_a_422_with_the_rules_words(client, district, admin):
    UnitFactory(region=district, name="区税务局")
    body = {"region": district.code, "name": "区税务局"}
    response = client.post("/api/units", body, content_type="application/json", headers=_auth(admin))
    error = response.json()["error"]
    assert response.status_code == 422 and error["details"]["name"] == ["本区划已有同名的责任单位。"]


def test_creating_in_another_district_is_refused(client, admin):
    other = RegionFactory()
    body = {"region": other.code, "name": "区发改委"}
    response = client.post("/api/units", body, content_type="application/json", headers=_auth(admin))
    assert response.status_code == 403 and not ResponsibleUnit.objects.filter(region=other).exists()


def test_a_unit_user_sees_their_own_unit_only_and_writes_nothing(client, district):
    own, sibling = (
        UnitFactory(region=district, name="区发改委"),
        UnitFactory(region=district, name="区经信委"),
    )
    headers = _auth(unit_user(own, "fgw1", is_head=True))
    listed = client.get("/api/units", headers=headers).json()
    assert [u["name"] for u in listed["items"]] == ["区发改委"]
    detail = client.get(f"/api/units/{own.pk}", headers=headers).json()
    assert detail["members"] == [
        {"id": detail["members"][0]["id"], "username": "fgw1", "name": "", "is_head": True}
    ]
    assert client.get(f"/api/units/{sibling.pk}", headers=headers).status_code == 404
    patch = client.patch(
        f"/api/units/{own.pk}", {"name": "改"}, content_type="application/json", headers=headers
    )
    assert patch.status_code == 403 and ResponsibleUnit.objects.get(pk=own.pk).name == "区发改委"


@pytest.mark.parametrize("path", ["/api/projects", "/api/leads", "/api/targets", "/api/regions", "/api/jobs"])
def test_a_unit_user_is_refused_every_other_route(client, district, path):
    headers = _auth(unit_user(UnitFactory(region=district), "fgw1"))
    response = client.get(path, headers=headers)
    assert response.status_code == 403 and "责任单位账号" in response.json()["error"]["message"]


def test_the_unit_router_is_in_the_openapi_schema_with_its_enum(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/units", "/api/units/{unit_id}"} <= set(schema["paths"])
    kinds = schema["components"]["schemas"]["UnitKind"]["enum"]
    assert "subdistrict" in kinds and "park" in kinds
