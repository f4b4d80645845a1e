"""The compilation of comments, read back with python-docx, openpyxl and csv, field by field."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import openpyxl
import openpyxl.utils
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from redraft.cli import main
from redraft.exports.compilation import (
    COLUMNS,
    GENERAL_COMMENTS,
    LINE_POINTS,
    RESTRICTED_NOTICE,
    ROW_PADDING,
    TABLE_COLUMNS,
    TITLE,
    Compilation,
    Row,
    compilation,
    is_compilation,
    render,
    row_height,
)
from redraft.exports.compilation_docx import PRINTED
from redraft.kb.load import load
from redraft.kb.model import DISPOSITIONS, KnowledgeBase

from .kb_builder import G, KbSpec, build, call, comment, submission

ARABIC = "ينبغي للدول أن تنظر في إنشاء مكتب لإدارة الأصول."
ARABIC_PROPOSED = "يجب على الدول"
CHINESE = "建议在第一款中明确资产管理机构的职责。"
FRENCH = "Le paragraphe devrait préciser « sans délai » ; voir l'article 31."


def multilingual(tmp_path: Path) -> Path:
    """A call answered in French, Chinese and Arabic, and one restricted reply."""
    version = [
        G(
            "office",
            "3",
            "(a) States should consider establishing an office.\n\n"
            "## Explanatory note\n\nOffices keep expertise together.",
        ),
        G("planning", "1", "(a) Plan before seizure.\n\n(b) Consult the office."),
    ]
    spec = KbSpec(
        versions=[("v1", version), ("draft", version)],
        calls=[call("nv-1", "v1", date="2018-02-01", deadline="2018-03-01")],
        submissions={
            "nv-1/FRA": submission(
                "FRA",
                "nv-1",
                [
                    comment(
                        "fra-1",
                        "office",
                        paragraph="a",
                        quote="establishing an office",
                        text=FRENCH,
                        proposed="établir sans délai un bureau",
                        disposition="accepted",
                        rationale="Wording aligned.",
                        addressed_in="draft",
                    ),
                    comment("fra-2", "planning", type="editorial", text="Virgule manquante."),
                ],
                received="2018-02-25",
                language="fr",
            ),
            "nv-1/CHN": submission(
                "CHN",
                "nv-1",
                [comment("chn-1", "office", paragraph="note-1", text=CHINESE, type="general")],
                received="2018-02-20",
                language="zh",
            ),
            "nv-1/EGY": submission(
                "EGY",
                "nv-1",
                [
                    comment(
                        "egy-1",
                        "office",
                        paragraph="a",
                        text=ARABIC,
                        proposed=ARABIC_PROPOSED,
                        disposition="noted",
                        rationale="Under discussion.",
                    )
                ],
                received="2018-03-05",
                language="ar",
            ),
            "nv-1/NOR": submission(
                "NOR",
                "nv-1",
                [comment("nor-1", "planning", paragraph="b", text="Restricted view.")],
                received="2018-02-10",
                visibility="restricted",
            ),
        },
    )
    build(tmp_path / "kb", spec)
    return tmp_path / "kb"


def kb_of(root: Path) -> KnowledgeBase:
    return load(root).kb


# -- content ----------------------------------------------------------------------------------


def test_rows_in_guideline_order_then_party(tmp_path: Path) -> None:
    content = compilation(kb_of(multilingual(tmp_path)), "nv-1")
    # "office" comes first in the version (document order), then "planning"; by party name
    assert [(r.guideline, r.party, r.number) for r in content.rows] == [
        ("3", "China", "chn-1"),
        ("3", "Egypt", "egy-1"),
        ("3", "France", "fra-1"),
        ("1", "France", "fra-2"),
    ]
    by_id = {r.number: r for r in content.rows}
    assert by_id["fra-1"].cells == (
        "fra-1",
        "France",
        "3",
        "(a) “establishing an office”",
        "Technical",
        FRENCH,
        "établir sans délai un bureau",
        "Accepted. Wording aligned. Addressed in Working draft.",
    )
    assert by_id["chn-1"].paragraph == "explanatory note, para. 1"
    assert by_id["egy-1"].observations == "Noted. Under discussion."
    assert by_id["fra-2"].observations == "Pending."
    assert by_id["egy-1"].rtl and not by_id["chn-1"].rtl


def test_heading_names_the_call_and_the_replies_with_dates(tmp_path: Path) -> None:
    content = compilation(kb_of(multilingual(tmp_path)), "nv-1")
    assert content.heading[0] == TITLE
    assert content.heading[2] == (
        "Comments received in response to the note verbale NV/nv-1 of 1 February 2018, "
        "inviting comments by 1 March 2018 on TEST/V1."
    )
    assert content.heading[3] == (
        "Replies were received from: China (20 February 2018); Egypt (5 March 2018); "
        "France (25 February 2018)."
    )
    assert RESTRICTED_NOTICE not in content.heading


def test_restricted_submissions_only_on_request_and_then_announced(tmp_path: Path) -> None:
    kb = kb_of(multilingual(tmp_path))
    public = compilation(kb, "nv-1")
    assert "nor-1" not in {r.number for r in public.rows}
    assert "Norway" not in " ".join(public.heading)
    full = compilation(kb, "nv-1", include_restricted=True)
    assert full.heading[0] == RESTRICTED_NOTICE
    assert "nor-1" in {r.number for r in full.rows}
    assert "Norway (10 February 2018)" in full.heading[4]


# -- the three formats, read back --------------------------------------------------------------


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_field_by_field(tmp_path: Path) -> None:
    content = compilation(kb_of(multilingual(tmp_path)), "nv-1")
    rows = read_csv(render(content, "csv"))
    assert tuple(rows[0]) == TABLE_COLUMNS
    assert [tuple(r) for r in rows[1:]] == [r.record for r in content.rows]
    # Egypt replied on 5 March, after the deadline of 1 March
    assert [(r[0], r[-3], r[-2]) for r in rows[1:]] == [
        ("chn-1", "2018-02-20", ""),
        ("egy-1", "2018-03-05", "yes"),
        ("fra-1", "2018-02-25", ""),
        ("fra-2", "2018-02-25", ""),
    ]


def test_csv_with_restricted_starts_with_the_notice(tmp_path: Path) -> None:
    content = compilation(kb_of(multilingual(tmp_path)), "nv-1", include_restricted=True)
    rows = read_csv(render(content, "csv"))
    assert rows[0] == [RESTRICTED_NOTICE]
    assert tuple(rows[1]) == TABLE_COLUMNS
    assert [tuple(r) for r in rows[2:]] == [r.record for r in content.rows]
    assert [r[-1] for r in rows[2:] if r[0] == "nor-1"] == ["yes"]
    assert {r[-1] for r in rows[2:] if r[0] != "nor-1"} == {""}


def xlsx_table(data: bytes) -> tuple[list[str], list[list[str]], openpyxl.Workbook]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Compilation"]
    values = [
        [("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    header = values.index(list(TABLE_COLUMNS))
    heading = [row[0] for row in values[:header] if row and row[0]]
    return heading, values[header + 1 :], book


def test_xlsx_field_by_field_with_right_to_left_arabic(tmp_path: Path) -> None:
    content = compilation(kb_of(multilingual(tmp_path)), "nv-1")
    heading, rows, book = xlsx_table(render(content, "xlsx"))
    assert heading == list(content.heading)
    assert [tuple(r) for r in rows] == [r.record for r in content.rows]
    sheet = book["Compilation"]
    comment_col = COLUMNS.index("Comment") + 1
    proposed_col = COLUMNS.index("Proposed change") + 1
    for cells in sheet.iter_rows():
        if cells[0].value == "egy-1":
            assert cells[comment_col - 1].value == ARABIC
            assert cells[comment_col - 1].alignment.readingOrder == 2
            assert cells[proposed_col - 1].alignment.readingOrder == 2
            assert cells[0].alignment.readingOrder != 2  # the id is not Arabic
        elif cells[0].value in ("fra-1", "chn-1"):
            assert cells[comment_col - 1].alignment.readingOrder != 2
    replies = [r for r in book["Replies"].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[2].date().isoformat()) for r in replies] == [  # type: ignore[union-attr]
        ("China", "2018-02-20"),
        ("Egypt", "2018-03-05"),
        ("France", "2018-02-25"),
    ]


def test_xlsx_with_restricted_says_so_in_its_first_row(tmp_path: Path) -> None:
    content = compilation(kb_of(multilingual(tmp_path)), "nv-1", include_restricted=True)
    book = openpyxl.load_workbook(io.BytesIO(render(content, "xlsx")))
    assert book["Compilation"]["A1"].value == RESTRICTED_NOTICE


def test_xlsx_print_setup_landscape_fit_to_width_titles_and_page_numbers(tmp_path: Path) -> None:
    content = compilation(kb_of(multilingual(tmp_path)), "nv-1", include_restricted=True)
    book = openpyxl.load_workbook(io.BytesIO(render(content, "xlsx")))
    sheet = book["Compilation"]
    header = len(content.heading) + 2
    setup = sheet.page_setup
    assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.oddHeader.left.text == "&BNV/nv-1"
    assert sheet.oddHeader.right.text == f"{TITLE} — not for publication"
    assert sheet.oddFooter.center.text == "Page &P of &N"
    widths = {c: sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
              for i, c in enumerate(TABLE_COLUMNS)}  # fmt: skip
    assert max(widths, key=lambda c: widths[c]) == "Comment"
    # Every heading line spans the table, and every row is as high as its wrapped text
    assert {str(r) for r in sheet.merged_cells.ranges} == {
        f"A{n}:K{n}" for n in range(1, len(content.heading) + 1)
    }
    by_id = {
        cells[0].value: cells[0].row
        for cells in sheet.iter_rows(min_row=header + 1)
        if cells[0].value
    }
    heights = {key: sheet.row_dimensions[row].height for key, row in by_id.items()}
    assert heights["fra-1"] > heights["fra-2"]  # a long comment and a proposal; two words
    for cells in sheet.iter_rows(min_row=header + 1):
        assert all(cell.alignment.wrap_text for cell in cells)
    assert book["Replies"].print_title_rows == "$1:$1"


def test_row_height_grows_with_the_wrapped_lines() -> None:
    def lines(height: float) -> float:
        return (height - ROW_PADDING) / LINE_POINTS

    assert lines(row_height(("short",), (10,))) == 1
    assert lines(row_height(("x " * 60,), (10,))) >= 11  # 120 characters, 11 a line
    assert lines(row_height(("a\nb\nc",), (10,))) == 3  # each line of the text its own
    assert lines(row_height(("x " * 60, "short"), (100, 5))) == 2  # the tallest cell decides


def docx_table(data: bytes) -> tuple[list[str], list[list[str]], docx.document.Document]:
    """The document's paragraphs with text, and the rows of its comment tables (the heading
    and the header row checked and dropped): every table after the masthead's."""
    document = docx.Document(io.BytesIO(data))
    heading = [p.text for p in document.paragraphs if p.text]
    rows: list[list[str]] = []
    for table in document.tables[1:]:
        title, header, *body = [[cell.text for cell in row.cells] for row in table.rows]
        assert len(set(title)) == 1  # one cell across the table
        assert tuple(header) == PRINTED
        rows.extend(body)
    return heading, rows, document


