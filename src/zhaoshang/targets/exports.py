"""Excel exports of the cockpit, the rollup and the monthly statistics table (月度统计表).

Chinese headers, amounts in 亿元 with two decimals (the unit in every amount header), a sheet per view in
the bureau layout of core/workbooks (title, unit and cut-off row, print setup, borders). The numbers are
the same objects the pages render.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from zhaoshang.core.workbooks import (
    DATE,
    INTEGER,
    MONEY,
    RATIO,
    Heading,
    ListSheet,
    money,
    new_book,
    to_bytes,
)
from zhaoshang.lib import amounts
from zhaoshang.lib.periods import Period
from zhaoshang.targets.registry import METRICS, monthly

YI = "亿元"
UNIT_NAMES = {"yuan": "亿元", "usd": "亿美元", "ratio": "%", "count": "个"}
FORMATS = {"yuan": MONEY, "usd": MONEY, "ratio": RATIO, "count": INTEGER}
POINTS = "0.0"


def _value(value: Any, unit: str) -> Decimal | int | None:
    """A cell value: money in 亿元 (two decimals), ratios as fractions (shown as %), counts as integers."""
    if value is None:
        return None
    if unit in ("yuan", "usd"):
        return amounts.to_yi(value)
    return Decimal(value) if unit == "ratio" else int(value)


def _points(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def _measure(text: str, unit: str) -> Heading:
    """A column of one metric, its unit in the header: 亿元 (亿美元), 个 or a ratio shown as %."""
    if unit in ("yuan", "usd"):
        return money(text, UNIT_NAMES[unit])
    return Heading(text, number_format=RATIO) if unit == "ratio" else Heading(text, "个", INTEGER)


def _period_note(period: Period) -> str:
    return _("统计期间：%(period)s") % {"period": period.name_zh}


def cockpit_workbook(data: dict) -> bytes:
    region, period = data["region"], data["period"]
    book = new_book()
    # The assessment mixes amounts, counts and ratios by row: its 单位 column names each row's unit, and
    # each row's figures take that unit's format.
    sheet = ListSheet(
        book,
        _("考核指标"),
        title=_("%(region)s招商引资考核指标") % {"region": region.name},
        headings=[
            Heading(_("指标"), width=24),
            _("单位"),
            _("本期"),
            _("年初至今"),
            _("全年目标"),
            _("目标层级"),
            Heading(_("完成率"), number_format=RATIO),
            Heading(_("时序进度"), number_format=RATIO),
            Heading(_("超前/滞后"), _("百分点"), POINTS),
            _("提前完成全年目标"),
            _("线性预测全年"),
            _("季节预测全年"),
            _("上年同期"),
            Heading(_("同比增长"), number_format=RATIO),
        ],
        unit=_("见“单位”列"),
        note=_period_note(period),
    )
    for row in data["assessment"].rows:
        r, unit = row.result, row.metric.unit
        shown = FORMATS.get(unit)
        sheet.append(
            [
                str(row.metric.label),
                UNIT_NAMES.get(unit, ""),
                _value(row.period_value, unit),
                _value(r.actual, unit),
                _value(r.target, unit),
                {"municipal": _("市级任务"), "district": _("区级目标")}.get(row.level, ""),
                _value(r.completion, "ratio"),
                _value(r.time_progress, "ratio"),
                _points(r.ahead_by_pp),
                _("是") if r.completed_early else _("否"),
                _value(r.forecast_linear, unit),
                _value(r.forecast_seasonal, unit),
                _value(r.previous, unit),
                _value(r.growth, "ratio"),
            ],
            formats=[None, None, shown, shown, shown, None, None, None, None, None, shown, shown, shown],
        )
    sheet = ListSheet(
        book,
        _("产业方向"),
        title=_("%(region)s签约项目产业方向分布") % {"region": region.name},
        headings=[
            Heading(_("产业方向"), width=24),
            Heading(_("签约项目数"), "个", INTEGER),
            money(_("合同投资额"), YI),
        ],
        unit=YI,
        note=_period_note(period),
    )
    for d in data["directions"]:
        sheet.append([d["name"], d["count"], _value(d["amount"], "yuan")])
    sheet = ListSheet(
        book,
        _("重点项目"),
        title=_("%(region)s重点签约项目") % {"region": region.name},
        headings=[
            Heading(_("项目名称"), width=36),
            Heading(_("产业方向"), width=20),
            Heading(_("签约日期"), number_format=DATE),
            money(_("合同投资额"), YI),
            _("阶段"),
        ],
        unit=YI,
        note=_period_note(period),
    )
    for p in data["top"]:
        sheet.append(
            [
                p.title,
                p.direction.name if p.direction else "",
                p.signed_on,
                _value(p.contract_investment, "yuan"),
                p.get_stage_display(),
            ]
        )
    return to_bytes(book)


def rollup_workbook(data: dict) -> bytes:
    metric, parent, unit = data["metric"], data["parent"], data["metric"].unit
    book = new_book()
    sheet = ListSheet(
        book,
        _("区县排名"),
        title=_("%(city)s各区县招商引资排名（%(metric)s）") % {"city": parent.name, "metric": metric.label},
        headings=[
            _("排名"),
            _("区县"),
            Heading(_("签约项目数"), "个", INTEGER),
            money(_("合同投资额"), YI),
            money(_("制造业合同投资额"), YI),
            _measure(_("%(metric)s全年目标") % {"metric": metric.label}, unit),
            Heading(_("完成率"), number_format=RATIO),
            Heading(_("时序进度"), number_format=RATIO),
            Heading(_("超前/滞后"), _("百分点"), POINTS),
            Heading(_("同比增长"), number_format=RATIO),
            Heading(_("状态"), width=16),
        ],
        unit=YI,
        note=_period_note(data["ytd"]),
    )
    for rank, row in enumerate(data["rows"], start=1):
        r = row.result
        sheet.append(
            [
                rank,
                row.region.name,
                row.values["signed_projects"],
                _value(row.values["contract_investment"], "yuan"),
                _value(row.values["manufacturing_contract_investment"], "yuan"),
                _value(r.target, unit),
                _value(r.completion, "ratio"),
                _value(r.time_progress, "ratio"),
                _points(r.ahead_by_pp),
                _value(r.growth, "ratio"),
                STATUS_NAMES[r.status],
            ]
        )
    t = data["total"]
    sheet.append(
        [
            "",
            _("%(city)s合计") % {"city": parent.name},
            data["totals"]["signed_projects"],
            _value(data["totals"]["contract_investment"], "yuan"),
            _value(data["totals"]["manufacturing_contract_investment"], "yuan"),
            _value(t.target, unit),
            _value(t.completion, "ratio"),
            _value(t.time_progress, "ratio"),
            _points(t.ahead_by_pp),
            _value(t.growth, "ratio"),
            STATUS_NAMES[t.status],
        ]
    )
    return to_bytes(book)


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
    headings: list[Heading | str] = [_("月份")]
    for key in MONTHLY_METRICS:
        metric = METRICS[key]
        headings += [
            _measure(_("%(metric)s·当月") % {"metric": metric.label}, metric.unit),
            _measure(_("%(metric)s·累计") % {"metric": metric.label}, metric.unit),
        ]
    book = new_book()
    ytd = period.year_to_date()
    sheet = ListSheet(
        book,
        _("月度统计表"),
        title=_("%(region)s%(year)d年招商引资月度统计表") % {"region": region_name, "year": ytd.year},
        headings=headings,
        unit=YI,
        note=_("填报单位：%(region)s　统计期间：%(period)s") % {"region": region_name, "period": ytd.name_zh},
    )
    for row in monthly_rows(region_code, period):
        values: list[Any] = [row["month"]]
        for key in MONTHLY_METRICS:
            unit = METRICS[key].unit
            values += [_value(row[key], unit), _value(row[f"{key}_cumulative"], unit)]
        sheet.append(values)
    return to_bytes(book)
