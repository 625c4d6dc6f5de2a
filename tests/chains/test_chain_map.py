"""The chain map of 沙坪坝区 on the demo: the article's chain, leader, firms and gaps."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from zhaoshang.chains.models import Chain, ChainMember, Segment
from zhaoshang.chains.services import chain_map, sync_chain_definitions
from zhaoshang.regions.models import Region

pytestmark = pytest.mark.django_db
GAPS = ["增程式动力总成", "车载操作系统", "车载地图", "车联网"]


def test_the_nev_chain_has_seres_as_leader_26_firms_and_the_four_gaps():
    cmap = chain_map(Chain.objects.get(key="nev"), Region.objects.get(code="500106"))
    assert [f.short_name for f in cmap.leaders] == ["赛力斯"]
    assert len(cmap.firms) == 26
    assert sorted(s.name for s in cmap.gaps) == sorted(GAPS)
    covered = {c.segment.name for c in cmap.segments if not c.is_gap}
    assert {"动力电池", "电机", "电控", "一体化压铸", "智能座舱", "热管理"} <= covered


def test_biomedicine_has_12_firms_led_by_astrazeneca_and_roche():
    cmap = chain_map(Chain.objects.get(key="biomed"), Region.objects.get(code="500106"))
    assert len(cmap.firms) == 12
    assert sorted(f.short_name for f in cmap.leaders) == ["罗氏诊断", "阿斯利康"]


def test_the_chain_map_page_shows_leader_firms_auto_makers_and_gaps(admin_client):
    html = admin_client.get(reverse("chains:map", args=["nev"]), {"region": "500106"}).content.decode()
    assert re.search(r'data-testid="leaders">赛力斯<', html)
    assert 'data-testid="firms">26<' in html and 'data-testid="auto-makers">42<' in html
    gaps = re.search(r'data-testid="gaps">(.*?)</ul>', html, re.S).group(1)
    assert all(g in gaps for g in GAPS) and "电池" not in gaps


def test_a_new_member_closes_a_gap_and_weak_links_are_single_members(admin_client):
    region = Region.objects.get(code="500106")
    chain = Chain.objects.get(key="nev")
    before = chain_map(chain, region)
    firm = before.firms[-1]
    ChainMember.objects.create(
        segment=Segment.objects.get(chain=chain, name="车联网"), enterprise=firm, region=region
    )
    after = chain_map(chain, region)
    assert "车联网" not in [s.name for s in after.gaps] and "车联网" in [s.name for s in after.weak]
    assert after.coverage > before.coverage


def test_syncing_the_definitions_again_keeps_members():
    members = ChainMember.objects.count()
    assert sync_chain_definitions() == Segment.objects.count()
    assert ChainMember.objects.count() == members
