"""A comparison of two versions as a Word document whose changes are real tracked changes.

Every insertion and deletion of :func:`redraft.redline.compare.diff_versions` (its word
operations, not a new diff) becomes a Word revision, attributed to the version compared to (its
symbol) and dated with that version's date, so a delegate can walk through them in Word's
Review pane and accept or reject each.  What happened to a guideline as a unit (renumbered,
moved, merged, split, replaced) is stated in a line under its heading, in the words the site
uses; a guideline added or deleted whole is one inserted or deleted block, paragraph marks
included, so accepting or rejecting it leaves no empty paragraph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redraft.exports.footnotes_docx import Footnotes
from redraft.exports.official import (
    Masthead,
    document_label,
    masthead_for,
    new_document,
    paragraph,
    write_masthead,
)
from redraft.exports.ooxml import (
    RevisionKind,
    Revisions,
    add_revision,
    add_text_run,
    save_reproducibly,
)
from redraft.exports.version_docx import stamp
from redraft.kb.guideline_file import FOOTNOTE_REFERENCE
from redraft.kb.model import RTL_LANGUAGES, KnowledgeBase, Version
from redraft.redline.compare import (
    GuidelineChange,
    ParagraphRedline,
    PartChange,
    VersionDiff,
)
from redraft.redline.textdiff import Op, Ops
from redraft.site.labels import Labels

MARK = "redraft-compare"

LINEAGE_KEYS = (
    ("lineage_merged_from", "merged_from"),
    ("lineage_merged_into", "merged_into"),
    ("lineage_split_from", "split_from"),
    ("lineage_split_into", "split_into"),
    ("lineage_replaces", "replaces"),
    ("lineage_replaced_by", "replaced_by"),
)


@dataclass(frozen=True)
class CompareContext:
    """What every part of the comparison needs: the two versions, their words and who revised."""

    old: Version
    new: Version
    language: str
    labels: Labels
    revisions: Revisions
    footnotes: Footnotes = field(default_factory=Footnotes)
    notes: dict[str, str] = field(default_factory=dict)
    """The footnotes the guideline being written may call, by label: the newer text's, and the
    older one's for a call that was deleted."""
    note_ops: dict[str, Ops] = field(default_factory=dict)
    """How each of those footnotes' words changed (the guideline's footnote redlines), shown
    as tracked changes inside the footnote."""

    @property
    def rtl(self) -> bool:
        return self.language in RTL_LANGUAGES


def change_sentence(labels: Labels, change: GuidelineChange) -> str:
    """What happened to a guideline as a unit, as the site's compare page says it."""
    words = ", ".join(labels[f"change_{kind}"] for kind in change.changes)
    sentence = words[:1].upper() + words[1:]
    if change.from_number and change.to_number and change.from_number != change.to_number:
        moved = labels.format("renumbered_from_to", old=change.from_number, new=change.to_number)
        sentence += f" ({moved})"
    return sentence


def lineage_sentence(
    labels: Labels, change: GuidelineChange, old: Version, new: Version, language: str
) -> str:
    """ "Formed from 7. Sale of assets…; …": the guidelines a merger or split names, by number
    and title as the reader finds them in the document."""
    pieces = []
    for key, attribute in LINEAGE_KEYS:
        ids: tuple[str, ...] = getattr(change, attribute)
        if ids:
            names = ", ".join(_number_title(i, old, new, language) for i in ids)
            pieces.append(f"{labels[key]} {names}")
    return "; ".join(pieces)


def _number_title(guideline_id: str, old: Version, new: Version, language: str) -> str:
    guideline = new.guideline(guideline_id) or old.guideline(guideline_id)
    if guideline is None:
        return guideline_id
    return f"{guideline.number}. {guideline.in_language(language).title}"


def compare_docx(
    kb: KnowledgeBase,
    diff: VersionDiff,
    old: Version,
    new: Version,
    *,
    as_at: dt.date | None = None,
    template: Path | None = None,
) -> bytes:
    """The .docx of ``diff`` (from ``old`` to ``new``), its changes tracked.

    ``as_at`` dates the working draft when it is the version compared to."""
    language = diff.language
    date = new.date or as_at or dt.date(1980, 1, 1)
    labels = Labels(language)
    revisions = Revisions(author=new.label, date=date)
    context = CompareContext(old, new, language, labels, revisions)
    masthead = masthead_for(kb, new, language, as_at)
    document = new_document(template, language)
    write_masthead(document, _without_title(masthead))
    _title(document, context, diff)
    _legend(document, context)
    _introduction(document, context, diff)
    parts = {part.id: part for part in diff.parts}
    current_part: str | None = None
    for change in diff.guidelines:
        part_id = change.to_part or change.from_part
        if part_id != current_part and part_id in parts:
            _part_heading(document, context, parts[part_id])
        current_part = part_id
        _guideline(document, context, change)
    context.footnotes.write_part(document)
    stamp(document, kb, new, masthead, as_at, MARK)
    return save_reproducibly(document)


