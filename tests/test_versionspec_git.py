"""``draft@REV``: the working draft at any git revision, read from git, never from the work tree."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from redraft.cli import main
from redraft.kb.load import load, load_from
from redraft.kb.repository import open_repository
from redraft.kb.revision import DRAFT_ONLY, GitTreeSource, draft_at, resolve_commit
from redraft.kb.versionspec import VersionNotFound, resolve_version
from redraft.redline.compare import compare_versions, diff_versions
from tests.gitkb import changed_files, commit_all, git, init_repo, isolate_git, snapshot

GUIDELINE = "guidelines/draft/transparency.md"


@pytest.fixture
def repo(example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example, committed, then one more commit that rewords a guideline of the draft."""
    isolate_git(monkeypatch, tmp_path / "home")
    init_repo(example_copy)
    path = example_copy / GUIDELINE
    text = path.read_text()
    assert "should" in text
    path.write_text(text.replace("should", "shall"))
    commit_all(example_copy, "Transparency: shall")
    return example_copy


def test_draft_at_head_1_is_the_draft_before_the_last_commit(repo: Path) -> None:
    kb = load(repo).kb
    older = resolve_version(kb, "draft@HEAD~1", repo)
    assert older.id == "draft@HEAD~1"
    assert older.label == "draft@HEAD~1"
    old_text = older.guideline("transparency").text.paragraphs[0].text  # type: ignore[union-attr]
    new_text = kb.draft.guideline("transparency").text.paragraphs[0].text  # type: ignore[union-attr]
    assert "should" in old_text and "shall" in new_text
    assert old_text.replace("should", "shall") == new_text


def test_draft_at_head_1_diffs_against_draft(repo: Path) -> None:
    kb = load(repo).kb
    diff = compare_versions(resolve_version(kb, "draft@HEAD~1", repo), kb.draft)  # type: ignore[arg-type]
    assert diff.from_id == "draft@HEAD~1" and diff.to_id == "draft"
    assert [g.id for g in diff.changed_guidelines] == ["transparency"]
    ops = [op for p in diff.changed_guidelines[0].paragraphs for op in p.ops]
    assert ("delete", "should") in ops and ("insert", "shall") in ops


def test_diff_versions_takes_a_revision_the_caller_resolved(repo: Path) -> None:
    kb = load(repo).kb
    diff = diff_versions(kb, resolve_version(kb, "draft@HEAD~1", repo), "draft")
    assert diff.from_id == "draft@HEAD~1"
    assert [g.id for g in diff.changed_guidelines] == ["transparency"]


