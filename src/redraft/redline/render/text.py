"""Redlines as text: plain (wdiff notation, for files and pipes) and styled for a terminal.

``to_plain`` and ``to_rich_text`` mark the ops of one text; ``to_terminal`` lays out a whole
:class:`~redraft.redline.compare.VersionDiff` (see :mod:`redraft.redline.render.words`) as
renderables for a rich console, styled or carrying plain marks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from redraft.redline.compare import ParagraphRedline, VersionDiff
from redraft.redline.render.marks import hunks, new_side, old_side, paragraph_label
from redraft.redline.render.words import (
    describe,
    describe_part,
    direction_note,
    guideline_heading,
    heading,
    paragraph_origin,
    shown_guidelines,
    summary_rows,
)
from redraft.redline.textdiff import Op, Ops

__all__ = ["DELETE_STYLE", "INSERT_STYLE", "to_plain", "to_rich_text", "to_terminal"]

# Strike-through and underline carry the meaning; colour only reinforces it.
DELETE_STYLE = "red strike"
INSERT_STYLE = "green underline"


def to_rich_text(ops: Iterable[tuple[Op, str]]) -> Text:
    """A rich Text with deletions struck through in red and insertions underlined in green."""
    text = Text()
    for op, lead, core, trail in hunks(ops):
        if op == "equal":
            text.append(core)
        else:
            text.append(lead)
            text.append(core, style=DELETE_STYLE if op == "delete" else INSERT_STYLE)
            text.append(trail)
    return text


def to_plain(ops: Iterable[tuple[Op, str]]) -> str:
    """wdiff notation, for output that is not a terminal: ``[-deleted-]{+inserted+}``.

    Meant for reading, not parsing: the text itself is not escaped.
    """
    marks: dict[Op, tuple[str, str]] = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
    out: list[str] = []
    for op, lead, core, trail in hunks(ops):
        if op == "equal":
            out.append(core)
        else:
            opener, closer = marks[op]
            out.append(f"{lead}{opener}{core}{closer}{trail}")
    return "".join(out)


def to_terminal(
    diff: VersionDiff, *, styled: bool, side_by_side: bool = False
) -> list[RenderableType]:
    """Renderables for a rich console: styled (colour, strike-through, underline) for a
    terminal, or carrying ``[-old-]{+new+}`` marks when ``styled`` is false."""

    def marked(ops: Ops) -> Text:
        return to_rich_text(ops) if styled else Text(to_plain(ops))

    bold = "bold" if styled else ""
    out: list[RenderableType] = [Text(heading(diff), style=bold)]
    note = direction_note(diff)
    if note:
        out.append(Text(note, style="italic" if styled else ""))
    out.append(Text(""))
    out.extend(_terminal_summary(diff, bold))
    if diff.guideline_filter is None:
        if diff.title_ops and any(op != "equal" for op, _ in diff.title_ops):
            out.append(Text.assemble(Text("Title: ", style=bold), marked(diff.title_ops)))
            out.append(Text(""))
        changed_intro = [p for p in diff.introduction if p.changed]
        if changed_intro:
            out.append(Text("Introduction", style=bold))
            out.extend(marked(p.ops) for p in diff.introduction)
            out.append(Text(""))
        for part in diff.parts:
            if part.changes:
                out.append(
                    Text.assemble(
                        Text(f"Part {part.to_number or part.from_number} ", style=bold),
                        marked(part.title_ops),
                        Text(f" — {describe_part(part)}"),
                    )
                )
        if any(p.changes for p in diff.parts):
            out.append(Text(""))
    for change in shown_guidelines(diff):
        out.append(
            Text.assemble(
                Text(guideline_heading(change).split(":", 1)[0] + ": ", style=bold),
                marked(change.title_ops) if change.title_ops else Text(""),
                Text(f"  [{change.id}]", style="dim" if styled else ""),
            )
        )
        out.append(Text("  " + ("; ".join(describe(change, diff)) or "no changes")))
        out.extend(_terminal_paragraphs(change.paragraphs, marked, side_by_side, diff.forward))
        if change.note:
            out.append(Text("  Explanatory note", style="italic" if styled else ""))
            out.extend(_terminal_paragraphs(change.note, marked, side_by_side, diff.forward))
        if change.footnotes:
            out.append(Text("  Footnotes", style="italic" if styled else ""))
            out.extend(_terminal_paragraphs(change.footnotes, marked, side_by_side, diff.forward))
        out.append(Text(""))
    unchanged = len(diff.summary.unchanged)
    if diff.guideline_filter is None and unchanged:
        out.append(Text(f"{unchanged} guideline(s) unchanged."))
    return out


def _terminal_summary(diff: VersionDiff, bold: str) -> list[RenderableType]:
    rows = summary_rows(diff)
    if not rows:
        return [Text("No changes."), Text("")]
    out: list[RenderableType] = [Text("Summary", style=bold)]
    for title, names in rows:
        out.append(Text(f"  {title} ({len(names)}): {', '.join(names)}"))
    out.append(Text(""))
    return out


def _terminal_paragraphs(
    paragraphs: Sequence[ParagraphRedline],
    marked: Callable[[Ops], Text],
    side_by_side: bool,
    forward: bool = True,
) -> list[RenderableType]:
    if not side_by_side:
        return [
            Text.assemble(
                Text("  "), *_with_label(p, marked(paragraph_label(p)), marked(p.ops), forward)
            )
            for p in paragraphs
        ]
    table = Table(show_header=True, box=None, padding=(0, 2, 1, 0), expand=True)
    table.add_column("before", ratio=1)
    table.add_column("after", ratio=1)
    for p in paragraphs:
        label = paragraph_label(p)
        table.add_row(
            Text.assemble(
                *_with_label(p, marked(old_side(label)), marked(old_side(p.ops)), forward)
            )
            if p.from_id is not None
            else Text(""),
            Text.assemble(
                *_with_label(p, marked(new_side(label)), marked(new_side(p.ops)), forward)
            )
            if p.to_id is not None
            else Text(""),
        )
    return [table]


def _with_label(p: ParagraphRedline, label: Text, text: Text, forward: bool) -> list[Text]:
    parts = [label, Text(" ")] if label.plain else []
    if p.moved:
        parts.append(Text("(moved) "))
    parts.append(text)
    origin = paragraph_origin(p, forward)
    if origin:
        parts.append(Text(f" ({origin})"))
    return parts
