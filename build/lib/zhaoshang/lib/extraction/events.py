"""Figures of a single event: a signing ceremony, a promotion conference, a concentrated start.

"本次集中签约的项目33个", "签约仪式上，共签约项目19个", "本届西洽会总共签约项目359个": these count what
one event produced, not what a reporting period added up to, so the fact check never compares them with
the ledger's period totals. A figure is an event's when its sentence names the event before it (本次/
此次/本届/集中签约/签约仪式/推介会上 …) and no reporting period (上半年, 一季度, 1-5月, 全年) stands
between that event word and the figure.
"""

from __future__ import annotations

import re

from zhaoshang.lib.extraction.clean import CleanDocument, Sentence

_EVENT = re.compile(
    r"本次|此次|这次|本届|此届|当天|现场|会上|会议期间|活动上|仪式上|集中签约|集中开工|集中开复工|集中开竣工"
    r"|签约仪式|签约会|签约大会|签约活动|推介会|洽谈会|博览会|交易会|招商会|对接会|说明会"
)
_PERIOD = re.compile(
    r"上半年|下半年|季度|\d{1,2}(?:-|—|至|到)\d{1,2}月|\d{1,2}月份?(?:以来|底|末)|今年以来|年初以来|全年|截至|截止|累计"
)


def is_event(doc: CleanDocument, sentence: Sentence, offset: int) -> bool:
    before = doc.text[sentence.start : offset]
    ends = [m.end() for m in _EVENT.finditer(before)]
    return bool(ends) and _PERIOD.search(before, ends[-1]) is None