def test_the_library_never_guesses_the_folder_from_the_current_directory(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even run from inside the repository, a spec with no folder given is not read from git:
    which repository ``draft@REV`` means is the caller's to say (the CLI's --root)."""
    monkeypatch.chdir(repo)
    with pytest.raises(VersionNotFound, match="none was given"):
        diff_versions(load(repo).kb, "draft@HEAD~1", "draft")


def test_a_tag_and_a_sha_are_revisions_too(repo: Path) -> None:
    kb = load(repo).kb
    first = git(repo, "rev-parse", "HEAD~1").strip()
    git(repo, "tag", "circulated", first)
    by_tag = resolve_version(kb, "draft@circulated", repo)
    by_sha = resolve_version(kb, f"draft@{first[:10]}", repo)
    assert by_tag.id == "draft@circulated" and by_sha.id == f"draft@{first[:10]}"
    assert by_tag.guidelines == by_sha.guidelines


def test_reading_a_revision_leaves_the_work_tree_and_index_alone(repo: Path) -> None:
    (repo / GUIDELINE).write_text("an unsaved edit that must survive\n")
    before = snapshot(repo)
    draft_at(repo, "HEAD~1")
    draft_at(repo, "HEAD")
    assert changed_files(before, snapshot(repo)) == []


def test_git_tree_source_loads_what_the_work_tree_holds(repo: Path) -> None:
    with open_repository(repo) as kb_repo:
        from_git = load_from(GitTreeSource(kb_repo, resolve_commit(kb_repo, "HEAD")))
    from_files = load(repo)
    assert from_git.kb == from_files.kb
    assert from_git.problems == from_files.problems
    assert from_git.version_files == from_files.version_files


def test_a_knowledge_base_in_a_subfolder_of_the_repository(
    example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    outer = example_copy.parent
    (outer / "README").write_text("a project that keeps its guidelines in kb/\n")
    init_repo(outer)
    path = example_copy / GUIDELINE
    path.write_text(path.read_text().replace("should", "must"))
    commit_all(outer, "must")
    older = draft_at(example_copy, "HEAD~1")
    assert "should" in older.guideline("transparency").text.paragraphs[0].text  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        ("draft@no-such-branch", "'no-such-branch' is not a commit of the repository"),
        ("draft@--all", "'--all' is not a git revision"),
        ("draft@", "'' is not a git revision"),
        ("draft@HEAD~99", "'HEAD~99' is not a commit"),
    ],
)
def test_a_bad_revision_is_one_clear_line(repo: Path, spec: str, said: str) -> None:
    with pytest.raises(VersionNotFound) as raised:
        resolve_version(load(repo).kb, spec, repo)
    message = str(raised.value)
    assert said in message and message.startswith(f"version '{spec}': ")
    assert "\n" not in message


def test_a_revision_before_the_draft_existed(repo: Path) -> None:
    (repo / "other.txt").write_text("x\n")
    git(repo, "checkout", "-q", "--orphan", "elsewhere")
    git(repo, "rm", "-q", "-r", "--cached", ".")
    git(repo, "add", "other.txt")
    git(repo, "commit", "-q", "-m", "unrelated history")
    git(repo, "checkout", "-q", "-f", "main")
    with pytest.raises(VersionNotFound, match="there is no working draft"):
        resolve_version(load(repo).kb, "draft@elsewhere", repo)


def test_outside_git_draft_at_rev_says_why(example_copy: Path) -> None:
    with pytest.raises(VersionNotFound) as raised:
        resolve_version(load(example_copy).kb, "draft@HEAD~1", example_copy)
    assert "not inside a git repository" in str(raised.value)
    assert "draft@HEAD~1 reads the draft from git" in str(raised.value)


def test_in_a_shallow_clone_an_unreachable_revision_says_how_to_fetch(
    repo: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    with pytest.raises(VersionNotFound, match="git fetch --unshallow"):
        resolve_version(load(clone).kb, "draft@HEAD~1", clone)


def test_redraft_diff_from_a_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["diff", "draft@HEAD~1", "draft", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"from": "draft@HEAD~1"' in result.output
    assert '"transparency"' in result.output
    bad = CliRunner().invoke(main, ["diff", "draft@nope", "draft"])
    assert bad.exit_code == 2
    assert bad.stderr.splitlines()[-1].startswith("redraft diff: error: version 'draft@nope'")


def test_redraft_diff_reads_the_revision_from_the_root_it_is_given(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    args = ["diff", "draft@HEAD~1", "draft", "--format", "json", "-C", str(repo)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert '"transparency"' in result.stdout


def test_a_draft_only_source_shows_the_draft_and_nothing_else(repo: Path) -> None:
    with open_repository(repo) as kb_repo:
        source = GitTreeSource(kb_repo, resolve_commit(kb_repo, "HEAD"), DRAFT_ONLY)
        assert source.list_dirs("guidelines") == ["draft"]
        assert source.list_dirs("") == ["guidelines"]
        assert not source.exists("guidelines/versions.yml")
        assert not source.is_dir("comments")
        assert (
            source.read_bytes("guidelines/draft/outline.yml")
            == (repo / "guidelines/draft/outline.yml").read_bytes()
        )
        result = load_from(source)
    assert [v.id for v in result.kb.versions] == ["draft"]
    assert result.kb.submissions == ()
    assert result.kb.draft == load(repo).kb.draft
