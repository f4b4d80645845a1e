"""The packages keep the one-way flow of docs/architecture.md: files → kb → derived facts →
checks → release → site and exports → cli.

An AST scan of every ``from redraft.… import`` in the source: a package may import only the
packages below it.  The two places where a lower layer reuses something of the site are named,
each with its reason, so that a third cannot arrive unnoticed.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from .conftest import REPO

SRC = REPO / "src" / "redraft"

BELOW: dict[str, frozenset[str]] = {
    # package → the packages it may import
    "kb": frozenset(),
    "redline": frozenset({"kb"}),
    "comments": frozenset({"kb", "redline"}),
    "checks": frozenset({"kb", "redline", "comments"}),
    "release": frozenset({"kb", "redline", "comments", "checks"}),
    "editing": frozenset({"kb", "redline", "comments", "checks"}),
    "site": frozenset({"kb", "redline", "comments", "checks", "release"}),
    "exports": frozenset({"kb", "redline", "comments", "checks", "release"}),
    "_api": frozenset({"kb", "redline", "comments", "checks", "release", "site", "exports"}),
    "__init__": frozenset({"_api", "kb", "redline", "site"}),
    "cli": frozenset(
        {
            "__init__",
            "_api",
            "kb",
            "redline",
            "comments",
            "checks",
            "release",
            "editing",
            "site",
            "exports",
        }
    ),
}

EXCEPTIONS = {
    # (importing module, imported module): why the lower layer may reach up
    ("checks/markdown.py", "redraft.site.text"): (
        "check bounds what the site will render, so it must escape guideline text exactly as "
        "the site does"
    ),
    ("exports/compare_docx.py", "redraft.site.labels"): "documents say what the site says",
    ("exports/import_docx.py", "redraft.site.labels"): "documents say what the site says",
    ("exports/official.py", "redraft.site.labels"): "documents say what the site says",
    ("exports/compilation.py", "redraft.site.labels"): "documents say what the site says",
    ("exports/version_docx.py", "redraft.site.labels"): "documents say what the site says",
}


def _package(path: Path) -> str:
    relative = path.relative_to(SRC)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imports_against_the_flow() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC).as_posix()
        package = _package(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            parts = node.module.split(".")
            if parts[0] != "redraft":
                continue
            target = parts[1] if len(parts) > 1 else "__init__"
            if target == package or target in BELOW[package]:
                continue
            if (module, node.module) in EXCEPTIONS:
                continue
            found.append(f"{module}:{node.lineno}: imports {node.module}")
    return found


def test_every_package_imports_only_the_layers_below_it() -> None:
    assert imports_against_the_flow() == []


def test_every_package_has_its_place_in_the_layers() -> None:
    packages = {_package(path) for path in SRC.rglob("*.py")}
    assert packages == set(BELOW)


def test_the_exceptions_are_still_needed() -> None:
    """An exception that no longer matches an import is stale and must go."""
    seen = set()
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                seen.add((module, node.module))
    assert set(EXCEPTIONS) <= seen


def test_the_scan_catches_an_import_up_the_flow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scanner itself: a kb module importing the site is reported."""
    fake = tmp_path / "redraft"
    (fake / "kb").mkdir(parents=True)
    (fake / "kb" / "bad.py").write_text("from redraft.site.urls import x\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "SRC", fake)
    assert imports_against_the_flow() == ["kb/bad.py:1: imports redraft.site.urls"]
