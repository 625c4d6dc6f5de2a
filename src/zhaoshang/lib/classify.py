"""Scope classifier: business scope (经营范围) + name + GB/T class → chain segments with confidence.

One Aho-Corasick automaton (pyahocorasick), built once, holds every keyword, negative keyword and
neutral term of every chain. Matching is leftmost-longest, so a longer term swallows the shorter ones
inside it: the negative "电机维修" hides the keyword "电机", the neutral "汽车零部件" hides "汽车".
Each hit is weighed by its context, the activity verbs of its sub-item (between ，) or else of its item
(between ；): a maker segment counts a hit under 制造/生产/研发 fully and almost not at all under
销售/批发/零售 — a scope that only trades in a long list of goods is not a maker of them. Hits combine
by noisy-OR; a GB/T class of the segment raises the confidence, a wholesale/retail class lowers it.

A whole batch is joined and scanned at once and the rest is numpy (``classify_arrays``), so tagging
many scopes costs one automaton pass plus array arithmetic; ``classify`` is that path for one text.
Registered scopes are made of the national catalogue's standard phrases, so the batch path without
names or evidence keeps each distinct item's hits (a per-phrase cache) and scans only items it has not
seen: the same numbers, several times faster on real scopes with their boilerplate.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick
import numpy as np

from zhaoshang.lib import chaindefs

DOC_SEP, NAME_SEP = "\x1d", "\x1e"
MAKE, TRADE, SERVICE = 1, 2, 4
CONTEXT_NONE, CONTEXT_MAKE, CONTEXT_SERVICE, CONTEXT_TRADE = 0, 1, 2, 3
# Two-character verbs that say what a scope item does with the goods it names.
VERBS = {
    MAKE: "制造 生产 加工 研发 研制 开发 组装 装配 设计 制作 试制 冶炼 种植 提取 合成 培育",
    TRADE: "销售 批发 零售 经销 代销 购销 分销 贸易 进口 出口 经营 代购",
    SERVICE: "服务 维修 修理 租赁 咨询 运输 仓储 配送 代理 安装 培训 检测 检验 回收 测绘",
}
ITEM_CHARS, SUBITEM_CHARS = "；;。\n" + DOC_SEP + NAME_SEP, "，,"
_BOUNDARY = re.compile(r"[、，,；;。：:\n\x1d\x1e（）()]")
# Item separators a scope itself can hold besides "；" (ITEM_CHARS less the batch's own separators).
_OTHER_ITEM_SEPS = (";", "。", "\n")
PHRASE_CACHE_CAP = 1_000_000


@dataclass(frozen=True)
class ClassifierConfig:
    """The classifier's tunable numbers; the defaults are those the labelled sample was measured with."""

    threshold: float = 0.5
    strong_weight: float = 0.85
    weak_weight: float = 0.45
    gbt_boost: float = 0.6
    gbt_floor: float = 0.3
    name_factor: float = 0.5
    trader_class_factor: float = 0.5
    trade_divisions: tuple[str, ...] = ("51", "52")
    max_evidence: int = 3
    # factor by segment activity (make, service, trade) × hit context (none, make, service, trade)
    context: tuple[tuple[float, float, float, float], ...] = (
        (0.6, 1.0, 0.4, 0.1),
        (0.8, 0.9, 1.0, 0.4),
        (0.8, 0.7, 0.9, 1.0),
    )


