"""The compilation of comments received on a call, as Word (.docx), Excel (.xlsx) or CSV.

The layout is the one secretariats circulate before a meeting: a heading that names the call
(the note verbale's reference and date, the version commented on and its symbol) and lists the
parties that replied with the dates of their replies, then one row per comment:

    No. | Party | Guideline | Paragraph | Type | Comment | Proposed change |
    Observations of the secretariat

* *Guideline* and *Paragraph* are what was printed in the version commented on (its number, the
  paragraph's label), with the quoted words after the label.
* *Comment* and *Proposed change* are reproduced in the language in which they were received;
  cells in a right-to-left language are set right to left (Excel: reading order right-to-left;
  Word: a bidirectional paragraph with right-to-left runs).
* *Observations of the secretariat* is the disposition, its rationale and the version that
  addressed it.
* Rows are in the order of the guidelines in the version commented on, then by party (English
  name), then as written in the reply.
* Restricted submissions are left out unless asked for; then the first row (CSV, Excel) or the
  first paragraph (Word) says the file contains them and is not for publication.

:func:`compilation` builds the content from the model (pure); ``to_docx``, ``to_xlsx`` and
``to_csv`` lay it out as bytes; :func:`export_compilation` writes a file atomically, and
:func:`is_compilation` recognises a file this module wrote, so the command line can replace a
previous export without ever overwriting anything else.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
import zipfile
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from redraft.kb.model import RTL_LANGUAGES, Call, Comment, KnowledgeBase, Version

ExportFormat = Literal["docx", "xlsx", "csv"]
FORMATS: tuple[ExportFormat, ...] = ("docx", "xlsx", "csv")

COLUMNS = (
    "No.",
    "Party",
    "Guideline",
    "Paragraph",
    "Type",
    "Comment",
    "Proposed change",
    "Observations of the secretariat",
)
RESTRICTED_NOTICE = "Contains restricted submissions — not for publication"
TITLE = "Compilation of comments received"
REPRODUCED = "The comments are reproduced in the form and the language in which they were received."
MARK = "redraft-compilation"
"""Written in the document properties (Word, Excel) so a later export recognises its own file."""

_DISPOSITION_LABELS = {
    "pending": "Pending",
    "accepted": "Accepted",
    "partially-accepted": "Partially accepted",
    "not-accepted": "Not accepted",
    "noted": "Noted",
}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class UnknownCall(LookupError):
    """``str(error)`` is one line for the user: the call asked for and the calls there are."""

    def __init__(self, call_id: str, known: Sequence[str]) -> None:
        super().__init__(f"unknown call '{call_id}' (the calls are: {', '.join(known) or 'none'})")


# -- content ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One comment as the compilation prints it."""

    number: str
    party: str
    guideline: str
    paragraph: str
    type: str
    comment: str
    proposed: str
    observations: str
    language: str
    party_code: str
    guideline_id: str
    restricted: bool

    @property
    def rtl(self) -> bool:
        return self.language in RTL_LANGUAGES

    @property
    def cells(self) -> tuple[str, ...]:
        """The printed cells, in the order of :data:`COLUMNS`."""
        return (
            self.number,
            self.party,
            self.guideline,
            self.paragraph,
            self.type,
            self.comment,
            self.proposed,
            self.observations,
        )


@dataclass(frozen=True)
class Respondent:
    """A party that replied, with the date of each of its replies."""

    party: str
    name: str
    received: tuple[dt.date, ...]
    restricted: bool

    def describe(self) -> str:
        return f"{self.name} ({', '.join(long_date(d) for d in self.received)})"


@dataclass(frozen=True)
class Compilation:
    call: Call
    version: Version | None
    body: str | None
    guidelines_title: str
    respondents: tuple[Respondent, ...]
    rows: tuple[Row, ...]
    includes_restricted: bool
    notice: str | None

    @property
    def date(self) -> dt.date:
        """The date of what the compilation holds: its call's, or the latest reply's if later.
        Files are dated with it, so the same inputs give the same bytes whenever exported."""
        return max((self.call.date, *(d for r in self.respondents for d in r.received)))

    @property
    def version_label(self) -> str:
        return self.version.label if self.version else self.call.version

    @property
    def heading(self) -> tuple[str, ...]:
        """The lines printed above the table, after the title; the restricted notice first."""
        call = self.call
        lines = [RESTRICTED_NOTICE] if self.includes_restricted else []
        lines.append(TITLE)
        lines.append(self.guidelines_title)
        lines.append(
            f"Comments received in response to the note verbale {call.reference} of "
            f"{long_date(call.date)}, inviting comments by {long_date(call.deadline)} on "
            f"{self.version_label}."
        )
        if self.respondents:
            lines.append(
                "Replies were received from: "
                + "; ".join(r.describe() for r in self.respondents)
                + "."
            )
        else:
            lines.append("No replies have been received.")
        lines.append(REPRODUCED)
        if self.notice:
            lines.append(" ".join(self.notice.split()))
        return tuple(lines)


