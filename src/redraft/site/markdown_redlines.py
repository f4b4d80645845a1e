"""A Python-Markdown extension that stashes the redline blocks Redraft writes whole, instead of
reading them tag by tag.

Python-Markdown finds raw HTML with an HTML parser written in Python (``md_in_html``'s
extractor): every tag of a raw block is tokenised, handed to a handler and written back into a
buffer, only for the block to be stored unchanged and put back into the page at the end.  A
comparison page is mostly such blocks: :func:`redraft.site.redlines.redline_tabs` writes each
guideline's redline as one raw ``<div>`` of some eighty tags, eleven thousand of them in the
main tree of the synthetic M scale, where the extractor took about a sixth of converting the
tree's pages (figures in docs/site.md).

This extension gives ``md_in_html``'s preprocessor an extractor that, when a redline block
opens at the top level of a page (where the extractor would begin a raw block of its own, not
inside another HTML block or a ``markdown`` one), checks the block with a few scans in C and,
if it is what Redraft writes, stores it exactly as the extractor would have (the same text, the
same surrounding blank lines) and moves past it.  Anything it is not sure of goes the usual way:
the block must end with its outer ``</div>`` followed by a blank line and hold no blank line, no
comment, declaration or processing instruction, no ``markdown`` attribute, no backtick, no ``&``
that is not a complete character reference, no element but those a redline is made of (so no
``script`` or ``style``, whose content a parser reads as text), and its tags must nest exactly
with no ``<`` or ``>`` outside a tag, so that the extractor's own tag stack would empty at the
very same ``</div>``.  Outside text never reaches a redline unescaped (:mod:`redraft.site.text`),
so these are checks of Redraft's own output.  A test converts every page of the example both
ways.

The extractor is Python-Markdown's internals, and Python-Markdown is not pinned (MkDocs brings
it): once a process, the extension converts a sample redline both ways and stays out of the way
if the two differ or its short way fails, so a release that changes the extractor costs the
saving, never a page.

Enable it as ``markdown_extensions: [redraft.site.markdown_redlines]`` after ``md_in_html``;
``redraft build`` always does.  Without ``md_in_html`` it does nothing.
"""

from __future__ import annotations

import functools
import re
from typing import Any

# Python-Markdown ships no type information (and types-Markdown is not a dependency).
from markdown import Extension, Markdown  # type: ignore[import-untyped]
from markdown.extensions.md_in_html import (  # type: ignore[import-untyped]
    HtmlBlockPreprocessor,
    HTMLExtractorExtra,
)
from markdown.htmlparser import void_tags  # type: ignore[import-untyped]

REDLINE_OPENING = '<div class="tabbed-set tabbed-alternate redraft-redline"'
"""How every redline block begins (:func:`redraft.site.redlines.redline_tabs` writes it)."""

# What would make the extractor read a block otherwise than as its plain text: comments,
# declarations and processing instructions (rebuilt, not copied), the md_in_html attribute,
# backticks (Python-Markdown's tag pattern refuses them)...
_UNSURE = ("<!", "<?", "`", "markdown")
# ...an element other than those a redline is made of (an element whose content an HTML parser
# reads as text, such as <script>, is never one of them; nor is a name in capitals)...
_REDLINE_ELEMENTS = frozenset(
    {"div", "p", "span", "del", "ins", "input", "label", "a", "abbr", "b", "bdi", "bdo", "br",
     "cite", "code", "em", "i", "mark", "q", "s", "small", "strong", "sub", "sup", "u", "wbr"}
)  # fmt: skip
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
# ...and an "&" that the parser would complete with a ";" of its own.  (Substring tests and
# patterns that start with a literal: one case-insensitive expression for all of it took two
# thirds of this check's time.)
_LOOSE_AMPERSAND = re.compile(r"&(?![a-zA-Z][a-zA-Z0-9]*;|#[0-9]+;|#[xX][0-9a-fA-F]+;)")
# Elements without an end tag (HTML's void elements, as Python-Markdown's parser lists them) and
# self-closed ones: the extractor ends them with the element around them, so they take no part
# in where the block ends.
_EMPTY = re.compile(rf"<(?:{'|'.join(sorted(void_tags))})(?=[\s/>])[^<>]*>|<[a-zA-Z][^<>]*/>")
# An element with no other element inside it, closed by its own end tag.
_INNERMOST = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s>])[^<>]*>[^<>]*</\1>")