def table_headings(document: docx.document.Document) -> list[str]:
    """The heading of each comment table, printed in its first row."""
    return [table.rows[0].cells[0].text for table in document.tables[1:]]


def printed(row: Row) -> tuple[str, ...]:
    """What the Word table shows of ``row``: its cells but the guideline (the table's heading)."""
    return tuple(row.cells[COLUMNS.index(name)] for name in PRINTED)


def _is_rtl(cell: object) -> bool:
    paragraphs = cell.paragraphs  # type: ignore[attr-defined]
    return all(
        p._p.pPr is not None
        and p._p.pPr.find(qn("w:bidi")) is not None
        and all(r._r.rPr is not None and r._r.rPr.find(qn("w:rtl")) is not None for r in p.runs)
        for p in paragraphs
    )


def _languages(cell: object) -> set[str]:
    """The language tags of the runs of ``cell`` (``w:lang``, left-to-right or bidi)."""
    tags = set()
    for run in cell._tc.iter(qn("w:lang")):  # type: ignore[attr-defined]
        tags |= {v for k, v in run.attrib.items() if k in (qn("w:val"), qn("w:bidi"))}
    return tags


def test_docx_grouped_by_guideline_field_by_field_with_right_to_left_arabic(
    tmp_path: Path,
) -> None:
    content = compilation(kb_of(multilingual(tmp_path)), "nv-1")
    paragraphs, rows, document = docx_table(render(content, "docx"))
    # The lines naming the call, in order, after the masthead (which prints the title)
    lines = [line for line in content.heading if line != TITLE]
    found = [paragraphs.index(line) for line in lines]
    assert found == sorted(found) and found[0] > paragraphs.index(TITLE)
    # One table per guideline, in the version's order, each under "Guideline n. Title"
    assert table_headings(document) == ["Guideline 3. Guideline 3", "Guideline 1. Guideline 1"]
    assert [len(t.rows) - 2 for t in document.tables[1:]] == [3, 1]
    # (the party's name is followed by the marks of a late reply: tested below)
    party = PRINTED.index("Party")
    names = [(*r[:party], r[party].split("\n")[0], *r[party + 1 :]) for r in rows]
    assert names == [printed(r) for r in content.rows]
    comment_col = PRINTED.index("Comment")
    for table in document.tables[1:]:
        for row in table.rows[2:]:
            cells = row.cells
            arabic = cells[0].text == "egy-1"
            assert _is_rtl(cells[comment_col]) == arabic
            assert _is_rtl(cells[comment_col + 1]) == arabic
            assert not _is_rtl(cells[0])
    by_id = {row.cells[0].text: row.cells for t in document.tables[1:] for row in t.rows[2:]}
    assert _languages(by_id["egy-1"][comment_col]) == {"ar-SA"}
    assert _languages(by_id["fra-1"][comment_col]) == {"fr-FR"}
    assert _languages(by_id["chn-1"][comment_col]) == {"zh-CN"}
    assert document.core_properties.category == "redraft-compilation"


