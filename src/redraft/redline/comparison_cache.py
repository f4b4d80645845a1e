"""Each guideline's comparison, remembered between builds.

An edit of one draft guideline changes every comparison that reads the draft: at the synthetic
M scale a one-word edit made Redraft compare 3,094 guidelines again (2.8 s of a 12.8 s
generation, profiled), all but a dozen of them texts that had not changed since the last build.
Comparing two guidelines is a pure function of what :func:`redraft.redline.compare._comparison_key`
names (their numbers, parts, words and lineage), which ``redraft serve`` already relies on to
keep comparisons in its process; this module keeps them on disk for the next process, in one
file in ``build/cache/`` (:data:`CACHE_FILE`), under a digest of that key.

- Each comparison is kept as plain data (tuples of strings and None, see :func:`to_plain`) in a
  pickle of its own, read back through the refusing unpickler of :mod:`redraft.kb.parse_cache`,
  so a planted cache file is data or nothing.  Only the comparisons a build asks for are
  unpickled: at M the file is about 9 MB and reading it whole costs milliseconds.
- The cache is dropped whole when the comparing code changes (:func:`code_key`); a damaged,
  foreign or unreadable file is ignored and every guideline is compared again.
- What a build that compared guidelines did not use ages by one; at :data:`MAX_AGE` such builds
  unused it is forgotten, so the file holds what the last builds used (the older texts of an
  edited guideline go away).
- It is written through :mod:`redraft.kb.atomic` once the pages are generated, never after a
  failed generation; a folder that cannot be written costs only the time.

``rm -rf build/cache`` clears it.  The answer never depends on it: a test compares every page
generated with the cache against a clean generation's.
"""

from __future__ import annotations

import hashlib
import sys
import zlib
from dataclasses import fields
from importlib import metadata
from pathlib import Path
from typing import Any, TypeGuard
from weakref import WeakValueDictionary

from redraft.kb import guideline_file, model
from redraft.kb.atomic import write_bytes_atomic
from redraft.kb.collector import collector_paused
from redraft.kb.parse_cache import plain_pickle, read_kept_entries, read_plain_pickle
from redraft.redline import compare, textdiff
from redraft.redline.compare import GuidelineChange, ParagraphRedline

CACHE_FILE = "build/cache/compare/guidelines.pickle"
FORMAT = 1
MAX_AGE = 10
"""Builds in a row that may leave an entry unused before it is forgotten."""
MAX_CACHE_BYTES = 1024 * 1024 * 1024
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""An entry's pickle, uncompressed, at most: no comparison of two guidelines comes near it."""

_REDLINE_FIELDS = tuple(f.name for f in fields(ParagraphRedline))
_CHANGE_FIELDS = tuple(f.name for f in fields(GuidelineChange))
_REDLINES = frozenset({"paragraphs", "note", "footnotes"})
"""The fields of a :class:`GuidelineChange` that hold :class:`ParagraphRedline` tuples."""


def to_plain(change: GuidelineChange) -> tuple[Any, ...]:
    """``change`` as a tuple of its fields in declaration order, each paragraph's redline a
    tuple of its own fields: strings, booleans, None and tuples only."""
    return tuple(
        tuple(tuple(getattr(r, n) for n in _REDLINE_FIELDS) for r in getattr(change, name))
        if name in _REDLINES
        else getattr(change, name)
        for name in _CHANGE_FIELDS
    )


def from_plain(plain: tuple[Any, ...], shared: dict[str, str] | None = None) -> GuidelineChange:
    """The :class:`GuidelineChange` :func:`to_plain` made ``plain`` from.  Each string equal to
    one of ``shared`` is that object: a comparison made afresh holds the model's own texts (an
    unchanged paragraph's words); read back with copies of them, the comparisons took the
    generation of the synthetic L scale from 898 MB (compared afresh) to 1,131 MB, and with
    the model's texts shared, to 969 MB (MB of 1,024 KB, as the benchmark counts)."""
    if shared is not None:
        plain = _sharing(plain, shared)
    values: dict[str, Any] = {
        name: tuple(ParagraphRedline(*r) for r in value) if name in _REDLINES else value
        for name, value in zip(_CHANGE_FIELDS, plain, strict=True)
    }
    return GuidelineChange(**values)


def strings_of(value: object, found: dict[str, str]) -> dict[str, str]:
    """Every string in ``value`` (nested tuples), each under itself, added to ``found``."""
    if isinstance(value, str):
        found.setdefault(value, value)
    elif isinstance(value, tuple):
        for member in value:
            strings_of(member, found)
    return found


def _sharing(value: Any, shared: dict[str, str]) -> Any:
    if isinstance(value, str):
        return shared.setdefault(value, value)
    if isinstance(value, tuple):
        return tuple(_sharing(member, shared) for member in value)
    return value


