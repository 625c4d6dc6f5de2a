"""The apps import one way: each only from the layers below it (docs/architecture.md, "Layers").

The edges are those of scripts/import_graph.py: every import between apps, at module level or inside a
function (a deferred import dodges a cycle at start-up but is the same dependency). A new upward or
sideways import fails here; an app that needs something from above registers a hook in its own app (as
chains/gaps.py and projects/drilldown.py do) that the upper app fills in its ready().
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "zhaoshang"
_spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
assert _spec is not None and _spec.loader is not None
graph = importlib.util.module_from_spec(_spec)
sys.modules["import_graph"] = graph  # dataclasses look their module up
_spec.loader.exec_module(graph)

# Bottom to top. Apps of one layer do not import each other either.
LAYERS: list[tuple[str, ...]] = [
    ("lib",),  # pure computation, no Django (tests/lib/test_purity.py)
    ("core",),  # plumbing: audit, soft delete, downloads, forms, workbooks, middleware
    ("regions", "industries"),  # reference data
    ("accounts",),  # users, roles, reach and scoping, permissions, the page helper
    ("jobs",),  # background jobs: a registry of job kinds the record apps fill
    ("records",),  # history, recycle bin, imports, backup: registries the record apps fill
    ("units",),  # responsible units (责任单位) and their users; the unit path of scoping
    ("notify",),  # inbox, subscriptions, outbox and robots: a registry of reminder sources the apps fill
    ("enterprises",),
    ("chains",),
    ("projects",),
    ("plans",),  # node plans after signing (节点计划)
    ("alerts",),  # warnings over the ledger and the plans (红黄绿灯)
    ("targets",),  # targets and the metric registry over the ledger
    ("leads",),
    ("targeting",),
    ("intake", "reports"),
    ("api",),  # assembles the apps' routers
    ("demo",),
]
RANK = {app: rank for rank, layer in enumerate(LAYERS) for app in layer}

WHY_API = "the API plumbing (context, errors, pagination, schemas) moves below the apps when every app registers its own router"

# (importing file, imported module) → why it is allowed for now. As few as possible; remove a line when the
# import goes (a stale line fails).
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("zhaoshang/jobs/api.py", "zhaoshang.api.context"): WHY_API,
    ("zhaoshang/jobs/api.py", "zhaoshang.api.errors"): WHY_API,
    ("zhaoshang/jobs/api.py", "zhaoshang.api.pagination"): WHY_API,
    ("zhaoshang/jobs/api.py", "zhaoshang.api.schemas.common"): WHY_API,
    ("zhaoshang/jobs/api.py", "zhaoshang.api.schemas.texts"): WHY_API,
}


def upward_edges():
    for edge in graph.edges(SRC):
        if edge.source == graph.PROJECT:
            continue  # settings and urls assemble everything
        if RANK[edge.target] >= RANK[edge.source]:
            yield edge


def test_every_app_has_a_layer():
    apps = {path.name for path in SRC.iterdir() if (path / "__init__.py").is_file()}
    assert apps - set(RANK) == set(), "place the new app in LAYERS (and docs/architecture.md)"


def test_no_app_imports_upwards_or_sideways():
    found = [
        f"{e.path}:{e.line} ({e.level}) {e.source} → {e.name}"
        for e in upward_edges()
        if (e.path, e.name) not in EXCEPTIONS
    ]
    assert found == [], "imports against the layers:\n" + "\n".join(found)


def test_every_exception_names_its_reason_and_is_still_needed():
    assert all(reason.strip() for reason in EXCEPTIONS.values())
    found = {(e.path, e.name) for e in upward_edges()}
    assert set(EXCEPTIONS) <= found, "remove the exceptions whose import is gone"


def test_installed_apps_follow_the_layers():
    """ready() runs in this order, so an app registers into registries of the apps below it."""
    ours = [name.split(".")[1] for name in settings.INSTALLED_APPS if name.count(".") == 1]
    ours = [app for app in ours if app in RANK]  # the admin's AppConfig path is not an app of ours
    assert [RANK[app] for app in ours] == sorted(RANK[app] for app in ours)


def test_it_sees_an_import_inside_a_function(tmp_path):
    """The checker itself: a deferred upward import is an edge like any other."""
    package = tmp_path / "zhaoshang"
    (package / "core").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "core" / "__init__.py").write_text("")
    (package / "core" / "x.py").write_text("def f():\n    from zhaoshang.projects.models import Project\n")
    [edge] = graph.edges(package)
    assert (edge.source, edge.target, edge.level) == ("core", "projects", graph.FUNCTION)
