"""Guideline Markdown the site can render as written, and in bounded time.

Guideline paragraphs and introductions are Markdown (docs/format.md); the site renders them with
Python-Markdown.  Two things ``check`` must catch before a build meets them:

* **Work that grows with the square of the text.**  Python-Markdown's link and image parsers
  start at every ``[`` and read on until the matching ``]`` — to the end of the paragraph when
  there is none — and after ``](`` until the matching ``)``.  A paragraph of 50,000 ``[`` is
  1.25 billion characters read; 4,000 took 11 s on the machine measured (docs/trust.md, 6).
  :func:`link_scan` counts, in one pass, the characters those parsers may read (an upper bound),
  and the limits below keep it, and each paragraph's length, small enough that every page
  renders in a bounded time.  Everything else Python-Markdown does was measured to grow in
  proportion to the text (``scripts/bench_trust.py``), some characters much faster than others:
  those are counted too (:data:`MARKUP_CHARACTERS`).
* **A link that does not end where it seems.**  Python-Markdown reads
  ``[x](https://a.org "Title" (2019))`` as a link whose address runs on past the paragraph into
  the markup the site adds after it, which MkDocs then cannot parse.  :func:`runaway_links`
  renders the paragraph the way the site does, followed by a link of its own, and reports any
  address that swallowed text: an address with a space in it, or the site's own link lost.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

# Python-Markdown ships no type information (and types-Markdown is not a dependency).
import markdown  # type: ignore[import-untyped]

from redraft.site.text import guideline_markdown

MAX_PARAGRAPH_CHARS = 10_000
"""A guideline paragraph is at most a few thousand characters; the example's longest has 427."""
MAX_LINK_SCAN = 20_000
"""Characters the link parsers may read in one paragraph (:func:`link_scan`).  A paragraph with
twenty well-formed links with titles reads about a thousand; the worst paragraph at 20,000
rendered in 0.02 s."""
MAX_LINK_SCAN_PER_VERSION = 400_000
"""The same, added up over one language of one version: the version's page shows all of it (and
a comparison shows two).  Short paragraphs of brackets could otherwise pass one by one."""

MARKUP_CHARACTERS = frozenset("<&*_`\\")
"""The characters that cost Python-Markdown most per character (20 to 45 microseconds each,
measured at 10,000 in a paragraph: ``<``, which the site writes as ``&lt;``, references, emphasis,
code spans, escapes), against about 1.5 for a letter.  Their cost grows in proportion, but a
knowledge base of them would still make a slow build."""
MAX_MARKUP_PER_VERSION = 50_000
"""Markup characters in one language of one version: the example's use none, a text with much
emphasis a few hundred; 50,000 render in 2 to 4 s on the (shared) machine measured."""

SITE_MARKUP_ALLOWANCE = 300
"""The site writes its own links around a paragraph on the same line (the letter before it, the
pilcrow and its attribute list after it, some 100 to 250 characters): a ``[`` left open reads on
through them, so the count runs as if each paragraph were this much longer."""

_QUOTES = frozenset("\"'")
_SCANNED = re.compile(r"[\[\]()\"']")
_SENTINEL = "#redraft-paragraph-end"
_SUFFIX = f" [x]({_SENTINEL}){{ .x }}"


def link_scan(text: str, limit: int | None = None) -> int:
    """An upper bound on the characters Python-Markdown's link parsers read in ``text``; once
    past ``limit``, the count stops early and returns a value over it.

    Each ``[`` is read up to its matching ``]`` (nesting counted, as Python-Markdown does), or to
    the end when it has none.  Each ``(`` right after a ``]`` is read up to its matching ``)``,
    or to the end when it has none; but once a quote comes first, the parser reads the rest as a
    title and stops only at a ``)`` after a closing quote (``"title")``), or at the end.
    """
    end = len(text) + SITE_MARKUP_ALLOWANCE
    total = 0
    brackets: list[int] = []
    parens: list[int] = []
    matching_paren: dict[int, int] = {}
    link_opens: list[int] = []
    quotes: list[int] = []
    for found in _SCANNED.finditer(text):  # only these characters count: skip the rest in C
        index, char = found.start(), found.group()
        if char == "[":
            brackets.append(index)
        elif char == "]":
            if brackets:
                total += index - brackets.pop()
        elif char == "(":
            parens.append(index)
            if index > 0 and text[index - 1] == "]":
                link_opens.append(index)
        elif char == ")":
            if parens:
                matching_paren[parens.pop()] = index
        elif char in _QUOTES:
            quotes.append(index)
    total += sum(end - start for start in brackets)
    for start in link_opens:
        if limit is not None and total > limit:
            break
        close = matching_paren.get(start, end)
        after = bisect.bisect_right(quotes, start)
        if after < len(quotes) and quotes[after] < close:
            total += _title_end(text, quotes[after], limit) - start
        else:
            total += close - start
    return total


