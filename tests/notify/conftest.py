from __future__ import annotations

import pytest

from zhaoshang.notify import sources


@pytest.fixture
def source():
    """A reminder kind whose items the test sets: `source.items` (a list the test fills)."""

    class Fake:
        kind = "test_due"
        items: list = []

        def collect(self, today):
            return list(self.items)

    fake = Fake()
    fake.items = []
    saved = dict(sources.SOURCES)
    sources.SOURCES.clear()  # only this kind: the demo's leads would add their own reminders
    sources.register(fake.kind, "测试到期", fake.collect, days_ahead=2)
    yield fake
    sources.SOURCES.clear()
    sources.SOURCES.update(saved)
