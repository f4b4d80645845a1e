"""A generated page: where it goes, what it is called, and its Markdown."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from redraft.site.text import front_matter, title_for_template

BOOST_LIVING = 2.0
"""A current guideline's own page: what a delegate searching for words of the text wants."""
BOOST_WHOLE_VERSION = 0.5
"""The whole current version: it holds every guideline's words, and would otherwise outrank the
guideline's own page on any phrase."""
BOOST_SUPERSEDED = 0.005
"""Text no longer current: a guideline deleted or superseded, an older version and its
guidelines.  Still found, after the current text: Material weighs a word in a title a thousand
times one in the text, so a superseded guideline whose title has the word would otherwise
outrank the current guideline whose text has it."""


@dataclass(frozen=True)
class Page:
    """One Markdown file of a language tree.

    ``path`` is relative to the tree's docs folder (see :mod:`redraft.site.urls`); ``body`` is
    the Markdown after the front matter.  ``search`` False keeps the whole page out of the search
    index (redlines: marked-up words index badly).  ``hide`` names Material's page elements to
    hide (``navigation``, ``toc``) where a page needs the width.
    """

    path: str
    title: str
    body: str
    search: bool = True
    hide: tuple[str, ...] = field(default=())
    boost: float | None = None
    """How much the page weighs in search results (Material's ``search.boost``): current text
    above superseded text, a guideline's own page above the whole version that contains it."""
    tags: tuple[str, ...] = field(default=())
    """Words the search index weighs above any title (Material's ``tags`` field): a version
    page's symbol, so that "CRP.14" finds the document before the pages that mention it; a
    current guideline's former names (:func:`redraft.site.guidelines.former_names`).  Not shown
    on the page while the tags plugin is off, but Material's search shows them under a result,
    as HTML, so they are written escaped (a symbol is the editor's text, like any other)."""

    def markdown(self) -> str:
        meta: dict[str, object] = {"title": title_for_template(self.title)}
        if not self.search:
            meta["search"] = {"exclude": True}
        elif self.boost is not None:
            meta["search"] = {"boost": self.boost}
        if self.tags:
            meta["tags"] = [html.escape(tag, quote=True) for tag in self.tags]
        if self.hide:
            meta["hide"] = list(self.hide)
        return front_matter(meta) + "\n" + self.body.rstrip("\n") + "\n"


@dataclass(frozen=True)
class StaticFile:
    """A file copied as is into a tree: a hand-written page, a stylesheet, an image."""

    path: str
    data: bytes
