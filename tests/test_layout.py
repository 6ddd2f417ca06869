"""The package layout: one package per stage, imports running one way, no cycles.

The imports are read from the source with ``ast``, lazy ones inside functions included, so a
stage cannot reach upwards even where the import is deferred.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "draftkit"
SHARED = {"errors", "models", "resources", "files", "yamlfile", "buckets"}
# What each stage may import besides itself and the shared modules.
ALLOWED = {
    "shared": set(),
    "reading": set(),
    "bank": {"reading"},
    "compose": {"bank", "reading"},
    "write": set(),
    "review": {"compose", "bank", "reading"},
    "cli": {"review", "compose", "write", "bank", "reading", "api"},
    "api": {"review", "compose", "write", "bank", "reading"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "api"
    if parts[1] in SHARED:
        return "shared"
    return parts[1]


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every draftkit module that ``path`` imports, with the line, at any depth in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("draftkit")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{path}:{node.lineno}: use absolute imports")
            if node.module and node.module.startswith("draftkit"):
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    is_module = (SRC.parent / (full.replace(".", "/") + ".py")).exists()
                    found.append((node.lineno, full if is_module else node.module))
    return found


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        edges[module_name(path)] = {m for _, m in imports_of(path)}
    return edges


def test_every_module_lives_in_a_stage_package() -> None:
    loose = {p.stem for p in SRC.glob("*.py")} - SHARED - {"__init__"}
    assert not loose, f"modules outside a stage package: {sorted(loose)}"
    for package in ALLOWED.keys() - {"shared", "api"}:
        init = SRC / package / "__init__.py"
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init} says what the stage takes in and gives out"
        assert len(tree.body) == 1, f"{init} holds only its docstring, no logic"


def test_imports_run_one_way() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        here = stage(module_name(path))
        for line, target in imports_of(path):
            there = stage(target)
            if target == "draftkit" and here == "cli":
                continue  # the version number
            if there not in ({here, "shared"} | ALLOWED[here]):
                wrong.append(f"{path.relative_to(SRC)}:{line} ({here}) imports {target} ({there})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if nxt == node or nxt == "draftkit":
                continue
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt) :] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, cycles


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from draftkit.compose.draft import compose\n", "compose"),
        ("def f():\n    from draftkit.cli.report import out\n", "cli"),
    ],
)
def test_an_upward_import_is_caught(tmp_path: Path, source: str, expected: str) -> None:
    """The checker itself: a planted import from ``reading`` upwards is reported."""
    planted = tmp_path / "planted.py"
    planted.write_text(source, encoding="utf-8")
    (line, target), *_ = imports_of(planted)
    assert stage(target) == expected
    assert expected not in ALLOWED["reading"]


def test_every_public_name_is_what_a_script_can_call() -> None:
    """``draftkit.X`` for every name in ``__all__`` loads, even beside a subpackage's name."""
    import importlib

    import draftkit

    importlib.import_module("draftkit.compose.draft")  # the package is now an attribute too
    for name in draftkit.__all__:
        value = getattr(draftkit, name)
        assert callable(value), name
