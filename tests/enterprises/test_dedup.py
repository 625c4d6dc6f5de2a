"""Duplicate enterprises: found by code and by fuzzy name, merged on a screen that keeps their history."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.records.conftest import _user
from tests.records.imports_support import make_uscc
from zhaoshang.accounts.models import Role
from zhaoshang.chains.models import ChainMember, Segment
from zhaoshang.enterprises.dedup import (
    MergeError,
    find_duplicates,
    merge_enterprises,
    merge_refusal,
    normalise_name,
)
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.leads.models import Lead, Visit
from zhaoshang.projects.models import Project
from zhaoshang.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("赛力斯汽车有限公司（模拟）", "赛力斯汽车"),
        ("重庆长安汽车股份有限公司", "重庆长安汽车"),
        ("某某集团有限公司", "某某"),
        ("某某 科技 有限责任公司", "某某科技"),
        ("有限公司", "有限公司"),
    ],
)
def test_names_are_compared_without_legal_suffixes_and_the_synthetic_mark(name, key):
    assert normalise_name(name) == key


def _firm(name: str, uscc: str | None = None, **fields) -> Enterprise:
    return Enterprise.objects.create(name=name, uscc=uscc, **fields)


def test_duplicates_are_found_by_name_former_name_and_similarity_but_never_across_codes():
    a = _firm("京东城测试智能科技研究院有限公司", make_uscc(41))
    b = _firm("京东城测试智能科技研究院股份有限公司（模拟）")
    c = _firm("京东城测试智能科枝研究院有限公司")
    d = _firm("京东城测试智能科技研究院有限公司", make_uscc(42))  # same name, another legal person
    e = _firm("新名字有限公司", former_names=["京东城测试智能科技研究院"])
    pairs = {
        (p.first.pk, p.second.pk): p
        for p in find_duplicates(Enterprise.objects.filter(pk__in=[a.pk, b.pk, c.pk, d.pk, e.pk]))
    }
    assert pairs[(a.pk, b.pk)].score == 100 and pairs[(b.pk, e.pk)].score == 100
    assert 90 <= pairs[(a.pk, c.pk)].score < 100 and "相似" in pairs[(a.pk, c.pk)].reason
    assert (a.pk, d.pk) not in pairs


@pytest.fixture
def pair(db):
    dongcheng = Region.objects.get(code="110101")
    survivor = _firm("东城合并测试有限公司", make_uscc(43), former_names=["旧名甲"])
    other = _firm(
        "东城合并测试股份有限公司",
        short_name="合并测试",
        former_names=["旧名乙"],
        registered_capital=10**8,
        is_above_scale=True,
    )
    project = Project.objects.create(
        name="东城合并项目", region=dongcheng, stage="lead", lead_on=date(2022, 1, 1)
    )
    project.investors.set([other])
    both = Project.objects.create(
        name="东城共同项目", region=dongcheng, stage="lead", lead_on=date(2022, 1, 1)
    )
    both.investors.set([survivor, other])
    kept = Lead.objects.create(enterprise=survivor, region=dongcheng, notes="保留的线索")
    merged = Lead.objects.create(enterprise=other, region=dongcheng, notes="并入的线索")
    Visit.objects.create(lead=merged, visited_on=date(2022, 3, 1), summary="走访")
    segment = Segment.objects.first()
    ChainMember.objects.create(segment=segment, enterprise=other, region=dongcheng)
    return {
        "survivor": survivor,
        "other": other,
        "project": project,
        "both": both,
        "kept": kept,
        "merged": merged,
        "segment": segment,
    }


def test_a_merge_moves_projects_leads_and_chain_places_and_keeps_names_and_history(pair, admin_user):
    survivor, other = pair["survivor"], pair["other"]
    moved = merge_enterprises(survivor=survivor, others=[other], user=admin_user)
    survivor.refresh_from_db()
    assert not Enterprise.objects.filter(pk=other.pk).exists()
    assert list(pair["project"].investors.all()) == [survivor] and list(pair["both"].investors.all()) == [
        survivor
    ]
    assert list(Lead.objects.filter(enterprise=survivor)) == [pair["kept"]]
    kept = Lead.objects.get(pk=pair["kept"].pk)
    assert kept.visits.count() == 1 and "并入的线索" in kept.notes
    assert ChainMember.objects.filter(enterprise=survivor, segment=pair["segment"]).exists()
    assert survivor.former_names == ["旧名甲", "东城合并测试股份有限公司", "旧名乙"] and survivor.aliases == [
        "合并测试"
    ]
    assert survivor.registered_capital == 10**8 and survivor.is_above_scale
    assert moved["项目"] == 1
    gone = Enterprise.history.filter(id=other.pk).latest("history_date")
    assert (
        gone.history_type == "-" and "并入" in gone.history_change_reason and gone.history_user == admin_user
    )
    assert "合并" in survivor.history.latest("history_date").history_change_reason


def test_records_in_the_recycle_bin_follow_the_merge_and_stay_restorable(client, pair, admin_user):
    other, survivor = pair["other"], pair["survivor"]
    pair["merged"].soft_delete(admin_user, "暂停跟进")
    member = ChainMember.objects.get(enterprise=other)
    member.soft_delete(admin_user, "已迁出")
    client.force_login(admin_user)
    response = client.post(
        reverse("imports:merge"), {"ids": [survivor.pk, other.pk], "survivor": survivor.pk}
    )
    assert response.status_code == 302 and not Enterprise.objects.filter(pk=other.pk).exists()
    lead = Lead.all_objects.get(pk=pair["merged"].pk)
    assert lead.enterprise == survivor and lead.is_deleted
    member = ChainMember.all_objects.get(pk=member.pk)
    assert member.enterprise == survivor and member.is_deleted


def test_firms_with_different_codes_are_not_merged():
    a, b = _firm("甲有限公司", make_uscc(44)), _firm("甲股份有限公司", make_uscc(45))
    with pytest.raises(MergeError, match="不同的法人"):
        merge_enterprises(survivor=a, others=[b])


def test_only_administrators_merge_and_a_district_only_what_lies_within_it(pair):
    dongcheng = Region.objects.get(code="110101")
    officer = _user("merge_officer", Role.OFFICER, dongcheng)
    admin = _user("merge_admin", Role.DISTRICT_ADMIN, dongcheng)
    firms = [pair["survivor"], pair["other"]]
    assert "管理员" in merge_refusal(officer, firms)
    assert merge_refusal(admin, firms) is None
    Project.objects.create(
        name="西城项目", region=Region.objects.get(code="110102"), stage="lead", lead_on=date(2022, 1, 1)
    ).investors.set([pair["other"]])
    assert "管辖范围以外" in merge_refusal(admin, firms)


def test_the_merge_screen(client, pair):
    dongcheng = Region.objects.get(code="110101")
    admin = _user("screen_admin", Role.DISTRICT_ADMIN, dongcheng)
    client.force_login(admin)
    html = client.get(reverse("imports:duplicates")).content.decode()
    assert "东城合并测试股份有限公司" in html and "赛力斯" not in html  # Chongqing's firms are out of reach
    ids = [pair["survivor"].pk, pair["other"].pk]
    html = client.get(reverse("imports:merge"), {"ids": ids}).content.decode()
    assert "东城合并测试有限公司" in html and "招商线索：1" in html
    outsider = _firm("外地有限公司")
    assert client.get(reverse("imports:merge"), {"ids": [ids[0], outsider.pk]}).status_code == 404
    response = client.post(reverse("imports:merge"), {"ids": ids, "survivor": ids[0]})
    assert response.status_code == 302 and not Enterprise.objects.filter(pk=ids[1]).exists()


def test_an_officer_cannot_merge(client, pair):
    client.force_login(_user("screen_officer", Role.OFFICER, Region.objects.get(code="110101")))
    ids = [pair["survivor"].pk, pair["other"].pk]
    assert client.post(reverse("imports:merge"), {"ids": ids, "survivor": ids[0]}).status_code == 403
