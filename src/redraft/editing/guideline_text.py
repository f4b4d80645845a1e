"""A guideline's Markdown file as an editor wrote it, for edits that touch only what they must.

The loader reads a file into a model and forgets how it was written; a structural edit must give
the file back with every other byte as it was.  So the front matter is edited through
:mod:`redraft.editing.yamledit` (comments, quoting and order kept), and the body is handled as
the editor's own blocks of lines: a paragraph is moved, dropped or relettered as its lines, never
re-wrapped.  Pure functions over text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from redraft.editing.changeset import EditRefused
from redraft.editing.yamledit import edit
from redraft.kb.guideline_file import (
    FOOTNOTE_DEFINITION,
    FOOTNOTE_REFERENCE,
    NOTE_HEADING,
    RawParagraph,
    SourceProblem,
    parse_body_with_footnotes,
    split_front_matter,
)

DEFAULT_NOTE_HEADING = "## Explanatory note"
_TRAILING_ID = re.compile(r"\s*\{#[a-z0-9][a-z0-9-]*\}\s*$")
_ID_ONLY_LINE = re.compile(r"^\s*\{#[a-z0-9][a-z0-9-]*\}\s*$")


@dataclass(frozen=True)
class Block:
    """One paragraph as written: what the loader makes of it, and its lines."""

    paragraph: RawParagraph
    lines: tuple[str, ...]
    first: int
    """Index of its first line in the file's lines."""

    @property
    def id(self) -> str:
        return self.paragraph.id


@dataclass(frozen=True)
class FootnoteBlock:
    """One footnote as written (``[^label]: …`` and its continuation lines)."""

    label: str
    lines: tuple[str, ...]

    def text(self, label: str) -> str:
        """Its lines, called ``label`` instead of its own."""
        first = FOOTNOTE_DEFINITION.sub(
            lambda m: m.group(0).replace(self.label, label, 1), self.lines[0], count=1
        )
        return "\n".join((first, *self.lines[1:]))


@dataclass(frozen=True)
class GuidelineFile:
    """A guideline file cut where an edit needs it: front matter, and the body's blocks."""

    path: str
    lines: tuple[str, ...]
    front_matter: str
    blocks: tuple[Block, ...]
    note_heading: str | None
    footnotes: tuple[FootnoteBlock, ...] = ()

    def footnote(self, label: str) -> FootnoteBlock | None:
        return next((f for f in self.footnotes if f.label == label), None)

    @property
    def body_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if not b.paragraph.in_note)

    @property
    def note_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.paragraph.in_note)

    def block(self, paragraph_id: str) -> Block | None:
        return next((b for b in self.blocks if b.id == paragraph_id), None)


def read(path: str, text: str) -> GuidelineFile:
    """Cut ``text`` into front matter and blocks, refusing a file the loader would refuse."""
    split = split_front_matter(text)
    if isinstance(split, SourceProblem):
        raise EditRefused(f"{path}:{split.line}: {split.message}; fix it first")
    lines = tuple(text.split("\n"))
    paragraphs, footnotes, problems = parse_body_with_footnotes(split.body, split.body_line)
    if problems:
        raise EditRefused(f"{path}:{problems[0].line}: {problems[0].message}; fix it first")
    blocks = []
    for paragraph in paragraphs:
        start = end = paragraph.line - 1
        while end < len(lines) and lines[end].strip():
            if NOTE_HEADING.match(lines[end].strip()):
                break
            end += 1
        blocks.append(Block(paragraph, lines[start:end], start))
    heading = next(
        (line for line in lines[split.body_line - 1 :] if NOTE_HEADING.match(line.strip())), None
    )
    notes = []
    for footnote in footnotes:
        start = end = footnote.line - 1
        while end < len(lines) and lines[end].strip():
            end += 1
        notes.append(FootnoteBlock(footnote.label, lines[start:end]))
    return GuidelineFile(path, lines, split.front_matter, tuple(blocks), heading, tuple(notes))


def relabel_calls(text: str, labels: dict[str, str]) -> str:
    """``text`` with each footnote call ``[^old]`` named in ``labels`` calling ``[^new]``."""
    if not labels:
        return text
    return FOOTNOTE_REFERENCE.sub(
        lambda m: f"[^{labels.get(m.group('label'), m.group('label'))}]", text
    )


# -- front matter ---------------------------------------------------------------------------


