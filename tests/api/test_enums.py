"""The API's enums written out as classes (so that the type checker sees their members) stay equal to the
sources they mirror; the full choices are the models' own TextChoices."""

from zhaoshang.api.schemas.leads import OpenLeadStageEnum
from zhaoshang.api.schemas.projects import LiveStageEnum, OrderingEnum
from zhaoshang.api.schemas.targets import MetricEnum
from zhaoshang.leads.models import OPEN_STAGES
from zhaoshang.projects import stages
from zhaoshang.projects.filters import ProjectFilter
from zhaoshang.targets.registry import METRICS


def test_live_stages_are_the_stage_order():
    assert [s.value for s in LiveStageEnum] == list(stages.ORDER)


def test_open_lead_stages_are_open_stages():
    assert [s.value for s in OpenLeadStageEnum] == [s.value for s in OPEN_STAGES]


def test_metric_enum_is_the_registry():
    assert [m.value for m in MetricEnum] == list(METRICS)


def test_every_ordering_is_one_the_ledger_filter_takes():
    accepted = {choice for choice, _label in ProjectFilter.base_filters["ordering"].extra["choices"]}
    assert {o.value for o in OrderingEnum} <= accepted
