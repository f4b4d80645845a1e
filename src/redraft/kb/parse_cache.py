"""What parsing made of each file, remembered between runs of ``redraft check``.

Reading a knowledge base of the synthetic L scale (5,800 guideline files, 15,000 comments) spends
about a third of ``check`` composing YAML and splitting guideline bodies into paragraphs, the
same work on the same texts at every run: an editor changes one or two files between two checks.
Parsing is a pure function of a file's text (and of the line it starts at), so its result is kept
under the text's digest, in one file in ``build/cache/`` (:data:`CACHE_FILE`), and a text seen
before is not parsed again.  Validation against the schema, the model and every rule still
run on every check: only the parsers' output is reused, and a cached result is exactly what the
parser returned (the tests compare the two on every file of the example and of a synthetic
knowledge base).

The cache is dropped whole when the parsing code or PyYAML changes (:func:`code_key`), and an
unreadable, foreign or damaged cache is ignored: the files are parsed again.  It is written
through :mod:`redraft.kb.atomic`, only when something new was parsed or an entry went unused (the
file of a deleted guideline is forgotten), and a failure to write it (a read-only folder) is not
the user's problem: ``check`` answers the same either way.  ``rm -rf build/cache`` clears it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import pickle
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from redraft.kb import guideline_file, yamlio
from redraft.kb.atomic import write_bytes_atomic
from redraft.kb.cache_files import read_cache_bytes
from redraft.kb.collector import collector_paused
from redraft.kb.guideline_file import RawFootnote, RawParagraph, SourceProblem
from redraft.kb.yamlio import LocatedData, YamlError

CACHE_FILE = "build/cache/parse/check.pickle"
FORMAT = 2

OLD_CACHE_NAMES = ("check.json",)
"""Earlier formats' files beside :data:`CACHE_FILE`, removed when a cache is kept."""


