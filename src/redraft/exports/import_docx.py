"""Read a draft back from Word: the layout :mod:`version_docx` writes, or a secretariat's own.

What is recognised, by text first and style second (so a document typed in Word without
Redraft's styles reads as well as one Redraft wrote): the title (style ``Document Title`` or
``Title``); the introduction's paragraphs after its heading; parts ("I. Title"); guidelines
("Guideline 7. Title", in any of the six languages, or "7. Title" in a heading style); their
paragraphs, lettered "(a)" or in Arabic abjad letters, which are written back as the files'
Latin letters; and the "Explanatory note" heading with the paragraphs under it.  The masthead
(a table, and the lines before the title) is not part of the text.

Guidelines are matched to existing ids by title, then their paragraphs to existing paragraph ids
by text, then by label; what could not be matched is reported, never guessed.  Reading uses
python-docx (measured against mammoth and docx2python: see docs/documents.md).
"""

from __future__ import annotations

import io
import json
import re
import textwrap
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from redraft.kb.guideline_file import normalize_space
from redraft.kb.model import UN_LANGUAGES, Guideline, KnowledgeBase, Version
from redraft.site.labels import ABJAD, Labels

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_PART = re.compile(r"^(?P<number>[IVXLC]+)\.\s*(?P<title>\S.*)$")
_NUMBERED = re.compile(r"^(?P<number>\d+)\.\s*(?P<text>\S.*)$")
_LABEL = re.compile(r"^\((?P<label>[a-z]{1,5}|\d{1,3}|[\u0600-\u06ff]{1,3})\)\s*(?P<text>\S.*)$")
GUIDELINE_WORDS = tuple(dict.fromkeys(Labels(lang)["guideline"] for lang in UN_LANGUAGES))
NOTE_WORDS = tuple(dict.fromkeys(Labels(lang)["explanatory_note"] for lang in UN_LANGUAGES))
INTRODUCTION_WORDS = tuple(dict.fromkeys(Labels(lang)["introduction"] for lang in UN_LANGUAGES))
_GUIDELINE = re.compile(
    r"^(?:(?:" + "|".join(map(re.escape, GUIDELINE_WORDS)) + r")\s+)?"
    r"(?P<number>\d+[A-Za-z]?)\.\s*(?P<title>\S.*)$"
)
_UNTRANSLATED = re.compile(
    "|".join(
        re.escape(Labels(lang)["untranslated"]).replace(re.escape("{language}"), ".+")
        for lang in UN_LANGUAGES
    )
)
_HEADING_STYLES = ("heading", "guideline heading", "part heading", "title")
_NOT_TEXT_STYLES = frozenset({"change label", "legend", "masthead", "body name", "meeting"})
"""Redraft's own lines about the text (what changed, how to read a redline), not the text."""


class NotADraft(ValueError):
    """A file that cannot be read as a draft: ``str(error)`` is one line naming the file."""


@dataclass
class ImportedParagraph:
    label: str
    text: str
    id: str = ""


@dataclass
class ImportedGuideline:
    number: str
    title: str
    part_index: int | None
    """The position of its part among the document's parts (None before any part)."""
    paragraphs: list[ImportedParagraph] = field(default_factory=list)
    note: list[ImportedParagraph] = field(default_factory=list)
    id: str = ""
    matched: bool = False
    part: str | None = None
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    """(label, text) of each footnote its paragraphs call, labelled 1, 2… in order."""
    untranslated: bool = False
    """The export said this guideline has no text in the document's language (the original
    stands in): a translation import leaves it out."""


@dataclass
class ImportedPart:
    number: str
    title: str
    id: str = ""
    guidelines: list[str] = field(default_factory=list)


@dataclass
class ImportedDraft:
    title: str
    introduction: list[str]
    parts: list[ImportedPart]
    guidelines: list[ImportedGuideline]
    revisions: int
    comments: int


# -- reading ------------------------------------------------------------------------------------


