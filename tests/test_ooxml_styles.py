"""The style and run helpers of :mod:`redraft.exports.ooxml` write what python-docx writes.

python-docx looks a style up by scanning every style of the document for the default on each
``paragraph.style = ...``; the helpers ask it once per document and name.  Each test makes a
real document, saves it and reads it back with python-docx, and compares the markup with what
python-docx's own call gives for the same request.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from lxml import etree

from redraft.exports.ooxml import (
    Revisions,
    add_paragraph_style,
    add_revision,
    add_run,
    add_styled_paragraph,
    add_text_run,
    right_to_left,
    set_paragraph_style,
    set_table_style,
    style_id,
)


def _reopened(document: Any) -> Any:
    buffer = io.BytesIO()
    document.save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue()))


def _xml(element: Any) -> bytes:
    return bytes(etree.tostring(element))


def test_the_default_paragraph_style_is_named_by_no_pstyle_and_others_by_their_id() -> None:
    document = docx.Document()
    add_styled_paragraph(document, "Normal")
    add_styled_paragraph(document, "Heading 1")  # a name python-docx translates ("heading 1")
    add_styled_paragraph(document, "Title")
    normal, heading, title = _reopened(document).paragraphs
    # the default style: a w:pPr as python-docx leaves it, without a w:pStyle
    assert normal._p.pPr is not None and normal._p.pPr.find(qn("w:pStyle")) is None
    assert normal.style.name == "Normal"
    assert heading._p.pPr.find(qn("w:pStyle")).get(qn("w:val")) == "Heading1"
    assert heading.style.name == "Heading 1"
    assert title._p.pPr.find(qn("w:pStyle")).get(qn("w:val")) == "Title"
    assert title.style.name == "Title"


def test_a_template_s_own_default_style_is_the_one_left_unnamed() -> None:
    """The default is the document's, not python-docx's: in a template whose default paragraph
    style is "Body Text", that style gets no w:pStyle and "Normal" is named."""
    template = docx.Document()
    for style in template.styles.element.findall(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) == "1":
            del style.attrib[qn("w:default")]
    template.styles["Body Text"].element.set(qn("w:default"), "1")
    document = _reopened(template)
    add_styled_paragraph(document, "Body Text")
    add_styled_paragraph(document, "Normal")
    body, normal = _reopened(document).paragraphs
    assert body._p.pPr.find(qn("w:pStyle")) is None
    assert body.style.name == "Body Text"
    assert normal._p.pPr.find(qn("w:pStyle")).get(qn("w:val")) == "Normal"


def test_every_paragraph_and_table_style_is_set_as_python_docx_sets_it() -> None:
    ours, theirs = docx.Document(), docx.Document()
    added = add_paragraph_style(ours.styles, "Guideline Heading")
    theirs.styles.add_style("Guideline Heading", WD_STYLE_TYPE.PARAGRAPH)
    add_paragraph_style(ours.styles, "Caption 2")
    theirs.styles.add_style("Caption 2", WD_STYLE_TYPE.PARAGRAPH)
    assert _xml(ours.styles.element) == _xml(theirs.styles.element)
    names = [s.name for s in ours.styles if s.type == WD_STYLE_TYPE.PARAGRAPH]
    assert "Guideline Heading" in names and len(names) > 20
    for name in names:
        set_paragraph_style(ours.add_paragraph("text"), name)
        theirs.add_paragraph("text").style = name
    set_table_style(ours.add_table(rows=1, cols=1), "Table Grid")
    theirs.add_table(rows=1, cols=1).style = "Table Grid"
    set_table_style(ours.add_table(rows=1, cols=1), "Normal Table")  # the default one
    theirs.add_table(rows=1, cols=1).style = "Normal Table"
    assert _xml(ours.element.body) == _xml(theirs.element.body)
    reread = _reopened(ours)
    assert [p.style.name for p in reread.paragraphs] == names
    assert reread.tables[0].style.name == "Table Grid"
    assert added.style_id == "GuidelineHeading"
    assert style_id(ours.part, "Guideline Heading", WD_STYLE_TYPE.PARAGRAPH) == "GuidelineHeading"


def test_a_header_paragraph_and_a_cell_paragraph_are_styled_too() -> None:
    document = docx.Document()
    header = add_styled_paragraph(document.sections[0].header, "Header")
    cell = add_styled_paragraph(document.add_table(rows=1, cols=1).cell(0, 0), "Footer")
    assert header.part is not document.part  # a part of its own, with its own ids kept
    reread = _reopened(document)
    assert reread.sections[0].header.paragraphs[-1].style.name == "Header"
    assert reread.tables[0].cell(0, 0).paragraphs[-1].style.name == "Footer"
    assert cell.style.name == "Footer"


def test_a_name_python_docx_refuses_is_refused_alike() -> None:
    document = docx.Document()
    with pytest.raises(KeyError):
        add_styled_paragraph(document, "No Such Style")
    with pytest.raises(ValueError, match="type"):
        add_styled_paragraph(document, "Table Grid")  # a table style, not a paragraph's


def test_a_run_of_tabs_breaks_and_spaces_is_what_python_docx_writes() -> None:
    texts = ["plain", "  leading and trailing  ", "a\tb", "line\nnext\r\nthird", "\t", "", "x\t\ty"]
    ours, theirs = docx.Document(), docx.Document()
    for text in texts:
        run = add_run(ours.add_paragraph(), text)
        assert run.text == text.replace("\r\n", "\n\n").replace("\r", "\n")
        theirs.add_paragraph().add_run(text)
    assert _xml(ours.element.body) == _xml(theirs.element.body)
    assert [p.text for p in _reopened(ours).paragraphs] == [p.text for p in theirs.paragraphs]


def test_a_paragraph_goes_where_python_docx_puts_it_and_reads_right_to_left_alike() -> None:
    """Made without python-docx's search of the body: before the section properties, after
    the paragraphs and tables already there, with ``w:bidi`` where python-docx would put it."""
    ours, theirs = docx.Document(), docx.Document()
    requests = [("Normal", False), ("Heading 1", True), ("Title", False), ("Normal", True)]
    for number, (name, rtl) in enumerate(requests):
        add_text_run(add_styled_paragraph(ours, name, rtl=rtl), f"text {number}", rtl=rtl)
        made = theirs.add_paragraph(style=name)
        if rtl:
            right_to_left(made)  # python-docx's own placement of w:bidi
        run = made.add_run(f"text {number}")
        if rtl:
            run._r.get_or_add_rPr().get_or_add_rtl()
        ours.add_table(rows=1, cols=1)
        theirs.add_table(rows=1, cols=1)
    assert _xml(ours.element.body) == _xml(theirs.element.body)
    assert ours.element.body[-1].tag == qn("w:sectPr")
    reread = _reopened(ours)
    assert [p.text for p in reread.paragraphs] == [f"text {n}" for n in range(len(requests))]
    assert [p.style.name for p in reread.paragraphs] == [name for name, _ in requests]


def test_a_body_without_section_properties_takes_paragraphs_at_its_end() -> None:
    ours, theirs = docx.Document(), docx.Document()
    for document in (ours, theirs):
        body = document.element.body
        body.remove(body[-1])
    add_styled_paragraph(ours, "Title")
    theirs.add_paragraph(style="Title")
    assert _xml(ours.element.body) == _xml(theirs.element.body)


def test_a_revision_is_the_markup_python_docx_and_word_would_make() -> None:
    """An insertion or deletion: ``w:ins`` or ``w:del`` (id, author, date) around the run,
    deleted characters as ``w:delText``, right-to-left runs marked ``w:rtl``."""
    texts = [
        ("insert", "new words ", False),
        ("delete", "\told\twords", True),
        ("insert", "", True),
    ]
    ours, theirs = docx.Document(), docx.Document()
    mine = Revisions("Secretariat", dt.date(2026, 12, 7))
    other = Revisions("Secretariat", dt.date(2026, 12, 7))
    ours_paragraph, theirs_paragraph = ours.add_paragraph(), theirs.add_paragraph()
    for kind, text, rtl in texts:
        add_revision(ours_paragraph, text, kind, mine, rtl=rtl)  # type: ignore[arg-type]
        run = theirs_paragraph.add_run(text)
        if rtl:
            run._r.get_or_add_rPr().get_or_add_rtl()
        wrapper = other.mark(kind)  # type: ignore[arg-type]
        run._r.addprevious(wrapper)
        wrapper.append(run._r)
        if kind == "delete":
            for element in run._r.findall(qn("w:t")):
                element.tag = qn("w:delText")
    assert _xml(ours.element.body) == _xml(theirs.element.body)
    deleted = ours.element.body.findall(f".//{qn('w:del')}")
    assert [d.get(qn("w:id")) for d in deleted] == ["2"]
    assert len(deleted[0].findall(f".//{qn('w:delText')}")) == 2
