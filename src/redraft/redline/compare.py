"""What changed between two versions: structure by stable id, wording by text diff.

A reviewer needs two things kept apart: what happened to each guideline as a unit (added,
deleted, renumbered, moved, merged, split, replaced, explanatory note added or removed) and what
happened to its words.  Guidelines and paragraphs are matched by their stable ids, never by
number or position, so a renumbering is reported as a renumbering and not as a rewrite; only
paragraphs that have no stable id to go by are aligned by their text.  A guideline formed by a
merge or split is compared paragraph by paragraph with the guidelines it was formed from, so
that the text it carried over is not shown as new (:class:`ParagraphRedline` then names the
other guideline).

Lineage (``merged_from``, ``split_from``, ``replaces``) is recorded in the version where the
event happened.  Comparing two versions that are several releases apart therefore walks every
version in between, so that a merge made two versions ago still shows.  Lineage is always stated
in the order of time: when the comparison runs from a newer version to an older one, the
guideline formed by a merge is the one that disappears, and it is still described as "merged
from" its sources, with :attr:`VersionDiff.forward` telling the reader which way time runs.

Everything here is a pure function of the model; nothing reads files or knows about output.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from itertools import pairwise
from types import MappingProxyType
from typing import Literal, Protocol, get_args

from redraft.kb.guideline_file import label_anchor
from redraft.kb.model import Guideline, GuidelineText, KnowledgeBase, Paragraph, Part, Version
from redraft.kb.versionspec import lookup_version
from redraft.redline.textdiff import (
    Op,
    Ops,
    diff_paragraphs,
    diff_text,
    has_changes,
    normalize_space,
    similar_enough,
    similarity,
)

ChangeKind = Literal[
    "added",
    "deleted",
    "renumbered",
    "moved",
    "reworded",
    "relabelled",
    "merged",
    "merged-into",
    "split",
    "split-into",
    "replaces",
    "replaced-by",
    "note-added",
    "note-removed",
    "note-reworded",
]
KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)
WORDING_KINDS: frozenset[ChangeKind] = frozenset(
    {"reworded", "relabelled", "note-added", "note-removed", "note-reworded"}
)
"""Changes of a guideline's words, as opposed to changes of the guideline as a unit."""
"""Every kind of guideline change, in the order a summary lists them."""

PartChangeKind = Literal["added", "deleted", "renumbered", "retitled", "moved"]
PART_KINDS: tuple[PartChangeKind, ...] = get_args(PartChangeKind)

ParagraphStatus = Literal["unchanged", "changed", "inserted", "deleted"]


class LanguageNotFound(LookupError):
    """A compared version with no text at all in the language asked for."""

    def __init__(self, language: str, version: Version) -> None:
        super().__init__(
            f"version '{version.id}' has no text in '{language}'; it has "
            + ", ".join(version.languages)
        )


class GuidelineNotFound(LookupError):
    """A guideline id that neither compared version has; ``str(error)`` is one line for users."""

    def __init__(self, guideline_id: str, from_id: str, to_id: str) -> None:
        self.guideline_id = guideline_id
        super().__init__(
            f"unknown guideline '{guideline_id}': it is in neither version '{from_id}' "
            f"nor version '{to_id}'"
        )


# --------------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphRedline:
    """One paragraph of a redline: where it was, where it is, and how its words changed.

    ``ops`` diff the paragraph's text without its label, so that a relettering ("(b)" becoming
    "(c)" and keeping its ``{#b}`` anchor) is a relabel and not a change of wording.
    """

    from_id: str | None
    to_id: str | None
    from_label: str
    to_label: str
    ops: Ops
    moved: bool = False
    """Reordered among the paragraphs both versions share (only for paragraphs matched by id)."""
    from_guideline: str | None = None
    """The guideline of the version compared from that holds ``from_id``, when it is another
    guideline than this one: this one was formed by a merge or split and the paragraph's text
    came from there (or, read backwards in time, went there)."""
    from_number: str | None = None
    """The printed number of ``from_guideline`` in the version compared from."""
    to_guideline: str | None = None
    """Likewise for the version compared to: the guideline that holds the paragraph's text
    there.  On a guideline that went into a merge or split, a paragraph with no ``to_id`` but a
    ``to_guideline`` was carried into that guideline, where it is labelled ``to_label``."""
    to_number: str | None = None
    """The printed number of ``to_guideline`` in the version compared to."""

    @property
    def id(self) -> str:
        return self.to_id if self.to_id is not None else self.from_id or ""

    @property
    def status(self) -> ParagraphStatus:
        if self.from_id is None:
            return "inserted"
        if self.to_id is None:
            return "deleted"
        return "changed" if has_changes(self.ops) else "unchanged"

    @property
    def relabelled(self) -> bool:
        # A paragraph carried from another guideline takes the label of its place in this
        # one; where it came from is said by its origin, not by a relettering.
        return (
            self.from_id is not None
            and self.to_id is not None
            and not self.across_guidelines
            and self.from_label != self.to_label
        )

    @property
    def across_guidelines(self) -> bool:
        """Whether the two sides of this paragraph are in different guidelines (a merge or
        split carried it over)."""
        return self.from_guideline is not None or self.to_guideline is not None

    @property
    def changed(self) -> bool:
        return self.status != "unchanged" or self.relabelled or self.moved


@dataclass(frozen=True)
class GuidelineChange:
    """Everything that happened to one guideline between the two versions.

    ``from_*`` fields describe it in the version compared from and are ``None`` when it is not
    there; ``to_*`` likewise.  Lineage fields are stated in the order of time, whichever way the
    comparison runs: ``merged_from``, ``split_from`` and ``replaces`` name guidelines of the
    older version this one (in the newer version) descends from; ``merged_into``,
    ``split_into`` and ``replaced_by`` name guidelines of the newer version that this one (in
    the older version) went into.
    """

    id: str
    changes: tuple[ChangeKind, ...]
    from_number: str | None
    to_number: str | None
    from_part: str | None
    to_part: str | None
    from_title: str | None
    to_title: str | None
    title_ops: Ops
    paragraphs: tuple[ParagraphRedline, ...]
    note: tuple[ParagraphRedline, ...]
    footnotes: tuple[ParagraphRedline, ...] = ()
    """The guideline's footnotes, matched by their mark (``[^1]``, the label each side shows):
    a footnote whose words changed is a rewording like any other."""
    merged_from: tuple[str, ...] = ()
    merged_into: tuple[str, ...] = ()
    split_from: tuple[str, ...] = ()
    split_into: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    replaced_by: tuple[str, ...] = ()
    untranslated_in: tuple[str, ...] = ()
    """In a comparison in another language than the original: the ids of the compared versions
    in which this guideline has no text in that language.  Its wording is then not compared
    (``paragraphs``, ``note``, ``footnotes`` and ``title_ops`` are empty); what happened to it
    as a unit is."""

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def compared(self) -> bool:
        """Were its words compared (false when a side lacks the comparison's language)?"""
        return not self.untranslated_in

    @property
    def note_added(self) -> bool:
        return "note-added" in self.changes

    @property
    def note_removed(self) -> bool:
        return "note-removed" in self.changes

    @property
    def related(self) -> tuple[str, ...]:
        """Ids of the guidelines its lineage names, in either version."""
        return tuple(
            dict.fromkeys(
                (
                    *self.merged_from,
                    *self.merged_into,
                    *self.split_from,
                    *self.split_into,
                    *self.replaces,
                    *self.replaced_by,
                )
            )
        )


