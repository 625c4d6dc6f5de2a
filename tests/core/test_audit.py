"""Many-to-many changes (a project's investors and chain segments) are part of the audit trail: the save
that makes them notes them on its history record, and the 修改记录 page reads them as names."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.accounts.world import World, build_world
from zhaoshang.chains.models import Segment

pytestmark = pytest.mark.django_db

A = "500106"


@pytest.fixture
def world(db) -> World:
    return build_world()


def test_changing_investors_and_segments_through_the_page_is_recorded_and_readable(client, world):
    project = world[A].project
    old_investor = project.investors.get().name
    segment = Segment.objects.get(chain__key="nev", name="车载操作系统")
    client.force_login(world[A].officer)
    url = reverse("projects:edit", args=[project.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data |= {
        "version": project.version,
        "investor_names": f"{old_investor}、审计新投资方有限公司",
        "segments": [segment.pk],
    }
    assert client.post(url, data).status_code == 302

    record = project.history.latest()
    investors_before, investors_after = record.history_relations["investors"]
    assert len(investors_before) == 1 and len(investors_after) == 2
    assert record.history_relations["segments"] == [[], [segment.pk]]

    html = client.get(reverse("history:project", args=[project.pk])).content.decode()
    assert "投资方" in html and "审计新投资方有限公司" in html and "车载操作系统" in html


def test_a_save_that_leaves_the_relations_alone_notes_nothing(client, world):
    project = world[A].project
    client.force_login(world[A].officer)
    url = reverse("projects:edit", args=[project.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data |= {
        "version": project.version,
        "investor_names": project.investors.get().name,
        "notes": "仅改备注",
        "segments": list(project.segments.values_list("pk", flat=True)),
    }
    assert client.post(url, data).status_code == 302
    assert project.history.latest().history_relations == {}
