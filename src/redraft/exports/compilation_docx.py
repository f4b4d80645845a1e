"""The compilation of comments as a Word document a secretariat can circulate before a meeting.

Landscape A4: the comments are long and seven columns do not fit a portrait page.  The first
page has the masthead of an official document (:mod:`redraft.exports.official`) with the
compilation's symbol; then the lines that name the call and the replies; then one table per
guideline headed "Guideline 7. Title" (general comments first), the heading and the column names
repeated on every page the table continues on.

Each table is laid out for both word processors: its grid (``w:tblGrid``) gives the same widths
as its cells (``w:tcW``) with a fixed layout, because LibreOffice sizes columns from the grid
and Word from the cells; a grid of equal columns made the comment three words a line.  Its
header row is repeated on every page (``w:tblHeader``) and no row is split across two pages
(``w:cantSplit``).  A late or restricted reply is marked under the party's name, in the row.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from redraft.exports.compilation import (
    COLUMNS,
    RESTRICTED_NOTICE,
    TITLE,
    Compilation,
    Row,
    long_date,
)
from redraft.exports.official import (
    CELL_PROPERTIES_AFTER_BORDERS,
    LANGUAGE_TAGS,
    RUN_PROPERTIES_AFTER_SZ_CS,
    Masthead,
    issue_date,
    new_document,
    properties_after,
    write_masthead,
)
from redraft.exports.ooxml import (
    add_run,
    add_styled_paragraph,
    add_text_run,
    right_to_left,
    set_paragraph_style,
    set_table_style,
)
from redraft.kb.model import english_name

PRINTED = (
    "No.",
    "Party",
    "Paragraph",
    "Type",
    "Comment",
    "Proposed change",
    "Observations of the secretariat",
)
"""The Word table's columns: those of the other formats but the guideline, which heads the table."""
WIDTHS_CM = (2.1, 2.6, 2.9, 1.8, 6.5, 4.2, 5.6)
"""Landscape A4 less 2 cm margins is 25.7 cm; the comment, the text the meeting reads, is widest."""
_FROM_ROW = tuple(COLUMNS.index(name) for name in PRINTED)
_TEXT_COLUMNS = frozenset({PRINTED.index("Comment"), PRINTED.index("Proposed change")})
_PARTY_COLUMN = PRINTED.index("Party")
MARGIN_CM = 2.0
HEADER_FILL = "D9E2F3"
CELL_STYLE = "Compilation Cell"
MARK_STYLE = "Compilation Mark"
LATE_MARK = "Late reply"
RESTRICTED_MARK = "Restricted"

_AFTER_SHD = properties_after(CELL_PROPERTIES_AFTER_BORDERS, "w:shd")
_AFTER_RTL = properties_after(RUN_PROPERTIES_AFTER_SZ_CS, "w:rtl")
_AFTER_LANG = properties_after(RUN_PROPERTIES_AFTER_SZ_CS, "w:lang")
"""Schema order of the properties that follow: Word refuses a document whose properties are out
of order (LibreOffice does not, so the tests would not notice)."""


def twips(cm: float) -> int:
    return round(cm * 1440 / 2.54)


def compilation_docx(content: Compilation) -> Any:
    """The filled python-docx document (the caller stamps and saves it)."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, RGBColor

    document = new_document(None, "en")
    _add_cell_styles(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    if content.includes_restricted:
        # First, above the masthead: whoever picks up the first page must see it
        notice = add_styled_paragraph(document, "Document Title")
        run = add_text_run(notice, RESTRICTED_NOTICE, bold=True)
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        notice.paragraph_format.space_before = 0
    masthead = masthead_of(content)
    write_masthead(document, masthead)
    _widen_masthead(document)
    _running_header(document, content)
    for line in content.heading:
        if line not in (TITLE, RESTRICTED_NOTICE):
            add_run(add_styled_paragraph(document, "Body Paragraph"), line)
    tables = _Tables(document)
    for group in content.groups:
        # Two tables with nothing between them are one table to Word
        add_styled_paragraph(document, "Body Paragraph")
        tables.add(group.heading, group.rows)
    return document


def masthead_of(content: Compilation) -> Masthead:
    """The first page's head: the symbol, the date of what it holds, the languages received."""
    languages = "/".join(sorted(english_name(code) for code in content.languages)) or "English"
    return Masthead(
        language="en",
        organization="United Nations",
        symbol=content.symbol,
        distribution="Distr.: Restricted" if content.includes_restricted else "Distr.: General",
        date=issue_date(content.date, "en"),
        language_line=None,
        original=f"Original: {languages}",
        body=content.body,
        meeting=None,
        title=TITLE,
    )


