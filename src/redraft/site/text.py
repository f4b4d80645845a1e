"""Turning strings from the knowledge base into Markdown that can only ever render as text.

Two kinds of text reach a page:

* **Text from outside** (submissions, comments, proposed wording, rationales, party names, titles)
  must render exactly as written.  :func:`escape_text` turns every character that HTML or any
  Markdown extension we enable could read as syntax into a numeric character reference.
  Python-Markdown passes references through untouched and the browser shows the character, so the
  result is inert in every context: a paragraph, a table cell, a heading, an admonition, a tab, or
  the inside of a raw HTML block.  Nothing is lost: the search index decodes the references back.
* **Guideline text** is Markdown by design (emphasis and links are allowed, see docs/format.md) but
  raw HTML is not rendered: :func:`guideline_markdown` escapes ``<`` so no tag survives, and
  neutralises braces so no attribute list can add an event handler.  Links whose scheme is not
  http, https or mailto are removed later by :mod:`redraft.site.markdown_guard`, which sees the
  parsed link rather than guessing at it with a regular expression.
"""

from __future__ import annotations

import functools
import html
import json
import re
import string
from collections.abc import Iterable, Mapping

from redraft.kb.guideline_file import is_single_spaced, join_wrapped_lines
from redraft.kb.model import RTL_LANGUAGES

# Characters HTML, or a Markdown extension we enable, reads as syntax anywhere in a line.  `&`
# first among equals: escaping it keeps a literal "&lt;" in a submission from turning into "<".
# Parentheses need no escape once brackets have one (a link needs "]("), and hyphens, plus signs
# or digits only matter at the start of a line, which :func:`inline` handles.
_SPECIAL = frozenset('&<>"\\`*_{}[]#|~^')
_ESCAPES: dict[int, str] = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
# Control characters are not text HTML can carry, and two of them (STX, ETX) are the markers
# Python-Markdown puts around its placeholders: a submission must not be able to forge one.
CONTROL_CHARACTERS = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]
_ESCAPES.update({code: "\ufffd" for code in CONTROL_CHARACTERS})
_CONTROLS_ONLY = {code: "\ufffd" for code in CONTROL_CHARACTERS}
# Most texts have nothing to escape: one scan in C says so before ``translate`` looks up every
# character in a dict (the larger part of escaping a comment's words).
_ESCAPED = re.compile("[" + re.escape("".join(chr(code) for code in sorted(_ESCAPES))) + "]")
# What opens a block (list, quote, heading, definition, table, rule) at the start of a line.
_BLOCK_START = re.compile(r"^([#>*+=|:\-]|\d+[.)])")


def normalize_space(text: str) -> str:
    """One line, single spaces: what a table cell, a heading or a link text needs (a line break
    between two Chinese or Japanese characters is no space: it vanishes)."""
    if is_single_spaced(text):
        return text
    return " ".join(join_wrapped_lines(text).split())  # as \s+ → " " and strip, faster


def escape_text(text: str) -> str:
    """``text`` as inert Markdown and HTML: every syntax character becomes a character reference.

    Whitespace is kept as is; use :func:`inline` where the text must stay on one line.
    """
    if _ESCAPED.search(text) is None:
        return text
    return text.translate(_ESCAPES)


@functools.lru_cache(maxsize=16_384)
def inline(text: str) -> str:
    """Outside text for one line of Markdown (a cell, a heading, a list item, a link text).

    Remembered: the same party names, labels and titles are made inline again on every page of
    every tree (150,000 calls at S for a few thousand distinct texts)."""
    return protect_line_start(escape_text(normalize_space(text)))


def sentence(template: str, **markdown: str) -> str:
    """An interface sentence whose ``{fields}`` are filled with Markdown (links), the words of
    the sentence itself escaped as outside text: translations put the link where their grammar
    wants it ("in {version}", "见{version}")."""
    return "".join(
        piece if field is None else markdown[field] for piece, field in _sentence_pieces(template)
    )


