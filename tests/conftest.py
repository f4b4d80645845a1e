"""Fixtures shared by every test: the example knowledge base, and disposable copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from redraft.kb.load import LoadResult, load
from redraft.kb.model import KnowledgeBase
from redraft.kb.problems import Problem

REPO = Path(__file__).resolve().parent.parent
KB_PARTS = ("redraft.yml", "guidelines", "comments", "records")


@pytest.fixture(scope="session")
def example_root() -> Path:
    """The example knowledge base at the repository root (read-only: copy it to change it)."""
    return REPO


@pytest.fixture(scope="session")
def example_loaded() -> LoadResult:
    return load(REPO)


@pytest.fixture(scope="session")
def example_kb(example_loaded: LoadResult) -> KnowledgeBase:
    return example_loaded.kb


def copy_example(destination: Path) -> Path:
    """Copy the example's data files (not the code) into ``destination`` and return it."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in KB_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A private copy of the example knowledge base that a test may break."""
    return copy_example(tmp_path / "kb")


PLANTED_DRIFT = "guidelines/draft/pre-seizure-planning.zh.md"
"""The example's one warning, on purpose: its Chinese (b) of guideline 1 was not updated after the
English changed (tests/test_translations.py and test_check_rules.py assert it)."""


def is_planted_drift(problem: Problem) -> bool:
    return (
        problem.path == PLANTED_DRIFT
        and problem.severity == "warning"
        and "is outdated" in problem.message
    )