def paragraph_text(element: Any, *, footnotes: bool = False) -> str:
    """A paragraph's text with every tracked change accepted: insertions kept, deletions gone,
    tabs as spaces; with ``footnotes``, each footnote reference as ``[^wordN]`` (N its id in the
    document), which :func:`_number_footnotes` turns into the guideline's own ``[^1]``."""
    pieces = []
    tags = (f"{W}t", f"{W}tab", f"{W}footnoteReference") if footnotes else (f"{W}t", f"{W}tab")
    for node in element.iter(*tags):
        if any(ancestor.tag == f"{W}del" for ancestor in node.iterancestors()):
            continue
        if node.tag == f"{W}footnoteReference":
            pieces.append(f"[^{_WORD_NOTE}{node.get(f'{W}id')}]")
        else:
            pieces.append(" " if node.tag == f"{W}tab" else node.text or "")
    return normalize_space("".join(pieces))


_WORD_NOTE = "word"
_WORD_REFERENCE = re.compile(r"\[\^" + _WORD_NOTE + r"(?P<id>-?\d+)\]")


def footnote_texts(footnotes_xml: bytes) -> dict[str, str]:
    """The text of each footnote of the package's footnotes part, by id (separators left out;
    the number Word prints, ``w:footnoteRef``, is not text)."""
    from docx.oxml import parse_xml

    if not footnotes_xml:
        return {}
    root = parse_xml(footnotes_xml)
    texts = {}
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = [paragraph_text(p) for p in note.iter(f"{W}p")]
        texts[note.get(f"{W}id", "")] = " ".join(p for p in paragraphs if p)
    return texts


def _number_footnotes(guidelines: Sequence[ImportedGuideline], texts: dict[str, str]) -> None:
    """Each guideline's footnote references as ``[^1]``, ``[^2]``… in the order its paragraphs
    call them (a file's labels are its own; a document numbers its notes throughout), with
    their texts; a reference to no footnote of the part is dropped."""
    for guideline in guidelines:
        _number_guideline_footnotes(guideline, texts)


def _number_guideline_footnotes(guideline: ImportedGuideline, texts: dict[str, str]) -> None:
    labels: dict[str, str] = {}

    def relabel(match: re.Match[str]) -> str:
        word_id = match.group("id")
        if word_id not in texts:
            return ""
        if word_id not in labels:
            labels[word_id] = str(len(labels) + 1)
            guideline.footnotes.append((labels[word_id], texts[word_id]))
        return f"[^{labels[word_id]}]"

    for item in (*guideline.paragraphs, *guideline.note):
        item.text = _WORD_REFERENCE.sub(relabel, item.text)
    guideline.title = _WORD_REFERENCE.sub("", guideline.title)


def read_docx(data: bytes, source: str) -> ImportedDraft:
    """The draft a .docx holds.  Raises :class:`NotADraft`."""
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            comments_xml = (
                archive.read("word/comments.xml") if "word/comments.xml" in names else b""
            )
            footnotes_xml = (
                archive.read("word/footnotes.xml") if "word/footnotes.xml" in names else b""
            )
    except Exception as exc:  # python-docx raises several kinds for a file that is not .docx
        raise NotADraft(f"{source}: not a Word document (.docx): {exc}") from exc
    body = document.element.body
    # a redline's footnote whose words changed holds tracked changes too
    revisions = sum(1 for _ in body.iter(f"{W}ins", f"{W}del"))
    revisions += footnotes_xml.count(b"<w:ins ") + footnotes_xml.count(b"<w:del ")
    comments = comments_xml.count(b"<w:comment ")
    paragraphs = [
        (paragraph_text(p._p, footnotes=True), (p.style.name if p.style is not None else "") or "")
        for p in document.paragraphs
    ]
    draft = _recognise(paragraphs, revisions, comments, source)
    _number_footnotes(draft.guidelines, footnote_texts(footnotes_xml))
    return draft


