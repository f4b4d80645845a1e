"""The submissions' YAML parsed in a second process while the first reads the versions.

A check with an empty parse cache (a fresh clone in CI, a cache dropped because Redraft
changed) parses every text of the knowledge base; at the synthetic L scale that is about half of
``redraft check``, and the submissions' YAML alone a quarter.  The loader reads the versions
first, the submissions last, so a second process started before the versions are read parses
the submissions meanwhile on the machine's other core, and the loader finds them parsed.

What the second process returns only fills the :class:`~redraft.kb.parse_cache.ParseCache`: the
loader still reads every file itself, through its own :class:`~redraft.kb.sources.FileSource`
and its rules, and looks each text up by its digest; a text the helper parsed that the loader
never reads is simply unused.  So the answer is the same with or without the helper, and the
helper failing (no process can be started, an error in it) costs only the time it would have
saved.  With a warm cache, a small knowledge base or one core, no process is started.

The helper is ``python -m redraft.kb.parse_ahead``, not :mod:`multiprocessing`: its ``spawn``
runs the caller's main script again in the child, which a script calling ``redraft.check``
without an ``if __name__ == "__main__"`` guard turns into a process starting processes, and
``fork`` copies whatever threads and locks the caller holds.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

from redraft.kb.parse_cache import ParseCache, plain_pickle
from redraft.kb.sources import FileSource, ReadError, decode_text
from redraft.kb.yamlio import YamlError

MIN_FILES = 200
"""Submission files below which parsing them is quicker than starting a process (the
synthetic M scale has about 300, L about 750)."""

SUBMISSIONS = "comments/submissions"


class Ahead:
    """Submissions being parsed by a helper process."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process: subprocess.Popen[bytes] | None = process

    def join(self, cache: ParseCache) -> None:
        """Wait for the helper and give the cache what it parsed (nothing if it failed)."""
        process, self._process = self._process, None
        if process is None:
            return
        try:
            # the helper's own output, from this very installation: trusted as pickled data
            out, _ = process.communicate()
            if process.returncode == 0:
                entries = pickle.loads(out)
                if isinstance(entries, dict):
                    cache.absorb(entries)
        except Exception:  # the loader parses whatever the helper did not
            _stop(process)

    def close(self) -> None:
        """Stop the helper, finished or not (a load that ended before the submissions)."""
        process, self._process = self._process, None
        if process is not None:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    with contextlib.suppress(Exception):
        process.communicate()


def start(root: Path, cache: ParseCache) -> Ahead | None:
    """A helper parsing the submissions of the knowledge base at ``root``, when the cache knows
    nothing yet and there are enough of them and a second core to parse them on."""
    if not cache.is_empty() or (os.cpu_count() or 1) < 2:
        return None
    source = FileSource(root)
    if len(submission_files(source)) < MIN_FILES:
        return None
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(source.root)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None
    return Ahead(process)


def submission_files(source: FileSource) -> list[str]:
    """The files the loader reads as submissions (and a few it refuses)."""
    return [
        f"{SUBMISSIONS}/{folder}/{name}"
        for folder in source.list_dirs(SUBMISSIONS)
        for name in source.list_files(f"{SUBMISSIONS}/{folder}")
        if name.endswith(".yml")
    ]


def parse_submissions(root: Path) -> dict[str, Any]:
    """The parse cache's entries for the submissions' YAML (what the helper returns)."""
    source = FileSource(root)
    cache = ParseCache(Path(os.devnull), {}, "")
    for path in submission_files(source):
        try:
            text = decode_text(source.read_bytes(path))
        except ReadError:
            continue  # the loader reports it
        # a malformed text is kept as an error entry, as the loader's own parse keeps it
        with contextlib.suppress(YamlError):
            cache.yaml(text)
    return cache.entries()


def _serve(root: str, answer: IO[bytes]) -> None:
    # a process that only makes objects that all live until it ends: nothing to collect
    gc.disable()
    answer.write(plain_pickle(parse_submissions(Path(root))))
    answer.flush()


if __name__ == "__main__":
    _serve(sys.argv[1], sys.stdout.buffer)
