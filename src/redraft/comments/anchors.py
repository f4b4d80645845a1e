"""Where a comment's target stands in each later version: anchored, moved, changed or orphaned.

A comment is made on the version its call was about and targets a *passage* of that version:
the quoted words if it has a ``quote``, else its ``paragraph``, else the whole guideline.  Later
versions renumber, reword, split, merge and delete; this module says, for every later version,
what became of the passage, and never moves a comment on the strength of a guess.

The rules, applied to the target in a version ``V`` later than the base version ``B``
----------------------------------------------------------------------------------

Texts are compared after collapsing whitespace, so re-wrapping a paragraph changes nothing.  "The
guideline's paragraphs" include those of its explanatory note.

*Candidates.*  The guidelines of ``V`` where the passage may now be are the target guideline
itself (same id) and its *descendants*: every guideline whose ``merged_from``, ``split_from`` or
``replaces`` names the target or, transitively, another descendant, in any version after ``B``
up to ``V``.  Lineage is what an editor recorded, so following it is not a guess.  Guidelines
unrelated by lineage are never searched.

1. ``anchored``: the passage is still there, unchanged, in place.
   * quote and paragraph: the paragraph with the same id in the same guideline still contains
     the quoted words (whatever happened to the rest of the paragraph);
   * quote only: the same guideline still contains the quoted words (in its title or any
     paragraph);
   * paragraph only: the paragraph with the same id in the same guideline reads exactly the same;
   * whole guideline: the guideline with the same id has exactly the same paragraphs' texts
     (a new printed number or title does not count as a change of its text).
2. ``moved``: not anchored, but the passage is found *verbatim* elsewhere among the candidates:
   the quoted words (or the whole text of the paragraph) in another paragraph of the same
   guideline, or in a paragraph of a descendant; for a whole-guideline target, every paragraph
   of it, in order, in one descendant.  The nearest place wins: the same guideline before its
   descendants.  When the nearest level holds the passage in more than one place, nothing is
   chosen for the editor: the state is ``changed`` with all the places listed.
3. ``changed``: not found verbatim, but reworded.  The candidate shown is, in this order:
   * for a paragraph (the target paragraph, or the one that held the quote), the paragraph of
     the same guideline with the same *stable* id (a label such as ``b`` or an explicit
     ``{#id}``, not a positional ``p2`` or ``note-1``), however much it was reworded: the id is
     the editor's statement that it is the same paragraph;
   * for a whole-guideline target, the guideline itself if it still exists under its id;
   * otherwise the candidate paragraph (or descendant guideline) most similar to the passage's
     paragraph in ``B``, if its :func:`similarity` is at least :data:`SIMILARITY_THRESHOLD`.
   The candidate comes with its wording and the redline from the old wording; it is never the
   comment's new place.
4. ``orphaned``: otherwise: the guideline is gone without descendants, the paragraph or
   explanatory note was removed, or nothing left resembles the passage.  Also when the target
   is not in ``B`` at all (``redraft check`` reports that).

An editor's decision
--------------------

A ``retarget`` record on the comment (version ``R``, guideline, paragraph, quote, by, date, note)
re-targets the comment from version ``R`` on: in ``R`` and every later version, the record's
passage in ``R`` takes the place of the comment's own target and base version, and the result
names the record, so a reader sees who decided and when.  Records for a version not later than
the one commented on are ignored (``redraft check`` reports them).  Of several records in force,
the one for the latest version wins; on the same version, the latest dated, then the last
written.  A fuzzy match is never promoted to ``anchored`` or ``moved``: only a record does that.

Everything here is a pure function of the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from redraft.kb.model import Comment, Guideline, KnowledgeBase, Paragraph, Retarget, Version
from redraft.redline.textdiff import (
    SIMILARITY_THRESHOLD,
    Ops,
    diff_text,
    normalize_space,
    similar_enough,
    similarity,
)

AnchorState = Literal["anchored", "moved", "changed", "orphaned"]
ANCHOR_STATES: tuple[AnchorState, ...] = ("anchored", "moved", "changed", "orphaned")

_POSITIONAL_ID = re.compile(r"^(?:p|note-)[0-9]+$")


@dataclass(frozen=True)
class Target:
    """A passage of one version: a guideline, and optionally a paragraph and quoted words."""

    version: str
    guideline: str
    paragraph: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class Place:
    """Where a passage stands (or may stand) in one version, with what is printed there."""

    version: str
    guideline: str
    number: str
    title: str
    paragraph: str | None = None
    label: str = ""
    note_number: int = 0
    """For a paragraph of the explanatory note (unlettered), its position there, from 1: what a
    reader calls it ("explanatory note, paragraph 2"); its id, ``note-2``, is the files' name."""

    def describe(self) -> str:
        """What a reader would call this place: "guideline 7, paragraph (b)"."""
        where = f"guideline {self.number}"
        if self.paragraph is not None and self.note_number and not self.label:
            where += f", explanatory note, paragraph {self.note_number}"
        elif self.paragraph is not None:
            where += f", paragraph {self.label or self.paragraph}"
        return where