def _without_title(masthead: Masthead) -> Masthead:
    from dataclasses import replace

    return replace(masthead, title="")


def _title(document: Any, context: CompareContext, diff: VersionDiff) -> None:
    made = paragraph(document, "Document Title", rtl=context.rtl)
    write_ops(made, diff.title_ops, context)


def _legend(document: Any, context: CompareContext) -> None:
    """How to read the comparison: the site's sentence in the language of the text, and, in
    English, who the revisions are attributed to and what Word does with them."""
    revisions = context.revisions
    lines = [
        context.labels.format(
            "compare_lead",
            old=_name(context.old, context.labels),
            new=_name(context.new, context.labels),
        ),
    ]
    if context.language == "en":
        lines.append(
            f"Each change is a tracked change by “{revisions.author}” dated "
            f"{revisions.date.isoformat()}: Word's Review pane lists them and can accept or "
            "reject each; a bar in the margin marks each changed line."
        )
    for line in lines:
        paragraph(document, "Legend", line, rtl=context.rtl)


def _name(version: Version, labels: Labels) -> str:
    """A version as the reader of this language calls it: its symbol, or the working draft."""
    return labels["working_draft"] if version.is_draft else version.label


def _introduction(document: Any, context: CompareContext, diff: VersionDiff) -> None:
    if not diff.introduction:
        return
    paragraph(document, "Introduction Heading", context.labels["introduction"], rtl=context.rtl)
    for number, item in enumerate(diff.introduction, start=1):
        made = paragraph(document, "Guideline Paragraph", rtl=context.rtl)
        whole = _whole(item.from_id is None, item.to_id is None)
        if whole:  # the number goes with the paragraph when it is accepted or rejected
            add_revision(made, f"{number}.\t", whole, context.revisions, rtl=context.rtl)
        else:
            add_text_run(made, f"{number}.\t", rtl=context.rtl)
        _paragraph_body(made, item, context)


def _part_heading(document: Any, context: CompareContext, part: PartChange) -> None:
    made = paragraph(document, "Part Heading", rtl=context.rtl)
    kind = _whole(part.from_number is None, part.to_number is None)
    _replaced(made, part.from_number, part.to_number, context)
    add_text_run(made, ".\t", rtl=context.rtl)
    write_ops(made, part.title_ops, context)
    if kind:
        context.revisions.mark_paragraph(made, kind)


def _guideline_notes(version: Version, guideline_id: str, language: str) -> dict[str, str]:
    guideline = version.guideline(guideline_id)
    if guideline is None:
        return {}
    text = guideline.text if language == guideline.text.language else None
    text = text or guideline.translations.get(language)
    return {f.label: f.text for f in text.footnotes} if text else {}