def test_docx_masthead_running_header_and_page_numbers(tmp_path: Path) -> None:
    content = compilation(kb_of(multilingual(tmp_path)), "nv-1")
    _, _, document = docx_table(render(content, "docx"))
    masthead = [cell.text for cell in document.tables[0].rows[0].cells]
    assert masthead == ["United Nations", "NV/nv-1"]
    paragraphs = [p.text for p in document.paragraphs]
    assert "Distr.: General" in paragraphs
    assert "Original: Arabic/Chinese/French" in paragraphs
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert section.header.paragraphs[0].text == "NV/nv-1 · Compilation of comments received"
    footer = section.footer._element
    assert [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))] == [" PAGE "]


def test_docx_table_grid_matches_its_cells_header_repeats_rows_do_not_split(
    tmp_path: Path,
) -> None:
    content = compilation(kb_of(multilingual(tmp_path)), "nv-1", include_restricted=True)
    _, _, document = docx_table(render(content, "docx"))
    for table in document.tables[1:]:
        tbl = table._tbl
        grid = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
        (title,) = table.rows[0]._tr.tc_lst  # the heading, across the table
        assert int(title.tcPr.tcW.get(qn("w:w"))) == sum(grid)
        assert title.grid_span == len(grid)
        for row in table.rows[1:]:
            assert [int(cell._tc.tcPr.tcW.get(qn("w:w"))) for cell in row.cells] == grid
        layout = tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
        assert int(tbl.tblPr.find(qn("w:tblW")).get(qn("w:w"))) == sum(grid)
        comment = grid[PRINTED.index("Comment")]
        assert all(comment > width for i, width in enumerate(grid) if i != PRINTED.index("Comment"))
        assert comment > 2 * grid[PRINTED.index("No.")]
        flags = [
            (row._tr.trPr.find(qn("w:tblHeader")) is not None,
             row._tr.trPr.find(qn("w:cantSplit")) is not None)
            for row in table.rows
        ]  # fmt: skip
        # heading and column names repeated on every page; no row split across two
        assert flags == [(True, True)] * 2 + [(False, True)] * (len(table.rows) - 2)


