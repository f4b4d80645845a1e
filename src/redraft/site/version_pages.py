"""Which page of a long version shows which guideline.

A version page reproduces the whole document; at M the working draft's page weighed 684 KB of
HTML, and issue 18 allows 150 KB a page.  A version whose text would not fit on one page is shown
in parts instead: ``/versions/<version>/`` keeps its header, introduction and contents, and the
guidelines follow on ``/versions/<version>/pages/<n>/`` in document order, as many to a page as
:data:`PAGE_BUDGET` allows.  The Word and PDF downloads stay the whole document.

The split is decided from the version's source text, not from one tree's rendered page, so that it
is the same in every language tree: a link from one tree into another's version (``cross``), and
the language links between the same page of two trees, then always find the page they name.  Each
guideline weighs its longest language; the budget leaves room for the theme and the markup a
page gains as HTML (16 to 38 KB at M).  ``pages/`` sits one level below a version's guideline
pages (``/versions/<version>/<guideline>/``), so no guideline id can collide with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from redraft.site import urls
from redraft.site.context import BY_VALUE

if TYPE_CHECKING:
    from redraft.kb.model import Guideline, Version
    from redraft.site.context import Context

PAGE_BUDGET = 100_000
"""The most estimated Markdown (bytes) one page of a version may hold.  Measured at M, a page's
HTML is its Markdown plus 16 to 38 KB of theme and markup, and pages planned at 100 KB had at most
92 KB of Markdown.  Read at call time, so that a test can lower it to split the example's
versions."""

PARAGRAPH_MARKUP = 160
"""What a paragraph adds to its words as Markdown: its anchor, label and list markup."""

GUIDELINE_MARKUP = 400
"""What a guideline adds besides its paragraphs: its heading, anchor and the living-page link."""

CONTENTS_LINE = 160
"""One line of the contents list: number, title and anchor."""


@dataclass(frozen=True)
class Layout:
    """How a version is laid out: ``pages`` lists, for each page after the contents, its entries
    ``(part id, guideline id)`` in order (a part without guidelines has one entry with ``None``).
    No pages: the version is one page."""

    pages: tuple[tuple[tuple[str, str | None], ...], ...] = ()

    @property
    def split(self) -> bool:
        return bool(self.pages)

    def page_of_guideline(self, guideline_id: str) -> int | None:
        for number, entries in enumerate(self.pages, start=1):
            if any(g == guideline_id for _, g in entries):
                return number
        return None

    def page_of_part(self, part_id: str) -> int | None:
        for number, entries in enumerate(self.pages, start=1):
            if any(p == part_id for p, _ in entries):
                return number
        return None


def guideline_weight(guideline: Guideline) -> int:
    """The Markdown a guideline is estimated to take on a version page: its longest language."""
    weights = []
    for text in (guideline.text, *guideline.translations.values()):
        words = [
            text.title,
            *(p.text for p in text.all_paragraphs),
            *(f.text for f in text.footnotes),
        ]
        markup = PARAGRAPH_MARKUP * len(text.all_paragraphs) + GUIDELINE_MARKUP
        weights.append(sum(len(w.encode("utf-8")) for w in words) + markup)
    return max(weights)


def plan(version: Version, budget: int) -> Layout:
    """Greedy runs of guidelines in document order, each run within ``budget``; one page when the
    whole version (contents and introductions included) is within it."""
    introductions = [version.introduction, *version.translated_introductions.values()]
    weights = {g.id: guideline_weight(g) for g in version.guidelines}
    whole = (
        sum(weights.values())
        + max(len(i.encode("utf-8")) for i in introductions)
        + CONTENTS_LINE * (len(weights) + len(version.parts))
    )
    if whole <= budget:
        return Layout()
    pages: list[tuple[tuple[str, str | None], ...]] = []
    current: list[tuple[str, str | None]] = []
    weight = 0
    for part in version.parts:
        ids = [g for g in part.guideline_ids if g in weights]
        if not ids:
            current.append((part.id, None))
            continue
        for guideline_id in ids:
            holds_guideline = any(g is not None for _, g in current)
            if holds_guideline and weight + weights[guideline_id] > budget:
                pages.append(tuple(current))
                current, weight = [], 0
            current.append((part.id, guideline_id))
            weight += weights[guideline_id]
    if current:
        pages.append(tuple(current))
    return Layout(tuple(pages))


def layout(ctx: Context, version_id: str) -> Layout:
    """The layout of a version, the same in every tree (remembered for the build)."""
    found: Layout = ctx.facts.read_by_value(ctx, ("version pages", version_id, str(PAGE_BUDGET)))
    return found


def _layout(ctx: Context, version_id: str, _budget: str) -> Layout:
    version = ctx.kb.version(version_id)
    return Layout() if version is None else plan(version, PAGE_BUDGET)


BY_VALUE["version pages"] = _layout


def page_path(version_id: str, number: int) -> str:
    """Page ``number`` (from 1) of the guidelines of a split version."""
    return f"versions/{urls.segment(version_id)}/pages/{int(number)}/index.md"


def target(ctx: Context, version_id: str, anchor: str | None) -> str:
    """The page of a version that holds ``anchor``: a guideline (``x``), one of its paragraphs
    (``x_a``, ``x__b``) or a part (``part_x``) is on its page of a split version; anything else
    (the contents, the introduction) on the version's own page."""
    whole = urls.version(version_id)
    if not anchor:
        return whole
    found = layout(ctx, version_id)
    if not found.split:
        return whole
    if anchor.startswith("part_"):
        number = found.page_of_part(anchor[len("part_") :])
    else:
        number = found.page_of_guideline(anchor.split("_", 1)[0])
    return whole if number is None else page_path(version_id, number)
