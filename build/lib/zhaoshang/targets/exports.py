"""Excel exports of the cockpit, the rollup and the monthly statistics table (月度统计表).

Chinese headers, amounts in 亿元 with two decimals, a sheet per view, the header row frozen. The numbers
are the same objects the pages render.
"""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from zhaoshang.core.workbooks import to_bytes
from zhaoshang.lib import amounts
from zhaoshang.lib.periods import Period
from zhaoshang.targets.registry import METRICS, monthly

YI_FORMAT = "#,##0.00"
PCT_FORMAT = "0.0%"
HEADER_FILL = PatternFill("solid", fgColor="EEF2F7")


def _sheet(wb: Workbook, title: str, headers: list[str], first: bool = False) -> Worksheet:
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append(headers)
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    ws.freeze_panes = "A2"
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, len(header) * 2 + 2)
    return ws


def _value(value, unit: str):
    """A cell value: money in 亿元 (two decimals), ratios as fractions (shown as %), counts as integers."""
    if value is None:
        return None
    if unit in ("yuan", "usd"):
        return float(amounts.to_yi(value))
    return float(value) if unit == "ratio" else int(value)


def _format_row(ws: Worksheet, units: list[str | None]) -> None:
    for cell, unit in zip(ws[ws.max_row], units, strict=False):
        if unit in ("yuan", "usd"):
            cell.number_format = YI_FORMAT
        elif unit == "ratio":
            cell.number_format = PCT_FORMAT


def _save(wb: Workbook) -> bytes:
    return to_bytes(wb)


def cockpit_workbook(data: dict) -> bytes:
    wb = Workbook()
    ws = _sheet(
        wb,
        "考核指标",
        [
            "指标",
            "单位",
            "本期",
            "年初至今",
            "全年目标",
            "目标层级",
            "完成率",
            "时序进度",
            "超前/滞后（百分点）",
            "提前完成全年目标",
            "线性预测全年",
            "季节预测全年",
            "上年同期",
            "同比增长",
        ],
        first=True,
    )
    for row in data["assessment"].rows:
        r, unit = row.result, row.metric.unit
        ws.append(
            [
                str(row.metric.label),
                "亿元"
                if unit == "yuan"
                else ("亿美元" if unit == "usd" else ("%" if unit == "ratio" else "个")),
                _value(row.period_value, unit),
                _value(r.actual, unit),
                _value(r.target, unit),
                {"municipal": "市级任务", "district": "区级目标"}.get(row.level, ""),
                _value(r.completion, "ratio"),
                _value(r.time_progress, "ratio"),
                float(r.ahead_by_pp) if r.ahead_by_pp is not None else None,
                "是" if r.completed_early else "否",
                _value(r.forecast_linear, unit),
                _value(r.forecast_seasonal, unit),
                _value(r.previous, unit),
                _value(r.growth, "ratio"),
            ]
        )
        _format_row(
            ws, [None, None, unit, unit, unit, None, "ratio", "ratio", None, None, unit, unit, unit, "ratio"]
        )
    ws = _sheet(wb, "产业方向", ["产业方向", "签约项目数", "合同投资额（亿元）"])
    for d in data["directions"]:
        ws.append([d["name"], d["count"], d["yi"]])
        _format_row(ws, [None, None, "yuan"])
    ws = _sheet(wb, "重点项目", ["项目名称", "产业方向", "签约日期", "合同投资额（亿元）", "阶段"])
    for p in data["top"]:
        ws.append(
            [
                p.title,
                p.direction.name if p.direction else "",
                p.signed_on,
                _value(p.contract_investment, "yuan"),
                p.get_stage_display(),
            ]
        )
        _format_row(ws, [None, None, None, "yuan", None])
    return _save(wb)


def rollup_workbook(data: dict) -> bytes:
    wb = Workbook()
    label = str(data["metric"].label)
    ws = _sheet(
        wb,
        "区县排名",
        [
            "排名",
            "区县",
            "签约项目数",
            "合同投资额（亿元）",
            "制造业合同投资额（亿元）",
            f"{label}全年目标",
            "完成率",
            "时序进度",
            "超前/滞后（百分点）",
            "同比增长",
            "状态",
        ],
        first=True,
    )
    unit = data["metric"].unit
    for rank, row in enumerate(data["rows"], start=1):
        r = row.result
        ws.append(
            [
                rank,
                row.region.name,
                row.values["signed_projects"],
                _value(row.values["contract_investment"], "yuan"),
                _value(row.values["manufacturing_contract_investment"], "yuan"),
                _value(r.target, unit),
                _value(r.completion, "ratio"),
                _value(r.time_progress, "ratio"),
                float(r.ahead_by_pp) if r.ahead_by_pp is not None else None,
                _value(r.growth, "ratio"),
                STATUS_NAMES[r.status],
            ]
        )
        _format_row(ws, [None, None, None, "yuan", "yuan", unit, "ratio", "ratio", None, "ratio", None])
    t = data["total"]
    ws.append(
        [
            "",
            f"{data['parent'].name}合计",
            data["totals"]["signed_projects"],
            _value(data["totals"]["contract_investment"], "yuan"),
            _value(data["totals"]["manufacturing_contract_investment"], "yuan"),
            _value(t.target, unit),
            _value(t.completion, "ratio"),
            _value(t.time_progress, "ratio"),
            float(t.ahead_by_pp) if t.ahead_by_pp is not None else None,
            _value(t.growth, "ratio"),
            STATUS_NAMES[t.status],
        ]
    )
    _format_row(ws, [None, None, None, "yuan", "yuan", unit, "ratio", "ratio", None, "ratio", None])
    return _save(wb)


STATUS_NAMES = {
    "green": "绿（进度正常）",
    "yellow": "黄（略滞后）",
    "red": "红（明显滞后）",
    "none": "无目标",
}
MONTHLY_METRICS = [
    "signed_projects",
    "contract_investment",
    "manufacturing_contract_investment",
    "key_signed_projects",
    "projects_over_1b",
]


def monthly_rows(region_code: str, period: Period) -> list[dict]:
    """The 月度统计表: each month of the year through the period end, with the month and the cumulative."""
    ytd = period.year_to_date()
    by_month = monthly(region_code, ytd, MONTHLY_METRICS)
    running = dict.fromkeys(MONTHLY_METRICS, 0)
    rows = []
    for m in range(1, ytd.end.month + 1):
        values = by_month.get(date(ytd.year, m, 1), {})
        row = {"month": f"{ytd.year}年{m}月"}
        for key in MONTHLY_METRICS:
            running[key] += values.get(key) or 0
            row[key], row[f"{key}_cumulative"] = values.get(key) or 0, running[key]
        rows.append(row)
    return rows


def monthly_workbook(region_name: str, region_code: str, period: Period) -> bytes:
    wb = Workbook()
    headers, units = ["月份"], [None]
    for key in MONTHLY_METRICS:
        metric = METRICS[key]
        suffix = "（亿元）" if metric.unit == "yuan" else "（个）"
        headers += [f"{metric.label}{suffix}·当月", f"{metric.label}{suffix}·累计"]
        units += [metric.unit, metric.unit]
    ws = _sheet(wb, "月度统计表", headers, first=True)
    for row in monthly_rows(region_code, period):
        cells = [row["month"]]
        for key in MONTHLY_METRICS:
            unit = METRICS[key].unit
            cells += [_value(row[key], unit), _value(row[f"{key}_cumulative"], unit)]
        ws.append(cells)
        _format_row(ws, units)
    ws.append([])
    ws.append([f"填报单位：{region_name}", f"统计期间：{period.year_to_date().name_zh}"])
    return _save(wb)
