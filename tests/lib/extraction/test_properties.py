"""Properties that hold for any text: no crash, spans consistent, ids unique, JSON serialisable."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from zhaoshang.lib.extraction.extract import extract_document

PIECES = [
    "上半年", "1-6月", "沙坪坝区", "江北区", "重庆市", "签约项目", "50个", "合同投资额", "超320亿元", "其中",
    "制造业", "122亿元", "占比", "近40%", "同比增长", "15%", "完成全年目标的", "109%", "家", "12", ",", "。",
    "\n", "、", ";", "(含", ")", "分别", "和", "10-20亿元", "三分之一", "六成", "2022年", "8月4日", "QQ:3401582423",
    "亿美元", "万元", "两个", "十一个", "达", "余", "以上", "集团", "公司", " ",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.text(max_size=30))
def test_any_text_extracts_without_error_and_with_consistent_spans(pieces, noise):
    from zhaoshang.lib.extraction.gazetteer import Gazetteer

    result = extract_document(
        "".join(pieces) + noise, document_date=date(2022, 8, 4), gazetteer=Gazetteer.default()
    )
    ids = [f.id for f in result.facts]
    assert len(ids) == len(set(ids))
    for fact in result.facts:
        assert result.text[fact.span[0] : fact.span[1]] == fact.text
        assert fact.parent is None or fact.parent in ids
        assert fact.base is None or fact.base in ids
    json.dumps(result.to_json(), ensure_ascii=False)
