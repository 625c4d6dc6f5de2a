"""System checks for the universe's engine: a misconfigured UNIVERSE_ENGINE is said at start, not at a query."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning

from zhaoshang.lib.universe.engines import ENGINES, EngineError, parse_remote, spark_available


def check_universe_engine(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """UNIVERSE_ENGINE is known; for spark, PySpark (and Java for local mode) is there and the URL is sane."""
    engine = settings.UNIVERSE_ENGINE
    remote = settings.SPARK_REMOTE
    if engine not in ENGINES:
        return [
            Error(
                f"UNIVERSE_ENGINE={engine!r} is not an engine",
                hint=f"Use one of: {', '.join(ENGINES)}.",
                id="targeting.E001",
            )
        ]
    if engine != "spark":
        if remote:
            return [
                Warning(
                    "SPARK_REMOTE is set but UNIVERSE_ENGINE is duckdb: the universe is queried by DuckDB",
                    hint="Set UNIVERSE_ENGINE=spark to use the Spark Connect server.",
                    id="targeting.W001",
                )
            ]
        return []
    errors: list[CheckMessage] = []
    if reason := spark_available(remote=bool(remote)):
        errors.append(
            Error(
                f"UNIVERSE_ENGINE=spark but Spark cannot start here: {reason}",
                hint="pip install 'zhaoshang[spark]' (and Java 17 for local mode), or UNIVERSE_ENGINE=duckdb.",
                id="targeting.E002",
            )
        )
    if remote:
        try:
            parse_remote(remote)
        except EngineError as exc:
            errors.append(
                Error(f"SPARK_REMOTE={remote!r}: {exc}", hint="sc://host:15002", id="targeting.E003")
            )
    elif not settings.SPARK_MASTER.startswith(("local", "spark://", "yarn", "k8s://")):
        errors.append(
            Error(
                f"SPARK_MASTER={settings.SPARK_MASTER!r} is not a Spark master URL",
                hint="local[2], spark://host:7077, yarn or k8s://…; or SPARK_REMOTE=sc://host:15002.",
                id="targeting.E004",
            )
        )
    return errors
