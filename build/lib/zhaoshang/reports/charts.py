"""The briefing's charts as PNG (matplotlib, Agg, Noto Sans CJK for the Chinese labels): completion of
each target against time progress, and contract investment by industry direction. Figures are written
through lib.amounts, like every other number."""

from __future__ import annotations

import io
import os
import threading
from decimal import Decimal

from zhaoshang.lib.amounts import format_amount, format_percent, to_yi
from zhaoshang.lib.briefing import BriefingFigures

FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"]
BLUE, GREEN, RED, GREY = "#1d4ed8", "#16a34a", "#dc2626", "#6b7280"
# pyplot keeps global state: one chart at a time per process.
_LOCK = threading.Lock()


def _ensure_cjk_font() -> None:
    """matplotlib caches the system's font list when first used: Noto CJK installed after that (`make
    system-deps` on a machine where matplotlib already ran) would be missing and every Chinese label
    would print as empty boxes. Add the installed files to the font list instead."""
    from matplotlib import font_manager

    if any(f.name.startswith("Noto Sans CJK") for f in font_manager.fontManager.ttflist):
        return
    for path in font_manager.findSystemFonts():
        if os.path.basename(path).startswith("NotoSansCJK"):
            font_manager.fontManager.addfont(path)


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _ensure_cjk_font()

    plt.rcParams.update({"font.family": "sans-serif", "font.sans-serif": FONTS, "axes.unicode_minus": False})
    return plt


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def completion_chart(f: BriefingFigures) -> bytes | None:
    """Horizontal bars: completion of every metric with an annual target, and the time-progress line."""
    bars = [b for b in f.completions]
    if not bars:
        return None
    with _LOCK:
        plt = _pyplot()
        fig, ax = plt.subplots(figsize=(7, 0.5 * len(bars) + 1.4))
        labels = [b.label for b in bars][::-1]
        values = [float(b.value) * 100 for b in bars][::-1]
        colours = [GREEN if Decimal(str(v / 100)) >= f.time_progress else RED for v in values]
        ax.barh(labels, values, color=colours)
        ax.axvline(
            float(f.time_progress) * 100,
            color=GREY,
            linestyle="--",
            linewidth=1,
            label=f"时序进度 {format_percent(f.time_progress)}",
        )
        ax.legend(loc="lower right", fontsize=9, frameon=False)
        for y, b in enumerate(bars[::-1]):
            ax.text(float(b.value) * 100 + 1, y, format_percent(b.value), va="center", fontsize=9)
        ax.set_xlabel("完成率（%）")
        ax.set_title(f"{f.region_name}{f.period.name_zh}目标完成情况")
        ax.set_xlim(0, max([*values, float(f.time_progress) * 100, 100]) * 1.18)
        data = _png(fig)
        plt.close(fig)
    return data


def direction_chart(f: BriefingFigures) -> bytes | None:
    """Bars: contract investment signed in the period per industry direction (bar values in yuan)."""
    bars = [b for b in f.by_direction if b.value > 0]
    if not bars:
        return None
    with _LOCK:
        plt = _pyplot()
        fig, ax = plt.subplots(figsize=(7, 3.2))
        heights = [float(to_yi(b.value)) for b in bars]
        ax.bar([b.label for b in bars], heights, color=BLUE)
        for x, (b, height) in enumerate(zip(bars, heights, strict=True)):
            ax.text(
                x,
                height,
                format_amount(b.value, style="exact", unit="亿元"),
                ha="center",
                va="bottom",
                fontsize=8,
            )
        ax.set_ylabel("合同投资额（亿元）")
        ax.set_title(f"{f.region_name}{f.period.name_zh}各产业方向合同投资额")
        ax.tick_params(axis="x", labelsize=9)
        data = _png(fig)
        plt.close(fig)
    return data


def charts(f: BriefingFigures) -> list[tuple[str, bytes]]:
    """(caption, PNG) of every chart the figures support."""
    found = [
        ("图1 目标完成率与时序进度", completion_chart(f)),
        ("图2 各产业方向合同投资额（亿元）", direction_chart(f)),
    ]
    return [(caption, png) for caption, png in found if png]
