"""The secretariat's decisions on comments, written into the submission files that hold them.

``dispose`` records a disposition (with its rationale and the version that reflects it) on one
or more comments; ``retarget`` records an editor's confirmation that a comment now belongs to
another guideline or paragraph of a later version.  Each edits only the comment's own entry,
through :mod:`redraft.editing.yamledit`, so the rest of the file (the reply's text, the
editor's comments, quoting) stays byte for byte; a new field is placed where
docs/format.md lists it, so the file reads as if written by hand.

Both may name the working draft (``draft``) as the version: an editor decides and retargets
while revising.  ``redraft release`` rewrites those references to the new version's id in the
release commit (:mod:`redraft.release.pin`), so that nothing frozen points at a draft that keeps
changing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from redraft.editing.changeset import Changeset, EditRefused, UnknownName
from redraft.editing.yamledit import (
    edit,
    give_following_comments,
    move_following_comments,
    take_following_comments,
)
from redraft.kb.guideline_file import label_anchor
from redraft.kb.model import Comment, Disposition, Guideline, KnowledgeBase, Version
from redraft.kb.repository import GitUnavailable, open_repository

COMMENT_FIELDS = (
    "id",
    "guideline",
    "paragraph",
    "quote",
    "type",
    "text",
    "translation",
    "proposed",
    "disposition",
    "rationale",
    "meeting_paragraph",
    "addressed_in",
    "retarget",
)
"""A comment's fields in the order docs/format.md writes them: a new field goes in its place."""


# -- finding what the editor names ------------------------------------------------------------


def find_comment(kb: KnowledgeBase, shown: str) -> Comment:
    """The comment with the id ``redraft status`` shows (case does not matter)."""
    wanted = shown.strip().lower()
    for comment in kb.comments():
        if comment.id == wanted:
            return comment
    raise UnknownName(f"unknown comment '{shown}' (see `redraft status --include-restricted`)")


def find_version(kb: KnowledgeBase, wanted: str) -> Version:
    """A version by id or symbol (the working draft is ``draft``)."""
    for version in kb.versions:
        if wanted in (version.id, version.symbol):
            return version
    known = ", ".join(v.id for v in kb.versions)
    raise UnknownName(f"unknown version '{wanted}' (the versions are: {known})")


def find_guideline(version: Version, wanted: str) -> Guideline:
    """A guideline of ``version`` by id or by the number printed in it (``7``, ``7 bis``)."""
    for guideline in version.guidelines:
        if wanted in (guideline.id, guideline.number):
            return guideline
    raise UnknownName(
        f"no guideline '{wanted}' in version '{version.id}' (give its id or its number there)"
    )


def find_paragraph(guideline: Guideline, version_id: str, wanted: str) -> str:
    """A paragraph's id, given as its id or as its printed label (``(b)``, ``b``, ``3.``)."""
    text = guideline.text
    for paragraph in text.all_paragraphs:
        if wanted == paragraph.id:
            return paragraph.id
    for paragraph in text.all_paragraphs:
        if paragraph.label and wanted in (paragraph.label, label_anchor(paragraph.label)):
            return paragraph.id
    raise UnknownName(
        f"no paragraph '{wanted}' in guideline '{guideline.id}' of version '{version_id}' "
        f"(it has {', '.join(p.id for p in text.all_paragraphs)})"
    )


# -- editing one comment's entry ----------------------------------------------------------------


def _set_field(entry: CommentedMap, key: str, value: Any) -> None:
    """Set ``key``, in place if present, else after the last field that precedes it."""
    if key in entry:
        entry[key] = value
        return
    order = COMMENT_FIELDS.index(key)
    position = 0
    for index, present in enumerate(entry):
        if present in COMMENT_FIELDS and COMMENT_FIELDS.index(present) < order:
            position = index + 1
    entry.insert(position, key, value)
    if position > 0:
        move_following_comments(entry, list(entry)[position - 1], key)


def _text_value(text: str) -> str:
    """A multi-line text as a literal block (``|``), as an editor writes a long rationale."""
    text = text.strip()
    return LiteralScalarString(text + "\n") if "\n" in text else text


def _edit_comment(
    changeset: Changeset, comment: Comment, change: Callable[[CommentedMap], None]
) -> None:
    path = comment.source.path

    def in_entry(data: Any) -> None:
        items = data.get("comments") if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else ():
            if isinstance(item, CommentedMap) and item.get("id") == comment.id:
                change(item)
                return
        raise EditRefused(f"{comment.source}: comment '{comment.id}' is not where it was read")

    changeset.write(path, edit(path, changeset.require(path), in_entry))