def redline_block_end(text: str, start: int) -> int | None:
    """Where the redline block opening at ``start`` ends (just past its outer ``</div>``), if
    the extractor would end it there and store exactly its text; None when unsure."""
    limit = text.find("\n\n", start)
    if limit < 0:
        return None
    block = text[start:limit]
    if not block.endswith("</div>") or _LOOSE_AMPERSAND.search(block):
        return None
    lowered = block.lower()
    if any(unsure in lowered for unsure in _UNSURE):
        return None
    if not _REDLINE_ELEMENTS.issuperset(_TAG_NAME.findall(block)):
        return None
    # The opening tag ends at its first ">", before the final </div>, with no "<" inside it (an
    # attribute holding "</div>" or ">" would end it elsewhere for a parser).
    opening_end = block.index(">")
    if opening_end >= len(block) - len("</div>") or "<" in block[1:opening_end]:
        return None
    # Its tags nest exactly: with the empty elements gone, removing innermost elements until
    # none is left must leave no "<" or ">" inside the outer element.  Then the extractor's tag
    # stack (which pops to the element an end tag names) holds the outer <div> alone only at its
    # final </div>, and no tag or text was read otherwise than as written.  (Each pass removes
    # one level; a redline is five or six deep.)
    inside = _EMPTY.sub("", block[opening_end + 1 : -len("</div>")])
    removed = 1
    while removed:
        inside, removed = _INNERMOST.subn("", inside)
    if "<" in inside or ">" in inside:
        return None
    return limit


class _RedlineExtractor(HTMLExtractorExtra):  # type: ignore[misc]
    def parse_starttag(self, i: int) -> int:
        text = self.rawdata
        if (
            text.startswith(REDLINE_OPENING, i)
            and not self.inraw
            and not self.intail
            and not self.mdstack
            and self.at_line_start()
        ):
            end = redline_block_end(text, i)
            if end is not None:
                # What the extractor does for a raw block followed by a blank line: a newline
                # before it, the block and that newline stashed, a blank line after.
                self.cleandoc.append("\n")
                self.cleandoc.append(self.md.htmlStash.store(text[i:end] + "\n"))
                self.cleandoc.append("\n\n")
                return end
        return int(super().parse_starttag(i))


class RedlineBlockPreprocessor(HtmlBlockPreprocessor):  # type: ignore[misc]
    """``md_in_html``'s raw HTML preprocessor with the extractor above."""

    def run(self, lines: list[str]) -> list[str]:
        parser = _RedlineExtractor(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


# A redline as redlines.redline_tabs writes it (that module imports this one), with a character
# reference, an empty element and text between two of its tags, between two paragraphs.
_SAMPLE = (
    "Before.\n\n"
    f'{REDLINE_OPENING} data-tabs="1:2" lang="en">\n'
    '<input checked="checked" id="t_1" name="t" type="radio">'
    '<input id="t_2" name="t" type="radio">\n'
    '<div class="tabbed-labels">'
    '<label for="t_1">Inline</label><label for="t_2">Side</label></div>\n'
    '<div class="tabbed-content">\n'
    '<div class="tabbed-block"><div class="redraft-inline"><p class="redraft-para"><span>(a)</span>'
    " A &#38; B <del>old</del> <ins>new</ins><br></p></div></div>\n"
    '<div class="tabbed-block"><div class="redraft-sbs-slot"><p>No script</p></div></div>\n'
    "</div>\n"
    "</div>\n"
    "\nAfter *it*.\n"
)


@functools.cache
def agrees_with_the_extractor() -> bool:
    """Whether, with the Python-Markdown installed, the sample converts to the same HTML with the
    short way as without it (asked once a process: MkDocs makes a Markdown instance per page)."""
    try:
        plain = Markdown(extensions=["md_in_html"]).convert(_SAMPLE)
        ours = Markdown(extensions=["md_in_html"])
        ours.preprocessors.register(RedlineBlockPreprocessor(ours), "html_block", 20)
        return bool(ours.convert(_SAMPLE) == plain)
    except Exception:  # an extractor without the state this module reads: the usual way
        return False


class RedlineExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        # md_in_html's preprocessor, and nobody else's (Registry has no ``get``)
        if (
            "html_block" in md.preprocessors
            and type(md.preprocessors["html_block"]) is HtmlBlockPreprocessor
            and agrees_with_the_extractor()
        ):
            md.preprocessors.register(RedlineBlockPreprocessor(md), "html_block", 20)


def makeExtension(**kwargs: Any) -> RedlineExtension:
    return RedlineExtension(**kwargs)
