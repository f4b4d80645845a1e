"""The layout States receive a pre-session document in, shared by every Word export.

First page: the Organization's name and, top right, the document symbol; under a rule, the
distribution line, the issue date, the language of this text and the original language; then
the body and meeting, and the title.  Every later page carries the symbol in a running header;
every page carries its number in the footer.

Paragraph styles are named (``Document Title``, ``Part Heading``, ``Guideline Heading``,
``Guideline Paragraph``, ``Note Heading``, ``Note Paragraph``…): an editor's template that
defines a style of the same name is used as it is, and only missing styles get Redraft's
defaults, so a secretariat can impose its house fonts and spacing without touching code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from redraft.exports.ooxml import (
    add_field,
    add_paragraph_style,
    add_styled_paragraph,
    add_text_run,
    right_to_left,
    set_paragraph_style,
)
from redraft.kb.model import RTL_LANGUAGES, KnowledgeBase, Version, english_name
from redraft.site.labels import LANGUAGE_NAMES, Labels, letter_label

ORGANIZATION: Mapping[str, str] = MappingProxyType(
    {
        "en": "United Nations",
        "fr": "Nations Unies",
        "es": "Naciones Unidas",
        "ru": "Организация Объединенных Наций",
        "zh": "联合国",
        "ar": "الأمم المتحدة",
    }
)
"""The Organization's name as each language version's masthead prints it."""

_LATIN_MASTHEAD = frozenset({"fr", "es"})
"""Languages whose masthead lines (distribution, date, original) are written in the language
itself; the Arabic, Chinese and Russian versions of United Nations documents keep those lines
in English, as does the English one."""

FONTS: Mapping[str, str] = MappingProxyType(
    {
        "ascii": "Times New Roman",
        "hAnsi": "Times New Roman",
        "eastAsia": "Noto Serif CJK SC",
        "cs": "Noto Naskh Arabic",
    }
)
"""Times New Roman for Latin and Cyrillic text (LibreOffice draws it with the metric-compatible
Liberation Serif), a CJK face for Chinese, an Arabic face for Arabic."""

LANGUAGE_TAGS: Mapping[str, str] = MappingProxyType(
    {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "zh": "zh-CN", "ar": "ar-SA"}
)


def document_label(label: str, language: str) -> str:
    """A subparagraph's label as printed in ``language``: see ``letter_label``."""
    return letter_label(label, language)


def issue_date(date: dt.date, language: str) -> str:
    """The masthead's date: "4 April 2018", "4 avril 2018", "4 de abril de 2018"."""
    from babel.dates import format_date

    if language == "es":
        return format_date(date, "d 'de' MMMM 'de' y", locale="es")
    if language == "fr":
        return format_date(date, "d MMMM y", locale="fr")
    return format_date(date, "d MMMM y", locale="en")


@dataclass(frozen=True)
class Masthead:
    """The first page's fixed lines, in the language of the text."""

    language: str
    organization: str
    symbol: str
    distribution: str
    date: str | None
    language_line: str | None
    original: str
    body: str | None
    meeting: str | None
    title: str

    @property
    def rtl(self) -> bool:
        return self.language in RTL_LANGUAGES


def masthead_for(
    kb: KnowledgeBase, version: Version, language: str, as_at: dt.date | None
) -> Masthead:
    """What the first page says about ``version`` read in ``language``.

    ``as_at`` dates the working draft (which has no issue date of its own); a released version
    carries its own date."""
    original = version.language
    date = version.date or as_at
    if language in _LATIN_MASTHEAD:
        distribution = "Distr. générale" if language == "fr" else "Distr. general"
        spacer = " : " if language == "fr" else ": "
        original_line = f"Original{spacer}{Labels(language).language_name(original)}"
    else:
        distribution = "Distr.: General"
        original_line = f"Original: {english_name(original)}"
    if language == original:
        language_line = None
    elif language in _LATIN_MASTHEAD:
        language_line = LANGUAGE_NAMES.get(language, language)
    else:
        language_line = english_name(language)
    translated = version.in_language(language)
    return Masthead(
        language=language,
        organization=ORGANIZATION.get(language, ORGANIZATION["en"]),
        symbol=version.symbol or Labels(language)["working_draft"],
        distribution=distribution,
        date=issue_date(date, language) if date else None,
        language_line=language_line,
        original=original_line,
        body=kb.settings.body,
        meeting=version.meeting,
        title=translated.title,
    )


# -- the Word document ---------------------------------------------------------------------


