"""A version of the guidelines as a Word document in the layout of a pre-session document.

Masthead (see :mod:`redraft.exports.official`), then the introduction in numbered paragraphs,
the parts, each guideline under its number and title with its lettered paragraphs, and its
explanatory note where the version has one.  In a language into which a guideline has not been
translated, the original text stands in, preceded by a line that says so.

The bytes depend only on the data: dates come from the version (or ``as_at`` for the working
draft), the package's entries carry a fixed time (see :mod:`redraft.exports.ooxml`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from redraft.exports.footnotes_docx import Footnotes, add_text_with_footnotes
from redraft.exports.official import (
    Masthead,
    document_label,
    masthead_for,
    new_document,
    paragraph,
    write_masthead,
)
from redraft.exports.ooxml import add_text_run, save_reproducibly, set_core_properties
from redraft.kb.model import Guideline, GuidelineText, KnowledgeBase, Paragraph, Version
from redraft.site.labels import Labels

MARK = "redraft-version"
"""Written into the document's keywords, so a later export knows the file is one of its own."""


class UnknownLanguage(LookupError):
    """The version has no text at all in the language asked for."""

    def __init__(self, version: Version, language: str) -> None:
        super().__init__(
            f"version '{version.id}' has no text in '{language}'; it has "
            + ", ".join(version.languages)
        )


def introduction_paragraphs(text: str) -> list[str]:
    """The introduction's paragraphs: blocks separated by blank lines, each on one line."""
    blocks = [" ".join(block.split()) for block in text.split("\n\n")]
    return [block for block in blocks if block]


def heading_of(guideline_word: str, number: str, title: str) -> str:
    return f"{guideline_word} {number}. {title}"


def version_docx(
    kb: KnowledgeBase,
    version: Version,
    language: str | None = None,
    *,
    as_at: dt.date | None = None,
    template: Path | None = None,
) -> bytes:
    """The .docx of ``version`` in ``language`` (its original language by default).

    Raises :class:`UnknownLanguage` when the version has no text in ``language``.
    """
    language = language or version.language
    if language not in version.languages:
        raise UnknownLanguage(version, language)
    masthead = masthead_for(kb, version, language, as_at)
    document = new_document(template, language)
    write_masthead(document, masthead)
    footnotes = Footnotes()
    write_version_body(document, version, language, masthead, footnotes)
    footnotes.write_part(document)
    stamp(document, kb, version, masthead, as_at, MARK)
    return save_reproducibly(document)


def stamp(
    document: Any,
    kb: KnowledgeBase,
    version: Version,
    masthead: Masthead,
    as_at: dt.date | None,
    mark: str,
) -> None:
    """Core properties from the data, with ``mark`` among the keywords."""
    date = version.date or as_at or dt.date(1980, 1, 1)
    set_core_properties(
        document.core_properties,
        title=masthead.title,
        subject=masthead.symbol,
        author=kb.settings.body or kb.settings.title,
        date=date,
        keywords=f"{mark} {version.id} {masthead.language}",
    )


def write_version_body(
    document: Any, version: Version, language: str, masthead: Masthead, footnotes: Footnotes
) -> None:
    labels = Labels(language)
    rtl = masthead.rtl
    translated = version.in_language(language)
    missing = version.untranslated(language)
    paragraphs = introduction_paragraphs(translated.introduction)
    if paragraphs:
        paragraph(document, "Introduction Heading", labels["introduction"], rtl=rtl)
        for number, text in enumerate(paragraphs, start=1):
            made = paragraph(document, "Guideline Paragraph", f"{number}.\t", rtl=rtl)
            add_text_run(made, text, rtl=rtl)
    by_part: dict[str, list[Guideline]] = {}
    for guideline in translated.guidelines:
        by_part.setdefault(guideline.part, []).append(guideline)
    for part in translated.parts:
        paragraph(document, "Part Heading", f"{part.number}.\t{part.title}", rtl=rtl)
        for guideline in by_part.get(part.id, []):
            write_guideline(
                document, guideline, language, labels, guideline.id in missing, footnotes
            )
    unparted = [g for g in translated.guidelines if translated.part(g.part) is None]
    for guideline in unparted:
        write_guideline(document, guideline, language, labels, guideline.id in missing, footnotes)


def write_guideline(
    document: Any,
    guideline: Guideline,
    language: str,
    labels: Labels,
    untranslated: bool,
    footnotes: Footnotes,
) -> None:
    rtl = masthead_rtl(language)
    text = guideline.text
    heading = heading_of(labels["guideline"], guideline.number, text.title)
    paragraph(document, "Guideline Heading", heading, rtl=rtl)
    text_rtl = masthead_rtl(text.language)
    if untranslated:
        notice = labels.format("untranslated", language=labels.language_name(language))
        paragraph(document, "Change Label", notice, rtl=rtl)
    for item in text.paragraphs:
        write_paragraph(document, "Guideline Paragraph", item, text, footnotes, rtl=text_rtl)
    if text.note:
        paragraph(document, "Note Heading", labels["explanatory_note"], rtl=rtl)
        for item in text.note:
            write_paragraph(document, "Note Paragraph", item, text, footnotes, rtl=text_rtl)


def write_paragraph(
    document: Any,
    style: str,
    item: Paragraph,
    text: GuidelineText,
    footnotes: Footnotes,
    *,
    rtl: bool,
) -> Any:
    """A lettered paragraph; its footnote marks become Word footnotes."""
    label = document_label(item.label, text.language)
    made = paragraph(document, style, f"{label}\t" if label else "", rtl=rtl)
    add_text_with_footnotes(made, item.text, text.footnotes, footnotes, rtl=rtl)
    return made


def masthead_rtl(language: str) -> bool:
    from redraft.kb.model import RTL_LANGUAGES

    return language in RTL_LANGUAGES
