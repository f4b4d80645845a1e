"""Which guideline texts each group of generated pages read, so that after an edit only the
pages that read an edited text are generated again.

An editor's usual act is a few words in one guideline; every other page of the site is, byte
for byte, what the last build generated.  Deciding that by hand, page family by page family, is
how a stale page gets published: a comparison of two old versions links each comment to the
page its card is on, and that depends on the size of the guideline's *draft*.  So nothing is
decided by hand.  During generation every guideline text is a :class:`TrackedText`, which
notes each read of its title or of its words in the frames of :func:`reading` that are open;
a group of pages (:class:`PageGroup`: a guideline's living page and its pages of comments, one
comparison, one version's page of one guideline, a party's pages, an index) is generated inside
a frame, and the record of
the build keeps, for each group, the texts it read and the files it made.

The next build may leave a group's files as they are when

- everything the pages are made from *except* the words and titles of the guideline texts is
  the same (:func:`skeleton_digest`: the model with each text replaced by its language, the
  tree, the configuration, the hand-written pages, provenance, the downloads, Redraft's code,
  Python's and the libraries' versions: the *global* key), and
- each text the group read has the same digest (:func:`text_digests`), and
- its files are still in the pages folder as that build left them (same size and time of last
  change: the folder is generated, and a hand edit there is overwritten, as it always was).

Derived facts shared between pages (a comparison's diff, a comment's anchor) are computed once
and kept by :class:`redraft.site.context.Facts`, which keeps the reads made while computing each
with it and replays them to every later asker (:meth:`~redraft.site.context.Facts.remember`): a
page that reuses a diff depends on the texts the diff read.  A few facts are read *by value*
(:meth:`~redraft.site.context.Facts.read_by_value`: layouts, which page holds what, one
guideline's entry in a whole comparison, one translation's status): a page depends on the
fact's result, which the next build computes again only if what the fact read changed, and
compares.  What a page family's own code reads outside its groups counts for each of its groups
(:meth:`GenerationRecord.family_unchanged`).  Anything not tracked (comments, dispositions,
parties, versions' metadata, the guidelines' numbers, parts and lineage, which texts exist) is
in the global key: any change there generates every page, as before.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from redraft.comments.anchors import Anchor, Place, Target
from redraft.kb.model import (
    Footnote,
    GuidelineText,
    KnowledgeBase,
    Paragraph,
    Retarget,
    Source,
)
from redraft.kb.own_code import own_code_digest, package_versions
from redraft.redline.compare import GuidelineChange, ParagraphRedline
from redraft.site.page import Page

FORMAT = 4
"""Bumped when the record's layout changes: an older record is then ignored, never misread."""

_frames: list[set[str]] = []


def record(key: str) -> None:
    """Note that ``key`` was read, in the innermost open frame (merged outwards on close)."""
    if _frames:
        _frames[-1].add(key)


def replay(keys: Iterable[str]) -> None:
    """Note every read of ``keys`` again: a kept fact's reads, for its later askers."""
    if _frames:
        _frames[-1].update(keys)


@contextmanager
def reading(*, passed_on: bool = True) -> Iterator[set[str]]:
    """A frame: the set of keys read while it is open.  On closing, its reads are added to the
    frame around it (unless not ``passed_on``), so a group's frame holds the reads of every
    fact computed within it."""
    frame: set[str] = set()
    _frames.append(frame)
    try:
        yield frame
    finally:
        _frames.pop()
        if _frames and passed_on:
            _frames[-1] |= frame


FACT = "fact:"
"""The key of a fact read by its value (:func:`fact_key`), not by what it was made from."""


def fact_key(key: tuple[str | None, ...]) -> str:
    """A fact's key as a read: a page that asks which page of a version holds a guideline
    depends on that layout, not on every word the layout was measured from."""
    return FACT + json.dumps(list(key), ensure_ascii=False)


