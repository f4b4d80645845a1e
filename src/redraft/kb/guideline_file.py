"""Split a guideline's Markdown file into front matter and anchored paragraphs.

Pure text in, structures out: the loader decides what the front matter means.  A paragraph is a
run of non-blank lines; its label ("(a)", "3.") gives its anchor unless an explicit ``{#id}``
closes it; the heading ``## Explanatory note`` starts the note.  A block that opens with
``[^label]:`` is a footnote's text, not a paragraph; paragraphs refer to it with ``[^label]``.
Whitespace inside a paragraph is collapsed, so re-wrapping a paragraph never changes the model:
a line break becomes a space, except between two characters of a script written without spaces
(Chinese, Japanese), where it vanishes (:func:`join_wrapped_lines`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NOTE_HEADING = re.compile(r"^#{2,3}\s+explanatory\s+notes?\s*$", re.IGNORECASE)
_LABEL = re.compile(r"^(?:\((?P<paren>[a-z]{1,5}|[0-9]{1,3})\)|(?P<dot>[0-9]{1,3})\.)\s+")


# Characters of scripts written without spaces between words, as CSS Text 3 treats a line break
# between them: Han (with its radicals, iteration marks and extensions), Hiragana, Katakana
# (full and half width), Bopomofo, CJK symbols and punctuation, and fullwidth forms.  Hangul is
# left out on purpose: Korean separates words with spaces, so a break between two syllables
# stands for one (as CSS also rules).
_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3100-\u312f\u31a0-\u31bf"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff9f\uffe0-\uffef"
    "\U00020000-\U0003ffff"
)
# A line break (with at most one space before it, and the next line's indentation) between two
# such characters.  Two spaces before a break are a Markdown hard break and are left alone.
_CJK_LINE_BREAK = re.compile(f"(?<=[{_CJK}]) ?\n[^\\S\n]*(?=[{_CJK}])")


def join_wrapped_lines(text: str) -> str:
    """``text`` with every line break between two Chinese or Japanese characters removed.

    A writer of Chinese or Japanese wraps a long line anywhere, and the break is no space: read
    as one, it would put a space in the middle of a sentence (``并就本国 在这一领域``) and make
    a re-wrapping look like a change of wording.  Other line breaks are left as they are.
    """
    # an ASCII text has no such character: skip the search (most texts, on every load)
    return _CJK_LINE_BREAK.sub("", text) if "\n" in text and not text.isascii() else text


def is_single_spaced(text: str) -> bool:
    """Whether ``text`` has no whitespace but single spaces between words: nothing any
    ``normalize_space`` would change.

    Most paragraphs are already so, and the test costs a fraction of the regular expressions
    (``check`` normalizes tens of thousands of texts).  ``str.isprintable`` is false for every
    character Python counts as whitespace except the ASCII space (they are all in the Unicode
    categories Zs, Zl, Zp or Cc), so a printable text's only whitespace is spaces.
    """
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def normalize_space(text: str) -> str:
    """Join wrapped lines (:func:`join_wrapped_lines`), collapse every other run of whitespace
    to one space and strip the ends."""
    if is_single_spaced(text):
        return text
    # str.split splits where the regular expression \s matches (str.isspace), without
    # rewriting every single space as re.sub does
    return " ".join(join_wrapped_lines(text).split())


@dataclass(frozen=True)
class RawParagraph:
    id: str
    label: str
    text: str
    line: int
    in_note: bool
    explicit_id: bool


@dataclass(frozen=True)
class RawFootnote:
    label: str
    text: str
    line: int


FOOTNOTE_DEFINITION = re.compile(r"^\[\^(?P<label>[A-Za-z0-9-]{1,32})\]:[ \t]*")
FOOTNOTE_REFERENCE = re.compile(r"\[\^(?P<label>[A-Za-z0-9-]{1,32})\](?!:)")
"""A footnote's mark in a paragraph, as Python-Markdown's footnotes extension reads it."""


@dataclass(frozen=True)
class SourceProblem:
    line: int
    message: str


@dataclass(frozen=True)
class SplitFile:
    front_matter: str
    front_matter_line: int  # the line of the first front-matter line after "---"
    body: str
    body_line: int


def split_front_matter(text: str) -> SplitFile | SourceProblem:
    """Separate the YAML between the opening and closing ``---`` lines from the body."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return SourceProblem(1, "missing front matter: the file must start with a line '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return SplitFile(
                front_matter="\n".join(lines[1:index]),
                front_matter_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    return SourceProblem(1, "front matter is not closed by a line '---'")


def label_anchor(label: str) -> str:
    """The anchor a label gives a paragraph without ``{#id}``: ``(b)`` → ``b``, ``3.`` → ``3``."""
    match = _LABEL.match(label + " ")
    if match is None:
        return ""
    return match.group("paren") or match.group("dot") or ""


def parse_body(body: str, first_line: int) -> tuple[list[RawParagraph], list[SourceProblem]]:
    """The paragraphs of a guideline body, with their anchors and lines."""
    paragraphs, _, problems = parse_body_with_footnotes(body, first_line)
    return paragraphs, problems