@dataclass(frozen=True)
class _StyleSpec:
    base: str | None
    size: float
    bold: bool = False
    italic: bool = False
    before: float = 0
    after: float = 6
    left: float = 0
    hanging: float = 0
    outline: int | None = None
    keep_with_next: bool = False
    align: str | None = None


STYLES: Mapping[str, _StyleSpec] = MappingProxyType(
    {
        "Masthead": _StyleSpec(None, 10, after=0),
        "Organization": _StyleSpec(None, 17, bold=True, after=0),
        "Symbol": _StyleSpec(None, 17, bold=True, after=0, align="end"),
        "Body Name": _StyleSpec(None, 10, bold=True, before=12, after=0),
        "Meeting": _StyleSpec(None, 10, after=0),
        "Document Title": _StyleSpec(None, 14, bold=True, before=18, after=12, outline=0),
        "Introduction Heading": _StyleSpec(
            None, 12, bold=True, before=12, after=6, outline=1, keep_with_next=True
        ),
        "Part Heading": _StyleSpec(
            None, 12, bold=True, before=18, after=6, outline=1, keep_with_next=True
        ),
        "Guideline Heading": _StyleSpec(
            None, 11, bold=True, before=12, after=6, outline=2, keep_with_next=True
        ),
        "Guideline Paragraph": _StyleSpec(None, 11, after=6, left=1.0, hanging=1.0),
        "Body Paragraph": _StyleSpec(None, 11, after=6),
        "Note Heading": _StyleSpec(None, 10, italic=True, before=6, after=3, keep_with_next=True),
        "Note Paragraph": _StyleSpec(None, 10, after=4, left=1.0),
        "Change Label": _StyleSpec(None, 9, italic=True, after=4, keep_with_next=True),
        "Legend": _StyleSpec(None, 9, after=3),
        "Running Header": _StyleSpec(None, 9, bold=True, after=0),
        "Page Number": _StyleSpec(None, 9, after=0, align="center"),
    }
)


def new_document(template: Path | None, language: str) -> Any:
    """A document to fill: the editor's template emptied of its body, or python-docx's blank
    one, with every Redraft style the template does not define added."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.shared import Cm

    document = Document(str(template)) if template else Document()
    body = document.element.body
    for child in list(body):
        if child.tag.endswith("}sectPr"):
            continue
        body.remove(child)
    _document_defaults(document, language)
    _ensure_styles(document)
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    if template is None:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4, as Vienna prints
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    return document


def _document_defaults(document: Any, language: str) -> None:
    """Fonts and language of every run, unless a style says otherwise: the spell checker and
    the line breaker (Chinese, Arabic) need to know what language the text is in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    for name in ("w:rFonts", "w:lang"):
        for old in properties.findall(qn(name)):
            properties.remove(old)
    fonts = OxmlElement("w:rFonts")
    for slot, face in FONTS.items():
        fonts.set(qn(f"w:{slot}"), face)
    properties.insert(0, fonts)
    tag = LANGUAGE_TAGS.get(language, language)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB" if language in ("ar", "zh") else tag)
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    properties.append(lang)


