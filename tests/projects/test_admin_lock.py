"""The Django admin does not bypass the period lock (issue 14, defect 14): changing a reported period's
project there needs a 更正理由, refused in Chinese without one (not a 500), recorded as an amendment with it."""

from __future__ import annotations

from datetime import date

import pytest

from zhaoshang.lib.periods import parse_period
from zhaoshang.projects.models import Project
from zhaoshang.regions.models import Region
from zhaoshang.targets.models import Amendment
from zhaoshang.targets.reporting import report_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(admin_user):
    return report_period(
        region=Region.objects.get(code="500106"), period=parse_period("2022H1"), user=admin_user
    )


@pytest.fixture
def project() -> Project:
    return Project.objects.filter(
        region__code="500106", signed_on__range=("2022-01-01", "2022-06-30"), is_confidential=False
    ).first()


def _value(value):
    if isinstance(value, list):
        return [getattr(v, "pk", v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "pk", value)


def change_data(response) -> dict:
    """What the admin's change page would post back unchanged: the form's values and the inlines'."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else _value(value)
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data |= {f"{management.prefix}-{k}": v for k, v in management.initial.items()}
        for inline in formset.formset.forms:
            data |= {f"{inline.prefix}-{k}": _value(v) for k, v in inline.initial.items() if v is not None}
            data[f"{inline.prefix}-id"] = inline.instance.pk
    return data


def test_a_change_to_a_reported_period_in_the_admin_needs_a_reason(admin_client, admin_user, report, project):
    url = f"/admin/projects/project/{project.pk}/change/"
    data = change_data(admin_client.get(url))
    data["contract_investment"] = project.contract_investment + 100_000_000
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert (
        "该修改会改变已报送期间（沙坪坝区2022H1）的数字：请填写更正理由后再保存。"
        in response.content.decode()
    )
    assert Project.objects.get(pk=project.pk).contract_investment == project.contract_investment
    assert not Amendment.objects.exists()

    data["amendment_reason"] = "管理后台核实更正"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Project.objects.get(pk=project.pk).contract_investment == project.contract_investment + 100_000_000
    amendment = Amendment.objects.get(report=report)
    assert amendment.project_id == project.pk and amendment.reason == "管理后台核实更正"
    assert amendment.user == admin_user


def test_other_changes_in_the_admin_need_no_reason(admin_client, report, project):
    url = f"/admin/projects/project/{project.pk}/change/"
    data = change_data(admin_client.get(url)) | {"notes": "后台补充备注"}
    assert admin_client.post(url, data).status_code == 302
    assert Project.objects.get(pk=project.pk).notes == "后台补充备注" and not Amendment.objects.exists()
