"""PDF by LibreOffice: the Word document converted by a word processor, headless.

Why LibreOffice and not an HTML engine (see docs/documents.md for the measurements): the PDF is
then the very document delegates receive in Word — same masthead, same running header and page
numbers, the same tracked changes drawn as a word processor draws them — from one layout instead
of two that drift apart; it shapes Arabic and lays out Chinese with the fonts Debian installs;
and the tests need it anyway to open every .docx.  Only exporting PDF needs it: the site and the
Word exports never start it.

LibreOffice stamps the clock into the file (``/CreationDate``) and derives ``/ID`` and
``/DocChecksum`` from it; those are replaced, at the same length so that no offset moves, by the
data's date and a digest of the rest, and the conversion runs in UTC so the date's form is fixed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 180


class PdfUnavailable(RuntimeError):
    """No LibreOffice here, or it failed: one line that says what to install or what broke."""


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def docx_to_pdf(docx: bytes, date: dt.date) -> bytes:
    """The PDF of a .docx, dated ``date``; the same bytes for the same .docx and date.

    Raises :class:`PdfUnavailable`."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable(
            "PDF needs LibreOffice: install the Debian package libreoffice-writer-nogui "
            "(scripts/dev.sh test does), or export --format docx"
        )
    with tempfile.TemporaryDirectory(prefix="redraft-pdf-") as work:
        folder = Path(work)
        source = folder / "document.docx"
        source.write_bytes(docx)  # a private temporary file, not a user's: no atomic write needed
        # A profile of its own, so that a user's running LibreOffice (or another export running
        # at the same time) neither blocks this one nor sees its settings changed.
        profile = (folder / "profile").as_uri()
        environment = {**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8"}
        try:
            completed = subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf:writer_pdf_Export",
                    "--outdir",
                    str(folder),
                    str(source),
                ],
                capture_output=True,
                env=environment,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfUnavailable(f"LibreOffice did not finish within {TIMEOUT_SECONDS} s") from exc
        produced = folder / "document.pdf"
        if completed.returncode != 0 or not produced.is_file():
            detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
            raise PdfUnavailable(
                "LibreOffice could not convert the document" + (f": {detail[-1]}" if detail else "")
            )
        return reproducible_pdf(produced.read_bytes(), date)


_CREATION = re.compile(rb"/CreationDate\(D:\d{14}Z'\)")
_IDENTIFIER = re.compile(rb"/ID \[ <([0-9A-F]{32})>\s*<([0-9A-F]{32})> \]")
_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-F]{32})")


def reproducible_pdf(pdf: bytes, date: dt.date) -> bytes:
    """``pdf`` with its clock-derived fields replaced by same-length values from the data."""
    stamp = f"/CreationDate(D:{date:%Y%m%d}000000Z')".encode()
    dated = _CREATION.sub(lambda _: stamp, pdf)
    blank = _CHECKSUM.sub(b"/DocChecksum /" + b"0" * 32, _IDENTIFIER.sub(b"", dated))
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()
    with_id = _IDENTIFIER.sub(
        lambda match: (
            match.group(0).replace(match.group(1), digest).replace(match.group(2), digest)
        ),
        dated,
    )
    return _CHECKSUM.sub(b"/DocChecksum /" + digest, with_id)
