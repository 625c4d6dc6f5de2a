"""Memory exhaustion through uploads (issue 14 defect 5, and the laughs file of defect 22): a .docx whose
document.xml inflates to 300 MB, an .xlsx declaring ``A1:XFD10001`` and one inflating to 400 MB are
refused with a Chinese message, with peak RSS growth under 200 MB.

Peak RSS is measured with resource.getrusage: for the commands, in a fresh wrapper process whose only
child is the command (RUSAGE_CHILDREN), against the same command refusing a missing file; for the web
pages, in this process (ru_maxrss can only show a new peak, so those are the weaker bound).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.bombs import (
    docx_bomb,
    laughs_docx,
    ods_repeat_bomb,
    xls_extent_bomb,
    xlsx_dimension_bomb,
    xlsx_inflated_bomb,
)

LIMIT_MB = 200
ZHAOSHANG = str(Path(sys.executable).with_name("zhaoshang"))
WRAPPER = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"rc": done.returncode, "out": done.stdout, "err": done.stderr,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("bombs")
    return {
        "docx": docx_bomb(base / "炸弹.docx"),
        "laughs": laughs_docx(base / "laughs.docx"),
        "xlsx": xlsx_dimension_bomb(base / "维度.xlsx"),
        "inflated": xlsx_inflated_bomb(base / "膨胀.xlsx"),
        "xls": xls_extent_bomb(base / "范围.xls"),
        "ods": ods_repeat_bomb(base / "重复.ods"),
    }


def run(*args: str, tmp_path: Path) -> dict:
    """A zhaoshang command in a wrapper process; its exit code, output and the command's peak RSS."""
    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, ZHAOSHANG, *args], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout)


def growth_mb(result: dict, baseline: dict) -> float:
    return (result["maxrss_kb"] - baseline["maxrss_kb"]) / 1024


@pytest.mark.parametrize(
    ("command", "bomb", "message"),
    [
        (["extract"], "docx", "超过上限 20 MB"),
        (["extract"], "laughs", "不是有效的 Word"),
        (["import", "projects", "--dry-run"], "xlsx", "16384 列"),
        (["import", "projects", "--dry-run"], "inflated", "超过上限"),
        (["import", "projects", "--dry-run"], "xls", "256 列"),
        (["import", "projects", "--dry-run"], "ods", "超过上限 100 列"),
    ],
)
def test_a_command_refuses_a_bomb_within_200_mb(bombs, tmp_path, command, bomb, message):
    baseline = run(*command, str(tmp_path / "missing" / bombs[bomb].name), tmp_path=tmp_path)
    result = run(*command, str(bombs[bomb]), tmp_path=tmp_path)
    assert result["rc"] != 0 and message in result["err"], result
    assert "Traceback" not in result["err"]
    assert growth_mb(result, baseline) < LIMIT_MB, (result["maxrss_kb"], baseline["maxrss_kb"])


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.django_db
def test_the_upload_page_refuses_a_docx_bomb(admin_client, bombs):
    before = _peak_mb()
    file = SimpleUploadedFile("炸弹.docx", bombs["docx"].read_bytes())
    response = admin_client.post("/intake/new/", {"mode": "upload", "file": file})
    assert response.status_code == 400 and "压缩炸弹" in response.content.decode()
    assert _peak_mb() - before < LIMIT_MB


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bomb", "message"),
    [("xlsx", "16384 列"), ("inflated", "压缩炸弹"), ("xls", "256 列"), ("ods", "超过上限 100 列")],
)
def test_the_import_page_refuses_an_xlsx_bomb(admin_client, bombs, settings, tmp_path, bomb, message):
    settings.MEDIA_ROOT = tmp_path
    before = _peak_mb()
    file = SimpleUploadedFile(bombs[bomb].name, bombs[bomb].read_bytes())
    html = admin_client.post(reverse("imports:projects"), {"file": file}).content.decode()
    assert message in html
    assert _peak_mb() - before < LIMIT_MB


@pytest.mark.django_db
def test_the_api_refuses_a_docx_bomb(client, admin_user, bombs):
    from zhaoshang.accounts.tokens import issue_token

    _token, secret = issue_token(user=admin_user, name="bomb")
    before = _peak_mb()
    file = SimpleUploadedFile("炸弹.docx", bombs["docx"].read_bytes())
    response = client.post("/api/documents", {"file": file}, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 400 and "压缩炸弹" in response.json()["error"]["message"]
    assert _peak_mb() - before < LIMIT_MB
