"""Synthetic names that read as synthetic: every invented firm ends in （模拟）."""

from __future__ import annotations

import random

SYNTHETIC_MARK = "（模拟）"
_FIRST = [
    "渝澜",
    "嘉屿",
    "峡光",
    "锦川",
    "云栖",
    "青崖",
    "融江",
    "北辰",
    "南岭",
    "远帆",
    "恒拓",
    "启明",
    "泓泰",
    "瑞德",
    "驰远",
    "凌峰",
    "知行",
    "鸿途",
    "翔宇",
    "星渡",
]
_SECOND = [
    "智造",
    "科技",
    "新材",
    "动力",
    "电子",
    "精工",
    "医药",
    "生物",
    "物流",
    "数智",
    "文旅",
    "设计",
    "实业",
    "新能",
]


class NameMaker:
    """Unique, deterministic synthetic names from one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def firm(self, trade: str, suffix: str = "有限公司") -> str:
        for _attempt in range(1000):
            name = f"{self.rng.choice(_FIRST)}{self.rng.choice(_SECOND)}{trade}{suffix}{SYNTHETIC_MARK}"
            if name not in self.used:
                self.used.add(name)
                return name
        # Deterministic fallback once the small vocabulary runs dry.
        name = f"{self.rng.choice(_FIRST)}{trade}{len(self.used)}号{suffix}{SYNTHETIC_MARK}"
        self.used.add(name)
        return name


def project_name(investor, what: str) -> str:
    """A project named after its (synthetic) investor: 渝澜智造电池 + 生产基地项目 + （模拟）."""
    trade = investor.name.replace(SYNTHETIC_MARK, "")
    for suffix in ("股份有限公司", "有限公司"):
        trade = trade.removesuffix(suffix)
    mark = SYNTHETIC_MARK if investor.name.endswith(SYNTHETIC_MARK) else ""
    return f"{trade}{what}{mark}"
