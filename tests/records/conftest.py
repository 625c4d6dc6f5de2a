"""Fixtures of the import tests: Beijing districts (the demo leaves them empty) and users there."""

from __future__ import annotations

import pytest

from zhaoshang.accounts.models import Role, User
from zhaoshang.regions.models import Region


@pytest.fixture
def dongcheng(db) -> Region:
    return Region.objects.get(code="110101")


@pytest.fixture
def xicheng(db) -> Region:
    return Region.objects.get(code="110102")


def _user(username: str, role: str, region: Region) -> User:
    user = User.objects.create(username=username, role=role, region=region)
    user.set_password("x")
    user.save()
    return user


@pytest.fixture
def dc_admin(dongcheng) -> User:
    """区县管理员 of 东城区."""
    return _user("dc_admin", Role.DISTRICT_ADMIN, dongcheng)


@pytest.fixture
def dc_officer(dongcheng) -> User:
    return _user("dc_officer", Role.OFFICER, dongcheng)


@pytest.fixture
def dc_leader(dongcheng) -> User:
    return _user("dc_leader", Role.LEADER, dongcheng)