@functools.lru_cache(maxsize=1_024)
def _sentence_pieces(template: str) -> tuple[tuple[str, str | None], ...]:
    """A template's words escaped as outside text and its fields, in order (``(words, None)`` or
    ``("", field)``): the same few hundred templates fill a hundred thousand cards at M."""
    out: list[tuple[str, str | None]] = []
    for literal, field, _, _ in string.Formatter().parse(template):
        if literal:
            lead = " " if literal[:1].isspace() else ""
            trail = " " if literal[-1:].isspace() and literal.strip() else ""
            out.append((lead + inline(literal) + trail if literal.strip() else literal, None))
        if field is not None:
            out.append(("", field))
    return tuple(out)


def protect_line_start(markdown: str) -> str:
    """Keep a line from opening a list, quote, heading or rule if it lands at a line's start."""
    return _BLOCK_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), markdown, 1)


def paragraphs(text: str) -> list[str]:
    """The blank-line separated paragraphs of a verbatim text, each on one line."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [normalize_space(b) for b in blocks if b.strip()]


def language_attributes(language: str | None) -> str:
    """``lang`` and ``dir`` attributes for a block written in ``language``."""
    if not language:
        return ""
    lang = escape_text(language)
    direction = "rtl" if language in RTL_LANGUAGES else "ltr"
    return f' lang="{lang}" dir="{direction}"'


@functools.lru_cache(maxsize=4_096)
def verbatim_block(
    text: str, language: str | None = None, css_class: str = "redraft-verbatim"
) -> str:
    """A text as received, paragraph by paragraph, as one line of raw HTML.

    One line, so that it stays a single raw block wherever it is placed (Python-Markdown only
    recognises raw HTML that starts a line and ends at a blank line).  Remembered: a comment's
    words are shown on its card in every tree, on its party's page and in its call's table.
    """
    body = "".join(f"<p>{escape_text(p)}</p>" for p in paragraphs(text)) or "<p></p>"
    return f'<div class="{css_class}"{language_attributes(language)}>{body}</div>'


def guideline_markdown(text: str) -> str:
    """Secretariat-written Markdown (guideline paragraphs, introductions) with raw HTML disabled.

    ``<`` becomes ``&lt;`` so that no tag, comment or autolink survives; braces become references
    so that no ``{: onclick=...}`` attribute list can be smuggled in.  Emphasis and links stay.
    A line break between two Chinese or Japanese characters goes: a browser may show it as a
    space in the middle of a sentence.
    """
    return (
        join_wrapped_lines(text)
        .translate(_CONTROLS_ONLY)
        .replace("<", "&lt;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


def md_link(label: str, target: str, hreflang: str | None = None) -> str:
    """A Markdown link; ``label`` must already be safe Markdown (see :func:`inline`)."""
    suffix = f"{{ hreflang={hreflang} }}" if hreflang else ""
    return f"[{label}]({target}){suffix}"


def attribute(text: str) -> str:
    """A value for an HTML attribute in generated raw HTML."""
    return html.escape(normalize_space(text), quote=True)


def front_matter(entries: Mapping[str, object]) -> str:
    """YAML front matter.  Strings are JSON-quoted (valid YAML, no tag or anchor can sneak in).

    Titles reach Material's templates unescaped (MkDocs renders them without autoescaping), so
    callers pass titles through :func:`title_for_template`.
    """
    lines = ["---"]
    for key, value in entries.items():
        lines.extend(_yaml_entry(key, value, 0))
    lines.append("---")
    return "\n".join(lines) + "\n"


def _yaml_entry(key: str, value: object, depth: int) -> Iterable[str]:
    indent = "  " * depth
    if isinstance(value, Mapping):
        yield f"{indent}{key}:"
        for sub_key, sub_value in value.items():
            yield from _yaml_entry(sub_key, sub_value, depth + 1)
    elif isinstance(value, (list, tuple)):
        yield f"{indent}{key}: {json.dumps(list(value), ensure_ascii=False)}"
    else:
        yield f"{indent}{key}: {json.dumps(value, ensure_ascii=False)}"


def title_for_template(text: str) -> str:
    """A page title as Material's templates need it: HTML-escaped once, on one line."""
    return html.escape(normalize_space(text), quote=True)
