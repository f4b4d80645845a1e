"""Showing a long build's progress (:mod:`redraft.site.progress` events) on stderr.

On a terminal, a live display (rich): the phase, then a bar per language tree with its pages
rendered, how many were reused and the time left.  Anywhere else (a log, CI, a pipe), a few
plain lines: one per phase after the check and one per tree built, so a log says where a slow
build spent its time without a line per page.  ``--quiet`` shows nothing here: stdout keeps
its one summary line either way.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

import click

from redraft.site.progress import (
    Event,
    PagesRendered,
    Phase,
    Report,
    TreeBuilt,
    TreeStarted,
    ignore,
)

PHASES = {
    "checking": "checking the knowledge base",
    "generating": "generating the pages",
    "writing": "writing the pages",
    "building": "building the site",
}


def plain_line(event: Event) -> str | None:
    """The line a log shows for ``event``, or None for the events only a terminal shows.

    The check has no line: when the data has errors, they are all the command says (one
    ``path:line: message`` each), and when it has none the next phase says it passed."""
    if isinstance(event, Phase) and event.name == "checking":
        return None
    if isinstance(event, Phase):
        what = PHASES.get(event.name, event.name)
        return f"redraft: {what}" + (f" ({event.detail})" if event.detail else "")
    if isinstance(event, TreeBuilt) and event.kept:
        return f"redraft: kept {event.tree}: {event.pages} pages, unchanged since the last build"
    if isinstance(event, TreeBuilt):
        reused = f", {event.reused} reused" if event.reused else ""
        return f"redraft: built {event.tree}: {event.pages} pages{reused} in {event.seconds:.1f} s"
    return None


class PlainLines:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __call__(self, event: Event) -> None:
        line = plain_line(event)
        if line is not None:
            click.echo(line, file=self.stream)


class LiveDisplay:
    """A rich progress display: the phase as a spinner line, a bar per tree."""

    def __init__(self, progress: Any) -> None:
        self.progress = progress
        self.phase = progress.add_task("starting", total=None, detail="")
        self.trees: dict[str, Any] = {}

    def __call__(self, event: Event) -> None:
        progress = self.progress
        if isinstance(event, Phase):
            line = plain_line(event) or event.name
            progress.update(self.phase, description=line.removeprefix("redraft: "))
        elif isinstance(event, TreeStarted):
            self.trees[event.tree] = progress.add_task(
                f"tree {event.tree}", total=event.pages or None, detail=""
            )
        elif isinstance(event, PagesRendered) and event.tree in self.trees:
            progress.update(
                self.trees[event.tree],
                completed=event.done,
                total=event.total,
                detail=f"{event.reused} reused" if event.reused else "",
            )
        elif isinstance(event, TreeBuilt) and event.tree in self.trees:
            progress.update(
                self.trees[event.tree],
                completed=event.pages,
                total=event.pages,
                detail="unchanged"
                if event.kept
                else f"{event.reused} reused, {event.seconds:.1f} s",
            )


@contextlib.contextmanager
def watching(quiet: bool, stream: IO[str] | None = None) -> Iterator[Report]:
    """The report a command hands to the build: nothing with ``quiet``, a live display on a
    terminal, plain lines elsewhere; the display is closed when the command's work ends."""
    stream = stream if stream is not None else sys.stderr
    if quiet:
        yield ignore
        return
    if not stream.isatty():
        yield PlainLines(stream)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=True,
    )
    with progress:
        yield LiveDisplay(progress)


@contextlib.contextmanager
def status(stream: IO[str] | None = None) -> Iterator[Callable[[str], None]]:
    """For the commands that take seconds rather than minutes (check, export, import): on a
    terminal, one spinner line saying what is being done, gone when the work ends; anywhere
    else nothing, since those commands' output (a problem per line, a file's summary) is what
    a log or a pipe should get.  Yields the function to call with each step."""
    stream = stream if stream is not None else sys.stderr
    if not stream.isatty():
        yield _nothing
        return
    from rich.console import Console

    console = Console(file=stream)
    with console.status("starting") as shown:

        def say(what: str) -> None:
            shown.update(f"redraft: {what}")

        yield say


def _nothing(what: str) -> None:
    pass
