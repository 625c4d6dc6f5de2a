"""What an import did, or would do: counts, row outcomes and row-level errors in Chinese."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from django.utils.translation import gettext as _

from zhaoshang.records.imports.header import Skipped

Action = Literal["create", "change", "unchanged"]


@dataclass(frozen=True)
class RowError:
    """One refusal: the row as Excel numbers it (the header is row 1), the column, the value and why."""

    row: int
    column: str
    value: str
    why: str

    def __str__(self) -> str:
        if self.row <= 1:  # the file itself, or its header row
            return _("%(where)s：%(why)s") % {"where": _("表头") if self.row else _("文件"), "why": self.why}
        where = _("第 %(n)d 行") % {"n": self.row}
        column = _("“%(c)s”列") % {"c": self.column} if self.column else ""
        value = _("（值：%(v)s）") % {"v": self.value} if self.value else ""
        return f"{where}{column}{value}：{self.why}"


@dataclass(frozen=True)
class Change:
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class RowOutcome:
    row: int
    action: Action
    label: str
    changes: tuple[Change, ...] = ()


@dataclass
class ImportReport:
    """The result of `run_import`: nothing is written unless `committed` is true."""

    kind: str
    dry_run: bool
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    outcomes: list[RowOutcome] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    side_effects: dict[str, int] = field(default_factory=dict)  # e.g. {"新建投资方企业": 3}
    total_rows: int = 0
    committed: bool = False
    header_row: int = 1  # where the header was found (under a sheet's title rows)
    units: dict[str, str] = field(default_factory=dict)  # money column header -> "亿元（表头）"
    implied: dict[str, str] = field(default_factory=dict)  # column left out -> the value it takes
    skipped: list[Skipped] = field(default_factory=list)  # 合计/小计, section and note rows

    def understood(self) -> list[str]:
        """What the import made of the sheet's layout, in Chinese, for the dry run's report."""
        lines = [_("表头在第 %(n)d 行。") % {"n": self.header_row}]
        if self.units:
            units = "；".join(f"{h}：{u}" for h, u in self.units.items())
            lines.append(_("金额单位：%(units)s。") % {"units": units})
        for header, value in self.implied.items():
            lines.append(_("文件中没有“%(column)s”列：取“%(value)s”。") % {"column": header, "value": value})
        if self.skipped:
            rows = "、".join(
                _("第 %(n)d 行（%(why)s）") % {"n": s.row, "why": s.why} for s in self.skipped[:20]
            )
            more = _("等 %(n)d 行") % {"n": len(self.skipped)} if len(self.skipped) > 20 else ""
            lines.append(_("已跳过：%(rows)s%(more)s。") % {"rows": rows, "more": more})
        return lines

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def rejected(self) -> int:
        """The number of rows refused (a row with several errors counts once)."""
        return len(self.rejected_rows)

    @property
    def rejected_rows(self) -> list[int]:
        """Data rows refused (the header row and file-level problems are not rows)."""
        return sorted({e.row for e in self.errors if e.row > 1})

    def add(self, outcome: RowOutcome) -> None:
        self.outcomes.append(outcome)
        if outcome.action == "create":
            self.created += 1
        elif outcome.action == "change":
            self.changed += 1
        else:
            self.unchanged += 1

    def fail(self, why: str, *, row: int = 0, column: str = "", value: str = "") -> None:
        self.errors.append(RowError(row, column, value, why))

    def of(self, action: Action) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.action == action]

    def summary(self) -> str:
        if self.errors and not self.rejected:
            return _("导入未执行：%(why)s") % {"why": "；".join(str(e) for e in self.errors[:3])}
        if self.errors:
            return _("导入未执行：%(n)d 行有错误（共 %(e)d 处），请更正后重新上传；数据库未作任何修改。") % {
                "n": self.rejected,
                "e": len(self.errors),
            }
        figures = {"c": self.created, "u": self.changed, "s": self.unchanged}
        if self.committed:
            return _("已导入：新增 %(c)d 条，更新 %(u)d 条，未变 %(s)d 条。") % figures
        return _("试导入（未写入）：将新增 %(c)d 条，更新 %(u)d 条，未变 %(s)d 条。") % figures