@dataclass(frozen=True)
class PartChange:
    """What happened to one part (chapter) of the document."""

    id: str
    changes: tuple[PartChangeKind, ...]
    from_number: str | None
    to_number: str | None
    from_title: str | None
    to_title: str | None
    title_ops: Ops


def _frozen_lists(data: Mapping[str, Sequence[str]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({key: tuple(value) for key, value in data.items()})


@dataclass(frozen=True)
class Summary:
    """The document-level answer to "what is new in this draft": ids per kind of change."""

    guidelines: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: _frozen_lists({kind: () for kind in KINDS})
    )
    """For every kind in :data:`KINDS`, the ids of the guidelines with that change (possibly
    none), in document order."""
    parts: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: _frozen_lists({kind: () for kind in PART_KINDS})
    )
    unchanged: tuple[str, ...] = ()
    """Guidelines in both versions with no change at all."""

    @property
    def counts(self) -> Mapping[str, int]:
        return MappingProxyType({kind: len(ids) for kind, ids in self.guidelines.items()})

    @property
    def changed(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for ids in self.guidelines.values():
            seen.update(dict.fromkeys(ids))
        return tuple(seen)

    @property
    def has_changes(self) -> bool:
        return any(self.guidelines.values()) or any(self.parts.values())


@dataclass(frozen=True)
class VersionDiff:
    """A comparison of two versions, whole document or one guideline with its relatives."""

    from_id: str
    to_id: str
    from_label: str
    to_label: str
    forward: bool
    """True when the version compared from is the older one."""
    language: str
    """The language of the compared texts (the newer version's original language)."""
    title_ops: Ops
    introduction: tuple[ParagraphRedline, ...]
    parts: tuple[PartChange, ...]
    guidelines: tuple[GuidelineChange, ...]
    summary: Summary
    guideline_filter: str | None = None
    in_translation: bool = False
    """True when ``language`` is not the versions' original language."""

    @property
    def untranslated(self) -> tuple[str, ...]:
        """Guidelines whose wording was not compared for want of a text in ``language``."""
        return tuple(g.id for g in self.guidelines if not g.compared)

    def guideline(self, guideline_id: str) -> GuidelineChange | None:
        return self._by_id.get(guideline_id)

    @cached_property
    def _by_id(self) -> Mapping[str, GuidelineChange]:
        # Pages ask a comparison for one guideline's entry sixty thousand times at M; the
        # first entry of an id, as the scan this replaces found it.
        found: dict[str, GuidelineChange] = {}
        for change in self.guidelines:
            found.setdefault(change.id, change)
        return MappingProxyType(found)

    @property
    def changed_guidelines(self) -> tuple[GuidelineChange, ...]:
        return tuple(g for g in self.guidelines if g.changed)

    @property
    def has_changes(self) -> bool:
        if self.guideline_filter is not None:
            return any(g.changed for g in self.guidelines)
        return (
            self.summary.has_changes
            or has_changes(self.title_ops)
            or any(p.changed for p in self.introduction)
        )


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def diff_versions(
    kb: KnowledgeBase,
    old: Version | str,
    new: Version | str,
    guideline: str | None = None,
    language: str | None = None,
) -> VersionDiff:
    """Compare version ``old`` with version ``new`` of ``kb`` (either may be the older one).

    Each is a version of the model, or a version id or document symbol that
    :func:`~redraft.kb.versionspec.lookup_version` finds in ``kb``.  A version that ``kb`` does
    not list (the draft at a git revision, which the caller resolves with
    :func:`~redraft.kb.versionspec.resolve_version`) is placed where the working draft is.
    With ``guideline``, only that guideline is compared, together with the guidelines its
    lineage names (what it was merged or split from, or into), because a merged guideline means
    little without the texts it came from.

    With ``language``, the texts in that language are compared, aligned by guideline id (see
    :func:`compare_versions`).

    Raises :class:`~redraft.kb.versionspec.VersionNotFound`, :class:`GuidelineNotFound` and
    :class:`LanguageNotFound`.
    """
    before = old if isinstance(old, Version) else lookup_version(kb, old)
    after = new if isinstance(new, Version) else lookup_version(kb, new)
    return compare_versions(before, after, history_between(kb, before, after), guideline, language)


def history_between(kb: KnowledgeBase, a: Version, b: Version) -> tuple[Version, ...]:
    """The versions from the older of ``a`` and ``b`` to the newer, both included, oldest first.

    A version the knowledge base does not list (a revision of the draft read from git) is
    placed where the working draft is: after every released version.
    """
    draft_position = max(len(kb.versions) - 1, 0)

    def position(version: Version) -> int:
        index = kb.version_index(version.id)
        if index is not None and kb.versions[index] is version:
            return index
        return draft_position

    ia, ib = position(a), position(b)
    if (ia, 0) > (ib, 1):
        older, newer, lo, hi = b, a, ib, ia
    else:
        older, newer, lo, hi = a, b, ia, ib
    between = kb.versions[lo + 1 : hi] if hi > lo else ()
    return (older, *between, newer)


def compare_versions(
    old: Version,
    new: Version,
    history: Sequence[Version] | None = None,
    guideline: str | None = None,
    language: str | None = None,
) -> VersionDiff:
    """Compare ``old`` (the version compared from) with ``new`` (compared to).

    ``language`` compares the texts in that language instead of the originals, aligned by
    guideline id; Chinese is compared character by character and other scripts word by word,
    as for any text (:mod:`redraft.redline.textdiff`).
    A guideline without a text in that language in
    either version is compared as a unit only (added, deleted, renumbered, moved...) and names
    the version that lacks it in ``untranslated_in``.

    ``history`` lists the versions from the older of the two to the newer, oldest first, so
    lineage recorded in between is found; without it the two are taken as consecutive, the
    older being ``old``.

    A comparison from newer to older is computed from older to newer and then mirrored, so
    that comparing b with a shows exactly the changes of a with b, reversed; where a diff has
    several equally short answers (two guidelines that swapped places: which one moved?) the
    answer cannot depend on the direction of the question.
    """
    if history is None or len(history) < 2:
        history = (old, new)
    if history[0] is not old and history[-1] is old:
        return mirror_diff(_compare_in_time_order(new, old, history, guideline, language))
    return _compare_in_time_order(old, new, history, guideline, language)


def _compare_in_time_order(
    older: Version,
    newer: Version,
    history: Sequence[Version],
    guideline: str | None,
    language: str | None = None,
) -> VersionDiff:
    if language is not None and (language != older.language or language != newer.language):
        return _compare_in_language(older, newer, history, guideline, language)
    lineage, moved, order = _structure(older, newer, history)
    wanted: set[str] | None = None
    compared: set[str] | None = None
    if guideline is not None:
        if older.guideline(guideline) is None and newer.guideline(guideline) is None:
            raise GuidelineNotFound(guideline, older.id, newer.id)
        wanted = {guideline, *lineage.related(guideline)}
        # The other parts of a split say where the source's paragraphs went; they are
        # compared for that, and not shown.
        compared = wanted.union(*(lineage.related(r) for r in wanted))

    changes = _carried_over(
        tuple(
            _compare_guideline(
                gid,
                older.guideline(gid),
                newer.guideline(gid),
                gid in moved,
                lineage,
                _sources(older, gid, lineage),
            )
            for gid in order
            if compared is None or gid in compared
        )
    )
    if wanted is not None:
        changes = tuple(c for c in changes if c.id in wanted)
    parts = _compare_parts(older.parts, newer.parts)
    return VersionDiff(
        from_id=older.id,
        to_id=newer.id,
        from_label=older.label,
        to_label=newer.label,
        forward=True,
        language=newer.language,
        title_ops=() if wanted is not None else _diff_short(older.title, newer.title),
        introduction=() if wanted is not None else _diff_introduction(older, newer),
        parts=parts,
        guidelines=changes,
        summary=_summarize(changes, parts),
        guideline_filter=guideline,
    )


_STRUCTURES: dict[
    tuple[int, ...],
    tuple[tuple[Version, ...], tuple[_Lineage, frozenset[str], tuple[str, ...]]],
] = {}


def _structure(
    older: Version, newer: Version, history: Sequence[Version]
) -> tuple[_Lineage, frozenset[str], tuple[str, ...]]:
    """The lineage, the moved guidelines and the display order of one comparison.

    They depend on the versions only, never on the guideline asked for, and each walks every
    guideline of every version in ``history``; a site compares one guideline at a time for
    every decided comment, so they are kept for the last comparisons made.  Versions are
    immutable; an entry holds the versions themselves, so an ``id`` is never reused while its
    entry exists, and a hit is confirmed by identity.
    """
    versions = (older, newer, *history)
    key = tuple(id(v) for v in versions)
    hit = _STRUCTURES.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], versions, strict=True)):
        return hit[1]
    lineage = _lineage(history)
    found = (
        lineage,
        frozenset(_moved_guidelines(older, newer)),
        tuple(_display_order(older, newer, lineage)),
    )
    if len(_STRUCTURES) >= 256:
        _STRUCTURES.pop(next(iter(_STRUCTURES)))
    _STRUCTURES[key] = (versions, found)
    return found


