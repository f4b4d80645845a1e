"""Running MkDocs on every language tree, several at once within the machine's cores.

The trees are independent MkDocs projects, so each is built into a folder of its own by a
worker process (a fresh interpreter, ``python -m redraft.site.tree_worker``: the parent's
memory, generated pages and all, is not inherited), one worker per core taking the trees one
after the other, and the caller moves the language trees into the main tree's site when all
are done.  One tree, or one core, builds in this process, through the same function: the
output is the same either way (a test compares them byte for byte).  Workers report each page
written on their output, which the parent turns into :mod:`.progress` events.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

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


def build_trees(
    jobs: Sequence[TreeJob], *, epoch: int, workers: int, report: Report = ignore
) -> list[TreeOutcome]:
    """Build every tree, ``workers`` at a time; outcomes in the order of ``jobs``."""
    workers = max(1, min(workers, len(jobs)))
    if workers == 1:
        return [_run_here(job, epoch, report) for job in jobs]
    for job in jobs:
        report(TreeStarted(job.label, job.pages))
    outcomes = _run_in_workers(jobs, epoch, workers, report)
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


class _Worker:
    """A worker process, ``python -m redraft.site.tree_worker``, building the trees it is
    handed one after the other: one per core, not one per tree, so that each tree after a
    worker's first costs no new interpreter and no new import of MkDocs, its theme and its
    plugins (at S, six trees on two cores, a clean build's CPU went from 29.3 to 27.7 s,
    medians of three alternated runs).

    A tree is handed over as a length line and its job, pickled; the worker reports each page
    written as a line (``P done total reused``), then ``O length`` and the tree's outcome,
    pickled, and waits for the next tree until its input is closed."""

    def __init__(self, epoch: int) -> None:
        self.epoch = epoch
        # a crash's traceback, read only if it crashes; closed by finish() or stop()
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "redraft.site.tree_worker", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.input = self.process.stdin
        # read unbuffered: a read returns what the worker has written, every line of it, so
        # that no page waits in a buffer for the worker's next line
        buffered: Any = self.process.stdout
        self.output = buffered.raw
        self.job: tuple[int, TreeJob] | None = None
        """The tree being built (its index among the jobs), None between trees."""
        self._lines = b""  # the start of a line not yet whole
        self._answer: bytearray | None = None  # the pickled outcome, once announced
        self._length = 0  # its length, as announced

    def give(self, index: int, job: TreeJob) -> None:
        """Hand the worker a tree.  A worker that died cannot take it: its output ends, and
        :meth:`finish` reports the tree as failed."""
        self.job = (index, job)
        request = pickle.dumps((job, self.epoch))
        with contextlib.suppress(BrokenPipeError):
            self.input.write(b"%d\n" % len(request) + request)
            self.input.flush()

    def close_input(self) -> None:
        """No more trees: the worker ends once it has read this."""
        with contextlib.suppress(BrokenPipeError):
            self.input.close()

    def read(self, report: Report) -> TreeOutcome | bool:
        """Relay what the worker said since the last read: the outcome of its tree once whole
        (the worker then waits for the next), True while it works, False once it has ended."""
        chunk = self.output.read(1 << 16)
        if not chunk:
            self.process.wait()
            return False  # the caller unregisters the output, then finish() closes it
        if self._answer is None:
            *lines, self._lines = (self._lines + chunk).split(b"\n")
            for number, line in enumerate(lines):
                if line.startswith(b"O "):  # the rest is the outcome, pickled (newlines and all)
                    self._length = int(line.split()[1])
                    self._answer = bytearray(b"\n".join([*lines[number + 1 :], self._lines]))
                    self._lines = b""
                    break
                if line.startswith(b"P ") and self.job is not None:
                    done, total, reused = (int(n) for n in line.split()[1:])
                    report(PagesRendered(self.job[1].label, done, total, reused))
                # anything else is nothing of ours: the worker sends it all to its stderr
        else:
            self._answer += chunk
        if self._answer is None or len(self._answer) < self._length:
            return True
        # Nothing follows an outcome before the next tree is handed over.
        answer, self._answer = bytes(self._answer), None
        # the worker's own answer, from this installation: trusted as pickled data
        found = None
        with contextlib.suppress(Exception):
            found = pickle.loads(answer)
        if not isinstance(found, TreeOutcome) or self.job is None:
            self.process.kill()  # not an answer of ours: finish() says the tree failed
            return True
        self.job = None
        return found

    def finish(self) -> TreeOutcome | None:
        """Once the worker has ended: the failure of the tree it was building, if any."""
        self.output.close()
        self.errors.seek(0)
        said = self.errors.read().decode("utf-8", "replace").strip().splitlines()
        self.errors.close()
        if self.job is None:
            return None
        why = said[-1] if said else f"exit status {self.process.returncode}"
        label = self.job[1].label
        return TreeOutcome(label, errors=[f"{label}: the build failed: {why}"])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.close_input()
        self.output.close()
        self.errors.close()


def _run_in_workers(
    jobs: Sequence[TreeJob], epoch: int, workers: int, report: Report
) -> list[TreeOutcome]:
    """The trees built by ``workers`` worker processes, each taking the next tree waiting when
    it has finished one, their pages relayed.  A worker that dies fails the tree it was
    building; another is started for the trees still waiting.

    Plain subprocesses of this interpreter, not :mod:`multiprocessing`: its ``spawn`` runs the
    caller's main script again in each worker, so that a script calling ``redraft.build()``
    at its top level (as docs/api.md shows it) started builds inside the workers, which found
    the build locked and broke the pool; and ``fork`` would copy the parent's memory and
    threads."""
    waiting = list(enumerate(jobs))
    running: list[_Worker] = []
    outcomes: dict[int, TreeOutcome] = {}
    with selectors.DefaultSelector() as selector:
        try:
            while waiting or running:
                while waiting and len(running) < workers:
                    worker = _Worker(epoch)
                    running.append(worker)
                    selector.register(worker.output, selectors.EVENT_READ, worker)
                    worker.give(*waiting.pop(0))
                for key, _ in selector.select():
                    worker = key.data
                    job = worker.job
                    said = worker.read(report)
                    if isinstance(said, TreeOutcome):
                        assert job is not None
                        outcomes[job[0]] = said
                        if waiting:
                            worker.give(*waiting.pop(0))
                        else:
                            worker.close_input()
                    elif said is False:
                        selector.unregister(key.fileobj)
                        running.remove(worker)
                        failed = worker.finish()
                        if failed is not None and job is not None:
                            outcomes[job[0]] = failed
        finally:
            for worker in running:
                worker.stop()
    return [outcomes[index] for index in range(len(jobs))]


def serve_trees(parent: int, requests: IO[bytes], answer: IO[bytes]) -> None:
    """A worker: build each tree asked for on ``requests``, one after the other, until its
    end; pages and outcomes on ``answer``; anything else written to the standard output (by
    MkDocs, a plugin) goes to stderr."""
    _die_with(parent)
    answer = os.fdopen(os.dup(answer.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    while True:
        length = requests.readline()
        if not length:
            return
        job, epoch = pickle.loads(requests.read(int(length)))
        reused = 0

        def on_page(done: int, total: int, was_reused: bool) -> None:
            nonlocal reused
            reused += was_reused
            answer.write(f"P {done} {total} {reused}\n".encode())
            answer.flush()

        outcome = pickle.dumps(run_tree(job, epoch, on_page))
        answer.write(b"O %d\n" % len(outcome) + outcome)
        answer.flush()


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