def long_date(day: dt.date) -> str:
    """``19 July 2018``, whatever the machine's locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def compilation(kb: KnowledgeBase, call_id: str, include_restricted: bool = False) -> Compilation:
    """The compilation of comments received on call ``call_id``.  Raises :class:`UnknownCall`."""
    call = kb.call(call_id)
    if call is None:
        raise UnknownCall(call_id, [c.id for c in kb.calls])
    source = kb if include_restricted else kb.without_restricted()
    version = kb.version(call.version)
    submissions = [s for s in source.submissions if s.call == call.id]
    names = {p.code: p.name for p in kb.parties}
    respondents: dict[str, list[dt.date]] = {}
    restricted_parties: set[str] = set()
    for submission in sorted(submissions, key=lambda s: (s.received, s.id)):
        respondents.setdefault(submission.party, []).append(submission.received)
        if submission.restricted:
            restricted_parties.add(submission.party)
    order = {g.id: i for i, g in enumerate(version.guidelines)} if version else {}
    comments = [
        (position, c)
        for position, c in enumerate(
            c for s in sorted(submissions, key=lambda s: (s.received, s.id)) for c in s.comments
        )
    ]
    comments.sort(
        key=lambda item: (
            order.get(item[1].guideline, len(order)),
            item[1].guideline,
            names.get(item[1].party, item[1].party).casefold(),
            item[1].party,
            item[0],
        )
    )
    return Compilation(
        call=call,
        version=version,
        body=kb.settings.body,
        guidelines_title=version.title if version else kb.settings.title,
        respondents=tuple(
            Respondent(code, names.get(code, code), tuple(dates), code in restricted_parties)
            for code, dates in sorted(
                respondents.items(), key=lambda item: names.get(item[0], item[0]).casefold()
            )
        ),
        rows=tuple(_row(kb, version, c, names) for _, c in comments),
        includes_restricted=include_restricted and bool(restricted_parties),
        notice=kb.settings.submissions_notice,
    )


def _row(
    kb: KnowledgeBase, version: Version | None, comment: Comment, names: dict[str, str]
) -> Row:
    guideline = version.guideline(comment.guideline) if version else None
    paragraph = ""
    if comment.paragraph is not None:
        found = guideline.text.paragraph(comment.paragraph) if guideline else None
        if found is None:
            paragraph = comment.paragraph
        elif found.label:
            paragraph = found.label
        elif found.in_note:
            paragraph = f"explanatory note, para. {found.id.removeprefix('note-')}"
        else:
            paragraph = f"para. {found.id.removeprefix('p')}"
    if comment.quote:
        paragraph = f"{paragraph} “{comment.quote}”".strip()
    return Row(
        number=comment.id,
        party=names.get(comment.party, comment.party),
        guideline=guideline.number if guideline else comment.guideline,
        paragraph=paragraph,
        type=comment.type.capitalize(),
        comment=comment.text.strip(),
        proposed=(comment.proposed or "").strip(),
        observations=observations(kb, comment),
        language=comment.language,
        party_code=comment.party,
        guideline_id=comment.guideline,
        restricted=comment.restricted,
    )


def observations(kb: KnowledgeBase, comment: Comment) -> str:
    """The secretariat's column: disposition, rationale, and the version that addressed it."""
    parts = [f"{_DISPOSITION_LABELS[comment.disposition]}."]
    if comment.rationale and comment.rationale.strip():
        parts.append(" ".join(comment.rationale.split()))
    if comment.addressed_in:
        version = kb.version(comment.addressed_in)
        parts.append(f"Addressed in {version.label if version else comment.addressed_in}.")
    return " ".join(parts)


