"""Cleaning a scraped page: one canonical text, each paragraph once, sentences with offsets."""

from __future__ import annotations

from zhaoshang.lib.extraction.clean import clean, deduplicate, normalise


def test_full_width_digits_and_percent_become_ascii():
    assert normalise("占比近４０％，合同投资额３２０亿元") == "占比近40%,合同投资额320亿元"


def test_a_repeated_paragraph_is_kept_once():
    assert deduplicate(["甲乙丙丁戊己庚辛壬癸子丑", "别的", "甲乙丙丁戊己庚辛壬癸子丑"]) == [
        "甲乙丙丁戊己庚辛壬癸子丑",
        "别的",
    ]


def test_a_lead_repeated_with_a_dateline_keeps_the_longer_copy():
    lead = "在今天召开的新闻发布会上,记者获悉,今年上半年全区工业招商提前完成全年目标。"
    assert deduplicate([lead, "本网讯(记者 张三)" + lead]) == ["本网讯(记者 张三)" + lead]


def test_short_paragraphs_are_not_dropped_for_being_contained_elsewhere():
    assert deduplicate(["一是", "一是强化招商"]) == ["一是", "一是强化招商"]


def test_page_furniture_is_dropped_and_the_source_is_kept():
    doc = clean("标题\n来源:华龙网-新重庆客户端2022-08-04\n正文一句话。\n[责任编辑: 李露 ]\n分享\n微信")
    assert doc.text == "标题\n正文一句话。"
    assert doc.source == "华龙网-新重庆客户端"
    assert doc.title == "标题"


def test_spaces_next_to_chinese_are_layout():
    assert clean("2022 年 上半年 签约 50 个").text == "2022年上半年签约50个"


def test_sentences_carry_offsets_into_the_cleaned_text():
    doc = clean("第一句。第二句!\n第三段;还是第三段。")
    assert [s.text for s in doc.sentences] == ["第一句。", "第二句!", "第三段;还是第三段。"]
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
    assert doc.sentence_at(doc.text.index("还是")).index == 2


def test_the_seed_page_keeps_one_copy_of_the_article(seed_text):
    doc = clean(seed_text)
    assert doc.text.count("引进重点产业项目50个") == 1
    assert doc.text.count("下半年,沙坪坝区将聚焦") == 1
    assert "报料" not in doc.text