def _compare_in_language(
    older: Version,
    newer: Version,
    history: Sequence[Version],
    guideline: str | None,
    language: str,
) -> VersionDiff:
    """The comparison of the two versions read in ``language``, where a guideline's wording is
    compared only if both versions have it in that language (never one language against
    another)."""
    for version in (older, newer):
        if language not in version.languages:
            raise LanguageNotFound(language, version)
    missing_before, missing_after = older.untranslated(language), newer.untranslated(language)
    diff = _compare_in_time_order(
        older.in_language(language), newer.in_language(language), history, guideline
    )
    changes = []
    for change in diff.guidelines:
        lacking = tuple(
            version.id
            for version, missing, present in (
                (older, missing_before, change.from_number is not None),
                (newer, missing_after, change.to_number is not None),
            )
            if present and change.id in missing
        )
        if lacking:
            change = replace(
                change,
                changes=tuple(k for k in change.changes if k not in WORDING_KINDS),
                title_ops=_title_as_is(change),
                paragraphs=(),
                note=(),
                footnotes=(),
                untranslated_in=lacking,
            )
        changes.append(change)
    titled = language in older.translated_titles or older.language == language
    titled = titled and (language in newer.translated_titles or newer.language == language)
    introduced = all(
        v.language == language or language in v.translated_introductions for v in (older, newer)
    )
    guidelines = tuple(changes)
    return replace(
        diff,
        language=language,
        in_translation=True,
        title_ops=diff.title_ops if titled else (),
        introduction=diff.introduction if introduced else (),
        guidelines=guidelines,
        summary=_summarize(guidelines, diff.parts),
    )


def _title_as_is(change: GuidelineChange) -> Ops:
    """The title shown, not compared, for a guideline whose wording is not compared: the newer
    side's if it has one."""
    title = change.to_title if change.to_title is not None else change.from_title
    return (("equal", title),) if title else ()


# --------------------------------------------------------------------------------------------
# Reversing a comparison
# --------------------------------------------------------------------------------------------

_MIRRORED_KIND: Mapping[str, str] = MappingProxyType(
    {
        "added": "deleted",
        "deleted": "added",
        "note-added": "note-removed",
        "note-removed": "note-added",
    }
)


def mirror_ops(ops: Ops) -> Ops:
    """The same diff read the other way: insertions become deletions and vice versa.

    Each change keeps the canonical order of :func:`~redraft.redline.textdiff.diff_text`: its
    deletion before its insertion.
    """
    out: list[tuple[Op, str]] = []
    deleted: list[tuple[Op, str]] = []
    inserted: list[tuple[Op, str]] = []
    for op, text in ops:
        if op == "equal":
            out += deleted + inserted
            deleted, inserted = [], []
            out.append((op, text))
        elif op == "insert":
            deleted.append(("delete", text))
        else:
            inserted.append(("insert", text))
    out += deleted + inserted
    return tuple(out)