class _PlainData(pickle.Unpickler):
    """Reads plain data only: dictionaries, lists, tuples, strings, numbers, None and booleans
    are pickled without naming any class, and anything naming one (the way a pickle runs code
    when it is read) is refused, so a cache file planted in ``build/`` is data or nothing.

    Pickle rather than JSON: at L the cache (31 MB) was written in 0.40 s and read in 0.21 s as
    JSON, in 0.24 s and 0.10 s (the collector paused) as a pickle."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"the parse cache names {module}.{name}: not plain data")


def plain_pickle(data: Any) -> bytes:
    """``data``, a tree of plain values, pickled without the memo: a pickler remembers every
    object it wrote in case it meets it again, which a tree never does, and at L that memo was
    four fifths of the time (0.20 s against 0.05 s for the cache's 30 MB).  Objects met twice
    are written twice, and a cycle is refused (``ValueError``): there is none in parsed text."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(AttributeError):  # documented as deprecated, still in 3.13
        pickler.fast = True
    pickler.dump(data)
    return out.getvalue()


def read_plain_pickle(raw: bytes) -> Any:
    """The plain data pickled in ``raw`` (:class:`_PlainData`); ``UnpicklingError`` if it
    names a class, ``ValueError``, ``EOFError`` or another error if it is damaged."""
    return _PlainData(io.BytesIO(raw)).load()


def read_kept_entries(path: Path, code: str, limit: int) -> dict[Any, Any]:
    """The ``entries`` of a cache file of plain data that a run of the code ``code`` wrote at
    ``path`` (``{"code": …, "entries": {…}}``); empty if there is none, or none usable: missing,
    too large, damaged, another code's, or naming a class (any error reading it)."""
    try:
        raw = read_cache_bytes(path, limit)
        with collector_paused():  # millions of new objects, no garbage among them
            data = read_plain_pickle(raw)
    except Exception:
        return {}
    if isinstance(data, dict) and data.get("code") == code:
        found = data.get("entries")
        if isinstance(found, dict):
            return found
    return {}


def code_key() -> str:
    """A digest of the code whose output is cached: the YAML reader, the guideline-file parser
    and PyYAML (whose composer the reader drives)."""
    digest = hashlib.sha256(f"redraft parse cache {FORMAT}".encode())
    for module in (yamlio, guideline_file):
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(metadata.version("PyYAML").encode())
    return digest.hexdigest()


MAX_CACHE_BYTES = 1024 * 1024 * 1024
"""Thirty times the cache of the synthetic L knowledge base: anything larger is not ours."""


def _text_key(kind: str, text: str, first_line: int) -> str:
    return f"{kind}{first_line}:{hashlib.blake2b(text.encode('utf-8'), digest_size=20).hexdigest()}"


class ParseCache:
    """Parsed texts by digest: those read from the last run's file, and those parsed now."""

    def __init__(self, path: Path, entries: dict[str, Any], key: str) -> None:
        self.path = path
        self.key = key
        self._old = entries
        self._used: dict[str, Any] = {}
        self._ahead: dict[str, Any] = {}  # parsed in this run by a helper (:mod:`.parse_ahead`)
        self.parsed = 0  # texts parsed in this run (not found in the cache)

    @classmethod
    def open(cls, root: Path) -> ParseCache:
        """The cache of the knowledge base at ``root``; empty if there is none, or none usable."""
        path = Path(root) / CACHE_FILE
        key = code_key()
        return cls(path, read_kept_entries(path, key, MAX_CACHE_BYTES), key)

    def is_empty(self) -> bool:
        """True when nothing was read from an earlier run's cache."""
        return not self._old

    def absorb(self, entries: dict[str, Any]) -> None:
        """Entries a helper process parsed in this run (:mod:`redraft.kb.parse_ahead`): used
        like the cache's own, and counted as parsed here when used."""
        self._ahead.update(entries)

    def entries(self) -> dict[str, Any]:
        """What this run parsed or used, by digest."""
        return self._used

    def _known(self, key: str) -> Any:
        """The entry kept under ``key`` (marked as used, so that the next cache keeps it), or
        None."""
        entry = self._used.get(key)
        if entry is None:
            entry = self._old.get(key)
            if entry is None:
                entry = self._ahead.pop(key, None)
                if entry is not None:
                    self.parsed += 1
            if entry is not None:
                self._used[key] = entry
        return entry

    def _remember(self, key: str, entry: Any) -> None:
        self._used[key] = entry
        self.parsed += 1

    def yaml(self, text: str, first_line: int = 1) -> LocatedData:
        """:func:`redraft.kb.yamlio.load_yaml` of ``text``, or what it returned last time."""
        key = _text_key("y", text, first_line)
        entry = self._known(key)
        if entry is None:
            # parsed now: the parser's own answer, not its round trip through the entry
            try:
                data = yamlio.load_yaml(text, first_line)
            except YamlError as exc:
                self._remember(key, {"error": [exc.line, exc.message]})
                raise
            kept = [[list(loc), n] for loc, n in data.lines.items()]
            self._remember(key, {"value": data.value, "lines": kept})
            return data
        if "error" in entry:
            line, message = entry["error"]
            raise YamlError(line, message)
        lines = {tuple(loc): n for loc, n in entry["lines"]}
        return LocatedData(entry["value"], lines)

    def body(
        self, body: str, first_line: int
    ) -> tuple[list[RawParagraph], list[RawFootnote], list[SourceProblem]]:
        """:func:`redraft.kb.guideline_file.parse_body_with_footnotes`, or what it returned last
        time."""

        key = _text_key("b", body, first_line)
        entry = self._known(key)
        if entry is None:
            paragraphs, footnotes, problems = guideline_file.parse_body_with_footnotes(
                body, first_line
            )
            entry = {
                "paragraphs": [
                    [p.id, p.label, p.text, p.line, p.in_note, p.explicit_id] for p in paragraphs
                ],
                "footnotes": [[f.label, f.text, f.line] for f in footnotes],
                "problems": [[p.line, p.message] for p in problems],
            }
            self._remember(key, entry)
            return paragraphs, footnotes, problems
        return (
            [RawParagraph(*fields) for fields in entry["paragraphs"]],
            [RawFootnote(*fields) for fields in entry["footnotes"]],
            [SourceProblem(*fields) for fields in entry["problems"]],
        )

    def keep(self) -> None:
        """Keep what this run parsed or used, if that differs from what was read; a cache that
        cannot be written is left as it was."""
        self.to_keep().keep()

    def to_keep(self) -> KeptParses:
        """What :meth:`keep` writes, made now and written later: a build keeps the cache only
        once its pages are generated, and holding the pickled bytes through the generation
        instead of the parsed data took the synthetic L scale's from 1,196 MB to 1,131 MB
        (MB of 1,024 KB, as the benchmark counts)."""
        if self.parsed == 0 and len(self._used) == len(self._old):
            return KeptParses(self.path, None)
        return KeptParses(self.path, plain_pickle({"code": self.key, "entries": self._used}))


@dataclass(frozen=True)
class KeptParses:
    """A parse cache to be written (``raw``), or nothing to write (None)."""

    path: Path
    raw: bytes | None

    def keep(self) -> None:
        if self.raw is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(self.path, self.raw, durable=False)
            for old in OLD_CACHE_NAMES:
                (self.path.parent / old).unlink(missing_ok=True)
        except OSError:
            pass
