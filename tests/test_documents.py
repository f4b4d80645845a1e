"""Official documents: a version and a comparison in Word and PDF, opened as a delegate would.

Every .docx is converted by LibreOffice headless and read back with ``pdftotext -layout``
(Debian's libreoffice-writer-nogui and poppler-utils, which ``scripts/dev.sh test`` installs):
the order of guidelines, the symbol on every page, the page numbers and the number of pages are
what a printed document shows.  The comparison's tracked changes are read from the XML, and
accepting or rejecting all of them must give back the two versions' texts.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt
from lxml import etree

from redraft.cli import main
from redraft.exports.compare_docx import compare_docx
from redraft.exports.documents import is_redraft_document, render_version
from redraft.exports.official import document_label
from redraft.exports.ooxml import ZIP_EPOCH
from redraft.exports.pdf import docx_to_pdf
from redraft.exports.version_docx import version_docx
from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase, Version
from redraft.redline.compare import compare_versions, diff_versions
from redraft.site.labels import ABJAD

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DRAFT_DAY = dt.date(2026, 11, 1)


def _require(program: str) -> str:
    found = shutil.which(program)
    assert found, (
        f"{program} is missing: install libreoffice-writer-nogui and poppler-utils "
        "(scripts/dev.sh test does)"
    )
    return found


def pdf_pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page, laid out as printed."""
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        [_require("pdftotext"), "-layout", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def body_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def headings_in(pages: list[str], word: str) -> list[str]:
    """Guideline numbers in the order their headings are printed."""
    return re.findall(rf"{word} (\d+)\.", "\n".join(pages))


@pytest.fixture(scope="module")
def version_pdf(example_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    _require("soffice")
    version = example_kb.version("2019-3")
    assert version is not None
    data = render_version(example_kb, version, "pdf", None, None, None)
    return pdf_pages(data, tmp_path_factory.mktemp("version"))


def test_version_pdf_prints_guidelines_in_order_with_symbol_and_page_numbers(
    example_kb: KnowledgeBase, version_pdf: list[str]
) -> None:
    version = example_kb.version("2019-3")
    assert version is not None
    assert headings_in(version_pdf, "Guideline") == [g.number for g in version.guidelines]
    first = version_pdf[0]
    for line in ("United Nations", "Distr.: General", "20 March 2019", "Original: English"):
        assert line in first
    assert first.index("CAC/COSP/WG.2/2019/3") < first.index("Distr.: General")
    assert first.index("thirteenth meeting") < first.index("Revised draft non-binding")
    for number, page in enumerate(version_pdf, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert "CAC/COSP/WG.2/2019/3" in page, f"page {number} lacks the symbol"
        assert lines[-1] == str(number), f"page {number} ends with {lines[-1]!r}"
    assert 2 <= len(version_pdf) <= 8


def test_version_pdf_keeps_lettered_paragraphs_and_parts(version_pdf: list[str]) -> None:
    text = "\n".join(version_pdf)
    assert re.search(r"^\s*I\.\s+Planning and institutional arrangements", text, re.M)
    assert text.index("Introduction") < text.index("Guideline 1.")
    assert re.search(r"^\s*\(d\)\s+Where the anticipated costs", text, re.M)


def test_arabic_version_is_right_to_left_and_lettered_in_abjad_order(
    example_kb: KnowledgeBase, tmp_path: Path
) -> None:
    draft = example_kb.draft
    assert draft is not None
    data = version_docx(example_kb, draft, "ar", as_at=DRAFT_DAY)
    body = body_xml(data)
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    labels = [text.split("\t")[0] for text in texts if "\t" in text]
    assert labels[:5] == ["1.", "I.", "(أ)", "(ب)", "(ج)"]
    assert not [label for label in labels if re.fullmatch(r"\([a-z]\)", label)]
    assert body.find(f".//{W}sectPr/{W}bidi") is not None
    paragraphs = list(body.iter(f"{W}p"))
    right_to_left = [p for p in paragraphs if p.find(f"{W}pPr/{W}bidi") is not None]
    assert len(right_to_left) > len(paragraphs) * 0.8
    pages = pdf_pages(docx_to_pdf(data, DRAFT_DAY), tmp_path)
    assert "الأمم المتحدة" in pages[0]
    assert "Arabic" in pages[0] and "1 November 2026" in pages[0]
    assert len(pages) <= 8


def test_abjad_letters_follow_the_latin_rank() -> None:
    assert [document_label(f"({c})", "ar") for c in "abcde"] == [
        f"({letter})" for letter in ABJAD[:5]
    ]
    assert ABJAD[:10] == ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي")
    assert document_label("(a)", "fr") == "(a)"


def test_chinese_version_embeds_a_cjk_font(example_kb: KnowledgeBase, tmp_path: Path) -> None:
    version = example_kb.version("2019-3")
    assert version is not None
    data = version_docx(example_kb, version, "zh")
    pdf = tmp_path / "zh.pdf"
    pdf.write_bytes(docx_to_pdf(data, dt.date(2019, 3, 20)))
    fonts = subprocess.run(
        [_require("pdffonts"), str(pdf)], capture_output=True, check=True, text=True
    ).stdout
    assert "CJK" in fonts
    pages = pdf_pages(pdf.read_bytes(), tmp_path)
    assert "联合国" in pages[0] and "Chinese" in pages[0]
    # untranslated guidelines keep their English text, under a line saying so
    assert version.untranslated("zh")
    assert "尚未译成" in "\n".join(pages)


def test_same_data_gives_the_same_bytes_in_any_time_zone(
    example_root: Path, tmp_path: Path
) -> None:
    outputs = []
    for zone in ("UTC", "Pacific/Kiritimati"):
        target = tmp_path / f"{zone.replace('/', '-')}.docx"
        code = "from redraft.cli import run; run()"
        subprocess.run(
            [sys.executable, "-c", code, "export", "version", "2019-3", "-o", str(target)],
            cwd=example_root,
            env={**os.environ, "TZ": zone},
            check=True,
            capture_output=True,
        )
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    with zipfile.ZipFile(io.BytesIO(outputs[0])) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {ZIP_EPOCH}
    properties = docx.Document(io.BytesIO(outputs[0])).core_properties
    assert properties.created == dt.datetime(2019, 3, 20, tzinfo=dt.UTC)
    assert properties.modified == dt.datetime(2019, 3, 20, tzinfo=dt.UTC)
    assert properties.author == "Open-ended Intergovernmental Working Group on Asset Recovery"


def test_pdf_is_reproducible(example_kb: KnowledgeBase) -> None:
    _require("soffice")
    version = example_kb.version("2018-3")
    assert version is not None
    first = render_version(example_kb, version, "pdf", None, None, None)
    second = render_version(example_kb, version, "pdf", None, None, None)
    assert first == second
    assert b"/CreationDate(D:20180404000000Z')" in first


# -- the comparison ---------------------------------------------------------------------------


def _edited_draft(example_copy: Path) -> tuple[KnowledgeBase, Version, Version]:
    """The draft before and after a one-word edit of guideline 1 (a)."""
    before = load(example_copy).kb
    path = example_copy / "guidelines/draft/pre-seizure-planning.md"
    text = path.read_text(encoding="utf-8")
    assert text.count("secured") == 1
    path.write_text(text.replace("secured", "protected"), encoding="utf-8")
    after = load(example_copy).kb
    old, new = before.draft, after.draft
    assert old is not None and new is not None
    return after, old, new


def test_one_word_edit_is_exactly_one_deletion_and_one_insertion(example_copy: Path) -> None:
    kb, old, new = _edited_draft(example_copy)
    diff = compare_versions(old, new)
    data = compare_docx(kb, diff, old, new, as_at=DRAFT_DAY)
    body = body_xml(data)
    deleted = [
        "".join(d.itertext()) for d in body.iter(f"{W}del") if d.getparent().tag != f"{W}rPr"
    ]
    inserted = [
        "".join(i.itertext()) for i in body.iter(f"{W}ins") if i.getparent().tag != f"{W}rPr"
    ]
    assert [text.strip() for text in deleted] == ["secured"]
    assert [text.strip() for text in inserted] == ["protected"]
    for mark in (*body.iter(f"{W}del"), *body.iter(f"{W}ins")):
        assert mark.get(f"{W}author") == "Working draft"
        assert mark.get(f"{W}date") == "2026-11-01T00:00:00Z"
    assert body.find(f".//{W}del//{W}delText") is not None


def _text_after(body: etree._Element, accept: bool) -> list[str]:
    """The paragraphs' text once every change is accepted (or rejected), as Word would."""
    drop, keep = (f"{W}del", f"{W}ins") if accept else (f"{W}ins", f"{W}del")
    out = []
    for paragraph in body.iter(f"{W}p"):
        mark = paragraph.find(f"{W}pPr/{W}rPr/{drop}")
        pieces = []
        for node in paragraph.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}footnoteReference"):
            wrappers = {a.tag for a in node.iterancestors() if a.tag in (drop, keep)}
            if drop in wrappers:
                continue
            if node.tag == f"{W}footnoteReference":
                pieces.append(FOOTNOTE_CALL)  # Word numbers the call; its place is what counts
                continue
            pieces.append("\t" if node.tag == f"{W}tab" else node.text or "")
        text = "".join(pieces)
        if mark is not None and not text.strip():
            continue
        out.append(text)
    return out


FOOTNOTE_CALL = "[^]"


def _guideline_paragraphs(version: Version) -> list[str]:
    """Each paragraph as the .docx body reads: a footnote's call where its mark is, unlabelled."""
    return [
        re.sub(r"\[\^[^\]]+\]", FOOTNOTE_CALL, f"{p.label}\t{p.text}")
        for g in version.guidelines
        for p in g.text.paragraphs
    ]


@pytest.mark.parametrize(("old_id", "new_id"), [("2018-3", "2019-3"), ("2018-crp14", "draft")])
def test_accepting_all_changes_gives_the_newer_text_and_rejecting_the_older(
    example_kb: KnowledgeBase, old_id: str, new_id: str
) -> None:
    old, new = example_kb.version(old_id), example_kb.version(new_id)
    assert old is not None and new is not None
    diff = diff_versions(example_kb, old_id, new_id)
    body = body_xml(compare_docx(example_kb, diff, old, new, as_at=DRAFT_DAY))
    accepted = [t for t in _text_after(body, accept=True) if re.match(r"\([a-z]\)\t", t)]
    rejected = [t for t in _text_after(body, accept=False) if re.match(r"\([a-z]\)\t", t)]
    assert sorted(accepted) == sorted(_guideline_paragraphs(new))
    assert sorted(rejected) == sorted(_guideline_paragraphs(old))


def test_compare_pdf_labels_mergers_and_splits_and_has_a_legend(
    example_root: Path, tmp_path: Path
) -> None:
    _require("soffice")
    target = tmp_path / "redline.pdf"
    result = CliRunner().invoke(
        main,
        ["export", "compare", "2018-3", "2019-3", "-o", str(target), "--root", str(example_root)],
    )
    assert result.exit_code == 0, result.output
    pages = pdf_pages(target.read_bytes(), tmp_path)
    text = re.sub(r"\s+", " ", "\n".join(pages))
    assert "From CAC/COSP/WG.2/2018/3 to CAC/COSP/WG.2/2019/3. Deleted words are struck" in text
    assert "Deleted, merged into another guideline. Merged into 7. Sale of assets" in text
    assert "Split out of 9. Management of seized companies" in text
    assert "Renumbered" not in text or "guideline" in text
    for number, page in enumerate(pages, start=1):
        assert "CAC/COSP/WG.2/2019/3" in page
        assert page.strip().splitlines()[-1].strip() == str(number)


# -- the command ------------------------------------------------------------------------------


def _export(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", *args, "--root", str(root)])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("version", "nope"),
            "redraft export version: error: unknown version 'nope': the versions are",
        ),
        (("version", "2019-3", "--lang", "ar"), "version '2019-3' has no text in 'ar'"),
        (("compare", "2019-3", "draft", "--lang", "ru"), "has no text in 'ru'"),
    ],
)
def test_bad_requests_exit_2_and_write_nothing(
    example_root: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    target = tmp_path / "out.docx"
    code, output = _export(example_root, *args, "-o", str(target))
    assert code == 2
    assert message in output
    assert len(output.strip().splitlines()) == 1
    assert not target.exists()


def test_refuses_to_overwrite_a_file_it_did_not_write(example_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "minutes.docx"
    document = docx.Document()
    document.add_paragraph("Someone's minutes")
    document.save(str(target))
    before = target.read_bytes()
    code, output = _export(example_root, "version", "2019-3", "-o", str(target))
    assert code == 2 and "not a document exported by Redraft" in output
    assert target.read_bytes() == before
    code, _ = _export(example_root, "version", "2019-3", "-o", str(target), "--force")
    assert code == 0 and is_redraft_document(target)
    code, _ = _export(example_root, "compare", "2018-3", "2019-3", "-o", str(target))
    assert code == 0, "a document Redraft wrote may be replaced"


def test_a_template_s_styles_win(example_kb: KnowledgeBase, tmp_path: Path) -> None:
    template = tmp_path / "house.docx"
    house = docx.Document()
    style = house.styles.add_style("Guideline Heading", WD_STYLE_TYPE.PARAGRAPH)
    style.font.size = Pt(15)
    style.font.name = "DejaVu Sans"
    house.add_paragraph("Text that the export must not keep")
    house.save(str(template))
    version = example_kb.version("2019-3")
    assert version is not None
    exported = docx.Document(io.BytesIO(version_docx(example_kb, version, template=template)))
    heading = exported.styles["Guideline Heading"]
    assert heading.font.size == Pt(15) and heading.font.name == "DejaVu Sans"
    texts = [p.text for p in exported.paragraphs]
    assert "Text that the export must not keep" not in texts
    assert "Guideline 1. Pre-seizure planning" in texts
    assert exported.styles["Guideline Paragraph"].font.size == Pt(11), "missing styles added"


def test_a_file_that_is_not_a_template_is_refused(example_root: Path, tmp_path: Path) -> None:
    bad = tmp_path / "template.docx"
    bad.write_text("not a zip", encoding="utf-8")
    target = tmp_path / "out.docx"
    code, output = _export(
        example_root, "version", "2019-3", "--template", str(bad), "-o", str(target)
    )
    assert code == 2 and f"{bad}: not a Word document" in output
    assert not target.exists()


def _saved_entries(document: docx.document.Document) -> list[tuple[str, bytes]]:
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as saved:
        return [(entry.filename, saved.read(entry)) for entry in saved.infolist()]


def test_a_document_is_packed_entry_for_entry_as_python_docx_saves_it(
    example_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A version's package is written from python-docx's own package writer, each entry
    compressed once: the same entries, bytes and order as ``Document.save`` writes; and, should
    python-docx lose the steps it is written with, the saved document read back."""
    from redraft.exports import ooxml
    from redraft.exports.ooxml import package_entries

    # reopened: every part a version has (styles, numbering, headers, the draft's footnotes)
    made = version_docx(example_kb, example_kb.draft, as_at=DRAFT_DAY)
    document = docx.Document(io.BytesIO(made))
    expected = _saved_entries(document)
    names = [name for name, _ in expected]
    assert "word/footnotes.xml" in names and names[0] == "[Content_Types].xml"
    assert package_entries(document) == expected
    monkeypatch.setattr(ooxml, "_WRITER_STEPS", (*ooxml._WRITER_STEPS, "_write_more"))
    assert package_entries(document) == expected
    # the document as made is those entries, each dated the zip epoch
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert [e.filename for e in archive.infolist()] == names
        assert {e.compress_type for e in archive.infolist()} == {zipfile.ZIP_DEFLATED}
        assert {e.external_attr for e in archive.infolist()} == {0o644 << 16}
