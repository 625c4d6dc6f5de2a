"""The ledger's rules hold in the database itself, not only in forms."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from tests.factories import IndustryCodeFactory, RegionFactory
from zhaoshang.projects.models import Project, Stage, StageEvent

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


@pytest.fixture
def beijing_dongcheng():
    return RegionFactory()


def make(region, **fields) -> Project:
    return Project.objects.create(name="测试项目", region=region, **fields)


def test_it_refuses_a_negative_contract_investment(beijing_dongcheng):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(beijing_dongcheng, contract_investment=-1)


def test_it_refuses_a_signed_project_without_a_signing_date(beijing_dongcheng):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(beijing_dongcheng, stage=Stage.SIGNED, contract_investment=100)


def test_it_refuses_a_signed_project_without_an_amount(beijing_dongcheng):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(beijing_dongcheng, stage=Stage.STARTED, signed_on=date(2022, 1, 1))


def test_it_refuses_a_termination_without_a_reason(beijing_dongcheng):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(beijing_dongcheng, stage=Stage.TERMINATED, terminated_on=date(2022, 1, 1))


def test_it_refuses_a_manufacturing_override_without_a_reason(beijing_dongcheng):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(beijing_dongcheng, manufacturing_override=True)


def test_it_refuses_a_backward_stage_event_in_the_database(beijing_dongcheng):
    project = make(beijing_dongcheng)
    with pytest.raises(IntegrityError), transaction.atomic():
        StageEvent.objects.create(
            project=project, from_stage="started", to_stage="signed", occurred_on=date.today()
        )


def test_it_refuses_a_skipped_stage_event_in_the_database(beijing_dongcheng):
    project = make(beijing_dongcheng)
    with pytest.raises(IntegrityError), transaction.atomic():
        StageEvent.objects.create(
            project=project, from_stage="lead", to_stage="started", occurred_on=date.today()
        )


def test_stage_events_cannot_be_edited_or_deleted(beijing_dongcheng):
    project = make(beijing_dongcheng)
    event = StageEvent.objects.create(
        project=project, from_stage="", to_stage="lead", occurred_on=date.today()
    )
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_manufacturing_is_derived_from_section_c(beijing_dongcheng):
    project = make(beijing_dongcheng, industry=IndustryCodeFactory(code="3670", section="C"))
    assert project.is_manufacturing
    project.industry = IndustryCodeFactory(code="6513", section="I")
    project.save()
    assert not project.is_manufacturing


def test_a_manufacturing_override_wins_over_the_code(beijing_dongcheng):
    project = make(
        beijing_dongcheng,
        industry=IndustryCodeFactory(code="6513", section="I"),
        manufacturing_override=True,
        manufacturing_override_reason="软件研发服务于本地整车制造（经认定）",
    )
    assert project.is_manufacturing


def test_every_change_is_kept_in_history(beijing_dongcheng):
    project = make(beijing_dongcheng, contract_investment=100)
    project.contract_investment = 200
    project.save()
    amounts = [h.contract_investment for h in project.history.order_by("history_date")]
    assert amounts == [100, 200]
