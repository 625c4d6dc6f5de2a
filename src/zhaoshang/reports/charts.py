"""The briefing's charts as PNG (matplotlib, Agg, Noto Sans CJK for the Chinese labels): completion of
each target against time progress, and contract investment by industry direction. Figures are written
through lib.amounts, like every other number."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

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


DPI = 200  # print resolution: a 7-inch chart placed 15 cm wide in the .docx prints at about 235 dpi


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


@contextmanager
def drawing(figsize: tuple[float, float]) -> Iterator[tuple[Any, Any]]:
    """A figure and its axes, drawn one at a time (pyplot's global state) and closed afterwards."""
    with _LOCK:
        plt = _pyplot()
        fig, ax = plt.subplots(figsize=figsize)
        try:
            yield fig, ax
        finally:
            plt.close(fig)


def _wrap(label: str, width: int) -> str:
    """A Chinese label broken every `width` characters, so neighbouring category labels never touch."""
    return "\n".join(label[i : i + width] for i in range(0, len(label), width)) or label


def _draw_completion(fig, ax, f: BriefingFigures) -> None:
    bars = list(f.completions)
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
    for y, b in enumerate(bars[::-1]):
        ax.text(float(b.value) * 100 + 1, y, format_percent(b.value), va="center", fontsize=9)
    ax.set_title(f"{f.region_name}{f.period.name_zh}目标完成情况")
    ax.set_xlim(0, max([*values, float(f.time_progress) * 100, 100]) * 1.22)
    ax.set_xlabel("完成率（%）", loc="left")
    # below the axes, at the right: clear of the bars, their values and the axis label
    ax.legend(loc="upper right", bbox_to_anchor=(1.0, -0.08), fontsize=9, frameon=False)


def _draw_directions(fig, ax, f: BriefingFigures) -> None:
    bars = [b for b in f.by_direction if b.value > 0]
    heights = [float(to_yi(b.value)) for b in bars]
    slot = ax.get_position().width * fig.get_figwidth() / max(len(bars), 1)  # inches per bar
    width = max(1, int(slot * 72 / 11))  # characters of 9 pt that fit beside each other, with a gap
    ax.bar([_wrap(b.label, width) for b in bars], heights, color=BLUE)
    for x, (b, height) in enumerate(zip(bars, heights, strict=True)):
        ax.text(
            x,
            height,
            format_amount(b.value, style="exact", unit="亿元"),
            ha="center",
            va="bottom",
            fontsize=8 if slot >= 0.8 else 7,
            rotation=0 if slot >= 0.6 else 90,
        )
    ax.set_ylim(0, max(heights) * (1.15 if slot >= 0.6 else 1.45))
    ax.set_ylabel("合同投资额（亿元）")
    ax.set_title(f"{f.region_name}{f.period.name_zh}各产业方向合同投资额")
    ax.tick_params(axis="x", labelsize=9)


def completion_chart(f: BriefingFigures) -> bytes | None:
    """Horizontal bars: completion of every metric with an annual target, and the time-progress line."""
    if not f.completions:
        return None
    with drawing((7, 0.5 * len(f.completions) + 1.6)) as (fig, ax):
        _draw_completion(fig, ax, f)
        return _png(fig)


def direction_chart(f: BriefingFigures) -> bytes | None:
    """Bars: contract investment signed in the period per industry direction (bar values in yuan)."""
    if not any(b.value > 0 for b in f.by_direction):
        return None
    with drawing((7, 3.4)) as (fig, ax):
        _draw_directions(fig, ax, f)
        return _png(fig)


DRAWERS = {"completion": _draw_completion, "directions": _draw_directions}


def overlapping_labels(fig) -> list[tuple[str, str]]:
    """Pairs of texts of a drawn figure (title, axis and tick labels, bar values, legend) whose boxes
    intersect: what a chart must never print."""
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [
        (t.get_text(), t.get_window_extent(renderer))
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]
    found = []
    for i, (text, box) in enumerate(boxes):
        for other, other_box in boxes[i + 1 :]:
            if box.overlaps(other_box):
                found.append((text, other))
    return found


def charts(f: BriefingFigures) -> list[tuple[str, bytes]]:
    """(caption, PNG) of every chart the figures support."""
    found = [
        ("图1 目标完成率与时序进度", completion_chart(f)),
        ("图2 各产业方向合同投资额（亿元）", direction_chart(f)),
    ]
    return [(caption, png) for caption, png in found if png]