def _mirror_paragraph(p: ParagraphRedline) -> ParagraphRedline:
    return ParagraphRedline(
        from_id=p.to_id,
        to_id=p.from_id,
        from_label=p.to_label,
        to_label=p.from_label,
        ops=mirror_ops(p.ops),
        moved=p.moved,
        from_guideline=p.to_guideline,
        from_number=p.to_number,
        to_guideline=p.from_guideline,
        to_number=p.from_number,
    )


def _mirror_guideline(g: GuidelineChange) -> GuidelineChange:
    kinds = {_MIRRORED_KIND.get(kind, kind) for kind in g.changes}
    return replace(
        g,
        changes=tuple(kind for kind in KINDS if kind in kinds),
        from_number=g.to_number,
        to_number=g.from_number,
        from_part=g.to_part,
        to_part=g.from_part,
        from_title=g.to_title,
        to_title=g.from_title,
        title_ops=mirror_ops(g.title_ops),
        paragraphs=tuple(_mirror_paragraph(p) for p in g.paragraphs),
        note=tuple(_mirror_paragraph(p) for p in g.note),
        footnotes=tuple(_mirror_paragraph(p) for p in g.footnotes),
    )


def _mirror_part(part: PartChange) -> PartChange:
    kinds = {_MIRRORED_KIND.get(kind, kind) for kind in part.changes}
    return PartChange(
        id=part.id,
        changes=tuple(kind for kind in PART_KINDS if kind in kinds),
        from_number=part.to_number,
        to_number=part.from_number,
        from_title=part.to_title,
        to_title=part.from_title,
        title_ops=mirror_ops(part.title_ops),
    )


def mirror_diff(diff: VersionDiff) -> VersionDiff:
    """The comparison read from its newer version back to its older one: what
    :func:`compare_versions` returns when asked the other way round, so that a caller holding
    one direction has the other without comparing again.

    Lineage fields keep their meaning (they are stated in the order of time), and the order of
    guidelines and paragraphs stays that of the newer version.
    """
    guidelines = tuple(_mirror_guideline(g) for g in diff.guidelines)
    parts = tuple(_mirror_part(p) for p in diff.parts)
    return replace(
        diff,
        from_id=diff.to_id,
        to_id=diff.from_id,
        from_label=diff.to_label,
        to_label=diff.from_label,
        forward=False,
        title_ops=mirror_ops(diff.title_ops),
        introduction=tuple(_mirror_paragraph(p) for p in diff.introduction),
        parts=parts,
        guidelines=guidelines,
        summary=_summarize(guidelines, parts),
    )


# --------------------------------------------------------------------------------------------
# Lineage across versions
# --------------------------------------------------------------------------------------------

_LineageKind = Literal["merged", "split", "replaces"]


@dataclass(frozen=True)
class _Lineage:
    """How guidelines of the newest version descend from those of the oldest, by kind.

    ``older_than[kind][newer_id]`` is the set of ids of the oldest version that ``newer_id``
    descends from through a path containing an event of that kind.  The relation read the other
    way gives what a guideline of the oldest version went into.
    """

    ancestors: Mapping[_LineageKind, Mapping[str, tuple[str, ...]]]
    descendants: Mapping[_LineageKind, Mapping[str, tuple[str, ...]]]

    def of(self, kind: _LineageKind, newer_id: str) -> tuple[str, ...]:
        return self.ancestors[kind].get(newer_id, ())

    def into(self, kind: _LineageKind, older_id: str) -> tuple[str, ...]:
        return self.descendants[kind].get(older_id, ())

    def related(self, guideline_id: str) -> set[str]:
        found: set[str] = set()
        for kind in ("merged", "split", "replaces"):
            found.update(self.of(kind, guideline_id))
            found.update(self.into(kind, guideline_id))
        return found


def _lineage(history: Sequence[Version]) -> _Lineage:
    """Walk lineage back from every guideline of the newest version to the oldest version.

    A node is (version index, guideline id).  Going back from a guideline in version ``k``
    leads to itself in the latest earlier version that has it, and to every guideline its
    lineage fields name, again in the latest earlier version that has that id (lineage may name
    a guideline deleted several versions ago).  Lineage fields of the oldest version describe
    events before the comparison and are ignored.
    """

    def latest_before(k: int, guideline_id: str) -> int | None:
        for m in range(k - 1, -1, -1):
            if history[m].guideline(guideline_id) is not None:
                return m
        return None

    @cache
    def roots(k: int, guideline_id: str) -> frozenset[tuple[str, frozenset[_LineageKind]]]:
        if k == 0:
            return frozenset({(guideline_id, frozenset())})
        guideline = history[k].guideline(guideline_id)
        if guideline is None:
            return frozenset()
        steps: list[tuple[str, _LineageKind | None]] = [(guideline_id, None)]
        steps += [(p, "merged") for p in guideline.merged_from]
        if guideline.split_from:
            steps.append((guideline.split_from, "split"))
        if guideline.replaces:
            steps.append((guideline.replaces, "replaces"))
        found: set[tuple[str, frozenset[_LineageKind]]] = set()
        for previous_id, kind in steps:
            if kind is not None and previous_id == guideline_id:
                continue
            m = latest_before(k, previous_id)
            if m is None:
                continue
            for root, kinds in roots(m, previous_id):
                found.add((root, kinds | {kind} if kind else kinds))
        return frozenset(found)

    newest = len(history) - 1
    oldest_order = {g.id: i for i, g in enumerate(history[0].guidelines)}
    newest_order = {g.id: i for i, g in enumerate(history[newest].guidelines)}
    ancestors: dict[_LineageKind, dict[str, list[str]]] = {
        "merged": {},
        "split": {},
        "replaces": {},
    }
    for guideline in history[newest].guidelines:
        for root, path_kinds in roots(newest, guideline.id):
            if root == guideline.id:
                continue
            for path_kind in path_kinds:
                ancestors[path_kind].setdefault(guideline.id, []).append(root)
    descendants: dict[_LineageKind, dict[str, list[str]]] = {k: {} for k in ancestors}
    for lineage_kind, table in ancestors.items():
        for newer_id, roots_found in table.items():
            roots_found.sort(key=lambda r: oldest_order.get(r, 0))
            for root in roots_found:
                descendants[lineage_kind].setdefault(root, []).append(newer_id)
    for table in descendants.values():
        for found in table.values():
            found.sort(key=lambda n: newest_order.get(n, 0))
    return _Lineage(
        MappingProxyType({k: _frozen_lists(v) for k, v in ancestors.items()}),
        MappingProxyType({k: _frozen_lists(v) for k, v in descendants.items()}),
    )


