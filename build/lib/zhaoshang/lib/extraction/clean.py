"""Text normalisation for scraped press releases: one canonical text that every span points into.

A scraped page carries navigation, photo captions, share buttons, a hotline footer and often the
article twice (the mobile and desktop templates). Cleaning keeps each paragraph once, so a figure
is extracted once, and the cleaned text is what offsets refer to (no mapping back is kept: the
cleaned text ships with the result).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

# Zero-width and BOM characters survive NFKC and break matching of names and numbers.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_WHITESPACE = re.compile(r"\s+")
_SPACES = re.compile(r"[ \t\u00a0]+")
# A space next to a CJK character is layout, not content ("2022 年" → "2022年").
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff]) | (?=[\u3000-\u9fff])")

# Paragraphs that are page furniture; only dropped when short, so a real paragraph that happens
# to mention "来源" is kept.
_BOILERPLATE = re.compile(
    r"责任编辑|报料|版权所有|未经授权|二维码|客户端现已|跟帖|^相关新闻|^精彩视频|^无障碍$|^分享$|^微信$"
    r"|^新浪微博$|^站内$|^看天下$|^关闭|^来源[:]|^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? ?来源|摄$"
    r"|^[•·]|(\|.*){3,}|^(上一篇|下一篇|打印|关闭窗口|扫一扫)"
)
_BOILERPLATE_MAX = 150
_SOURCE = re.compile(r"来源[:]\s*([^\s\d()]{2,30}?)(?:\d{4}-\d{2}-\d{2}|\s|$)")
_TITLE_MAX = 60
# Containment de-duplication only for paragraphs long enough not to be a common phrase.
_CONTAINED_MIN = 12

# A semicolon ends a clause, not a sentence: "其中,A…;B…" enumerates parts of one total.
# Characters that end a clause; their offsets are listed once per document (CleanDocument.breaks).
CLAUSE_BREAK = re.compile(r"[,;:、()“”\"。!?\n]")
_SENTENCE_END = re.compile(r"[。!?！？]+[”’\"')]*|\n")


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class CleanDocument:
    """The cleaned text with its paragraphs and sentences (offsets into ``text``)."""

    text: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    title: str | None = None
    source: str | None = None
    breaks: list[int] = field(default_factory=list, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]
        self.breaks = [m.start() for m in CLAUSE_BREAK.finditer(self.text)]

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding ``offset`` (the last one starting at or before it)."""
        index = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        return self.sentences[index]


def normalise(text: str) -> str:
    """NFKC (full-width digits, ％ and punctuation become ASCII), no invisible characters."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _normalise_line(line: str) -> str:
    line = _SPACES.sub(" ", line).strip()
    return _CJK_SPACE.sub("", line)


def _dedup_key(paragraph: str) -> str:
    return _WHITESPACE.sub("", paragraph)


def deduplicate(paragraphs: list[str]) -> list[str]:
    """Keep each paragraph once; drop one whose text is contained in a longer kept paragraph.

    The containment rule catches the lead repeated with a dateline prefix ("华龙网讯(记者)…").
    """
    keys = [_dedup_key(p) for p in paragraphs]
    kept: list[str] = []
    seen: set[str] = set()
    for i, (paragraph, key) in enumerate(zip(paragraphs, keys, strict=True)):
        if key in seen:
            continue
        if len(key) >= _CONTAINED_MIN and any(
            len(other) > len(key) and key in other for j, other in enumerate(keys) if j != i
        ):
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept


def is_boilerplate(paragraph: str) -> bool:
    return len(paragraph) <= _BOILERPLATE_MAX and _BOILERPLATE.search(paragraph) is not None


def split_sentences(text: str, paragraphs: list[Paragraph]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for paragraph in paragraphs:
        start = paragraph.start
        for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
            end = match.end()
            if text[start:end].strip():
                sentences.append(Sentence(len(sentences), paragraph.index, start, end, text[start:end]))
            start = end
        if start < paragraph.end:
            sentences.append(
                Sentence(len(sentences), paragraph.index, start, paragraph.end, text[start : paragraph.end])
            )
    return sentences


def clean(raw: str) -> CleanDocument:
    """Normalise, drop page furniture and repeated paragraphs, split into sentences."""
    lines = [_normalise_line(line) for line in normalise(raw).split("\n")]
    lines = [line for line in lines if line]
    title = lines[0] if lines and len(lines[0]) <= _TITLE_MAX and not lines[0].endswith("。") else None
    source = None
    for line in lines:
        match = _SOURCE.search(line)
        if match:
            source = match.group(1).rstrip(":")
            break
    body = deduplicate([line for line in lines if not is_boilerplate(line)])
    paragraphs: list[Paragraph] = []
    offset = 0
    for index, line in enumerate(body):
        paragraphs.append(Paragraph(index, offset, offset + len(line), line))
        offset += len(line) + 1
    text = "\n".join(body)
    return CleanDocument(text, paragraphs, split_sentences(text, paragraphs), title=title, source=source)