def test_docx_marks_late_and_restricted_replies_in_the_row(tmp_path: Path) -> None:
    content = compilation(kb_of(multilingual(tmp_path)), "nv-1", include_restricted=True)
    paragraphs, _, document = docx_table(render(content, "docx"))
    assert paragraphs[0] == RESTRICTED_NOTICE
    assert "Distr.: Restricted" in paragraphs
    assert "Received after the deadline of 1 March 2018: Egypt." in paragraphs
    party = PRINTED.index("Party")
    marks = {
        row.cells[0].text: [p.text for p in row.cells[party].paragraphs]
        for table in document.tables[1:]
        for row in table.rows[2:]
    }
    assert marks == {
        "chn-1": ["China"],
        "egy-1": ["Egypt", "Late reply, received 5 March 2018"],
        "fra-1": ["France"],
        "fra-2": ["France"],
        "nor-1": ["Norway", "Restricted"],
    }
    header = document.sections[0].header.paragraphs[0].text
    assert header.endswith(RESTRICTED_NOTICE)


def test_docx_general_comments_come_first(tmp_path: Path) -> None:
    """A comment on no guideline of the version commented on (here one added in the draft since)
    is printed first, under "General comments"."""
    office = G("office", "3", "(a) States should consider establishing an office.")
    scope = G("scope", "1", "(a) Scope.")
    spec = KbSpec(
        versions=[("v1", [office]), ("draft", [scope, office])],
        calls=[call("nv-1", "v1")],
        submissions={
            "nv-1/FRA": submission(
                "FRA",
                "nv-1",
                [comment("fra-1", "office"), comment("fra-2", "scope", type="general")],
            ),
            "nv-1/AUT": submission("AUT", "nv-1", [comment("aut-1", "office")]),
        },
    )
    content = compilation(build(tmp_path / "kb", spec), "nv-1")
    assert [g.heading for g in content.groups] == [GENERAL_COMMENTS, "Guideline 3. Guideline 3"]
    assert [r.number for r in content.rows] == ["fra-2", "aut-1", "fra-1"]
    _, rows, document = docx_table(render(content, "docx"))
    assert table_headings(document) == [GENERAL_COMMENTS, "Guideline 3. Guideline 3"]
    assert [r[0] for r in rows] == ["fra-2", "aut-1", "fra-1"]


