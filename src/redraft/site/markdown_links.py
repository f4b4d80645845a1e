"""A Python-Markdown extension that finds where a link's text ends without re-reading the
paragraph at every link.

Python-Markdown's link processors (links, images, references) ask ``getText`` for the text
between a link's ``[`` and the ``]`` that closes it.  Python-Markdown 3.11 answers by working
out, for every character of the text being parsed, where a bracket opened there would close,
and keeps that for as long as the text stays the same object; but the inline processor makes a
new text each time it turns a link into an element, so a paragraph of n characters holding k
links costs k times n steps of Python.  Redraft's pages hold such paragraphs: a comparison lists
the comments each change addresses ("Belarus (blr-2012-2-28), Bolivia (bol-2012-2-6), ..."),
a pager links every page of a comparison, and their length grows with the knowledge base.  At
the synthetic M scale converting a comparison page spent 46 % of its time there, and forty
comparison pages converted in 2.04 s of CPU with Python-Markdown's own ``getText`` against
0.74 s with this one, to the same HTML.

This extension gives each link processor a ``getText`` that scans forward from the ``[`` with
``str.find`` (in C) and stops at the bracket that closes it, so each link costs the length of
its own text.  A bracket that never closes would make that scan run to the end of the text, and
many of them (a page of ``[[[[...``) would be quadratic again: the first time a scan fails on a
text, every position's answer for that text is worked out in one pass and kept for as long as
the text is the same, as Python-Markdown does.  The answers are Python-Markdown's own: brackets
nest, a backslash does not escape one here (escaped brackets never reach a link processor), and
a test compares the two on every position of thousands of texts and on every page of the
example.

Enable it as ``markdown_extensions: [redraft.site.markdown_links]``; ``redraft build`` always
does.
"""

from __future__ import annotations

from typing import Any

# Python-Markdown ships no type information (and types-Markdown is not a dependency).
from markdown import Extension, Markdown  # type: ignore[import-untyped]
from markdown.inlinepatterns import LinkInlineProcessor  # type: ignore[import-untyped]


def closing_bracket(data: str, index: int) -> int | None:
    """The position just past the ``]`` that closes a bracket opened just before ``index``
    (brackets nested inside it are skipped), or None if it never closes."""
    depth = 0
    position = index
    while True:
        close = data.find("]", position)
        if close < 0:
            return None
        depth += data.count("[", position, close)
        if depth == 0:
            return close + 1
        depth -= 1
        position = close + 1


def every_closing_bracket(data: str) -> list[int | None]:
    """:func:`closing_bracket` for every position of ``data`` (and its end), in one pass.

    A position's bracket closes at the first ``]`` that takes the running count of open
    brackets below the count at that position.  The positions still waiting are kept on a stack
    whose counts only rise, so each ``]`` settles the waiting positions above its new count."""
    ends: list[int | None] = [None] * (len(data) + 1)
    waiting: list[tuple[int, int]] = []  # (position, open brackets before it)
    depth = 0
    for position, char in enumerate(data):
        waiting.append((position, depth))
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            while waiting and waiting[-1][1] > depth:
                ends[waiting.pop()[0]] = position + 1
    return ends


class LinkText:
    """The ``getText`` given to one link processor."""

    def __init__(self) -> None:
        self._data: str | None = None  # the last text in which a bracket did not close
        self._ends: list[int | None] = []

    def __call__(self, data: str, index: int) -> tuple[str, int, bool]:
        if data is self._data:
            end = self._ends[index]
        else:
            end = closing_bracket(data, index)
            if end is None:
                self._data, self._ends = data, every_closing_bracket(data)
        if end is None:
            return data[index:], len(data), False
        return data[index : end - 1], end, True


class LinkTextExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor):
                processor.getText = LinkText()


def makeExtension(**kwargs: Any) -> LinkTextExtension:
    return LinkTextExtension(**kwargs)
