"""A generated page: where it goes, what it is called, and its Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field

from redraft.site.text import front_matter, title_for_template


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

    def markdown(self) -> str:
        meta: dict[str, object] = {"title": title_for_template(self.title)}
        if not self.search:
            meta["search"] = {"exclude": True}
        if self.hide:
            meta["hide"] = list(self.hide)
        return front_matter(meta) + "\n" + self.body.rstrip("\n") + "\n"


@dataclass(frozen=True)
class StaticFile:
    """A file copied as is into a tree: a hand-written page, a stylesheet, an image."""

    path: str
    data: bytes
