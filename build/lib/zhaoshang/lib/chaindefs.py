"""Industry-chain definitions (产业链): versioned JSON files loaded into frozen dataclasses.

A chain file (``chains/definitions/<key>.json``) lists its segments (环节) as a tree with a position
(upstream/midstream/downstream), the GB/T 4754-2017 classes that make a firm plausible for the
segment, and the scope phrases (经营范围) that show it. Bulk synonyms live beside it in
``<key>.keywords.json`` so the bureau can extend them without touching the tree. No Django here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhaoshang.lib.resources import CHAIN_DEFINITIONS

DEFINITIONS_DIR = CHAIN_DEFINITIONS  # chains/definitions, read as a package resource
CHAIN_KEYS = ("nev", "biomed", "port")
POSITIONS = ("upstream", "midstream", "downstream")
# make: a maker of the goods (trading them is not enough); service: provides the service;
# trade: the trading itself is the segment (医药流通, 整车进口, 跨境电商).
ACTIVITIES = ("make", "service", "trade")


class ChainDefinitionError(ValueError):
    """A chain file that cannot be used; the message is in Chinese for the bureau's editors."""


@dataclass(frozen=True)
class Segment:
    """One link (环节) of a chain: what it makes or does, and how a business scope reveals it."""

    key: str
    name: str
    parent: str | None
    position: str
    gbt_classes: tuple[str, ...]
    keywords: tuple[str, ...]
    negative_keywords: tuple[str, ...]
    weak_keywords: tuple[str, ...] = ()
    activity: str = "make"
    # Other names a report uses for the segment (三电 wording, English abbreviations): the extraction
    # gazetteer maps them to the segment. Not keywords: a business scope is matched by `keywords` only.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chain:
    """An industry chain (产业链) and its segments, in file order."""

    key: str
    name: str
    version: str
    segments: tuple[Segment, ...]
    neutral_terms: tuple[str, ...] = ()
    _by_key: Mapping[str, Segment] = field(default_factory=dict, repr=False, compare=False)

    def segment(self, key: str) -> Segment:
        """The segment with this key (its Chinese name), or ChainDefinitionError."""
        try:
            return self._by_key[key]
        except KeyError:
            raise ChainDefinitionError(f"产业链「{self.name}」没有环节「{key}」") from None

    def children(self, key: str | None) -> tuple[Segment, ...]:
        """Segments directly under ``key`` (None: the roots), for drawing the tree."""
        return tuple(s for s in self.segments if s.parent == key)

    def keyword_count(self) -> int:
        """How many positive terms the chain's segments carry (strong and weak)."""
        return sum(len(s.keywords) + len(s.weak_keywords) for s in self.segments)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ChainDefinitionError(f"{where} 应为非空字符串列表")
    return tuple(dict.fromkeys(v.strip() for v in value))


def parse_chain(doc: Mapping[str, Any], bulk: Mapping[str, Any] | None = None) -> Chain:
    """Validate a chain document (and its bulk keyword document) and build the Chain."""
    for name in ("key", "name", "version", "segments"):
        if name not in doc:
            raise ChainDefinitionError(f"产业链定义缺少字段「{name}」")
    chain_key = str(doc["key"])
    extra: Mapping[str, Any] = (bulk or {}).get("segments", {})
    segments: list[Segment] = []
    for i, raw in enumerate(doc["segments"]):
        where = f"{chain_key} 第{i + 1}个环节"
        key = str(raw.get("key") or "").strip()
        if not key:
            raise ChainDefinitionError(f"{where} 缺少 key")
        position = raw.get("position")
        if position not in POSITIONS:
            raise ChainDefinitionError(f"{where}「{key}」的 position 应为 {'/'.join(POSITIONS)}")
        activity = raw.get("activity", "make")
        if activity not in ACTIVITIES:
            raise ChainDefinitionError(f"{where}「{key}」的 activity 应为 {'/'.join(ACTIVITIES)}")
        classes = _strings(raw.get("gbt_classes"), f"{where}「{key}」的 gbt_classes")
        if any(len(c) != 4 or not c.isdigit() for c in classes):
            raise ChainDefinitionError(f"{where}「{key}」的国民经济行业代码应为4位小类代码")
        keywords = _strings(raw.get("keywords"), f"{where}「{key}」的 keywords")
        keywords += tuple(k for k in _strings(extra.get(key), f"{key} 的成批关键词") if k not in keywords)
        if not keywords:
            raise ChainDefinitionError(f"{where}「{key}」没有关键词")
        segments.append(
            Segment(
                key=key,
                name=str(raw.get("name") or key),
                parent=raw.get("parent"),
                position=position,
                gbt_classes=classes,
                keywords=keywords,
                negative_keywords=_strings(
                    raw.get("negative_keywords"), f"{where}「{key}」的 negative_keywords"
                ),
                weak_keywords=_strings(raw.get("weak_keywords"), f"{where}「{key}」的 weak_keywords"),
                activity=activity,
                aliases=_strings(raw.get("aliases"), f"{where}「{key}」的 aliases"),
            )
        )
    by_key = {s.key: s for s in segments}
    if len(by_key) != len(segments):
        raise ChainDefinitionError(f"产业链「{chain_key}」有重复的环节")
    unknown = set(extra) - set(by_key)
    if unknown:
        raise ChainDefinitionError(f"成批关键词文件中有未定义的环节：{'、'.join(sorted(unknown))}")
    for s in segments:
        if s.parent is not None and s.parent not in by_key:
            raise ChainDefinitionError(f"环节「{s.key}」的上级「{s.parent}」不存在")
    return Chain(
        key=chain_key,
        name=str(doc["name"]),
        version=str(doc["version"]),
        segments=tuple(segments),
        neutral_terms=_strings(doc.get("neutral_terms"), f"{chain_key} 的 neutral_terms"),
        _by_key=by_key,
    )


def load_chain(key: str, directory: Path | None = None) -> Chain:
    """Load one chain by key (nev, biomed, port) from the definitions directory."""
    directory = directory or DEFINITIONS_DIR
    path = directory / f"{key}.json"
    if not path.exists():
        raise ChainDefinitionError(f"找不到产业链定义文件：{path.name}")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        bulk_name = doc.get("keywords_file")
        bulk = json.loads((directory / bulk_name).read_text(encoding="utf-8")) if bulk_name else None
    except json.JSONDecodeError as exc:
        raise ChainDefinitionError(f"产业链定义文件不是合法的 JSON：{exc}") from exc
    except FileNotFoundError as exc:
        raise ChainDefinitionError(f"找不到成批关键词文件：{Path(exc.filename).name}") from exc
    chain = parse_chain(doc, bulk)
    if chain.key != key:
        raise ChainDefinitionError(f"文件 {path.name} 中的 key 为「{chain.key}」，应为「{key}」")
    return chain


def load_chains(keys: Iterable[str] = CHAIN_KEYS, directory: Path | None = None) -> tuple[Chain, ...]:
    """Load the chains the classifier and the targeting work on, in a stable order."""
    return tuple(load_chain(k, directory) for k in keys)
