"""Material's search index, each page's HTML read by a quicker tokenizer.

Material's search plugin divides every page's HTML into sections (a heading and the text under
it) with a parser built on the standard library's :class:`html.parser.HTMLParser`: a tokenizer
written in Python, which counts lines and tries each kind of markup in turn at every ``<``.  In
the French tree of the synthetic M scale it took 13.6 % of the tree's CPU, three quarters of
that in the tokenizer (sampled with py-spy, December 2026).

Redraft's pages are HTML of a narrow kind (Python-Markdown's output and Redraft's own blocks):
text, start tags whose attributes are double-quoted or bare, end tags. For HTML made only of
those, :func:`read_quickly` finds with three regular expressions the very events ``HTMLParser``
reports (text as one unescaped run between two tags, tag and attribute names lowered,
attribute values unquoted and unescaped, ``<br/>`` as a start and an end) and hands them to
Material's own handlers (through :func:`quick_parser`'s subclass of its parser), so the
sections, and the index, are the same. Anything else in a page (a comment, a declaration,
``<script>`` or ``<style>`` with their raw content, a single-quoted attribute, a ``<`` that
starts no tag, whitespace other than ASCII's inside a tag) and the page is read by
``HTMLParser`` as before, from its start.

Whitespace inside tags is ASCII's only, as ``HTMLParser`` ends a tag's name there (it would
read ``<p\\xa0x>`` as a tag named ``p\\xa0x``).  A test compares the sections both make on the
example's pages and on constructs chosen to differ; the whole site's byte-for-byte comparison
with plain MkDocs covers the index too.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from html import unescape
from typing import Any

_SPACE = "[ \\t\\n\\r\\f]"
_NAME = "[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_START = re.compile(rf'<([a-zA-Z][a-zA-Z0-9-]*)((?:{_SPACE}+{_NAME}(?:="[^"]*")?)*){_SPACE}*(/?)>')
_ATTRIBUTE = re.compile(rf'{_SPACE}+({_NAME})(?:(=)"([^"]*)")?')
# HTMLParser's own pattern for an end tag (``endtagfind``): what it reads as one, exactly
_END = re.compile(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
_RAW_TEXT = frozenset({"script", "style"})
"""Elements whose content HTMLParser reads as raw text, not as markup."""


def read_quickly(parser: Any, html: str) -> bool:
    """Hand ``parser`` (an ``HTMLParser``, fresh) the events ``HTMLParser`` itself would report
    for ``html``: text (one unescaped run between two tags), start tags (``<br/>`` as a start
    and an end) and end tags.  False, part way, at anything else; the caller starts again."""
    data, start, end = parser.handle_data, parser.handle_starttag, parser.handle_endtag
    find, start_tag, end_tag = html.find, _START.match, _END.match
    i, n = 0, len(html)
    while i < n:
        j = find("<", i)
        if j < 0:
            j = n
        if i < j:
            data(unescape(html[i:j]))
            if j == n:
                break
        tag = start_tag(html, j)
        if tag is not None:
            name = tag.group(1).lower()
            if name in _RAW_TEXT:
                return False
            listed = tag.group(2)
            attributes = (
                [
                    (key.lower(), (unescape(value) if value else value) if equals else None)
                    for key, equals, value in _ATTRIBUTE.findall(listed)
                ]
                if listed
                else []
            )
            if tag.group(3):
                parser.handle_startendtag(name, attributes)
            else:
                start(name, attributes)
            i = tag.end()
            continue
        closing = end_tag(html, j)
        if closing is None:
            return False
        end(closing.group(1).lower())
        i = closing.end()
    return True


@functools.cache
def quick_parser(base: type) -> type:
    """A subclass of Material's search ``Parser`` (``base``) that reads a page through
    :func:`read_quickly` when it can, and through ``HTMLParser`` otherwise."""

    class QuickParser(base):  # type: ignore[misc]
        quick = True
        _fed = False

        def feed(self, data: str) -> None:
            # Material makes a parser for each page and feeds it the page once: only a first
            # feed is read quickly (HTMLParser keeps what a feed leaves unread for the next).
            first, self._fed = not self._fed, True
            if first and read_quickly(self, data):
                return
            if first:  # the quick reading stopped part way: start again, as made
                self.__init__()  # type: ignore[misc]
                self._fed = True
            super().feed(data)

    return QuickParser


@contextlib.contextmanager
def quick_search() -> Iterator[None]:
    """While open, Material's search index reads pages with :func:`quick_parser`'s parser:
    its ``SearchIndex`` makes a ``Parser`` from its module for each page.  Without Material's
    search (or with one laid out otherwise), nothing changes."""
    try:
        from material.plugins.search import plugin as search  # type: ignore[import-untyped]
    except ImportError:
        yield
        return
    original = getattr(search, "Parser", None)
    if not isinstance(original, type) or getattr(original, "quick", False):
        yield  # no parser to replace, or an enclosing (or a concurrent) build replaced it
        return
    search.Parser = quick_parser(original)
    try:
        yield
    finally:
        search.Parser = original