@dataclass(frozen=True)
class Anchor:
    """Where one comment's target stands in one version.

    ``place`` is where the passage is (``anchored``, ``moved``), or the best candidate
    (``changed``), or ``None`` (``orphaned``).  ``wording`` is the text at ``place``: the
    paragraph holding the passage, or the whole guideline for a whole-guideline target.
    ``base_wording`` is the same for the passage in the base version, and ``redline`` goes from
    one to the other (``changed`` only).  ``retarget`` is the editor's record in force, if any.
    """

    comment_id: str
    version: str
    state: AnchorState
    reason: str
    base: Target
    base_wording: str
    place: Place | None = None
    wording: str | None = None
    redline: Ops = ()
    similarity: float | None = None
    others: tuple[Place, ...] = ()
    retarget: Retarget | None = None

    @property
    def needs_editor(self) -> bool:
        """Whether an editor should look: the passage was reworded or is gone."""
        return self.state in ("changed", "orphaned")


# -- the passage in its own version ---------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A target resolved in its own version: the guideline and the paragraph holding it."""

    target: Target
    guideline: Guideline
    paragraph: Paragraph | None
    """The paragraph holding the passage: the target paragraph, or the first that holds the
    quote; ``None`` for a whole-guideline target or a quote found only in the title."""

    @property
    def wording(self) -> str:
        if self.paragraph is not None:
            return self.paragraph.text
        if self.target.quote is not None:
            return self.guideline.title
        return guideline_wording(self.guideline)


def guideline_wording(guideline: Guideline) -> str:
    """A whole guideline as one text: its paragraphs, labels included, a blank line apart."""
    return "\n\n".join(_labelled(p) for p in guideline.text.all_paragraphs)


def _labelled(paragraph: Paragraph) -> str:
    return f"{paragraph.label} {paragraph.text}" if paragraph.label else paragraph.text


def _texts(guideline: Guideline) -> tuple[str, ...]:
    return tuple(normalize_space(p.text) for p in guideline.text.all_paragraphs)


def contains(text: str, quote: str) -> bool:
    """Are the quoted words in ``text``, whatever the whitespace?"""
    return normalize_space(quote) in normalize_space(text)


def resolve(kb: KnowledgeBase, target: Target) -> Passage | None:
    """The passage ``target`` names in its own version, or ``None`` if it is not there."""
    version = kb.version(target.version)
    guideline = version.guideline(target.guideline) if version else None
    if guideline is None:
        return None
    if target.paragraph is not None:
        paragraph = guideline.text.paragraph(target.paragraph)
        if paragraph is None:
            return None
        if target.quote is not None and not contains(paragraph.text, target.quote):
            return None
        return Passage(target, guideline, paragraph)
    if target.quote is not None:
        holder = next(
            (p for p in guideline.text.all_paragraphs if contains(p.text, target.quote)), None
        )
        if holder is None and not contains(guideline.title, target.quote):
            return None
        return Passage(target, guideline, holder)
    return Passage(target, guideline, None)


# -- lineage --------------------------------------------------------------------------------


def descendants(kb: KnowledgeBase, guideline_id: str, since: str, until: str) -> tuple[str, ...]:
    """The ids of guidelines of version ``until`` where guideline ``guideline_id`` of version
    ``since`` may now be: itself if still there, then its descendants in document order."""
    # Every comment on a guideline asks the same question again, once per later version; each
    # answer walks the versions between.  The model is immutable, so the answers are kept for
    # the knowledge base they were computed from (the last few only), with, per version, the
    # few guidelines that have a lineage at all (at M, 780,000 reads of a guideline's lineage
    # in a generation became 1,253).
    known = _DESCENDANTS.get(id(kb))
    if known is None or known[0] is not kb:
        if len(_DESCENDANTS) >= 4:
            _DESCENDANTS.pop(next(iter(_DESCENDANTS)))
        heirs = tuple(
            tuple((g.id, g.predecessors) for g in version.guidelines if g.predecessors)
            for version in kb.versions
        )
        known = _DESCENDANTS[id(kb)] = (kb, {}, heirs)
    key = (guideline_id, since, until)
    if key not in known[1]:
        known[1][key] = _descendants(kb, known[2], guideline_id, since, until)
    return known[1][key]


