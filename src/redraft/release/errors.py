"""The two ways a release or a seal stops: refused before anything changed, or failed and undone."""

from __future__ import annotations

from collections.abc import Sequence


class ReleaseRefused(Exception):
    """The release (or seal) was not attempted; nothing changed.  ``details`` are extra lines."""

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = tuple(details)


class ReleaseFailed(Exception):
    """A step failed midway; every earlier step was undone (the message says if one was not)."""
