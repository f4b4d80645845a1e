"""A check with an empty parse cache has the submissions' YAML parsed by a second process while
it reads the versions (:mod:`redraft.kb.parse_ahead`): the answer, and the cache it keeps, are
the same as a check that parses everything itself, including when a submission is malformed or
the helper fails; the helper's work is used, not done twice."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from redraft.checks.rules import check
from redraft.kb import parse_ahead, yamlio
from redraft.kb.parse_cache import CACHE_FILE, ParseCache, read_plain_pickle

from .test_check_fast_paths import make_synthetic_kb


@pytest.fixture(scope="module")
def synthetic_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_synthetic_kb(
        tmp_path_factory.mktemp("synth-ahead") / "kb",
        seed=5,
        guidelines=10,
        versions=3,
        parties=8,
        comments=60,
    )


@pytest.fixture
def root(synthetic_root: Path, tmp_path: Path) -> Path:
    """A private copy of the synthetic knowledge base, which a test may break."""
    copy = tmp_path / "kb"
    shutil.copytree(synthetic_root, copy)
    return copy


def submissions(root: Path) -> list[Path]:
    return sorted((root / "comments" / "submissions").rglob("*.yml"))


def checked(
    root: Path, monkeypatch: pytest.MonkeyPatch, *, helper: bool
) -> tuple[list[str], Any, int]:
    """The problems, the cache kept and the YAML texts this process parsed, from a cold cache."""
    shutil.rmtree(root / "build", ignore_errors=True)
    monkeypatch.setattr(parse_ahead, "MIN_FILES", 1 if helper else 10**9)
    parsed = 0
    real = yamlio.load_yaml

    def counting(text: str, first_line: int = 1) -> Any:
        nonlocal parsed
        parsed += 1
        return real(text, first_line)

    monkeypatch.setattr(yamlio, "load_yaml", counting)
    problems = [f"{p.path}:{p.line}: {p.message}" for p in check(root, parse_cache=True)]
    cache = root / CACHE_FILE
    kept = read_plain_pickle(cache.read_bytes()) if cache.exists() else None
    return problems, kept, parsed


def test_the_helpers_parse_is_used_and_changes_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone, alone_cache, alone_parsed = checked(root, monkeypatch, helper=False)
    helped, helped_cache, helped_parsed = checked(root, monkeypatch, helper=True)
    assert helped == alone
    assert helped_cache == alone_cache and alone_cache  # the same cache, kept
    # every submission was parsed by the helper, not here
    assert alone_parsed - helped_parsed == len(submissions(root)) > 1


def test_a_malformed_submission_is_reported_as_without_the_helper(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = submissions(root)[2]
    broken.write_text(broken.read_text("utf-8") + "\ncomments: [unclosed\n", "utf-8")
    alone, alone_cache, _ = checked(root, monkeypatch, helper=False)
    helped, helped_cache, _ = checked(root, monkeypatch, helper=True)
    assert helped == alone
    assert any(broken.name in line and "YAML" in line for line in helped), helped
    assert helped_cache is None and alone_cache is None  # an error: no cache kept, either way


def test_a_helper_that_fails_costs_only_its_time(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone, alone_cache, alone_parsed = checked(root, monkeypatch, helper=False)

    def failing(root: Path, cache: ParseCache) -> parse_ahead.Ahead:
        program = "import sys; sys.stdout.write('half an answer'); raise SystemExit(3)"
        command = [sys.executable, "-c", program]
        return parse_ahead.Ahead(subprocess.Popen(command, stdout=subprocess.PIPE))

    monkeypatch.setattr(parse_ahead, "start", failing)
    helped, helped_cache, helped_parsed = checked(root, monkeypatch, helper=True)
    assert (helped, helped_cache, helped_parsed) == (alone, alone_cache, alone_parsed)


def test_no_helper_with_a_warm_cache_or_few_submissions(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = len(submissions(root))
    monkeypatch.setattr(parse_ahead, "MIN_FILES", count + 1)
    assert parse_ahead.start(root, ParseCache.open(root)) is None
    monkeypatch.setattr(parse_ahead, "MIN_FILES", count)
    ahead = parse_ahead.start(root, ParseCache.open(root))
    assert ahead is not None
    ahead.close()
    check(root, parse_cache=True)  # keeps a cache
    assert parse_ahead.start(root, ParseCache.open(root)) is None


def test_a_script_without_a_main_guard_starts_one_helper(root: Path, tmp_path: Path) -> None:
    """A script calling ``redraft.check`` at its top level (no ``if __name__ == "__main__"``):
    with multiprocessing's spawn the helper ran the script again, which started a helper..."""
    script = tmp_path / "script.py"
    script.write_text(
        "from redraft.kb import parse_ahead\n"
        "from redraft.checks.rules import check\n"
        "parse_ahead.MIN_FILES = 1\n"
        f"print(len(check({str(root)!r}, parse_cache=True)))\n",
        "utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().isdigit() and done.stderr == ""