_Heirs = tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]
"""Per version, in order: each guideline that names predecessors, with them."""

_DESCENDANTS: dict[
    int, tuple[KnowledgeBase, dict[tuple[str, str, str], tuple[str, ...]], _Heirs]
] = {}


def _descendants(
    kb: KnowledgeBase, heirs: _Heirs, guideline_id: str, since: str, until: str
) -> tuple[str, ...]:
    start, end = kb.version_index(since), kb.version_index(until)
    target_version = kb.version(until)
    if start is None or end is None or target_version is None:
        return ()
    family = {guideline_id}
    for named in heirs[start + 1 : end + 1]:
        for heir, predecessors in named:
            if family.intersection(predecessors):
                family.add(heir)
    found = [g.id for g in target_version.guidelines if g.id in family]
    if guideline_id in found:
        found.remove(guideline_id)
        found.insert(0, guideline_id)
    return tuple(found)


def _lineage_word(ancestor: str, guideline: Guideline) -> str:
    """How ``guideline`` descends from ``ancestor``, for a reason shown to a reader."""
    if ancestor in guideline.merged_from:
        return "merged into"
    if guideline.split_from == ancestor:
        return "split into"
    if guideline.replaces == ancestor:
        return "replaced by"
    return "continued in"


# -- locating a passage in a later version ---------------------------------------------------


def _place(version: Version, guideline: Guideline, paragraph: Paragraph | None) -> Place:
    return Place(
        version.id,
        guideline.id,
        guideline.number,
        guideline.title,
        paragraph.id if paragraph else None,
        paragraph.label if paragraph else "",
        _note_number(guideline, paragraph),
    )


def _note_number(guideline: Guideline, paragraph: Paragraph | None) -> int:
    if paragraph is None or not paragraph.in_note:
        return 0
    note = guideline.text.note
    return note.index(paragraph) + 1 if paragraph in note else 0


@dataclass(frozen=True)
class _Found:
    state: AnchorState
    reason: str
    place: Place | None = None
    wording: str | None = None
    redline: Ops = ()
    similarity: float | None = None
    others: tuple[Place, ...] = ()


def _locate(kb: KnowledgeBase, passage: Passage, version_id: str, detail: bool = True) -> _Found:
    """Apply the rules of the module docstring to ``passage`` in version ``version_id``."""
    version = kb.version(version_id)
    target = passage.target
    if version is None:
        return _Found("orphaned", f"version '{version_id}' does not exist")
    family = [
        g
        for g in (
            version.guideline(gid)
            for gid in descendants(kb, target.guideline, target.version, version_id)
        )
        if g is not None
    ]
    if not family:
        return _Found(
            "orphaned",
            f"guideline '{target.guideline}' is not in this version, and no guideline of it "
            "descends from it",
        )
    same = family[0] if family[0].id == target.guideline else None
    if same is not None:
        anchored = _anchored(version, same, passage)
        if anchored is not None:
            return anchored
    if target.quote is None and target.paragraph is None:
        return _whole_guideline(kb, version, passage, same, family, detail)
    return _passage(kb, version, passage, same, family, detail)


def _anchored(version: Version, guideline: Guideline, passage: Passage) -> _Found | None:
    target = passage.target
    if target.paragraph is not None:
        paragraph = guideline.text.paragraph(target.paragraph)
        if paragraph is None:
            return None
        if target.quote is not None:
            still = contains(paragraph.text, target.quote)
        else:
            still = normalize_space(paragraph.text) == normalize_space(passage.wording)
        if not still:
            return None
        place = _place(version, guideline, paragraph)
        what = "the quoted words are" if target.quote else "the paragraph is"
        return _Found("anchored", f"{what} still in {place.describe()}", place, paragraph.text)
    if target.quote is not None:
        holder = next(
            (p for p in guideline.text.all_paragraphs if contains(p.text, target.quote)), None
        )
        if holder is None and not contains(guideline.title, target.quote):
            return None
        place = _place(version, guideline, holder)
        wording = holder.text if holder else guideline.title
        return _Found(
            "anchored", f"the quoted words are still in {place.describe()}", place, wording
        )
    if _texts(guideline) != _texts(passage.guideline):
        return None
    place = _place(version, guideline, None)
    return _Found(
        "anchored",
        f"{place.describe()} reads the same",
        place,
        guideline_wording(guideline),
    )