def fact_of(read: str) -> tuple[str | None, ...] | None:
    """The fact a read names (:func:`fact_key`), or None for a text's key."""
    if not read.startswith(FACT):
        return None
    try:
        found = json.loads(read[len(FACT) :])
    except ValueError:
        return None
    if not isinstance(found, list) or not all(k is None or isinstance(k, str) for k in found):
        return None
    return tuple(found)


def facts_among(reads: Iterable[str]) -> tuple[str, ...]:
    """The reads that are facts read by value, in order."""
    return tuple(read for read in reads if read.startswith(FACT))


def value_digest(value: object) -> str:
    """A digest of a fact's value that is the same in every process for the same value."""
    return _digest(_canonical(value))


_REPR_IS_CANONICAL: frozenset[type] = frozenset(
    {GuidelineChange, ParagraphRedline, Anchor, Target, Place, Retarget, Source}
)
"""Values whose ``repr`` is already canonical: frozen dataclasses of strings, numbers, dates,
None, tuples of those and of each other (no set, no mapping, no field left out of ``repr``; a
test keeps it so).  A comparison's entries and the comments' anchors are most of what pages
read by value; their words' operations, walked field by field and pair by pair below, were a
sixth of a living page's generation."""


def _canonical(value: object) -> str:
    """``repr``, with the members of sets in order: a set of strings is iterated in an order
    that changes from one process to the next (Python randomises strings' hashes)."""
    if type(value) in _REPR_IS_CANONICAL:
        return repr(value)
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(_canonical(member) for member in value)) + "}"
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(_canonical(member) for member in value) + ")"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_canonical(k)}: {_canonical(v)}" for k, v in value.items()) + "}"
    if is_dataclass(value) and not isinstance(value, type):
        parts = (f"{f.name}={_canonical(getattr(value, f.name))}" for f in fields(value))
        return f"{type(value).__name__}({', '.join(parts)})"
    return repr(value)


def text_key(version_id: str, guideline_id: str, language: str) -> str:
    return f"{version_id}/{guideline_id}/{language}"


class TrackedText(GuidelineText):
    """A :class:`GuidelineText` that notes each read of its title (``…#t``: the title and where
    the file is) or of its words (``…#w``: paragraphs, explanatory note, footnotes).  Made only
    by :func:`tracked`; the values are the original's, in the instance's ``__dict__``, which
    these properties (data descriptors) take precedence over."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        # A text made from this one (``dataclasses.replace(text, ...)``, which calls the class)
        # is a plain GuidelineText: what it was made from was read, and noted, in making it.
        return GuidelineText(*args, **kwargs)

    @property
    def title(self) -> str:
        record(self.__dict__["_reads_title"])
        value: str = self.__dict__["title"]
        return value

    @property
    def source(self) -> Source:
        record(self.__dict__["_reads_title"])
        value: Source = self.__dict__["source"]
        return value

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        record(self.__dict__["_reads_words"])
        value: tuple[Paragraph, ...] = self.__dict__["paragraphs"]
        return value

    @property
    def note(self) -> tuple[Paragraph, ...]:
        record(self.__dict__["_reads_words"])
        value: tuple[Paragraph, ...] = self.__dict__["note"]
        return value

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        record(self.__dict__["_reads_words"])
        value: tuple[Footnote, ...] = self.__dict__["footnotes"]
        return value


def _tracked_text(text: GuidelineText, key: str) -> TrackedText:
    made = object.__new__(TrackedText)
    made.__dict__.update(text.__dict__)
    made.__dict__["_reads_title"] = key + "#t"
    made.__dict__["_reads_words"] = key + "#w"
    return made


def tracked(kb: KnowledgeBase) -> KnowledgeBase:
    """``kb`` with every guideline text of every version a :class:`TrackedText`."""
    versions = []
    for version in kb.versions:
        guidelines = []
        for guideline in version.guidelines:
            original = guideline.text
            translations = MappingProxyType(
                {
                    language: _tracked_text(text, text_key(version.id, guideline.id, language))
                    for language, text in guideline.translations.items()
                }
            )
            text = _tracked_text(original, text_key(version.id, guideline.id, original.language))
            guidelines.append(replace(guideline, text=text, translations=translations))
        versions.append(replace(version, guidelines=tuple(guidelines)))
    return replace(kb, versions=tuple(versions))


def _digest(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(f"{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def text_digests(kb: KnowledgeBase) -> dict[str, str]:
    """Every text's two keys (title, words) → a digest of what a read of it returns."""
    found: dict[str, str] = {}
    for version in kb.versions:
        for guideline in version.guidelines:
            for text in (guideline.text, *guideline.translations.values()):
                key = text_key(version.id, guideline.id, text.language)
                found[key + "#t"] = _digest(repr(text.title), repr(text.source))
                words = (text.paragraphs, text.note, text.footnotes)
                found[key + "#w"] = _digest(repr(words))
    return found


