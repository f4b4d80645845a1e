"""The site's redlines: rows of marked paragraphs inside Material content tabs, as raw HTML that
is safe anywhere in a Markdown page.

The diff comes from :mod:`redraft.redline.compare` and the changes are marked by the HTML renderer
(:func:`redraft.redline.render.html.to_html`), the same one ``redraft diff --format html`` uses.
What is the site's own is the layout and the escaping: a fragment here must be inert twice over,
as HTML (``<`` escaped) and as Markdown (an asterisk in a deleted word must not open emphasis when
the fragment lands inside a content tab, where Python-Markdown reads it as inline HTML), so the
renderer is handed :func:`redraft.site.text.escape_text`, which gives both.

Each redline is offered two ways in Material content tabs: inline (deletions struck through next
to insertions, what a delegate knows from a compilation) and side by side (the old text left,
the new right, paragraph against paragraph).  The tabs are written as the HTML that
``pymdownx.tabbed`` (alternate style) produces, so they look and behave the same, but as one raw
block: no Markdown is ever applied to the texts inside.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING

from redraft.redline.render.html import to_html
from redraft.redline.render.marks import label_ops, paragraph_label
from redraft.redline.render.words import origin_of, printed_place
from redraft.redline.textdiff import Ops
from redraft.site.labels import EN, Labels, letter_label
from redraft.site.markdown_redlines import REDLINE_OPENING
from redraft.site.text import attribute, escape_text, language_attributes

if TYPE_CHECKING:
    from redraft.redline.compare import GuidelineChange, ParagraphRedline


@dataclass(frozen=True)
class RedlineRow:
    """One paragraph (or the title) of a redline, ready to render."""

    label: Ops
    text: Ops
    status: str
    """unchanged | changed | inserted | deleted | moved: a CSS hook and a reading aid."""
    css: str = "redraft-para"
    origin: tuple[str, ...] = ()
    """Where a paragraph carried over by a merge or split came from or went
    (:func:`~redraft.redline.render.words.origin_of`: ``("from", "7", "(a)")``), said in the
    page's language ("from former guideline 7 (a)"); kept in both views, unlike the status
    hint."""


NO_SCRIPT = "The side-by-side view needs JavaScript; the inline view shows every change."

Hints = tuple[tuple[str, str], ...]
"""The words a redline adds to its rows, in the page's language: a row's status → words (a
footnote's row, ``redraft-footnote``, under ``footnote-<status>``: a footnote is not a
paragraph), and the sentences saying where a paragraph carried over by a merge or split came
from or went (``origin-from``, ``origin-into``, ``place-paragraph``); and under ``language``,
the language they are in, when it is known."""


_HINT_LABELS = (
    ("inserted", "hint_inserted"),
    ("deleted", "hint_deleted"),
    ("moved", "hint_moved"),
    ("footnote-inserted", "hint_footnote_inserted"),
    ("footnote-deleted", "hint_footnote_deleted"),
    ("origin-from", "origin_from"),
    ("origin-into", "origin_into"),
    ("place-paragraph", "place_paragraph"),
)
"""Each hint's key, and the label that says it."""


def _origin(origin: tuple[str, ...], words: dict[str, str], language: str) -> str:
    """``from former guideline 7 (a)`` in the page's words, the label lettered as the compared
    text letters it (Arabic letters in an Arabic text)."""
    way, number, label = origin
    place = printed_place(number, letter_label(label, language), words["place-paragraph"])
    return words[f"origin-{way}"].format(place=place)


def status_hints(labels: Labels | Mapping[str, str]) -> Hints:
    """:data:`Hints` in the language of ``labels``."""
    words = tuple((key, labels[label]) for key, label in _HINT_LABELS)
    if isinstance(labels, Labels):
        return (*words, ("language", labels.language))
    return words


_ENGLISH = status_hints(EN)


def _lettered(label: Ops, language: str) -> Ops:
    """A label's ops with each whole label lettered for ``language`` (:func:`letter_label`)."""
    return tuple((op, letter_label(text, language)) for op, text in label)


