"""Round trip: the briefing the platform writes, read back by intake, gives the ledger's figures and
checks all ✓ — as text through the extract command, and as .txt and .docx through the upload form."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.support import call
from zhaoshang.intake.factcheck import CONSISTENT, check_document
from zhaoshang.intake.models import Document
from zhaoshang.intake.services import accept_all
from zhaoshang.lib.amounts import admitted_range, parse_quantity
from zhaoshang.lib.periods import parse_period
from zhaoshang.regions.models import Region
from zhaoshang.reports.services import build_briefing

pytestmark = pytest.mark.django_db


@pytest.fixture
def package():
    return build_briefing(region=Region.objects.get(code="500106"), period=parse_period("2022H1"))


def _written(text: str) -> str:
    return text.removeprefix("达")  # "规模企业达42家": 达 is the verb the briefing writes before 42家


def test_extracting_the_briefing_gives_back_the_ledgers_figures(package, tmp_path):
    path = tmp_path / "briefing.txt"
    path.write_bytes(package.render("txt"))
    data = json.loads(call("extract", str(path), "--json"))
    facts = data["facts"]
    citations = package.briefing.citations
    assert [_written(f["text"]) for f in facts] == [c.written for c in citations]  # each once, nothing more
    for fact, citation in zip(facts, citations, strict=True):
        ledger = citation.figure.value
        assert (
            Decimal(str(fact["value"])) == parse_quantity(citation.written).value
        )  # as the platform wrote it
        low, high = admitted_range(parse_quantity(fact["text"]))
        assert low <= ledger <= high, (fact["text"], ledger)  # and the ledger's value is what it admits
        if fact["unit_text"] in ("个", "家") or (fact["qualifier"] is None and fact["unit_text"] == "亿元"):
            assert fact["value"] == ledger  # counts and round amounts come back exactly
        assert (fact["region"]["code"], fact["period"]["label"]) == ("500106", "2022H1")


@pytest.mark.parametrize("fmt", ["txt", "md", "docx"])
def test_the_briefing_taken_in_checks_all_consistent(package, admin_client, fmt):
    file = SimpleUploadedFile(f"briefing.{fmt}", package.render(fmt))
    response = admin_client.post("/intake/new/", {"mode": "upload", "file": file})
    assert response.status_code == 302, response.content.decode()[:1000]
    document = Document.objects.get(original_name=f"briefing.{fmt}")
    assert (document.region.code, document.period) == ("500106", "2022H1")
    accept_all(document=document)
    checks = check_document(document)
    assert len(checks) == len(package.briefing.citations)
    assert {c.verdict for c in checks.values()} == {CONSISTENT}
    for fact in document.facts.all():
        citation = next(c for c in package.briefing.citations if c.written == _written(fact.text))
        assert checks[fact.pk].ledger_value == citation.figure.value
