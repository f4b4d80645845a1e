"""From a decision to the text it changed: each decided comment with the redline it led to.

For a comment with a disposition and an ``addressed_in`` version, the trace is the redline of
the comment's guideline (with the guidelines its lineage names, so a merge or split shows both
sides) from the version commented on to the version that addressed it, together with where the
comment's passage stands in that version (:mod:`redraft.comments.anchors`).
A reader sees the decision
and the change side by side; the site and the exports render it, nothing here knows how.

Pure functions of the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from redraft.comments.anchors import Anchor, anchor_in
from redraft.kb.model import Comment, KnowledgeBase
from redraft.redline.compare import (
    GuidelineChange,
    GuidelineNotFound,
    ParagraphRedline,
    VersionDiff,
)
from redraft.redline.compare import diff_versions as _diff_versions


@dataclass(frozen=True)
class Trace:
    """One decided comment, the redline of its guideline, and where its passage ended up."""

    comment: Comment
    commented_on: str
    """The id of the version the comment was made on (its call's version)."""
    addressed_in: str
    redline: VersionDiff
    """The comment's guideline and its lineage relatives, ``commented_on`` → ``addressed_in``."""
    anchor: Anchor | None
    """Where the passage stands in ``addressed_in``; ``None`` if that cannot be said."""
    focus: GuidelineChange | None
    """The change of the guideline that now holds the passage (its own, or what it went into,
    or where an editor retargeted it); the comment's own guideline if the passage is gone."""

    @property
    def paragraph(self) -> ParagraphRedline | None:
        """The redline of the paragraph holding the passage, when the comment names one."""
        if self.focus is None:
            return None
        wanted_new = self.anchor.place.paragraph if self.anchor and self.anchor.place else None
        rows = (*self.focus.paragraphs, *self.focus.note)
        if wanted_new is not None:
            found = next((p for p in rows if p.to_id == wanted_new), None)
            if found is not None:
                return found
        if self.comment.paragraph is not None and self.focus.id == self.comment.guideline:
            return next((p for p in rows if p.from_id == self.comment.paragraph), None)
        return None

    @property
    def text_changed(self) -> bool:
        """Whether the guideline that holds the passage changed at all between the versions."""
        return self.focus is not None and self.focus.changed


DiffOf = Callable[[str, str, str], VersionDiff]
"""(version compared from, version compared to, guideline) → the guideline's redline, as
:func:`~redraft.redline.compare.diff_versions` gives it."""
AnchorOf = Callable[[Comment, str], Anchor | None]
"""(comment, version id) → where its passage stands, as :func:`anchor_in` gives it."""


def trace(
    kb: KnowledgeBase,
    comment: Comment,
    *,
    diff: DiffOf | None = None,
    anchor: AnchorOf | None = None,
) -> Trace | None:
    """The trace of ``comment``; ``None`` when it is pending, names no ``addressed_in``, or
    names versions or guidelines that do not exist (``redraft check`` reports those), or is a
    general comment: on the whole document, its introduction or a part, it has no guideline
    whose redline would show what it led to, and is never put in one guideline's box.

    ``diff`` and ``anchor`` must answer as ``diff_versions(kb, …)`` and ``anchor_in(kb, …)``
    do (the default); a caller tracing many comments passes remembered ones, since the comments
    on one guideline in one call share their redline (a site traces every decided comment)."""
    diff_of = diff or (lambda old, new, guideline: _diff_versions(kb, old, new, guideline))
    anchor_of = anchor or (lambda passage, version: anchor_in(kb, passage, version))
    call = kb.call(comment.call)
    if comment.disposition == "pending" or comment.addressed_in is None or call is None:
        return None
    if comment.guideline is None:
        return None
    commented = comment.guideline
    if not kb.is_later(comment.addressed_in, call.version):
        return None
    try:
        redline = diff_of(call.version, comment.addressed_in, commented)
    except (LookupError, GuidelineNotFound):
        return None
    found = anchor_of(comment, comment.addressed_in)
    holder = found.place.guideline if found and found.place else commented
    focus = redline.guideline(holder)
    if focus is None:  # retargeted outside the lineage: compare that guideline on its own
        try:
            focus = diff_of(call.version, comment.addressed_in, holder).guideline(holder)
        except (LookupError, GuidelineNotFound):
            focus = None
    if focus is None:
        focus = redline.guideline(commented)
    return Trace(comment, call.version, comment.addressed_in, redline, found, focus)


def traces(kb: KnowledgeBase, comments: Iterable[Comment] | None = None) -> tuple[Trace, ...]:
    """The trace of every decided comment (of ``comments``, or of the whole knowledge base)."""
    found = (trace(kb, c) for c in (kb.comments() if comments is None else comments))
    return tuple(t for t in found if t is not None)
