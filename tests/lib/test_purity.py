"""All of `lib/` is pure computation (STYLE.md point 3): no module under it imports Django or an app of
the project, and none reaches into an app's folder by a path computed from its own location; the data
files it reads are package resources named in `lib/resources.py`, or paths its callers pass in."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import zhaoshang.lib as lib

LIB = Path(lib.__file__).parent
MODULES = sorted(LIB.rglob("*.py"))
IDS = [str(p.relative_to(LIB)) for p in MODULES]


def module_name(path: Path) -> str:
    parts = ["zhaoshang", "lib", *path.relative_to(LIB).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def problems(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """What makes a module of `lib` impure: imports of Django or of an app (relative imports resolved),
    and any use of `__file__` (a path computed from the module's own location)."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                names = [".".join([*base, node.module] if node.module else base)]
            else:
                names = [node.module or ""]
        elif isinstance(node, ast.Name) and node.id == "__file__":
            found.append(
                f"line {node.lineno}: __file__ (read data through lib/resources.py or a path passed in)"
            )
        for name in names:
            if name == "django" or name.startswith("django."):
                found.append(f"line {node.lineno}: imports {name}")
            elif (name == "zhaoshang" or name.startswith("zhaoshang.")) and not (
                name == "zhaoshang.lib" or name.startswith("zhaoshang.lib.")
            ):
                found.append(f"line {node.lineno}: imports {name} (lib imports only lib)")
    return found


def test_the_walk_sees_every_module():
    assert len(MODULES) > 30
    assert {"amounts.py", "chaindefs.py", "extraction/extract.py", "universe/scoring.py"} <= set(IDS)


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_module_is_pure(path: Path):
    source = path.read_text(encoding="utf-8")
    assert problems(source, module_name(path), is_package=path.name == "__init__.py") == []


def test_the_check_finds_each_kind_of_impurity():
    source = (
        "import django.db\n"
        "from django.conf import settings\n"
        "from zhaoshang.projects import models\n"
        "from ...chains import services\n"
        "from ..universe import duck\n"
        "from . import schema\n"
        "DATA = Path(__file__).parents[2] / 'regions'\n"
    )
    found = problems(source, "zhaoshang.lib.extraction.probe")
    assert found == [
        "line 1: imports django.db",
        "line 2: imports django.conf",
        "line 3: imports zhaoshang.projects (lib imports only lib)",
        "line 4: imports zhaoshang.chains (lib imports only lib)",
        "line 7: __file__ (read data through lib/resources.py or a path passed in)",
    ]


def test_importing_all_of_lib_loads_no_django_and_no_app_module():
    names = [module_name(p) for p in MODULES if p.name != "__main__.py"]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = out.stdout.split()
    assert not [m for m in loaded if m == "django" or m.startswith("django.")]
    # importlib.resources imports the packages that own the data (their empty __init__), nothing of them.
    project = {m for m in loaded if m.startswith("zhaoshang") and not m.startswith("zhaoshang.lib")}
    assert project <= {"zhaoshang", "zhaoshang.alerts", "zhaoshang.chains", "zhaoshang.regions"}, project