def _recognise(
    paragraphs: Sequence[tuple[str, str]], revisions: int, comments: int, source: str
) -> ImportedDraft:
    title = ""
    introduction: list[str] = []
    parts: list[ImportedPart] = []
    guidelines: list[ImportedGuideline] = []
    state = "masthead"
    for text, style in paragraphs:
        styled = style.lower()
        if styled == "change label" and state == "guideline" and guidelines:
            current = guidelines[-1]
            if not current.paragraphs and _UNTRANSLATED.match(text):
                current.untranslated = True
            continue
        if not text or styled in _NOT_TEXT_STYLES:
            continue
        heading = styled.startswith(_HEADING_STYLES)
        if state == "masthead":
            if styled in ("document title", "title"):
                title = text
                state = "front"
            continue
        if text in INTRODUCTION_WORDS and (heading or styled == "introduction heading"):
            state = "introduction"
            continue
        part = _PART.match(text)
        if part and (heading or state != "guideline"):
            parts.append(ImportedPart(part.group("number"), part.group("title")))
            state = "part"
            continue
        guideline = _GUIDELINE.match(text)
        if guideline and (heading or text.split(" ", 1)[0] in GUIDELINE_WORDS):
            guidelines.append(
                ImportedGuideline(
                    guideline.group("number"),
                    guideline.group("title"),
                    len(parts) - 1 if parts else None,
                )
            )
            state = "guideline"
            continue
        if state == "introduction":
            numbered = _NUMBERED.match(text)
            introduction.append(numbered.group("text") if numbered else text)
            continue
        if state in ("guideline", "note") and guidelines:
            current = guidelines[-1]
            if text in NOTE_WORDS:
                state = "note"
                continue
            label = _LABEL.match(text)
            if state == "note":
                current.note.append(ImportedParagraph("", text))
            elif label:
                current.paragraphs.append(
                    ImportedParagraph(f"({latin_label(label.group('label'))})", label.group("text"))
                )
            else:
                current.paragraphs.append(ImportedParagraph("", text))
    if not title:
        raise NotADraft(f"{source}: no title found (a paragraph in the style 'Title')")
    if not guidelines:
        raise NotADraft(f"{source}: no guideline found (headings like 'Guideline 1. Title')")
    return ImportedDraft(title, introduction, parts, guidelines, revisions, comments)


def latin_label(label: str) -> str:
    """An Arabic abjad letter back to the Latin letter of the same rank; others unchanged."""
    if label in ABJAD:
        return chr(ord("a") + ABJAD.index(label))
    return label


# -- matching to the knowledge base -------------------------------------------------------------


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", normalize_space(text)).casefold()


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-")
    return slug or "guideline"


@dataclass(frozen=True)
class Report:
    """What was recognised and how it was matched, one line each, for the editor."""

    lines: tuple[str, ...]
    unmatched: tuple[str, ...]


def match(draft: ImportedDraft, kb: KnowledgeBase) -> Report:
    """Give every guideline, paragraph and part an id, from the knowledge base where it can."""
    versions = _newest_first(kb)
    lines: list[str] = []
    unmatched: list[str] = []
    taken: set[str] = set()
    for guideline in draft.guidelines:
        reference = _by_title(guideline.title, versions, taken)
        if reference is not None:
            guideline.id = reference.id
            guideline.matched = True
            lines.append(f"guideline {guideline.number} '{guideline.title}' → {reference.id}")
        else:
            guideline.id = _unique(_slug(guideline.title), taken)
            unmatched.append(
                f"guideline {guideline.number} '{guideline.title}': no guideline of that title "
                f"in any version; imported as a new guideline '{guideline.id}'"
            )
        taken.add(guideline.id)
        references = [g for v in versions if (g := v.guideline(guideline.id)) is not None]
        _paragraph_ids(guideline.paragraphs, [r.text.paragraphs for r in references], note=False)
        _paragraph_ids(guideline.note, [r.text.note for r in references], note=True)
    part_ids: set[str] = set()
    for index, part in enumerate(draft.parts):
        part.id = _part_id(part, versions, part_ids)
        part_ids.add(part.id)
        part.guidelines = [g.id for g in draft.guidelines if g.part_index == index]
        lines.append(f"part {part.number} '{part.title}' → {part.id}")
    return Report(tuple(lines), tuple(unmatched))


def _newest_first(kb: KnowledgeBase) -> list[Version]:
    return list(reversed(kb.versions))


def _by_title(title: str, versions: Iterable[Version], taken: set[str]) -> Guideline | None:
    wanted = _key(title)
    for version in versions:
        for guideline in version.guidelines:
            if guideline.id in taken:
                continue
            texts = (guideline.text, *guideline.translations.values())
            if any(_key(text.title) == wanted for text in texts):
                return guideline
    return None


