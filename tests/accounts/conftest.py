from __future__ import annotations

import pytest

from tests.accounts.world import World, build_world


@pytest.fixture
def world(db) -> World:
    return build_world()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Print the role × URL → status table the permission-matrix test collected."""
    from tests.accounts.url_matrix import render_table

    table = render_table()
    if table:
        terminalreporter.write_sep("=", "permission matrix: user × request → status")
        terminalreporter.write_line(table)