# -- layouts ----------------------------------------------------------------------------------


def to_csv(content: Compilation) -> bytes:
    """UTF-8 with a byte-order mark, which is how Excel knows the file is UTF-8; the notice (if
    any) alone on the first row, then the column names, then one row per comment."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    if content.includes_restricted:
        writer.writerow([RESTRICTED_NOTICE])
    writer.writerow(COLUMNS)
    for row in content.rows:
        writer.writerow(row.cells)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(content: Compilation) -> bytes:
    """A sheet "Compilation" (heading rows, then a filterable table) and a sheet "Replies".

    Rows are numbered here as they are written: openpyxl's ``max_row`` and ``sheet[n]`` look at
    every cell written so far, so asking them once a row made the export grow with the square of
    the comments (20,000 took two minutes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Compilation"
    for row_number, line in enumerate(content.heading, start=1):
        cell = sheet.cell(row=row_number, column=1, value=line)
        if line == RESTRICTED_NOTICE:
            cell.font = Font(bold=True, color="C00000")
        elif line == TITLE:
            cell.font = Font(bold=True, size=14)
    header_row = len(content.heading) + 2  # after one empty row
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="D9E2F3")
    wrapped = Alignment(wrap_text=True, vertical="top")
    right_to_left = Alignment(wrap_text=True, vertical="top", horizontal="right", readingOrder=2)
    for column, name in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=column, value=name)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = wrapped
    text_columns = {COLUMNS.index("Comment") + 1, COLUMNS.index("Proposed change") + 1}
    # Assigning ``cell.alignment`` hashes the Alignment to find it in the workbook's list, which
    # was half the time of a large export; a cell's style is a small array of such indexes, so
    # each of the two is set once and then copied (as openpyxl's own worksheet copier does).
    styled: dict[bool, Any] = {}
    for row_number, row in enumerate(content.rows, start=header_row + 1):
        for column, value in enumerate(row.cells, start=1):
            cell = sheet.cell(row=row_number, column=column, value=value)
            rtl = row.rtl and column in text_columns
            if rtl in styled:
                _copy_style(styled[rtl], cell)
            else:
                cell.alignment = right_to_left if rtl else wrapped
                styled[rtl] = cell
    widths = (14, 18, 10, 22, 11, 60, 40, 50)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(content.rows)}"

    replies = book.create_sheet("Replies")
    for column, name in enumerate(("Party", "Code", "Received", "Restricted"), start=1):
        replies.cell(row=1, column=column, value=name).font = header_font
    reply_row = 1
    for respondent in content.respondents:
        for day in respondent.received:
            reply_row += 1
            replies.cell(row=reply_row, column=1, value=respondent.name)
            replies.cell(row=reply_row, column=2, value=respondent.party)
            replies.cell(row=reply_row, column=3, value=day).number_format = "yyyy-mm-dd"
            replies.cell(row=reply_row, column=4, value="yes" if respondent.restricted else "")
    for letter, width in zip("ABCD", (40, 10, 12, 11), strict=True):
        replies.column_dimensions[letter].width = width

    _stamp_properties(book.properties, content)
    return _save_xlsx(book, content.date)


def _copy_style(source: Any, target: Any) -> None:
    """Give ``target`` the style of ``source``, a cell of the same workbook."""
    target._style = copy(source._style)


def _save_xlsx(book: Any, day: dt.date) -> bytes:
    """The workbook's bytes, dated ``day``.

    ``Workbook.save`` stamps ``dcterms:modified`` with the clock; openpyxl's own writer, which
    ``save`` calls after that stamp, keeps the date :func:`_stamp_properties` set."""
    from openpyxl.writer.excel import ExcelWriter

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    return _dated_zip(out.getvalue(), day)


