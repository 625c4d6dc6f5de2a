"""Spark in the tests: one local[2] session for the whole test session, and row comparison with DuckDB.

Outside CI a machine without PySpark or Java skips the Spark tests with the reason; in CI (``CI`` set,
as .ci/run does) the same absence fails them, so a green CI always means they ran.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from zhaoshang.lib.universe import engines

# Both engines compute in IEEE-754 doubles, the same operations in the same order (the SQL leaves nothing
# to a dialect's defaults). What may differ: each one's libm (glibc for DuckDB, the JVM's for Spark) rounds
# ln, exp, sin, cos, asin within one ulp, and a density's sum may add its terms in another order. A score
# is about twenty such operations and a density a sum of at most a few hundred terms, so the engines can
# differ by a few ulps (~1e-15 relative) — 1e-12 keeps three orders of margin and still catches any
# change of formula or type (a DECIMAL rounded to six places, as Spark would do unasked, differs at 1e-7).
REL = 1e-12


def require_spark() -> None:
    reason = engines.spark_available()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI runs the Spark tests, but Spark cannot start here: {reason}", pytrace=False)
    pytest.skip(f"Spark tests need PySpark and Java (CI runs them): {reason}")


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    require_spark()
    session = engines.spark_session(engines.DEFAULT_MASTER)
    yield session
    # Stopped before the interpreter exits, so py4j does not log into pytest's closed streams.
    session.stop()
    engines.spark_session.cache_clear()


def assert_same_rows(
    expected: Sequence[Sequence[Any]], got: Sequence[Sequence[Any]], rel: float = REL
) -> float:
    """Same rows in the same order: text and integers equal, doubles within ``rel``; the largest difference."""
    assert len(got) == len(expected)
    worst = 0.0
    for i, (a, b) in enumerate(zip(expected, got, strict=True)):
        assert len(a) == len(b), i
        for j, (x, y) in enumerate(zip(a, b, strict=True)):
            if isinstance(x, float) or isinstance(y, float):
                assert isinstance(x, float) and isinstance(y, float), (i, j, x, y)
                assert math.isclose(x, y, rel_tol=rel, abs_tol=0.0), (i, j, x, y)
                if x != y:
                    worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
            else:
                assert x == y and type(x) is type(y), (i, j, x, y)
    return worst
