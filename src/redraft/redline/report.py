"""A :class:`~redraft.redline.compare.VersionDiff` as something a person reads: terminal, Markdown,
HTML or JSON.

The layout is the same in every format, because reviewers move between them: the structural
summary first (what was added, deleted, renumbered, moved, merged, split), then each changed
guideline with one line saying what happened to it as a whole and its paragraphs with the
wording changes marked.  Marking individual changes is :mod:`redraft.redline.ops_format`'s job;
this module only arranges them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from redraft.kb.model import RTL_LANGUAGES, english_name
from redraft.redline.compare import (
    KINDS,
    PART_KINDS,
    GuidelineChange,
    ParagraphRedline,
    PartChange,
    VersionDiff,
)
from redraft.redline.ops_format import (
    to_critic,
    to_html,
    to_html_side_by_side,
    to_plain,
    to_rich_text,
)
from redraft.redline.textdiff import Ops

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


# --------------------------------------------------------------------------------------------
# Words shared by every format
# --------------------------------------------------------------------------------------------


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


def _summary_rows(diff: VersionDiff) -> list[tuple[str, list[str]]]:
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


def _label_ops(p: ParagraphRedline) -> Ops:
    """The paragraph's label as a tiny diff, so that a relabel reads ``[-(b)-]{+(c)+}``."""
    if p.from_id is None:
        return (("insert", p.to_label),) if p.to_label else ()
    if p.to_id is None:
        return (("delete", p.from_label),) if p.from_label else ()
    if p.from_label == p.to_label:
        return (("equal", p.to_label),) if p.to_label else ()
    deleted: Ops = (("delete", p.from_label),) if p.from_label else ()
    inserted: Ops = (("insert", p.to_label),) if p.to_label else ()
    return deleted + inserted


def _old_side(ops: Ops) -> Ops:
    return tuple((op, text) for op, text in ops if op != "insert")


def _new_side(ops: Ops) -> Ops:
    return tuple((op, text) for op, text in ops if op != "delete")


# --------------------------------------------------------------------------------------------
# Terminal
# --------------------------------------------------------------------------------------------


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
        out.extend(_terminal_paragraphs(change.paragraphs, marked, side_by_side))
        if change.note:
            out.append(Text("  Explanatory note", style="italic" if styled else ""))
            out.extend(_terminal_paragraphs(change.note, marked, side_by_side))
        out.append(Text(""))
    unchanged = len(diff.summary.unchanged)
    if diff.guideline_filter is None and unchanged:
        out.append(Text(f"{unchanged} guideline(s) unchanged."))
    return out


def _terminal_summary(diff: VersionDiff, bold: str) -> list[RenderableType]:
    rows = _summary_rows(diff)
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
) -> list[RenderableType]:
    if not side_by_side:
        return [
            Text.assemble(Text("  "), *_with_label(p, marked(_label_ops(p)), marked(p.ops)))
            for p in paragraphs
        ]
    table = Table(show_header=True, box=None, padding=(0, 2, 1, 0), expand=True)
    table.add_column("before", ratio=1)
    table.add_column("after", ratio=1)
    for p in paragraphs:
        label = _label_ops(p)
        table.add_row(
            Text.assemble(*_with_label(p, marked(_old_side(label)), marked(_old_side(p.ops))))
            if p.from_id is not None
            else Text(""),
            Text.assemble(*_with_label(p, marked(_new_side(label)), marked(_new_side(p.ops))))
            if p.to_id is not None
            else Text(""),
        )
    return [table]


def _with_label(p: ParagraphRedline, label: Text, text: Text) -> list[Text]:
    parts = [label, Text(" ")] if label.plain else []
    if p.moved:
        parts.append(Text("(moved) "))
    parts.append(text)
    return parts


# --------------------------------------------------------------------------------------------
# Markdown (CriticMarkup)
# --------------------------------------------------------------------------------------------

_ORDERED_LIST_START = re.compile(r"^(\d{1,9})([.)])(\s|$)")


