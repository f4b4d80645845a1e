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
* General comments come first, in their own groups: on the whole document ("General comments"),
  on the introduction, then on each part in the version's order; their *Guideline* cell says
  "General", "Introduction" or "Part II".  Then the rows are in the order of the guidelines in
  the version commented on, then by party (English name), then as written in the reply.  The
  Word document prints one table per group under its heading ("Guideline 7. Title").
* A reply received after the call's deadline is late; the CSV and the workbook say so, and
  whether it is restricted, in columns after the printed ones (:data:`STATUS_COLUMNS`); the
  Word document marks the row under the party's name.
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
import math
import os
import stat
import zipfile
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from redraft.comments.subjects import GENERAL_COMMENTS
from redraft.kb.model import COMMENT_SCOPES, RTL_LANGUAGES, Call, Comment, KnowledgeBase, Version
from redraft.site.labels import Labels

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
STATUS_COLUMNS = ("Received", "Late", "Restricted")
"""After the printed columns in the CSV and the workbook: the date of the reply, "yes" when it
came after the call's deadline, "yes" when it is restricted (only with ``--include-restricted``)."""
TABLE_COLUMNS = COLUMNS + STATUS_COLUMNS
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
    guideline_title: str = ""
    """The guideline's title in the version commented on; empty when the version lacks it."""
    received: dt.date | None = None
    late: bool = False
    """Received after the call's deadline."""
    heading: str = GENERAL_COMMENTS
    """The heading of the group the row is printed in: "Guideline 7. Title", "Part II. Title",
    "Introduction", or "General comments" (the whole document, or a guideline the version
    commented on lacks)."""

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

    @property
    def record(self) -> tuple[str, ...]:
        """The cells of the CSV and the workbook, in the order of :data:`TABLE_COLUMNS`."""
        return (
            *self.cells,
            self.received.isoformat() if self.received else "",
            "yes" if self.late else "",
            "yes" if self.restricted else "",
        )


