"""The compilation of comments as the meeting reads it: printed by LibreOffice headless.

The example's two calls are exported as .docx and .xlsx, converted to PDF by LibreOffice (Debian's
libreoffice-writer-nogui and libreoffice-calc-nogui, which ``scripts/dev.sh test`` installs) and
read back with poppler (``pdftotext -layout`` for the text of each page, ``-bbox`` for where the
column headings are printed).  What is asserted is what a reader holding the printout sees: the
guidelines in the version's order, the comment column wider than the number column, the symbol
and the page number on every page, late and restricted replies marked, each comment whole on
one page, and a number of pages that a table of three words a line would exceed.
"""

from __future__ import annotations

import html
import math
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from redraft.exports.compilation import Compilation, compilation, render
from redraft.kb.model import KnowledgeBase

TIMEOUT = 300


def _require(program: str) -> str:
    found = shutil.which(program)
    assert found, (
        f"{program} is missing: install libreoffice-writer-nogui, libreoffice-calc-nogui and "
        "poppler-utils (scripts/dev.sh test does)"
    )
    return found


def to_pdf(path: Path) -> Path:
    """``path`` printed to PDF by LibreOffice headless, in a profile of its own."""
    profile = (path.parent / f"profile-{path.stem}").as_uri()
    subprocess.run(
        [_require("soffice"), f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(path.parent), str(path)],
        check=True, capture_output=True, timeout=TIMEOUT, env={**os.environ, "TZ": "UTC"},
    )  # fmt: skip
    pdf = path.with_suffix(".pdf")
    assert pdf.is_file(), f"LibreOffice printed nothing for {path.name}"
    return pdf


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        [_require("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    return [page for page in text.split("\f") if page.strip()]


@dataclass(frozen=True)
class Word:
    page: int
    x: float
    y: float
    text: str


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>'
)


def words(pdf: Path) -> list[Word]:
    """Every printed word with its page (from 1) and top-left corner, in points."""
    out = subprocess.run(
        [_require("pdftotext"), "-bbox", str(pdf), "-"],
        capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    found = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for x, y, text in _WORD.findall(page):
            found.append(Word(number, float(x), float(y), html.unescape(text)))
    return found


@dataclass(frozen=True)
class Printed:
    content: Compilation
    pages: list[str]
    words: list[Word]


def _print(kb: KnowledgeBase, call: str, suffix: str, folder: Path) -> Printed:
    content = compilation(kb, call, include_restricted=True)
    path = folder / f"{call}.{suffix}"
    path.write_bytes(render(content, suffix))  # type: ignore[arg-type]
    pdf = to_pdf(path)
    return Printed(content, page_texts(pdf), words(pdf))


@pytest.fixture(scope="module")
def docx_prints(
    example_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Printed]:
    folder = tmp_path_factory.mktemp("compilation-docx")
    return {call: _print(example_kb, call, "docx", folder) for call in ("2018-nv", "2019-nv")}


def guideline_numbers(content: Compilation) -> list[str]:
    """The number of each guideline with a table, in order; general comments have tables of
    their own, before these (``GENERAL_HEADING``)."""
    return [
        row.guideline
        for group in content.groups
        for row in group.rows[:1]
        if group.heading.startswith("Guideline ")
    ]


GENERAL_HEADING = re.compile(r"^(?:General comments|Introduction|Part \S+\. .*)$", re.MULTILINE)


def column_starts(printed: Printed, headings: tuple[str, ...]) -> list[float]:
    """Where the first printed header row puts the first word of each of ``headings``."""
    first = next(w for w in printed.words if w.text == headings[0])
    row = [w for w in printed.words if w.page == first.page and abs(w.y - first.y) < 2]
    return [next(w.x for w in row if w.text == heading) for heading in headings]


@pytest.mark.parametrize("call", ["2018-nv", "2019-nv"])
def test_docx_prints_guidelines_in_order_with_symbol_and_page_numbers(
    docx_prints: dict[str, Printed], call: str
) -> None:
    printed = docx_prints[call]
    content, pages = printed.content, printed.pages
    text = "\n".join(pages)
    headings = re.findall(r"^Guideline (\d+)\. ", text, re.MULTILINE)
    # a heading is printed again on a page its table continues on
    assert [n for i, n in enumerate(headings) if headings[i - 1 : i] != [n]] == (
        guideline_numbers(content)
    )
    general = [g.heading for g in content.groups if not g.heading.startswith("Guideline ")]
    printed_general = list(dict.fromkeys(GENERAL_HEADING.findall(text)))
    assert printed_general == general
    if general:  # printed first, before the first guideline's table
        assert text.index(general[0]) < text.index("Guideline ")
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert content.symbol in page, f"page {number} has no symbol"
        assert lines[-1] == str(number), f"page {number} ends with {lines[-1]!r}"
        if number > 1:  # under the running header, the guideline the page is about
            assert re.match(r"Guideline \d+\. \S", lines[1]) or GENERAL_HEADING.match(lines[1]), (
                f"page {number}: {lines[1]!r}"
            )
            assert lines[2].startswith("No."), f"page {number}: {lines[2]!r}"
    # Measured at 8 and 7 pages; a grid of equal columns (three words a line) printed many more
    assert len(pages) <= 2 + math.ceil(len(content.rows) / 4), len(pages)


@pytest.mark.parametrize("call", ["2018-nv", "2019-nv"])
def test_docx_comment_column_is_printed_wider_than_the_number_column(
    docx_prints: dict[str, Printed], call: str
) -> None:
    number, party, comment, proposed = column_starts(
        docx_prints[call], ("No.", "Party", "Comment", "Proposed")
    )
    assert proposed - comment > 2.5 * (party - number)
    assert proposed - comment > 150  # points: over 5 cm of text a line


@pytest.mark.parametrize("call", ["2018-nv", "2019-nv"])
def test_docx_prints_each_comment_whole_on_one_page(
    docx_prints: dict[str, Printed], call: str
) -> None:
    printed = docx_prints[call]
    for row in printed.content.rows:
        (page,) = [p for p in printed.pages if re.search(rf"^{re.escape(row.number)}\s", p, re.M)]
        if row.language in ("zh", "ar"):
            continue  # no spaces to find the last word by
        last = row.comment.split()[-1].strip("().,;:“”«»")
        assert last in page, f"{row.number}: its comment runs onto another page"


def printed_row(printed: Printed, number: str) -> str:
    """The lines of the row that starts with ``number``: up to the next line that starts at the
    margin (the next row, heading or page)."""
    (page,) = [p for p in printed.pages if re.search(rf"^{re.escape(number)}\s", p, re.M)]
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{number} "))
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace()),
        len(lines),
    )
    return "\n".join(lines[start:end])


