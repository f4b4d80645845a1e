"""What a report of a comparison says, in the same words in every form.

The layout is the same in every form, because reviewers move between them: the structural
summary first (what was added, deleted, renumbered, moved, merged, split), then each changed
guideline with one line saying what happened to it as a whole and its paragraphs with the
wording changes marked.  This module holds the words of that layout (headings, the phrases that
describe a change, the rows of the summary); each form in :mod:`redraft.redline.render` writes
them its own way.
"""

from __future__ import annotations

from collections.abc import Sequence

from redraft.kb.model import english_name
from redraft.redline.compare import (
    KINDS,
    PART_KINDS,
    GuidelineChange,
    ParagraphRedline,
    PartChange,
    VersionDiff,
)

__all__ = [
    "KIND_HEADINGS",
    "PART_HEADINGS",
    "describe",
    "describe_part",
    "direction_note",
    "guideline_heading",
    "guideline_name",
    "heading",
    "origin_of",
    "paragraph_origin",
    "printed_place",
    "shown_guidelines",
    "summary_rows",
    "version_name",
]

KIND_HEADINGS: dict[str, str] = {
    "added": "Added",
    "deleted": "Deleted",
    "renumbered": "Renumbered",
    "moved": "Moved",
    "reworded": "Reworded",
    "relabelled": "Paragraphs relettered",
    "merged": "Formed by a merge",
    "merged-into": "Merged into another guideline",
    "split": "Split out of another guideline",
    "split-into": "Split into other guidelines",
    "replaces": "Replacing another guideline",
    "replaced-by": "Replaced by another guideline",
    "note-added": "Explanatory note added",
    "note-removed": "Explanatory note removed",
    "note-reworded": "Explanatory note changed",
}
"""What each kind of change is called in a summary (see docs/redlines.md)."""

PART_HEADINGS: dict[str, str] = {
    "added": "Parts added",
    "deleted": "Parts deleted",
    "renumbered": "Parts renumbered",
    "retitled": "Parts retitled",
    "moved": "Parts moved",
}


def heading(diff: VersionDiff) -> str:
    what = f" to guideline '{diff.guideline_filter}'" if diff.guideline_filter else ""
    language = f", {english_name(diff.language)} text" if diff.in_translation else ""
    return (
        f"Changes{what} from {version_name(diff.from_label, diff.from_id)} "
        f"to {version_name(diff.to_label, diff.to_id)}{language}"
    )


def version_name(label: str, version_id: str) -> str:
    """``CAC/COSP/WG.2/2019/3 (2019-3)``: what people call it, and what the command takes."""
    return version_id if label == version_id else f"{label} ({version_id})"


def direction_note(diff: VersionDiff) -> str | None:
    """Said once when the comparison runs backwards in time, so no one misreads a merge."""
    if diff.forward:
        return None
    return (
        f"{diff.from_id} is later than {diff.to_id}: this comparison runs backwards in time. "
        "Merges and splits are described as they happened."
    )


def guideline_name(diff: VersionDiff, guideline_id: str) -> str:
    """``sale-with-consent (8)``: the id, with the number it has in the diff if known."""
    change = diff.guideline(guideline_id)
    if change is None:
        return guideline_id
    number = change.to_number or change.from_number
    return f"{guideline_id} ({number})" if number else guideline_id


def guideline_heading(change: GuidelineChange) -> str:
    """``Guideline 11 → 5: Interlocutory costs``."""
    if change.from_number and change.to_number and change.from_number != change.to_number:
        number = f"{change.from_number} → {change.to_number}"
    else:
        number = change.to_number or change.from_number or "?"
    title = change.to_title if change.to_title is not None else change.from_title
    return f"Guideline {number}: {title}"


def _names(diff: VersionDiff, ids: Sequence[str]) -> str:
    names = [guideline_name(diff, i) for i in ids]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _part_name(diff: VersionDiff, part_id: str | None, old_side: bool) -> str:
    part = next((p for p in diff.parts if p.id == part_id), None)
    if part is None:
        return f"part {part_id}"
    number = part.from_number if old_side else part.to_number
    number = number or part.to_number or part.from_number
    return f"part {number}" if number else f"part {part_id}"


