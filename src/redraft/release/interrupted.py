"""Recovering from a release that was stopped midway (killed, power cut, full disk).

A release undoes its own steps when one of them fails, but a process that is killed runs no undo.
Its journal (:mod:`redraft.kb.journal`) says what it set out to do, so ``redraft release
--recover`` can put the repository back as it was, or, if the release commit already moved the
branch, finish the one step left (recording the released files in git's index).  Every action is
one that only this release could have caused: the version folder, its manifest and its tag did not
exist when the release was planned (the plan refuses otherwise), and ``versions.yml`` is put back
to the bytes the journal kept, as is each submission file whose ``draft`` it was renaming.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from redraft.kb.atomic import write_bytes_atomic
from redraft.kb.journal import (
    JOURNAL,
    ReleaseJournal,
    read_journal,
    remove_journal,
    unfinished_copies,
)
from redraft.kb.repository import GitUnavailable, open_repository
from redraft.kb.sources import FileSource


@dataclass(frozen=True)
class Recovery:
    journal: ReleaseJournal | None
    finished: bool
    """True: the release was complete in git and is now finished; False: it was undone."""
    actions: tuple[str, ...]


def recover(root: Path) -> Recovery:
    """Undo or finish the interrupted release recorded in the journal (nothing if none)."""
    root = root.resolve()
    journal = read_journal(root)
    if journal is None:
        return Recovery(None, False, ())
    if _branch_holds_release(root, journal):
        actions = _finish(root, journal)
        remove_journal(root)
        return Recovery(journal, True, (*actions, f"removed {JOURNAL}"))
    actions = _undo(root, journal)
    remove_journal(root)
    return Recovery(journal, False, (*actions, f"removed {JOURNAL}"))


def _branch_holds_release(root: Path, journal: ReleaseJournal) -> bool:
    """Did the branch move to the release commit (the last step that matters)?"""
    if journal.step == "committed":
        return True
    if journal.branch is None or journal.tag is None:
        return False
    try:
        kb_repo = open_repository(root)
    except GitUnavailable:
        return False
    with kb_repo:
        repo = kb_repo.repo
        tag_ref = f"refs/tags/{journal.tag}"
        tag = next((t for t in repo.tags if t.path == tag_ref), None)
        if tag is None:
            return False
        branch_commit = repo.git.rev_parse(journal.branch)
        return bool(branch_commit == tag.commit.hexsha)


def _finish(root: Path, journal: ReleaseJournal) -> list[str]:
    with open_repository(root) as kb_repo:
        kb_repo.repo.git.add("--force", "--", *journal.paths)
    return [f"recorded the {len(journal.paths)} released files in git's index"]


def _undo(root: Path, journal: ReleaseJournal) -> list[str]:
    actions: list[str] = []
    folder = root / journal.folder
    for hidden in unfinished_copies(root, journal):
        shutil.rmtree(hidden)
        actions.append(f"removed the unfinished copy {hidden.relative_to(root).as_posix()}/")
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)
        actions.append(f"removed {journal.folder}/")
    manifest = root / journal.manifest
    if manifest.is_file():
        manifest.unlink()
        actions.append(f"removed {journal.manifest}")
    actions.extend(_restore_versions(root, journal))
    actions.extend(_restore_pinned(root, journal))
    actions.extend(_delete_tag(root, journal))
    return actions


def _restore_versions(root: Path, journal: ReleaseJournal) -> list[str]:
    path = root / journal.versions_file
    before = journal.versions_before
    if before is None:
        if path.is_file():
            path.unlink()
            return [f"removed {journal.versions_file}, which the release had created"]
        return []
    wanted = before.encode("utf-8")
    if FileSource(root).read_bytes_quiet(journal.versions_file) == wanted:
        return []
    write_bytes_atomic(path, wanted)
    return [f"put {journal.versions_file} back as it was before the release"]


def _restore_pinned(root: Path, journal: ReleaseJournal) -> list[str]:
    """Put back each submission file whose ``draft`` the release was naming anew."""
    actions = []
    for path, before in journal.pinned_before.items():
        if not path.startswith("comments/submissions/") or ".." in path.split("/"):
            continue  # the journal names only submission files; anything else is not ours
        wanted = before.encode("utf-8")
        if FileSource(root).read_bytes_quiet(path) != wanted:
            write_bytes_atomic(root / path, wanted)
            actions.append(f"put {path} back as it was before the release")
    return actions


def _delete_tag(root: Path, journal: ReleaseJournal) -> list[str]:
    if journal.tag is None:
        return []
    try:
        kb_repo = open_repository(root)
    except GitUnavailable:
        return []
    with kb_repo:
        repo = kb_repo.repo
        tag = next((t for t in repo.tags if t.path == f"refs/tags/{journal.tag}"), None)
        if tag is None:
            return []
        repo.delete_tag(tag)
        return [f"deleted the tag {journal.tag}, whose commit the branch never reached"]
