"""The demo is deterministic: loading it twice gives the same database, and it is labelled as demo data."""

from __future__ import annotations

import pytest

from zhaoshang.demo.loader import DemoRefused, load_demo
from zhaoshang.enterprises.models import Enterprise
from zhaoshang.projects.models import Project, StageEvent
from zhaoshang.targets.models import Target

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, list]:
    """The demo's content without primary keys or timestamps."""
    return {
        "projects": sorted(
            Project.objects.values_list(
                "name",
                "region__code",
                "contract_investment",
                "signed_on",
                "stage",
                "is_key",
                "is_manufacturing",
                "direction__name",
                "industry__code",
                "started_on",
                "in_production_on",
                "terminated_on",
            )
        ),
        "events": sorted(
            StageEvent.objects.values_list("project__name", "from_stage", "to_stage", "occurred_on")
        ),
        "enterprises": sorted(
            Enterprise.objects.values_list(
                "name", "region__code", "industry__code", "is_above_scale", "registered_capital"
            )
        ),
        "targets": sorted(Target.objects.values_list("region__code", "year", "metric", "level", "value")),
    }


def test_loading_the_demo_twice_gives_the_same_database():
    first = snapshot()
    load_demo(progress=lambda _m: None)
    assert snapshot() == first
    assert len(first["projects"]) > 3000


def test_invented_firms_are_marked_and_the_article_firms_keep_their_roles():
    invented = Enterprise.objects.exclude(
        short_name__in=["赛力斯", "宁波拓普", "阿斯利康", "罗氏诊断", "西南药业", "鼎晶生物", "华为"]
    )
    assert invented.exclude(name__endswith="（模拟）").count() == 0
    seres = Enterprise.objects.get(short_name="赛力斯")
    assert "小康集团" in seres.former_names
    assert set(seres.projects.values_list("name", flat=True)) == {"赛力斯零部件总成项目"}


def test_the_demo_refuses_to_overwrite_real_data():
    Project.objects.create(name="正式项目", region_id=Project.objects.first().region_id)
    with pytest.raises(DemoRefused, match="正式"):
        load_demo(progress=lambda _m: None)