def _passage(
    kb: KnowledgeBase,
    version: Version,
    passage: Passage,
    same: Guideline | None,
    family: list[Guideline],
    detail: bool = True,
) -> _Found:
    """A quote or a paragraph that is not anchored: moved, changed or orphaned."""
    target = passage.target
    needle = target.quote if target.quote is not None else passage.wording
    what = "the quoted words are" if target.quote is not None else "the paragraph's text is"
    # Verbatim, nearest level first: the same guideline, then its descendants.
    levels = [[same]] if same is not None else []
    levels.append([g for g in family if g is not same])
    for level in levels:
        hits = [
            (g, p)
            for g in level
            for p in g.text.all_paragraphs
            if contains(p.text, needle) and not (g is same and p.id == target.paragraph)
        ]
        if len(hits) == 1:
            guideline, paragraph = hits[0]
            place = _place(version, guideline, paragraph)
            how = _how(target.guideline, guideline)
            return _Found("moved", f"{what} now in {place.describe()}{how}", place, paragraph.text)
        if hits:
            ambiguous = _best(
                version,
                passage,
                hits,
                f"{what} found in {len(hits)} places; an editor must choose",
                force=True,
                detail=detail,
            )
            assert ambiguous is not None  # forced, and there are hits
            return ambiguous
    candidates = [(g, p) for g in family for p in g.text.all_paragraphs]
    holder = passage.paragraph
    if same is not None and holder is not None and is_stable_id(holder.id):
        kept = same.text.paragraph(holder.id)
        if kept is not None:
            # The id is the editor's statement that this is the same paragraph, reworded.
            return _changed(version, passage, same, kept, candidates, detail)
    found = _best(version, passage, candidates, "", force=False, detail=detail)
    if found is not None:
        return found
    return _Found("orphaned", _gone(passage, same, family))


def _whole_guideline(
    kb: KnowledgeBase,
    version: Version,
    passage: Passage,
    same: Guideline | None,
    family: list[Guideline],
    detail: bool = True,
) -> _Found:
    old = _texts(passage.guideline)
    if same is None:
        holders = [g for g in family if _in_order(old, _texts(g))]
        if len(holders) == 1:
            holder = holders[0]
            place = _place(version, holder, None)
            how = _how(passage.target.guideline, holder)
            return _Found(
                "moved",
                f"its text is now in {place.describe()}{how}",
                place,
                guideline_wording(holder),
            )
    old_wording = passage.wording
    scored = sorted(
        (
            (similarity(old_wording, guideline_wording(g)), index, g)
            for index, g in enumerate(family)
        ),
        key=lambda item: (-item[0], item[1]),
    )
    score, _, best = scored[0]
    if same is not None:
        # The guideline's id says it is the same guideline, however much it was reworded.
        best, score = same, next(s for s, _, g in scored if g is same)
    elif score < SIMILARITY_THRESHOLD:
        return _Found("orphaned", _gone(passage, same, family))
    place = _place(version, best, None)
    wording = guideline_wording(best)
    reason = (
        f"{place.describe()} was reworded"
        if best is same
        else f"not found as it was; the closest text is {place.describe()}"
    )
    if not detail:
        return _Found("changed", reason, place, wording, (), score)
    return _Found(
        "changed",
        reason,
        place,
        wording,
        diff_text(old_wording, wording),
        score,
        tuple(
            _place(version, g, None)
            for s, _, g in scored
            if g is not best and s >= SIMILARITY_THRESHOLD
        ),
    )


def is_stable_id(paragraph_id: str) -> bool:
    """Whether a paragraph id says which paragraph it is (a label such as ``b`` or an explicit
    ``{#id}``) rather than where it stands (``p2``, ``note-1``, given by position)."""
    return _POSITIONAL_ID.match(paragraph_id) is None