@dataclass(frozen=True)
class SegmentMatch:
    """A firm judged to belong to a chain segment, how sure we are, and the phrases that say so."""

    chain: str
    segment: str
    confidence: float
    evidence: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        """The shape `zhaoshang classify --json` prints (DESIGN.md, Scope classification)."""
        return {
            "chain": self.chain,
            "segment": self.segment,
            "confidence": round(self.confidence, 2),
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class BatchResult:
    """A batch's result as flat arrays: row i says doc ``doc[i]`` is in segment ``segment[i]``."""

    doc: np.ndarray
    segment: np.ndarray
    confidence: np.ndarray
    text: str = ""
    hits: tuple[np.ndarray, ...] = ()  # (key, start, end, strength) of the counted hits


def _lut(chars: str) -> np.ndarray:
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table


class ScopeClassifier:
    """Tags business scopes with the chain segments they show; build once, reuse for every batch."""

    # The per-phrase cache (``_reset_phrase_cache``): item text → id; id → its hits in the flat arrays.
    _phrase_ids: dict[str, int]
    _p_start: np.ndarray
    _p_count: np.ndarray
    _h_seg: np.ndarray
    _h_term: np.ndarray
    _h_strength: np.ndarray

    def __init__(self, chains: Sequence[chaindefs.Chain], config: ClassifierConfig | None = None) -> None:
        self.config = cfg = config or ClassifierConfig()
        entries: dict[str, dict[int, float]] = {}
        labels: list[tuple[str, str]] = []
        segments = [s for chain in chains for s in chain.segments]
        for chain in chains:
            for term in chain.neutral_terms:
                entries.setdefault(term.upper(), {})
            for s in chain.segments:
                for terms, weight in ((s.weak_keywords, cfg.weak_weight), (s.keywords, cfg.strong_weight)):
                    for term in terms:
                        entries.setdefault(term.upper(), {})[len(labels)] = weight
                for term in s.negative_keywords:
                    entries.setdefault(term.upper(), {}).pop(len(labels), None)
                labels.append((chain.key, s.key))
        self.terms = tuple(entries)
        self.segment_labels = tuple(labels)
        self.automaton = ahocorasick.Automaton()
        for term_id, term in enumerate(self.terms):
            self.automaton.add_word(term, term_id)
        self.automaton.make_automaton()

        counts = np.array([len(entries[t]) for t in self.terms], dtype=np.int64)
        self._length = np.array([len(t) for t in self.terms], dtype=np.int64)
        self._entry_start = np.cumsum(counts) - counts
        self._entry_count = counts
        self._entry_segment = np.array([s for t in self.terms for s in entries[t]], dtype=np.int64)
        self._entry_weight = np.array([w for t in self.terms for w in entries[t].values()], dtype=np.float64)
        alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        self._edge = np.array([(t[0] in alnum) | ((t[-1] in alnum) << 1) for t in self.terms], dtype=np.uint8)
        self._activity = np.array([chaindefs.ACTIVITIES.index(s.activity) for s in segments], dtype=np.int64)
        self._factor = np.array(cfg.context, dtype=np.float64)
        self._class_index = {c: i for i, c in enumerate(sorted({c for s in segments for c in s.gbt_classes}))}
        self._segment_class = np.zeros((len(segments), len(self._class_index) + 1), dtype=bool)
        for i, s in enumerate(segments):
            self._segment_class[i, [self._class_index[c] for c in s.gbt_classes]] = True
        self._item, self._subitem, self._alnum = (
            _lut(ITEM_CHARS),
            _lut(ITEM_CHARS + SUBITEM_CHARS),
            _lut(alnum),
        )
        bigrams = {
            (ord(v[0]) << 16) | ord(v[1]): flag for flag, verbs in VERBS.items() for v in verbs.split()
        }
        self._verb_first = _lut("".join(chr(b >> 16) for b in bigrams))
        self._verb_bigrams = np.array(sorted(bigrams), dtype=np.uint64)
        self._verb_flags = np.array([bigrams[b] for b in sorted(bigrams)], dtype=np.uint8)
        self._reset_phrase_cache()

    def classify(
        self, scope: str, name: str | None = None, gbt: str | None = None
    ) -> tuple[SegmentMatch, ...]:
        """Segments of one firm, most confident first."""
        return self.classify_many([scope], [name], [gbt])[0]

    def classify_many(
        self,
        scopes: Sequence[str],
        names: Sequence[str | None] | None = None,
        gbts: Sequence[str | None] | None = None,
        evidence: bool = True,
    ) -> list[tuple[SegmentMatch, ...]]:
        """Segments of each firm of a batch, in input order, each list most confident first."""
        result = self.classify_arrays(scopes, names, gbts, keep_hits=evidence)
        out: list[list[SegmentMatch]] = [[] for _ in scopes]
        for i in np.lexsort((result.segment, -result.confidence)):
            doc, seg = int(result.doc[i]), int(result.segment[i])
            phrases = self.evidence(result, doc, seg) if evidence else ()
            out[doc].append(SegmentMatch(*self.segment_labels[seg], float(result.confidence[i]), phrases))
        return [tuple(matches) for matches in out]

    def classify_arrays(
        self,
        scopes: Sequence[str],
        names: Sequence[str | None] | None = None,
        gbts: Sequence[str | None] | None = None,
        keep_hits: bool = False,
        cache: bool = True,
    ) -> BatchResult:
        """The vectorised classifier: each firm's segments as flat arrays.

        Without names or evidence the per-phrase cache answers (``_phrase_path``); otherwise (or with
        ``cache=False``) the whole batch is scanned at once. Both give the same numbers: a hit's weight
        depends only on its item.
        """
        if cache and not keep_hits and not (names is not None and any(names)):
            return self._phrase_path(scopes, gbts)
        return self._scan_path(scopes, names, gbts, keep_hits)

    def _scan_path(
        self,
        scopes: Sequence[str],
        names: Sequence[str | None] | None,
        gbts: Sequence[str | None] | None,
        keep_hits: bool,
    ) -> BatchResult:
        """One automaton pass over the joined batch, then numpy."""
        with_names = names is not None and any(names)
        if with_names and names is not None:
            scopes = [f"{n}{NAME_SEP}{s}" if n else s for s, n in zip(scopes, names, strict=True)]
        raw = DOC_SEP.join(scopes) + DOC_SEP
        doc, seg, term, strength, h_start, h_end = self._hits(raw, with_names)
        key, chosen, out_doc, out_seg, conf = self._combine(doc, seg, term, strength, gbts)
        sel = conf >= self.config.threshold
        hits = (key[chosen], h_start[chosen], h_end[chosen], strength[chosen]) if keep_hits else ()
        return BatchResult(out_doc[sel], out_seg[sel], conf[sel], raw if keep_hits else "", hits)

    def _hits(self, raw: str, with_names: bool = False) -> tuple[np.ndarray, ...]:
        """Every counted keyword hit in a DOC_SEP-joined text: (doc, segment, term, strength, start, end)."""
        cfg = self.config
        # Upper-casing through UTF-8 bytes touches ASCII only, so character offsets stay valid.
        text = raw.encode("utf-8").upper().decode("utf-8")
        codes = np.minimum(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32), 0xFFFF)
        doc_sep = np.flatnonzero(codes == ord(DOC_SEP))
        item_sep = np.flatnonzero(self._item[codes])
        sub_sep = np.flatnonzero(self._subitem[codes])

        found = list(self.automaton.iter_long(text))
        flat = np.array(found, dtype=np.int64).reshape(-1, 2)
        end, term = flat[:, 0], flat[:, 1]
        start = end - self._length[term] + 1
        # An ASCII term must stand alone: "CRO" inside "MICRO" is no evidence.
        glued = ((self._edge[term] & 1) > 0) & self._alnum[codes[np.maximum(start - 1, 0)]] & (start > 0)
        glued |= ((self._edge[term] & 2) > 0) & self._alnum[codes[np.minimum(end + 1, len(codes) - 1)]]
        counts = np.where(glued, 0, self._entry_count[term])
        hit = np.repeat(np.arange(len(term)), counts)
        entry = np.repeat(self._entry_start[term] - (np.cumsum(counts) - counts), counts) + np.arange(
            len(hit)
        )
        seg, h_start = self._entry_segment[entry], start[hit]

        # Verbs by bigram lookup: cheaper than making every 销售/服务 an automaton hit.
        cand = np.flatnonzero(self._verb_first[codes[:-1]])
        pairs = (codes[cand].astype(np.uint64) << np.uint64(16)) | codes[cand + 1].astype(np.uint64)
        pos = np.minimum(np.searchsorted(self._verb_bigrams, pairs), len(self._verb_bigrams) - 1)
        is_verb = self._verb_bigrams[pos] == pairs
        v_at, v_flag = cand[is_verb], self._verb_flags[pos[is_verb]]
        item_flags = np.zeros(len(item_sep) + 1, dtype=np.uint8)
        np.bitwise_or.at(item_flags, np.searchsorted(item_sep, v_at), v_flag)
        sub_flags = np.zeros(len(sub_sep) + 1, dtype=np.uint8)
        np.bitwise_or.at(sub_flags, np.searchsorted(sub_sep, v_at), v_flag)
        ctx = sub_flags[np.searchsorted(sub_sep, h_start)]
        ctx = np.where(ctx > 0, ctx, item_flags[np.searchsorted(item_sep, h_start)])
        context = np.select(
            [ctx & MAKE > 0, ctx & SERVICE > 0, ctx & TRADE > 0],
            [CONTEXT_MAKE, CONTEXT_SERVICE, CONTEXT_TRADE],
            CONTEXT_NONE,
        )
        weight = self._entry_weight[entry]
        strength = weight * self._factor[self._activity[seg], context]
        doc = np.searchsorted(doc_sep, h_start)
        if with_names:
            # In the name (before its doc's NAME_SEP) a hit says less than in the scope.
            name_end = np.flatnonzero(codes == ord(NAME_SEP))
            nxt = np.searchsorted(name_end, h_start)
            in_name = nxt < len(name_end)
            in_name[in_name] = np.searchsorted(doc_sep, name_end[nxt[in_name]]) == doc[in_name]
            strength = np.where(in_name, np.minimum(strength, cfg.name_factor * weight), strength)
        return doc, seg, term[hit], strength, h_start, end[hit] + 1

    def _combine(
        self,
        doc: np.ndarray,
        seg: np.ndarray,
        term: np.ndarray,
        strength: np.ndarray,
        gbts: Sequence[str | None] | None,
    ) -> tuple[np.ndarray, ...]:
        """Hits → confidence per (doc, segment): (key, chosen hits, doc, segment, confidence)."""
        n_seg = len(self.segment_labels)
        key = doc * n_seg + seg
        # The same term twice is one piece of evidence; keep its strongest occurrence.
        order = np.lexsort((-strength, term, key))
        first = np.ones(len(order), dtype=bool)
        first[1:] = (key[order][1:] != key[order][:-1]) | (term[order][1:] != term[order][:-1])
        chosen = order[first]
        keys, inverse = np.unique(key[chosen], return_inverse=True)
        miss = np.bincount(
            inverse, weights=np.log1p(-np.minimum(strength[chosen], 0.999)), minlength=len(keys)
        )
        conf = 1.0 - np.exp(miss)
        out_doc, out_seg = keys // n_seg, keys % n_seg
        if gbts is not None:
            conf = self._apply_classes(conf, out_doc, out_seg, gbts)
        return key, chosen, out_doc, out_seg, conf

    def _phrase_path(self, scopes: Sequence[str], gbts: Sequence[str | None] | None) -> BatchResult:
        """The batch through the per-phrase cache.

        Registered scopes are made of the catalogue's standard phrases, so a few thousand distinct items
        (between ；) recur across millions of firms. A hit's strength depends only on its item (the verbs
        of its sub-item or item, never a neighbour), and no term spans a ；, so each distinct item is
        scanned once and remembered as its (segment, term, strength) hits; a firm is the union of its
        items' hits, combined exactly as the full scan combines them.
        """
        # One string for the batch, every item separator made "；" and a lone DOC_SEP item between firms:
        # splitting it is one C call, and the DOC_SEP items (phrase id 0) mark where each firm starts.
        joined = f"；{DOC_SEP}；".join(scopes)
        for sep in _OTHER_ITEM_SEPS:
            if sep in joined:
                joined = joined.replace(sep, "；")
        flat = joined.split("；")
        known = self._phrase_ids
        pid = np.fromiter(map(known.get, flat, itertools.repeat(-1)), dtype=np.int64, count=len(flat))
        if (pid < 0).any():
            new = list(dict.fromkeys(p for p, i in zip(flat, pid.tolist(), strict=True) if i < 0))
            if len(known) + len(new) > PHRASE_CACHE_CAP:
                self._reset_phrase_cache()
                new = [p for p in dict.fromkeys(flat) if p != DOC_SEP]
            self._learn_phrases(new)
            known = self._phrase_ids
            pid = np.fromiter(map(known.__getitem__, flat), dtype=np.int64, count=len(flat))
        owner = np.cumsum(pid == 0)
        count = self._p_count[pid]
        has = count > 0
        pid, owner, count = pid[has], owner[has], count[has]
        total = int(count.sum())
        idx = np.repeat(self._p_start[pid] - (np.cumsum(count) - count), count) + np.arange(total)
        doc = np.repeat(owner, count)
        _, _, out_doc, out_seg, conf = self._combine(
            doc, self._h_seg[idx], self._h_term[idx], self._h_strength[idx], gbts
        )
        sel = conf >= self.config.threshold
        return BatchResult(out_doc[sel], out_seg[sel], conf[sel])

    def _learn_phrases(self, phrases: list[str]) -> None:
        """Scan new items once and append their hits to the cache."""
        doc, seg, term, strength, _, _ = self._hits(DOC_SEP.join(phrases) + DOC_SEP)
        order = np.argsort(doc, kind="stable")
        count = np.bincount(doc, minlength=len(phrases))
        base = len(self._h_seg)
        self._p_start = np.concatenate([self._p_start, base + np.cumsum(count) - count])
        self._p_count = np.concatenate([self._p_count, count])
        self._h_seg = np.concatenate([self._h_seg, seg[order]])
        self._h_term = np.concatenate([self._h_term, term[order]])
        self._h_strength = np.concatenate([self._h_strength, strength[order]])
        first = len(self._phrase_ids)
        self._phrase_ids.update(zip(phrases, range(first, first + len(phrases)), strict=True))

    def _reset_phrase_cache(self) -> None:
        # Phrase 0 is the DOC_SEP item between firms: no hits.
        self._phrase_ids = {DOC_SEP: 0}
        self._p_start = np.zeros(1, dtype=np.int64)
        self._p_count = np.zeros(1, dtype=np.int64)
        self._h_seg = np.zeros(0, dtype=np.int64)
        self._h_term = np.zeros(0, dtype=np.int64)
        self._h_strength = np.zeros(0, dtype=np.float64)

    def _apply_classes(
        self, conf: np.ndarray, docs: np.ndarray, segs: np.ndarray, gbts: Sequence[str | None]
    ) -> np.ndarray:
        """A GB/T class of the segment raises the confidence; a wholesale/retail class lowers a maker's."""
        cfg = self.config
        class_of = np.fromiter(
            (self._class_index.get(g or "", -1) for g in gbts), dtype=np.int64, count=len(gbts)
        )
        trader = np.fromiter(
            (bool(g and g[:2] in cfg.trade_divisions) for g in gbts), dtype=np.bool_, count=len(gbts)
        )
        cls = class_of[docs]
        agrees = (cls >= 0) & self._segment_class[segs, np.maximum(cls, 0)] & (conf >= cfg.gbt_floor)
        conf = np.where(agrees, conf + (1.0 - conf) * cfg.gbt_boost, conf)
        maker = self._activity[segs] == chaindefs.ACTIVITIES.index("make")
        return np.where(trader[docs] & maker, conf * cfg.trader_class_factor, conf)

    def evidence(self, result: BatchResult, doc: int, seg: int) -> tuple[str, ...]:
        """The scope fragments (between 、，；) that carried a segment's strongest keywords in a doc."""
        keys, starts, ends, strengths = result.hits
        mine = np.flatnonzero(keys == doc * len(self.segment_labels) + seg)
        phrases: list[str] = []
        for i in mine[np.argsort(-strengths[mine], kind="stable")]:
            s, e = int(starts[i]), int(ends[i])
            before = [m.end() for m in _BOUNDARY.finditer(result.text, max(0, s - 40), s)]
            after = _BOUNDARY.search(result.text, e, e + 40)
            phrase = result.text[
                before[-1] if before else max(0, s - 40) : after.start() if after else e + 40
            ]
            if phrase.strip() and phrase.strip() not in phrases:
                phrases.append(phrase.strip())
        return tuple(phrases[: self.config.max_evidence])


_DEFAULT: ScopeClassifier | None = None


def default_classifier() -> ScopeClassifier:
    """The classifier over the shipped chain definitions, built once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = ScopeClassifier(chaindefs.load_chains())
    return _DEFAULT