RUN_PROPERTIES_AFTER_SZ_CS = (
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
_AFTER_BIDI_VISUAL = (
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)
CELL_PROPERTIES_AFTER_BORDERS = (
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)
"""Schema order of the properties that follow: Word refuses a document whose properties are
out of order, where LibreOffice reads them in any order, so the tests would not notice."""


def properties_after(order: tuple[str, ...], name: str) -> tuple[str, ...]:
    """The properties that follow ``name`` in a schema order above, to insert ``name`` before."""
    return order[order.index(name) + 1 :]


def _ensure_styles(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    existing = {style.name for style in document.styles}
    normal = document.styles["Normal"]
    for name, spec in STYLES.items():
        if name in existing:
            continue  # the editor's template decides
        style = add_paragraph_style(document.styles, name)
        style.base_style = normal
        style.quick_style = True
        font = style.font
        font.size = Pt(spec.size)
        font.bold = spec.bold
        font.italic = spec.italic
        font.color.rgb = RGBColor(0, 0, 0)
        rpr = style.element.get_or_add_rPr()
        # Arabic runs are "complex script": their size, bold and italic are separate properties
        size_cs = OxmlElement("w:szCs")
        size_cs.set(qn("w:val"), str(int(spec.size * 2)))
        rpr.insert_element_before(size_cs, *RUN_PROPERTIES_AFTER_SZ_CS)
        if spec.bold:
            rpr.get_or_add_bCs()
        if spec.italic:
            rpr.get_or_add_iCs()
        layout = style.paragraph_format
        layout.space_before = Pt(spec.before)
        layout.space_after = Pt(spec.after)
        layout.keep_with_next = spec.keep_with_next
        layout.widow_control = True
        if spec.left:
            layout.left_indent = Cm(spec.left)
        if spec.hanging:
            layout.first_line_indent = Cm(-spec.hanging)
        if spec.align == "center":
            layout.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if spec.outline is not None:
            level = OxmlElement("w:outlineLvl")
            level.set(qn("w:val"), str(spec.outline))
            style.element.get_or_add_pPr().append(level)


def paragraph(document: Any, style: str, text: str = "", *, rtl: bool, **run_style: Any) -> Any:
    """A paragraph in ``style``, right to left when ``rtl``, with ``text`` as its first run."""
    made = add_styled_paragraph(document, style, rtl=rtl)
    if text:
        add_text_run(made, text, rtl=rtl, **run_style)
    return made


def _align_end(made: Any) -> None:
    """Aligned to the end of the line: the right in English, the left in Arabic (a
    bidirectional paragraph reads ``right`` as its end)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    made.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def write_masthead(document: Any, masthead: Masthead) -> None:
    """The first page's head, the running header and the page numbers."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    rtl = masthead.rtl
    if rtl:
        _section_right_to_left(document)
    table = document.add_table(rows=1, cols=2)
    widths = (Cm(7.0), Cm(9.0))
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(width.twips)))
    if rtl:
        table._tbl.tblPr.insert_element_before(OxmlElement("w:bidiVisual"), *_AFTER_BIDI_VISUAL)
    left, right = table.rows[0].cells
    for cell, width in zip((left, right), widths, strict=True):
        cell.width = width
    organization = left.paragraphs[0]
    set_paragraph_style(organization, "Organization")
    if rtl:
        right_to_left(organization)
    add_text_run(organization, masthead.organization, rtl=rtl)
    symbol = right.paragraphs[0]
    set_paragraph_style(symbol, "Symbol")
    if rtl:
        right_to_left(symbol)
    _align_end(symbol)
    add_text_run(symbol, masthead.symbol)
    _rule_below(table)
    for line in (masthead.distribution, masthead.date, masthead.language_line, masthead.original):
        if line:
            # English lines at the far end of the page: the right in English, the left under
            # an Arabic masthead; left to right either way, so "27 November 2026" keeps its order
            made = paragraph(document, "Masthead", line, rtl=False)
            if not rtl:
                made.paragraph_format.left_indent = Cm(11.0)
    if masthead.body:
        paragraph(document, "Body Name", masthead.body, rtl=rtl)
    if masthead.meeting:
        paragraph(document, "Meeting", masthead.meeting, rtl=rtl)
    if masthead.title:  # a comparison writes its own, with the title's changes tracked
        paragraph(document, "Document Title", masthead.title, rtl=rtl)
    _running_header_and_page_numbers(document, masthead)


def _rule_below(table: Any) -> None:
    """The masthead's rule, as each cell's bottom border (LibreOffice drops a table-level
    border from a right-to-left table)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for cell in table.rows[0].cells:
        borders = OxmlElement("w:tcBorders")
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "12"), ("space", "0"), ("color", "000000")):
            bottom.set(qn(f"w:{key}"), value)
        borders.append(bottom)
        cell._tc.get_or_add_tcPr().insert_element_before(borders, *CELL_PROPERTIES_AFTER_BORDERS)


def _section_right_to_left(document: Any) -> None:
    from docx.oxml import OxmlElement

    section = document.sections[0]._sectPr
    section.insert_element_before(
        OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"
    )


def _running_header_and_page_numbers(document: Any, masthead: Masthead) -> None:
    """The symbol at the top of every page but the first (which shows it in the masthead),
    the page number at the foot of every page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    for part in (section.header, section.first_page_header, section.footer):
        part.is_linked_to_previous = False
        for old in list(part.paragraphs):
            old._p.getparent().remove(old._p)
    header = add_styled_paragraph(section.header, "Running Header")
    if masthead.rtl:
        right_to_left(header)
    add_text_run(header, masthead.symbol)
    section.first_page_header.add_paragraph()
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        for old in list(footer.paragraphs):
            old._p.getparent().remove(old._p)
        add_field(add_styled_paragraph(footer, "Page Number"), "PAGE")
