"""``redraft release`` and ``redraft seal``: the round trip, every refusal, undo on failure, proof.

Each test works in a git repository made from a copy of the example knowledge base.  A refusal
must leave the folder and the repository byte for byte as they were: the tests compare every
file (``.git`` included), every ref and ``git status`` before and after.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from redraft.checks.rules import check
from redraft.cli import main
from redraft.kb.load import load
from redraft.kb.yamlio import load_yaml
from redraft.release import release as release_module
from redraft.release import undo as undo_module
from redraft.release.errors import ReleaseFailed, ReleaseRefused
from redraft.release.release import ReleaseRequest, execute_release, plan_release
from redraft.release.seal import seal_version
from redraft.release.versions_file import versions_with_entry, versions_with_hash, yaml_scalar
from tests.gitkb import changed_files, commit_all, git, init_repo, isolate_git, snapshot

NEW = "2020-1"
SYMBOL = "CAC/COSP/WG.2/2020/4"
DATE = "2020-03-02"


@pytest.fixture
def repo(example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(monkeypatch, tmp_path / "home")
    init_repo(example_copy)
    return example_copy


def release(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main,
        ["release", *args, "--root", str(root)],
    )
    return result.exit_code, result.output


def errors(root: Path) -> list[str]:
    return [str(p) for p in check(root) if p.severity == "error"]


# -- the round trip --------------------------------------------------------------------------


def test_release_round_trip(repo: Path) -> None:
    versions_before = (repo / "guidelines/versions.yml").read_text()
    draft_files = {
        p.relative_to(repo / "guidelines/draft").as_posix(): p.read_bytes()
        for p in (repo / "guidelines/draft").rglob("*")
        if p.is_file()
    }
    head_before = git(repo, "rev-parse", "HEAD").strip()
    # the example's decisions taken while revising say `addressed_in: draft`: the release names
    # the new version there, in the same commit (docs/releases.md)
    naming_draft = sorted(
        {c.source.path for c in load(repo).kb.comments() if c.addressed_in == "draft"}
    )
    assert naming_draft

    code, output = release(repo, NEW, "--symbol", SYMBOL, "--date", DATE, "--meeting", "WG 14")

    assert code == 0, output
    assert f"Released {NEW}" in output and f"tagged release/{NEW}" in output
    assert errors(repo) == []
    folder = repo / "guidelines" / NEW
    assert {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    } == draft_files
    # the manifest is what sha256sum -c reads, from inside the version folder
    manifest = (repo / f"guidelines/manifests/{NEW}.sha256").read_text()
    assert sorted(line.split("  ", 1)[1] for line in manifest.splitlines()) == sorted(draft_files)
    checked = subprocess.run(
        ["sha256sum", "-c", "--quiet", f"../manifests/{NEW}.sha256"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # versions.yml: the old text kept byte for byte, the entry appended with its hash
    versions_after = (repo / "guidelines/versions.yml").read_text()
    assert versions_after.startswith(versions_before)
    entry = load_yaml(versions_after).value["versions"][-1]
    expected_hash = "sha256:" + hashlib.sha256(manifest.encode()).hexdigest()
    assert entry == {
        "id": NEW,
        "title": load(repo).kb.draft.title,  # type: ignore[union-attr]
        "symbol": SYMBOL,
        "date": DATE,
        "meeting": "WG 14",
        "status": "released",
        "hash": expected_hash,
    }
    # git: one commit of exactly those paths on the branch, an annotated tag on it, clean status
    head = git(repo, "rev-parse", "HEAD").strip()
    assert git(repo, "rev-parse", "HEAD~1").strip() == head_before
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    changed = git(repo, "diff", "--name-only", "HEAD~1", "HEAD").split()
    assert sorted(changed) == sorted(
        [f"guidelines/{NEW}/{name}" for name in draft_files]
        + [f"guidelines/manifests/{NEW}.sha256", "guidelines/versions.yml"]
        + naming_draft
    )
    assert not [c.id for c in load(repo).kb.comments() if c.addressed_in == "draft"]
    assert git(repo, "cat-file", "-t", f"release/{NEW}").strip() == "tag"
    assert git(repo, "rev-parse", f"release/{NEW}^{{commit}}").strip() == head
    message = git(repo, "log", "-1", "--format=%B")
    assert SYMBOL in message and DATE in message
    assert SYMBOL in git(repo, "tag", "-l", "-n1", f"release/{NEW}")
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    # the tag's tree holds the same bytes as the folder
    tag = f"release/{NEW}"
    tagged_names = git(repo, "ls-tree", "-r", "--name-only", tag, "--", f"guidelines/{NEW}")
    tagged = {
        name.removeprefix(f"guidelines/{NEW}/"): subprocess.run(
            ["git", "show", f"{tag}:{name}"], cwd=repo, capture_output=True, check=True
        ).stdout
        for name in tagged_names.split()
    }
    assert tagged == draft_files


def test_release_of_a_knowledge_base_in_a_subfolder_of_the_repository(
    example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    outer = example_copy.parent
    (outer / "README").write_text("a project that keeps its guidelines in kb/\n")
    init_repo(outer)

    code, output = release(example_copy, NEW, "--symbol", SYMBOL, "--date", DATE)

    assert code == 0, output
    names = git(outer, "diff", "--name-only", "HEAD~1", "HEAD").split()
    assert f"kb/guidelines/{NEW}/outline.yml" in names
    # the release's files, and the submissions whose `draft` it named: all inside kb/
    assert all(name.startswith(("kb/guidelines/", "kb/comments/submissions/")) for name in names)
    assert git(outer, "status", "--porcelain") == ""
    assert errors(example_copy) == []
    edited = example_copy / "guidelines" / NEW / "transparency.md"
    edited.write_text(edited.read_text() + "\nA quiet correction.\n")
    seal_version(example_copy, NEW, reseal=True)
    assert [e.split(":", 1)[0] for e in errors(example_copy)] == [
        f"guidelines/{NEW}/transparency.md"
    ]


def test_release_keeps_what_others_staged_out_of_the_commit(repo: Path) -> None:
    (repo / "notes.txt").write_text("an unrelated file, staged\n")
    git(repo, "add", "notes.txt")
    code, output = release(repo, NEW, "--symbol", SYMBOL, "--date", DATE)
    assert code == 0, output
    assert "notes.txt" not in git(repo, "diff", "--name-only", "HEAD~1", "HEAD")
    assert git(repo, "status", "--porcelain").splitlines() == ["A  notes.txt"]


def test_release_outside_git_writes_the_files_and_says_it_did_not_commit(
    example_copy: Path,
) -> None:
    code, output = release(example_copy, NEW, "--symbol", SYMBOL, "--date", DATE)
    assert code == 0, output
    assert "Not committed:" in output and "not inside a git repository" in output
    assert (example_copy / "guidelines" / NEW / "outline.yml").is_file()
    assert errors(example_copy) == []


def test_dry_run_says_what_it_would_do_and_writes_nothing(repo: Path) -> None:
    before = snapshot(repo)
    code, output = release(repo, NEW, "--symbol", SYMBOL, "--date", DATE, "--dry-run")
    assert code == 0, output
    assert "copy guidelines/draft/ (" in output
    assert f"create the annotated tag release/{NEW}" in output
    assert f"symbol: {SYMBOL}" in output
    after = snapshot(repo)
    assert changed_files(before, after) == [] and before == after


def test_warnings_are_listed_and_do_not_stop_a_release(repo: Path) -> None:
    # a translation that lacks a paragraph is a warning, not an error
    path = repo / "guidelines/draft/office-funding.zh.md"
    text = path.read_text()
    assert "\n(c) " in text
    path.write_text(text[: text.index("\n(c) ")])
    commit_all(repo, "An incomplete translation")
    assert errors(repo) == []
    code, output = release(repo, NEW, "--symbol", SYMBOL, "--date", DATE)
    assert code == 0, output
    assert "warning(s) above; warnings do not stop a release" in output


# -- refusals change nothing -----------------------------------------------------------------


def _break_the_draft(root: Path) -> None:
    path = root / "guidelines/draft/transparency.md"
    path.write_text(path.read_text().replace("id: transparency", "id: not-the-file-name"))
    commit_all(root, "A broken guideline")


def _dirty_draft(root: Path) -> None:
    path = root / "guidelines/draft/transparency.md"
    path.write_text(path.read_text() + "\nAn uncommitted sentence.\n")


def _untracked_in_draft(root: Path) -> None:
    """A valid new translation, not yet added to git: check is clean, the tree is not."""
    original = (root / "guidelines/draft/record-keeping.md").read_text()
    body = original.split("---\n", 2)[2]
    translation = "---\nid: record-keeping\ntitle: Tenue des registres\n---\n" + body
    (root / "guidelines/draft/record-keeping.fr.md").write_text(translation)
    assert errors(root) == []


def _existing_tag(root: Path) -> None:
    git(root, "tag", "-a", "-m", "someone else's", f"release/{NEW}")


def _existing_manifest(root: Path) -> None:
    (root / "guidelines/manifests").mkdir(exist_ok=True)
    (root / f"guidelines/manifests/{NEW}.sha256").write_text("")
    commit_all(root, "A stray manifest")


def _existing_folder(root: Path) -> None:
    shutil.copytree(root / "guidelines/2019-3", root / "guidelines" / NEW)
    commit_all(root, "A stray folder")


def _detached_head(root: Path) -> None:
    git(root, "checkout", "-q", "--detach")


def _no_identity(root: Path) -> None:
    git(root, "config", "--unset", "user.name")


def _nothing(root: Path) -> None:
    pass


REFUSALS: list[tuple[str, Callable[[Path], None], list[str], str]] = [
    ("check error", _break_the_draft, [NEW], "a release needs a clean check"),
    ("existing version", _nothing, ["2019-3"], "already exists"),
    ("existing folder", _existing_folder, [NEW], "a release needs a clean check"),
    ("existing manifest", _existing_manifest, [NEW], "already exists"),
    ("existing tag", _existing_tag, [NEW], f"git tag release/{NEW} already exists"),
    ("the draft's own name", _nothing, ["draft"], "reserved"),
    ("an invalid id", _nothing, ["Version_1"], "is not a valid id"),
    ("uncommitted change", _dirty_draft, [NEW], "uncommitted change(s)"),
    ("untracked file", _untracked_in_draft, [NEW], "uncommitted change(s)"),
    ("detached HEAD", _detached_head, [NEW], "HEAD is detached"),
    ("no git identity", _no_identity, [NEW], "git config user.name"),
    ("an impossible date", _nothing, [NEW, "--date", "2020-02-30"], "impossible date"),
    ("a date that is not a date", _nothing, [NEW, "--date", "2 March 2020"], "YYYY-MM-DD"),
    ("a date before the last release", _nothing, [NEW, "--date", "2019-01-01"], "before version"),
    ("an empty symbol", _nothing, [NEW, "--symbol", " "], "--symbol must not be empty"),
]


@pytest.mark.parametrize(
    ("setup", "args", "said"),
    [pytest.param(setup, args, said, id=name) for name, setup, args, said in REFUSALS],
)
def test_every_refusal_changes_nothing(
    repo: Path, setup: Callable[[Path], None], args: list[str], said: str
) -> None:
    setup(repo)
    defaults = {"--symbol": SYMBOL, "--date": DATE}
    for option in list(defaults):
        if option in args:
            del defaults[option]
    extra = [item for pair in defaults.items() for item in pair]
    before = snapshot(repo)

    code, output = release(repo, *args, *extra)

    assert code == 1, output
    assert said in output
    assert "refused:" in output and "nothing was changed" in output
    assert "Traceback" not in output
    after = snapshot(repo)
    assert changed_files(before, after) == []
    assert before == after


def test_allow_dirty_releases_the_files_as_they_are_on_disk(repo: Path) -> None:
    _dirty_draft(repo)
    code, output = release(repo, NEW, "--symbol", SYMBOL, "--date", DATE, "--allow-dirty")
    assert code == 0, output
    released = (repo / "guidelines" / NEW / "transparency.md").read_text()
    assert "An uncommitted sentence." in released
    # the draft's own uncommitted edit stays uncommitted and unstaged
    assert git(repo, "status", "--porcelain").splitlines() == [
        " M guidelines/draft/transparency.md"
    ]


# -- a failure midway is undone --------------------------------------------------------------


def _fail(*args: object, **kwargs: object) -> None:
    raise RuntimeError("simulated failure")


@pytest.mark.parametrize(
    ("module", "step"),
    [(undo_module, "write_atomically"), (release_module, "_verify"), (release_module, "_stage")],
)
def test_a_failure_midway_undoes_every_step(
    repo: Path, monkeypatch: pytest.MonkeyPatch, module: object, step: str
) -> None:
    plan = plan_release(repo, ReleaseRequest(NEW, SYMBOL, DATE))
    before = snapshot(repo, with_git_files=False)
    index_before = (repo / ".git/index").read_bytes()
    monkeypatch.setattr(module, step, _fail)

    with pytest.raises(ReleaseFailed, match="every change was undone"):
        execute_release(plan)

    after = snapshot(repo, with_git_files=False)
    assert changed_files(before, after) == []
    assert before == after  # files, refs (the tag is gone, main is back) and status
    assert (repo / ".git/index").read_bytes() == index_before
    assert not list((repo / "guidelines").glob(".*"))  # no temporary folder or file left


def test_a_branch_that_moved_meanwhile_is_not_overwritten(repo: Path) -> None:
    plan = plan_release(repo, ReleaseRequest(NEW, SYMBOL, DATE))
    (repo / "elsewhere.txt").write_text("someone committed in between\n")
    moved = commit_all(repo, "Someone else's commit")

    with pytest.raises(ReleaseFailed, match="every change was undone"):
        execute_release(plan)

    assert git(repo, "rev-parse", "HEAD").strip() == moved
    assert git(repo, "tag", "-l") == ""
    assert not (repo / "guidelines" / NEW).exists()


# -- proof -----------------------------------------------------------------------------------


def test_check_names_a_hand_edited_released_file(repo: Path) -> None:
    code, output = release(repo, NEW, "--symbol", SYMBOL, "--date", DATE)
    assert code == 0, output
    edited = repo / "guidelines" / NEW / "transparency.md"
    edited.write_text(edited.read_text().replace("should", "must", 1))
    (repo / "guidelines" / NEW / "extra.md").write_text("added later\n")

    found = errors(repo)

    assert any(
        p.startswith(f"guidelines/{NEW}/transparency.md:1:") and "changed since release" in p
        for p in found
    ), found
    assert any(p.startswith(f"guidelines/{NEW}/extra.md:1:") for p in found), found
    result = CliRunner().invoke(main, ["check", str(repo)])
    assert result.exit_code == 1
    assert f"guidelines/{NEW}/transparency.md:1:" in result.output


def test_check_compares_with_the_release_tag_when_manifest_and_hash_were_rewritten(
    repo: Path,
) -> None:
    code, output = release(repo, NEW, "--symbol", SYMBOL, "--date", DATE)
    assert code == 0, output
    edited = repo / "guidelines" / NEW / "transparency.md"
    edited.write_text(edited.read_text().replace("should", "must", 1))
    seal_version(repo, NEW, reseal=True)  # the manifest and hash now agree with the edit
    commit_all(repo, "Quietly correct a released text")

    found = errors(repo)

    assert found == [
        f"guidelines/{NEW}/transparency.md:1: changed since release of version '{NEW}' "
        f"according to its git tag release/{NEW}: a released version must not change; "
        f"restore it with `git checkout release/{NEW} -- guidelines/{NEW}/transparency.md`"
    ]
    # the command the message gives does restore the released text
    git(repo, "checkout", f"release/{NEW}", "--", f"guidelines/{NEW}/transparency.md")
    assert edited.read_text() == git(
        repo, "show", f"release/{NEW}:guidelines/{NEW}/transparency.md"
    )


def test_the_tag_check_costs_nothing_without_release_tags(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import redraft.kb.repository as repository

    opened: list[object] = []
    monkeypatch.setattr(repository, "open_repository", lambda root: opened.append(root))
    assert errors(repo) == []
    assert opened == []


# -- sealing versions released before Redraft ------------------------------------------------


def as_before_redraft(root: Path) -> None:
    """The example as a secretariat has it before adopting Redraft: versions without hashes."""
    versions = root / "guidelines/versions.yml"
    lines = versions.read_text().splitlines(keepends=True)
    versions.write_text("".join(line for line in lines if not line.strip().startswith("hash:")))
    shutil.rmtree(root / "guidelines/manifests", ignore_errors=True)
    commit_all(root, "Before Redraft")


def test_seal_records_manifest_and_hash_that_check_and_sha256sum_verify(repo: Path) -> None:
    as_before_redraft(repo)
    versions = repo / "guidelines/versions.yml"
    before = versions.read_text()
    result = CliRunner().invoke(main, ["seal", "2018-3", "2019-3", "--root", str(repo)])
    assert result.exit_code == 0, result.output
    after = versions.read_text()
    # only two hash lines were added
    assert sorted(set(after.splitlines()) - set(before.splitlines())) == sorted(
        f"    hash: {v.hash}" for v in load(repo).kb.released if v.hash
    )
    assert len(after.splitlines()) == len(before.splitlines()) + 2
    assert errors(repo) == []
    for version in ("2018-3", "2019-3"):
        done = subprocess.run(
            ["sha256sum", "-c", "--quiet", f"../manifests/{version}.sha256"],
            cwd=repo / "guidelines" / version,
            capture_output=True,
        )
        assert done.returncode == 0
    (repo / "guidelines/2018-3/transparency.md").write_text("edited\n")
    assert any(p.startswith("guidelines/2018-3/transparency.md:1:") for p in errors(repo))


def test_seal_refuses_a_sealed_version_and_changes_nothing(repo: Path) -> None:
    as_before_redraft(repo)
    seal_version(repo, "2018-3")
    before = snapshot(repo)
    result = CliRunner().invoke(main, ["seal", "2018-3", "--root", str(repo)])
    assert result.exit_code == 1
    assert "already sealed" in result.output
    assert snapshot(repo) == before
    with pytest.raises(ReleaseRefused, match="not listed"):
        seal_version(repo, "1999-1")


# -- versions.yml edited as text -------------------------------------------------------------

FIELDS = [("id", "2020-1"), ("title", "T: with a colon"), ("symbol", "S/1"), ("date", "2020-01-02")]


def test_entry_is_appended_with_the_existing_indentation_and_comments_kept() -> None:
    text = (
        "# The versions\nversions:\n- id: a   # first\n  title: A\n  symbol: S\n"
        "  date: 2019-01-01\n# end\n"
    )
    new, entry = versions_with_entry(text, FIELDS)
    assert entry == '- id: 2020-1\n  title: "T: with a colon"\n  symbol: S/1\n  date: 2020-01-02\n'
    assert new.startswith("# The versions\nversions:\n- id: a   # first\n")
    assert '- id: 2020-1\n  title: "T: with a colon"\n' in new
    assert new.endswith("# end\n")
    assert [e["id"] for e in load_yaml(new).value["versions"]] == ["a", "2020-1"]


@pytest.mark.parametrize(
    "text",
    [None, "", "versions: []\n", "versions:\n", "# only a comment\nversions: []  # none yet\n"],
)
def test_entry_starts_a_list_that_has_none(text: str | None) -> None:
    new, _ = versions_with_entry(text, FIELDS)
    assert load_yaml(new).value["versions"] == [dict(FIELDS)]


def test_entry_after_a_block_scalar_and_without_final_newline() -> None:
    text = (
        "versions:\n  - id: a\n    title: |\n      A long\n      title\n    symbol: S\n"
        "    date: 2019-01-01"
    )
    new, _ = versions_with_entry(text, FIELDS)
    assert [e["id"] for e in load_yaml(new).value["versions"]] == ["a", "2020-1"]


def test_hash_is_inserted_or_replaced_in_place() -> None:
    text = (
        "versions:\n  - id: a\n    date: 2019-01-01  # circulated\n"
        "  - id: b\n    date: 2019-02-01\n"
    )
    digest = "sha256:" + "0" * 64
    inserted = versions_with_hash(text, "a", digest)
    assert inserted == text.replace("# circulated\n", f"# circulated\n    hash: {digest}\n")
    replaced = versions_with_hash(inserted, "a", "sha256:" + "1" * 64)
    assert replaced == inserted.replace("0" * 64, "1" * 64)


@given(st.text(min_size=1, max_size=80).filter(lambda s: s.strip() == s and "\x00" not in s))
def test_any_title_is_written_so_that_it_reads_back_the_same(title: str) -> None:
    try:
        parsed = load_yaml(f"title: {yaml_scalar(title)}\n").value
    except Exception as exc:  # pragma: no cover - reported by hypothesis
        raise AssertionError(f"{title!r} → {yaml_scalar(title)!r}: {exc}") from exc
    assert parsed == {"title": title}
