"""Import real enterprise data (CSV, XLSX or Parquet) into a universe directory, batch by batch.

Source columns are mapped to universe fields (``--map 企业名称=name``); a column already named like a
field maps itself. Each row is checked — USCC checksum, region code known to GB/T 2260, numbers that
parse — and a rejected row goes to a report (row, column, value, reason in Chinese) instead of the
universe. Work happens in a temporary directory renamed into place at the end, so a failure leaves
nothing partial behind. Firms are classified into chain segments here, once.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from zhaoshang.lib.classify import ScopeClassifier, default_classifier
from zhaoshang.lib.universe import divisions as div
from zhaoshang.lib.universe.sources import FIELD_LABELS, REQUIRED, ImportFileError, read_batches
from zhaoshang.lib.universe.uscc import normalize, valid_mask

BATCH_ROWS = 50_000
TRUE, FALSE = {"1", "true", "t", "y", "yes", "是", "有"}, {"0", "false", "f", "n", "no", "否", "无", ""}


@dataclass(frozen=True)
class Rejection:
    """One reason a row was refused: its row number in the file, the column, the value, why."""

    row: int
    column: str
    value: str
    reason: str


@dataclass(frozen=True)
class ImportSummary:
    """Outcome of an import: rows read, kept, refused, segment rows, and where the report is."""

    rows: int
    accepted: int
    rejected: int
    segment_rows: int
    out: Path
    report: Path


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``["企业名称=name", …]`` → {source column: field}; refuses unknown fields in Chinese."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or not column.strip() or field.strip() not in FIELD_LABELS:
            raise ImportFileError(
                f"字段映射「{pair}」无效，应为 列名=字段，字段可选：{'、'.join(FIELD_LABELS)}"
            )
        mapping[column.strip()] = field.strip()
    return mapping


class _Batch:
    """Validates one batch of source rows into universe columns, collecting rejections."""

    def __init__(
        self,
        rows: dict[str, list[Any]],
        columns: dict[str, str],
        first_row: int,
        divisions: dict[str, div.Division],
    ) -> None:
        self.n = len(next(iter(rows.values())))
        self.raw = {field: rows[col] for field, col in columns.items()}
        self.columns, self.first_row, self.divisions = columns, first_row, divisions
        self.ok = np.ones(self.n, dtype=bool)
        self.rejections: list[Rejection] = []

    def reject(self, mask: np.ndarray, field: str, reason: str) -> None:
        for i in np.flatnonzero(mask & self.ok):
            value = self.raw[field][i]
            self.rejections.append(
                Rejection(
                    self.first_row + int(i), self.columns[field], "" if value is None else str(value), reason
                )
            )
        self.ok &= ~mask

    def text(self, field: str) -> list[str]:
        return [("" if v is None else str(v)).strip() for v in self.raw.get(field, [None] * self.n)]

    def number(
        self, field: str, label: str, integer: bool = False, low: float = 0, high: float = 1e18
    ) -> np.ndarray:
        out = np.zeros(self.n)
        bad = np.zeros(self.n, dtype=bool)
        for i, v in enumerate(self.text(field) if field in self.raw else []):
            try:
                out[i] = float(v.replace(",", "")) if v else 0.0
                bad[i] = not (low <= out[i] <= high) or (integer and out[i] != int(out[i]))
            except ValueError:
                bad[i] = True
        self.reject(bad, field, f"{label}不是有效{'整数' if integer else '数字'}")
        return out

    def flag(self, field: str, label: str) -> np.ndarray:
        values = [v.lower() for v in self.text(field)] if field in self.raw else [""] * self.n
        self.reject(np.array([v not in TRUE | FALSE for v in values], dtype=bool), field, f"{label}应为是/否")
        return np.array([v in TRUE for v in values], dtype=bool)


def _validate(batch: _Batch, seen: set[str]) -> dict[str, Any]:
    uscc = [normalize(v) for v in batch.text("uscc")]
    batch.reject(~valid_mask(uscc), "uscc", "统一社会信用代码校验位错误或格式不符（GB 32100-2015）")
    names = batch.text("name")
    batch.reject(np.array([not n for n in names], dtype=bool), "name", "企业名称为空")
    region = batch.text("district_code")
    known = np.array([r in batch.divisions for r in region], dtype=bool)
    batch.reject(~known, "district_code", "行政区划代码不在 GB/T 2260 代码表中")
    values = {
        "uscc": uscc,
        "name": names,
        "region": region,
        "gbt_class": batch.text("gbt_class"),
        "scope": batch.text("scope"),
        "group_name": batch.text("group_name"),
        "registered_capital": batch.number("registered_capital", "注册资本"),
        "employees": batch.number("employees", "从业人数", integer=True),
        "founded_year": batch.number("founded_year", "成立年份", integer=True, low=0, high=2100),
        "branch_count": batch.number("branch_count", "分支机构数", integer=True),
        "is_above_scale": batch.flag("is_above_scale", "规上标志"),
        "is_listed": batch.flag("is_listed", "上市标志"),
        "capital_increase_recent": batch.flag("capital_increase_recent", "近期增资标志"),
        "new_branch_recent": batch.flag("new_branch_recent", "近期新设分支标志"),
    }
    # Checked last, so a row refused for another reason does not make a later twin a duplicate.
    dup = np.zeros(batch.n, dtype=bool)
    for i in np.flatnonzero(batch.ok):
        dup[i] = uscc[i] in seen
        seen.add(uscc[i])
    batch.reject(dup, "uscc", "统一社会信用代码重复")
    return values


def _tables(
    v: dict[str, Any],
    keep: np.ndarray,
    first_id: int,
    divisions: dict[str, div.Division],
    classifier: ScopeClassifier,
) -> tuple[pa.Table, pa.Table]:
    idx = np.flatnonzero(keep)
    pick = lambda key: [v[key][i] for i in idx]  # noqa: E731
    places = [divisions[r] for r in pick("region")]
    firm_id = np.arange(first_id, first_id + len(idx), dtype=np.int64)
    firms = pa.table(
        {
            "firm_id": firm_id,
            "uscc": pick("uscc"),
            "name": pick("name"),
            "province_code": [p.province_code for p in places],
            "city_code": [div.city_code_of(p, divisions) for p in places],
            "district_code": [p.code for p in places],
            "lat": [p.lat for p in places],
            "lon": [p.lon for p in places],
            "gbt_class": [g or None for g in pick("gbt_class")],
            "registered_capital": v["registered_capital"][idx].round().astype(np.int64),
            "founded_year": v["founded_year"][idx].astype(np.int16),
            "employees": v["employees"][idx].astype(np.int32),
            "is_above_scale": v["is_above_scale"][idx],
            "is_listed": v["is_listed"][idx],
            "scope": pick("scope"),
            "branch_count": v["branch_count"][idx].astype(np.int16),
            "capital_increase_recent": v["capital_increase_recent"][idx],
            "new_branch_recent": v["new_branch_recent"][idx],
            "group_name": [g or None for g in pick("group_name")],
        }
    )
    result = classifier.classify_arrays(pick("scope"), pick("name"), pick("gbt_class"), keep_hits=True)
    rows = result.doc.astype(np.int64)
    labels = classifier.segment_labels
    segments = firms.select(["firm_id", "uscc", "name", "province_code", "city_code", "district_code"]).take(
        pa.array(rows)
    )
    segments = (
        segments.append_column("chain", pa.array([labels[s][0] for s in result.segment], pa.string()))
        .append_column("segment", pa.array([labels[s][1] for s in result.segment], pa.string()))
        .append_column("confidence", pa.array(result.confidence.round(4)))
        .append_column(
            "evidence",
            pa.array(
                [
                    "；".join(classifier.evidence(result, int(d), int(s)))
                    for d, s in zip(result.doc, result.segment, strict=True)
                ],
                pa.string(),
            ),
        )
    )
    return firms, segments


def import_universe(
    source: Path,
    out: Path,
    mapping: dict[str, str],
    report: Path | None = None,
    progress: Callable[[int], None] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> ImportSummary:
    """Import ``source`` into the universe directory ``out`` (replaced only once all went well)."""
    report = report or out.with_name(out.name + ".rejected.csv")
    if out.exists() and any(out.iterdir()) and not (out / "manifest.json").exists():
        raise ImportFileError(f"输出目录 {out} 已存在且不是企业库，拒绝覆盖")
    divisions = div.load_divisions()
    classifier = default_classifier()
    tmp = out.with_name(out.name + ".importing")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp_report = report.with_name(report.name + ".tmp")
    try:
        (tmp / "firms").mkdir(parents=True)
        (tmp / "firm_segments").mkdir()
        seen: set[str] = set()
        rows = accepted = rejected = segment_rows = 0
        with tmp_report.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["行号", "列", "值", "原因"])
            for part, (first_row, columns, data) in enumerate(_batches(source, mapping, batch_rows)):
                batch = _Batch(data, columns, first_row, divisions)
                values = _validate(batch, seen)
                writer.writerows((r.row, r.column, r.value, r.reason) for r in batch.rejections)
                firms, segments = _tables(values, batch.ok, accepted, divisions, classifier)
                pq.write_table(firms, tmp / "firms" / f"part-{part:05d}.parquet", compression="zstd")
                pq.write_table(
                    segments, tmp / "firm_segments" / f"part-{part:05d}.parquet", compression="zstd"
                )
                rows, accepted = rows + batch.n, accepted + firms.num_rows
                rejected, segment_rows = rejected + batch.n - firms.num_rows, segment_rows + segments.num_rows
                if progress:
                    progress(batch.n)
        if rows == 0:
            raise ImportFileError("文件中没有数据行")
        manifest = {
            "rows": accepted,
            "segment_rows": segment_rows,
            "source": source.name,
            "read": rows,
            "rejected": rejected,
            "synthetic": False,
        }
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp_report.unlink(missing_ok=True)
        raise
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    tmp_report.replace(report)
    return ImportSummary(rows, accepted, rejected, segment_rows, out, report)


def _batches(
    source: Path, mapping: dict[str, str], batch_rows: int
) -> Iterator[tuple[int, dict[str, str], dict]]:
    """(first row number, field → source column, column → values) for each batch of the file."""
    columns: dict[str, str] | None = None
    for first_row, header, data in read_batches(source, batch_rows):
        if columns is None:
            columns = {mapping.get(h, h): h for h in header if mapping.get(h, h) in FIELD_LABELS}
            missing = [f"{FIELD_LABELS[f]}（{f}）" for f in REQUIRED if f not in columns]
            if missing:
                raise ImportFileError(f"缺少必需字段：{'、'.join(missing)}；请用 --map 源列名=字段 指定")
        yield first_row, columns, data
