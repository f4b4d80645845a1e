"""Provenance from git: who last changed each guideline, the changes since the last release, and
clear messages where the history cannot be read (no repository, a shallow clone)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.kb.load import load
from redraft.release.provenance import (
    Change,
    ChangesSinceRelease,
    DraftChange,
    ProvenanceOff,
    changes_since_release,
    guideline_history,
    last_changed,
    last_changed_files,
    redline_of,
)
from redraft.release.release import ReleaseRequest, execute_release, plan_release
from tests.gitkb import AUTHOR, commit_all, git, init_repo, isolate_git

REVIEWER = ("Bo Reviewer", "bo@example.org")


@pytest.fixture
def repo(example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(monkeypatch, tmp_path / "home")
    init_repo(example_copy)
    return example_copy


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text()
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1))


def test_last_changed_names_the_newest_commit_of_each_guideline(repo: Path) -> None:
    edit(repo, "guidelines/draft/transparency.md", "should", "shall")
    commit_all(repo, "Transparency: shall", author=REVIEWER, date="2026-03-01T12:00:00+01:00")
    # a translation is part of its guideline
    edit(repo, "guidelines/draft/office-funding.zh.md", "审计", "独立审计")
    commit_all(repo, "Office funding: zh wording", date="2026-03-02T08:30:00+00:00")

    latest = last_changed(repo)

    assert not isinstance(latest, ProvenanceOff)
    transparency = latest["transparency"]
    assert (transparency.author, transparency.summary) == (REVIEWER[0], "Transparency: shall")
    assert transparency.date == dt.datetime(
        2026, 3, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert transparency.files == ("guidelines/draft/transparency.md",)
    funding = latest["office-funding"]
    assert funding.summary == "Office funding: zh wording"
    assert funding.files == ("guidelines/draft/office-funding.zh.md",)
    untouched = latest["record-keeping"]
    assert (untouched.author, untouched.summary) == (AUTHOR[0], "The knowledge base")
    # every guideline of the draft, in the draft's order
    draft = load(repo).kb.draft
    assert draft is not None
    assert list(latest) == [g.id for g in draft.guidelines]


def test_last_changed_files_keeps_each_language_apart(repo: Path) -> None:
    """A commit that touched only the Chinese file is the Chinese text's last change, not the
    English text's: a page in one language says when its own text changed."""
    edit(repo, "guidelines/draft/office-funding.md", "audited regularly", "audited every year")
    commit_all(repo, "Office funding: en wording", date="2026-03-01T09:00:00+00:00")
    edit(repo, "guidelines/draft/office-funding.zh.md", "审计", "独立审计")
    commit_all(repo, "Office funding: zh wording", date="2026-03-02T08:30:00+00:00")

    by_file = last_changed_files(repo)

    assert not isinstance(by_file, ProvenanceOff)
    english = by_file["guidelines/draft/office-funding.md"]
    chinese = by_file["guidelines/draft/office-funding.zh.md"]
    assert (english.summary, english.files) == (
        "Office funding: en wording",
        ("guidelines/draft/office-funding.md",),
    )
    assert (chinese.summary, chinese.files) == (
        "Office funding: zh wording",
        ("guidelines/draft/office-funding.zh.md",),
    )
    assert by_file["guidelines/draft/transparency.md"].summary == "The knowledge base"
    assert "guidelines/draft/outline.yml" not in by_file  # guideline texts only


def test_guideline_history_lists_every_change_to_its_files(repo: Path) -> None:
    edit(repo, "guidelines/draft/office-funding.zh.md", "审计", "独立审计")
    commit_all(repo, "zh")
    edit(repo, "guidelines/draft/transparency.md", "should", "shall")
    commit_all(repo, "not this guideline")
    history = guideline_history(repo, "office-funding")
    assert not isinstance(history, ProvenanceOff)
    assert [c.summary for c in history] == ["zh", "The knowledge base"]


def test_changes_since_release_lists_later_commits_with_their_redlines(repo: Path) -> None:
    edit(repo, "guidelines/draft/transparency.md", "should", "must")
    commit_all(repo, "Before the release")
    execute_release(plan_release(repo, ReleaseRequest("2020-1", "S/2020/1", "2020-01-10")))
    edit(repo, "guidelines/draft/transparency.md", "must", "shall")
    after = commit_all(repo, "Transparency: shall", author=REVIEWER)
    (repo / "notes.txt").write_text("not the draft\n")
    commit_all(repo, "Unrelated")

    since = changes_since_release(repo)

    assert isinstance(since, ChangesSinceRelease)
    assert (since.release, since.base_label) == ("2020-1", "tag release/2020-1")
    assert [c.change.commit for c in since.changes] == [after]
    change = since.changes[0]
    assert change.guidelines == ("transparency",)
    assert change.change.files == ("guidelines/draft/transparency.md",)
    diff = redline_of(repo, change)
    assert diff.from_id == f"draft@{change.parent[:12]}"  # type: ignore[index]
    assert diff.to_id == f"draft@{after[:12]}"
    assert [g.id for g in diff.changed_guidelines] == ["transparency"]
    ops = [op for p in diff.changed_guidelines[0].paragraphs for op in p.ops]
    assert ("delete", "must") in ops and ("insert", "shall") in ops


