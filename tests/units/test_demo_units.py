"""The demo's units of 沙坪坝区 and its unit user spb_fgw (区发改委), who logs in with the demo password."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhaoshang.accounts.models import Role, User
from zhaoshang.units.membership import unit_of
from zhaoshang.units.models import ResponsibleUnit, UnitKind

pytestmark = pytest.mark.django_db


def test_shapingba_has_its_departments_streets_and_park_committee():
    units = ResponsibleUnit.objects.filter(region__code="500106")
    shorts = set(units.values_list("short_name", flat=True))
    assert {"区发改委", "区经信委", "区规划自然资源局", "区生态环境局", "区住建委", "区税务局"} <= shorts
    kinds = set(units.values_list("kind", flat=True))
    assert {UnitKind.SUBDISTRICT, UnitKind.PARK} <= kinds


def test_spb_fgw_is_the_head_of_the_development_commission_and_logs_in(client, demo_password):
    user = User.objects.get(username="spb_fgw")
    assert user.role == Role.UNIT and unit_of(user).short_name == "区发改委"
    assert user.unit_membership.is_head
    response = client.post(reverse("login"), {"username": "spb_fgw", "password": demo_password})
    assert response["Location"] == reverse("units:mine")
    assert "沙坪坝区发展和改革委员会" in client.get(reverse("units:mine")).content.decode()