# --------------------------------------------------------------------------------------------
# Structure: order, moves, parts
# --------------------------------------------------------------------------------------------


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of ``values`` (patience sort).

    What stayed in place when a sequence was reordered is the longest run of items still in
    their old relative order; everything else moved.
    """
    tails: list[int] = []  # tails[k]: smallest last value of an increasing run of length k+1
    tail_at: list[int] = []  # position in ``values`` of that last value
    previous: list[int] = []
    for position, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[k] = value
            tail_at[k] = position
        previous.append(tail_at[k - 1] if k else -1)
    kept: set[int] = set()
    position = tail_at[-1] if tail_at else -1
    while position != -1:
        kept.add(position)
        position = previous[position]
    return kept


def _moved_within(old_order: Sequence[str], new_order: Sequence[str]) -> set[str]:
    """Items of both sequences that changed place relative to the others they share."""
    new_position = {item: i for i, item in enumerate(new_order)}
    common = [item for item in old_order if item in new_position]
    kept = _longest_increasing([new_position[item] for item in common])
    return {item for i, item in enumerate(common) if i not in kept}


def _moved_guidelines(old: Version, new: Version) -> set[str]:
    """Guidelines now in another part, or in another place among the part's common guidelines.

    Inserting or deleting a guideline moves nothing: only the guidelines found in the same part
    of both versions are compared for order, so the ones after an insertion keep their place.
    """
    moved: set[str] = set()
    for guideline in new.guidelines:
        before = old.guideline(guideline.id)
        if before is not None and before.part != guideline.part:
            moved.add(guideline.id)
    new_parts = {p.id: p for p in new.parts}
    for part in old.parts:
        other = new_parts.get(part.id)
        if other is not None:
            moved |= _moved_within(part.guideline_ids, other.guideline_ids)
    return moved


def _display_order(old: Version, new: Version, lineage: _Lineage) -> list[str]:
    """Every guideline of either version, in the order a reader expects to meet them.

    The new version's order, with each guideline found only in the old version placed just
    before what it became (a merge or split), or else after the guideline that preceded it in
    its old part, or at the top of that part.
    """
    new_index = {g.id: j for j, g in enumerate(new.guidelines)}
    first_of_part: dict[str, int] = {}
    for j, g in enumerate(new.guidelines):
        first_of_part.setdefault(g.part, j)
    keys: dict[str, tuple[int, int, int]] = {gid: (j, 0, 0) for gid, j in new_index.items()}
    previous_in_part: dict[str, tuple[int, int, int]] = {}
    for i, g in enumerate(old.guidelines):
        if g.id in new_index:
            after = new.guidelines[new_index[g.id]]
            if after.part == g.part:
                previous_in_part[g.part] = keys[g.id]
            continue
        successors = [
            s
            for kind in ("merged", "split", "replaces")
            for s in lineage.into(kind, g.id)
            if s in new_index
        ]
        if successors:
            key = (min(new_index[s] for s in successors), -1, i)
            # what follows it in its old part comes after the last of what it became
            previous_in_part[g.part] = (max(new_index[s] for s in successors), 0, 0)
            keys[g.id] = key
            continue
        if g.part in previous_in_part:
            key = (previous_in_part[g.part][0], 1, i)
        elif g.part in first_of_part:
            key = (first_of_part[g.part], -1, i)
        else:
            key = (len(new.guidelines), 1, i)
        keys[g.id] = key
        previous_in_part[g.part] = key
    return sorted(keys, key=keys.__getitem__)


def _compare_parts(old_parts: Sequence[Part], new_parts: Sequence[Part]) -> tuple[PartChange, ...]:
    old_by_id = {p.id: p for p in old_parts}
    new_by_id = {p.id: p for p in new_parts}
    moved = _moved_within([p.id for p in old_parts], [p.id for p in new_parts])
    order = _interleave([p.id for p in old_parts], [p.id for p in new_parts])
    out = []
    for part_id in order:
        before, after = old_by_id.get(part_id), new_by_id.get(part_id)
        kinds: list[PartChangeKind] = []
        if before is None:
            kinds.append("added")
        elif after is None:
            kinds.append("deleted")
        else:
            if before.number.strip() != after.number.strip():
                kinds.append("renumbered")
            if normalize_space(before.title) != normalize_space(after.title):
                kinds.append("retitled")
            if part_id in moved:
                kinds.append("moved")
        out.append(
            PartChange(
                id=part_id,
                changes=tuple(kinds),
                from_number=before.number if before else None,
                to_number=after.number if after else None,
                from_title=before.title if before else None,
                to_title=after.title if after else None,
                title_ops=_diff_short(before.title if before else "", after.title if after else ""),
            )
        )
    return tuple(out)


def _interleave(old_order: Sequence[str], new_order: Sequence[str]) -> list[str]:
    """The new order, with items only in the old order placed after their old predecessor."""
    new_index = {item: j for j, item in enumerate(new_order)}
    keys: dict[str, tuple[int, int, int]] = {item: (j, 0, 0) for item, j in new_index.items()}
    anchor = (-1, 0, 0)
    for i, item in enumerate(old_order):
        if item in new_index:
            anchor = keys[item]
        else:
            keys[item] = (anchor[0], 1, i)
    return sorted(keys, key=keys.__getitem__)


# --------------------------------------------------------------------------------------------
# One guideline
# --------------------------------------------------------------------------------------------


_COMPARED: dict[tuple[object, ...], GuidelineChange] = {}
"""Guidelines compared in this process, by everything their comparison reads
(:func:`_comparison_key`).  A site compares every pair of versions in every language, and a
guideline that did not change between two versions is compared with a third twice, alike: at M
six comparisons in ten were one made before.  A change is immutable, so it is shared."""
_COMPARED_AT_MOST = 50_000


def forget_comparisons() -> None:
    """Let go of the guidelines compared so far (a build does, once its pages are made)."""
    _COMPARED.clear()


class ComparisonStore(Protocol):
    """Where comparisons outlive the process (:mod:`redraft.redline.comparison_cache`)."""

    def get(self, key: tuple[object, ...]) -> GuidelineChange | None: ...

    def put(self, key: tuple[object, ...], change: GuidelineChange) -> None: ...

    def used(self, key: tuple[object, ...], change: GuidelineChange) -> None: ...


_STORE: list[ComparisonStore] = []
"""The store of the generation running in this process, if any (:func:`comparisons_stored_in`)."""


@contextmanager
def comparisons_stored_in(store: ComparisonStore) -> Iterator[None]:
    """Inside the block, a guideline not compared in this process is looked up in ``store``
    before it is compared, and what is compared is put there."""
    _STORE.append(store)
    try:
        yield
    finally:
        _STORE.pop()


def _compare_guideline(
    guideline_id: str,
    before: Guideline | None,
    after: Guideline | None,
    moved: bool,
    lineage: _Lineage,
    sources: Sequence[Guideline] = (),
) -> GuidelineChange:
    key = _comparison_key(guideline_id, before, after, moved, lineage, sources)
    found = _COMPARED.get(key)
    store = _STORE[-1] if _STORE else None
    if found is None:
        found = store.get(key) if store is not None else None
        if found is None:
            found = _compare_guideline_afresh(guideline_id, before, after, moved, lineage, sources)
            if store is not None:
                store.put(key, found)
        if len(_COMPARED) >= _COMPARED_AT_MOST:
            del _COMPARED[next(iter(_COMPARED))]
        _COMPARED[key] = found
    elif store is not None:
        store.used(key, found)
    return found


def _comparison_key(
    guideline_id: str,
    before: Guideline | None,
    after: Guideline | None,
    moved: bool,
    lineage: _Lineage,
    sources: Sequence[Guideline],
) -> tuple[object, ...]:
    """Everything :func:`_compare_guideline_afresh` reads: the two sides' numbers, parts and
    words (not where they were read from, which a comparison never shows), the guideline's
    lineage and its sources' numbers and words."""
    kinds: tuple[_LineageKind, ...] = ("merged", "split", "replaces")
    return (
        guideline_id,
        moved,
        tuple(lineage.of(kind, guideline_id) for kind in kinds),
        tuple(lineage.into(kind, guideline_id) for kind in kinds),
        _side_key(before),
        _side_key(after),
        tuple((s.id, s.number, _words_key(s.text)) for s in sources),
    )


