"""Creating projects and changing stages through the services that views and imports call."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.factories import RegionFactory
from zhaoshang.projects.models import Project, Stage
from zhaoshang.projects.services import StageError, change_stage, create_project

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def region():
    return RegionFactory()


def new(region, **fields) -> Project:
    defaults = {"name": "测试项目", "region": region, "stage": Stage.LEAD, "lead_on": date(2022, 1, 3)}
    return Project(**(defaults | fields))


def test_creating_a_project_records_its_entry_event(region):
    project = create_project(project=new(region))
    assert [(e.from_stage, e.to_stage) for e in project.events.all()] == [("", "lead")]


def test_creating_a_signed_project_needs_an_amount(region):
    with pytest.raises(StageError, match="合同投资额"):
        create_project(project=new(region, stage=Stage.SIGNED, signed_on=date(2022, 2, 1)))
    assert not Project.objects.filter(region=region).exists()


def test_creating_with_dates_out_of_order_is_refused(region):
    with pytest.raises(StageError, match="签约日期不能早于线索日期"):
        create_project(
            project=new(
                region,
                stage=Stage.SIGNED,
                lead_on=date(2022, 3, 1),
                signed_on=date(2022, 2, 1),
                contract_investment=1,
            )
        )


def test_signing_needs_an_amount_and_records_an_event(region):
    project = create_project(project=new(region, stage=Stage.NEGOTIATING, negotiating_on=date(2022, 1, 5)))
    with pytest.raises(StageError, match="合同投资额"):
        change_stage(project=project, to_stage="signed", on=date(2022, 2, 1))
    project.refresh_from_db()
    assert project.stage == Stage.NEGOTIATING and project.signed_on is None
    change_stage(project=project, to_stage="signed", on=date(2022, 2, 1), contract_investment=5 * 10**8)
    project.refresh_from_db()
    assert project.stage == Stage.SIGNED and project.signed_on == date(2022, 2, 1)
    assert project.events.last().to_stage == "signed"


def test_a_stage_cannot_be_skipped(region):
    project = create_project(project=new(region))
    with pytest.raises(StageError, match="不允许"):
        change_stage(project=project, to_stage="started", on=date(2022, 2, 1))


def test_terminating_needs_a_reason(region):
    project = create_project(project=new(region))
    with pytest.raises(StageError, match="终止原因"):
        change_stage(project=project, to_stage="terminated", on=date(2022, 2, 1))
    change_stage(project=project, to_stage="terminated", on=date(2022, 2, 1), reason="企业放弃投资")
    project.refresh_from_db()
    assert project.stage == Stage.TERMINATED and project.termination_reason == "企业放弃投资"


def test_a_change_cannot_predate_the_current_stage_or_lie_in_the_future(region):
    project = create_project(project=new(region))
    with pytest.raises(StageError, match="早于"):
        change_stage(project=project, to_stage="negotiating", on=date(2021, 12, 1))
    with pytest.raises(StageError, match="晚于今天"):
        change_stage(project=project, to_stage="negotiating", on=date.today() + timedelta(days=1))
