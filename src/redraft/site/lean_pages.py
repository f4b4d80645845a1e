"""Pages that hold as little of their text as they can while MkDocs builds a tree.

MkDocs builds in two loops: it reads and converts every page (``_populate_page``), then renders
and writes every page through the theme (``_build_page``).  Between the two, every page keeps its
Markdown and its HTML: at L the main tree's 9,801 pages (525 MB of Markdown) took the process
past 1.35 GB and still growing.  This plugin, handed to MkDocs by
:func:`redraft.site.mkdocs_run.build_tree` after the tree's own plugins (the render cache too),
lets go of what no one reads any more:

- a page's Markdown once converted (an empty text, unlike ``None``, keeps its title as it was);
- its HTML between the loops, held compressed (:func:`pack`: Redraft's pages are repetitive
  markup that shrinks several times) and given back to the page just before it is rendered,
  ahead of every other plugin that reads it (Material's search, the render cache);
- its HTML once the page is written (the search index took what it needs in
  ``on_page_context``; other pages' navigation reads titles and URLs only).

The site is byte for byte the same (a test compares it with plain MkDocs').  The plugin also
keeps jieba out of trees not searched in Chinese.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import lz4.block  # type: ignore[import-untyped]
from mkdocs.plugins import BasePlugin, event_priority

MAX_RATIO = 255
"""The most an LZ4 block expands: one byte of it stands for at most 255 (its format's limit)."""
LAST = -1000
FIRST = 1000
CACHED_TEMPLATE = "redraft-cached-page.html"
"""The template a page whose finished HTML the render cache reuses renders: that HTML, as it
is (:mod:`redraft.site.render_cache`)."""


def pack(text: str) -> bytes:
    """A page's text as held between the loops, and as the render cache stores it: LZ4, not
    zlib.  A clean build packs every page twice (its converted Markdown and, for the cache, the
    finished page: 410 MB of HTML at M), and zlib's fastest level took 1.8-2.1 s of CPU for the
    finished pages alone where LZ4 took 0.35-0.41 s, unpacking 4 times faster too; its pages
    are a quarter larger (3.9 times smaller than the text instead of 5)."""
    return bytes(lz4.block.compress(text.encode("utf-8", "surrogatepass"), store_size=True))


def unpack(data: bytes) -> str:
    """The text :func:`pack` packed; ``ValueError`` for bytes it did not make (a damaged
    cache entry).  The size the bytes announce is checked first: LZ4 makes at most 255 bytes
    of one, so a larger claim is damage, and is refused before LZ4 sets that much memory aside."""
    announced = int.from_bytes(data[:4], "little")
    if len(data) < 4 or announced > MAX_RATIO * len(data):
        raise ValueError("not a packed page")
    try:
        text = lz4.block.decompress(data)
    except (ValueError, lz4.block.LZ4BlockError) as error:
        raise ValueError(f"not a packed page: {error}") from None
    return bytes(text).decode("utf-8", "surrogatepass")


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
