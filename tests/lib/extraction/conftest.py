"""Fixtures for the extraction tests: the seed article, its gazetteer (built once), its result."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zhaoshang.lib.extraction.extract import extract_document
from zhaoshang.lib.extraction.gazetteer import EnterpriseName, Gazetteer
from zhaoshang.lib.extraction.schema import ExtractionResult

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "tests" / "data" / "hualong-2022-08-04-shapingba.txt"  # the scraped page, article twice
EVAL_DIR = REPO / "tests" / "data" / "extraction_eval"

SEED_ENTERPRISES = [
    EnterpriseName("赛力斯", ("赛力斯集团", "小康", "小康集团")),
    EnterpriseName("宁波拓普", ("拓普", "宁波拓普集团")),
    EnterpriseName("阿斯利康"),
    EnterpriseName("罗氏诊断"),
    EnterpriseName("西南药业"),
    EnterpriseName("鼎晶生物"),
    EnterpriseName("华为"),
]
SEED_DIRECTIONS = ["先进制造", "口岸经济", "设计产业", "数字经济", "文化旅游", "现代服务"]
SEED_SEGMENTS = [
    "电池", "动力电池", "电机", "电控", "一体化压铸", "智能座舱", "热管理", "增程式动力总成", "车载操作系统",
    "车载地图", "车联网", "体外诊断", "医疗器械", "整车进口", "冷链", "跨境电商",
]  # fmt: skip


@pytest.fixture(scope="session")
def seed_gazetteer() -> Gazetteer:
    return Gazetteer.from_reference(
        enterprises=SEED_ENTERPRISES, directions=SEED_DIRECTIONS, segments=SEED_SEGMENTS
    )


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")  # committed with the tests: a missing file must fail loudly


@pytest.fixture(scope="session")
def seed_result(seed_text: str, seed_gazetteer: Gazetteer) -> ExtractionResult:
    return extract_document(seed_text, document_date=date(2022, 8, 4), gazetteer=seed_gazetteer)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture
def extract(gazetteer: Gazetteer):  # type: ignore[no-untyped-def]
    """extract("…") with the default gazetteer and a document date of 2023-07-20."""

    def run(text: str, document_date: date | None = date(2023, 7, 20)) -> ExtractionResult:
        return extract_document(text, document_date=document_date, gazetteer=gazetteer)

    return run