def _paragraph_ids(
    imported: list[ImportedParagraph], references: Sequence[Sequence[Any]], *, note: bool
) -> None:
    """Ids by the same text in some version, else by the same label in the newest version that
    has this guideline, else the id the label itself gives."""
    used: set[str] = set()
    newest = references[0] if references else ()
    for position, item in enumerate(imported, start=1):
        found = next(
            (
                p.id
                for paragraphs in references
                for p in paragraphs
                if _key(p.text) == _key(item.text) and p.id not in used
            ),
            None,
        )
        if found is None and item.label:
            found = next((p.id for p in newest if p.label == item.label and p.id not in used), None)
        item.id = found or _default_id(item.label, position, note)
        used.add(item.id)


def _default_id(label: str, position: int, note: bool) -> str:
    """The id the loader gives a paragraph with no explicit one (see kb.guideline_file)."""
    if note:
        return f"note-{position}"
    inner = label.strip("().")
    return inner if inner else f"p{position}"


def _part_id(part: ImportedPart, versions: Sequence[Version], taken: set[str]) -> str:
    wanted = _key(part.title)
    for version in versions:
        for known in version.parts:
            titles = (known.title, *known.titles.values())
            if known.id not in taken and any(_key(t) == wanted for t in titles):
                return known.id
    return _unique(_slug(part.title), taken)


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# -- writing the files --------------------------------------------------------------------------


def guideline_file(guideline: ImportedGuideline) -> str:
    """``<id>.md``: front matter, then the paragraphs, each with ``{#id}`` where its label would
    give another id."""
    lines = [
        "---",
        f"id: {guideline.id}",
        f"number: {json.dumps(guideline.number)}",
        f"title: {json.dumps(guideline.title, ensure_ascii=False)}",
    ]
    if guideline.part:
        lines.append(f"part: {guideline.part}")
    lines += ["---", ""]
    for position, item in enumerate(guideline.paragraphs, start=1):
        lines += [_paragraph_line(item, _default_id(item.label, position, False)), ""]
    if guideline.note:
        lines += ["## Explanatory note", ""]
        for position, item in enumerate(guideline.note, start=1):
            lines += [_paragraph_line(item, _default_id("", position, True)), ""]
    lines += _footnote_lines(guideline)
    return "\n".join(lines).rstrip("\n") + "\n"


def _footnote_lines(guideline: ImportedGuideline) -> list[str]:
    """``[^1]: text`` after the paragraphs, wrapped as they are."""
    lines = []
    for label, text in guideline.footnotes:
        lines += [_paragraph_line(ImportedParagraph("", f"[^{label}]: {text}"), ""), ""]
    return lines


def _paragraph_line(item: ImportedParagraph, default: str) -> str:
    """A paragraph as the files write it: wrapped at 100 columns where words are separated by
    spaces (the loader joins the lines again), with ``{#id}`` where its label would give
    another id."""
    text = f"{item.label} {item.text}" if item.label else item.text
    text = text if item.id == default else f"{text} {{#{item.id}}}"
    if _UNSPACED.search(text):
        return text  # Chinese, and Arabic as the example keeps it: one line per paragraph
    return textwrap.fill(text, width=100, break_long_words=False, break_on_hyphens=False)


_UNSPACED = re.compile(r"[\u0600-\u06ff\u3000-\u9fff\uff00-\uffef]")


def _introduction_lines(paragraphs: Sequence[str]) -> list[str]:
    """``introduction: |`` and its paragraphs, wrapped as the example's outlines are."""
    if not paragraphs:
        return ['introduction: ""']
    lines = ["introduction: |"]
    for index, text in enumerate(paragraphs):
        if index:
            lines.append("")
        wrapped = (
            [text]
            if _UNSPACED.search(text)
            else textwrap.wrap(text, width=98, break_long_words=False, break_on_hyphens=False)
        )
        lines += [f"  {line}" for line in wrapped]
    return lines


def outline_file(draft: ImportedDraft, language: str) -> str:
    lines = [
        f"title: {json.dumps(draft.title, ensure_ascii=False)}",
        f"language: {language}",
        *_introduction_lines(draft.introduction),
        "parts:",
    ]
    for part in draft.parts:
        lines += [
            f"  - id: {part.id}",
            f"    number: {json.dumps(part.number)}",
            f"    title: {json.dumps(part.title, ensure_ascii=False)}",
            "    guidelines:",
            *(f"      - {gid}" for gid in part.guidelines),
        ]
    return "\n".join(lines) + "\n"


