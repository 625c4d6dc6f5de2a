"""`zhaoshang summary` on the demo reproduces the press release's figures from the ledger."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError

from tests.support import call

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("region", ["500106", "沙坪坝区", "沙坪坝"])
def test_it_reproduces_shapingba_2022_h1(region):
    out = json.loads(call("summary", "--region", region, "--period", "2022H1", "--json"))
    assert out["region"] == "500106" and out["period"] == "2022H1"
    assert out["signed_projects"] == 50
    assert out["key_signed_projects"] == 50
    assert 32_000_000_000 < out["contract_investment_yuan"] < 32_100_000_000
    assert out["manufacturing_contract_investment_yuan"] == 12_200_000_000
    assert 0.38 <= out["manufacturing_share"] < 0.39


def test_the_same_half_as_a_date_range_gives_the_same_figures():
    by_code = json.loads(call("summary", "--region", "500106", "--period", "2022H1", "--json"))
    by_range = json.loads(
        call("summary", "--region", "500106", "--period", "2022-01-01..2022-06-30", "--json")
    )
    by_code.pop("period"), by_range.pop("period")
    assert by_code == by_range


def test_months_add_up_to_the_half_except_for_projects_terminated_in_between():
    from zhaoshang.projects.models import Project

    half = json.loads(call("summary", "--region", "500106", "--period", "2022H1", "--json"))
    months = [
        json.loads(call("summary", "--region", "500106", "--period", f"2022-0{m}", "--json"))
        for m in range(1, 7)
    ]
    # A project signed in February and terminated in May counts in February's figures, not in H1's.
    dropped = Project.objects.filter(
        region__code="500106", signed_on__range=("2022-01-01", "2022-06-30"), terminated_on__lte="2022-06-30"
    )
    assert dropped.count() == 1
    assert sum(m["signed_projects"] for m in months) == half["signed_projects"] + 1
    assert (
        sum(m["contract_investment_yuan"] for m in months)
        == half["contract_investment_yuan"] + dropped.get().contract_investment
    )


def test_a_project_terminated_within_the_period_does_not_count_but_one_terminated_later_does():
    from zhaoshang.lib.periods import parse_period
    from zhaoshang.projects.models import Project
    from zhaoshang.targets.registry import projects_behind

    terminated = Project.objects.get(
        region__code="500106", stage="terminated", signed_on__range=("2022-01-01", "2022-06-30")
    )
    assert str(terminated.terminated_on) == "2022-05-20"

    def counted(period: str) -> bool:
        return (
            projects_behind("signed_projects", "500106", parse_period(period))
            .filter(pk=terminated.pk)
            .exists()
        )

    assert counted("2022-01-01..2022-05-19")
    assert not counted("2022-01-01..2022-05-20")
    assert not counted("2022H1")


def test_the_text_output_uses_chinese_amounts():
    out = call("summary", "--region", "沙坪坝", "--period", "2022H1")
    assert "沙坪坝区 2022年上半年" in out
    assert "122亿元" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--region", "火星", "--period", "2022H1"], "找不到区划"),
        (["--region", "500106", "--period", "2022Q5"], "无法识别的期间"),
    ],
)
def test_bad_arguments_get_a_chinese_error(args, message):
    with pytest.raises(CommandError, match=message):
        call("summary", *args)
