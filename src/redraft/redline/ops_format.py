"""Renderers of a text diff (:mod:`redraft.redline.textdiff` ops): CriticMarkup, HTML,
terminal, plain.

Pure functions of the ops, no I/O. The ops are the inline text of one paragraph: block syntax
that would open it (a list marker, a heading's ``#``) is the caller's to write outside.

Whitespace at the edges of a changed hunk goes outside its mark where that changes nothing a
reader sees, so a strike-through or underline does not start or end on a space: always in the
side-by-side views (each side is one whole version), and in the inline views only where the
other version has a space or the paragraph's edge at that place too and no line break is
involved (see ``_hunks``). A hunk that is only whitespace stays marked, so the change remains
visible.

CriticMarkup (``to_critic``) is written for ``pymdownx.critic`` in view mode, and rendering it
in accept mode gives the new text, in reject mode the old one:

* A replacement is written as a deletion followed by an insertion, ``{--old--}{++new++}``,
  not as a substitution ``{~~old~>new~~}``: pymdownx.critic renders a substitution as exactly
  that ``<del>`` plus ``<ins>`` pair, so it buys nothing, while its ``~>`` separator would be
  one more sequence to guard in the old text.
* pymdownx.critic finds marks in the raw source before markdown is parsed, with no regard for
  backslash escapes or code spans. Text that would open or close a mark (``{--``, ``--}``,
  ``{++``, ``++}``, ``{~~``, ``~~}``, ``{==``, ``==}``, ``{>>``, ``<<}``) therefore gets its brace
  written as a character reference (``&#123;`` / ``&#125;``), which markdown renders as the
  brace; inside a code span, where references are not decoded, the span is written as the
  equivalent inline ``<code>`` element instead.
* Inside a mark, a lone markdown delimiter (a ``*``, ``_``, ``[``... that is not part of a
  complete construct, which the tokenizer would have kept whole) is written as a character
  reference. In its own text it was literal; but the rendered redline interleaves old and new
  text, and an unescaped ``*`` in a deletion could pair with one in the next insertion,
  producing emphasis that straddles ``</del><ins>``.
* A blank line inside a mark becomes pymdownx.critic's paragraph-break mark
  (``{--\\n\\n--}``); a mark may not span paragraphs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from rich.text import Text

from redraft.redline.textdiff import Op, tokenize

__all__ = [
    "to_critic",
    "to_html",
    "to_html_side_by_side",
    "to_plain",
    "to_rich_text",
]

# HTML's whitespace, the kind a browser collapses; a no-break space is text and stays marked.
_SPACE = " \t\n\r\f"
_EDGES = re.compile(rf"^([{_SPACE}]*)(.*?)([{_SPACE}]*)$", re.DOTALL)
# A paragraph break, which pymdownx.critic marks with a mark holding nothing but newlines.
_BLANK_LINE = re.compile(r"[^\S\n]*\n(?:[^\S\n]*\n)+[^\S\n]*")


def _edges(text: str) -> tuple[str, str, str]:
    """Split a hunk into (leading space, core, trailing space); all-space text is all core."""
    match = _EDGES.match(text)
    assert match is not None  # the pattern matches any string
    lead, core, trail = match.groups()
    if not core:
        return "", text, ""
    return lead, core, trail


def _hunks(
    ops: Iterable[tuple[Op, str]], *, inline: bool = True
) -> Iterator[tuple[Op, str, str, str]]:
    """Each op as (op, leading space, text to mark, trailing space); equal text is all core.

    In an inline redline both versions are read from one stream, so a hunk's edge space may
    only leave its mark where the other version has a space (or the paragraph's edge) there
    already, and the browser collapses the two: deleting " States " from "a,| States |States"
    must not read "a, States" once accepted. Space that touches a line break stays marked:
    in markdown two spaces before a line break are a hard break, and a blank line a new
    paragraph, neither of which collapses.
    """
    ops = [(op, text) for op, text in ops if text]
    for k, (op, text) in enumerate(ops):
        if op == "equal":
            yield op, "", text, ""
            continue
        lead, core, trail = _edges(text)
        if inline and (lead or trail):
            # In canonical ops the neighbours of a mark are exactly what the other version has
            # on either side of it: an equal text, or the other half of a replacement.
            before = ops[k - 1][1] if k > 0 else ""
            after = ops[k + 1][1] if k + 1 < len(ops) else ""
            space_before = before[len(before.rstrip(_SPACE)) :]
            space_after = after[: len(after) - len(after.lstrip(_SPACE))]
            joins_space = not before or not after or bool(space_before or space_after)
            if not joins_space or "\n" in space_before + lead + trail + space_after:
                lead, core, trail = "", text, ""
        yield op, lead, core, trail


# --------------------------------------------------------------------------------------------
# CriticMarkup
# --------------------------------------------------------------------------------------------

_CRITIC_MARKS: dict[Op, tuple[str, str]] = {"delete": ("{--", "--}"), "insert": ("{++", "++}")}
# A brace that, with its neighbours, reads as a critic opener or closer.
_CRITIC_TRIGGER = re.compile(r"\{(?=\+\+|--|==|>>|~~)|(?<=\+\+|--|==|<<|~~)\}")
_BRACE_REFERENCE = {"{": "&#123;", "}": "&#125;"}
# Delimiters that can open or close an inline construct when they stand alone.
_LONE_DELIMITERS = frozenset("*_~=^[]<`")
_CODE_SPAN = re.compile(r"(`+)(.+)\1", re.DOTALL)
_ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
_EXTENSION_SPAN = re.compile(r"(~~|==|\^\^|~|\^)(.+)(\1)", re.DOTALL)


def _critic_text(text: str, *, in_mark: bool) -> str:
    out: list[str] = []
    plain: list[str] = []
    for token in tokenize(text):
        code = _CODE_SPAN.fullmatch(token) if token[0] == "`" and token.strip("`") else None
        if code and _CRITIC_TRIGGER.search(token):
            out.append(_CRITIC_TRIGGER.sub(_brace, "".join(plain)))
            plain.clear()
            # Markdown is still parsed between inline HTML tags, so every ASCII punctuation
            # character of the content becomes a character reference; Python-Markdown strips
            # a code span's content, so strip it too.
            content = _ASCII_PUNCTUATION.sub(_reference, code.group(2).strip())
            out.append(f"<code>{content}</code>")
        elif in_mark and set(token) <= _LONE_DELIMITERS:
            plain.append(_ASCII_PUNCTUATION.sub(_reference, token))
        elif in_mark and (extension := _EXTENSION_SPAN.fullmatch(token)):
            # ~~strike~~, ==mark==, ^^insert^^, ~sub~ and ^sup^ are plain text where their
            # pymdownx extension is off, and then a lone delimiter inside them is as free to
            # pair across marks as one outside.
            opener, inner, closer = extension.groups()
            plain.append(opener + _critic_text(inner, in_mark=True) + closer)
        else:
            plain.append(token)
    out.append(_CRITIC_TRIGGER.sub(_brace, "".join(plain)))
    return "".join(out)


def _brace(match: re.Match[str]) -> str:
    return _BRACE_REFERENCE[match.group()]


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group())};"


def to_critic(ops: Iterable[tuple[Op, str]]) -> str:
    """CriticMarkup for pymdownx.critic: ``{--deleted--}{++inserted++}`` within the text."""
    out: list[str] = []
    for op, lead, core, trail in _hunks(ops):
        if op == "equal":
            out.append(_critic_text(core, in_mark=False))
            continue
        opener, closer = _CRITIC_MARKS[op]
        out.append(lead)
        position = 0
        for blank in _BLANK_LINE.finditer(core):
            piece = core[position : blank.start()]
            if piece:
                out.append(_critic_mark(opener, closer, piece))
            out.append(f"{opener}\n\n{closer}")
            position = blank.end()
        if position < len(core):
            out.append(_critic_mark(opener, closer, core[position:]))
        out.append(trail)
    return "".join(out)


def _critic_mark(opener: str, closer: str, text: str) -> str:
    return f"{opener}{_critic_text(text, in_mark=True)}{closer}"


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_HTML_TAGS: dict[Op, str] = {"delete": "del", "insert": "ins"}


def _html_mark(op: Op, lead: str, core: str, trail: str) -> str:
    tag = _HTML_TAGS[op]
    return (
        f'{html.escape(lead)}<{tag} class="redraft-{tag}">{html.escape(core)}</{tag}>'
        f"{html.escape(trail)}"
    )


def to_html(ops: Iterable[tuple[Op, str]]) -> str:
    """Inline redline: deletions in ``<del class="redraft-del">``, insertions in ``<ins
    class="redraft-ins">``, all text HTML-escaped."""
    return "".join(
        html.escape(core) if op == "equal" else _html_mark(op, lead, core, trail)
        for op, lead, core, trail in _hunks(ops)
    )


def to_html_side_by_side(ops: Iterable[tuple[Op, str]]) -> tuple[str, str]:
    """The old text with its deletions marked, and the new text with its insertions marked."""
    old: list[str] = []
    new: list[str] = []
    # Each side is one whole version, so edge space can always sit outside the mark.
    for op, lead, core, trail in _hunks(ops, inline=False):
        if op == "equal":
            old.append(html.escape(core))
            new.append(html.escape(core))
        else:
            (old if op == "delete" else new).append(_html_mark(op, lead, core, trail))
    return "".join(old), "".join(new)


# --------------------------------------------------------------------------------------------
# Terminal and plain text
# --------------------------------------------------------------------------------------------

# Strike-through and underline carry the meaning; colour only reinforces it.
DELETE_STYLE = "red strike"
INSERT_STYLE = "green underline"


def to_rich_text(ops: Iterable[tuple[Op, str]]) -> Text:
    """A rich Text with deletions struck through in red and insertions underlined in green."""
    text = Text()
    for op, lead, core, trail in _hunks(ops):
        if op == "equal":
            text.append(core)
        else:
            text.append(lead)
            text.append(core, style=DELETE_STYLE if op == "delete" else INSERT_STYLE)
            text.append(trail)
    return text


def to_plain(ops: Iterable[tuple[Op, str]]) -> str:
    """wdiff notation, for output that is not a terminal: ``[-deleted-]{+inserted+}``.

    Meant for reading, not parsing: the text itself is not escaped.
    """
    marks: dict[Op, tuple[str, str]] = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
    out: list[str] = []
    for op, lead, core, trail in _hunks(ops):
        if op == "equal":
            out.append(core)
        else:
            opener, closer = marks[op]
            out.append(f"{lead}{opener}{core}{closer}{trail}")
    return "".join(out)