def _md_line(text: str) -> str:
    """Keep a paragraph from being read as a list item or heading when it starts like one."""
    match = _ORDERED_LIST_START.match(text)
    if match:
        return f"{match.group(1)}\\{match.group(2)}{text[match.end(2) :]}"
    if text[:1] in "#>+-*=|":
        return "\\" + text
    return text


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(diff: VersionDiff, *, side_by_side: bool = False) -> str:
    """CriticMarkup (``{--old--}{++new++}``), which pymdownx.critic renders as ``<del>``/``<ins>``;
    the structural summary first."""
    lines: list[str] = [f"# {heading(diff)}", ""]
    note = direction_note(diff)
    if note:
        lines += [f"*{note}*", ""]
    rows = _summary_rows(diff)
    lines += ["## Summary", ""]
    if rows:
        lines += ["| change | count | guidelines |", "| --- | ---: | --- |"]
        lines += [
            f"| {title} | {len(names)} | {_md_cell(', '.join(names))} |" for title, names in rows
        ]
    else:
        lines.append("No changes.")
    lines.append("")
    if diff.guideline_filter is None:
        if any(op != "equal" for op, _ in diff.title_ops):
            lines += ["## Title", "", _md_line(to_critic(diff.title_ops)), ""]
        if any(p.changed for p in diff.introduction):
            lines += ["## Introduction", ""]
            for p in diff.introduction:
                lines += [_md_line(to_critic(p.ops)), ""]
        changed_parts = [p for p in diff.parts if p.changes]
        if changed_parts:
            lines += ["## Parts", ""]
            for part in changed_parts:
                number = part.to_number or part.from_number
                lines += [
                    f"- Part {number}: {to_critic(part.title_ops)} — {describe_part(part)}",
                ]
            lines.append("")
    for change in shown_guidelines(diff):
        number = guideline_heading(change).split(":", 1)[0]
        title = to_critic(change.title_ops) if change.title_ops else ""
        lines += [f"## {number}: {title}", ""]
        phrases = "; ".join(describe(change, diff)) or "no changes"
        lines += [f"`{change.id}` — {phrases}", ""]
        lines += _md_paragraphs(change.paragraphs, side_by_side)
        if change.note:
            lines += ["### Explanatory note", ""]
            lines += _md_paragraphs(change.note, side_by_side)
    unchanged = len(diff.summary.unchanged)
    if diff.guideline_filter is None and unchanged:
        lines += [f"{unchanged} guideline(s) unchanged.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_paragraph(p: ParagraphRedline, label: Ops, ops: Ops) -> str:
    text = to_critic(ops)
    marks = to_critic(label)
    if p.moved:
        text = "*(moved)* " + text
    return _md_line(f"{marks} {text}" if marks else text)


def _md_paragraphs(paragraphs: Sequence[ParagraphRedline], side_by_side: bool) -> list[str]:
    lines: list[str] = []
    if not side_by_side:
        for p in paragraphs:
            lines += [_md_paragraph(p, _label_ops(p), p.ops), ""]
        return lines
    lines += ["| before | after |", "| --- | --- |"]
    for p in paragraphs:
        label = _label_ops(p)
        before = _md_paragraph(p, _old_side(label), _old_side(p.ops)) if p.from_id else ""
        after = _md_paragraph(p, _new_side(label), _new_side(p.ops)) if p.to_id else ""
        lines.append(f"| {_md_cell(before)} | {_md_cell(after)} |")
    lines.append("")
    return lines


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_STYLE = """
body { font-family: system-ui, "Noto Sans", sans-serif; line-height: 1.5; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
del.redraft-del { text-decoration: line-through; color: #8b0000; background: #fde8e8; }
ins.redraft-ins { text-decoration: underline; color: #0b5d1e; background: #e3f5e6; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: start; vertical-align: top; }
.redraft-side-by-side td { width: 50%; }
.redraft-changes { font-style: italic; }
.redraft-id { font-family: monospace; color: #555; }
""".strip()


def to_html_page(diff: VersionDiff, *, side_by_side: bool = False) -> str:
    """A standalone HTML page; every text from the knowledge base is escaped."""
    esc = html.escape
    direction = "rtl" if diff.language in RTL_LANGUAGES else "ltr"
    body: list[str] = [f"<h1>{esc(heading(diff))}</h1>"]
    note = direction_note(diff)
    if note:
        body.append(f'<p class="redraft-direction"><em>{esc(note)}</em></p>')
    rows = _summary_rows(diff)
    body.append('<section class="redraft-summary"><h2>Summary</h2>')
    if rows:
        body.append(
            "<table><thead><tr><th>change</th><th>count</th><th>guidelines</th></tr></thead><tbody>"
        )
        for title, names in rows:
            body.append(
                f"<tr><td>{esc(title)}</td><td>{len(names)}</td>"
                f"<td>{esc(', '.join(names))}</td></tr>"
            )
        body.append("</tbody></table>")
    else:
        body.append("<p>No changes.</p>")
    body.append("</section>")
    if diff.guideline_filter is None:
        if any(op != "equal" for op, _ in diff.title_ops):
            body.append(f"<section><h2>Title</h2><p>{to_html(diff.title_ops)}</p></section>")
        if any(p.changed for p in diff.introduction):
            body.append("<section><h2>Introduction</h2>")
            body += _html_paragraphs(diff.introduction, side_by_side)
            body.append("</section>")
        changed_parts = [p for p in diff.parts if p.changes]
        if changed_parts:
            body.append("<section><h2>Parts</h2><ul>")
            for part in changed_parts:
                number = part.to_number or part.from_number
                body.append(
                    f"<li>Part {esc(number or '')}: {to_html(part.title_ops)} — "
                    f"{esc(describe_part(part))}</li>"
                )
            body.append("</ul></section>")
    for change in shown_guidelines(diff):
        number = guideline_heading(change).split(":", 1)[0]
        title = to_html(change.title_ops) if change.title_ops else ""
        body.append(f'<section class="redraft-guideline" id="{esc(change.id, quote=True)}">')
        body.append(f"<h2>{esc(number)}: {title}</h2>")
        phrases = "; ".join(describe(change, diff)) or "no changes"
        body.append(
            f'<p class="redraft-changes"><span class="redraft-id">{esc(change.id)}</span> — '
            f"{esc(phrases)}</p>"
        )
        body += _html_paragraphs(change.paragraphs, side_by_side)
        if change.note:
            body.append("<h3>Explanatory note</h3>")
            body += _html_paragraphs(change.note, side_by_side)
        body.append("</section>")
    unchanged = len(diff.summary.unchanged)
    if diff.guideline_filter is None and unchanged:
        body.append(f"<p>{unchanged} guideline(s) unchanged.</p>")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(diff.language, quote=True)}" dir="{direction}">\n'
        '<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(heading(diff))}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n"
        "<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


