"""The citation package's module graph has no import cycle.

Every module of :mod:`biblioconv.formats.citation` is parsed with :mod:`ast`; each relative
import (``from . import x``, ``from .x import y``, also inside functions) and each absolute
import of the package is an edge. A cycle is reported with the modules that form it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import biblioconv.formats.citation as citation

PACKAGE = "biblioconv.formats.citation"
PACKAGE_DIR = Path(citation.__file__).parent


def _modules() -> dict[str, Path]:
    return {p.stem: p for p in sorted(PACKAGE_DIR.glob("*.py")) if p.stem != "__init__"}


def _targets(node: ast.AST, modules: dict[str, Path]) -> set[str]:
    """The package modules one import statement refers to."""
    found: set[str] = set()
    if isinstance(node, ast.ImportFrom):
        if node.level == 1:
            base = node.module or ""
        elif node.level == 0 and node.module and node.module.startswith(PACKAGE + "."):
            base = node.module[len(PACKAGE) + 1 :]
        elif node.level == 0 and node.module == PACKAGE:
            base = ""
        else:
            return found
        if base:
            head = base.split(".")[0]
            if head in modules:
                found.add(head)
        else:
            found.update(alias.name for alias in node.names if alias.name in modules)
    elif isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name.startswith(PACKAGE + "."):
                head = alias.name[len(PACKAGE) + 1 :].split(".")[0]
                if head in modules:
                    found.add(head)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module name -> the package modules it imports (at any depth of its body)."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: set[str] = set()
        for node in ast.walk(tree):
            edges |= _targets(node, modules)
        edges.discard(name)
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of *graph* as a closed path (first == last), or None."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return None


def test_find_cycle_names_the_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_graph_sees_function_level_imports() -> None:
    graph = import_graph()
    assert "engine" in graph and "patches" in graph
    assert graph["api"] >= {"engine"}


def test_citation_package_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle in the citation package: " + " -> ".join(cycle or [])
