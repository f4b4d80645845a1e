"""Running MkDocs on every language tree, several at once within the machine's cores.

The trees are independent MkDocs projects, so each is built into a folder of its own by a
worker process (a fresh interpreter: the parent's memory, generated pages and all, is not
inherited), and the caller moves the language trees into the main tree's site when all are
done.  One tree, or one core, builds in this process, through the same function: the output is
the same either way (a test compares them byte for byte).  Workers report each page written
through a queue, which the parent turns into :mod:`.progress` events.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redraft.site.errors import SiteBuildError
from redraft.site.progress import PagesRendered, Report, TreeBuilt, TreeStarted, ignore


@dataclass(frozen=True)
class TreeJob:
    label: str
    """The tree's URL prefix, ``/`` for the main tree: how progress and errors name it."""
    config_file: Path
    site_dir: Path
    strict: bool
    cache: Path | None
    pages: int = 0


@dataclass(frozen=True)
class TreeOutcome:
    label: str
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """A failed tree's one-line errors (a worker's exception does not cross processes whole)."""
    pages: int = 0
    reused: int = 0
    seconds: float = 0.0


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_tree(job: TreeJob, epoch: int, on_page: Callable[[int, int, bool], None]) -> TreeOutcome:
    """Build one tree quietly, MkDocs' warnings gathered; an error is returned, not raised."""
    from redraft.site.mkdocs_run import build_tree, quietly

    warnings: list[str] = []
    started = time.perf_counter()
    try:
        with quietly(epoch, warnings):
            counts = build_tree(
                job.config_file,
                strict=job.strict,
                site_dir=job.site_dir,
                cache=job.cache,
                on_page=on_page,
            )
    except SiteBuildError as error:
        return TreeOutcome(job.label, warnings, error.lines or [f"{job.label}: build failed"])
    seconds = time.perf_counter() - started
    return TreeOutcome(job.label, warnings, [], counts.pages, counts.reused, seconds)


_messages: Any = None
"""In a worker: the queue its pages are reported through (set by :func:`_start_worker`)."""


def _start_worker(messages: Any, parent: int) -> None:
    global _messages
    _messages = messages
    _die_with(parent)


def _die_with(parent: int) -> None:
    """Have the kernel kill this worker when the build that started it dies (killed, say):
    an orphan would go on writing into a staging folder the next build removes."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    set_parent_death_signal = 1  # PR_SET_PDEATHSIG, <linux/prctl.h>
    ctypes.CDLL(None, use_errno=True).prctl(set_parent_death_signal, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the signal was set
        os._exit(1)


def _run_in_worker(job: TreeJob, epoch: int) -> TreeOutcome:
    reused = 0

    def on_page(done: int, total: int, was_reused: bool) -> None:
        nonlocal reused
        reused += was_reused
        _messages.put((job.label, done, total, reused))

    return run_tree(job, epoch, on_page)


def build_trees(
    jobs: Sequence[TreeJob], *, epoch: int, workers: int, report: Report = ignore
) -> list[TreeOutcome]:
    """Build every tree, ``workers`` at a time; outcomes in the order of ``jobs``."""
    workers = max(1, min(workers, len(jobs)))
    if workers == 1:
        return [_run_here(job, epoch, report) for job in jobs]
    context = multiprocessing.get_context("spawn")
    messages = context.Queue()
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(messages, os.getpid()),
    ) as pool:
        for job in jobs:
            report(TreeStarted(job.label, job.pages))
        futures = [pool.submit(_run_in_worker, job, epoch) for job in jobs]
        _relay(futures, messages, report)
        outcomes = [future.result() for future in futures]
    for outcome in outcomes:
        if not outcome.errors:
            report(TreeBuilt(outcome.label, outcome.pages, outcome.reused, outcome.seconds))
    return outcomes


def _run_here(job: TreeJob, epoch: int, report: Report) -> TreeOutcome:
    report(TreeStarted(job.label, job.pages))
    reused = 0

    def on_page(done: int, total: int, was_reused: bool) -> None:
        nonlocal reused
        reused += was_reused
        report(PagesRendered(job.label, done, total, reused))

    outcome = run_tree(job, epoch, on_page)
    if not outcome.errors:
        report(TreeBuilt(outcome.label, outcome.pages, outcome.reused, outcome.seconds))
    return outcome


def _relay(futures: list[Future[TreeOutcome]], messages: Any, report: Report) -> None:
    """Pass the workers' page counts on until every tree is done."""
    while True:
        try:
            label, done, total, reused = messages.get(timeout=0.1)
        except queue.Empty:
            if all(future.done() for future in futures):
                break
            continue
        report(PagesRendered(label, done, total, reused))
