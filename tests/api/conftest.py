from __future__ import annotations

import pytest

from tests.accounts.world import World, build_world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def bearer(world):
    """Headers that authenticate as a user of the world by API token."""

    def headers(username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {world.secrets[username]}"}

    return headers
