"""A check with an empty parse cache has a second process parse the submissions' YAML and then
the version folders from the last, while it reads the versions from the first
(:mod:`redraft.kb.parse_ahead`): the answer, and the cache it keeps, are the same as a check
that parses everything itself, including when a submission is malformed or the helper fails;
the helper's work is used, not done twice, and it stops where the loader has read."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from redraft.checks.rules import check
from redraft.kb import guideline_file, parse_ahead, yamlio
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


def version_folders(root: Path) -> list[str]:
    """The version folders in the loader's order (the synthetic names sort as they are listed)."""
    folders = sorted(p.name for p in (root / "guidelines").iterdir() if p.is_dir())
    return [f for f in folders if f not in ("draft", "manifests")] + ["draft"]


def checked(
    root: Path, monkeypatch: pytest.MonkeyPatch, *, helper: bool
) -> tuple[list[str], Any, int, int]:
    """The problems, the cache kept, and the YAML texts and guideline bodies this process
    parsed, from a cold cache."""
    shutil.rmtree(root / "build", ignore_errors=True)
    monkeypatch.setattr(parse_ahead, "MIN_FILES", 1 if helper else 10**9)
    parsed = bodies = 0
    real_yaml, real_body = yamlio.load_yaml, guideline_file.parse_body_with_footnotes

    def counting(text: str, first_line: int = 1) -> Any:
        nonlocal parsed
        parsed += 1
        return real_yaml(text, first_line)

    def counting_bodies(body: str, first_line: int) -> Any:
        nonlocal bodies
        bodies += 1
        return real_body(body, first_line)

    monkeypatch.setattr(yamlio, "load_yaml", counting)
    monkeypatch.setattr(guideline_file, "parse_body_with_footnotes", counting_bodies)
    problems = [f"{p.path}:{p.line}: {p.message}" for p in check(root, parse_cache=True)]
    cache = root / CACHE_FILE
    kept = read_plain_pickle(cache.read_bytes()) if cache.exists() else None
    return problems, kept, parsed, bodies


@pytest.fixture
def helper_first(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """The loader waits, once it has told the helper its plan, until the helper has sent every
    folder: all the parsing is the helper's.  Yields the frames each helper sent."""
    sent: list[list[str]] = []
    real = parse_ahead.Ahead.plan

    def plan_and_wait(self: parse_ahead.Ahead, folders: Any) -> None:
        folders = list(folders)
        real(self, folders)
        deadline = time.monotonic() + 60
        while len(self.received) < len(folders) + 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        sent.append(list(self.received))

    monkeypatch.setattr(parse_ahead.Ahead, "plan", plan_and_wait)
    yield sent


def test_the_helpers_parse_is_used_and_changes_nothing(
    root: Path, monkeypatch: pytest.MonkeyPatch, helper_first: list[list[str]]
) -> None:
    alone, alone_cache, alone_parsed, alone_bodies = checked(root, monkeypatch, helper=False)
    helped, helped_cache, helped_parsed, helped_bodies = checked(root, monkeypatch, helper=True)
    assert helped == alone
    assert helped_cache == alone_cache and alone_cache  # the same cache, kept
    # the submissions first, then the folders from the last the loader reads
    assert helper_first == [["submissions", *reversed(version_folders(root))]]
    # every submission, guideline file and outline was parsed by the helper, not here: only
    # the settings and the lists of versions, parties, calls and meetings were left
    folders = [root / "guidelines" / f for f in version_folders(root)]
    by_helper = len(submissions(root)) + sum(
        1 for folder in folders for p in folder.iterdir() if p.suffix in (".md", ".yml")
    )
    assert alone_parsed - helped_parsed == by_helper > len(submissions(root))
    assert alone_bodies > 0 and helped_bodies == 0


def test_the_helper_stops_where_the_loader_has_read(root: Path) -> None:
    """Told the plan and that the loader has started its second folder, the helper parses the
    submissions and the folders after the second, from the last; nothing else."""
    folders = version_folders(root)
    assert len(folders) >= 3
    cache = ParseCache(root / CACHE_FILE, {}, "")
    process = subprocess.Popen(
        [sys.executable, "-m", parse_ahead.__name__, str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    ahead = parse_ahead.Ahead(process, cache)
    ahead.plan(folders)
    ahead.reading(folders[1])  # told before the helper is through the submissions
    ahead.join()
    assert process.wait(timeout=60) == 0  # it ended by itself, at the loader's folder
    # every frame it sent is in the pipe: let the reader take them all in before closing,
    # which tells the reader to take nothing more
    ahead._reader.join(timeout=60)
    ahead.close()
    assert ahead.received == ["submissions", *reversed(folders[2:])]


def test_a_malformed_submission_is_reported_as_without_the_helper(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = submissions(root)[2]
    broken.write_text(broken.read_text("utf-8") + "\ncomments: [unclosed\n", "utf-8")
    alone, alone_cache, *_ = checked(root, monkeypatch, helper=False)
    helped, helped_cache, *_ = checked(root, monkeypatch, helper=True)
    assert helped == alone
    assert any(broken.name in line and "YAML" in line for line in helped), helped
    assert helped_cache is None and alone_cache is None  # an error: no cache kept, either way


def test_a_helper_that_fails_costs_only_its_time(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone_run = checked(root, monkeypatch, helper=False)

    def failing(answer: bytes) -> Any:
        def start(root: Path, cache: ParseCache) -> parse_ahead.Ahead:
            program = f"import sys; sys.stdout.buffer.write({answer!r}); raise SystemExit(3)"
            command = [sys.executable, "-c", program]
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            return parse_ahead.Ahead(process, cache)

        return start

    for answer in (
        b"half an answer",
        b"submissions\n12\nnot a pickle",  # a frame of the length it says, not plain data
        b"submissions\n99999999999\n",  # longer than any frame
        b"submissions\n-1\n",
        b"submissions\n40\n" + pickle.dumps({}),  # cut short
        b"draft\n" + str(len(pickle.dumps([1]))).encode() + b"\n" + pickle.dumps([1]),
    ):
        monkeypatch.setattr(parse_ahead, "start", failing(answer))
        assert checked(root, monkeypatch, helper=True) == alone_run, answer


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