def _add_cell_styles(document: Any) -> None:
    """Smaller type in the table, so a comment of a paragraph stays a few lines; named, so an
    editor's template can restyle it."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    for name, size, italic in ((CELL_STYLE, 9.5, False), (MARK_STYLE, 8.5, True)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(size)
        style.font.italic = italic
        style.font.color.rgb = RGBColor(0, 0, 0)
        size_cs = OxmlElement("w:szCs")
        size_cs.set(qn("w:val"), str(int(size * 2)))
        style.element.get_or_add_rPr().append(size_cs)
        layout = style.paragraph_format
        layout.space_before, layout.space_after = Pt(0), Pt(2)
        layout.line_spacing = 1.0


def _widen_masthead(document: Any) -> None:
    """The official masthead is drawn for a portrait page; across a landscape one the symbol
    belongs at the right margin and the distribution lines under it."""
    from docx.shared import Cm

    usable = 29.7 - 2 * MARGIN_CM
    widths = (usable / 2, usable / 2)
    masthead = document.tables[0]
    for column, width in zip(masthead._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(twips(width)))
    for cell, width in zip(masthead.rows[0].cells, widths, strict=True):
        cell.width = Cm(width)
    for made in document.paragraphs:
        if made.style.name == "Masthead":
            made.paragraph_format.left_indent = Cm(usable - 7.0)


def _running_header(document: Any, content: Compilation) -> None:
    """The symbol (and the restricted notice) on every page after the first; the note
    verbale's reference too when the symbol is another."""
    from docx.shared import RGBColor

    header = document.sections[0].header.paragraphs[0]
    if content.symbol != content.call.reference:
        add_text_run(header, f" · Note verbale {content.call.reference}")
    add_text_run(header, f" · {TITLE}")
    if content.includes_restricted:
        run = add_text_run(header, f" · {RESTRICTED_NOTICE}")
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


