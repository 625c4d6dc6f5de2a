"""Assessment arithmetic on plain numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhaoshang.lib.assessment import assess, weighted_score

H1_END, YEAR_END = date(2022, 6, 30), date(2022, 12, 31)


def test_the_article_case_is_109_percent_ahead_of_a_50_percent_pace():
    a = assess(
        actual=12_200_000_000,
        target=11_200_000_000,
        time_progress=Decimal("0.5"),
        period_end=H1_END,
        year_end=YEAR_END,
        cumulative=[(date(2022, 3, 1), 5_000_000_000), (date(2022, 6, 2), 11_300_000_000)],
    )
    assert a.completion == Decimal("1.0893")
    assert a.ahead_by_pp == Decimal("58.93")
    assert a.completed_early and a.completed_on == date(2022, 6, 2)
    assert a.status == "green"
    assert a.forecast_linear == 24_400_000_000


def test_completion_at_the_year_end_is_not_early():
    a = assess(actual=120, target=100, time_progress=Decimal(1), period_end=YEAR_END, year_end=YEAR_END)
    assert a.completion == Decimal("1.2") and not a.completed_early


def test_without_a_target_there_is_no_completion_and_no_status():
    a = assess(actual=5, target=None, time_progress=Decimal("0.5"), period_end=H1_END, year_end=YEAR_END)
    assert a.completion is None and a.ahead_by_pp is None and a.status == "none"


@pytest.mark.parametrize(("actual", "status"), [(50, "green"), (41, "yellow"), (39, "red")])
def test_status_follows_completion_against_time_progress(actual, status):
    a = assess(actual=actual, target=100, time_progress=Decimal("0.5"), period_end=H1_END, year_end=YEAR_END)
    assert a.status == status


def test_growth_and_seasonal_forecast():
    a = assess(
        actual=60,
        target=None,
        time_progress=Decimal("0.5"),
        period_end=H1_END,
        year_end=YEAR_END,
        previous=40,
        seasonal_shares=[Decimal("0.4"), Decimal("0.6")],
    )
    assert a.growth == Decimal("0.5")
    assert a.forecast_seasonal == 120  # 60 / mean(0.4, 0.6)


@given(st.integers(0, 10**12), st.integers(1, 10**12), st.decimals("0.01", "1", places=4))
def test_ahead_by_is_completion_minus_time_progress(actual, target, progress):
    a = assess(actual=actual, target=target, time_progress=progress, period_end=H1_END, year_end=YEAR_END)
    assert abs(a.ahead_by_pp - (a.completion - progress) * 100) <= Decimal("0.005")


RULE = [
    {"type": "completion", "metric": "signed_projects", "label": "个数", "weight": 50},
    {"type": "completion", "metric": "contract_investment", "label": "金额", "weight": 50},
    {
        "type": "band_minimum",
        "label": "规模",
        "weight": 10,
        "deduct_per_missing": 2,
        "bands": [{"key": "band_3_10", "required": 7}, {"key": "band_10_20", "required": 4}],
    },
    {"type": "rate", "metric": "start_rate", "label": "开工率", "weight": 10},
]


def test_each_item_is_capped_at_its_weight_and_bands_deduct_per_missing_project():
    total, lines = weighted_score(
        RULE,
        {"start_rate": Decimal("0.5")},
        {"signed_projects": Decimal("1.5"), "contract_investment": Decimal("0.8")},
        {"band_3_10": 5, "band_10_20": 4},
    )
    assert [line.score for line in lines] == [Decimal(50), Decimal(40), Decimal(6), Decimal(5)]
    assert total == Decimal(101)


def test_an_unknown_item_type_is_an_error():
    with pytest.raises(ValueError):
        weighted_score([{"type": "magic", "weight": 1, "label": "x"}], {}, {}, {})
