"""Redlines as HTML: deletions in ``<del class="redraft-del">``, insertions in ``<ins
class="redraft-ins">``.

``to_html`` and ``to_html_side_by_side`` mark the ops of one text; ``to_html_page`` lays out a
whole :class:`~redraft.redline.compare.VersionDiff` (see :mod:`redraft.redline.render.words`) as
a standalone page.  Every text is escaped by ``escape``: HTML escaping by default; the site
passes one that also makes the text inert as Markdown (:func:`redraft.site.text.escape_text`),
because its redlines sit in Markdown pages.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence

from redraft.kb.model import RTL_LANGUAGES
from redraft.redline.compare import ParagraphRedline, VersionDiff
from redraft.redline.render.marks import hunks, paragraph_label
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
from redraft.redline.textdiff import Op

__all__ = ["Escape", "to_html", "to_html_page", "to_html_side_by_side"]

Escape = Callable[[str], str]
"""Turns a text into HTML that shows it as written."""

_HTML_TAGS: dict[Op, str] = {"delete": "del", "insert": "ins"}


def _html_mark(op: Op, lead: str, core: str, trail: str, escape: Escape) -> str:
    tag = _HTML_TAGS[op]
    return f'{escape(lead)}<{tag} class="redraft-{tag}">{escape(core)}</{tag}>{escape(trail)}'


def to_html(ops: Iterable[tuple[Op, str]], escape: Escape = html.escape) -> str:
    """Inline redline: deletions in ``<del class="redraft-del">``, insertions in ``<ins
    class="redraft-ins">``, all text passed through ``escape``."""
    return "".join(
        escape(core) if op == "equal" else _html_mark(op, lead, core, trail, escape)
        for op, lead, core, trail in hunks(ops)
    )


def to_html_side_by_side(
    ops: Iterable[tuple[Op, str]], escape: Escape = html.escape
) -> tuple[str, str]:
    """The old text with its deletions marked, and the new text with its insertions marked."""
    old: list[str] = []
    new: list[str] = []
    # Each side is one whole version, so edge space can always sit outside the mark.
    for op, lead, core, trail in hunks(ops, inline=False):
        if op == "equal":
            old.append(escape(core))
            new.append(escape(core))
        else:
            (old if op == "delete" else new).append(_html_mark(op, lead, core, trail, escape))
    return "".join(old), "".join(new)


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
    rows = summary_rows(diff)
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
        body += _html_paragraphs(change.paragraphs, side_by_side, diff.forward)
        if change.note:
            body.append("<h3>Explanatory note</h3>")
            body += _html_paragraphs(change.note, side_by_side, diff.forward)
        if change.footnotes:
            body.append("<h3>Footnotes</h3>")
            body += _html_paragraphs(change.footnotes, side_by_side, diff.forward)
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


def _html_paragraphs(
    paragraphs: Sequence[ParagraphRedline], side_by_side: bool, forward: bool = True
) -> list[str]:
    if not side_by_side:
        return [
            f"<p>{_span_label(to_html(paragraph_label(p)))}{'<em>(moved)</em> ' if p.moved else ''}"
            f"{to_html(p.ops)}{_origin(p, forward)}</p>"
            for p in paragraphs
        ]
    out = [
        '<table class="redraft-side-by-side"><thead><tr><th scope="col">before</th>'
        '<th scope="col">after</th></tr></thead><tbody>'
    ]
    for p in paragraphs:
        old_html, new_html = to_html_side_by_side(p.ops)
        label_old, label_new = to_html_side_by_side(paragraph_label(p))
        origin = _origin(p, forward)
        before = f"{_span_label(label_old)}{old_html}{origin}" if p.from_id is not None else ""
        after = f"{_span_label(label_new)}{new_html}{origin}" if p.to_id is not None else ""
        out.append(f"<tr><td>{before}</td><td>{after}</td></tr>")
    out.append("</tbody></table>")
    return out


def _origin(p: ParagraphRedline, forward: bool) -> str:
    origin = paragraph_origin(p, forward)
    return f' <em class="redraft-origin">({html.escape(origin)})</em>' if origin else ""


def _span_label(label_html: str) -> str:
    return f'<span class="redraft-label">{label_html}</span> ' if label_html else ""
