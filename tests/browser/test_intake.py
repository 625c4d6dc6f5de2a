"""Intake in real Chromium: upload the seed page, review and accept its facts, see them all ✓ against the
demo ledger, and download the briefing as .docx and PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.support import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
SEED = ROOT / "tests" / "data" / "hualong-2022-08-04-shapingba.txt"
LEAD_FIGURES = [
    "引进重点产业项目50个",
    "合同投资额超320亿元",
    "其中制造业合同投资额122亿元",
    "占比近40%",
    "完成制造业全年市级任务目标的109%",
]


def test_a_reviewer_uploads_the_seed_page_accepts_its_facts_and_downloads_the_briefing(page, tmp_path):
    login(page)
    page.click("nav >> text=文档核查")
    page.click("text=录入文档")
    page.set_input_files("[data-testid=upload-form] input[name=file]", str(SEED))
    page.click("[data-testid=upload-form] button[type=submit]")
    page.wait_for_selector("text=已录入，提取到 8 个数字")
    rows = page.locator("[data-testid=fact]")
    assert rows.count() == 8
    assert page.locator("[data-testid=fact][data-status=pending]").count() == 8

    # One fact reviewed on its own, the rest accepted together.
    page.click("#fact-f1 [data-testid=accept]")
    page.wait_for_selector("#fact-f1[data-status=accepted]")
    assert page.text_content("#fact-f1 [data-testid=verdict] .verdict") == "✓"
    page.click("[data-testid=accept-all]")
    page.wait_for_selector("text=已采纳 7 条待审核事实")
    assert page.locator("[data-testid=fact][data-status=accepted]").count() == 8
    verdicts = page.locator("[data-testid=fact] [data-testid=verdict] .verdict").all_text_contents()
    assert verdicts == ["✓"] * 8
    assert page.text_content("#fact-f2 [data-testid=ledger] a") == "320.5亿元"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "intake.png"), full_page=True)

    page.click("nav >> text=简报")
    # A city administrator's briefing opens on the first district with projects: choose the article's own.
    page.select_option("select[name=region]", "500106")
    page.fill("input[name=period]", "2022H1")
    page.click("text=生成")
    assert page.text_content("[data-testid=headline]") == "上半年，沙坪坝区工业招商提前完成全年目标任务"
    for fmt in ("docx", "pdf"):
        with page.expect_download() as info:
            page.click(f"[data-testid=download-{fmt}]")
        path = tmp_path / f"briefing.{fmt}"
        info.value.save_as(path)
        text = _text_of(path)
        for figure in LEAD_FIGURES:
            assert figure in text, (fmt, figure)


def _text_of(path: Path) -> str:
    if path.suffix == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s+", "", out)