def parse_body_with_footnotes(
    body: str, first_line: int
) -> tuple[list[RawParagraph], list[RawFootnote], list[SourceProblem]]:
    """The paragraphs of a guideline body, with their anchors and lines, and its footnotes."""
    paragraphs: list[RawParagraph] = []
    footnotes: list[RawFootnote] = []
    problems: list[SourceProblem] = []
    in_note = False
    block: list[str] = []
    block_line = first_line
    counters = {False: 0, True: 0}

    def close_block() -> None:
        if not block:
            return
        # a definition starts "[^": the regular expression is asked only then
        definition = FOOTNOTE_DEFINITION.match(block[0]) if block[0][:2] == "[^" else None
        if definition:
            rest = [block[0][definition.end() :], *block[1:]]
            text = normalize_space("\n".join([line.rstrip() for line in rest]))
            footnotes.append(RawFootnote(definition.group("label"), text, block_line))
            block.clear()
            return
        counters[in_note] += 1
        # each line's trailing space goes: a hard break means nothing in a guideline paragraph
        raw = normalize_space("\n".join([line.rstrip() for line in block]))
        paragraph, problem = _paragraph(raw, block_line, in_note, counters[in_note])
        paragraphs.append(paragraph)
        if problem:
            problems.append(problem)
        block.clear()

    # The loop of every guideline file's every line (a fifth of a first check at L): one strip
    # a line, and the heading tests only for a line that starts with "#" (both need one).
    for offset, line in enumerate(body.split("\n")):
        stripped = line.strip()
        if not stripped:
            close_block()
            continue
        if stripped[0] != "#":
            if not block:
                block_line = first_line + offset
            block.append(line)
            continue
        number = first_line + offset
        if NOTE_HEADING.match(stripped):
            close_block()
            if in_note:
                problems.append(SourceProblem(number, "a second 'Explanatory note' heading"))
            in_note = True
            continue
        if not block:
            problems.append(
                SourceProblem(
                    number,
                    "unexpected heading: a guideline body has paragraphs and, optionally, "
                    "'## Explanatory note'",
                )
            )
            continue
        block.append(line)  # a "#" inside a paragraph is its text
    close_block()

    seen: dict[str, int] = {}
    for paragraph in paragraphs:
        if paragraph.id in seen:
            problems.append(
                SourceProblem(
                    paragraph.line,
                    f"duplicate paragraph id '{paragraph.id}' (first at line {seen[paragraph.id]})",
                )
            )
        else:
            seen[paragraph.id] = paragraph.line
    problems.extend(_footnote_problems(paragraphs, footnotes))
    return paragraphs, footnotes, problems


def _footnote_problems(
    paragraphs: list[RawParagraph], footnotes: list[RawFootnote]
) -> list[SourceProblem]:
    """A mark with no footnote, a footnote defined twice or with no text (errors: the site
    and the documents could not place it)."""
    problems = []
    defined: dict[str, int] = {}
    for footnote in footnotes:
        if footnote.label in defined:
            problems.append(
                SourceProblem(
                    footnote.line,
                    f"footnote [^{footnote.label}] is defined twice "
                    f"(first at line {defined[footnote.label]})",
                )
            )
        defined.setdefault(footnote.label, footnote.line)
        if not footnote.text:
            problems.append(SourceProblem(footnote.line, f"footnote [^{footnote.label}] is empty"))
    for paragraph in paragraphs:
        for mark in FOOTNOTE_REFERENCE.finditer(paragraph.text):
            if mark.group("label") not in defined:
                problems.append(
                    SourceProblem(
                        paragraph.line,
                        f"footnote [^{mark.group('label')}] has no text: add a line "
                        f"'[^{mark.group('label')}]: …' after the paragraphs",
                    )
                )
    return problems


_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def _split_explicit_id(raw: str) -> tuple[str, str] | None:
    """``raw`` without its closing ``{#id}``, and the id; None if it has none.

    Done by hand rather than with a regular expression searched from every ``{#``: that search
    took seconds on a hostile paragraph of 20 KB (``{#{#{#…``) and grew with the square of its
    length.  ``raw`` has had its whitespace collapsed to single spaces.
    """
    stripped = raw.rstrip()
    if not stripped.endswith("}"):
        return None
    body = stripped[:-1]
    run_start = max(body.rfind("}"), body.rfind(" ")) + 1  # the id holds neither
    marker = body.find("{#", run_start)
    if marker < 0:
        return None
    return stripped[:marker].rstrip(), body[marker + 2 :]


def _paragraph(
    raw: str, line: int, in_note: bool, position: int
) -> tuple[RawParagraph, SourceProblem | None]:
    problem = None
    explicit = None
    found = _split_explicit_id(raw)
    if found:
        raw, explicit = found
        if not _ID.match(explicit):
            problem = SourceProblem(
                line,
                f"invalid paragraph id '{explicit[:70]}': use lowercase letters, digits and "
                "hyphens",
            )
            explicit = None
    label = ""
    label_id = None
    match = _LABEL.match(raw)
    if match:
        label = match.group(0).strip()
        label_id = match.group("paren") or match.group("dot")
        raw = raw[match.end() :]
    if explicit:
        anchor = explicit
    elif in_note:
        anchor = f"note-{position}"
    elif label_id:
        anchor = label_id
    else:
        anchor = f"p{position}"
    return RawParagraph(anchor, label, raw.strip(), line, in_note, explicit is not None), problem