def _side_key(guideline: Guideline | None) -> tuple[object, ...] | None:
    if guideline is None:
        return None
    return (guideline.id, guideline.number, guideline.part, _words_key(guideline.text))


def _words_key(text: GuidelineText) -> tuple[object, ...]:
    def paragraphs(found: tuple[Paragraph, ...]) -> tuple[tuple[object, ...], ...]:
        return tuple((p.id, p.label, p.text, p.in_note) for p in found)

    footnotes = tuple((f.label, f.text) for f in text.footnotes)
    body, note = paragraphs(text.paragraphs), paragraphs(text.note)
    return (text.language, text.title, body, note, footnotes)


def _compare_guideline_afresh(
    guideline_id: str,
    before: Guideline | None,
    after: Guideline | None,
    moved: bool,
    lineage: _Lineage,
    sources: Sequence[Guideline] = (),
) -> GuidelineChange:
    kinds: list[ChangeKind] = []
    if before is None:
        kinds.append("added")
    elif after is None:
        kinds.append("deleted")
    body = _diff_paragraph_lists(
        before.text.paragraphs if before else (),
        after.text.paragraphs if after else (),
        "p",
    )
    note = _diff_paragraph_lists(
        before.text.note if before else (), after.text.note if after else (), "note-"
    )
    if after is not None and sources:
        body = _pair_with_sources(
            body,
            before.text.paragraphs if before else (),
            after.text.paragraphs,
            sources,
            in_note=False,
        )
        note = _pair_with_sources(
            note, before.text.note if before else (), after.text.note, sources, in_note=True
        )
    title_ops = _diff_short(before.title if before else "", after.title if after else "")
    footnotes = _diff_footnotes(before, after)
    if before is not None and after is not None:
        if before.number.strip() != after.number.strip():
            kinds.append("renumbered")
        if moved:
            kinds.append("moved")
        if (
            has_changes(title_ops)
            or any(p.status != "unchanged" or p.moved for p in body)
            or any(p.status != "unchanged" for p in footnotes)
        ):
            kinds.append("reworded")
        if any(p.relabelled for p in body):
            kinds.append("relabelled")
    merged_from = lineage.of("merged", guideline_id) if after else ()
    merged_into = lineage.into("merged", guideline_id) if before else ()
    split_from = lineage.of("split", guideline_id) if after else ()
    split_into = lineage.into("split", guideline_id) if before else ()
    replaces = lineage.of("replaces", guideline_id) if after else ()
    replaced_by = lineage.into("replaces", guideline_id) if before else ()
    for kind, ids in (
        ("merged", merged_from),
        ("merged-into", merged_into),
        ("split", split_from),
        ("split-into", split_into),
        ("replaces", replaces),
        ("replaced-by", replaced_by),
    ):
        if ids:
            kinds.append(kind)  # type: ignore[arg-type]
    if before is not None and after is not None:
        if before.has_note and not after.has_note:
            kinds.append("note-removed")
        elif after.has_note and not before.has_note:
            kinds.append("note-added")
        elif any(p.changed for p in note):
            kinds.append("note-reworded")
    return GuidelineChange(
        id=guideline_id,
        changes=tuple(kind for kind in KINDS if kind in kinds),
        from_number=before.number if before else None,
        to_number=after.number if after else None,
        from_part=before.part if before else None,
        to_part=after.part if after else None,
        from_title=before.title if before else None,
        to_title=after.title if after else None,
        title_ops=title_ops,
        paragraphs=body,
        note=note,
        footnotes=footnotes,
        merged_from=merged_from,
        merged_into=merged_into,
        split_from=split_from,
        split_into=split_into,
        replaces=replaces,
        replaced_by=replaced_by,
    )


