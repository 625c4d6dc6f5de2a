"""The reference article (DESIGN.md "Reference case"): every figure once, typed, related and placed."""

from __future__ import annotations

import json

import pytest

from zhaoshang.lib.extraction.schema import ExtractionResult, Fact


def only(result: ExtractionResult, **wanted: object) -> Fact:
    found = [f for f in result.facts if all(getattr(f, k) == v for k, v in wanted.items())]
    assert len(found) == 1, f"{wanted}: {[(f.type, f.value, f.text) for f in found]}"
    return found[0]


def test_it_reads_the_region_and_the_period_of_the_article(seed_result):
    assert seed_result.region is not None and seed_result.region.code == "500106"
    assert seed_result.period is not None and seed_result.period.label == "2022H1"
    assert [e.key for e in seed_result.entities_of("region") if e.key == "500106"] == ["500106"]
    assert [e.key for e in seed_result.entities_of("period") if e.key == "2022H1"] == ["2022H1"]


def test_every_fact_is_in_the_district_and_the_first_half(seed_result):
    assert {f.region.code for f in seed_result.facts if f.region} == {"500106"}
    assert {f.period.label for f in seed_result.facts if f.period} == {"2022H1"}


def test_it_finds_the_key_projects_once(seed_result):
    fact = only(seed_result, type="project_count", value=50)
    assert fact.qualifier is None
    assert "重点产业项目" in fact.label


def test_the_contract_investment_is_just_over_320_yi(seed_result):
    fact = only(seed_result, type="investment_amount", value=32_000_000_000)
    assert fact.qualifier == "超"
    assert fact.label == "合同投资额"
    assert fact.currency == "CNY"


def test_manufacturing_is_part_of_the_contract_investment(seed_result):
    total = only(seed_result, type="investment_amount", value=32_000_000_000)
    part = only(seed_result, type="investment_amount", value=12_200_000_000)
    assert part.scope == "制造业"
    assert part.label == "制造业合同投资额"
    assert part.parent == total.id


def test_the_share_is_nearly_40_percent_of_the_whole(seed_result):
    total = only(seed_result, type="investment_amount", value=32_000_000_000)
    part = only(seed_result, type="investment_amount", value=12_200_000_000)
    share = only(seed_result, type="share")
    assert float(share.value) == 0.4
    assert share.qualifier == "近"
    assert (share.parent, share.base) == (part.id, total.id)


def test_the_municipal_target_is_109_percent_complete(seed_result):
    part = only(seed_result, type="investment_amount", value=12_200_000_000)
    completion = only(seed_result, type="completion_rate")
    assert float(completion.value) == 1.09
    assert completion.scope == "制造业"
    assert completion.label == "制造业市级任务目标完成率"
    assert completion.parent == part.id
    assert completion.period is not None and completion.period.label == "2022H1"  # not 全年's 2022


@pytest.mark.parametrize(
    ("value", "qualifier", "label_part"),
    [(26, None, "链条企业"), (42, "达", "规模企业"), (12, None, "企业")],
)
def test_it_counts_the_chain_and_biomedicine_enterprises(seed_result, value, qualifier, label_part):
    fact = only(seed_result, type="enterprise_count", value=value)
    assert fact.qualifier == qualifier
    assert label_part in fact.label


def test_the_auto_makers_are_counted_within_automotive_manufacturing(seed_result):
    assert only(seed_result, type="enterprise_count", value=42).scope == "汽车制造业"


def test_the_biomedicine_firms_are_scoped_by_the_paragraph_topic(seed_result):
    assert only(seed_result, type="enterprise_count", value=12).scope == "生物医药"


def test_the_page_furniture_yields_no_figure(seed_result):
    assert len(seed_result.facts) == 8
    assert not [f for f in seed_result.facts if "3401582423" in f.text or f.value == 3401582423]
    assert "3401582423" not in seed_result.text


def test_it_names_the_six_directions(seed_result):
    names = [e.name for e in seed_result.entities_of("direction")]
    assert names == ["先进制造", "口岸经济", "设计产业", "数字经济", "文化旅游", "现代服务"]


def test_it_knows_seres_by_its_former_name(seed_result):
    seres = [e for e in seed_result.entities_of("enterprise") if e.name == "赛力斯"]
    assert len(seres) == 1
    former = [m for m in seres[0].mentions if m.former]
    assert [m.alias for m in former] == ["小康集团"]


def test_it_finds_each_enterprise_once(seed_result):
    names = [e.name for e in seed_result.entities_of("enterprise")]
    expected = ["赛力斯", "宁波拓普", "阿斯利康", "罗氏诊断", "西南药业", "鼎晶生物", "华为"]
    assert sorted(names) == sorted(expected)
    assert all(e.known for e in seed_result.entities_of("enterprise"))


def test_the_gap_segments_are_only_planned(seed_result):
    segments = {e.name: e for e in seed_result.entities_of("segment")}
    for gap in ("增程式动力总成", "车载操作系统", "车载地图", "车联网"):
        assert segments[gap].planned, gap
    for covered in ("电池", "电机", "电控", "一体化压铸", "智能座舱", "热管理"):
        assert not segments[covered].planned, covered
    assert not segments["医疗器械"].planned  # covered in the biomedicine paragraph, planned in the next


def test_a_place_inside_a_company_name_is_not_a_region(seed_result):
    assert "330200" not in {e.key for e in seed_result.entities_of("region")}  # 宁波 in 宁波拓普


def test_spans_point_into_the_cleaned_text(seed_result):
    for fact in seed_result.facts:
        start, end = fact.span
        assert seed_result.text[start:end] == fact.text
    for entity in seed_result.entities:
        for mention in entity.mentions:
            assert seed_result.text[mention.span[0] : mention.span[1]] == mention.text


def test_the_json_is_plain_and_complete(seed_result):
    data = json.loads(json.dumps(seed_result.to_json(), ensure_ascii=False))
    assert set(data) == {"document", "facts", "entities"}
    assert data["document"]["date"] == "2022-08-04"
    assert data["document"]["source"] == "华龙网-新重庆客户端"
    ids = [f["id"] for f in data["facts"]]
    assert len(ids) == len(set(ids))
    money = next(f for f in data["facts"] if f["value"] == 32_000_000_000)
    assert isinstance(money["value"], int)
    share = next(f for f in data["facts"] if f["type"] == "share")
    assert share["value"] == 0.4 and isinstance(share["value"], float)
    assert set(data["entities"]) == {"regions", "enterprises", "directions", "segments", "periods"}
