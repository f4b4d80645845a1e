"""Redlines as Markdown: CriticMarkup for the ops of one text (``to_critic``), and a whole
:class:`~redraft.redline.compare.VersionDiff` as a Markdown report (``to_markdown``).

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

import re
from collections.abc import Iterable, Sequence

from redraft.redline.compare import ParagraphRedline, VersionDiff
from redraft.redline.render.marks import hunks, new_side, old_side, paragraph_label
from redraft.redline.render.words import (
    describe,
    describe_part,
    direction_note,
    guideline_heading,
    heading,
    paragraph_origin,
    shown_guidelines,
    summary_rows,
)
from redraft.redline.textdiff import Op, Ops, tokenize

__all__ = ["to_critic", "to_markdown"]

# A paragraph break, which pymdownx.critic marks with a mark holding nothing but newlines.
_BLANK_LINE = re.compile(r"[^\S\n]*\n(?:[^\S\n]*\n)+[^\S\n]*")
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
    for op, lead, core, trail in hunks(ops):
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


_ORDERED_LIST_START = re.compile(r"^(\d{1,9})([.)])(\s|$)")


def _md_line(text: str) -> str:
    """Keep a paragraph from being read as a list item or heading when it starts like one."""
    match = _ORDERED_LIST_START.match(text)
    if match:
        return f"{match.group(1)}\\{match.group(2)}{text[match.end(2) :]}"
    if text[:1] in "#>+-*=|":
        return "\\" + text
    return text


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(diff: VersionDiff, *, side_by_side: bool = False) -> str:
    """CriticMarkup (``{--old--}{++new++}``), which pymdownx.critic renders as ``<del>``/``<ins>``;
    the structural summary first."""
    lines: list[str] = [f"# {heading(diff)}", ""]
    note = direction_note(diff)
    if note:
        lines += [f"*{note}*", ""]
    rows = summary_rows(diff)
    lines += ["## Summary", ""]
    if rows:
        lines += ["| change | count | guidelines |", "| --- | ---: | --- |"]
        lines += [
            f"| {title} | {len(names)} | {_md_cell(', '.join(names))} |" for title, names in rows
        ]
    else:
        lines.append("No changes.")
    lines.append("")
    if diff.guideline_filter is None:
        if any(op != "equal" for op, _ in diff.title_ops):
            lines += ["## Title", "", _md_line(to_critic(diff.title_ops)), ""]
        if any(p.changed for p in diff.introduction):
            lines += ["## Introduction", ""]
            for p in diff.introduction:
                lines += [_md_line(to_critic(p.ops)), ""]
        changed_parts = [p for p in diff.parts if p.changes]
        if changed_parts:
            lines += ["## Parts", ""]
            for part in changed_parts:
                number = part.to_number or part.from_number
                lines += [
                    f"- Part {number}: {to_critic(part.title_ops)} — {describe_part(part)}",
                ]
            lines.append("")
    for change in shown_guidelines(diff):
        number = guideline_heading(change).split(":", 1)[0]
        title = to_critic(change.title_ops) if change.title_ops else ""
        lines += [f"## {number}: {title}", ""]
        phrases = "; ".join(describe(change, diff)) or "no changes"
        lines += [f"`{change.id}` — {phrases}", ""]
        lines += _md_paragraphs(change.paragraphs, side_by_side, diff.forward)
        if change.note:
            lines += ["### Explanatory note", ""]
            lines += _md_paragraphs(change.note, side_by_side, diff.forward)
        if change.footnotes:
            lines += ["### Footnotes", ""]
            lines += _md_paragraphs(change.footnotes, side_by_side, diff.forward)
    unchanged = len(diff.summary.unchanged)
    if diff.guideline_filter is None and unchanged:
        lines += [f"{unchanged} guideline(s) unchanged.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_paragraph(p: ParagraphRedline, label: Ops, ops: Ops, forward: bool) -> str:
    text = to_critic(ops)
    marks = to_critic(label)
    if p.moved:
        text = "*(moved)* " + text
    origin = paragraph_origin(p, forward)
    if origin:
        text += f" *({origin})*"
    return _md_line(f"{marks} {text}" if marks else text)


def _md_paragraphs(
    paragraphs: Sequence[ParagraphRedline], side_by_side: bool, forward: bool = True
) -> list[str]:
    lines: list[str] = []
    if not side_by_side:
        for p in paragraphs:
            lines += [_md_paragraph(p, paragraph_label(p), p.ops, forward), ""]
        return lines
    lines += ["| before | after |", "| --- | --- |"]
    for p in paragraphs:
        label = paragraph_label(p)
        before = _md_paragraph(p, old_side(label), old_side(p.ops), forward) if p.from_id else ""
        after = _md_paragraph(p, new_side(label), new_side(p.ops), forward) if p.to_id else ""
        lines.append(f"| {_md_cell(before)} | {_md_cell(after)} |")
    lines.append("")
    return lines