def test_without_a_release_tag_the_last_commit_to_the_released_folder_counts(
    repo: Path,
) -> None:
    edit(repo, "guidelines/draft/transparency.md", "should", "shall")
    sha = commit_all(repo, "After 2019-3")
    since = changes_since_release(repo)
    assert isinstance(since, ChangesSinceRelease)
    assert since.release == "2019-3"
    assert "no release tag" in since.base_label
    assert [c.change.commit for c in since.changes] == [sha]


def test_the_redline_of_the_commit_that_created_the_draft(
    example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    outer = example_copy.parent
    (outer / "README").write_text("before the guidelines\n")
    kb = outer / "kb"
    hidden = outer / "later"
    kb.rename(hidden)
    init_repo(outer)
    hidden.rename(kb)
    sha = commit_all(outer, "The guidelines arrive")
    parent = git(outer, "rev-parse", "HEAD~1").strip()
    change = Change(sha, dt.datetime.now(dt.UTC), AUTHOR[0], "x", ())
    diff = redline_of(kb, DraftChange(change, parent, ()))
    assert diff.from_id == "draft@(none)"
    draft = load(kb).kb.draft
    assert draft is not None
    assert set(diff.summary.guidelines["added"]) == {g.id for g in draft.guidelines}


def test_redraft_log_text_and_json(repo: Path) -> None:
    edit(repo, "guidelines/draft/transparency.md", "should", "shall")
    commit_all(repo, "Transparency: shall", author=REVIEWER)
    runner = CliRunner()

    table = runner.invoke(main, ["log", "--root", str(repo)])
    assert table.exit_code == 0, table.output
    line = next(x for x in table.output.splitlines() if " transparency " in x)
    assert "Bo Reviewer" in line and "Transparency: shall" in line and "2026-02-01" in line

    as_json = json.loads(
        runner.invoke(main, ["log", "--root", str(repo), "--format", "json"]).output
    )
    assert as_json["transparency"]["author"] == "Bo Reviewer"

    since = runner.invoke(main, ["log", "--since-release", "--root", str(repo)])
    assert since.exit_code == 0, since.output
    assert "1 change(s) to the draft since '2019-3'" in since.output
    assert "[-should-]{+shall+}" in since.output

    since_json = json.loads(
        runner.invoke(
            main, ["log", "--since-release", "--format", "json", "--root", str(repo)]
        ).output
    )
    assert since_json["changes"][0]["guidelines"] == ["transparency"]
    assert since_json["changes"][0]["redline"]["to"].startswith("draft@")

    one = runner.invoke(main, ["log", "--guideline", "transparency", "--root", str(repo)])
    assert [x.split("  ")[-1] for x in one.output.splitlines()] == [
        "Transparency: shall",
        "The knowledge base",
    ]
    unknown = runner.invoke(main, ["log", "--guideline", "nope", "--root", str(repo)])
    assert unknown.exit_code == 2 and "'nope' is not in the working draft" in unknown.output


def test_outside_git_provenance_is_off_and_everything_else_works(example_copy: Path) -> None:
    off = last_changed(example_copy)
    assert isinstance(off, ProvenanceOff)
    assert str(off).startswith("provenance is off: ")
    assert "not inside a git repository" in str(off)
    assert isinstance(changes_since_release(example_copy), ProvenanceOff)
    result = CliRunner().invoke(main, ["log", "--root", str(example_copy)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"redraft log: error: {off}"]
    assert [p for p in check(example_copy) if p.severity == "error"] == []


def test_a_shallow_clone_says_how_to_fetch_the_history(repo: Path, tmp_path: Path) -> None:
    edit(repo, "guidelines/draft/transparency.md", "should", "shall")
    commit_all(repo, "Second commit")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    off = last_changed(clone)
    assert isinstance(off, ProvenanceOff)
    assert "shallow clone" in str(off) and "git fetch --unshallow" in str(off)
    result = CliRunner().invoke(main, ["log", "--since-release", "--root", str(clone)])
    assert result.exit_code == 1 and "git fetch --unshallow" in result.output
    # the rest works in a shallow clone
    assert [p for p in check(clone) if p.severity == "error"] == []
    # and once the history is fetched, provenance is on
    git(clone, "fetch", "-q", "--unshallow")
    assert not isinstance(last_changed(clone), ProvenanceOff)
