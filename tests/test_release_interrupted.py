"""A release killed midway (issue 14, item 11): the next `check` and `release` say what remains,
and `redraft release --recover` leaves the repository as it was, or finishes a committed release.

Each case runs a real `redraft release` in its own process and kills it with SIGKILL at one point
(no undo runs, as with a power cut or `kill -9`): the process is given a tripwire that kills it
when it reaches a chosen function.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.kb.journal import JOURNAL
from tests.gitkb import changed_files, git, init_repo, isolate_git, snapshot

NEW, SYMBOL, DATE = "2020-1", "CAC/COSP/WG.2/2020/4", "2020-03-02"

TRIPWIRE = """
import os, signal, sys
owner_name, attribute, when = sys.argv[1:4]
import git
from redraft.release import release as release_module
owner = {"release": release_module, "os": os, "Repo": git.Repo}[owner_name]
original = getattr(owner, attribute)
def tripped(*args, **kwargs):
    if when == "after":
        original(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
setattr(owner, attribute, tripped)
from redraft.cli import run
sys.argv = ["redraft", *sys.argv[4:]]
run()
"""


@pytest.fixture
def repo(example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(monkeypatch, tmp_path / "home")
    init_repo(example_copy)
    return example_copy


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    return result.exit_code, result.output


def killed_release(root: Path, owner: str, attribute: str, when: str) -> None:
    release = ["release", NEW, "--symbol", SYMBOL, "--date", DATE, "--root", str(root)]
    process = subprocess.run(
        [sys.executable, "-c", TRIPWIRE, owner, attribute, when, *release],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr


KILLS_BEFORE_COMMIT = {
    # where the release dies: (owner, function, before/after the call), what it left behind
    "copying the draft": ("os", "rename", "before"),  # a hidden half-copy in guidelines/
    "after the folder": ("release", "write_new_file", "before"),
    "after the manifest": ("release", "replace_file", "before"),
    "after versions.yml": ("release", "_verify", "before"),
    "after the tag": ("Repo", "create_tag", "after"),  # a tag whose commit no branch holds
}


@pytest.mark.parametrize("where", list(KILLS_BEFORE_COMMIT))
def test_a_release_killed_before_its_commit_is_undone_by_recover(repo: Path, where: str) -> None:
    before = snapshot(repo, with_git_files=False)
    killed_release(repo, *KILLS_BEFORE_COMMIT[where])
    assert changed_files(before, snapshot(repo, with_git_files=False)) != []  # it did leave things

    # check says what remains and what to do
    problems = [str(p) for p in check(repo) if p.path == JOURNAL]
    assert len(problems) == 1
    assert f"the release of '{NEW}' was interrupted after step" in problems[0]
    assert "run `redraft release --recover` to undo what remains" in problems[0]

    # a new release is refused, saying the same, and changes nothing
    left = snapshot(repo, with_git_files=False)
    code, output = cli(repo, "release", "2020-2", "--symbol", "X/2020/5", "--date", DATE)
    assert code == 1
    assert "an earlier release was interrupted; run `redraft release --recover` first" in output
    assert snapshot(repo, with_git_files=False) == left

    code, output = cli(repo, "release", "--recover")
    assert code == 0, output
    assert f"The interrupted release of {NEW} is undone" in output
    after = snapshot(repo, with_git_files=False)
    assert changed_files(before, after) == []
    assert after == before  # files, refs (no tag) and git status
    assert [p for p in check(repo) if p.severity == "error"] == []

    # and the release can now be made
    code, output = cli(repo, "release", NEW, "--symbol", SYMBOL, "--date", DATE)
    assert code == 0, output


def test_a_release_killed_after_its_commit_is_finished_by_recover(repo: Path) -> None:
    killed_release(repo, "release", "_stage", "before")
    assert git(repo, "tag", "-l").split() == [f"release/{NEW}"]
    problems = [str(p) for p in check(repo) if p.path == JOURNAL]
    assert len(problems) == 1 and "was committed and tagged but not finished" in problems[0]

    code, output = cli(repo, "release", "--recover")
    assert code == 0, output
    assert "already committed and tagged; it is finished" in output
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    assert git(repo, "rev-parse", "HEAD") == git(repo, "rev-parse", f"release/{NEW}^{{commit}}")
    assert [p for p in check(repo) if p.severity == "error"] == []
    assert not (repo / ".redraft").exists()


def test_recover_with_nothing_to_recover_says_so(repo: Path) -> None:
    before = snapshot(repo)
    code, output = cli(repo, "release", "--recover")
    assert (code, output.strip()) == (0, "No interrupted release: nothing to recover.")
    assert snapshot(repo) == before


def test_release_without_its_arguments_is_a_usage_error(repo: Path) -> None:
    code, output = cli(repo, "release", NEW)
    assert code == 2
    assert "missing --symbol, --date (or give --recover)" in output
