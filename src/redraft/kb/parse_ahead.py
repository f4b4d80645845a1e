"""Texts parsed in a second process while the first reads the knowledge base.

A check with an empty parse cache (a fresh clone in CI, a cache dropped because Redraft
changed) parses every text of the knowledge base; at the synthetic L scale that is about two
thirds of loading it: the submissions' YAML about 1.0 s, the versions' guideline files 1.1 s,
against 0.8 s for everything else the loader does.  The loader reads the versions first, oldest
to newest, then the submissions.  A helper process, started before the loader reads anything,
parses on the machine's other core what the loader needs last and works backwards:

1. the submissions' YAML;
2. then the version folders from the last the loader will read (the working draft) towards the
   first, one folder at a time, each sent to the loader as soon as it is parsed.

The loader tells the helper the version folders in its order (:meth:`Ahead.plan`) and each folder
it starts reading (:meth:`Ahead.reading`); the helper stops before a folder the loader has
reached, so the two meet in the middle and neither parses what the other has.  (At the meeting
point one folder may be parsed by both: the loader does not wait for a folder in progress.)
What the helper sends only fills the :class:`~redraft.kb.parse_cache.ParseCache`, taken in by a
thread of the loader's process as it arrives: the loader still reads every file itself, through
its own :class:`~redraft.kb.sources.FileSource` and its rules, and looks each text up by its
digest; a text the helper parsed that the loader never reads is simply unused.  So the answer is
the same with or without the helper, and the helper failing (no process can be started, an
error in it, a damaged answer) costs only the time it would have saved.  With a warm cache, a
small knowledge base or one core, no process is started.

The helper is ``python -m redraft.kb.parse_ahead``, not :mod:`multiprocessing`: its ``spawn``
runs the caller's main script again in the child, which a script calling ``redraft.check``
without an ``if __name__ == "__main__"`` guard turns into a process starting processes, and
``fork`` copies whatever threads and locks the caller holds.

The conversation, one way each:

* loader → helper (the helper's standard input): a line with the version folders in the
  loader's order, separated by spaces, then one line per folder the loader starts reading;
* helper → loader (its standard output): frames, each a line with what was parsed
  (``submissions`` or the folder's name), a line with the length of the pickle that follows
  (:func:`~redraft.kb.parse_cache.plain_pickle` of the cache's entries), and the pickle.
"""

from __future__ import annotations

import contextlib
import gc
import os
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from redraft.kb.guideline_file import SourceProblem, split_front_matter
from redraft.kb.parse_cache import ParseCache, plain_pickle, read_plain_pickle
from redraft.kb.sources import FileSource, ReadError
from redraft.kb.yamlio import YamlError

MIN_FILES = 200
"""Submission files below which parsing them is quicker than starting a process (the
synthetic M scale has about 300, L about 750)."""

SUBMISSIONS = "comments/submissions"
SUBMISSIONS_FRAME = "submissions"
MAX_FRAME_BYTES = 1024 * 1024 * 1024
"""Far above any frame of the synthetic L scale (17 MB for its submissions): not a frame."""


class Ahead:
    """A helper process parsing texts the loader will need, and the thread of the loader's
    process that gives ``cache`` what the helper sends."""

    def __init__(self, process: subprocess.Popen[bytes], cache: ParseCache) -> None:
        self._process: subprocess.Popen[bytes] | None = process
        self._cache = cache
        self._submissions = threading.Event()  # set when they arrived or nothing more will
        self.received: list[str] = []  # the frames taken in, in order (for the tests)
        self._reader = threading.Thread(target=self._receive, name="parse-ahead", daemon=True)
        self._reader.start()

    def _receive(self) -> None:
        process = self._process
        try:
            if process is None or process.stdout is None:
                return
            for name, entries in _frames(process.stdout):
                if self._process is None:
                    return  # closed: the load is over, nothing more is needed
                self._cache.absorb(entries)
                self.received.append(name)
                if name == SUBMISSIONS_FRAME:
                    self._submissions.set()
        except Exception:  # a damaged answer: the loader parses whatever was not taken in
            pass
        finally:
            self._submissions.set()

    def _tell(self, line: str) -> None:
        process = self._process
        if process is None or process.stdin is None:
            return
        # a helper that ended (finished, failed) reads nothing more: nothing to tell it
        with contextlib.suppress(OSError, ValueError):
            process.stdin.write(f"{line}\n".encode())
            process.stdin.flush()

    def plan(self, folders: Iterable[str]) -> None:
        """The version folders (names under ``guidelines/``) in the order the loader reads
        them; the helper parses them from the last, once the submissions are parsed."""
        self._tell(" ".join(folders))

    def reading(self, folder: str) -> None:
        """The loader starts reading ``folder``: the helper parses nothing from there on."""
        self._tell(folder)

    def join(self) -> None:
        """Wait until the submissions are in the cache, or the helper has ended without them."""
        if self._process is not None:
            self._submissions.wait()

    def close(self) -> None:
        """Stop the helper, finished or not, and its reader."""
        process, self._process = self._process, None
        if process is None:
            return
        process.kill()
        with contextlib.suppress(Exception):
            process.wait()
        # the reader ends at the end of the output: what the pipe still held, or a frame cut
        # short by the kill
        self._reader.join()
        for stream in (process.stdin, process.stdout):
            with contextlib.suppress(Exception):
                if stream is not None:
                    stream.close()