def edit_front_matter(path: str, text: str, change: Callable[[CommentedMap], None]) -> str:
    """``text`` with ``change`` applied to its front matter; the body is kept byte for byte."""
    split = split_front_matter(text)
    if isinstance(split, SourceProblem):
        raise EditRefused(f"{path}:{split.line}: {split.message}; fix it first")
    lines = text.split("\n")
    closing = split.body_line - 2  # the index of the closing '---'
    front = "\n".join(lines[1:closing]) + "\n"

    def checked(data: Any) -> None:
        if not isinstance(data, CommentedMap):
            raise EditRefused(f"{path}:2: the front matter is not a mapping; fix it first")
        change(data)

    try:
        edited = edit(path, front, checked)
    except EditRefused as refusal:  # yamledit counts from the front matter's first line
        where, line, message = str(refusal).split(":", 2)
        raise EditRefused(f"{where}:{int(line) + 1}:{message}") from None
    return "\n".join([lines[0], edited.rstrip("\n"), *lines[closing:]])


_ONE_LINE_FIELD = re.compile(
    r"^(?P<head>(?P<key>[a-z_]+):[ \t]*)"
    r"(?P<value>'(?:[^']|'')*'|\"(?:[^\"\\]|\\.)*\"|[^\s#'\"|>&*!%@`\[{][^#]*?)"
    r"(?P<tail>[ \t]+#.*|[ \t]*)$"
)
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .,()/-]*$")


def set_front_field(path: str, text: str, key: str, value: str) -> str:
    """``text`` with the front-matter field ``key`` set to ``value``.

    A field written on one line is changed in place, in its own quoting, with whatever spacing
    and comment the editor put around it: only that value's characters change.  Anything else
    (a new field, a folded or block value) goes through the YAML round trip.
    """
    split = split_front_matter(text)
    if isinstance(split, SourceProblem):
        raise EditRefused(f"{path}:{split.line}: {split.message}; fix it first")
    lines = text.split("\n")
    closing = split.body_line - 2
    matches = [
        (index, match)
        for index in range(1, closing)
        if (match := _ONE_LINE_FIELD.match(lines[index])) and match.group("key") == key
    ]
    candidate = _block_value(lines, closing, key, value)
    if candidate is None and not matches:
        candidate = _new_line(lines, closing, key, value)
    if candidate is not None and _reads_as(candidate[1:closing + (len(candidate) - len(lines))],
                                           key, value):  # fmt: skip
        return "\n".join(candidate)
    if len(matches) == 1:
        index, match = matches[0]
        old = match.group("value")
        if old.startswith("'"):
            written = "'" + value.replace("'", "''") + "'"
        elif old.startswith('"'):
            written = json.dumps(value, ensure_ascii=False)
        elif _PLAIN_SAFE.match(value) and (not value.isdigit() or old.strip().isdigit()):
            written = value
        else:
            written = json.dumps(value, ensure_ascii=False)
        candidate = [*lines]
        candidate[index] = match.group("head") + written + match.group("tail")
        if _reads_as(candidate[1:closing], key, value):
            return "\n".join(candidate)
    return edit_front_matter(
        path, text, lambda data: set_field(data, key, value, after=FIELD_ORDER)
    )


def _reads_as(front_lines: list[str], key: str, value: str) -> bool:
    """Does the edited front matter read ``key`` as ``value``?  The guard on every line edit."""
    try:
        data = YAML(typ="safe").load("\n".join(front_lines) + "\n")
    except YAMLError:
        return False
    return isinstance(data, dict) and str(data.get(key)) == value


def _block_value(lines: list[str], closing: int, key: str, value: str) -> list[str] | None:
    """A folded or literal value (``title: >-`` and indented lines) given the new text on one
    line of the same indentation, the indicator line and its comment kept."""
    for index in range(1, closing):
        if re.match(rf"^{re.escape(key)}:[ \t]*[>|][-+]?[ \t]*(#.*)?$", lines[index]):
            end = index + 1
            while end < closing and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
                end += 1
            if end == index + 1 or value != value.strip():
                return None
            indent = lines[index + 1][: len(lines[index + 1]) - len(lines[index + 1].lstrip())]
            return [*lines[: index + 1], indent + value, *lines[end:]]
    return None


def _new_line(lines: list[str], closing: int, key: str, value: str) -> list[str] | None:
    """A new one-line field after the last of the first fields (``part:`` usually)."""
    last = max(
        (
            index
            for index in range(1, closing)
            if (match := _ONE_LINE_FIELD.match(lines[index])) and match.group("key") in FIELD_ORDER
        ),
        default=None,
    )
    if last is None or not _PLAIN_SAFE.match(value):
        return None
    return [*lines[: last + 1], f"{key}: {value}", *lines[last + 1 :]]


FIELD_ORDER = ("id", "number", "title", "part")
"""The order of a guideline's first fields, as the format shows them: a new field goes after."""