def _html_label(label: Ops) -> str:
    return f'<span class="redraft-label">{to_html(label)}</span> ' if label else ""


def _html_paragraphs(paragraphs: Sequence[ParagraphRedline], side_by_side: bool) -> list[str]:
    if not side_by_side:
        return [
            f"<p>{_html_label(_label_ops(p))}{'<em>(moved)</em> ' if p.moved else ''}"
            f"{to_html(p.ops)}</p>"
            for p in paragraphs
        ]
    out = [
        '<table class="redraft-side-by-side"><thead><tr><th scope="col">before</th>'
        '<th scope="col">after</th></tr></thead><tbody>'
    ]
    for p in paragraphs:
        old_html, new_html = to_html_side_by_side(p.ops)
        label_old, label_new = to_html_side_by_side(_label_ops(p)) if _label_ops(p) else ("", "")
        before = f"{_span_label(label_old)}{old_html}" if p.from_id is not None else ""
        after = f"{_span_label(label_new)}{new_html}" if p.to_id is not None else ""
        out.append(f"<tr><td>{before}</td><td>{after}</td></tr>")
    out.append("</tbody></table>")
    return out


def _span_label(label_html: str) -> str:
    return f'<span class="redraft-label">{label_html}</span> ' if label_html else ""


# --------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------


def to_json(diff: VersionDiff) -> dict[str, Any]:
    """Plain data for ``json.dumps``: ids, kinds and ``[op, text]`` pairs, nothing rendered.

    ``guidelines`` holds the changed guidelines (or, with a guideline filter, every guideline
    asked for); each paragraph's ops rebuild its text in both versions.
    """
    return {
        "from": diff.from_id,
        "to": diff.to_id,
        "forward": diff.forward,
        "guideline": diff.guideline_filter,
        "language": diff.language,
        "summary": {
            "counts": dict(diff.summary.counts),
            "guidelines": {kind: list(ids) for kind, ids in diff.summary.guidelines.items()},
            "parts": {kind: list(ids) for kind, ids in diff.summary.parts.items()},
            "unchanged": list(diff.summary.unchanged),
            "untranslated": list(diff.untranslated),
        },
        "title": _ops_json(diff.title_ops),
        "introduction": [_paragraph_json(p) for p in diff.introduction],
        "parts": [
            {
                "id": part.id,
                "changes": list(part.changes),
                "from_number": part.from_number,
                "to_number": part.to_number,
                "title": _ops_json(part.title_ops),
            }
            for part in diff.parts
        ],
        "guidelines": [_guideline_json(g) for g in shown_guidelines(diff)],
    }


def _ops_json(ops: Iterable[tuple[str, str]]) -> list[list[str]]:
    return [[op, text] for op, text in ops]


def _paragraph_json(p: ParagraphRedline) -> dict[str, Any]:
    return {
        "id": p.id,
        "from_id": p.from_id,
        "to_id": p.to_id,
        "from_label": p.from_label if p.from_id is not None else None,
        "to_label": p.to_label if p.to_id is not None else None,
        "status": p.status,
        "moved": p.moved,
        "ops": _ops_json(p.ops),
    }


def _guideline_json(change: GuidelineChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "changes": list(change.changes),
        "from_number": change.from_number,
        "to_number": change.to_number,
        "from_part": change.from_part,
        "to_part": change.to_part,
        "title": _ops_json(change.title_ops),
        "merged_from": list(change.merged_from),
        "merged_into": list(change.merged_into),
        "split_from": list(change.split_from),
        "split_into": list(change.split_into),
        "replaces": list(change.replaces),
        "replaced_by": list(change.replaced_by),
        "paragraphs": [_paragraph_json(p) for p in change.paragraphs],
        "note": [_paragraph_json(p) for p in change.note],
        "untranslated_in": list(change.untranslated_in),
    }


__all__ = [
    "KIND_HEADINGS",
    "describe",
    "describe_part",
    "direction_note",
    "guideline_heading",
    "guideline_name",
    "heading",
    "shown_guidelines",
    "to_html_page",
    "to_json",
    "to_markdown",
    "to_terminal",
]
