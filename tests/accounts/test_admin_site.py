"""The Django admin is the superuser's tool: it neither scopes by district nor masks confidential projects,
so staff of a district with view permissions get nothing from it (issue 14, defect 12)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from tests.accounts.world import World, build_world
from zhaoshang.projects.models import Project

pytestmark = pytest.mark.django_db
OTHER = "500107"  # 九龙坡区; the demo's confidential projects are 沙坪坝区's
PAGES = ["/admin/", "/admin/projects/project/", "/admin/enterprises/enterprise/"]


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def staff_of_another_district(world, django_user_model):
    """An officer of another district made staff with view permissions on every ledger model."""
    user = world[OTHER].officer
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    return user


@pytest.mark.parametrize("url", PAGES)
def test_staff_who_are_not_superusers_are_sent_to_the_admin_log_in(client, staff_of_another_district, url):
    client.force_login(staff_of_another_district)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_confidential_name_never_reaches_staff_through_the_admin(client, world, staff_of_another_district):
    secret = Project.objects.filter(is_confidential=True, region__code="500106").first()
    assert secret is not None, "the demo has confidential projects in 沙坪坝区"
    client.force_login(staff_of_another_district)
    for url in [*PAGES, f"/admin/projects/project/{secret.pk}/change/"]:
        body = client.get(url, follow=True).content.decode()
        assert secret.name not in body


@pytest.mark.parametrize("url", PAGES)
def test_a_superuser_uses_the_admin(client, world, url):
    client.force_login(world.users["admin"])
    response = client.get(url)
    assert response.status_code == 200
    assert "招商引资管理平台" in response.content.decode()
