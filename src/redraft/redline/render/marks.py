"""What every form of a redline needs before it writes a single mark.

* **Labels as ops.**  A paragraph's letter or a guideline's number is shown as a tiny diff of its
  own, so that a relettering reads ``[-(b)-]{+(c)+}`` in every form: :func:`label_ops`.
* **Sides.**  A side-by-side view shows each version alone: :func:`old_side`, :func:`new_side`.
* **Edge whitespace.**  Whitespace at the edges of a changed hunk goes outside its mark where that
  changes nothing a reader sees, so a strike-through or underline does not start or end on a
  space: always in a side-by-side view (each side is one whole version), and in an inline view
  only where the other version has a space or the paragraph's edge at that place too and no line
  break is involved.  A hunk that is only whitespace stays marked, so the change remains
  visible.  Every form writes its marks from :func:`hunks`, so the rule holds in all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from redraft.redline.compare import ParagraphRedline
from redraft.redline.textdiff import Op, Ops

__all__ = ["Hunk", "hunks", "label_ops", "new_side", "old_side", "paragraph_label"]

Hunk = tuple[Op, str, str, str]
"""(op, leading space, text to mark, trailing space); an equal text is all core."""

# HTML's whitespace, the kind a browser collapses; a no-break space is text and stays marked.
_SPACE = " \t\n\r\f"
_EDGES = re.compile(rf"^([{_SPACE}]*)(.*?)([{_SPACE}]*)$", re.DOTALL)


def label_ops(old: str, new: str) -> Ops:
    """A label (a number, a letter) in two versions as ops; an empty label is no label."""
    if old == new:
        return (("equal", old),) if old else ()
    deleted: Ops = (("delete", old),) if old else ()
    inserted: Ops = (("insert", new),) if new else ()
    return deleted + inserted


def paragraph_label(paragraph: ParagraphRedline) -> Ops:
    """A paragraph's label as ops: only the version that has the paragraph contributes one.

    A paragraph carried over from another guideline by a merge or split shows the label it has
    in this guideline, unmarked: its old label belongs to the other guideline (and is said by
    :func:`~redraft.redline.render.words.paragraph_origin`).
    """
    if paragraph.from_id is not None and paragraph.to_id is not None:
        if paragraph.from_guideline is not None:
            return label_ops(paragraph.to_label, paragraph.to_label)
        if paragraph.to_guideline is not None:
            return label_ops(paragraph.from_label, paragraph.from_label)
    return label_ops(
        paragraph.from_label if paragraph.from_id is not None else "",
        paragraph.to_label if paragraph.to_id is not None else "",
    )


def old_side(ops: Iterable[tuple[Op, str]]) -> Ops:
    """The ops the older version is made of (its deletions marked)."""
    return tuple((op, text) for op, text in ops if op != "insert")


def new_side(ops: Iterable[tuple[Op, str]]) -> Ops:
    """The ops the newer version is made of (its insertions marked)."""
    return tuple((op, text) for op, text in ops if op != "delete")


def _edges(text: str) -> tuple[str, str, str]:
    """Split a hunk into (leading space, core, trailing space); all-space text is all core."""
    match = _EDGES.match(text)
    assert match is not None  # the pattern matches any string
    lead, core, trail = match.groups()
    if not core:
        return "", text, ""
    return lead, core, trail


def hunks(ops: Iterable[tuple[Op, str]], *, inline: bool = True) -> Iterator[Hunk]:
    """Each non-empty op as a :data:`Hunk`, its edge space outside the mark where it may be.

    In an inline redline both versions are read from one stream, so a hunk's edge space may
    only leave its mark where the other version has a space (or the paragraph's edge) there
    already, and the browser collapses the two: deleting " States " from "a,| States |States"
    must not read "a, States" once accepted. Space that touches a line break stays marked:
    in markdown two spaces before a line break are a hard break, and a blank line a new
    paragraph, neither of which collapses.
    """
    ops = [(op, text) for op, text in ops if text]
    for k, (op, text) in enumerate(ops):
        if op == "equal":
            yield op, "", text, ""
            continue
        lead, core, trail = _edges(text)
        if inline and (lead or trail):
            # In canonical ops the neighbours of a mark are exactly what the other version has
            # on either side of it: an equal text, or the other half of a replacement.
            before = ops[k - 1][1] if k > 0 else ""
            after = ops[k + 1][1] if k + 1 < len(ops) else ""
            space_before = before[len(before.rstrip(_SPACE)) :]
            space_after = after[: len(after) - len(after.lstrip(_SPACE))]
            joins_space = not before or not after or bool(space_before or space_after)
            if not joins_space or "\n" in space_before + lead + trail + space_after:
                lead, core, trail = "", text, ""
        yield op, lead, core, trail