# -- the command ------------------------------------------------------------------------------


def export(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", "compilation", "--root", str(root), *args])
    return result.exit_code, result.stderr


ERROR = "redraft export compilation: error: "


@pytest.mark.parametrize("suffix", ["docx", "xlsx", "csv"])
def test_command_writes_atomically_and_replaces_only_its_own_exports(
    tmp_path: Path, suffix: str
) -> None:
    root = multilingual(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"compilation.{suffix}"
    code, message = export(root, "--call", "nv-1", "-o", str(target))
    assert code == 0, message
    assert message == f"{target}: 4 comments from 3 parties\n"
    assert sorted(p.name for p in out.iterdir()) == [target.name]  # no temporary file left
    assert is_compilation(target)
    first = target.read_bytes()
    code, _ = export(root, "--call", "nv-1", "-o", str(target), "--include-restricted")
    assert code == 0 and target.read_bytes() != first  # a previous export is replaced

    foreign = out / f"notes.{suffix}"
    foreign.write_bytes(b"the secretariat's own notes")
    code, message = export(root, "--call", "nv-1", "-o", str(foreign))
    assert code == 2
    assert message == (
        f"{ERROR}{foreign} exists and is not a compilation exported by Redraft; "
        "choose another name or pass --force to replace it\n"
    )
    assert foreign.read_bytes() == b"the secretariat's own notes"
    code, _ = export(root, "--call", "nv-1", "-o", str(foreign), "--force")
    assert code == 0 and is_compilation(foreign)


def test_command_refuses_bad_input_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    root = multilingual(tmp_path)
    target = tmp_path / "c.xlsx"
    cases = [
        (
            ["--call", "nv-9", "-o", str(target)],
            f"{ERROR}unknown call 'nv-9' (the calls are: nv-1)\n",
        ),
        (
            ["--call", "nv-1", "-o", str(target), "--format", "csv"],
            f"{ERROR}--format csv does not match the file name {target}\n",
        ),
        (
            ["--call", "nv-1", "-o", str(tmp_path / "c.txt")],
            f"{ERROR}cannot tell the format of {tmp_path / 'c.txt'}: name it .docx, "
            ".xlsx or .csv, or use --format\n",
        ),
        (
            ["--call", "nv-1", "-o", str(tmp_path / "missing" / "c.csv")],
            f"{ERROR}the folder {tmp_path / 'missing'} does not exist\n",
        ),
    ]
    for args, expected in cases:
        code, message = export(root, *args)
        assert (code, message) == (2, expected)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb"]


def test_format_option_for_an_unusual_name(tmp_path: Path) -> None:
    root = multilingual(tmp_path)
    target = tmp_path / "compilation.txt"
    code, _ = export(root, "--call", "nv-1", "-o", str(target), "--format", "csv")
    assert code == 0
    assert read_csv(target.read_bytes())[0] == list(TABLE_COLUMNS)


# -- the example ------------------------------------------------------------------------------


def disposition_of(observations: str) -> str:
    label = observations.split(".", 1)[0]
    return label.lower().replace(" ", "-")


@pytest.mark.parametrize("call_id", ["2018-nv", "2019-nv"])
def test_exports_of_the_example_agree_with_the_model(
    example_root: Path, example_kb: KnowledgeBase, tmp_path: Path, call_id: str
) -> None:
    public = [c for c in example_kb.without_restricted().comments() if c.call == call_id]
    everything = [c for c in example_kb.comments() if c.call == call_id]
    for include, expected in ((False, public), (True, everything)):
        content: Compilation = compilation(example_kb, call_id, include)
        csv_rows = read_csv(render(content, "csv"))
        if content.includes_restricted:
            assert csv_rows.pop(0) == [RESTRICTED_NOTICE]
        _, xlsx_rows, _ = xlsx_table(render(content, "xlsx"))
        _, docx_rows, _ = docx_table(render(content, "docx"))
        observations = (COLUMNS.index("Observations of the secretariat"),) * 2 + (-1,)
        for rows, column in zip((csv_rows[1:], xlsx_rows, docx_rows), observations, strict=True):
            assert sorted(r[0] for r in rows) == sorted(c.id for c in expected)
            counts = {d: 0 for d in DISPOSITIONS}
            for r in rows:
                counts[disposition_of(r[column])] += 1  # type: ignore[index]
            assert counts == {
                d: sum(1 for c in expected if c.disposition == d) for d in DISPOSITIONS
            }
