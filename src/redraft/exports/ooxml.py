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
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal
from weakref import WeakKeyDictionary

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import SubElement

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

_P, _P_PR, _P_STYLE, _BIDI = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:bidi")
_R, _R_PR, _RTL, _T = qn("w:r"), qn("w:rPr"), qn("w:rtl"), qn("w:t")
_TAB, _BR, _DEL_TEXT, _VAL = qn("w:tab"), qn("w:br"), qn("w:delText"), qn("w:val")
_SECT_PR, _XML_SPACE = qn("w:sectPr"), qn("xml:space")
_ID, _AUTHOR, _DATE = qn("w:id"), qn("w:author"), qn("w:date")
_REVISION_TAGS = {"insert": qn("w:ins"), "delete": qn("w:del")}
"""Clark names of the elements written on every paragraph: the writers below make them with
lxml's ``SubElement``, which takes them from the document's parser (python-docx's element
classes, so its proxies work on them) and declares no namespace of its own."""


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
        for name, value in self.attributes().items():
            element.set(name, value)
        return element

    def attributes(self) -> dict[str, str]:
        """The next revision's ``w:id``, ``w:author`` and ``w:date``, in that order."""
        return {_ID: str(next(self._next_id)), _AUTHOR: self.author, _DATE: self.stamp}

    def mark_paragraph(self, paragraph: Any, kind: RevisionKind) -> None:
        """Record the paragraph mark itself as inserted or deleted."""
        properties = paragraph._p.get_or_add_pPr()
        run_properties = properties.find(qn("w:rPr"))
        if run_properties is None:
            run_properties = OxmlElement("w:rPr")
            properties.insert_element_before(run_properties, "w:sectPr", "w:pPrChange")
        run_properties.append(self.mark(kind))


_STYLE_IDS: WeakKeyDictionary[Any, dict[tuple[str, WD_STYLE_TYPE], str | None]]
_STYLE_IDS = WeakKeyDictionary()
"""Each document's style ids by style name and type, kept as long as its main part lives."""
_DEFAULT_STYLES: WeakKeyDictionary[Any, dict[WD_STYLE_TYPE, Any]] = WeakKeyDictionary()
"""Each document's default style of each type (python-docx's style object, or ``None``)."""


def style_id(part: Any, name: str, style_type: WD_STYLE_TYPE) -> str | None:
    """The id python-docx gives the style ``name`` of ``style_type`` in the document of
    ``part`` (its body's, a header's...): ``None`` for the document's default style of that
    type, whose paragraphs name no style.  Its own lookup scans every style of the document
    for the default on each call, which was most of the time a compilation took; here each
    name is looked up once per document, the default once per type.  Raises as python-docx
    does: :class:`KeyError` for an unknown name, :class:`ValueError` for a style of another
    type.  A style added later is found when first named; a name asked for keeps its answer
    (Redraft adds its styles before it writes the first paragraph)."""
    document_part = part.package.main_document_part
    known = _STYLE_IDS.setdefault(document_part, {})
    key = (name, style_type)
    if key not in known:
        styles = document_part.styles
        style = styles[name]
        if style.type != style_type:
            raise ValueError(f"style {name!r} is of type {style.type}, not {style_type}")
        defaults = _DEFAULT_STYLES.setdefault(document_part, {})
        if style_type not in defaults:
            defaults[style_type] = styles.default(style_type)
        known[key] = None if style == defaults[style_type] else style.style_id
    return known[key]


def add_paragraph_style(styles: Any, name: str) -> Any:
    """``styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)`` for a name the caller knows the
    document lacks, without python-docx's scan of every style's name first (half the time a
    new document took to set up)."""
    from docx.styles import BabelFish
    from docx.styles.style import StyleFactory

    internal = BabelFish.ui2internal(name)
    return StyleFactory(styles.element.add_style_of_type(internal, WD_STYLE_TYPE.PARAGRAPH, False))


def set_paragraph_style(paragraph: Any, name: str) -> None:
    """``paragraph.style = name`` as python-docx does it (an empty ``w:pPr`` and no
    ``w:pStyle`` for the default paragraph style), without its lookup on every call."""
    style = style_id(paragraph.part, name, WD_STYLE_TYPE.PARAGRAPH)
    element = paragraph._p
    if len(element):  # properties or runs already: python-docx finds their place
        element.style = style
        return
    # A new, empty paragraph (nearly every call): its properties are its only child, made
    # here as python-docx makes them, without its search for where each element goes (a
    # quarter of the time a version's document took).
    properties = OxmlElement("w:pPr")
    if style is not None:
        named = OxmlElement("w:pStyle")
        named.set(qn("w:val"), style)
        properties.append(named)
    element.append(properties)


def add_styled_paragraph(container: Any, name: str, *, rtl: bool = False) -> Any:
    """``container.add_paragraph(style=name)`` (a document, a cell, a header or footer) with
    the style set by :func:`set_paragraph_style`, made right to left (:func:`right_to_left`)
    when ``rtl``.

    In a document's body the paragraph is made here, as python-docx makes it, without its
    search of the whole body for the section properties the paragraph goes before (each
    paragraph's cost grew with the document) and without its generic element machinery: a
    version's document took a fifth of its time adding paragraphs."""
    from docx.document import Document
    from docx.text.paragraph import Paragraph

    if not isinstance(container, Document):
        made = container.add_paragraph()
        set_paragraph_style(made, name)
        if rtl:
            right_to_left(made)
        return made
    style = style_id(container.part, name, WD_STYLE_TYPE.PARAGRAPH)  # raises before adding
    body = container.element.body
    element = SubElement(body, _P)
    # The body's section properties, when it has them, are its last child (WordprocessingML
    # allows them nowhere else in the body, and python-docx adds paragraphs and tables before
    # them): the new paragraph goes before them, as python-docx puts it.
    before = element.getprevious()
    if before is not None and before.tag == _SECT_PR:
        before.addprevious(element)
    properties = SubElement(element, _P_PR)
    if style is not None:
        SubElement(properties, _P_STYLE).set(_VAL, style)
    if rtl:
        SubElement(properties, _BIDI)
    return Paragraph(element, container._body)