class _Tables:
    """The tables of one compilation, one per guideline: its heading in a first row across the
    table, then the column names, both repeated at the top of every page the table continues
    on, so that a page never shows comments without saying on which guideline.

    The first table is made by python-docx; every other is a copy of its head with its own
    heading, and every body row a copy of its first, empty, filled.  Making each table and
    row through python-docx (merging the title cells, its style setters, its grid, per
    cell) was most of the time of a compilation at M, which has a table per guideline and few
    comments in most; the copies are the same XML, byte for byte."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.head: Any = None  # the first table's element, before its body rows
        self.blank: Any = None  # its first body row, empty

    def add(self, heading: str, rows: Sequence[Row]) -> None:
        from docx.table import Table, _Cell

        if self.head is None:
            table = self._first_head(heading)
        else:
            tbl = deepcopy(self.head)
            self.document._body._element._insert_tbl(tbl)
            table = Table(tbl, self.document._body)
            title = tbl.tr_lst[0].tc_lst[0].p_lst[0]
            for run in title.r_lst:
                title.remove(run)
            add_text_run(Paragraph(title, table), heading)
        for row in rows:
            if self.blank is None:
                tr = self._first_row(table)
            else:
                tr = deepcopy(self.blank)
                table._tbl.append(tr)
            values = row.cells
            for index, tc in enumerate(tr.tc_lst):
                cell = _Cell(tc, table)
                text = index in _TEXT_COLUMNS
                _fill(cell, values[_FROM_ROW[index]], CELL_STYLE, row.language if text else None,
                      rtl=row.rtl and text, styled=True)  # fmt: skip
                if index == _PARTY_COLUMN:
                    _marks(cell, row, MARK_STYLE)

    def _first_head(self, heading: str) -> Any:
        from docx.shared import Cm, Pt

        table = self.document.add_table(rows=2, cols=len(PRINTED))
        set_table_style(table, "Table Grid")
        table.autofit = False  # w:tblLayout fixed: the widths below, not the text, decide
        properties = table._tbl.tblPr
        width = properties.find(qn("w:tblW"))
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(sum(twips(cm) for cm in WIDTHS_CM)))
        grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
        for column, cm in zip(grid, WIDTHS_CM, strict=True):
            column.set(qn("w:w"), str(twips(cm)))
        title_row, header = table.rows
        _row_properties(title_row, repeat=True)
        title = title_row.cells[0].merge(title_row.cells[-1])
        title.width = Cm(sum(WIDTHS_CM))
        # No rule above or beside it: a heading over the table, not a box in it (and in the
        # navigation pane, being in the style of a guideline's heading)
        borders = OxmlElement("w:tcBorders")
        for side in ("top", "left", "right"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "nil")
            borders.append(edge)
        title._tc.get_or_add_tcPr().insert_element_before(borders, "w:shd", *_AFTER_SHD)
        made = title.paragraphs[0]
        set_paragraph_style(made, "Guideline Heading")
        made.paragraph_format.space_before = Pt(0)
        made.paragraph_format.left_indent = Pt(0)
        add_text_run(made, heading)
        _row_properties(header, repeat=True)
        for cell, name, cm in zip(header.cells, PRINTED, WIDTHS_CM, strict=True):
            cell.width = Cm(cm)
            made = cell.paragraphs[0]
            set_paragraph_style(made, CELL_STYLE)
            made.paragraph_format.keep_with_next = True
            add_text_run(made, name, bold=True)
            shading = OxmlElement("w:shd")
            for key, value in (("val", "clear"), ("color", "auto"), ("fill", HEADER_FILL)):
                shading.set(qn(f"w:{key}"), value)
            cell._tc.get_or_add_tcPr().insert_element_before(shading, *_AFTER_SHD)
        self.head = deepcopy(table._tbl)
        return table

    def _first_row(self, table: Any) -> Any:
        from docx.shared import Cm

        added = table.add_row()
        _row_properties(added, repeat=False)
        for cell, cm in zip(added.cells, WIDTHS_CM, strict=True):
            cell.width = Cm(cm)
            set_paragraph_style(cell.paragraphs[0], CELL_STYLE)
        self.blank = deepcopy(added._tr)
        return added._tr


def _row_properties(row: Any, *, repeat: bool) -> None:
    """``w:cantSplit`` then ``w:tblHeader``: their order in ``w:trPr`` is the schema's."""
    properties = row._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")
    properties.append(keep)
    if repeat:
        header = OxmlElement("w:tblHeader")
        properties.append(header)


def _fill(
    cell: Any, value: str, style: str, language: str | None, *, rtl: bool, styled: bool = False
) -> None:
    """One paragraph per line of ``value``; its runs tagged with the language it was received
    in (the spell checker and the line breaker need it), right to left when ``rtl``.

    No ``w:jc``: in a bidirectional paragraph Word reads "left" and "right" as start and end,
    and the default, start, is already the right-hand side.  ``styled``: the cell's first
    paragraph already has ``style``."""
    lines = value.split("\n") if value else [""]
    for index, line in enumerate(lines):
        made = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if index or not styled:
            set_paragraph_style(made, style)
        run = add_run(made, line)
        if rtl:
            right_to_left(made)
            run._r.get_or_add_rPr().insert_element_before(OxmlElement("w:rtl"), *_AFTER_RTL)
        if language:
            tag = OxmlElement("w:lang")
            tag.set(qn("w:bidi" if rtl else "w:val"), LANGUAGE_TAGS.get(language, language))
            run._r.get_or_add_rPr().insert_element_before(tag, *_AFTER_LANG)


def _marks(cell: Any, row: Row, style: str) -> None:
    """Under the party's name: "Late reply" with the date it came, "Restricted" in red."""
    from docx.shared import RGBColor

    if row.late and row.received:
        made = add_styled_paragraph(cell, style)
        add_run(made, f"{LATE_MARK}, received {long_date(row.received)}")
    if row.restricted:
        made = add_styled_paragraph(cell, style)
        run = add_run(made, RESTRICTED_MARK)
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
