"""Official documents of a version or a comparison, as files: what the CLI calls.

The layouts (:mod:`version_docx`, :mod:`compare_docx`) return bytes; this module picks the
version, dates the working draft, converts to PDF when asked and writes through
:mod:`redraft.kb.atomic`, after every check that could fail has passed, so a failure leaves
nothing on disk.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Literal

from redraft.kb.model import KnowledgeBase, Version

# The layouts (and python-docx) are imported where a document is made, not here: the CLI reads
# the formats below to declare its options, and `redraft --help` should not load Word's code.

DocumentFormat = Literal["docx", "pdf"]
DOCUMENT_FORMATS: tuple[DocumentFormat, ...] = ("docx", "pdf")


class BadTemplate(ValueError):
    """A template that is not a Word document: ``str(error)`` is one line naming the file."""


def document_format(path: Path) -> DocumentFormat | None:
    suffix = path.suffix.lower().lstrip(".")
    return next((known for known in DOCUMENT_FORMATS if known == suffix), None)


def is_redraft_document(path: Path) -> bool:
    """Whether ``path`` is a version or comparison Redraft exported (judged by the mark in its
    keywords, which LibreOffice carries into the PDF), and so may be replaced without asking."""
    from redraft.exports import compare_docx, version_docx

    marks = (version_docx.MARK, compare_docx.MARK)
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                core = archive.read("docProps/core.xml")
        except (zipfile.BadZipFile, KeyError):
            return False
        return any(mark.encode() in core for mark in marks)
    if data.startswith(b"%PDF"):
        return any(mark.encode("utf-16-be").hex().upper().encode() in data for mark in marks)
    return False


def draft_date(root: Path, kb: KnowledgeBase) -> dt.date | None:
    """The working draft "as at" the date of its last committed change (UTC), or ``None``
    outside a git repository: the date comes from the history, never from the clock."""
    from redraft.release.provenance import ProvenanceOff, last_changed

    changes = last_changed(root, kb)
    if isinstance(changes, ProvenanceOff) or not changes:
        return None
    newest = max(change.date for change in changes.values())
    return newest.astimezone(dt.UTC).date()


def check_template(template: Path | None) -> None:
    """Raise :class:`BadTemplate` unless ``template`` opens as a Word document."""
    if template is None:
        return
    from docx import Document

    try:
        Document(str(template))
    except Exception as exc:  # python-docx raises several kinds for a file that is not .docx
        raise BadTemplate(f"{template}: not a Word document (.docx): {exc}") from exc


def render_version(
    kb: KnowledgeBase,
    version: Version,
    export_format: DocumentFormat,
    language: str | None,
    as_at: dt.date | None,
    template: Path | None,
) -> bytes:
    """The document's bytes.  Raises :class:`version_docx.UnknownLanguage`,
    :class:`BadTemplate` and :class:`redraft.exports.pdf.PdfUnavailable`."""
    from redraft.exports import version_docx

    check_template(template)
    docx = version_docx.version_docx(kb, version, language, as_at=as_at, template=template)
    return _in_format(docx, export_format, version.date or as_at)


def version_read(version: Version, language: str | None) -> tuple[object, ...]:
    """Everything :func:`render_version` reads of ``version`` for its document in ``language``
    (the original language for None): the version as read in that language (its texts where
    translated, the original's where not), and what the document says of the original (its
    language, its meeting, which guidelines are untranslated).  A document cache keyed by it
    keeps the French document when only an English text it does not show changed."""
    shown = language or version.language
    return (
        version.language,
        version.meeting,
        shown in version.languages,
        sorted(version.untranslated(shown)),  # a set's order differs from run to run
        version.in_language(shown),
    )


def render_compare(
    kb: KnowledgeBase,
    old: Version,
    new: Version,
    export_format: DocumentFormat,
    language: str | None,
    as_at: dt.date | None,
    template: Path | None,
) -> bytes:
    """The comparison's bytes.  Raises :class:`redraft.redline.compare.LanguageNotFound`,
    :class:`BadTemplate` and :class:`redraft.exports.pdf.PdfUnavailable`."""
    from redraft.exports import compare_docx
    from redraft.redline.compare import compare_versions, history_between

    check_template(template)
    diff = compare_versions(old, new, history_between(kb, old, new), None, language)
    docx = compare_docx.compare_docx(kb, diff, old, new, as_at=as_at, template=template)
    return _in_format(docx, export_format, new.date or as_at)


def _in_format(docx: bytes, export_format: DocumentFormat, date: dt.date | None) -> bytes:
    if export_format == "docx":
        return docx
    from redraft.exports.pdf import docx_to_pdf

    return docx_to_pdf(docx, date or dt.date(1980, 1, 1))


def write_document(path: Path, data: bytes) -> None:
    from redraft.kb.atomic import write_bytes_atomic

    write_bytes_atomic(path, data)