def set_table_style(table: Any, name: str) -> None:
    """``table.style = name`` as python-docx does it, through :func:`style_id`."""
    table._tbl.tblStyle_val = style_id(table.part, name, WD_STYLE_TYPE.TABLE)


_RUN_BREAKS = re.compile(r"([\t\r\n])")


def add_run(paragraph: Any, text: str) -> Any:
    """``paragraph.add_run(text)`` as python-docx writes it (a ``w:tab`` for a tab, a ``w:br``
    for a line break, one ``w:t`` for the characters between, keeping their spaces), without
    its character-by-character loop, which was a tenth of the time a long version took, and
    without its generic element machinery."""
    from docx.text.run import Run

    return Run(_run_element(paragraph._p, text), paragraph)


def _run_element(parent: Any, text: str, *, rtl: bool = False, tag: str = _T) -> Any:
    """A ``w:r`` appended to ``parent`` holding ``text`` (its characters in ``tag`` elements,
    ``w:delText`` for deleted text), right to left when ``rtl``: the XML python-docx's
    ``add_run`` and ``get_or_add_rPr().get_or_add_rtl()`` write."""
    element = SubElement(parent, _R)
    if rtl:
        SubElement(SubElement(element, _R_PR), _RTL)
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            SubElement(element, _TAB)
        elif piece in ("\r", "\n"):
            SubElement(element, _BR)
        elif piece:
            characters = SubElement(element, tag)
            characters.text = piece
            if len(piece.strip()) < len(piece):
                characters.set(_XML_SPACE, "preserve")
    return element


def add_text_run(paragraph: Any, text: str, *, rtl: bool = False, **style: Any) -> Any:
    """A plain run appended to ``paragraph`` (python-docx's own), returned for styling."""
    from docx.text.run import Run

    run = Run(_run_element(paragraph._p, text, rtl=rtl), paragraph)
    _style_run(run, **style)
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
    from docx.text.run import Run

    wrapper = SubElement(paragraph._p, _REVISION_TAGS[kind], revisions.attributes())
    tag = _DEL_TEXT if kind == "delete" else _T
    run = Run(_run_element(wrapper, text, rtl=rtl, tag=tag), paragraph)
    _style_run(run, **style)
    return run


def _style_run(run: Any, *, bold: bool = False, italic: bool = False) -> None:
    """Bold and italic set by python-docx, which puts them before a ``w:rtl`` already there,
    in the schema's order."""
    if bold:
        run.bold = True
    if italic:
        run.italic = True


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


def dated_package(
    entries: Iterable[tuple[str, bytes, int]],
    date_time: tuple[int, int, int, int, int, int],
    *,
    create_system: int | None = None,
) -> bytes:
    """A zip of ``entries`` (name, bytes, the entry's ``external_attr``), in their order, each
    compressed once and dated ``date_time`` (and, where given, saying what system made it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data, attributes in entries:
            fixed = zipfile.ZipInfo(name, date_time=date_time)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = attributes
            if create_system is not None:
                fixed.create_system = create_system
            target.writestr(fixed, data)
    return out.getvalue()


def stored_entries(data: bytes) -> list[tuple[str, bytes, int]]:
    """Each entry of the zip ``data``, in order: its name, its bytes and its ``external_attr``."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return [(e.filename, source.read(e), e.external_attr) for e in source.infolist()]


def package_entries(document: Any) -> list[tuple[str, bytes]]:
    """What ``document.save()`` would put in its zip, entry by entry, in the same order, without
    the zip: python-docx compresses every entry as it saves, and a reproducible package, whose
    entries need a fixed date, was the saved zip read back and every entry compressed again
    (at M, 47 documents a build: about 0.6 s of CPU).

    Written with python-docx's own package writer (:class:`docx.opc.pkgwriter.PackageWriter`,
    its content types, package relationships and parts, in the order its ``write`` calls them)
    handed a writer that keeps each entry; should a later python-docx no longer have those
    steps, the document is saved and read back as before."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    if not all(hasattr(PackageWriter, step) for step in _WRITER_STEPS):
        buffer = io.BytesIO()
        document.save(buffer)
        return [(name, data) for name, data, _ in stored_entries(buffer.getvalue())]
    entries = _KeptEntries()
    for part in package.parts:  # as OpcPackage.save does before writing
        part.before_marshal()
    parts = package.parts
    for step, written in zip(_WRITER_STEPS, (parts, package.rels, parts), strict=True):
        getattr(PackageWriter, step)(entries, written)
    return entries.kept


_WRITER_STEPS = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")
"""What :meth:`PackageWriter.write` does, in its order (python-docx 1.2: a test compares)."""


class _KeptEntries:
    """python-docx's physical package writer, as :class:`PackageWriter` uses it (``write`` a
    part's bytes under its package URI), keeping each entry instead of zipping it."""

    def __init__(self) -> None:
        self.kept: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.kept.append((pack_uri.membername, blob))


def save_reproducibly(document: Any) -> bytes:
    """``document``'s package, every entry dated :data:`ZIP_EPOCH`, readable by all."""
    entries = ((name, data, 0o644 << 16) for name, data in package_entries(document))
    return dated_package(entries, ZIP_EPOCH, create_system=3)
