"""What a long build tells whoever watches it: the phase it is in and each tree's pages.

The build only emits these events (a callable it is given, or nothing); how they are shown, a
live bar on a terminal or a few plain lines in a log, is the command's business
(:mod:`redraft.cli.progress`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    """A step of the build begins: ``checking``, ``generating``, ``building``."""

    name: str
    detail: str = ""


@dataclass(frozen=True)
class TreeStarted:
    tree: str
    """The tree's URL prefix, ``/`` for the main tree."""
    pages: int


@dataclass(frozen=True)
class PagesRendered:
    tree: str
    done: int
    total: int
    reused: int


@dataclass(frozen=True)
class TreeBuilt:
    tree: str
    pages: int
    reused: int
    seconds: float
    kept: bool = False
    """The tree's inputs were those of the last build: its output was kept, MkDocs not run."""


Event = Phase | TreeStarted | PagesRendered | TreeBuilt
Report = Callable[[Event], None]


def ignore(event: Event) -> None:
    """The report of a build nobody watches."""