def describe(change: GuidelineChange, diff: VersionDiff) -> tuple[str, ...]:
    """One short phrase per change, in the order of :data:`~redraft.redline.compare.KINDS`.

    Lineage is told as it happened; in a comparison that runs backwards in time the phrases
    say "later", because the event happened after the version compared to.
    """
    later = "" if diff.forward else "later "
    phrases: list[str] = []
    for kind in change.changes:
        if kind == "added":
            phrases.append("added" if diff.forward else f"only in {diff.to_id}")
        elif kind == "deleted":
            phrases.append("deleted" if diff.forward else f"not yet in {diff.to_id}")
        elif kind == "renumbered":
            phrases.append(f"renumbered {change.from_number} → {change.to_number}")
        elif kind == "moved":
            if change.from_part != change.to_part:
                phrases.append(
                    f"moved from {_part_name(diff, change.from_part, True)} "
                    f"to {_part_name(diff, change.to_part, False)}"
                )
            else:
                phrases.append(f"moved within {_part_name(diff, change.to_part, False)}")
        elif kind == "reworded":
            phrases.append("reworded")
        elif kind == "relabelled":
            phrases.append("paragraphs relettered")
        elif kind == "merged":
            made = "formed later by merging" if not diff.forward else "merges"
            phrases.append(f"{made} {_names(diff, change.merged_from)}")
        elif kind == "merged-into":
            phrases.append(f"{later}merged into {_names(diff, change.merged_into)}")
        elif kind == "split":
            phrases.append(f"{later}split out of {_names(diff, change.split_from)}")
        elif kind == "split-into":
            phrases.append(f"{later}split into {_names(diff, change.split_into)}")
        elif kind == "replaces":
            made = "later replaced" if not diff.forward else "replaces"
            phrases.append(f"{made} {_names(diff, change.replaces)}")
        elif kind == "replaced-by":
            phrases.append(f"{later}replaced by {_names(diff, change.replaced_by)}")
        elif kind == "note-added":
            phrases.append("explanatory note added")
        elif kind == "note-removed":
            phrases.append("explanatory note removed")
        elif kind == "note-reworded":
            phrases.append("explanatory note changed")
    if change.untranslated_in:
        phrases.append(_untranslated_phrase(diff, change.untranslated_in))
    return tuple(phrases)


def _untranslated_phrase(diff: VersionDiff, version_ids: Sequence[str]) -> str:
    return (
        f"no {english_name(diff.language)} text in {' or '.join(version_ids)}: wording not compared"
    )


def paragraph_origin(paragraph: ParagraphRedline, forward: bool = True) -> str | None:
    """Where a paragraph carried over by a merge or split came from, or went: ``from former
    guideline 7 (b)`` on the guideline formed, ``carried into guideline 8 (d)`` on the one it
    was formed from; ``None`` for a paragraph that stayed in its guideline.

    Told in the order of time whichever way the comparison runs, like the lineage itself, and
    with the printed number and label a delegate knows, never an id.
    """
    found = origin_of(paragraph, forward)
    if found is None:
        return None
    way, number, label = found
    place = printed_place(number, label)
    return f"from former guideline {place}" if way == "from" else f"carried into guideline {place}"


def origin_of(paragraph: ParagraphRedline, forward: bool = True) -> tuple[str, str, str] | None:
    """:func:`paragraph_origin` as its parts, for a page to say in its own language: ``"from"``
    (on the guideline formed) or ``"into"`` (on the one it was formed from), the other
    guideline's printed number and the paragraph's label there."""
    if not paragraph.across_guidelines:
        return None
    if paragraph.from_guideline is not None:
        number, label = paragraph.from_number, paragraph.from_label
    else:
        number, label = paragraph.to_number, paragraph.to_label
    # On the guideline formed, the other side is the older one: in a forward comparison that
    # is the side compared from.
    on_formed = (paragraph.from_guideline is not None) == forward
    return ("from" if on_formed else "into", number or "", label)


def printed_place(
    number: str, label: str, paragraph_form: str = "{number}, paragraph {label}"
) -> str:
    """``7 (b)`` or ``7, paragraph 3``, as a paragraph is cited in the text; ``paragraph_form``
    words the second in another language (the site's labels)."""
    if not label:
        return number
    if label.startswith("("):
        return f"{number} {label}"
    return paragraph_form.format(number=number, label=label.rstrip("."))


def describe_part(part: PartChange) -> str:
    phrases = []
    for kind in part.changes:
        if kind == "renumbered":
            phrases.append(f"renumbered {part.from_number} → {part.to_number}")
        else:
            phrases.append(kind)
    return "; ".join(phrases)


def shown_guidelines(diff: VersionDiff) -> tuple[GuidelineChange, ...]:
    """What a redline shows: every changed guideline (and, in a translation, every guideline
    whose wording could not be compared), or everything asked for by id."""
    if diff.guideline_filter is not None:
        return diff.guidelines
    return tuple(g for g in diff.guidelines if g.changed or not g.compared)


def summary_rows(diff: VersionDiff) -> list[tuple[str, list[str]]]:
    """The summary as (heading, names) rows: guidelines by kind of change, then parts (for a
    whole comparison), then the guidelines whose wording could not be compared."""
    rows = []
    for kind in KINDS:
        ids = diff.summary.guidelines.get(kind, ())
        if ids:
            rows.append((KIND_HEADINGS[kind], [guideline_name(diff, i) for i in ids]))
    if diff.guideline_filter is None:
        for part_kind in PART_KINDS:
            part_ids = diff.summary.parts.get(part_kind, ())
            if part_ids:
                rows.append((PART_HEADINGS[part_kind], list(part_ids)))
    if diff.untranslated:
        heading = f"Wording not compared (no {english_name(diff.language)} text)"
        rows.append((heading, [guideline_name(diff, i) for i in diff.untranslated]))
    return rows