def _changed(
    version: Version,
    passage: Passage,
    guideline: Guideline,
    paragraph: Paragraph,
    candidates: list[tuple[Guideline, Paragraph]],
    detail: bool = True,
) -> _Found:
    place = _place(version, guideline, paragraph)
    old = passage.wording
    if not detail:
        reason = f"{place.describe()} was reworded"
        return _Found("changed", reason, place, paragraph.text, (), similarity(old, paragraph.text))
    others = tuple(
        _place(version, g, p)
        for g, p in candidates
        if p is not paragraph and similar_enough(old, p.text)
    )
    return _Found(
        "changed",
        f"{place.describe()} was reworded",
        place,
        paragraph.text,
        diff_text(old, paragraph.text),
        similarity(old, paragraph.text),
        others,
    )


def _in_order(needles: tuple[str, ...], haystack: tuple[str, ...]) -> bool:
    """Are all ``needles`` in ``haystack``, in the same order (other items may come between)?"""
    rest = iter(haystack)
    return bool(needles) and all(any(n == h for h in rest) for n in needles)


def _best(
    version: Version,
    passage: Passage,
    candidates: Iterable[tuple[Guideline, Paragraph]],
    reason: str,
    *,
    force: bool,
    detail: bool = True,
) -> _Found | None:
    """The candidate paragraph most like the passage's paragraph, as a ``changed`` result.

    ``force`` keeps the result even below the threshold (the passage was found verbatim, only
    ambiguously).  Ties go to the paragraph with the target's id, then to document order.
    """
    old = passage.wording
    target = passage.target
    scored = []
    for index, (guideline, paragraph) in enumerate(candidates):
        # Unforced, a candidate below the threshold is neither kept nor listed: only those
        # that may reach it are scored.
        if not force and not similar_enough(old, paragraph.text):
            continue
        same_place = guideline.id == target.guideline and paragraph.id == target.paragraph
        score = similarity(old, paragraph.text)
        scored.append((-score, not same_place, index, guideline, paragraph, score))
    if not scored:
        return None
    scored.sort(key=lambda item: item[:3])
    _, _, _, guideline, paragraph, score = scored[0]
    if score < SIMILARITY_THRESHOLD and not force:
        return None
    place = _place(version, guideline, paragraph)
    others = tuple(
        _place(version, g, p)
        for _, _, _, g, p, s in scored[1:]
        if detail and (force or s >= SIMILARITY_THRESHOLD)
    )
    if not reason:
        reason = (
            f"{place.describe()} was reworded"
            if guideline.id == target.guideline and paragraph.id == target.paragraph
            else f"not found as it was; the closest text is {place.describe()}"
        )
    redline = diff_text(old, paragraph.text) if detail else ()
    return _Found("changed", reason, place, paragraph.text, redline, score, others)


def _how(ancestor: str, guideline: Guideline) -> str:
    if guideline.id == ancestor:
        return ""
    return f" ('{ancestor}' was {_lineage_word(ancestor, guideline)} '{guideline.id}')"


def _gone(passage: Passage, same: Guideline | None, family: list[Guideline]) -> str:
    target = passage.target
    if same is None:
        names = ", ".join(f"'{g.id}'" for g in family)
        return (
            f"guideline '{target.guideline}' is gone, and nothing like the passage is in what "
            f"descends from it ({names})"
        )
    if passage.paragraph is not None and passage.paragraph.in_note:
        if not same.text.note:
            return "the explanatory note was removed"
        return "the explanatory note no longer holds the passage"
    if target.paragraph is not None and same.text.paragraph(target.paragraph) is None:
        return f"paragraph '{target.paragraph}' was removed and nothing like it remains"
    return "the passage was removed and nothing like it remains"


# -- comments -------------------------------------------------------------------------------


def comment_target(kb: KnowledgeBase, comment: Comment) -> Target | None:
    """The comment's own target, in the version its call was about (``None``: unknown call, or
    a general comment, which addresses no guideline and so has no passage to follow).

    A quote found only in the translation into the reply's language is mapped to the original
    (:func:`quoted_in_translation`), so that it is followed like any other target."""
    call = kb.call(comment.call)
    if call is None or comment.guideline is None:
        return None
    own = Target(call.version, comment.guideline, comment.paragraph, comment.quote)
    return quoted_in_translation(kb, own, comment.language) or own


