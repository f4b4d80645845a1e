"""Who changed the working draft, when, and what changed since the last release, from git.

Redraft keeps no history of its own: the drafts live in git, so git's log is the record.  These
functions return plain data for the site and the CLI to show.  Each returns
:class:`ProvenanceOff` instead of raising when the history cannot be read (no repository, git
missing, a shallow clone whose history is cut short), because provenance is an addition to every
page, never a reason for a page to fail.

Site and CLI call:

- :func:`last_changed` — per guideline of the draft, the newest commit that touched its files
  (original and translations);
- :func:`guideline_history` — every commit that touched one guideline's files in the draft;
- :func:`changes_since_release` — the commits that changed ``guidelines/draft/`` after the last
  release, each with the files and guidelines it touched;
- :func:`redline_of` — the redline of one such commit: the draft at its parent against the draft
  at the commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from redraft.kb.load import DRAFT_FOLDER, load
from redraft.kb.model import DRAFT, KnowledgeBase
from redraft.kb.repository import (
    UNSHALLOW_HINT,
    GitUnavailable,
    KbRepository,
    open_repository,
    release_tag,
)
from redraft.kb.revision import BadRevision, draft_in

if TYPE_CHECKING:
    from redraft.redline.compare import VersionDiff

_RECORD = "\x1e"
_FIELD = "\x1f"
_LOG_FORMAT = f"{_RECORD}%H{_FIELD}%aI{_FIELD}%an{_FIELD}%s"


@dataclass(frozen=True)
class ProvenanceOff:
    """Why provenance is unavailable here: one line, meant to be shown as it is."""

    reason: str

    def __str__(self) -> str:
        return f"provenance is off: {self.reason}"


@dataclass(frozen=True)
class Change:
    """One commit, as an editor reads it: when, who, what it says, which files it touched.

    ``files`` are paths relative to the knowledge base, limited to the ones asked about.
    """

    commit: str
    date: dt.datetime
    author: str
    summary: str
    files: tuple[str, ...]

    @property
    def short(self) -> str:
        return self.commit[:12]


@dataclass(frozen=True)
class DraftChange:
    """A commit that changed the working draft, and the guidelines whose files it touched."""

    change: Change
    parent: str | None
    """The first parent's sha; None for the commit that started the history."""
    guidelines: tuple[str, ...]


@dataclass(frozen=True)
class ChangesSinceRelease:
    release: str | None
    """The id of the last released version, or None if nothing was ever released."""
    base: str | None
    """The commit the changes are counted from, or None for the whole history."""
    base_label: str
    """How that commit was found, for the reader: "tag release/2019-3", ...."""
    changes: tuple[DraftChange, ...]
    """Newest first."""


# -- public functions ------------------------------------------------------------------------


def last_changed(
    root: Path | str, kb: KnowledgeBase | None = None
) -> Mapping[str, Change] | ProvenanceOff:
    """For each guideline of the working draft, the newest commit that touched its files.

    A guideline that was never committed is absent.  ``kb`` saves a second load when the caller
    has one.
    """
    kb = kb if kb is not None else load(root).kb
    files_of = _draft_files(kb)
    opened = _open(root)
    if isinstance(opened, ProvenanceOff):
        return opened
    with opened as kb_repo:
        changes = _log(kb_repo, [DRAFT_FOLDER])
    guideline_of = {path: gid for gid, paths in files_of.items() for path in paths}
    found: dict[str, Change] = {}
    for change in changes:  # newest first: the first commit seen for a guideline is its last
        for path in change.files:
            gid = guideline_of.get(path)
            if gid is not None and gid not in found:
                found[gid] = _limited(change, files_of[gid])
    order = {gid: i for i, gid in enumerate(files_of)}
    return MappingProxyType(dict(sorted(found.items(), key=lambda item: order[item[0]])))