def draft_files(draft: ImportedDraft, language: str) -> dict[str, str]:
    """The original-language files of the draft folder, by name."""
    for guideline in draft.guidelines:
        index = guideline.part_index
        guideline.part = draft.parts[index].id if index is not None else None
    files = {f"{g.id}.md": guideline_file(g) for g in draft.guidelines}
    files["outline.yml"] = outline_file(draft, language)
    return files


def draft_changes(
    existing: Iterable[str], files: dict[str, str], keep: set[str]
) -> tuple[dict[str, str | None], list[str]]:
    """What puts ``files`` in place of the draft's original-language files: each name of the
    draft folder mapped to its new text, or to ``None`` for a file to remove.  ``existing`` are
    the names in the folder now.  Translations (``<id>.<lang>.md``, ``outline.<lang>.yml``) of
    guidelines in ``keep`` stay as they are; those of other guidelines are removed and also
    returned, for the report."""
    changes: dict[str, str | None] = {}
    removed = []
    for name in sorted(existing):
        stem, _, rest = name.partition(".")
        translated = rest.count(".") == 1
        if name in files:
            continue
        if translated and (stem in keep or stem == "outline"):
            continue
        changes[name] = None
        if translated:
            removed.append(name)
    changes.update(files)
    return changes, removed


# -- a translation of the draft -----------------------------------------------------------------


def match_translation(draft: ImportedDraft, version: Version) -> Report:
    """Ids for a translation of ``version``: it follows the original's numbering, so guidelines
    and parts are matched by number, paragraphs by letter and note paragraphs by position."""
    lines: list[str] = []
    unmatched: list[str] = []
    by_number = {g.number: g for g in version.guidelines}
    for guideline in draft.guidelines:
        original = by_number.get(guideline.number)
        if guideline.untranslated:
            lines.append(f"guideline {guideline.number}: not translated in the document, left out")
            continue
        if original is None:
            unmatched.append(
                f"guideline {guideline.number} '{guideline.title}': the draft has no guideline "
                "of that number; left out"
            )
            continue
        guideline.id = original.id
        guideline.matched = True
        lines.append(f"guideline {guideline.number} '{guideline.title}' → {original.id}")
        by_label = {p.label: p.id for p in original.text.paragraphs}
        for position, item in enumerate(guideline.paragraphs, start=1):
            found = by_label.get(item.label)
            if found is None:
                unmatched.append(
                    f"guideline {guideline.number} {item.label or f'paragraph {position}'}: "
                    "no paragraph with that letter in the original"
                )
            item.id = found or _default_id(item.label, position, False)
        notes = original.text.note
        for position, item in enumerate(guideline.note, start=1):
            item.id = notes[position - 1].id if position <= len(notes) else f"note-{position}"
    parts = {p.number: p for p in version.parts}
    for part in draft.parts:
        known = parts.get(part.number)
        part.id = known.id if known else ""
        if known is None:
            unmatched.append(f"part {part.number} '{part.title}': the draft has no such part")
    return Report(tuple(lines), tuple(unmatched))


def translation_files(draft: ImportedDraft, language: str) -> dict[str, str]:
    """``<id>.<language>.md`` for every matched guideline, and ``outline.<language>.yml``."""
    files = {}
    for guideline in draft.guidelines:
        if not guideline.matched:
            continue
        lines = [
            "---",
            f"id: {guideline.id}",
            f"title: {json.dumps(guideline.title, ensure_ascii=False)}",
            "---",
            "",
        ]
        for position, item in enumerate(guideline.paragraphs, start=1):
            lines += [_paragraph_line(item, _default_id(item.label, position, False)), ""]
        if guideline.note:
            lines += ["## Explanatory note", ""]
            for position, item in enumerate(guideline.note, start=1):
                lines += [_paragraph_line(item, _default_id("", position, True)), ""]
        lines += _footnote_lines(guideline)
        files[f"{guideline.id}.{language}.md"] = "\n".join(lines).rstrip("\n") + "\n"
    outline = [
        f"title: {json.dumps(draft.title, ensure_ascii=False)}",
        *_introduction_lines(draft.introduction),
        "parts:",
    ]
    for part in draft.parts:
        if part.id:
            outline += [
                f"  - id: {part.id}",
                f"    title: {json.dumps(part.title, ensure_ascii=False)}",
            ]
    files[f"outline.{language}.yml"] = "\n".join(outline) + "\n"
    return files
