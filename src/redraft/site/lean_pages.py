"""Pages that hold as little of their text as they can while MkDocs builds a tree.

MkDocs builds in two loops: it reads and converts every page (``_populate_page``), then renders
and writes every page through the theme (``_build_page``).  Between the two, every page keeps its
Markdown and its HTML: at L the main tree's 9,801 pages (525 MB of Markdown) took the process
past 1.35 GB and still growing.  This plugin, handed to MkDocs by
:func:`redraft.site.mkdocs_run.build_tree` after the tree's own plugins (the render cache too),
lets go of what no one reads any more:

- a page's Markdown once converted (an empty text, unlike ``None``, keeps its title as it was);
- its HTML between the loops, held zlib-compressed (level 1: fast, and Redraft's pages are
  repetitive markup that shrinks several times) and given back to the page just before it is
  rendered, ahead of every other plugin that reads it (Material's search, the render cache);
- its HTML once the page is written (the search index took what it needs in
  ``on_page_context``; other pages' navigation reads titles and URLs only).

The site is byte for byte the same (a test compares it with plain MkDocs').  The plugin also
keeps jieba out of trees not searched in Chinese.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority

PACK_LEVEL = 1
"""zlib's fastest level: the pages are packed once and unpacked once per build."""
LAST = -1000
FIRST = 1000
CACHED_TEMPLATE = "redraft-cached-page.html"
"""The template a page whose finished HTML the render cache reuses renders: that HTML, as it
is (:mod:`redraft.site.render_cache`)."""


def pack(text: str) -> bytes:
    """A page's text as held between the loops."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), PACK_LEVEL)


def unpack(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8", "surrogatepass")


class LeanPages(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """The MkDocs plugin; each build starts afresh in ``on_config``."""

    def __init__(self, packed_already: Callable[[str, str], bytes | None] | None = None) -> None:
        """``packed_already(uri, html)``: the packed bytes of that very text, if another plugin
        (the render cache) packed it already, or read it packed."""
        super().__init__()
        self._packed: dict[str, bytes] = {}
        self._packed_already = packed_already

    def on_config(self, config: Any) -> Any:
        from redraft.site.mkdocs_run import segment_chinese_only_where_searched

        self._packed = {}
        segment_chinese_only_where_searched(config)  # after the search plugin's on_config
        return config

    @event_priority(LAST)
    def on_page_content(self, html: str, *, page: Any, **_: Any) -> str:
        # after every other plugin: the HTML as they left it is what the page is rendered with
        page.markdown = ""
        uri = page.file.src_uri
        known = self._packed_already(uri, html) if self._packed_already is not None else None
        self._packed[uri] = known if known is not None else pack(html)
        return ""

    @event_priority(FIRST)
    def on_page_context(self, context: Any, *, page: Any, **_: Any) -> Any:
        # before every other plugin (search indexes page.content here) and the template
        packed = self._packed.pop(page.file.src_uri, None)
        if page.meta.get("template") == CACHED_TEMPLATE:
            # A page the render cache finished: its template prints the stored page, its search
            # entries are the stored ones, and nothing reads its content. Given back, it was
            # unpacked and then scanned by Material's search for attributes to strip (a quarter
            # of a rebuild's main tree at M when an edit left most pages as they were).
            page.content = ""
        elif packed is not None:
            page.content = unpack(packed)
        return context

    @event_priority(LAST)
    def on_post_page(self, output: str, *, page: Any, **_: Any) -> str:
        page.content = ""
        return output