def code_key() -> str:
    """A digest of the code a comparison is made by: the comparing modules, the model and the
    file parser they read words through, the diff library and Python (whose ``difflib`` aligns
    paragraphs)."""
    digest = hashlib.sha256(f"redraft comparison cache {FORMAT} {sys.version}".encode())
    for module in (compare, textdiff, model, guideline_file):
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(metadata.version("fast_diff_match_patch").encode())
    return digest.hexdigest()


def key_digest(key: tuple[object, ...]) -> str:
    """The digest a comparison is kept under: its key's ``repr`` (strings, booleans, None and
    tuples, whose ``repr`` is the same in every process and escapes what UTF-8 cannot hold)."""
    return hashlib.blake2b(repr(key).encode("utf-8"), digest_size=20).hexdigest()


class ComparisonCache:
    """The comparisons of the last builds, and those made or used in this one
    (:class:`redraft.redline.compare.ComparisonStore`)."""

    def __init__(self, path: Path, entries: dict[str, list[Any]], key: str) -> None:
        self.path = path
        self.key = key
        self._old = entries  # digest → [builds unused, pickled plain tuple]
        self._used: dict[str, bytes] = {}
        # By identity, what was found or kept in this run: weakly, so that a comparison the
        # process lets go of (it keeps at most 50,000) is not held here, nor its id mistaken.
        self._handled: WeakValueDictionary[int, GuidelineChange] = WeakValueDictionary()
        self._missed: tuple[object, str] = (None, "")  # the key get() last missed, its digest
        self.made = 0  # comparisons stored that no earlier build had made
        self.reused = 0  # comparisons read back from an earlier build

    @classmethod
    def open(cls, root: Path) -> ComparisonCache:
        """The cache of the knowledge base at ``root``; empty if there is none, or none usable."""
        path = Path(root) / CACHE_FILE
        key = code_key()
        return cls(path, read_kept_entries(path, key, MAX_CACHE_BYTES), key)

    def get(self, key: tuple[object, ...]) -> GuidelineChange | None:
        """The comparison an earlier build kept under ``key``, or None (then :meth:`put`)."""
        digest = key_digest(key)
        entry = self._old.get(digest)
        if entry is None:
            self._missed = (key, digest)  # put next, under the same digest
            return None
        try:
            raw = entry[1]
            with collector_paused():
                shared = strings_of(key, {op: op for op in ("equal", "insert", "delete")})
                change = from_plain(read_plain_pickle(_inflated(raw)), shared)
        except Exception:  # a damaged entry is one not kept: compared again
            return None
        self._used[digest] = raw
        self._handled[id(change)] = change
        self.reused += 1
        return change

    def put(self, key: tuple[object, ...], change: GuidelineChange) -> None:
        """Keep ``change``, just made, under ``key``."""
        missed, digest = self._missed
        self._used[digest if missed is key else key_digest(key)] = _deflated(change)
        self._handled[id(change)] = change
        self.made += 1

    def used(self, key: tuple[object, ...], change: GuidelineChange) -> None:
        """``change``, kept in this process since an earlier generation (``redraft serve``), is
        used again: keep it too."""
        if id(change) in self._handled:
            return
        self._handled[id(change)] = change
        digest = key_digest(key)
        if digest not in self._used:
            entry = self._old.get(digest)
            self._used[digest] = entry[1] if _well_formed(entry) else _deflated(change)

    def keep(self) -> None:
        """Write what this build made or used, and what earlier ones kept that has gone unused
        for fewer than :data:`MAX_AGE` builds; a cache that cannot be written is left as it
        was.  A build that compared nothing (an edit of comments only) changes nothing: the
        entries age only in builds that compare, or a session of such edits would empty it."""
        if not self._used:
            return
        entries: dict[str, list[Any]] = {digest: [0, raw] for digest, raw in self._used.items()}
        for digest, entry in self._old.items():
            if digest in entries or not _well_formed(entry) or entry[0] + 1 >= MAX_AGE:
                continue
            entries[digest] = [entry[0] + 1, entry[1]]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(
                self.path, plain_pickle({"code": self.key, "entries": entries}), durable=False
            )
        except OSError:
            pass


def _deflated(change: GuidelineChange) -> bytes:
    """``change`` as it is kept: plain data, pickled, then compressed (quickly: at M a third of
    the size, 7 MB instead of 20, for 0.3 s over six thousand comparisons)."""
    return zlib.compress(plain_pickle(to_plain(change)), 1)


def _inflated(raw: bytes) -> bytes:
    """What :func:`_deflated` compressed; ``ValueError`` past :data:`MAX_ENTRY_BYTES` (a file
    planted to fill the memory) or for anything but one whole compressed stream."""
    inflater = zlib.decompressobj()
    found = inflater.decompress(raw, MAX_ENTRY_BYTES)
    if inflater.unconsumed_tail or not inflater.eof or inflater.unused_data:
        raise ValueError("not a kept comparison")
    return found


def _well_formed(entry: object) -> TypeGuard[list[Any]]:
    """Whether an entry read back is ``[builds unused, bytes]``."""
    return (
        isinstance(entry, list)
        and len(entry) == 2
        and isinstance(entry[0], int)
        and isinstance(entry[1], bytes)
    )