def _diff_footnotes(
    before: Guideline | None, after: Guideline | None
) -> tuple[ParagraphRedline, ...]:
    """Each footnote of either side, matched by its label (the mark its paragraph calls it by):
    the newer side's in their order, then those only the older side has.  Each is labelled
    with its mark, ``[^1]``, as the paragraph that calls it shows it."""
    old = {f.label: f.text for f in before.text.footnotes} if before else {}
    new = {f.label: f.text for f in after.text.footnotes} if after else {}
    return tuple(
        ParagraphRedline(
            from_id=label if label in old else None,
            to_id=label if label in new else None,
            from_label=f"[^{label}]" if label in old else "",
            to_label=f"[^{label}]" if label in new else "",
            ops=diff_text(old.get(label, ""), new.get(label, "")),
        )
        for label in (*new, *(label for label in old if label not in new))
    )


# --------------------------------------------------------------------------------------------
# Paragraphs carried over by a merge or split
# --------------------------------------------------------------------------------------------


def _sources(older: Version, guideline_id: str, lineage: _Lineage) -> tuple[Guideline, ...]:
    """The guidelines of the older version that ``guideline_id`` was merged or split from
    (itself excluded: its own paragraphs are compared with it anyway)."""
    ids = dict.fromkeys((*lineage.of("merged", guideline_id), *lineage.of("split", guideline_id)))
    found = (older.guideline(i) for i in ids if i != guideline_id)
    return tuple(g for g in found if g is not None)


# The ids the loader gives by position to a paragraph with neither label nor ``{#id}``.
_POSITIONAL_ID = re.compile(r"(?:p|note-)[0-9]+")


def has_explicit_id(paragraph: Paragraph) -> bool:
    """Whether the paragraph carries an id of its own (``{#id}``), which may follow it from one
    guideline to another; a label's id ("b") names a different paragraph in every guideline."""
    return _POSITIONAL_ID.fullmatch(paragraph.id) is None and paragraph.id != label_anchor(
        paragraph.label
    )


def _pair_with_sources(
    rows: tuple[ParagraphRedline, ...],
    old: Sequence[Paragraph],
    new: Sequence[Paragraph],
    sources: Sequence[Guideline],
    *,
    in_note: bool,
) -> tuple[ParagraphRedline, ...]:
    """Give each paragraph that ``rows`` call new the paragraph of ``sources`` it came from.

    A paragraph of a merged or split guideline is paired with a paragraph of the guidelines it
    was formed from: by explicit id where one carried over, else by the most similar text at or
    above :data:`~redraft.redline.textdiff.SIMILARITY_THRESHOLD` (each side used once, the
    closest pairs first, so that the order of the paragraphs does not matter: a merge often
    interleaves its sources).  A paragraph left unpaired stays new.

    A guideline that keeps its id through a merge (``old`` is its own text before) takes in
    paragraphs from the others, which reletters its own: two paragraphs that only share a
    letter, not their text, are then not taken for one, and its own old paragraphs compete
    with those of its sources for its new ones.
    """
    candidates: list[tuple[Guideline | None, Paragraph]] = [
        (source, paragraph)
        for source in sources
        for paragraph in (source.text.note if in_note else source.text.paragraphs)
    ]
    if not candidates:
        return rows
    old_by_id = {p.id: p for p in old}
    new_by_id = {p.id: p for p in new}
    rows = _unpair_letters_only(rows, old_by_id, new_by_id)
    candidates += [
        (None, old_by_id[r.from_id])
        for r in rows
        if r.status == "deleted" and r.from_id in old_by_id
    ]
    inserted = [new_by_id[r.to_id] for r in rows if r.status == "inserted" and r.to_id in new_by_id]
    found: dict[str, tuple[Guideline | None, Paragraph]] = {}
    used: set[int] = set()
    for paragraph in inserted:
        if not has_explicit_id(paragraph):
            continue
        for k, (_, before) in enumerate(candidates):
            # a label's id ("c") names a different paragraph in every source: only an id of
            # the paragraph's own, on both sides, says it is the same paragraph
            if k not in used and before.id == paragraph.id and has_explicit_id(before):
                found[paragraph.id] = candidates[k]
                used.add(k)
                break
    scored = sorted(
        (-similarity(before.text, paragraph.text), j, k)
        for j, paragraph in enumerate(inserted)
        if paragraph.id not in found
        for k, (_, before) in enumerate(candidates)
        if k not in used and similar_enough(before.text, paragraph.text)
    )
    for _, j, k in scored:
        paragraph = inserted[j]
        if paragraph.id in found or k in used:
            continue
        found[paragraph.id] = candidates[k]
        used.add(k)
    taken_own = {before.id for source, before in found.values() if source is None}
    out = []
    for row in rows:
        if row.status == "deleted" and row.from_id in taken_own:
            continue  # now shown where it went
        origin = found.get(row.to_id or "") if row.status == "inserted" else None
        if origin is None:
            out.append(row)
            continue
        source, before = origin
        out.append(
            replace(
                row,
                from_id=before.id,
                from_label=before.label,
                ops=diff_text(before.text, new_by_id[row.to_id or ""].text),
                from_guideline=source.id if source is not None else None,
                from_number=source.number if source is not None else None,
            )
        )
    return tuple(out)


def _unpair_letters_only(
    rows: tuple[ParagraphRedline, ...],
    old_by_id: Mapping[str, Paragraph],
    new_by_id: Mapping[str, Paragraph],
) -> tuple[ParagraphRedline, ...]:
    """Split into a deletion and an insertion every pair made only by a shared letter (an id
    from the label on both sides) whose texts are not alike."""
    out: list[ParagraphRedline] = []
    for row in rows:
        before = old_by_id.get(row.from_id or "")
        after = new_by_id.get(row.to_id or "")
        if (
            before is None
            or after is None
            or has_explicit_id(before)
            or has_explicit_id(after)
            or similar_enough(before.text, after.text)
        ):
            out.append(row)
            continue
        out.append(
            ParagraphRedline(
                from_id=before.id,
                to_id=None,
                from_label=before.label,
                to_label="",
                ops=_whole("delete", before.text),
            )
        )
        out.append(
            ParagraphRedline(
                from_id=None,
                to_id=after.id,
                from_label="",
                to_label=after.label,
                ops=_whole("insert", after.text),
            )
        )
    return tuple(out)