def to_docx(content: Compilation) -> bytes:
    """A landscape A4 document: the heading as paragraphs, then the table (its header row
    repeated on every page)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    for line in content.heading:
        if line == TITLE:
            document.add_heading(line, level=1)
            continue
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line)
        if line == RESTRICTED_NOTICE:
            run.bold = True
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            run.font.size = Pt(13)

    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    header = table.rows[0]
    properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for cell, name in zip(header.cells, COLUMNS, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(name).bold = True
    text_columns = {COLUMNS.index("Comment"), COLUMNS.index("Proposed change")}
    for row in content.rows:
        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, row.cells, strict=True)):
            _fill_cell(cell, value, rtl=row.rtl and index in text_columns)
    widths = (Cm(2.2), Cm(2.6), Cm(1.6), Cm(3.0), Cm(1.9), Cm(7.0), Cm(4.5), Cm(3.3))
    for row_ in table.rows:
        for cell, width in zip(row_.cells, widths, strict=True):
            cell.width = width

    _stamp_properties(document.core_properties, content)
    out = io.BytesIO()
    document.save(out)
    return _dated_zip(out.getvalue(), content.date)


_AFTER_BIDI = (
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
"""The elements WordprocessingML requires after ``w:bidi`` and ``w:rtl``: Word refuses
properties out of schema order, so each is inserted before the first of these present."""


def _fill_cell(cell: Any, value: str, *, rtl: bool) -> None:
    """One paragraph per line of ``value``; a right-to-left paragraph and runs when ``rtl``.

    No ``w:jc``: in a bidirectional paragraph Word reads "left" and "right" as start and end,
    and the default, start, is already the right-hand side."""
    from docx.oxml import OxmlElement

    lines = value.split("\n") if value else [""]
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        if rtl:
            paragraph._p.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
            run._r.get_or_add_rPr().insert_element_before(OxmlElement("w:rtl"), *_AFTER_RTL)


def _stamp_properties(properties: Any, content: Compilation) -> None:
    """Title, subject, the mark by which a later export recognises this file, and the date of
    its content (never the clock's: the same inputs give the same bytes)."""
    properties.title = f"{TITLE}: {content.call.reference}"
    properties.subject = content.guidelines_title[:255]
    properties.category = MARK
    properties.keywords = f"{MARK} {content.call.id}"
    # Midnight UTC; naive, which openpyxl reads as UTC and python-docx writes with a "Z".
    stamp = dt.datetime(content.date.year, content.date.month, content.date.day)
    properties.created = stamp
    properties.modified = stamp


def _dated_zip(data: bytes, day: dt.date) -> bytes:
    """The same archive with every entry dated ``day`` at midnight.

    zipfile dates an entry written by name with the local clock (so the bytes would change with
    the time and the time zone); the entries are copied here in their order, with the same
    compression, and a date taken from the data."""
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = entry.compress_type
            info.external_attr = entry.external_attr
            target.writestr(info, source.read(entry))
    return out.getvalue()


# -- files ------------------------------------------------------------------------------------

_LAYOUTS: dict[ExportFormat, Callable[[Compilation], bytes]] = {
    "docx": to_docx,
    "xlsx": to_xlsx,
    "csv": to_csv,
}


def render(content: Compilation, export_format: ExportFormat) -> bytes:
    return _LAYOUTS[export_format](content)


def format_of(path: Path) -> ExportFormat | None:
    """The format a file name asks for (``.docx``, ``.xlsx``, ``.csv``), or ``None``."""
    suffix = path.suffix.lower().lstrip(".")
    for known in FORMATS:
        if suffix == known:
            return known
    return None


def is_compilation(path: Path) -> bool:
    """Whether ``path`` is a compilation this module wrote (any call, any format), judged by
    its content: the mark in the document properties, or the CSV's first rows."""
    try:
        # Non-blocking, so that a FIFO without a writer cannot make this wait; then only a
        # regular file is read.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return False
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return False
        data = handle.read()
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                core = archive.read("docProps/core.xml")
        except (zipfile.BadZipFile, KeyError):
            return False
        return MARK.encode() in core
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    rows = list(csv.reader(io.StringIO(text)))[:2]
    if rows and rows[0] == [RESTRICTED_NOTICE]:
        rows = rows[1:]
    return bool(rows) and tuple(rows[0]) == COLUMNS


def export_compilation(
    kb: KnowledgeBase,
    call_id: str,
    export_format: ExportFormat,
    path: Path,
    include_restricted: bool = False,
) -> Compilation:
    """Build the compilation and write it to ``path`` atomically; returns what was written.

    Raises :class:`UnknownCall` before anything is written.
    """
    from redraft.kb.atomic import write_bytes_atomic

    content = compilation(kb, call_id, include_restricted)
    write_bytes_atomic(path, render(content, export_format))
    return content