def _frames(stream: IO[bytes]) -> Iterable[tuple[str, dict[str, Any]]]:
    """The frames read from the helper's output, until it ends; ``ValueError`` if one is
    damaged."""
    while True:
        name = stream.readline()
        if not name:
            return
        size = int(stream.readline())
        if not 0 <= size <= MAX_FRAME_BYTES:
            raise ValueError(f"a frame of {size} bytes")
        raw = stream.read(size)
        if len(raw) != size:
            raise ValueError("a frame cut short")
        # the helper's own output, from this very installation; read as plain data all the same
        entries = read_plain_pickle(raw)
        if not isinstance(entries, dict):
            raise ValueError("a frame that is not entries")
        yield name.decode().strip(), entries


def start(root: Path, cache: ParseCache) -> Ahead | None:
    """A helper parsing texts of the knowledge base at ``root``, when the cache knows nothing
    yet and there are enough submissions and a second core to parse them on."""
    if not cache.is_empty() or (os.cpu_count() or 1) < 2:
        return None
    source = FileSource(root)
    if len(submission_files(source)) < MIN_FILES:
        return None
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(source.root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None
    return Ahead(process, cache)


def submission_files(source: FileSource) -> list[str]:
    """The files the loader reads as submissions (and a few it refuses)."""
    return [
        f"{SUBMISSIONS}/{folder}/{name}"
        for folder in source.list_dirs(SUBMISSIONS)
        for name in source.list_files(f"{SUBMISSIONS}/{folder}")
        if name.endswith(".yml")
    ]


def _scratch_cache() -> ParseCache:
    return ParseCache(Path(os.devnull), {}, "")


def parse_submissions(source: FileSource) -> dict[str, Any]:
    """The parse cache's entries for the submissions' YAML."""
    cache = _scratch_cache()
    for path in submission_files(source):
        _parse_yaml(source, path, cache)
    return cache.entries()


def parse_folder(source: FileSource, folder: str) -> dict[str, Any]:
    """The parse cache's entries for the files of one version folder, parsed the way the
    loader parses them: a guideline file's front matter and body, an outline's YAML."""
    cache = _scratch_cache()
    path = f"guidelines/{folder}"
    for name in source.list_files(path):
        if name.endswith(".yml"):
            _parse_yaml(source, f"{path}/{name}", cache)
        elif name.endswith(".md"):
            text = _read(source, f"{path}/{name}")
            split = split_front_matter(text) if text is not None else None
            if split is None or isinstance(split, SourceProblem):
                continue  # the loader reports it
            # a malformed text is kept as an error entry, as the loader's own parse keeps it
            with contextlib.suppress(YamlError):
                cache.yaml(split.front_matter, split.front_matter_line)
            cache.body(split.body, split.body_line)
    return cache.entries()


def _read(source: FileSource, path: str) -> str | None:
    try:
        return source.read_text(path)
    except ReadError:
        return None  # the loader reports it


def _parse_yaml(source: FileSource, path: str, cache: ParseCache) -> None:
    text = _read(source, path)
    if text is not None:
        with contextlib.suppress(YamlError):
            cache.yaml(text)


class _Reached:
    """How far the loader has read, as it tells it (a thread reading the helper's standard
    input, so that the helper never waits for the loader between two folders)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._plan: list[str] = []
        self._planned = threading.Event()
        self._furthest = -1  # the position in the plan of the last folder the loader started
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self) -> None:
        try:
            for line in self._stream:
                words = line.decode().split()
                if not self._planned.is_set():
                    self._plan = words
                    self._planned.set()
                elif words and words[0] in self._plan:
                    self._furthest = max(self._furthest, self._plan.index(words[0]))
        finally:
            self._planned.set()  # the loader ended before telling: nothing planned

    def plan(self) -> list[str]:
        """The version folders in the loader's order, once it has told them."""
        self._planned.wait()
        return list(self._plan)

    def reached(self, position: int) -> bool:
        """Whether the loader has started the folder at ``position`` of the plan, or one after."""
        return self._furthest >= position


def serve(root: Path, orders: IO[bytes], answer: IO[bytes]) -> None:
    """The helper: the submissions, then the planned folders from the last until the loader
    has reached them, each written to ``answer`` as a frame."""
    source = FileSource(root)
    reached = _Reached(orders)

    def send(name: str, entries: dict[str, Any]) -> None:
        raw = plain_pickle(entries)
        answer.write(f"{name}\n{len(raw)}\n".encode() + raw)
        answer.flush()

    send(SUBMISSIONS_FRAME, parse_submissions(source))
    plan = reached.plan()
    for position in reversed(range(len(plan))):
        if reached.reached(position):
            return
        try:
            entries = parse_folder(source, plan[position])
        except Exception:  # a folder the loader will report (missing, unreadable): skipped
            continue
        send(plan[position], entries)


if __name__ == "__main__":
    # a process that only makes objects that all live until it ends: nothing to collect
    gc.disable()
    with contextlib.suppress(BrokenPipeError):  # the loader stopped listening: its choice
        serve(Path(sys.argv[1]), sys.stdin.buffer, sys.stdout.buffer)
    # ended at once: the thread listening to the loader holds the standard input, which the
    # interpreter's own ending would wait for (and abort on)
    os._exit(0)