# -- dispose ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    disposition: Disposition
    rationale: str | None = None
    addressed_in: str | None = None


def dispose(
    changeset: Changeset, kb: KnowledgeBase, shown_ids: Sequence[str], decision: Decision
) -> list[str]:
    """Record ``decision`` on each comment; returns one line per comment saying what changed.
    A pending decision removes ``addressed_in`` (check refuses a pending comment that has one)."""
    addressed_in = None
    if decision.addressed_in is not None:
        addressed_in = find_version(kb, decision.addressed_in).id
    comments = [find_comment(kb, shown) for shown in dict.fromkeys(shown_ids)]
    said = []
    for comment in comments:

        def decide(entry: CommentedMap) -> None:
            _set_field(entry, "disposition", decision.disposition)
            if decision.rationale is not None:
                _set_field(entry, "rationale", _text_value(decision.rationale))
            if decision.disposition == "pending" and "addressed_in" in entry:
                keys = list(entry)
                before = keys[keys.index("addressed_in") - 1]
                following = take_following_comments(entry, "addressed_in")
                del entry["addressed_in"]
                give_following_comments(entry, before, following)
            elif addressed_in is not None:
                _set_field(entry, "addressed_in", addressed_in)

        _edit_comment(changeset, comment, decide)
        said.append(_decision_line(comment, decision, addressed_in))
    return said


def _decision_line(comment: Comment, decision: Decision, addressed_in: str | None) -> str:
    line = f"{comment.id}: {comment.disposition} → {decision.disposition}"
    if decision.rationale is not None:
        line += ", rationale recorded"
    if decision.disposition == "pending" and comment.addressed_in is not None:
        line += f", addressed_in {comment.addressed_in} removed"
    elif addressed_in is not None:
        line += f", addressed in {addressed_in}"
    return line


# -- retarget ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetargetRequest:
    """``to`` is ``GUIDELINE[/PARAGRAPH]``, each by id, number or label, in ``version``."""

    to: str
    version: str
    by: str
    date: dt.date
    quote: str | None = None
    note: str | None = None


def retarget(
    changeset: Changeset, kb: KnowledgeBase, shown_id: str, request: RetargetRequest
) -> str:
    """Record the retarget on the comment (replacing an earlier record for the same version);
    returns the line saying what changed."""
    comment = find_comment(kb, shown_id)
    version = find_version(kb, request.version)
    guideline_name, _, paragraph_name = request.to.partition("/")
    guideline = find_guideline(version, guideline_name.strip())
    paragraph = (
        find_paragraph(guideline, version.id, paragraph_name.strip()) if paragraph_name else None
    )
    record = CommentedMap()
    record["version"] = version.id
    record["guideline"] = guideline.id
    if paragraph is not None:
        record["paragraph"] = paragraph
    if request.quote:
        record["quote"] = " ".join(request.quote.split())
    record["by"] = request.by
    record["date"] = request.date
    if request.note:
        record["note"] = _text_value(request.note)
    replaced = any(r.version == version.id for r in comment.retargets)

    def record_it(entry: CommentedMap) -> None:
        records = entry.get("retarget")
        if not isinstance(records, list) or not records:
            _set_field(entry, "retarget", CommentedSeq([record]))
            return
        for index, existing in enumerate(records):
            if isinstance(existing, dict) and str(existing.get("version")) == version.id:
                following = take_following_comments(records, index)
                records[index] = record
                give_following_comments(records, index, following)
                return
        records.append(record)
        move_following_comments(records, len(records) - 2, len(records) - 1)

    _edit_comment(changeset, comment, record_it)
    where = f"guideline {guideline.number} ({guideline.id})"
    if paragraph is not None:
        where += f", paragraph {paragraph}"
    verb = "retarget replaced" if replaced else "retargeted"
    return f"{comment.id}: {verb} in {version.id} to {where}, by {request.by} on {request.date}"


def git_user_name(root: Path) -> str | None:
    """Who is editing, as git knows them (``user.name``), or None outside a repository."""
    try:
        kb_repo = open_repository(root)
    except GitUnavailable:
        return None
    with kb_repo:
        name = str(kb_repo.repo.config_reader().get_value("user", "name", "")).strip()
    return name or None