def quoted_in_translation(kb: KnowledgeBase, target: Target, language: str) -> Target | None:
    """The passage of the original that a quote in the translation into ``language`` stands
    for, when the quote is not in the original text but is in that translation.

    A reply in Arabic may quote the Arabic text.  Translations carry the original's paragraph
    ids, so the paragraph of the translation holding the quote *is* a paragraph of the original:
    the target becomes that paragraph of the original, without the quote (the Arabic words
    are not in the English).  It is then followed as a paragraph is: anchored while the English
    paragraph reads the same, moved, changed or orphaned as the English changes.  A quote found
    only in the translated title stands for the whole guideline.  ``None``: the quote is in the
    original, or not in the translation either, or there is no such translation.
    """
    if target.quote is None:
        return None
    version = kb.version(target.version)
    guideline = version.guideline(target.guideline) if version else None
    if guideline is None or resolve(kb, target) is not None:
        return None
    translated = guideline.translations.get(language)
    if translated is None or language == guideline.text.language:
        return None
    quote = target.quote
    if target.paragraph is not None:
        paragraph = translated.paragraph(target.paragraph)
        if paragraph is None or not contains(paragraph.text, quote):
            return None
        if guideline.text.paragraph(target.paragraph) is None:
            return None
        return Target(target.version, target.guideline, target.paragraph, None)
    for paragraph in translated.all_paragraphs:
        if contains(paragraph.text, quote) and guideline.text.paragraph(paragraph.id):
            return Target(target.version, target.guideline, paragraph.id, None)
    if contains(translated.title, quote):
        return Target(target.version, target.guideline, None, None)
    return None


def retarget_in_force(kb: KnowledgeBase, comment: Comment, version_id: str) -> Retarget | None:
    """The editor's record that decides where the comment is in ``version_id``, if any."""
    call = kb.call(comment.call)
    at = kb.version_index(version_id)
    base = kb.version_index(call.version) if call else None
    if at is None or base is None:
        return None
    in_force = []
    for order, record in enumerate(comment.retargets):
        index = kb.version_index(record.version)
        if index is not None and base < index <= at:
            in_force.append((index, record.date, order, record))
    return max(in_force, key=lambda item: item[:3])[3] if in_force else None


def anchor_in(
    kb: KnowledgeBase, comment: Comment, version_id: str, *, detail: bool = True
) -> Anchor | None:
    """Where ``comment``'s target stands in ``version_id``; ``None`` if the comment's call or
    the version is unknown, or the version is not later than the one commented on.

    ``detail=False`` answers only where and how the passage stands (state, reason, place,
    wording, similarity): no redline and no other candidate places, which cost a diff each.
    For callers that read nothing else, such as a check that asks whether a passage changed.
    """
    own = comment_target(kb, comment)
    if own is None or kb.version(version_id) is None:
        return None
    if not kb.is_later(version_id, own.version):
        return None
    record = retarget_in_force(kb, comment, version_id)
    target = (
        Target(record.version, record.guideline, record.paragraph, record.quote) if record else own
    )
    passage = resolve(kb, target)
    if passage is None:
        if record is None:
            why = f"the target is not in version '{target.version}', the version commented on"
        else:
            why = (
                f"the retarget record by {record.by} ({record.date}) names a passage that is "
                f"not in version '{record.version}'"
            )
        return Anchor(comment.id, version_id, "orphaned", why, target, "", retarget=record)
    found = _locate(kb, passage, version_id, detail) if version_id != target.version else None
    if found is None:  # the record's own version: the editor's decision is the answer
        assert record is not None
        version = kb.version(version_id)
        assert version is not None
        place = _place(version, passage.guideline, passage.paragraph)
        found = _Found(
            "anchored",
            f"retargeted to {place.describe()} by {record.by} on {record.date}",
            place,
            passage.wording,
        )
    elif record is not None:
        found = _Found(
            found.state,
            f"{found.reason} (since the retarget by {record.by} on {record.date})",
            found.place,
            found.wording,
            found.redline,
            found.similarity,
            found.others,
        )
    return Anchor(
        comment.id,
        version_id,
        found.state,
        found.reason,
        target,
        passage.wording,
        found.place,
        found.wording,
        found.redline,
        found.similarity,
        found.others,
        record,
    )


def anchors(kb: KnowledgeBase, comment: Comment) -> tuple[Anchor, ...]:
    """Where ``comment``'s target stands in every version later than the one commented on."""
    own = comment_target(kb, comment)
    if own is None:
        return ()
    return tuple(_later_anchors(kb, comment, own.version))


def _later_anchors(kb: KnowledgeBase, comment: Comment, since: str) -> Iterator[Anchor]:
    start = kb.version_index(since)
    if start is None:
        return
    for version in kb.versions[start + 1 :]:
        anchor = anchor_in(kb, comment, version.id)
        if anchor is not None:
            yield anchor