def _guideline(document: Any, context: CompareContext, change: GuidelineChange) -> None:
    context.notes.clear()
    context.notes.update(_guideline_notes(context.old, change.id, context.language))
    context.notes.update(_guideline_notes(context.new, change.id, context.language))
    context.note_ops.clear()
    context.note_ops.update((note.id, note.ops) for note in change.footnotes)
    rtl = context.rtl
    labels = context.labels
    whole = _whole(change.from_number is None, change.to_number is None)
    heading = paragraph(document, "Guideline Heading", rtl=rtl)
    text = f"{labels['guideline']} "
    if whole:
        add_revision(heading, text, whole, context.revisions, rtl=rtl)
    else:
        add_text_run(heading, text, rtl=rtl)
    _replaced(heading, change.from_number, change.to_number, context)
    dot = ". "
    if whole:
        add_revision(heading, dot, whole, context.revisions, rtl=rtl)
    else:
        add_text_run(heading, dot, rtl=rtl)
    write_ops(heading, change.title_ops or _title_as_is(change, whole), context)
    if whole:
        context.revisions.mark_paragraph(heading, whole)
    sentences = [s for s in (change_sentence(labels, change),) if s]
    lineage = lineage_sentence(labels, change, context.old, context.new, context.language)
    if lineage:
        sentences.append(lineage)
    if sentences:
        paragraph(document, "Change Label", ". ".join(sentences) + ".", rtl=rtl, italic=True)
    if not change.compared:
        versions = ", ".join(
            v.label for v in (context.old, context.new) if v.id in change.untranslated_in
        )
        missing = labels.format(
            "not_compared_in",
            language=labels.language_name(context.language),
            versions=versions,
        )
        paragraph(document, "Change Label", missing, rtl=rtl, italic=True)
        return
    for item in change.paragraphs:
        if item.to_id is None and item.to_guideline is not None:
            # Carried into the guideline this one was merged or split into, where its text
            # stands with its own tracked changes; a deletion here too would give it back twice
            # on "reject all" (the lineage sentence above says where it went).
            continue
        made = paragraph(document, "Guideline Paragraph", rtl=rtl)
        _paragraph_body(made, item, context, labelled=True)
    if change.note:
        note_kind: RevisionKind | None = (
            "insert" if change.note_added else "delete" if change.note_removed else whole
        )
        note_heading = paragraph(document, "Note Heading", rtl=rtl)
        if note_kind:
            add_revision(
                note_heading, labels["explanatory_note"], note_kind, context.revisions, rtl=rtl
            )
            context.revisions.mark_paragraph(note_heading, note_kind)
        else:
            add_text_run(note_heading, labels["explanatory_note"], rtl=rtl)
        for item in change.note:
            made = paragraph(document, "Note Paragraph", rtl=rtl)
            _paragraph_body(made, item, context, labelled=True)


def _title_as_is(change: GuidelineChange, whole: RevisionKind | None) -> Ops:
    title = change.to_title or change.from_title or change.id
    return ((("insert" if whole == "insert" else "delete") if whole else "equal", title),)


def _whole(absent_before: bool, absent_after: bool) -> RevisionKind | None:
    if absent_before:
        return "insert"
    if absent_after:
        return "delete"
    return None


def _replaced(made: Any, before: str | None, after: str | None, context: CompareContext) -> None:
    """A number or label: unchanged as it is, changed as a deletion then an insertion."""
    rtl = context.rtl
    if before == after:
        add_text_run(made, before or "", rtl=rtl)
        return
    if before:
        add_revision(made, before, "delete", context.revisions, rtl=rtl)
    if after:
        add_revision(made, after, "insert", context.revisions, rtl=rtl)


def _paragraph_body(
    made: Any, item: ParagraphRedline, context: CompareContext, *, labelled: bool = False
) -> None:
    if labelled:
        before = document_label(item.from_label, context.language) if item.from_id else None
        after = document_label(item.to_label, context.language) if item.to_id else None
        if before or after:
            _replaced(made, before, after, context)
            tab_kind = _whole(item.from_id is None, item.to_id is None)
            if tab_kind:
                add_revision(made, "\t", tab_kind, context.revisions, rtl=context.rtl)
            else:
                add_text_run(made, "\t", rtl=context.rtl)
    write_ops(made, item.ops, context)
    if item.status in ("inserted", "deleted"):
        context.revisions.mark_paragraph(made, "insert" if item.status == "inserted" else "delete")


def write_ops(made: Any, ops: Ops, context: CompareContext) -> None:
    """Word operations as runs: equal text plain, inserted and deleted text as revisions; a
    footnote call (``[^1]``) as a Word footnote reference, itself a revision where the call was
    added or removed."""
    for op, text in ops:
        start = 0
        for mark in FOOTNOTE_REFERENCE.finditer(text):
            words = context.notes.get(mark.group("label"))
            if words is None:
                continue
            _write_op(made, op, text[start : mark.start()], context)
            context.footnotes.call(
                made,
                words,
                rtl=context.rtl,
                ops=context.note_ops.get(mark.group("label"), ()),
                revisions=context.revisions,
            )
            if op != "equal":
                reference = made._p[-1]
                wrapper = context.revisions.mark(op)
                reference.addprevious(wrapper)
                wrapper.append(reference)
            start = mark.end()
        _write_op(made, op, text[start:], context)


def _write_op(made: Any, op: Op, text: str, context: CompareContext) -> None:
    if not text:
        return
    if op == "equal":
        add_text_run(made, text, rtl=context.rtl)
    else:
        add_revision(made, text, op, context.revisions, rtl=context.rtl)
