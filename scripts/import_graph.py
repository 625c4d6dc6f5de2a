"""The app-level import graph of src/zhaoshang: which app imports which, and the cycles.

    python scripts/import_graph.py [SRC]          # SRC defaults to this checkout's src/zhaoshang
    python scripts/import_graph.py --loc [SRC]    # lines of code per app (non-migration .py)

An "app" is the first package under zhaoshang (`lib` counts as one; settings, urls, cli and wsgi are
`project`, as is errors, the 400 page). An import at module level and one inside a function (deferred, often to dodge a cycle) are
both dependencies, so both are edges; the listing marks which is which. Migrations are left out (they
name other apps by label, which is Django's business, not a code dependency). Read by
tests/test_layers.py, which checks the declared layer order against the same edges.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "zhaoshang"
PROJECT = "project"
MODULE, FUNCTION = "module", "function"


@dataclass(frozen=True)
class Edge:
    source: str  # importing app
    target: str  # imported app
    level: str  # MODULE or FUNCTION
    path: str  # importing file, relative to src/
    line: int
    name: str  # the imported module


def python_files(src: Path) -> Iterator[Path]:
    for path in sorted(src.rglob("*.py")):
        if "migrations" not in path.relative_to(src).parts:
            yield path


def module_name(src: Path, path: Path) -> str:
    parts = [PACKAGE, *path.relative_to(src).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


TOP_LEVEL = {"settings", "urls", "cli", "wsgi", "errors", "__main__"}  # modules of the project, not apps


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    if len(parts) == 1 or parts[1] in TOP_LEVEL:
        return PROJECT
    return parts[1]


def _imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[str, str, int]]:
    """(imported module, MODULE/FUNCTION, line) of every import, relative ones resolved."""

    def visit(node: ast.AST, in_function: bool) -> Iterator[tuple[str, str, int]]:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            level = FUNCTION if in_function else MODULE
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, level, child.lineno
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    package = module.split(".") if is_package else module.split(".")[:-1]
                    package = package[: len(package) - (child.level - 1)]
                    base = ".".join([*package, *([base] if base else [])])
                # `from zhaoshang import core` imports the app core, not the project package.
                if base == PACKAGE:
                    for alias in child.names:
                        yield f"{PACKAGE}.{alias.name}", level, child.lineno
                else:
                    yield base, level, child.lineno
            yield from visit(child, inside)

    yield from visit(tree, False)


def edges(src: Path) -> list[Edge]:
    found = []
    for path in python_files(src):
        module = module_name(src, path)
        source = app_of(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for name, level, line in _imports(tree, module, path.name == "__init__.py"):
            target = app_of(name)
            if target and source and target != source and target != PROJECT:
                rel = str(path.relative_to(src.parent))
                found.append(Edge(source, target, level, rel, line, name))
    return found


def graph(found: list[Edge]) -> dict[str, dict[str, set[str]]]:
    """app → imported app → the levels ({module, function}) at which it is imported."""
    result: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for edge in found:
        result[edge.source][edge.target].add(edge.level)
    return result


def cycles(g: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    """The strongly connected components of more than one app (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(g.get(node, {})):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    nodes = set(g) | {t for targets in g.values() for t in targets}
    for node in sorted(nodes):
        if node not in index:
            connect(node)
    return sorted(components)


def mutual_pairs(g: dict[str, dict[str, set[str]]]) -> list[tuple[str, str]]:
    return sorted((a, b) for a in g for b in g[a] if a < b and a in g.get(b, {}))


def lines_of_code(src: Path) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for path in python_files(src):
        app = app_of(module_name(src, path)) or PROJECT
        counts[app] += sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return dict(counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", nargs="?", type=Path, default=ROOT / "src" / PACKAGE)
    parser.add_argument(
        "--loc", action="store_true", help="lines of code per app (non-blank, non-migration .py)"
    )
    args = parser.parse_args(argv)
    if not (args.src / "__init__.py").is_file():
        print(f"not a package: {args.src}", file=sys.stderr)
        return 2
    if args.loc:
        counts = lines_of_code(args.src)
        for app, n in sorted(counts.items(), key=lambda item: -item[1]):
            print(f"{app:12} {n:6}")
        print(f"{'total':12} {sum(counts.values()):6}")
        return 0
    g = graph(edges(args.src))
    for app in sorted(g):
        parts = []
        for target in sorted(g[app]):
            levels = g[app][target]
            parts.append(target if levels == {MODULE} else f"{target}({'+'.join(sorted(levels))})")
        print(f"{app:12} → {', '.join(parts)}")
    print()
    pairs = mutual_pairs(g)
    print(f"mutual imports ({len(pairs)}): {', '.join(f'{a}⇄{b}' for a, b in pairs) or '—'}")
    components = cycles(g)
    print(f"cycles ({len(components)}): {'; '.join(' ⇄ '.join(c) for c in components) or '—'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