@functools.lru_cache(maxsize=8_192)
def row_inline(row: RedlineRow, language: str | None = None, hints: Hints = ()) -> str:
    """One row as a paragraph of the inline view (``redraft.js`` draws the other from it);
    Arabic texts' labels are lettered as Arabic texts letter them; ``hints`` say what a new,
    deleted or moved row is, in the page's language (English without them).  Remembered within a
    generation: the same paragraph's redline is on a comparison, a history and the cards of its
    comments, in every tree."""
    label = to_html(_lettered(row.label, language or ""), escape=escape_text)
    text = to_html(row.text, escape=escape_text)
    status = f"footnote-{row.status}" if "redraft-footnote" in row.css.split() else row.status
    words = dict(hints or _ENGLISH)
    note = words.get(status)
    # A hint in another language than its row (the Arabic tree's words after an English text
    # it has no translation of) is set apart, or the bidi algorithm reorders its brackets and
    # numbers with the row's: "(من المبدأ التوجيهي السابق 7 (a))" came out scrambled.
    own = _hint_attributes(words.get("language"), language)
    hint = f' <span class="redraft-hint"{own}>({note})</span>' if note else ""
    if row.origin:
        # Text carried into another guideline is struck here but not gone from the document:
        # where it went replaces "deleted paragraph".
        origin = escape_text(_origin(row.origin, words, language or ""))
        hint = f' <span class="redraft-origin"{own}>({origin})</span>'
    head = f'<span class="redraft-label">{label}</span> ' if label else ""
    return f'<p class="{row.css} redraft-{row.status}">{head}{text}{hint}</p>'


def _hint_attributes(hint_language: str | None, row_language: str | None) -> str:
    """``lang`` and ``dir`` for a hint whose language is not its row's; nothing when both are
    the same or either is unknown (English hints of the command-line renderers)."""
    if hint_language and row_language and hint_language != row_language:
        return language_attributes(hint_language)
    return ""


class TabIds:
    """Unique ids for the radio buttons of every tab set on one page."""

    def __init__(self) -> None:
        self._sets = count(1)

    def next_set(self) -> int:
        return next(self._sets)


def redline_tabs(
    rows: Sequence[RedlineRow],
    old_heading: str,
    new_heading: str,
    tabs: TabIds,
    language: str | None = None,
    views: tuple[str, str] = ("Inline", "Side by side"),
    no_script: str = NO_SCRIPT,
    hints: Hints = (),
) -> str:
    """Inline and side-by-side views of ``rows`` as one raw HTML block (no blank lines);
    ``views`` names the two tabs in the page's language.

    Only the inline view is in the page: ``redraft.js`` draws the side-by-side table from it
    (the older text is the inline one without its insertions, the newer without its deletions).
    Writing both doubled every comparison and history, the largest pages of a big site; without
    JavaScript, the second tab says the inline view shows everything (``no_script``).
    """
    number = tabs.next_set()
    name = f"redraft_tabs_{number}"
    lang = f' lang="{attribute(language)}"' if language else ""
    inline_body = "".join(row_inline(row, language, hints) for row in rows)
    side_body = (
        f'<div class="redraft-sbs-slot" data-old="{attribute(old_heading)}" '
        f'data-new="{attribute(new_heading)}"><p class="redraft-hint">'
        f"{escape_text(no_script)}</p></div>"
    )
    return (
        "\n".join(
            [
                f'{REDLINE_OPENING} data-tabs="{number}:2"{lang}>',
                f'<input checked="checked" id="{name}_1" name="{name}" type="radio">'
                f'<input id="{name}_2" name="{name}" type="radio">',
                '<div class="tabbed-labels">'
                f'<label for="{name}_1">{escape_text(views[0])}</label>'
                f'<label for="{name}_2">{escape_text(views[1])}</label></div>',
                '<div class="tabbed-content">',
                f'<div class="tabbed-block"><div class="redraft-inline">{inline_body}</div></div>',
                f'<div class="tabbed-block">{side_body}</div>',
                "</div>",
                "</div>",
            ]
        )
        + "\n"
    )


def paragraph_row(
    paragraph: ParagraphRedline, css: str = "redraft-para", forward: bool = True
) -> RedlineRow:
    """``forward``: whether the comparison runs from the older version to the newer."""
    status: str = paragraph.status
    if status in ("unchanged", "changed") and paragraph.moved:
        status = "moved"
    return RedlineRow(
        label=paragraph_label(paragraph),
        text=tuple(paragraph.ops),
        status=status,
        css=css,
        origin=origin_of(paragraph, forward) or (),
    )


def guideline_rows(change: GuidelineChange, forward: bool = True) -> list[RedlineRow]:
    """The rows of one guideline's redline: number and title, paragraphs, explanatory note,
    footnotes (each labelled with its mark, ``[^1]``)."""
    title_status = "changed" if any(op != "equal" for op, _ in change.title_ops) else "unchanged"
    number = label_ops(change.from_number or "", change.to_number or "")
    rows = [
        RedlineRow(
            label=number, text=tuple(change.title_ops), status=title_status, css="redraft-title"
        )
    ]
    rows.extend(paragraph_row(p, forward=forward) for p in change.paragraphs)
    rows.extend(paragraph_row(p, "redraft-para redraft-note", forward) for p in change.note)
    rows.extend(
        paragraph_row(p, "redraft-para redraft-footnote", forward) for p in change.footnotes
    )
    return rows
