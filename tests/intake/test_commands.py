"""zhaoshang intake PATH… and zhaoshang extract FILE --json."""

from __future__ import annotations

import json
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.intake.conftest import REPUBLISHED, SEED, SEED_HTML
from tests.support import call
from zhaoshang.intake.models import Document, Fact

pytestmark = pytest.mark.django_db


def test_the_seed_file_is_taken_in_by_the_command():
    out = call("intake", str(SEED), "--user", "spb_admin")
    document = Document.objects.get(original_name=SEED.name)
    assert document.uploaded_by.username == "spb_admin"
    assert document.facts.count() == 8 and document.region.code == "500106"
    assert "录入 1" in out and "失败 0" in out


def test_a_folder_is_taken_in_with_a_summary_and_fails_when_a_file_fails(tmp_path):
    for path in (SEED, SEED_HTML, REPUBLISHED):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "gbk.txt").write_bytes("沙坪坝区引进项目50个。".encode("gbk"))
    (tmp_path / "notes.csv").write_text("ignored")
    out = StringIO()
    with pytest.raises(CommandError, match="1 个文件未能录入"):
        call_command("intake", str(tmp_path), stdout=out, stderr=StringIO())
    # The html page reduces to the very text of the scraped page: an exact duplicate, skipped.
    assert "共 4 个文件：录入 2（其中相近 1），重复跳过 1，失败 1。" in out.getvalue()
    assert Document.objects.count() == 2
    assert Document.objects.get(original_name=REPUBLISHED.name).near_duplicate_of is not None


def test_a_50_mb_file_is_refused_by_the_command_without_being_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: the size is what is checked, before any byte is read
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("intake", str(huge), stdout=StringIO(), stderr=err)
    assert "文件过大：50.0 MB，上限为 10 MB" in err.getvalue()
    assert Document.objects.count() == 0


def test_a_second_run_skips_the_duplicates_and_succeeds(tmp_path):
    shutil.copy(SEED, tmp_path / SEED.name)
    call("intake", str(tmp_path))
    out = call("intake", str(tmp_path))
    assert "重复跳过 1" in out and Document.objects.count() == 1


def test_extract_prints_the_design_json_and_stores_nothing():
    data = json.loads(call("extract", str(SEED), "--json"))
    assert set(data) == {"document", "facts", "entities"}
    assert data["document"]["region"]["code"] == "500106" and data["document"]["period"]["label"] == "2022H1"
    assert data["document"]["date"] == "2022-08-04"
    facts = {f["text"]: f for f in data["facts"]}
    assert facts["超320亿元"]["value"] == 32_000_000_000 and facts["超320亿元"]["qualifier"] == "超"
    assert facts["122亿元"]["parent"] == facts["超320亿元"]["id"]
    assert facts["近40%"]["value"] == 0.4
    assert {f["region"]["code"] for f in data["facts"]} == {"500106"}
    # The database gazetteer knows 赛力斯 by its former name and 宁波拓普 by its short name.
    enterprises = {e["name"]: e for e in data["entities"]["enterprises"]}
    assert "小康集团" in enterprises["赛力斯集团股份有限公司"]["aliases_matched"]
    assert "宁波拓普集团股份有限公司" in enterprises
    assert Document.objects.count() == 0 and Fact.objects.count() == 0


def test_extract_refuses_a_bad_file_in_chinese(tmp_path):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("沙坪坝区引进项目50个。".encode("gbk"))
    with pytest.raises(CommandError, match="不是 UTF-8 编码"):
        call("extract", str(bad))


def test_extract_resolves_our_district_to_the_region_option(tmp_path):
    release = tmp_path / "release.txt"
    release.write_text(
        "本报讯 今年上半年，我区新签约项目26个，合同投资额86亿元。全市新签约项目310个。", encoding="utf-8"
    )
    data = json.loads(call("extract", str(release), "--json", "--region", "500106", "--date", "2022-08-04"))
    regions = {f["text"]: f["region"]["code"] for f in data["facts"]}
    # 我区 is the source district; 全市 in a district's release is its city (Chongqing).
    assert regions == {"26个": "500106", "86亿元": "500106", "310个": "500000"}
    assert data["document"]["region"]["code"] == "500106"
    assert {f["period"]["label"] for f in data["facts"]} == {"2022H1"}


def test_extract_refuses_an_unknown_region_code_in_chinese(tmp_path):
    release = tmp_path / "release.txt"
    release.write_text("今年上半年，我区新签约项目26个。", encoding="utf-8")
    with pytest.raises(CommandError, match="区划代码无效：123"):
        call("extract", str(release), "--region", "123")
