"""What one editing command would do to the knowledge base: new texts and removed files.

A changeset is built before anything is written, so that the result can be checked as a whole
(:mod:`redraft.editing.apply`), shown as a diff (``--dry-run``), and written at once or not at all.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from redraft.kb.sources import FileSource, OverlaySource, ReadError


class EditRefused(Exception):
    """The edit cannot be made as asked (an unknown id, a file that cannot be read…); the
    message is one line for the editor, naming the file and line where there is one."""


class UnknownName(EditRefused):
    """The edit names something the knowledge base does not have (a comment id, a version, a
    guideline): a usage error, as an unknown call or party is for every other command."""


@dataclass(frozen=True)
class FileChange:
    """One file's change: ``before`` is ``None`` for a new file, ``after`` for a removed one."""

    path: str
    before: str | None
    after: str | None

    @property
    def kind(self) -> str:
        """``A`` added, ``D`` deleted, ``M`` modified (as ``git status --short`` says)."""
        if self.before is None:
            return "A"
        if self.after is None:
            return "D"
        return "M"

    def lines_changed(self) -> tuple[int, int]:
        """(lines added, lines removed), as ``git diff --stat`` counts them."""
        added = removed = 0
        for line in self.unified_diff().splitlines():
            if line.startswith("+") and not line.startswith("+++"):
                added += 1
            elif line.startswith("-") and not line.startswith("---"):
                removed += 1
        return added, removed

    def unified_diff(self) -> str:
        before = (self.before or "").splitlines(keepends=True)
        after = (self.after or "").splitlines(keepends=True)
        lines = difflib.unified_diff(
            before,
            after,
            fromfile="/dev/null" if self.before is None else f"a/{self.path}",
            tofile="/dev/null" if self.after is None else f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@dataclass
class Changeset:
    """The files one command changes under ``root``, in the order it changed them."""

    root: Path
    _after: dict[str, str | None] = field(default_factory=dict)
    _before: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._files = FileSource(self.root)

    # -- reading: the file as it is now, or as this changeset leaves it -------------------------

    def original(self, path: str) -> str | None:
        """The text of ``path`` on disk, ``None`` if there is no such file."""
        if path not in self._before:
            if not self._files.exists(path):
                self._before[path] = None
            else:
                try:
                    self._before[path] = self._files.read_text(path)
                except ReadError as exc:
                    raise EditRefused(f"{path}:{exc.line}: {exc.message}") from None
        return self._before[path]

    def text(self, path: str) -> str | None:
        """The text of ``path`` after the changes made so far (``None``: absent or removed)."""
        if path in self._after:
            return self._after[path]
        return self.original(path)

    def require(self, path: str) -> str:
        """:meth:`text`, refusing if the file is not there."""
        text = self.text(path)
        if text is None:
            raise EditRefused(f"{path}: no such file")
        return text

    # -- changing ---------------------------------------------------------------------------

    def write(self, path: str, text: str) -> None:
        """Set ``path``'s text (a new file, or a new text for one that exists)."""
        self.original(path)
        self._after[path] = text

    def remove(self, path: str) -> None:
        """Remove ``path`` (refused if there is no such file)."""
        if self.text(path) is None:
            raise EditRefused(f"{path}: no such file to remove")
        self._after[path] = None

    # -- what it amounts to -----------------------------------------------------------------

    def changes(self) -> list[FileChange]:
        """Every file whose text differs from disk, in the order first changed."""
        found = []
        for path, after in self._after.items():
            before = self.original(path)
            if before != after:
                found.append(FileChange(path, before, after))
        return found

    def overlay(self) -> OverlaySource:
        """The knowledge base's files as they would be after this changeset."""
        return OverlaySource(
            self._files,
            {
                change.path: None if change.after is None else change.after.encode("utf-8")
                for change in self.changes()
            },
        )

    def stat(self) -> str:
        """``git diff --stat``-like lines: ``M path | +a -r``, one per changed file."""
        lines = []
        for change in self.changes():
            added, removed = change.lines_changed()
            lines.append(f"{change.kind} {change.path} (+{added} -{removed})")
        return "\n".join(lines)

    def diff(self) -> str:
        """The unified diff of every changed file."""
        return "".join(change.unified_diff() for change in self.changes())