def test_docx_marks_late_and_restricted_replies_where_they_are_printed(
    docx_prints: dict[str, Printed],
) -> None:
    late = docx_prints["2018-nv"]
    (colombia,) = {p for p in late.pages if re.search(r"^col-2018-1\s", p, re.M)}
    assert "Late reply" in colombia
    assert sum(page.count("Late reply") for page in late.pages) == sum(
        1 for row in late.content.rows if row.late
    )
    restricted = docx_prints["2019-nv"]
    rows = [row for row in restricted.content.rows if row.restricted]
    assert rows, "the example has a restricted reply to the 2019 call"
    for row in rows:
        assert re.search(r"^\s+Restricted\b", printed_row(restricted, row.number), re.M)
    for row in restricted.content.rows:
        if not row.restricted:
            assert "Restricted" not in printed_row(restricted, row.number)
    for page in restricted.pages[1:]:
        assert "not for publication" in page


# -- the workbook, printed by Calc ----------------------------------------------------------------


@pytest.fixture(scope="module")
def xlsx_prints(
    example_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Printed]:
    folder = tmp_path_factory.mktemp("compilation-xlsx")
    return {call: _print(example_kb, call, "xlsx", folder) for call in ("2018-nv", "2019-nv")}


def last_word(text: str) -> str:
    return text.split()[-1].strip('().,;:“”«»"')


@pytest.mark.parametrize("call", ["2018-nv", "2019-nv"])
def test_xlsx_prints_across_the_page_with_titles_symbol_and_page_numbers(
    xlsx_prints: dict[str, Printed], call: str
) -> None:
    printed = xlsx_prints[call]
    content, pages = printed.content, printed.pages
    for number, page in enumerate(pages, start=1):
        assert content.symbol in page, f"page {number} has no symbol"
        assert f"Page {number} of {len(pages)}" in page
    *table, replies = pages  # the sheet "Replies" last, on a page of its own
    for number, page in enumerate(table, start=1):
        assert re.search(r"^\s*No\.\s+Party\s+Guideline\s+Paragraph", page, re.M), (
            f"page {number} does not repeat the column names"
        )
        # every column on the page: the last ones are printed beside the first
        assert re.search(r"Received\s+Late\s+Restricted", page), f"page {number} is cut"
    assert re.search(r"^\s*Party\s+Code\s+Received\s+Restricted", replies, re.M)
    for respondent in content.respondents:
        assert re.search(rf"^\s*{re.escape(respondent.name)}\s+{respondent.party}\s", replies, re.M)
    number, party, comment, proposed = column_starts(
        printed, ("No.", "Party", "Comment", "Proposed")
    )
    assert proposed - comment > 2.5 * (party - number)
    # In the version's order, as the other formats
    ids = re.findall(r"^\s*([a-z]{3}-\d{4}-\d+)\s", "\n".join(table), re.M)
    assert ids == [row.number for row in content.rows]
    assert len(pages) <= 1 + math.ceil(len(content.rows) / 6), len(pages)


@pytest.mark.parametrize("call", ["2018-nv", "2019-nv"])
def test_xlsx_prints_every_line_of_every_comment(
    xlsx_prints: dict[str, Printed], call: str
) -> None:
    """A row too low for its wrapped text prints its first line only: the last words of the
    comment and of the secretariat's observations would be missing."""
    printed = xlsx_prints[call]
    text = "\n".join(printed.pages)
    for row in printed.content.rows:
        if row.language not in ("zh", "ar"):
            assert last_word(row.comment) in text, row.number
        assert last_word(row.observations) in text, row.number
