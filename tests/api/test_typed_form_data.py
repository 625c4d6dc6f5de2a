"""The API hands the ledger's form typed values (issue 10 item 3): a validated integer stays an integer,
never the text "320500000元" for the form to parse back; the saved figures are the ones sent."""

from __future__ import annotations

import json
from datetime import date

import pytest

from zhaoshang.api import project_forms

pytestmark = pytest.mark.django_db


def test_amounts_dates_and_flags_reach_the_form_with_their_types():
    data = project_forms.payload_data(
        {"contract_investment": 320_500_000, "signed_on": date(2022, 5, 10), "is_key": True}
    )
    assert data == {"contract_investment": 320_500_000, "signed_on": date(2022, 5, 10), "is_key": True}
    form_data = project_forms.as_query_dict(data)
    assert form_data["contract_investment"] == 320_500_000 and form_data["is_key"] is True


def test_a_patch_saves_the_integer_sent(client, world, bearer):
    project = world["500106"].project
    response = client.patch(
        f"/api/projects/{project.pk}",
        json.dumps({"contract_investment": 320_500_001, "foreign_capital_usd": 7, "is_key": False}),
        content_type="application/json",
        headers=bearer("spb_admin"),
    )
    assert response.status_code == 200, response.json()
    project.refresh_from_db()
    assert (project.contract_investment, project.foreign_capital_usd, project.is_key) == (
        320_500_001,
        7,
        False,
    )
