"""The package layout shows the data flow: lower stages never import higher ones, no import cycles."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "thucydides"

# Stage of each top-level part: a module may import its own stage and lower ones only.
STAGES = {
    "model": 0, "errors": 0, "_compat": 0,
    "knowledge": 1, "ingest": 1,
    "nlp": 2,
    "api": 3, "export": 3, "dataset": 3, "ledger": 3,
    "distributed": 4,
    "cli": 5, "web": 5,
}


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else "__init__"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("thucydides."):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("thucydides."))
    return found


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def test_every_part_has_a_stage() -> None:
    parts = {_part(name) for name in _modules()} - {"__init__"}
    assert parts <= set(STAGES), parts - set(STAGES)


def test_lower_stages_never_import_higher_ones() -> None:
    wrong = []
    for name, path in _modules().items():
        own = _part(name)
        if own == "__init__":
            continue
        for imported in _imports(path):
            other = _part(imported)
            if other in STAGES and STAGES[other] > STAGES[own]:
                wrong.append(f"{name} imports {imported}")
    assert not wrong, wrong


def test_no_import_cycles_between_modules() -> None:
    modules = _modules()
    graph = {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}
    # a package's __init__ re-exporting its own modules is not a cycle of logic
    graph = {n: {m for m in deps if not n.startswith(m + ".")} for n, deps in graph.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle.extend(trail[trail.index(nxt):] + [node, nxt] if nxt in trail else [node, nxt])
                return True
            if nxt not in state and visit(nxt, trail + [node]):
                return True
        state[node] = 2
        return False

    for name in sorted(graph):
        if name not in state and visit(name, []):
            break
    assert not cycle, " -> ".join(cycle)


@pytest.mark.parametrize("old, new", [("actors", "nlp.actors.resolve"), ("events", "nlp.events.candidates"),
                                      ("kb", "knowledge.kb"), ("corroboration", "ledger.corroboration"),
                                      ("dates", "nlp.where_when.dates")])
def test_old_module_paths_still_import(old: str, new: str) -> None:
    assert importlib.import_module(f"thucydides.{old}") is importlib.import_module(f"thucydides.{new}")