def set_field(data: CommentedMap, key: str, value: str, *, after: Sequence[str] = ()) -> None:
    """Set ``key`` to ``value`` in the style its old value was written in (quoted or not); a new
    key goes after the last of ``after`` present (else at the end), double-quoted like the
    fields Redraft scaffolds when it could be misread as a number."""
    old = data.get(key)
    if isinstance(old, ScalarString):
        new: Any = type(old)(value)
    elif isinstance(old, (int, float)) or (
        old is None and (value.replace(" ", "").isdigit() or _needs_quotes(value))
    ):
        new = DoubleQuotedScalarString(value)
    else:
        new = value
    if key in data:
        data[key] = new
        return
    _insert_after(data, key, new, after)


def set_list(data: CommentedMap, key: str, values: Sequence[str], *, after: Sequence[str]) -> None:
    """Set ``key`` to a flow list (``[a, b]``), as the format's examples write lineage."""
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    if key in data:
        data[key] = seq
    else:
        _insert_after(data, key, seq, after)


def _insert_after(data: CommentedMap, key: str, value: Any, after: Sequence[str]) -> None:
    keys = list(data.keys())
    positions = [keys.index(k) for k in after if k in keys]
    data.insert(max(positions) + 1 if positions else len(keys), key, value)


def _needs_quotes(value: str) -> bool:
    return value != value.strip() or any(c in value for c in ":#'\"[]{},&*!|>%@`") or not value


# -- body -----------------------------------------------------------------------------------


def block_text(block: Block, *, label: str | None = None, explicit_id: str | None = None) -> str:
    """The block's lines with its label replaced by ``label`` (when given) and its closing
    ``{#id}`` replaced by ``explicit_id`` (``None``: none)."""
    lines = list(block.lines)
    old_label = block.paragraph.label
    if label is not None and old_label and label != old_label:
        first = lines[0]
        indent = first[: len(first) - len(first.lstrip())]
        lines[0] = indent + label + first.lstrip()[len(old_label) :]
    if block.paragraph.explicit_id:
        if _ID_ONLY_LINE.match(lines[-1]) and len(lines) > 1:
            lines.pop()
        else:
            lines[-1] = _TRAILING_ID.sub("", lines[-1])
    if explicit_id is not None:
        lines[-1] = lines[-1].rstrip() + f" {{#{explicit_id}}}"
    return "\n".join(lines)


def replace_blocks(file: GuidelineFile, replacements: dict[str, str | None]) -> str:
    """The file with the blocks named in ``replacements`` (by paragraph id) replaced by the
    given text, or dropped (``None``) with the blank line that separated it; every other line
    as it was."""
    lines = list(file.lines)
    out: list[str] = []
    index = 0
    by_first = {b.first: b for b in file.blocks if b.id in replacements}
    while index < len(lines):
        block = by_first.get(index)
        if block is None:
            out.append(lines[index])
            index += 1
            continue
        index += len(block.lines)
        replacement = replacements[block.id]
        if replacement is not None:
            out.extend(replacement.split("\n"))
        elif out and not out[-1].strip() and index < len(lines) and not lines[index].strip():
            index += 1  # one of the two blank lines around the dropped block goes with it
        elif out and not out[-1].strip() and index >= len(lines) - 1:
            out.pop()  # the last block: the blank line before it goes
    return "\n".join(out)


def compose(
    front_matter: str,
    body: Sequence[str],
    note: Sequence[str],
    note_heading: str | None,
    footnotes: Sequence[str] = (),
) -> str:
    """A guideline file from its front matter, the texts of its paragraphs and its footnotes."""
    text = f"---\n{front_matter.rstrip()}\n---\n\n" + "\n\n".join(body)
    if note:
        text += f"\n\n{note_heading or DEFAULT_NOTE_HEADING}\n\n" + "\n\n".join(note)
    if footnotes:
        text += "\n\n" + "\n\n".join(footnotes)
    return text + "\n"


# -- labels ---------------------------------------------------------------------------------

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def _letters(number: int) -> str:
    """1 → a, 26 → z, 27 → aa: how lettered subparagraphs continue past z."""
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def label_style(labels: Sequence[str]) -> Callable[[int], str]:
    """How the labels run, read from the first two: ``(a)``, ``(i)``, ``(1)`` or ``1.``."""
    first = labels[0] if labels else "(a)"
    if first.endswith("."):
        return lambda n: f"{n}."
    inner = first.strip("()")
    if inner.isdigit():
        return lambda n: f"({n})"
    if inner == "i" and len(labels) > 1 and labels[1] == "(ii)":
        return lambda n: f"({_roman(n)})"
    return lambda n: f"({_letters(n)})"
