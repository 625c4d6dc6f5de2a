"""Two people editing the same project: the second save is refused with what the first changed."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from zhaoshang.projects.models import Project
from zhaoshang.projects.services import ConcurrentEdit, save_edit


def outside_any_report() -> Project:
    return Project.objects.filter(region__code="500101", signed_on__year=2021).first()


@pytest.mark.django_db
def test_an_edit_based_on_an_old_version_is_refused_with_the_other_persons_changes(admin_user):
    project = outside_any_report()
    first, second = Project.objects.get(pk=project.pk), Project.objects.get(pk=project.pk)
    seen = first.version
    first.contract_investment += 5
    save_edit(project=first, expected_version=seen, user=admin_user)
    second.notes = "我的修改"
    with pytest.raises(ConcurrentEdit) as exc:
        save_edit(project=second, expected_version=seen)
    assert any(field == "合同投资额（元）" for field, _old, _new in exc.value.changes)
    assert Project.objects.get(pk=project.pk).notes != "我的修改"


@pytest.mark.django_db
def test_the_form_shows_the_conflict(admin_client):
    project = outside_any_report()
    url = reverse("projects:edit", args=[project.pk])
    form = admin_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data |= {"version": project.version, "investor_names": ""}
    project.contract_investment += 7  # someone else saves meanwhile
    project.save()
    response = admin_client.post(url, data | {"notes": "晚到的修改"})
    html = response.content.decode()
    assert "在您编辑期间修改了该项目" in html and 'data-testid="conflict"' in html


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_real_connections_saving_at_once_let_exactly_one_win():
    if connection.vendor != "postgresql":
        pytest.skip("row locks across two connections are tested on PostgreSQL (CI runs it)")
    from tests.support import ensure_demo

    ensure_demo()
    project = outside_any_report()
    seen = project.version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(note: str) -> None:
        from django.db import connections

        try:
            mine = Project.objects.get(pk=project.pk)
            mine.notes = note
            barrier.wait()
            save_edit(project=mine, expected_version=seen)
            outcomes.append("saved")
        except ConcurrentEdit:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit, args=(n,)) for n in ("甲的修改", "乙的修改")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert Project.objects.get(pk=project.pk).version == seen + 1
