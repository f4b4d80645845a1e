"""WordprocessingML pieces python-docx does not offer: revisions, fields, right-to-left text,
and a package that is the same bytes for the same inputs.

Word revisions are plain markup: an insertion is ``w:ins`` around runs, a deletion ``w:del``
around runs whose text is ``w:delText``; each carries ``w:id`` (unique in the document),
``w:author`` and ``w:date``.  A paragraph inserted or deleted as a whole also marks its
paragraph mark (``w:pPr/w:rPr/w:ins``), so that accepting or rejecting it in Word's Review pane
leaves no empty paragraph behind.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

RevisionKind = Literal["insert", "delete"]

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
"""The elements WordprocessingML requires after ``w:bidi`` in a paragraph's properties: Word
refuses a document whose properties are out of schema order."""


@dataclass
class Revisions:
    """Who made the tracked changes and when, and the ``w:id`` counter they share."""

    author: str
    date: dt.date
    _next_id: Iterator[int] = field(default_factory=lambda: iter(range(1, 1 << 30)))

    @property
    def stamp(self) -> str:
        # Midnight UTC of the version's date: the date is the data's, never the clock's.
        return f"{self.date.isoformat()}T00:00:00Z"

    def mark(self, kind: RevisionKind) -> Any:
        """An empty ``w:ins`` or ``w:del`` with this author, date and the next id."""
        element = OxmlElement("w:ins" if kind == "insert" else "w:del")
        element.set(qn("w:id"), str(next(self._next_id)))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.stamp)
        return element

    def mark_paragraph(self, paragraph: Any, kind: RevisionKind) -> None:
        """Record the paragraph mark itself as inserted or deleted."""
        properties = paragraph._p.get_or_add_pPr()
        run_properties = properties.find(qn("w:rPr"))
        if run_properties is None:
            run_properties = OxmlElement("w:rPr")
            properties.insert_element_before(run_properties, "w:sectPr", "w:pPrChange")
        run_properties.append(self.mark(kind))


def add_text_run(paragraph: Any, text: str, *, rtl: bool = False, **style: Any) -> Any:
    """A plain run appended to ``paragraph`` (python-docx's own), returned for styling."""
    run = paragraph.add_run(text)
    _style_run(run, rtl=rtl, **style)
    return run


def add_revision(
    paragraph: Any,
    text: str,
    kind: RevisionKind,
    revisions: Revisions,
    *,
    rtl: bool = False,
    **style: Any,
) -> Any:
    """``text`` as a tracked insertion or deletion at the end of ``paragraph``."""
    run = paragraph.add_run(text)
    _style_run(run, rtl=rtl, **style)
    wrapper = revisions.mark(kind)
    run._r.addprevious(wrapper)
    wrapper.append(run._r)
    if kind == "delete":
        for text_element in run._r.findall(qn("w:t")):
            text_element.tag = qn("w:delText")
    return run


def _style_run(run: Any, *, rtl: bool, bold: bool = False, italic: bool = False) -> None:
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if rtl:
        run._r.get_or_add_rPr().get_or_add_rtl()


def right_to_left(paragraph: Any) -> None:
    """Make ``paragraph`` a right-to-left paragraph (its start is the right-hand side)."""
    paragraph._p.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)


def add_field(paragraph: Any, instruction: str, placeholder: str = "1") -> None:
    """A field such as ``PAGE``, computed by the word processor when it lays out the page."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def set_core_properties(
    properties: Any, *, title: str, subject: str, author: str, date: dt.date, keywords: str
) -> None:
    """Core properties from the data: python-docx would otherwise keep its template's author
    and dates, and Word would show them as the document's."""
    moment = dt.datetime(date.year, date.month, date.day)
    properties.title = title[:255]
    properties.subject = subject[:255]
    properties.author = author[:255]
    properties.last_modified_by = author[:255]
    properties.keywords = keywords[:255]
    properties.comments = ""
    properties.category = ""
    properties.revision = 1
    properties.created = moment
    properties.modified = moment
    properties.last_printed = moment


ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can carry; every entry carries it, so the bytes of a package do
not depend on the clock or the time zone of the machine that wrote it."""


def reproducible_package(data: bytes) -> bytes:
    """The same package with fixed entry times and attributes, entries in their original order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()


def save_reproducibly(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_package(buffer.getvalue())
