"""The targeting page and the target command on Spark (local[2]) rank exactly as on DuckDB."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.lib.universe.spark_support import spark_session  # noqa: F401 (fixture)
from zhaoshang.targeting.management.commands import target

pytestmark = [pytest.mark.spark, pytest.mark.django_db]
QUERY = {"region": "500106", "chain": "nev", "segment": "车载操作系统"}


@pytest.fixture(scope="module")
def universe(tmp_path_factory):
    path = tmp_path_factory.mktemp("universe")
    call_command(
        "universe", "generate", "--rows", "30000", "--out", str(path), "--seed", "7", stdout=io.StringIO()
    )
    return path


def ranked_names(html: str) -> list[str]:
    return re.findall(r'name="candidate" value="([^"]+)"', html)


def test_the_page_ranks_the_same_candidates_on_spark(admin_client, settings, universe, spark_session):  # noqa: F811
    settings.UNIVERSE_DIR = universe
    settings.UNIVERSE_ENGINE = "duckdb"
    on_duckdb = admin_client.get(reverse("targeting:page"), QUERY).content.decode()
    settings.UNIVERSE_ENGINE, settings.SPARK_REMOTE = "spark", ""
    on_spark = admin_client.get(reverse("targeting:page"), QUERY).content.decode()
    assert len(ranked_names(on_duckdb)) >= 10
    assert ranked_names(on_spark) == ranked_names(on_duckdb)  # each row's uscc, name and rounded score
    assert "空白" in on_spark


def test_the_target_command_gives_the_same_json_on_spark(settings, universe, spark_session):  # noqa: F811
    args = ("--region", "500106", "--chain", "nev", "--segment", "车载地图", "--top", "20", "--json")

    def run() -> dict:
        out = io.StringIO()
        call_command(target.Command(), *args, "--universe", str(universe), stdout=out)
        return json.loads(out.getvalue())

    settings.UNIVERSE_ENGINE = "duckdb"
    on_duckdb = run()
    settings.UNIVERSE_ENGINE, settings.SPARK_REMOTE = "spark", ""
    assert len(on_duckdb["candidates"]) == 20
    assert run() == on_duckdb