def _carried_over(changes: tuple[GuidelineChange, ...]) -> tuple[GuidelineChange, ...]:
    """Mark, on the guidelines that went into a merge or split, the deleted paragraphs that
    were carried over, with the guideline and label that now hold them."""
    carried: dict[tuple[str, bool, str], tuple[str, str, str]] = {}
    for change in changes:
        for in_note, rows in ((False, change.paragraphs), (True, change.note)):
            for row in rows:
                if row.from_guideline is None or row.from_id is None or row.to_id is None:
                    continue
                number = change.to_number or ""
                key = (row.from_guideline, in_note, row.from_id)
                carried.setdefault(key, (change.id, number, row.to_label))
    if not carried:
        return changes

    def mark(
        gid: str, in_note: bool, rows: tuple[ParagraphRedline, ...]
    ) -> tuple[ParagraphRedline, ...]:
        out = []
        for row in rows:
            where = carried.get((gid, in_note, row.from_id or "")) if row.to_id is None else None
            if where is None:
                out.append(row)
            else:
                out.append(
                    replace(row, to_guideline=where[0], to_number=where[1], to_label=where[2])
                )
        return tuple(out)

    return tuple(
        replace(c, paragraphs=mark(c.id, False, c.paragraphs), note=mark(c.id, True, c.note))
        for c in changes
    )


def _diff_short(old: str, new: str) -> Ops:
    return diff_text(normalize_space(old), normalize_space(new))


# --------------------------------------------------------------------------------------------
# Paragraphs
# --------------------------------------------------------------------------------------------


def _has_stable_id(paragraph: Paragraph, position: int, positional_prefix: str) -> bool:
    """Whether the paragraph's id was given by its label or an explicit ``{#id}``.

    A default id that only says where the paragraph stands (``p2`` in the text; ``note-1`` in
    the explanatory note, whose labels give no id) would pair unrelated paragraphs after an
    insertion, so such paragraphs are aligned by their text instead.
    """
    return paragraph.id != f"{positional_prefix}{position + 1}"


def _diff_paragraph_lists(
    old: Sequence[Paragraph], new: Sequence[Paragraph], positional_prefix: str
) -> tuple[ParagraphRedline, ...]:
    """Pair paragraphs by stable id, align the rest by text, and diff each pair's words."""
    old_ids = {p.id: i for i, p in enumerate(old) if _has_stable_id(p, i, positional_prefix)}
    by_id = [
        (old_ids[p.id], j)
        for j, p in enumerate(new)
        if p.id in old_ids and _has_stable_id(p, j, positional_prefix)
    ]
    by_id.sort()
    in_order = _longest_increasing([j for _, j in by_id])
    anchors = [pair for k, pair in enumerate(by_id) if k in in_order]
    reordered = [pair for k, pair in enumerate(by_id) if k not in in_order]
    paired_old = {i for i, _ in by_id}
    paired_new = {j for _, j in by_id}

    pairs: list[tuple[int | None, int | None, Ops, bool]] = []
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    for (i0, j0), (i1, j1) in pairwise(bounds):
        gap_old = [i for i in range(i0 + 1, i1) if i not in paired_old]
        gap_new = [j for j in range(j0 + 1, j1) if j not in paired_new]
        if not gap_old or not gap_new:
            # Nothing to align: every paragraph of the gap is simply inserted or deleted.
            pairs += [(i, None, _whole("delete", old[i].text), False) for i in gap_old]
            pairs += [(None, j, _whole("insert", new[j].text), False) for j in gap_new]
        else:
            aligned = diff_paragraphs(
                [old[i].text for i in gap_old], [new[j].text for j in gap_new]
            )
            for d in aligned:
                pairs.append(
                    (
                        None if d.old_index is None else gap_old[d.old_index],
                        None if d.new_index is None else gap_new[d.new_index],
                        d.ops,
                        False,
                    )
                )
        if i1 < len(old):
            pairs.append((i1, j1, diff_text(old[i1].text, new[j1].text), False))
    for i, j in reordered:
        pairs.append((i, j, diff_text(old[i].text, new[j].text), True))

    # Reading order of the new text; a deleted paragraph stays after the paragraph that
    # preceded it in the old text (ignoring reordered ones, which are no longer there).
    new_of_old = {i: j for i, j, _, moved in pairs if i is not None and j is not None and not moved}
    keyed: list[tuple[tuple[int, int, int], ParagraphRedline]] = []
    for old_index, new_index, ops, moved in pairs:
        if new_index is not None:
            key = (new_index, 0, 0)
        else:
            assert old_index is not None
            before = [new_of_old[k] for k in range(old_index) if k in new_of_old]
            key = (max(before, default=-1), 1, old_index)
        before_p = old[old_index] if old_index is not None else None
        after_p = new[new_index] if new_index is not None else None
        keyed.append(
            (
                key,
                ParagraphRedline(
                    from_id=before_p.id if before_p else None,
                    to_id=after_p.id if after_p else None,
                    from_label=before_p.label if before_p else "",
                    to_label=after_p.label if after_p else "",
                    ops=ops,
                    moved=moved,
                ),
            )
        )
    keyed.sort(key=lambda item: item[0])
    return tuple(redline for _, redline in keyed)


def _whole(op: Op, text: str) -> Ops:
    return ((op, text),) if text else ()


def _diff_introduction(old: Version, new: Version) -> tuple[ParagraphRedline, ...]:
    old_paragraphs = _blocks(old.introduction)
    new_paragraphs = _blocks(new.introduction)
    return tuple(
        ParagraphRedline(
            from_id=None if d.old_index is None else f"p{d.old_index + 1}",
            to_id=None if d.new_index is None else f"p{d.new_index + 1}",
            from_label="",
            to_label="",
            ops=d.ops,
        )
        for d in diff_paragraphs(old_paragraphs, new_paragraphs)
    )


def _blocks(text: str) -> list[str]:
    """Paragraphs of a free Markdown text (blank-line separated), whitespace-normalised (lines
    joined as :func:`~redraft.redline.textdiff.normalize_space` joins them)."""
    blocks, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(normalize_space("\n".join(current)))
            current = []
    if current:
        blocks.append(normalize_space("\n".join(current)))
    return blocks


# --------------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------------


def _summarize(changes: Iterable[GuidelineChange], parts: Iterable[PartChange]) -> Summary:
    by_kind: dict[str, list[str]] = {kind: [] for kind in KINDS}
    unchanged: list[str] = []
    for change in changes:
        for kind in change.changes:
            by_kind[kind].append(change.id)
        if not change.changes and change.compared:
            unchanged.append(change.id)
    by_part: dict[str, list[str]] = {kind: [] for kind in PART_KINDS}
    for part in parts:
        for part_kind in part.changes:
            by_part[part_kind].append(part.id)
    return Summary(_frozen_lists(by_kind), _frozen_lists(by_part), tuple(unchanged))
