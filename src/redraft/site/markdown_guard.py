"""A Python-Markdown extension that removes what Markdown itself could make dangerous.

The page generator already renders outside text inert (:mod:`redraft.site.text`); this is the
second net for what Markdown syntax produces: a link or image whose address runs script
(``javascript:``, ``vbscript:``) or carries its own content (``data:``), an image fetched from
another site (the site must work offline and leak no reader to a third party), and event-handler
or style attributes.  It runs after every inline pattern and attribute list, on the element tree,
so it judges the parsed address the browser would follow rather than the source text.

Raw HTML never reaches the tree (Python-Markdown stashes it), which is why the generator never
lets outside text become raw HTML in the first place.

Enable it as ``markdown_extensions: [redraft.site.markdown_guard]``; ``redraft build`` always does.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Any

# Python-Markdown ships no type information (and types-Markdown is not a dependency).
from markdown import Extension, Markdown  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]
from markdown.util import AMP_SUBSTITUTE  # type: ignore[import-untyped]

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "poster", "cite", "background", "xlink:href", "data"}
)
DROPPED_ATTRIBUTES = frozenset({"style", "srcdoc", "srcset"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Browsers ignore ASCII whitespace and control characters inside a URL's scheme.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def as_browser_reads(value: str) -> str:
    """``value`` as a browser parses it: character references decoded (the HTML parser does it
    before the URL parser sees the attribute), whitespace and control characters dropped (the URL
    parser strips them at the ends and removes tabs and newlines anywhere; dropping them all only
    makes the judgement stricter), and a backslash read as a slash (for http and https, and for a
    relative address on an http page, the URL standard treats them alike)."""
    decoded = html.unescape(value.replace(AMP_SUBSTITUTE, "&"))
    return _IGNORED_IN_URL.sub("", decoded).replace("\\", "/")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in ``value`` (lower case), or None for a relative URL."""
    match = _SCHEME.match(as_browser_reads(value).lower())
    return match.group(1) if match else None


def is_safe_url(value: str, *, allow_remote: bool = True) -> bool:
    """Whether a browser following ``value`` stays safe; with ``allow_remote=False``, whether it
    also stays on the site: only a path ("a.png", "../a.png", "/a.png"), never another host."""
    scheme = url_scheme(value)
    if scheme is None:
        # "//host/x" (or "/\\host/x", "&#47;&#47;host/x") is a remote address without a scheme.
        return allow_remote or not as_browser_reads(value).startswith("//")
    return allow_remote and scheme in SAFE_SCHEMES


class GuardTreeprocessor(Treeprocessor):  # type: ignore[misc]
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or lowered in DROPPED_ATTRIBUTES:
                    del element.attrib[name]
                elif lowered in URL_ATTRIBUTES:
                    remote_ok = element.tag != "img"
                    if not is_safe_url(element.attrib[name], allow_remote=remote_ok):
                        del element.attrib[name]
                        _disarm(element)


def _disarm(element: etree.Element) -> None:
    """A link or image that lost its address becomes plain text: MkDocs rewrites every ``<a>``'s
    ``href`` and ``<img>``'s ``src`` after us and fails on one that has none."""
    if element.tag == "a":
        element.tag = "span"
        element.attrib.pop("href", None)
    elif element.tag == "img":
        element.tag = "span"
        element.text = element.attrib.pop("alt", "")
        element.attrib.pop("src", None)


class MarkdownGuardExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        # After attribute lists (priority 8) so that attributes they add are judged too, and
        # before toc (priority 5) so that the table of contents is built from the cleaned tree.
        md.treeprocessors.register(GuardTreeprocessor(md), "redraft_guard", 6)


def makeExtension(**kwargs: Any) -> MarkdownGuardExtension:
    return MarkdownGuardExtension(**kwargs)
