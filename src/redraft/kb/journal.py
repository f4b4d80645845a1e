"""The journal of a release in progress: what it set out to do and how far it got.

``redraft release`` writes this small file before its first change and removes it after its
last, so a release that a kill, a power cut or a full disk stops midway leaves a record of
exactly what may remain (a hidden copy, the version folder, the manifest, an edited
``versions.yml``, a tag) and of what the repository looked like before.  ``redraft check`` reports
it and ``redraft release --recover`` reads it to undo or finish the release
(:mod:`redraft.release.interrupted`).  It lives in ``.redraft/``, which git ignores: it is a
fact about this working tree, not part of the knowledge base's history.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from redraft.kb.atomic import write_text_atomic
from redraft.kb.problems import Problem
from redraft.kb.sources import FileSource, ReadError

JOURNAL = ".redraft/release-journal.json"

STEPS = ("started", "folder", "manifest", "versions", "verified", "committed")
"""The last step a release completed, in order; ``committed`` means the branch holds it."""


@dataclass(frozen=True)
class ReleaseJournal:
    version_id: str
    pid: int
    step: str
    folder: str
    manifest: str
    versions_file: str
    versions_before: str | None
    """``versions.yml`` as it was before the release (None: it did not exist)."""
    branch: str | None = None
    parent: str | None = None
    """The commit the branch pointed at before the release, in a git repository."""
    tag: str | None = None
    paths: tuple[str, ...] = ()
    pinned_before: dict[str, str] = field(default_factory=dict)
    """Submission files the release rewrites (``draft`` → the new id) and their text before."""

    def at(self, step: str) -> ReleaseJournal:
        assert step in STEPS, step
        return replace(self, step=step)


def write_journal(root: Path, journal: ReleaseJournal) -> None:
    path = root / JOURNAL
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(journal)
    data["paths"] = list(journal.paths)
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def remove_journal(root: Path) -> None:
    """Remove the journal, and its folder if nothing else is in it (the repository as before)."""
    path = root / JOURNAL
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        path.parent.rmdir()


def unfinished_copies(root: Path, journal: ReleaseJournal) -> list[Path]:
    """The hidden half-copies of the version folder a killed release left (``.<id>.*.tmp``);
    the loader never reads hidden folders, so only recovery needs to find them."""
    folder = root / journal.folder
    return [
        hidden
        for hidden in sorted(folder.parent.glob(f".{folder.name}.*.tmp"))
        if hidden.is_dir() and not hidden.is_symlink()
    ]


class UnreadableJournal(Exception):
    pass


def read_journal(root: Path) -> ReleaseJournal | None:
    """The journal of an unfinished release, if there is one."""
    try:
        raw = FileSource(root).read_bytes_quiet(JOURNAL)
    except ReadError as error:
        raise UnreadableJournal(f"{JOURNAL}:{error.line}: {error}") from error
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        data["paths"] = tuple(data.get("paths", ()))
        journal = ReleaseJournal(**data)
    except (ValueError, TypeError) as error:
        raise UnreadableJournal(
            f"{JOURNAL}:1: the journal of an interrupted release cannot be read ({error}); "
            "compare the repository with its last commit (git status) and remove the file"
        ) from error
    if journal.step not in STEPS:
        raise UnreadableJournal(f"{JOURNAL}:1: unknown release step '{journal.step}'")
    return journal


def interrupted_release(root: Path) -> list[Problem]:
    """What ``redraft check`` says about an unfinished release (nothing if there is none)."""
    try:
        journal = read_journal(root)
    except UnreadableJournal as error:
        path, line, message = str(error).split(":", 2)
        return [Problem(path, int(line), message.strip(), "error")]
    if journal is None:
        return []
    if journal.step == "committed":
        what = (
            f"the release of '{journal.version_id}' was committed and tagged but not finished; "
            "run `redraft release --recover` to finish it"
        )
    else:
        what = (
            f"the release of '{journal.version_id}' was interrupted after step '{journal.step}'; "
            "run `redraft release --recover` to undo what remains, then release again"
        )
    return [Problem(JOURNAL, 1, what, "error")]
