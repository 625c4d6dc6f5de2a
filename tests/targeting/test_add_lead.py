"""“加入线索” trusts nothing the browser sends but a credit code (issue 14 defect 6): the firm is looked up
again in the universe, a missing code never matches an enterprise, fake codes and regions are refused and
a malformed candidate is a 400, not a 500."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from tests.targeting.test_pages import QUERY, universe, use_universe  # noqa: F401 (fixtures)
from zhaoshang.accounts.models import Role, User
from zhaoshang.chains.models import Segment
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.leads.models import Lead
from zhaoshang.regions.models import Region

pytestmark = pytest.mark.django_db

JIANGBEI = "500105"


@pytest.fixture
def jb_officer(client):
    user = User.objects.create(
        username="jb_officer_t", role=Role.OFFICER, region=Region.objects.get(code=JIANGBEI)
    )
    client.force_login(user)
    return client


def _segment() -> str:
    return str(Segment.objects.get(chain__key="nev", name=QUERY["segment"]).pk)


def _first_candidate(client, region: str) -> dict:
    html = client.get(reverse("targeting:page"), QUERY | {"region": region}).content.decode()
    payload = re.search(r'name="candidate" value="([^"]+)"', html).group(1).replace("&quot;", '"')
    return json.loads(payload)


def _post(client, candidate, region: str = JIANGBEI, segment: str | None = None):
    text = candidate if isinstance(candidate, str) else json.dumps(candidate, ensure_ascii=False)
    data = {"region": region, "segment": segment or _segment(), "candidate": text}
    return client.post(reverse("targeting:add_lead"), data)


def test_a_missing_credit_code_matches_no_enterprise(jb_officer):
    # The demo holds enterprises without a credit code (investors of confidential projects among them).
    assert (
        Enterprise.objects.filter(uscc="").exists() or Enterprise.objects.filter(uscc__isnull=True).exists()
    )
    before = Lead.objects.count()
    for candidate in ({"uscc": None, "name": "x"}, {"uscc": "", "name": "x"}, {"name": "x"}):
        response = _post(jb_officer, candidate)
        assert response.status_code == 400 and "缺少统一社会信用代码" in response.content.decode()
    assert Lead.objects.count() == before


@pytest.mark.parametrize(
    "candidate",
    ["", "not json", "[]", '"a string"', "123", "null", '{"uscc": 5}', '{"uscc": ["x"]}', "{" * 5000],
)
def test_a_malformed_candidate_is_a_400(jb_officer, candidate):
    response = _post(jb_officer, candidate)
    assert response.status_code == 400 and "候选企业" in response.content.decode()


def test_a_fake_credit_code_is_refused(jb_officer):
    response = _post(jb_officer, {"uscc": "91500000000000000X", "name": "假企业"})
    assert response.status_code == 400 and "统一社会信用代码" in response.content.decode()
    assert not Enterprise.objects.filter(name="假企业").exists()


def test_a_valid_code_that_is_not_a_candidate_is_refused(jb_officer):
    # An enterprise of the ledger with a well-formed code that the universe does not rank for this gap.
    known = Enterprise.objects.create(uscc="91500105MA5U0A0B11", name="本地已有企业（测试）")
    response = _post(jb_officer, {"uscc": known.uscc, "name": known.name})
    assert response.status_code == 400 and "企业库中没有" in response.content.decode()
    assert not Lead.objects.filter(enterprise=known, region__code=JIANGBEI, source="targeting").exists()


def test_the_firm_is_taken_from_the_universe_not_from_the_browser(jb_officer):
    real = _first_candidate(jb_officer, JIANGBEI)
    forged = real | {
        "name": "伪造名称",
        "district_code": "110101",
        "registered_capital": 1,
        "explanation": {"score": 99, "components": []},
    }
    response = _post(jb_officer, forged)
    lead = Lead.objects.get(enterprise__uscc=real["uscc"], region__code=JIANGBEI)
    assert response["Location"] == lead.get_absolute_url()
    enterprise = lead.enterprise
    if not Enterprise.objects.filter(uscc=real["uscc"]).exclude(pk=enterprise.pk).exists():
        assert enterprise.name == real["name"] != "伪造名称"
    assert lead.score_explanation == real["explanation"]


@pytest.mark.parametrize("region", ["500106", "500000", "110101", "999999"])
def test_a_region_out_of_reach_or_not_a_district_is_refused(jb_officer, region):
    real = _first_candidate(jb_officer, JIANGBEI)
    response = _post(jb_officer, real, region=region)
    assert response.status_code in (403, 404)
    assert not Lead.objects.filter(enterprise__uscc=real["uscc"]).exists()


def test_a_city_admin_cannot_put_a_lead_on_the_city(client, admin_user):
    client.force_login(admin_user)
    real = _first_candidate(client, "500106")
    response = _post(client, real, region="500000")
    assert response.status_code == 400 and "区县" in response.content.decode()


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/x",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:evil.example",
    ],
)
def test_next_never_leaves_the_site(jb_officer, target):
    # Defect 15: the duplicate answer redirected to any `next`, and `javascript:` was a 500.
    real = _first_candidate(jb_officer, JIANGBEI)
    _post(jb_officer, real)
    data = {"region": JIANGBEI, "segment": _segment(), "candidate": json.dumps(real), "next": target}
    response = jb_officer.post(reverse("targeting:add_lead"), data)
    assert response.status_code == 302 and response["Location"] == reverse("targeting:page")


def test_next_on_this_site_is_honoured(jb_officer):
    real = _first_candidate(jb_officer, JIANGBEI)
    _post(jb_officer, real)
    back = reverse("targeting:page") + "?region=" + JIANGBEI
    data = {"region": JIANGBEI, "segment": _segment(), "candidate": json.dumps(real), "next": back}
    response = jb_officer.post(reverse("targeting:add_lead"), data)
    assert response.status_code == 302 and response["Location"] == back
