"""The targeting commands: classify, universe generate/import, target — thin wrappers run end to end."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from zhaoshang.targeting.management.commands import classify, target, universe


def run(command, *args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_classify_prints_one_json_object_per_line(monkeypatch):
    text = run(
        classify.Command(),
        "--json",
        stdin="锂离子电池制造；电池销售。\n餐饮服务。\n",
        monkeypatch=monkeypatch,
    )
    first, second = (json.loads(line) for line in text.splitlines())
    assert first["segments"][0] | {"confidence": 0} == {
        "chain": "nev",
        "segment": "动力电池",
        "confidence": 0,
        "evidence": ["锂离子电池制造", "电池销售"],
    }
    assert 0.5 <= first["segments"][0]["confidence"] <= 1
    assert second == {"segments": []}


def test_classify_reads_a_file(tmp_path):
    path = tmp_path / "scopes.txt"
    path.write_text("车载操作系统研发。\n", encoding="utf-8")
    [line] = run(classify.Command(), "--json", "--file", str(path)).splitlines()
    assert json.loads(line)["segments"][0]["segment"] == "车载操作系统"


def test_classify_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run(classify.Command(), "--file", str(tmp_path / "none.txt"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("cmd") / "universe"
    text = run(
        universe.Command(),
        "generate",
        "--rows",
        "40000",
        "--out",
        str(out),
        "--seed",
        "4",
        "--chunk-rows",
        "20000",
    )
    return out, text


def test_universe_generate_writes_parts_and_says_so(generated):
    out, text = generated
    assert "已生成 40,000 家模拟企业" in text
    assert len(list((out / "firms").glob("*.parquet"))) == 2 and (out / "manifest.json").exists()


def test_target_ranks_candidates_for_a_gap_with_every_component(generated):
    out, _ = generated
    payload = json.loads(
        run(
            target.Command(),
            "--region",
            "500106",
            "--chain",
            "nev",
            "--segment",
            "车载操作系统",
            "--top",
            "5",
            "--json",
            "--universe",
            str(out),
        )
    )
    assert payload["region"]["name"] == "沙坪坝区"
    ranks = payload["candidates"]
    assert [c["rank"] for c in ranks] == [1, 2, 3, 4, 5]
    assert [c["score"] for c in ranks] == sorted((c["score"] for c in ranks), reverse=True)
    assert set(ranks[0]["components"]) == {
        "segment_fit",
        "scale",
        "leader_tie",
        "expansion",
        "proximity",
        "present",
    }
    assert all(c["name"].endswith("（模拟）") for c in ranks)


def test_target_explains_itself_in_text_too(generated):
    out, _ = generated
    text = run(
        target.Command(),
        "--region",
        "500106",
        "--chain",
        "nev",
        "--segment",
        "车载地图",
        "--top",
        "2",
        "--universe",
        str(out),
    )
    assert text.startswith("沙坪坝区（500106）") and "segment_fit +" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--region", "999999", "--chain", "nev", "--segment", "车载地图"], "未知的行政区划代码"),
        (["--region", "500106", "--chain", "nev", "--segment", "飞行汽车"], "没有环节「飞行汽车」"),
        (["--region", "500106", "--chain", "car", "--segment", "电机"], "找不到产业链定义文件"),
    ],
)
def test_target_refuses_bad_input_in_chinese(generated, args, message):
    with pytest.raises(CommandError, match=message):
        run(target.Command(), *args, "--universe", str(generated[0]))


def test_target_needs_a_universe(tmp_path):
    with pytest.raises(CommandError, match="universe generate"):
        run(
            target.Command(),
            "--region",
            "500106",
            "--chain",
            "nev",
            "--segment",
            "电机",
            "--universe",
            str(tmp_path),
        )


def test_universe_import_reports_rejections_and_fails_cleanly_on_a_bad_file(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text(
        "信用代码,企业名称,区划\n91500106003325986W,甲公司,500106\n91500106003325986X,乙公司,500106\n",
        encoding="utf-8",
    )
    text = run(
        universe.Command(),
        "import",
        str(src),
        "--map",
        "信用代码=uscc",
        "企业名称=name",
        "区划=district_code",
        "--out",
        str(tmp_path / "u"),
    )
    assert "导入 1 家，拒绝 1 行" in text
    with pytest.raises(CommandError, match="导入失败：缺少必需字段"):
        run(universe.Command(), "import", str(src), "--out", str(tmp_path / "v"))
    assert not (tmp_path / "v").exists()
