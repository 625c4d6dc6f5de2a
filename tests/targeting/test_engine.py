"""The universe's engine from the settings: system checks for a misconfiguration, Chinese errors at the doors."""

from __future__ import annotations

import io
import socket

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.lib.universe.conftest import write_universe
from zhaoshang.targeting.checks import check_universe_engine
from zhaoshang.targeting.management.commands import target


def ids(settings) -> list[str]:
    return [m.id for m in check_universe_engine()]


def test_the_default_engine_passes_the_checks(settings):
    settings.UNIVERSE_ENGINE, settings.SPARK_REMOTE = "duckdb", ""
    assert ids(settings) == []


def test_an_unknown_engine_is_a_system_check_error(settings):
    settings.UNIVERSE_ENGINE = "trino"
    assert ids(settings) == ["targeting.E001"]


def test_spark_without_pyspark_is_a_system_check_error(settings, monkeypatch):
    monkeypatch.setattr("zhaoshang.targeting.checks.spark_available", lambda remote=False: "未安装 PySpark")
    settings.UNIVERSE_ENGINE, settings.SPARK_REMOTE = "spark", ""
    assert ids(settings) == ["targeting.E002"]


def test_a_bad_connect_url_or_master_is_a_system_check_error(settings, monkeypatch):
    monkeypatch.setattr("zhaoshang.targeting.checks.spark_available", lambda remote=False: None)
    settings.UNIVERSE_ENGINE, settings.SPARK_REMOTE = "spark", "http://cluster:15002"
    assert ids(settings) == ["targeting.E003"]
    settings.SPARK_REMOTE, settings.SPARK_MASTER = "", "cluster:7077"
    assert ids(settings) == ["targeting.E004"]
    settings.SPARK_MASTER = "local[2]"
    assert ids(settings) == []


def test_a_connect_url_with_duckdb_is_a_warning(settings):
    settings.UNIVERSE_ENGINE, settings.SPARK_REMOTE = "duckdb", "sc://cluster:15002"
    assert ids(settings) == ["targeting.W001"]


def unreachable_url() -> tuple[socket.socket, str]:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))  # bound, never listening: nothing answers there
    return s, f"sc://127.0.0.1:{s.getsockname()[1]}"


def test_the_target_command_explains_an_unreachable_spark_server_in_chinese(settings, tmp_path):
    u = write_universe(tmp_path / "u", [{}], [(0, "nev", "车载操作系统", 0.9)])
    held, url = unreachable_url()
    settings.UNIVERSE_ENGINE, settings.SPARK_REMOTE = "spark", url
    with held, pytest.raises(CommandError, match="企业库查询引擎不可用：无法连接 Spark Connect 服务"):
        call_command(
            target.Command(),
            *("--region", "500106", "--chain", "nev", "--segment", "车载操作系统", "--universe", str(u)),
            stdout=io.StringIO(),
        )


@pytest.mark.django_db
def test_the_page_explains_an_unreachable_spark_server_in_chinese(admin_client, settings, tmp_path):
    settings.UNIVERSE_DIR = write_universe(tmp_path / "u", [{}], [(0, "nev", "车载操作系统", 0.9)])
    held, url = unreachable_url()
    settings.UNIVERSE_ENGINE, settings.SPARK_REMOTE = "spark", url
    with held:
        response = admin_client.get(
            reverse("targeting:page"),
            {"region": "500106", "chain": "nev", "segment": "车载操作系统"},
            follow=True,
        )
    assert response.status_code == 200
    assert "企业库查询引擎不可用：无法连接 Spark Connect 服务" in response.content.decode()
