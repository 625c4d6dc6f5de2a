"""Extracting runs without Django (tests/lib/test_purity.py checks every module of lib/), and the
extraction modules stay short."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import zhaoshang.lib.extraction as package

MODULES = sorted(Path(package.__file__).parent.glob("*.py"))


def test_extracting_loads_no_django_module():
    code = (
        "import sys, datetime\n"
        "from zhaoshang.lib.extraction.extract import extract_document\n"
        "from zhaoshang.lib.extraction.gazetteer import Gazetteer\n"
        "extract_document('签约项目50个', document_date=datetime.date(2022, 8, 4), gazetteer=Gazetteer.default())\n"
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_modules_stay_short():
    for path in MODULES:
        assert len(path.read_text(encoding="utf-8").splitlines()) < 300, path.name