def skeleton_digest(kb: KnowledgeBase, *others: object) -> str:
    """The global key: a digest of ``kb`` with each guideline text replaced by its language
    (what is tracked per text is left out), and of ``others`` (the tree, the configuration...),
    each by its ``repr``: the model is immutable dataclasses, tuples and read-only mappings in
    the files' order, whose ``repr`` is the same in every process for the same files."""
    skeleton = replace(
        kb,
        versions=tuple(
            replace(
                version,
                guidelines=tuple(
                    replace(
                        guideline,
                        text=guideline.text.language,  # type: ignore[arg-type]
                        translations=tuple(guideline.translations),  # type: ignore[arg-type]
                    )
                    for guideline in version.guidelines
                ),
            )
            for version in kb.versions
        ),
    )
    parts = [repr(skeleton), own_code_digest(), sys.version, *package_versions(LIBRARIES)]
    parts += [repr(other) for other in others]
    return _digest(*parts)


LIBRARIES = ("babel", "fast-diff-match-patch")
"""What page generation computes with besides Redraft and Python: Babel writes the dates in
each tree's language, diff-match-patch finds the words a redline marks."""


@dataclass(frozen=True)
class PageGroup:
    """Pages a family makes together and that read the same things: ``make`` is called only
    when the last build's files for ``name`` cannot be kept.  ``name`` is unique in its tree."""

    name: str
    make: Callable[[], Iterable[Page]]


@dataclass(frozen=True)
class GroupRecord:
    reads: tuple[str, ...]
    files: tuple[tuple[str, str, str], ...]
    facts: tuple[str, ...] = ()
    """Those of ``reads`` that are facts read by value (each checked on its own)."""
    """Each file: its path in the pages folder, its hash (:func:`redraft.site.writer.file_hash`)
    and its size and time of last change as the build left it
    (:meth:`redraft.site.writer.TreeWriter.stamp`)."""


@dataclass(frozen=True)
class FactRecord:
    reads: tuple[str, ...]
    """What the fact was computed from."""
    digest: str
    """Its value's digest (:func:`value_digest`)."""
    facts: tuple[str, ...] = ()
    """Those of ``reads`` that are facts read by value."""