def last_changed_files(
    root: Path | str, kb: KnowledgeBase | None = None
) -> Mapping[str, Change] | ProvenanceOff:
    """For each file of the working draft's guidelines (the original and each translation), the
    newest commit that touched it, limited to that file.

    A page in one language says when *its* text last changed: a commit that touched only the
    Chinese file did not change the English guideline.
    """
    kb = kb if kb is not None else load(root).kb
    wanted = {path for paths in _draft_files(kb).values() for path in paths}
    opened = _open(root)
    if isinstance(opened, ProvenanceOff):
        return opened
    with opened as kb_repo:
        changes = _log(kb_repo, [DRAFT_FOLDER])
    found: dict[str, Change] = {}
    for change in changes:  # newest first: the first commit seen for a file is its last
        for path in change.files:
            if path in wanted and path not in found:
                found[path] = _limited(change, (path,))
    return MappingProxyType(dict(sorted(found.items())))


def guideline_history(
    root: Path | str, guideline_id: str, kb: KnowledgeBase | None = None
) -> tuple[Change, ...] | ProvenanceOff:
    """Every commit that touched the draft's files of ``guideline_id``, newest first.

    Files the guideline no longer has (a translation removed) are followed too, by name.
    """
    kb = kb if kb is not None else load(root).kb
    opened = _open(root)
    if isinstance(opened, ProvenanceOff):
        return opened
    pathspecs = [f"{DRAFT_FOLDER}/{guideline_id}.md", f"{DRAFT_FOLDER}/{guideline_id}.*.md"]
    with opened as kb_repo:
        return tuple(_log(kb_repo, pathspecs, glob=True))


def changes_since_release(
    root: Path | str, kb: KnowledgeBase | None = None
) -> ChangesSinceRelease | ProvenanceOff:
    """The commits that changed ``guidelines/draft/`` since the last release, newest first.

    The last release is the newest version in ``versions.yml``; its commit is the one its
    ``release/<id>`` tag points to, or, for a version released before Redraft (no tag), the last
    commit that touched its folder.  Merge commits are left out: the commits they merge are
    listed themselves, each with its own redline.
    """
    kb = kb if kb is not None else load(root).kb
    opened = _open(root)
    if isinstance(opened, ProvenanceOff):
        return opened
    with opened as kb_repo:
        release = kb.released[-1].id if kb.released else None
        base, label = _release_commit(kb_repo, release)
        revisions = [f"{base}..HEAD"] if base else ["HEAD"]
        changes = _log(kb_repo, [DRAFT_FOLDER], revisions=revisions)
        parents = _first_parents(kb_repo, [c.commit for c in changes])
    draft_changes = tuple(
        DraftChange(change, parents.get(change.commit), _guidelines_in(change.files))
        for change in changes
    )
    return ChangesSinceRelease(release, base, label, draft_changes)


def redline_of(root: Path | str, change: DraftChange) -> VersionDiff:
    """The draft at the commit's parent against the draft at the commit.

    The versions are labelled ``draft@<sha>`` (12 characters), so a page can say which moment is
    which.  A commit that created the draft is compared with an empty draft of the same title.
    Raises :class:`~redraft.kb.revision.BadRevision` when the history cannot be read.
    """
    from redraft.redline.compare import compare_versions

    try:
        kb_repo = open_repository(root)
    except GitUnavailable as exc:
        raise BadRevision(f"the redline of a commit reads the draft from git, but {exc}") from None
    with kb_repo:
        repo = kb_repo.repo
        after = draft_in(kb_repo, repo.commit(change.change.commit), change.change.short)
        before = None
        if change.parent is not None:
            try:
                before = draft_in(kb_repo, repo.commit(change.parent), change.parent[:12])
            except BadRevision:
                before = None  # the parent had no draft yet
    if before is None:
        before = replace(after, id=f"{DRAFT}@(none)", parts=(), guidelines=(), introduction="")
    return compare_versions(before, after)  # consecutive moments: no version lies between