def _title_end(text: str, first_quote: int, limit: int | None) -> int:
    """Where the parser stops reading a link's title that opens at ``first_quote``: just after
    the first ``)`` whose last non-space character before it is a quote that has been closed
    (it is that quote's second occurrence or later).  Reading stops past ``limit`` characters."""
    seen = {'"': 0, "'": 0}
    last = ""
    end = len(text) + SITE_MARKUP_ALLOWANCE
    stop = len(text) if limit is None else min(len(text), first_quote + limit + 1)
    for index in range(first_quote, stop):
        char = text[index]
        if char == ")" and seen.get(last, 0) >= 2:
            return index + 1
        if char in seen:
            seen[char] += 1
        if char != " ":
            last = char
    return end


def markup_weight(text: str) -> int:
    """How many of ``text``'s characters are :data:`MARKUP_CHARACTERS`."""
    return sum(text.count(char) for char in MARKUP_CHARACTERS)


def size_problems(text: str) -> Iterator[str]:
    """What makes one paragraph too costly to render, each as a message."""
    if len(text) > MAX_PARAGRAPH_CHARS:
        yield (
            f"paragraph is too long to publish ({len(text)} characters; the limit is "
            f"{MAX_PARAGRAPH_CHARS}); split it"
        )
        return
    scan = link_scan(text, limit=MAX_LINK_SCAN)
    if scan > MAX_LINK_SCAN:
        yield (
            f"too many unclosed or nested brackets for the site to render (links would read "
            f"more than {MAX_LINK_SCAN} characters, the limit); close each '[' with ']' "
            "or write \\[ for a bracket that is not a link"
        )


@dataclass(frozen=True)
class RunawayLink:
    label: str
    address: str


@dataclass(frozen=True)
class TextCost:
    """What ``check`` weighs of one Markdown text: the messages of :func:`size_problems`, and
    when there are none, its :func:`runaway_links`, :func:`link_scan` and :func:`markup_weight`."""

    refused: tuple[str, ...]
    runaway: tuple[RunawayLink, ...] = ()
    link_scan: int = 0
    markup: int = 0


def text_cost(text: str) -> TextCost:
    """Every measure of ``text`` in one call, each computed once (:func:`size_problems` and the
    per-version budget both need the link scan)."""
    if len(text) > MAX_PARAGRAPH_CHARS:
        return TextCost(tuple(size_problems(text)))
    scan = link_scan(text, limit=MAX_LINK_SCAN)
    if scan > MAX_LINK_SCAN:
        return TextCost(tuple(size_problems(text)))
    return TextCost((), tuple(runaway_links(text)), scan, markup_weight(text))


def runaway_links(text: str) -> list[RunawayLink]:
    """The links and images of ``text`` whose address swallowed text after them, as the site's
    renderer reads them.  Only worth calling on text that passed :func:`size_problems`."""
    if "](" not in text:
        return []
    # the site follows a paragraph with its own link and attribute list (the pilcrow)
    source = f"{guideline_markdown(text)}{_SUFFIX}"
    reader = _Addresses()
    reader.feed(_renderer().reset().convert(source))
    reader.close()
    found = [
        RunawayLink(label, address.split(f" [x]({_SENTINEL}")[0])
        for label, address in reader.addresses
        if address != _SENTINEL
        and (_SENTINEL in address or any(c.isspace() or c == '"' for c in address))
    ]
    if not found and (_SENTINEL not in [address for _, address in reader.addresses]):
        found.append(RunawayLink("", "(the rest of the paragraph)"))
    return found


@functools.cache
def _renderer() -> markdown.Markdown:
    """One renderer for every paragraph (making one costs more than most conversions)."""
    return markdown.Markdown(extensions=["attr_list"])


class _Addresses(HTMLParser):
    """Each link's text and address, and each image's alt text and address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.addresses: list[tuple[str, str]] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") is not None:
            self._open.append((values["href"] or "", []))
        elif tag == "img" and values.get("src") is not None:
            self.addresses.append((values.get("alt") or "", values["src"] or ""))

    def handle_data(self, data: str) -> None:
        for _, text in self._open:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            address, text = self._open.pop()
            self.addresses.append(("".join(text), address))


def runaway_message(link: RunawayLink) -> str:
    shown = link.address if len(link.address) <= 60 else link.address[:57] + "…"
    return (
        f"the link [{link.label}] does not end where it seems: Markdown reads its address as "
        f"'{shown}'; write [text](address \"title\"), with the whole title in one pair of quotes"
    )