@dataclass(eq=False)  # compared by identity: a record is a build's, not a value
class GenerationRecord:
    """What a generation read and made, for the next one (saved beside the pages folder)."""

    skeleton: str
    texts: dict[str, str]
    groups: dict[str, GroupRecord] = field(default_factory=dict)
    facts: dict[str, FactRecord] = field(default_factory=dict)
    """Facts read by value: what each was computed from, and its value's digest."""
    families: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """What each page family's own code read in each tree, outside its groups."""
    _verdicts: dict[GenerationRecord, frozenset[str]] = field(default_factory=dict, repr=False)
    """An earlier record's texts that differ from this one's (computed once, by it)."""

    def family_unchanged(
        self, family: str, now: GenerationRecord, compute: Callable[[str], None]
    ) -> bool:
        """Whether what ``family``'s own code read is the same in ``now``: if not, none of its
        groups is kept (what the family handed them may differ)."""
        found = self.families.get(family)
        if self.skeleton != now.skeleton or found is None:
            return False
        return all(self._unchanged(read, now, compute) for read in found)

    def kept(
        self, group: str, now: GenerationRecord, compute: Callable[[str], None]
    ) -> GroupRecord | None:
        """The last build's record of ``group``, if nothing it read differs in ``now``.

        A fact read by value is unchanged when what it was computed from is (its record is
        then carried into ``now``), or else when ``compute(read)``, computing it again in
        this generation, gives the same value: a word added to the draft changes the sizes a
        version's layout is measured from, seldom the layout."""
        if self.skeleton != now.skeleton:
            return None
        found = self.groups.get(group)
        if found is None or not self._changed_texts(now).isdisjoint(found.reads):
            return None
        if all(self._unchanged(read, now, compute) for read in found.facts):
            return found
        return None

    def _changed_texts(self, now: GenerationRecord) -> frozenset[str]:
        """The texts whose digest differs in ``now`` (or that are gone), found once."""
        found = now._verdicts.get(self)
        if found is None:
            found = frozenset(k for k, d in self.texts.items() if now.texts.get(k) != d)
            now._verdicts = {self: found}
        return found

    def _unchanged(self, read: str, now: GenerationRecord, compute: Callable[[str], None]) -> bool:
        if not read.startswith(FACT):
            return read not in self._changed_texts(now)
        before = self.facts.get(read)
        if before is None:
            return False
        known = now.facts.get(read)
        if (
            known is None
            and self._changed_texts(now).isdisjoint(before.reads)
            and all(self._unchanged(r, now, compute) for r in before.facts)
        ):
            now.facts[read] = known = before
        if known is None:
            compute(read)
            known = now.facts.get(read)
        return known is not None and known.digest == before.digest


def save_record(record: GenerationRecord) -> bytes:
    """The record as JSON.  Each key is written once and named by its number, and each list of
    reads once and named by its number: at L ten thousand facts (each guideline's entry in a
    comparison) read the same twelve hundred texts, the whole comparison, and writing that list
    for each made a record of 108 MB whose writing alone raised a build's memory by a third."""
    keys = sorted(
        {key for group in record.groups.values() for key in group.reads}
        | {key for fact in record.facts.values() for key in fact.reads}
        | {key for family in record.families.values() for key in family}
    )
    index = {key: number for number, key in enumerate(keys)}
    lists: dict[tuple[str, ...], int] = {}
    written: list[list[int]] = []

    def listed(reads: tuple[str, ...]) -> int:
        number = lists.get(reads)
        if number is None:
            number = lists[reads] = len(written)
            written.append([index[key] for key in reads])
        return number

    data = {
        "format": FORMAT,
        "skeleton": record.skeleton,
        "texts": record.texts,
        "keys": keys,
        "groups": {
            name: {
                "reads": listed(group.reads),
                "facts": listed(group.facts),
                "files": group.files,
            }
            for name, group in record.groups.items()
        },
        "facts": {
            name: {
                "reads": listed(fact.reads),
                "facts": listed(fact.facts),
                "digest": fact.digest,
            }
            for name, fact in record.facts.items()
        },
        "families": {name: listed(family) for name, family in record.families.items()},
        "lists": written,
    }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def load_record(path: Path) -> GenerationRecord | None:
    """The record saved at ``path``, or None if there is none or it cannot be trusted."""
    try:
        data: Any = json.loads(path.read_bytes())
        if data.get("format") != FORMAT:
            return None
        keys = data["keys"]
        # each list once in memory too, shared by every fact and group that names it
        lists = [tuple(keys[number] for number in numbers) for numbers in data["lists"]]
        groups = {
            name: GroupRecord(
                lists[group["reads"]],
                tuple((str(p), str(h), str(s)) for p, h, s in group["files"]),
                lists[group["facts"]],
            )
            for name, group in data["groups"].items()
        }
        facts = {
            name: FactRecord(lists[fact["reads"]], str(fact["digest"]), lists[fact["facts"]])
            for name, fact in data["facts"].items()
        }
        families = {name: lists[family] for name, family in data["families"].items()}
        texts: Mapping[str, str] = data["texts"]
        return GenerationRecord(str(data["skeleton"]), dict(texts), groups, facts, families)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
