"""The fact check of the seed article against the demo ledger: all ✓, and live."""

from __future__ import annotations

from datetime import date

import pytest

from zhaoshang.intake.factcheck import CONSISTENT, INCONSISTENT, NOT_COMPARABLE, check_document
from zhaoshang.intake.models import Fact, FactStatus
from zhaoshang.intake.services import accept_all, correct, review
from zhaoshang.projects.models import Project

pytestmark = pytest.mark.django_db
YI = 100_000_000


def _by_text(document) -> dict[str, object]:
    checks = check_document(document)
    return {f.text: checks[f.pk] for f in document.facts.all() if f.pk in checks}


def test_only_accepted_facts_are_checked(seed_document):
    assert check_document(seed_document) == {}
    fact = seed_document.facts.get(text="50个")
    review(fact=fact, accept=True)
    assert list(check_document(seed_document)) == [fact.pk]


def test_every_figure_of_the_seed_article_is_consistent_with_the_demo_ledger(seed_document, admin_user):
    accept_all(document=seed_document, user=admin_user)
    checks = _by_text(seed_document)
    assert len(checks) == 8
    assert {text: c.verdict for text, c in checks.items() if c.verdict != CONSISTENT} == {}
    assert checks["50个"].ledger_value == 50
    assert checks["超320亿元"].ledger_value == 32_050_000_000
    assert checks["超320亿元"].ledger_text == "320.5亿元"
    assert checks["超320亿元"].admitted_text == "320亿元–336亿元"
    assert checks["122亿元"].ledger_value == 12_200_000_000
    assert checks["近40%"].ledger_text == "38.1%"
    assert checks["109%"].ledger_text == "108.9%"
    assert (checks["26家"].ledger_value, checks["达42家"].ledger_value, checks["12家"].ledger_value) == (
        26,
        42,
        12,
    )


def test_each_ledger_number_links_to_the_rows_behind_it(seed_document, admin_client, admin_user):
    accept_all(document=seed_document, user=admin_user)
    checks = _by_text(seed_document)
    assert (
        checks["超320亿元"].link
        == "/projects/?metric=contract_investment&region=500106&period=2022H1&scope=key"
    )
    assert checks["109%"].link.endswith(
        "metric=manufacturing_contract_investment&region=500106&period=2022-06YTD"
    )
    assert checks["26家"].link == "/chains/nev/?region=500106"
    ledger = admin_client.get(checks["122亿元"].link)
    assert ledger.status_code == 200
    page = admin_client.get(seed_document.get_absolute_url()).content.decode()
    assert page.count('class="verdict consistent"') == 8 + 1  # eight rows and the summary
    assert (
        'href="/projects/?metric=manufacturing_contract_investment&amp;region=500106&amp;period=2022H1'
        in page
    )


def _h1_manufacturing_project() -> Project:
    return (
        Project.objects.filter(
            region__code="500106",
            is_key=True,
            is_manufacturing=True,
            signed_on__range=(date(2022, 1, 1), date(2022, 6, 30)),
        )
        .order_by("pk")
        .first()
    )


def test_changing_one_manufacturing_project_turns_the_manufacturing_claims_inconsistent(
    seed_document, admin_user
):
    accept_all(document=seed_document, user=admin_user)
    project = _h1_manufacturing_project()
    project.contract_investment += 2 * YI  # 124亿元: no longer "122亿元", and 124/112 = 110.7%
    project.save()
    checks = _by_text(seed_document)
    assert checks["122亿元"].verdict == INCONSISTENT
    assert checks["122亿元"].ledger_text == "124亿元"
    assert checks["109%"].verdict == INCONSISTENT
    # What the change does not touch stays consistent: the count, "超320亿元" (322.5亿), "近40%" (38.4%).
    assert {t: checks[t].verdict for t in ("50个", "超320亿元", "近40%", "26家")} == dict.fromkeys(
        ("50个", "超320亿元", "近40%", "26家"), CONSISTENT
    )


def test_a_correction_is_checked_as_re_entered(seed_document, admin_user):
    fact = seed_document.facts.get(text="超320亿元")
    correct(fact=fact, phrase="超330亿元", user=admin_user)
    fact.refresh_from_db()
    check = check_document(seed_document)[fact.pk]
    assert (fact.value, fact.qualifier, fact.original_text) == (33_000_000_000, "超", "超320亿元")
    assert check.verdict == INCONSISTENT and check.ledger_text == "320.5亿元"


def test_a_fact_in_another_period_is_compared_with_that_period(seed_document, admin_user):
    fact = seed_document.facts.get(text="50个")
    correct(fact=fact, period="2021H1", user=admin_user)
    check = check_document(seed_document)[fact.pk]
    assert check.verdict == INCONSISTENT and check.link.endswith("period=2021H1")


def test_a_fact_without_a_ledger_counterpart_is_not_comparable(admin_client):
    text = "2022年上半年，沙坪坝区实现工业总产值同比增长12%，新增市场主体3200户。"
    admin_client.post("/intake/new/", {"mode": "paste", "text": text, "published_on": "2022-08-04"})
    facts = list(Fact.objects.filter(document__text__contains="工业总产值"))
    assert facts
    for fact in facts:
        review(fact=fact, accept=True)
    checks = check_document(facts[0].document)
    assert {c.verdict for c in checks.values()} == {NOT_COMPARABLE}
    assert all(c.note for c in checks.values())
    assert Fact.objects.get(pk=facts[0].pk).status == FactStatus.ACCEPTED


def test_a_figure_of_one_signing_event_is_not_compared_with_the_period_total(seed_document):
    fact = seed_document.facts.get(text="50个")
    review(fact=fact, accept=True)
    assert check_document(seed_document)[fact.pk].verdict == CONSISTENT
    Fact.objects.filter(pk=fact.pk).update(single_event=True)
    check = check_document(seed_document)[fact.pk]
    assert check.verdict == NOT_COMPARABLE and check.note == "单次活动数字，不与期间合计比较"


def test_an_uploaded_ceremony_figure_is_marked_and_never_checked(admin_client):
    text = (
        "2022年上半年，沙坪坝区新签约重点产业项目50个。"
        "8月3日，沙坪坝区重大项目集中签约仪式举行，本次集中签约项目12个，总投资86亿元。"
    )
    admin_client.post("/intake/new/", {"mode": "paste", "text": text, "published_on": "2022-08-04"})
    facts = {f.text: f for f in Fact.objects.filter(document__text__contains="集中签约仪式")}
    assert not facts["50个"].single_event
    assert facts["12个"].single_event and facts["86亿元"].single_event
    for fact in facts.values():
        review(fact=fact, accept=True)
    checks = check_document(facts["12个"].document)
    assert checks[facts["12个"].pk].verdict == NOT_COMPARABLE
    assert checks[facts["86亿元"].pk].note == "单次活动数字，不与期间合计比较"
