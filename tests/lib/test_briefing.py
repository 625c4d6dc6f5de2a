"""Briefing composition from figures (pure: no database), phrased like the reference release."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from zhaoshang.lib.briefing import (
    BriefingFigures,
    ChainFigures,
    Figure,
    Source,
    compose,
    headline,
    query_line,
    to_markdown,
    to_text,
)
from zhaoshang.lib.periods import parse_period

H1 = parse_period("2022H1")


def src(metric: str) -> Source:
    return Source(
        metric,
        metric,
        "500106",
        "2022H1",
        "key",
        f"evaluate({metric})",
        f"/projects/?metric={metric}",
        region_name="沙坪坝区",
        scope_name="重点项目口径",
        counted={"contract_investment": "合同投资额"}.get(metric, ""),
    )


def figures(**changes) -> BriefingFigures:
    nev = ChainFigures(
        "nev",
        "智能网联新能源汽车",
        ("赛力斯",),
        (),
        Figure(26, src("chain:nev:firms")),
        ("动力电池", "电机", "电控"),
        ("增程式动力总成", "车载操作系统", "车载地图", "车联网"),
        Figure(42, src("division:36:above_scale")),
        "汽车制造业规模企业",
    )
    base = BriefingFigures(
        region_code="500106",
        region_name="沙坪坝区",
        period=H1,
        directions=("先进制造", "口岸经济", "设计产业", "数字经济", "文化旅游", "现代服务"),
        key_projects=Figure(50, src("key_signed_projects")),
        contract_investment=Figure(32_050_000_000, src("contract_investment")),
        manufacturing_investment=Figure(12_200_000_000, src("manufacturing_contract_investment")),
        manufacturing_share=Figure(Decimal("0.3807"), src("manufacturing_share")),
        manufacturing_completion=Figure(Decimal("1.0893"), src("completion")),
        target_level="municipal",
        time_progress=Decimal("0.5"),
        chains=(nev,),
    )
    return replace(base, **changes)


def test_the_lead_paragraph_reads_like_the_reference_release():
    lead = compose(figures()).lead
    assert lead == (
        "2022年上半年，沙坪坝区重点瞄准先进制造、口岸经济、设计产业、数字经济、文化旅游、现代服务等六个产业方向全面发力，"
        "引进重点产业项目50个，合同投资额超320亿元，其中制造业合同投资额122亿元，占比近40%，"
        "完成制造业全年市级任务目标的109%。"
    )


def test_the_headline_says_the_target_was_met_early_when_it_was():
    assert headline(figures()) == "上半年，沙坪坝区工业招商提前完成全年目标任务"


@pytest.mark.parametrize(
    ("completion", "period", "expected"),
    [
        (Decimal("0.62"), "2022H1", "上半年，沙坪坝区工业招商进度快于时序进度"),
        (Decimal("0.41"), "2022H1", "上半年，沙坪坝区工业招商进度滞后于时序进度"),
        (Decimal("1.02"), "2022", "2022年，沙坪坝区工业招商完成全年目标任务"),
        (None, "2022H1", "上半年，沙坪坝区招商引资工作情况"),
    ],
)
def test_otherwise_the_headline_is_a_different_true_one(completion, period, expected):
    figure = None if completion is None else Figure(completion, src("completion"))
    f = figures(manufacturing_completion=figure, period=parse_period(period))
    assert headline(f) == expected
    assert "提前完成" not in headline(f)


def test_the_chain_paragraph_and_the_next_steps_come_from_the_chain_map():
    b = compose(figures())
    assert b.paragraphs[1] == (
        "在智能网联新能源汽车领域，围绕龙头企业赛力斯，已汇聚26家链条企业，涵盖动力电池、电机、电控等细分领域，"
        "全区汽车制造业规模企业达42家。"
    )
    assert b.paragraphs[-1] == (
        "下半年，沙坪坝区将聚焦重点产业链细分领域精准招商，围绕智能网联新能源汽车产业链，"
        "重点开展增程式动力总成、车载操作系统、车载地图、车联网等核心配套企业的招商，补齐产业链短板。"
    )


def test_several_chains_with_gaps_are_enumerated():
    biomed = ChainFigures(
        "biomed", "生物医药", (), (), Figure(12, src("chain:biomed:firms")), (), ("原料药", "CXO")
    )
    b = compose(figures(chains=(*figures().chains, biomed)))
    assert b.paragraphs[-3] == "下半年，沙坪坝区将聚焦重点产业链细分领域精准招商。"
    assert b.paragraphs[-2].startswith("一是围绕智能网联新能源汽车产业链")
    assert (
        b.paragraphs[-1]
        == "二是围绕生物医药产业链，重点开展原料药、CXO等核心配套企业的招商，补齐产业链短板。"
    )


def test_every_number_written_carries_its_source():
    b = compose(figures())
    assert [c.written for c in b.citations] == [
        "50个",
        "超320亿元",
        "122亿元",
        "近40%",
        "109%",
        "26家",
        "42家",
    ]
    assert [c.source.metric for c in b.citations][:3] == [
        "key_signed_projects",
        "contract_investment",
        "manufacturing_contract_investment",
    ]
    assert query_line(b.citations[1]) == (
        "contract_investment = 32050000000（元）；evaluate(contract_investment)；/projects/?metric=contract_investment"
    )
    assert query_line(b.citations[3]).startswith("manufacturing_share = 0.3807；")


def test_the_appendix_is_plain_chinese():
    b = compose(figures(), written_on=None)
    appendix = to_text(b).split("数据来源", 1)[1].strip().splitlines()
    assert appendix[0] == "来源：项目台账 · 沙坪坝区 · 2022年上半年 · 重点项目口径 · 50个"
    assert appendix[1] == "来源：项目台账 · 沙坪坝区 · 2022年上半年 · 重点项目口径 · 合同投资额 · 超320亿元"
    assert all(line.startswith("来源：") for line in appendix)
    assert "evaluate(" not in "".join(appendix)  # the query is the web page's tooltip


def test_a_region_without_projects_says_so_without_empty_figures():
    f = figures(
        key_projects=Figure(0, src("k")),
        contract_investment=Figure(0, src("c")),
        manufacturing_investment=Figure(0, src("m")),
        manufacturing_share=None,
        manufacturing_completion=None,
        chains=(),
    )
    b = compose(f)
    assert b.lead.endswith("引进重点产业项目0个。")
    assert len(b.paragraphs) == 1


def test_markdown_has_the_title_and_the_sources():
    md = to_markdown(compose(figures()))
    assert md.startswith("# 上半年，沙坪坝区工业招商提前完成全年目标任务\n")
    assert "## 数据来源" in md and "\n来源：项目台账 · 沙坪坝区 · 2022年上半年 · 重点项目口径 · 50个\n" in md
