"""`zhaoshang assess` on the demo: the press release's 109% and 提前完成全年目标."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError

from tests.support import call

pytestmark = pytest.mark.django_db


def metric(out: dict, key: str) -> dict:
    return next(m for m in out["metrics"] if m["metric"] == key)


def test_it_assesses_shapingba_2022_h1_like_the_article():
    out = json.loads(call("assess", "--region", "500106", "--period", "2022H1", "--json"))
    m = metric(out, "manufacturing_contract_investment")
    assert m["actual_ytd"] == 12_200_000_000 and m["target"] == 11_200_000_000
    assert m["target_level"] == "municipal"
    assert m["completion"] == 1.0893 and m["time_progress"] == 0.5
    assert m["completed_early"] is True and m["completed_on"] <= "2022-06-30"
    assert m["ahead_by_pp"] == 58.93
    for field in ("forecast_linear", "forecast_seasonal", "previous_year", "growth", "status"):
        assert field in m
    assert metric(out, "signed_projects")["period_value"] == 50
    assert out["score"]["total"] is not None and len(out["score"]["items"]) == 4


def test_it_writes_the_completion_the_way_the_article_does():
    out = call("assess", "--region", "沙坪坝", "--period", "2022H1")
    assert "制造业合同投资额：122亿元，完成全年市级任务的109%" in out and "已提前完成全年目标" in out


def test_a_q3_assessment_uses_the_year_to_date():
    h1 = json.loads(call("assess", "--region", "500106", "--period", "2022H1", "--json"))
    q3 = json.loads(call("assess", "--region", "500106", "--period", "2022Q3", "--json"))
    a, b = metric(h1, "contract_investment"), metric(q3, "contract_investment")
    assert b["time_progress"] == 0.75 and b["actual_ytd"] >= a["actual_ytd"]


def test_a_bad_period_is_refused():
    with pytest.raises(CommandError, match="无法识别的期间"):
        call("assess", "--region", "500106", "--period", "H1")