# -- reading git -----------------------------------------------------------------------------


def _open(root: Path | str) -> KbRepository | ProvenanceOff:
    try:
        kb_repo = open_repository(root)
    except GitUnavailable as exc:
        return ProvenanceOff(f"{exc}; the history of the draft comes from git")
    if kb_repo.is_shallow():
        kb_repo.close()
        return ProvenanceOff(
            f"this is a shallow clone, so its history is cut short: {UNSHALLOW_HINT}"
        )
    if not kb_repo.repo.head.is_valid():
        kb_repo.close()
        return ProvenanceOff("the repository has no commit yet")
    return kb_repo


def _log(
    kb_repo: KbRepository,
    kb_paths: Iterable[str],
    revisions: Iterable[str] = ("HEAD",),
    glob: bool = False,
) -> list[Change]:
    """``git log`` of ``kb_paths`` (knowledge-base paths), newest first, merges left out."""
    pathspecs = [kb_repo.repo_path(p) for p in kb_paths]
    if glob:
        pathspecs = [f":(glob){p}" for p in pathspecs]
    output = kb_repo.repo.git.log(
        "--no-merges",
        f"--format={_LOG_FORMAT}",
        "--name-only",
        "-z",
        *revisions,
        "--",
        *pathspecs,
    )
    changes = []
    for record in output.split(_RECORD):
        if not record.strip("\x00\n"):
            continue
        header, *names = record.split("\x00")
        sha, date, author, summary = header.split(_FIELD, 3)
        files = []
        for name in names:
            kb_path = kb_repo.kb_path(name.lstrip("\n"))
            if kb_path:
                files.append(kb_path)
        changes.append(Change(sha, dt.datetime.fromisoformat(date), author, summary, tuple(files)))
    return changes


def _release_commit(kb_repo: KbRepository, release: str | None) -> tuple[str | None, str]:
    if release is None:
        return None, "no version has been released yet"
    repo = kb_repo.repo
    tag = release_tag(release)
    if any(t.path == f"refs/tags/{tag}" for t in repo.tags):
        return str(repo.commit(f"refs/tags/{tag}").hexsha), f"tag {tag}"
    folder = kb_repo.repo_path(f"guidelines/{release}")
    sha = repo.git.log("-1", "--format=%H", "HEAD", "--", folder).strip()
    if not sha:
        return None, f"version '{release}' was never committed"
    return sha, f"the last commit to guidelines/{release}/, as it has no release tag"


def _first_parents(kb_repo: KbRepository, shas: list[str]) -> dict[str, str | None]:
    if not shas:
        return {}
    output = kb_repo.repo.git.rev_list("--no-walk=unsorted", "--parents", *shas)
    parents: dict[str, str | None] = {}
    for line in output.splitlines():
        sha, *rest = line.split()
        parents[sha] = rest[0] if rest else None
    return parents


# -- mapping files to guidelines -------------------------------------------------------------


def _draft_files(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Guideline id → its files in the draft (original first, then translations), draft order."""
    draft = kb.draft
    if draft is None:
        return {}
    return {
        g.id: (g.source.path, *(t.source.path for t in g.translations.values()))
        for g in draft.guidelines
    }


def _limited(change: Change, files: Iterable[str]) -> Change:
    wanted = set(files)
    return Change(
        change.commit,
        change.date,
        change.author,
        change.summary,
        tuple(f for f in change.files if f in wanted),
    )


def _guidelines_in(files: Iterable[str]) -> tuple[str, ...]:
    """The guideline ids among draft file paths (``x.md``, ``x.zh.md``); the outline is not one."""
    found: dict[str, None] = {}
    for path in files:
        name = path.removeprefix(f"{DRAFT_FOLDER}/")
        if "/" in name or not name.endswith(".md"):
            continue
        found.setdefault(name.split(".", 1)[0], None)
    return tuple(found)
