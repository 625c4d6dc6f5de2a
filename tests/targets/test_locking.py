"""Reported periods are locked: changes to their figures need an amendment with a reason."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from zhaoshang.lib.periods import parse_period
from zhaoshang.projects.models import Project
from zhaoshang.projects.services import change_stage, save_edit
from zhaoshang.records.locks import PeriodLocked
from zhaoshang.regions.models import Region
from zhaoshang.targets.models import Amendment
from zhaoshang.targets.reporting import AlreadyReported, compare, report_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(admin_user):
    return report_period(
        region=Region.objects.get(code="500106"), period=parse_period("2022H1"), user=admin_user
    )


def h1_project() -> Project:
    return Project.objects.filter(
        region__code="500106", signed_on__range=("2022-01-01", "2022-06-30"), stage="in_production"
    ).first()


def test_reporting_snapshots_the_registry_figures(report):
    assert report.figures["signed_projects"] == 50
    assert report.figures["manufacturing_contract_investment_yuan"] == 12_200_000_000
    with pytest.raises(AlreadyReported):
        report_period(region=report.region, period=parse_period("2022H1"))


def test_a_change_to_a_reported_period_is_refused_without_a_reason(report):
    project = h1_project()
    project.contract_investment += 1
    with pytest.raises(PeriodLocked, match="已报送期间"):
        save_edit(project=project, expected_version=project.version)
    assert Project.objects.get(pk=project.pk).contract_investment == project.contract_investment - 1


def test_an_amendment_with_a_reason_is_saved_recorded_and_shown_beside_the_reported_figure(
    report, admin_client, admin_user
):
    project = h1_project()
    project.contract_investment += 100_000_000
    save_edit(
        project=project,
        expected_version=project.version,
        amendment_reason="合同补充协议追加投资（演示）",
        user=admin_user,
    )
    amendment = Amendment.objects.get(report=report)
    assert amendment.project == project and amendment.changes["contract_investment"][1] == str(
        project.contract_investment
    )
    assert amendment.user == admin_user
    rows = {f.label: f for f in compare(report)}
    assert rows["合同投资额"].reported == 32_050_000_000 and rows["合同投资额"].current == 32_150_000_000
    html = admin_client.get(reverse("targets:reports")).content.decode()
    assert "合同补充协议追加投资" in html and "已更正" in html


def test_changes_outside_the_period_or_to_other_fields_pass(report):
    project = h1_project()
    project.notes = "备注不影响数字"
    save_edit(project=project, expected_version=project.version)
    later = Project.objects.filter(
        region__code="500106",
        signed_on__gte="2022-07-01",
        started_on__isnull=True,
        in_production_on__isnull=True,
    ).first()
    later.contract_investment += 1
    save_edit(project=later, expected_version=later.version)
    assert not Amendment.objects.exists()


def test_a_stage_change_dated_in_a_locked_period_needs_a_reason(report):
    project = Project.objects.filter(
        region__code="500106",
        stage="registered",
        registered_on__lte="2022-06-01",
        signed_on__gte="2022-01-01",
    ).first()
    assert project is not None, "the demo holds a registered H1 project"
    with pytest.raises(PeriodLocked):
        change_stage(project=project, to_stage="started", on=date(2022, 6, 10))
    change_stage(project=project, to_stage="started", on=date(2022, 6, 10), amendment_reason="补录开工")
    assert Amendment.objects.filter(report=report, reason="补录开工").exists()


def test_the_edit_form_asks_for_a_reason(report, admin_client):
    project = h1_project()
    url = reverse("projects:edit", args=[project.pk])
    form = admin_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data |= {
        "contract_investment": "999",
        "version": project.version,
        "investor_names": "",
        "segments": [s.pk for s in project.segments.all()],
    }
    response = admin_client.post(url, data)
    assert "请填写更正理由" in response.content.decode()
    data["amendment_reason"] = "核实后更正金额"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).contract_investment == 9_990_000
