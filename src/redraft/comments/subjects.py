"""What a comment is about, as every output groups comments: the whole document, the
introduction, a part, or a guideline, in that order.

A general comment (``about: document``, ``about: introduction`` or ``part: <id>`` in the reply's
file) addresses no single guideline, so it has its own place wherever comments are listed:
first, under "General comments", before the comments on the guidelines.  This module says
which place a comment has, how places sort, and what a reader calls each; the site, ``redraft
status`` and the compilation only render that.

Pure functions of the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from redraft.kb.model import (
    COMMENT_SCOPES,
    DRAFT,
    Comment,
    CommentScope,
    KnowledgeBase,
    Part,
)

GENERAL_COMMENTS = "General comments"
"""The heading of the group of comments on the document, its introduction and its parts."""


@dataclass(frozen=True)
class Subject:
    """What a comment addresses: ``scope``, and the id of the part or guideline if it names one."""

    scope: CommentScope
    id: str | None = None

    @property
    def is_general(self) -> bool:
        return self.scope != "guideline"


def subject_of(comment: Comment) -> Subject:
    if comment.guideline is not None:
        return Subject("guideline", comment.guideline)
    if comment.part is not None:
        return Subject("part", comment.part)
    return Subject(comment.scope)


def subject_order(kb: KnowledgeBase, subject: Subject) -> tuple[int, int, int]:
    """A sort key: the document, the introduction, the parts, the guidelines; parts and
    guidelines in the order of the working draft, then of first appearance in any version."""
    scope = COMMENT_SCOPES.index(subject.scope)
    if subject.scope == "part" and subject.id is not None:
        return (scope, *part_order(kb, subject.id))
    if subject.scope == "guideline" and subject.id is not None:
        return (scope, *guideline_order(kb, subject.id))
    return (scope, 0, 0)


def comment_order(kb: KnowledgeBase, comment: Comment) -> tuple[int, int, int]:
    return subject_order(kb, subject_of(comment))


def guideline_order(kb: KnowledgeBase, guideline_id: str) -> tuple[int, int]:
    """A sort key: position in the working draft, then first appearance in any version."""
    draft = kb.version(DRAFT)
    draft_ids = [g.id for g in draft.guidelines] if draft else []
    every = kb.guideline_ids()
    in_draft = draft_ids.index(guideline_id) if guideline_id in draft_ids else len(draft_ids)
    first = every.index(guideline_id) if guideline_id in every else len(every)
    return (in_draft, first)


def part_order(kb: KnowledgeBase, part_id: str) -> tuple[int, int]:
    """A sort key: position in the working draft's outline, then first appearance."""
    draft = kb.version(DRAFT)
    draft_ids = [p.id for p in draft.parts] if draft else []
    every = list(dict.fromkeys(p.id for v in kb.versions for p in v.parts))
    in_draft = draft_ids.index(part_id) if part_id in draft_ids else len(draft_ids)
    first = every.index(part_id) if part_id in every else len(every)
    return (in_draft, first)


def newest_part(kb: KnowledgeBase, part_id: str) -> Part | None:
    """The part as the newest version that has it prints it."""
    return next((p for v in reversed(kb.versions) if (p := v.part(part_id)) is not None), None)


def subject_label(kb: KnowledgeBase, subject: Subject) -> str:
    """What a reader calls the subject: "the whole document", "the introduction",
    "part II (Managing seized assets)", "guideline 7"."""
    if subject.scope == "document":
        return "the whole document"
    if subject.scope == "introduction":
        return "the introduction"
    if subject.scope == "part":
        part = newest_part(kb, subject.id or "")
        return f"part {part.number} ({part.title})" if part else f"part {subject.id}"
    guideline = next(
        (g for v in reversed(kb.versions) if (g := v.guideline(subject.id or "")) is not None),
        None,
    )
    return f"guideline {guideline.number}" if guideline else f"guideline {subject.id}"
