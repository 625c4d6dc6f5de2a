"""Trust features in real Chromium: a district administrator deletes a project to the recycle bin, restores
it and reads its 修改记录 (with where each change came from); a leader sees a confidential project by its
code name only. The screenshots illustrate docs/用户指南.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support import login
from zhaoshang.projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def a_lead_project() -> Project:
    return Project.objects.filter(region__code="500106", stage="lead", is_confidential=False).order_by("pk")[
        0
    ]


def test_delete_restore_and_read_the_history(page):
    project = a_lead_project()
    login(page, "spb_admin")
    page.goto(f"/projects/{project.pk}/")
    page.click("[data-testid=delete]")
    page.fill("textarea[name=reason]", "重复录入，以另一条为准")
    page.click("text=确认删除")
    page.wait_for_selector("text=可在回收站恢复")

    page.goto("/trash/")
    row = page.locator("tr", has_text=project.name)
    expect(row).to_contain_text("重复录入，以另一条为准")
    page.screenshot(path=str(SHOTS / "trash.png"), full_page=True)
    row.locator("button", has_text="恢复").click()
    page.wait_for_selector("text=已恢复")

    page.goto(f"/projects/{project.pk}/")
    page.click("[data-testid=history-link]")
    expect(page.locator("body")).to_contain_text("恢复")
    expect(page.locator("body")).to_contain_text("删除：重复录入，以另一条为准")
    expect(page.locator("body")).to_contain_text("127.0.0.1")  # the browser's address, recorded per change
    page.screenshot(path=str(SHOTS / "history.png"), full_page=True)


def test_a_leader_sees_a_confidential_project_by_its_code_name(page):
    project = Project.objects.filter(region__code="500106", is_confidential=True).order_by("pk")[0]
    investor = project.investors.first()
    login(page, "spb_leader")
    page.goto(f"/projects/?region=500106&q={project.code_name}")
    expect(page.locator("table")).to_contain_text(project.code_name)
    page.goto(f"/projects/{project.pk}/")
    body = page.locator("body")
    expect(body).to_contain_text(project.code_name)
    expect(body).to_contain_text("保密")
    assert project.name not in page.content()
    if investor is not None:
        assert investor.name not in page.content()
    page.screenshot(path=str(SHOTS / "confidential.png"), full_page=True)