@dataclass(frozen=True)
class Group:
    """The rows on one guideline, under the heading the Word document prints for it."""

    heading: str
    rows: tuple[Row, ...]


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
    def symbol(self) -> str:
        """The symbol the document is identified by on every page.  The knowledge base records
        no symbol for a compilation (a call has a reference, not a symbol), so it is the
        reference of the note verbale, which is how the secretariat files the replies."""
        return self.call.reference

    @property
    def late_parties(self) -> tuple[str, ...]:
        """The names of the parties with a reply received after the deadline."""
        deadline = self.call.deadline
        return tuple(r.name for r in self.respondents if any(d > deadline for d in r.received))

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the comments were received in, sorted."""
        return tuple(sorted({row.language for row in self.rows}))

    @property
    def groups(self) -> tuple[Group, ...]:
        """The rows under their headings, in the order of :attr:`rows`: general comments,
        the introduction, the parts, then guideline by guideline."""
        groups: list[Group] = []
        for row in self.rows:
            if groups and groups[-1].heading == row.heading:
                groups[-1] = Group(row.heading, (*groups[-1].rows, row))
            else:
                groups.append(Group(row.heading, (row,)))
        return tuple(groups)

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
            if self.late_parties:
                lines.append(
                    f"Received after the deadline of {long_date(call.deadline)}: "
                    + "; ".join(self.late_parties)
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


def compilation(
    kb: KnowledgeBase, call_id: str, include_restricted: bool = False, language: str | None = None
) -> Compilation:
    """The compilation of comments received on call ``call_id``.  Raises :class:`UnknownCall`.

    ``language`` names the groups ("General comments", "Guideline 7. Title") and the subject
    cells in that language, with the words the site uses (:mod:`redraft.site.labels`), titles
    in that language where the version has them; by default, the version's original language.
    The comments themselves stay as received."""
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
    words = Labels(language or (version.language if version else "en"))
    guideline_order = {g.id: i for i, g in enumerate(version.guidelines)} if version else {}
    part_order = {p.id: i for i, p in enumerate(version.parts)} if version else {}

    def place(comment: Comment) -> tuple[int, int, str]:
        # The whole document (and a guideline the version lacks: check reports it), the
        # introduction, the parts, then the guidelines, each in the version's order.
        if comment.guideline is not None:
            at = guideline_order.get(comment.guideline)
            if at is None:
                return (0, 0, comment.guideline)
            return (COMMENT_SCOPES.index("guideline"), at, comment.guideline)
        if comment.part is not None:
            return (COMMENT_SCOPES.index("part"), part_order.get(comment.part, -1), comment.part)
        return (COMMENT_SCOPES.index(comment.scope), 0, "")

    received = {c.id: s.received for s in submissions for c in s.comments}
    comments = [
        (position, c)
        for position, c in enumerate(
            c for s in sorted(submissions, key=lambda s: (s.received, s.id)) for c in s.comments
        )
    ]
    comments.sort(
        key=lambda item: (
            place(item[1]),
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
        rows=tuple(
            _row(kb, version, c, names, received[c.id], call.deadline, words) for _, c in comments
        ),
        includes_restricted=include_restricted and bool(restricted_parties),
        notice=kb.settings.submissions_notice,
    )


def compilation_sources(kb: KnowledgeBase, call_id: str) -> tuple[Version | None, str]:
    """What :func:`compilation` reads of ``kb`` for ``call_id`` besides the settings and the
    code, to key a kept document by: the version commented on (returned apart, for a caller
    that digests each version once) and, as one string, the call, every submission on it
    (restricted ones too: whether they are shown is the caller's request) with its comments
    and their dispositions, the names of the parties that wrote them, and the label of each
    version a disposition says addressed the comment.  Nothing else of the model is read: an
    edit of the working draft changes none of it unless the call is on the draft or a
    disposition names it (then only its label).  Keep in step with :func:`compilation`."""
    call = kb.call(call_id)
    if call is None:
        raise UnknownCall(call_id, [c.id for c in kb.calls])
    submissions = tuple(s for s in kb.submissions if s.call == call.id)
    comments = [c for s in submissions for c in s.comments]
    parties = sorted({s.party for s in submissions} | {c.party for c in comments})
    addressed = sorted({c.addressed_in for c in comments if c.addressed_in})
    labels = {}
    for version_id in addressed:
        version = kb.version(version_id)
        labels[version_id] = version.label if version else None
    names = {code: party.name if (party := kb.party(code)) else None for code in parties}
    return kb.version(call.version), repr((call, submissions, names, labels))


def _row(
    kb: KnowledgeBase,
    version: Version | None,
    comment: Comment,
    names: dict[str, str],
    received: dt.date,
    deadline: dt.date,
    words: Labels,
) -> Row:
    guideline = version.guideline(comment.guideline) if version and comment.guideline else None
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
    printed, heading = _subject_cells(version, comment, words)
    if guideline is not None:
        printed = guideline.number
        title = guideline.in_language(words.language).title
        heading = words.format("group_guideline", number=guideline.number, title=title)
    return Row(
        number=comment.id,
        party=names.get(comment.party, comment.party),
        guideline=printed,
        paragraph=paragraph,
        type=comment.type.capitalize(),
        comment=comment.text.strip(),
        proposed=(comment.proposed or "").strip(),
        observations=observations(kb, comment),
        language=comment.language,
        party_code=comment.party,
        guideline_id=comment.guideline or "",
        restricted=comment.restricted,
        guideline_title=guideline.text.title if guideline else "",
        received=received,
        late=received > deadline,
        heading=heading,
    )


def _subject_cells(version: Version | None, comment: Comment, words: Labels) -> tuple[str, str]:
    """What the *Guideline* cell says of a comment on no guideline of the version, and the
    heading of its group, in the compilation's language."""
    general = words["general_comments"]
    if comment.guideline is not None:  # not in the version commented on
        return comment.guideline, general
    if comment.part is not None:
        part = version.part(comment.part) if version else None
        if part is None:
            cell = words.format("cell_part", number=comment.part)
            return cell, cell
        title = part.title_in(words.language)
        heading = words.format("group_part", number=part.number, title=title)
        return words.format("cell_part", number=part.number), heading
    if comment.scope == "introduction":
        return words["introduction"], words["introduction"]
    return words["cell_general"], general


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
    writer.writerow(TABLE_COLUMNS)
    for row in content.rows:
        writer.writerow(row.record)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(content: Compilation) -> bytes:
    """A sheet "Compilation" (heading rows, then a filterable table) and a sheet "Replies".

    Rows are numbered here as they are written: openpyxl's ``max_row`` and ``sheet[n]`` look at
    every cell written so far, so asking them once a row made the export grow with the square of
    the comments (20,000 took two minutes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Compilation"
    last = get_column_letter(len(TABLE_COLUMNS))
    heading_alignment = Alignment(wrap_text=True, vertical="top")
    for row_number, line in enumerate(content.heading, start=1):
        cell = sheet.cell(row=row_number, column=1, value=line)
        cell.alignment = heading_alignment
        size = 11.0
        if line == RESTRICTED_NOTICE:
            cell.font = Font(bold=True, color="C00000")
        elif line == TITLE:
            size = 14.0
            cell.font = Font(bold=True, size=size)
        # Across the table's width, so a long line wraps within the printed page; a merged
        # cell is never fitted to its text by Excel or LibreOffice, hence the height
        sheet.merge_cells(f"A{row_number}:{last}{row_number}")
        sheet.row_dimensions[row_number].height = row_height(
            (line,), (sum(XLSX_WIDTHS),), point_size=size
        )
    header_row = len(content.heading) + 2  # after one empty row
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="D9E2F3")
    wrapped = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin", color="808080")
    ruled = Border(left=thin, right=thin, top=thin, bottom=thin)
    right_to_left = Alignment(wrap_text=True, vertical="top", horizontal="right", readingOrder=2)
    for column, name in enumerate(TABLE_COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=column, value=name)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = wrapped
        cell.border = ruled
    sheet.row_dimensions[header_row].height = row_height(TABLE_COLUMNS, XLSX_WIDTHS)
    text_columns = {COLUMNS.index("Comment") + 1, COLUMNS.index("Proposed change") + 1}
    # Assigning ``cell.alignment`` hashes the Alignment to find it in the workbook's list, which
    # was half the time of a large export; a cell's style is a small array of such indexes, so
    # each of the two is set once and then copied (as openpyxl's own worksheet copier does).
    styled: dict[bool, Any] = {}
    for row_number, row in enumerate(content.rows, start=header_row + 1):
        for column, value in enumerate(row.record, start=1):
            cell = sheet.cell(row=row_number, column=column, value=value)
            rtl = row.rtl and column in text_columns
            if rtl in styled:
                _copy_style(styled[rtl], cell)
            else:
                cell.alignment = right_to_left if rtl else wrapped
                cell.border = ruled
                styled[rtl] = cell
        sheet.row_dimensions[row_number].height = row_height(row.record, XLSX_WIDTHS)
    for index, width in enumerate(XLSX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(content.rows)}"
    _print_setup(sheet, content, header_row)

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
    for letter, width in zip("ABCD", (55, 10, 12, 11), strict=True):
        replies.column_dimensions[letter].width = width
    _print_setup(replies, content, 1)

    _stamp_properties(book.properties, content)
    return _save_xlsx(book, content.date)


XLSX_WIDTHS = (11, 14, 9, 18, 10, 46, 30, 38, 10.5, 5, 9.5)
"""Column widths in characters: the comment widest, and the whole table (200) printed across a
landscape A4 page at about three quarters of full size (``fitToWidth``)."""
LINE_POINTS = 15.0
"""The height of a line of 11-point Calibri, Excel's default font, in points."""
ROW_PADDING = 3.0


def row_height(values: Sequence[str], widths: Sequence[float], point_size: float = 11.0) -> float:
    """The height (points) of a row whose wrapped ``values`` sit in columns ``widths`` wide.

    A column is ``width`` digits wide, and prose averages about 1.1 characters a digit's width;
    words wrap whole, so a line holds somewhat less, and a tenth more is allowed for that.  Excel
    does not fit a row to its wrapped text when it opens a file, so without a height a printed
    row would show one clipped line of each comment."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        per_line = max(1.0, width * 1.1 * 11.0 / point_size)
        needed = sum(math.ceil(max(1, len(part)) * 1.1 / per_line) for part in value.split("\n"))
        lines = max(lines, needed)
    # a few points more, for the space above and below the text that Excel leaves in a cell
    return round(lines * LINE_POINTS * point_size / 11.0 + ROW_PADDING, 1)


def _print_setup(sheet: Any, content: Compilation, header_row: int) -> None:
    """Landscape A4, as wide as the page and as many pages long as it takes; the column names
    (row ``header_row``) at the top of every page; the symbol and the title in the running
    header, the page numbers in the footer (numbered on through the workbook's sheets)."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.5  # inches
    margins.top = margins.bottom = 0.75
    margins.header = margins.footer = 0.3
    # "&" starts a code in a header (&P is the page number): a literal one is doubled
    symbol = content.symbol.replace("&", "&&")
    title = TITLE.replace("&", "&&")
    if content.includes_restricted:
        title = f"{title} — not for publication"
    for header in (sheet.oddHeader, sheet.evenHeader):
        header.left.text = f"&B{symbol}"
        header.right.text = title
    for footer in (sheet.oddFooter, sheet.evenFooter):
        footer.center.text = "Page &P of &N"


def _copy_style(source: Any, target: Any) -> None:
    """Give ``target`` the style of ``source``, a cell of the same workbook."""
    target._style = copy(source._style)


def _save_xlsx(book: Any, day: dt.date) -> bytes:
    """The workbook's bytes, dated ``day``.

    ``Workbook.save`` stamps ``dcterms:modified`` with the clock; openpyxl's own writer, which
    ``save`` calls after that stamp, keeps the date :func:`_stamp_properties` set."""
    from openpyxl.writer.excel import ExcelWriter

    from redraft.exports.ooxml import stored_entries

    # Stored, not compressed: each entry is compressed once, when it is dated.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    return _dated_zip(stored_entries(out.getvalue()), day)


def to_docx(content: Compilation) -> bytes:
    """A landscape A4 official document: masthead, the lines naming the call, then a table per
    guideline (see :mod:`redraft.exports.compilation_docx`)."""
    from redraft.exports.compilation_docx import compilation_docx
    from redraft.exports.ooxml import package_entries

    document = compilation_docx(content)
    _stamp_properties(document.core_properties, content)
    # the permissions python-docx gives each entry it saves
    entries = ((name, data, 0o600 << 16) for name, data in package_entries(document))
    return _dated_zip(entries, content.date)


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


def _dated_zip(entries: Iterable[tuple[str, bytes, int]], day: dt.date) -> bytes:
    """A zip of ``entries`` (:func:`~redraft.exports.ooxml.dated_package`), every entry dated
    ``day`` at midnight.

    zipfile dates an entry written by name with the local clock (so the bytes would change with
    the time and the time zone); the date is taken from the data instead."""
    from redraft.exports.ooxml import dated_package

    return dated_package(entries, (day.year, day.month, day.day, 0, 0, 0))


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
    # COLUMNS alone: a compilation exported before the status columns were added
    return bool(rows) and tuple(rows[0]) in (TABLE_COLUMNS, COLUMNS)


def export_compilation(
    kb: KnowledgeBase,
    call_id: str,
    export_format: ExportFormat,
    path: Path,
    include_restricted: bool = False,
    language: str | None = None,
) -> Compilation:
    """Build the compilation and write it to ``path`` atomically; returns what was written.

    Raises :class:`UnknownCall` before anything is written.
    """
    from redraft.kb.atomic import write_bytes_atomic

    content = compilation(kb, call_id, include_restricted, language)
    write_bytes_atomic(path, render(content, export_format))
    return content
