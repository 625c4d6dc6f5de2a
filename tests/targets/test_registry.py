"""Each metric on small hand-made ledgers in two test districts (tests/factories.py): no demo needed."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import PROVINCE, IndustryCodeFactory, RegionFactory
from zhaoshang.lib.periods import parse_period
from zhaoshang.projects.models import Origin, Project, Stage
from zhaoshang.targets.registry import METRICS, evaluate, evaluate_by_region, monthly, projects_behind

pytestmark = [pytest.mark.django_db, pytest.mark.factories]
YI = 100_000_000
CODE, OTHER = "990101", "990102"  # two districts of one test city
SECTIONS = {"3670": "C", "6513": "I"}  # 汽车零部件制造 (manufacturing), 软件开发


@pytest.fixture(autouse=True)
def districts():
    return RegionFactory(code=CODE), RegionFactory(code=OTHER)


def signed(on: str, amount_yi: float, *, code: str = "3670", region: str = CODE, **fields) -> Project:
    return Project.objects.create(
        name=f"项目{on}",
        region=RegionFactory(code=region),
        industry=IndustryCodeFactory(code=code, section=SECTIONS[code]),
        stage=fields.pop("stage", Stage.SIGNED),
        signed_on=date.fromisoformat(on),
        contract_investment=int(amount_yi * YI),
        **fields,
    )


def test_boundary_dates_belong_to_their_period():
    signed("2022-01-01", 1)
    signed("2022-06-30", 2)
    signed("2022-07-01", 4)
    h1 = evaluate(CODE, parse_period("2022H1"), ["signed_projects", "contract_investment"])
    assert h1 == {"signed_projects": 2, "contract_investment": 3 * YI}
    assert evaluate(CODE, parse_period("2022H2"), ["signed_projects"])["signed_projects"] == 1


def test_terminated_projects_count_only_before_their_termination():
    signed(
        "2022-02-01", 5, stage=Stage.TERMINATED, terminated_on=date(2022, 3, 15), termination_reason="撤资"
    )
    assert evaluate(CODE, parse_period("2022Q1"), ["signed_projects"])["signed_projects"] == 0
    assert evaluate(CODE, parse_period("2022-02"), ["signed_projects"])["signed_projects"] == 1


def test_a_project_that_changes_scope_moves_between_manufacturing_and_the_rest():
    project = signed("2022-03-01", 10, code="6513")
    keys = ["manufacturing_contract_investment", "contract_investment", "manufacturing_share"]
    assert evaluate(CODE, parse_period("2022"), keys) == {
        "manufacturing_contract_investment": 0,
        "contract_investment": 10 * YI,
        "manufacturing_share": 0,
    }
    project.industry = IndustryCodeFactory(code="3670", section="C")
    project.save()
    after = evaluate(CODE, parse_period("2022"), keys)
    assert after["manufacturing_contract_investment"] == 10 * YI and after["manufacturing_share"] == 1


def test_size_bands_count_by_contract_investment():
    for amount in (0.5, 1, 3, 9.99, 10, 20, 50):
        signed("2022-04-01", amount)
    v = evaluate(
        CODE,
        parse_period("2022"),
        [
            "projects_over_100m",
            "projects_over_1b",
            "projects_over_5b",
            "band_3_10",
            "band_10_20",
            "band_over_20",
        ],
    )
    assert v == {
        "projects_over_100m": 6,
        "projects_over_1b": 3,
        "projects_over_5b": 1,
        "band_3_10": 2,
        "band_10_20": 1,
        "band_over_20": 2,
    }


def test_start_rate_counts_signed_projects_started_by_the_period_end():
    signed("2022-01-10", 1, stage=Stage.STARTED, registered_on=date(2022, 2, 1), started_on=date(2022, 3, 1))
    signed("2022-01-20", 1, stage=Stage.STARTED, registered_on=date(2022, 2, 1), started_on=date(2022, 8, 1))
    assert evaluate(CODE, parse_period("2022H1"), ["start_rate"])["start_rate"] == pytest.approx(0.5)
    assert evaluate(CODE, parse_period("2022"), ["start_rate"])["start_rate"] == 1
    assert evaluate(CODE, parse_period("2022Q3"), ["started_projects"])["started_projects"] == 1


def test_foreign_capital_sums_foreign_projects_in_dollars():
    signed("2022-05-01", 1, origin=Origin.FOREIGN, foreign_capital_usd=3_000_000)
    signed("2022-05-02", 1, foreign_capital_usd=9)  # domestic: not counted
    assert evaluate(CODE, parse_period("2022"), ["foreign_capital"]) == {"foreign_capital": 3_000_000}


def test_an_empty_ledger_gives_zero_and_no_share():
    v = evaluate(
        CODE, parse_period("2022"), ["signed_projects", "contract_investment", "manufacturing_share"]
    )
    assert v == {"signed_projects": 0, "contract_investment": 0, "manufacturing_share": None}


def test_the_grouped_rollup_equals_evaluating_each_district():
    signed("2022-01-05", 1)
    signed("2022-01-06", 2, region=OTHER)
    by_region = evaluate_by_region(PROVINCE, parse_period("2022"), ["signed_projects", "contract_investment"])
    assert set(by_region) == {CODE, OTHER}
    for code in (CODE, OTHER):
        assert by_region[code] == evaluate(
            code, parse_period("2022"), ["signed_projects", "contract_investment"]
        )


def test_months_add_up_to_the_period_and_drilldown_matches_the_figure():
    for day in ("2022-01-31", "2022-02-01", "2022-03-15"):
        signed(day, 1)
    series = monthly(CODE, parse_period("2022Q1"), ["signed_projects"])
    assert [v["signed_projects"] for v in series.values()] == [1, 1, 1]
    for key in METRICS:
        if METRICS[key].basis == "signed" and METRICS[key].unit == "count":
            value = evaluate(CODE, parse_period("2022Q1"), [key])[key]
            assert projects_behind(key, CODE, parse_period("2022Q1")).count() == value, key
