"""Footnotes in guideline files: ``[^1]`` in a paragraph, ``[^1]: text`` after the paragraphs.

The example's draft has one (guideline 14 (a), citing the Convention); these tests read it as the
loader, the site and the documents do, and break it the ways an editor could.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import re
import subprocess
import zipfile
from pathlib import Path

import markdown  # type: ignore[import-untyped]
from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.exports.compare_docx import compare_docx
from redraft.exports.import_docx import read_docx
from redraft.exports.version_docx import version_docx
from redraft.kb.guideline_file import parse_body_with_footnotes
from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase, Version
from redraft.redline.compare import compare_versions, diff_versions
from redraft.redline.render.html import to_html_page
from redraft.redline.render.json import to_json
from redraft.redline.render.markdown import to_markdown
from redraft.redline.render.text import to_terminal
from redraft.site import urls
from redraft.site.generate import SiteFiles

GUIDELINE = "return-of-assets"
FILE = f"guidelines/draft/{GUIDELINE}.md"


def test_a_footnote_is_read_as_the_guidelines_not_as_a_paragraph(
    example_kb: KnowledgeBase,
) -> None:
    draft = example_kb.draft
    assert draft is not None
    text = draft.guideline(GUIDELINE).text  # type: ignore[union-attr]
    assert [p.id for p in text.all_paragraphs] == ["a", "b"]
    assert [(f.label, f.text) for f in text.footnotes] == [
        ("1", "United Nations, Treaty Series, vol. 2349, No. 42146.")
    ]
    assert "the Convention,[^1] States" in text.paragraphs[0].text
    assert text.footnotes[0].source.path == FILE


def test_a_footnote_may_run_over_several_lines_and_sit_after_the_note() -> None:
    body = "(a) Text.[^n]\n\n## Explanatory note\n\nWhy.[^2]\n\n[^n]: One\n  two.\n\n[^2]: Three.\n"
    paragraphs, footnotes, problems = parse_body_with_footnotes(body, 5)
    assert problems == []
    assert [(p.id, p.text) for p in paragraphs] == [("a", "Text.[^n]"), ("note-1", "Why.[^2]")]
    assert [(f.label, f.text, f.line) for f in footnotes] == [
        ("n", "One two.", 11),
        ("2", "Three.", 14),
    ]


def _problems(root: Path) -> list[str]:
    return [str(p) for p in check(root) if p.path == FILE]


def test_a_mark_without_its_footnote_and_a_footnote_defined_twice_are_errors(
    example_copy: Path,
) -> None:
    path = example_copy / FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Convention,[^1]", "Convention,[^2]"), encoding="utf-8")
    assert _problems(example_copy) == [
        f"{FILE}:10: footnote [^2] has no text: add a line '[^2]: …' after the paragraphs"
    ]
    path.write_text(text + "\n[^1]: Again.\n", encoding="utf-8")
    assert _problems(example_copy) == [
        f"{FILE}:18: footnote [^1] is defined twice (first at line 16)"
    ]
    path.write_text(
        text.replace("[^1]: United Nations, Treaty Series, vol. 2349, No. 42146.", "[^1]:"),
        encoding="utf-8",
    )
    assert _problems(example_copy) == [f"{FILE}:16: footnote [^1] is empty"]


def test_the_site_numbers_the_footnote_and_prints_it_at_the_foot(
    example_pages: SiteFiles,
) -> None:
    page = example_pages.files[f"main/docs/{urls.guideline(GUIDELINE)}"].decode("utf-8")
    mark = f"[^{GUIDELINE}-1]"
    assert f"the Convention,{mark} States" in page
    assert f"\n{mark}: United Nations, Treaty Series, vol. 2349, No. 42146.\n" in page
    html = markdown.markdown(
        page, extensions=["footnotes", "md_in_html", "attr_list", "admonition", "def_list"]
    )
    assert (
        f'<sup id="fnref:{GUIDELINE}-1"><a class="footnote-ref" href="#fn:{GUIDELINE}-1">1</a>'
        in html
    )
    foot = html[html.index('<div class="footnote">') :]
    assert "United Nations, Treaty Series, vol. 2349, No. 42146." in foot


# -- Word: real footnotes out, Markdown footnotes back ------------------------------------------


def _pdf_text(docx_path: Path) -> list[str]:
    """The .docx printed by LibreOffice, as text, one string per page."""
    from redraft.exports.pdf import docx_to_pdf

    pdf = docx_path.with_suffix(".pdf")
    pdf.write_bytes(docx_to_pdf(docx_path.read_bytes(), dt.date(2020, 1, 1)))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")


def test_a_footnote_is_a_word_footnote_at_the_foot_of_its_page(
    example_kb: KnowledgeBase, tmp_path: Path
) -> None:
    draft = example_kb.draft
    assert draft is not None
    data = version_docx(example_kb, draft)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
        relationships = package.read("word/_rels/document.xml.rels").decode("utf-8")
        types = package.read("[Content_Types].xml").decode("utf-8")
    assert body.count("<w:footnoteReference ") == 1 and 'w:footnoteReference w:id="1"' in body
    assert "[^1]" not in body
    assert '<w:footnote w:id="1">' in notes and "Treaty Series, vol. 2349" in notes
    assert "relationships/footnotes" in relationships
    assert "wordprocessingml.footnotes+xml" in types
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    pages = _pdf_text(path)
    page = next(p for p in pages if "Guideline 14." in p)
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    call = next(
        i for i, line in enumerate(lines) if "article 57 of the Convention,1 States" in line
    )
    foot = next(i for i, line in enumerate(lines) if "Treaty Series" in line)
    assert foot > call
    assert re.fullmatch(r"1\s+United Nations, Treaty Series, vol\. 2349, No\. 42146\.", lines[foot])
    assert re.fullmatch(r"\d+", lines[foot + 1]), "the footnote sits above the page number"


def test_a_footnote_comes_back_from_word_as_it_was(
    example_kb: KnowledgeBase, example_copy: Path, tmp_path: Path
) -> None:
    """Export the draft, import it as the draft: no change, the footnote included (its file
    byte for byte), and the French text round trips too."""
    draft = example_kb.draft
    assert draft is not None
    exported = tmp_path / "draft.docx"
    exported.write_bytes(version_docx(example_kb, draft))
    imported = read_docx(exported.read_bytes(), str(exported))
    guideline = next(g for g in imported.guidelines if g.number == "14")
    assert guideline.footnotes == [("1", "United Nations, Treaty Series, vol. 2349, No. 42146.")]
    before = (example_copy / FILE).read_text(encoding="utf-8")
    result = CliRunner().invoke(
        main, ["import", "version", str(exported), "--root", str(example_copy)]
    )
    assert result.exit_code == 0, result.output
    after = load(example_copy).kb.draft
    assert after is not None
    for old, new in zip(draft.guidelines, after.guidelines, strict=True):
        assert [(p.id, p.label, p.text) for p in new.text.all_paragraphs] == [
            (p.id, p.label, p.text) for p in old.text.all_paragraphs
        ]
        assert [(f.label, f.text) for f in new.text.footnotes] == [
            (f.label, f.text) for f in old.text.footnotes
        ]
    body = before.split("---\n", 2)[2]
    assert (example_copy / FILE).read_text(encoding="utf-8").split("---\n", 2)[2] == body


def test_a_footnote_is_held_to_the_limits_of_a_paragraph(example_copy: Path) -> None:
    """The site renders a footnote's text as it renders a paragraph: the same bound on size."""
    path = example_copy / FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("No. 42146.", "No. 42146. " + "x " * 6000), encoding="utf-8")
    problems = _problems(example_copy)
    assert len(problems) == 1 and problems[0].startswith(f"{FILE}:16: ")
    assert "10000" in problems[0] or "10,000" in problems[0], problems


def test_a_translated_footnote_round_trips_with_its_translation(
    example_kb: KnowledgeBase, example_copy: Path, tmp_path: Path
) -> None:
    draft = example_kb.draft
    assert draft is not None
    exported = tmp_path / "draft-fr.docx"
    exported.write_bytes(version_docx(example_kb, draft, "fr"))
    french = f"guidelines/draft/{GUIDELINE}.fr.md"
    before = (example_copy / french).read_text(encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["import", "version", str(exported), "--language", "fr", "--root", str(example_copy)],
    )
    assert result.exit_code == 0, result.output
    text = load(example_copy).kb.draft.guideline(GUIDELINE).translations["fr"]  # type: ignore[union-attr]
    assert [(f.label, f.text) for f in text.footnotes] == [
        ("1", "Nations Unies, Recueil des Traités, vol. 2349, no 42146.")
    ]
    assert "de la Convention[^1], les États" in text.paragraphs[0].text
    after = (example_copy / french).read_text(encoding="utf-8")
    assert after.split("---\n", 2)[2] == before.split("---\n", 2)[2]


def test_a_footnote_added_is_a_tracked_insertion_in_the_redline(
    example_kb: KnowledgeBase, example_copy: Path, tmp_path: Path
) -> None:
    """2019-3 has no footnote, the draft calls one in 14 (a): the redline inserts the call as a
    Word revision, the note in the footnotes part, and accepting every change gives the draft's
    guideline back with its footnote."""
    old, new = example_kb.version("2019-3"), example_kb.draft
    assert old is not None and new is not None
    data = compare_docx(example_kb, diff_versions(example_kb, "2019-3", "draft"), old, new)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode("utf-8")
        notes = package.read("word/footnotes.xml").decode("utf-8")
    assert "[^1]" not in body
    assert re.search(r"<w:ins [^>]*><w:r><w:rPr><w:vertAlign [^>]*/></w:rPr>"
                     r'<w:footnoteReference w:id="1"/></w:r></w:ins>', body)  # fmt: skip
    assert "Treaty Series, vol. 2349" in notes
    redline = tmp_path / "redline.docx"
    redline.write_bytes(data)
    result = CliRunner().invoke(
        main,
        ["import", "version", str(redline), "--accept-changes", "--root", str(example_copy)],
    )
    assert result.exit_code == 0, result.output
    after = load(example_copy).kb.draft.guideline(GUIDELINE).text  # type: ignore[union-attr]
    before = new.guideline(GUIDELINE).text  # type: ignore[union-attr]
    assert [(p.id, p.text) for p in after.paragraphs] == [(p.id, p.text) for p in before.paragraphs]
    assert [(f.label, f.text) for f in after.footnotes] == [
        (f.label, f.text) for f in before.footnotes
    ]


def test_a_merge_keeps_each_guidelines_footnotes_and_renumbers_a_clash(example_copy: Path) -> None:
    """Both guidelines call a footnote [^1]: the merged guideline keeps both notes, the second
    called [^2], each call still pointing at its own words."""
    other = example_copy / "guidelines/draft/victim-compensation.md"
    text = other.read_text(encoding="utf-8")
    other.write_text(
        text.replace("domestic law,", "domestic law,[^1]", 1).rstrip("\n")
        + "\n\n[^1]: Including the law on the protection of victims.\n",
        encoding="utf-8",
    )
    assert not _problems(example_copy)
    result = CliRunner().invoke(
        main,
        ["guideline", "merge", "return-of-assets", "victim-compensation",
         "--into", "return-of-assets", "--root", str(example_copy)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    merged = load(example_copy).kb.draft.guideline(GUIDELINE).text  # type: ignore[union-attr]
    assert [(f.label, f.text) for f in merged.footnotes] == [
        ("1", "United Nations, Treaty Series, vol. 2349, No. 42146."),
        ("2", "Including the law on the protection of victims."),
    ]
    calls = [p.text for p in merged.paragraphs if "[^" in p.text]
    assert "the Convention,[^1] States" in calls[0] and "domestic law,[^2]" in calls[1]
    # only the gap the merge leaves in the numbering, which `guideline renumber` closes
    assert [p for p in _problems(example_copy) if "footnote" in p or ": warning:" not in p] == []


def _with_footnote(kb: KnowledgeBase, words: str) -> Version:
    """The working draft with the footnote of 14 (a) reading ``words``: a version that differs
    from the draft in that footnote alone."""
    draft = kb.draft
    assert draft is not None
    guideline = draft.guideline(GUIDELINE)
    assert guideline is not None and len(guideline.text.footnotes) == 1
    note = dataclasses.replace(guideline.text.footnotes[0], text=words)
    text = dataclasses.replace(guideline.text, footnotes=(note,))
    changed = dataclasses.replace(guideline, text=text)
    return dataclasses.replace(
        draft,
        id="draft-2",
        guidelines=tuple(changed if g.id == GUIDELINE else g for g in draft.guidelines),
    )


OLD_WORDS = "United Nations, Treaty Series, vol. 2349, No. 42146."
NEW_WORDS = "United Nations, Treaty Series, vol. 2350, No. 42146."


def test_a_footnote_whose_words_changed_is_a_rewording_in_every_redline(
    example_kb: KnowledgeBase,
) -> None:
    """A footnote is part of the guideline's text: changing its words alone makes the
    guideline reworded, and the text, CriticMarkup, HTML and JSON redlines each show the
    words that went and came, under the footnote's mark; read back in time, the mirror."""
    draft = example_kb.draft
    assert draft is not None and draft.guideline(GUIDELINE).text.footnotes[0].text == OLD_WORDS  # type: ignore[union-attr]
    later = _with_footnote(example_kb, NEW_WORDS)
    diff = compare_versions(draft, later)
    change = diff.guideline(GUIDELINE)
    assert change is not None
    assert change.changes == ("reworded",)
    assert diff.summary.changed == (GUIDELINE,)
    assert [(n.from_label, n.to_label, n.status) for n in change.footnotes] == [
        ("[^1]", "[^1]", "changed")
    ]
    assert ("delete", "2349") in change.footnotes[0].ops
    assert ("insert", "2350") in change.footnotes[0].ops
    plain = "\n".join(str(item) for item in to_terminal(diff, styled=False))
    assert "Footnotes" in plain and "[-2349-]{+2350+}" in plain
    assert "{--2349--}{++2350++}" in to_markdown(diff)
    page = to_html_page(diff)
    assert "<h3>Footnotes</h3>" in page and "<del" in page and "2350</ins>" in page
    (entry,) = [g for g in to_json(diff)["guidelines"] if g["id"] == GUIDELINE]
    assert [n["status"] for n in entry["footnotes"]] == ["changed"]
    back = compare_versions(later, draft).guideline(GUIDELINE)
    assert back is not None and ("insert", "2349") in back.footnotes[0].ops


def test_a_footnote_whose_words_changed_is_tracked_in_the_word_redline_and_accepted_back(
    example_kb: KnowledgeBase, example_copy: Path, tmp_path: Path
) -> None:
    """In the Word redline the footnote holds its changed words as tracked changes (a
    deletion, an insertion); `redraft import version --accept-changes` brings back the newer
    words, and without it the import is refused for its tracked changes."""
    draft = example_kb.draft
    assert draft is not None
    later = _with_footnote(example_kb, NEW_WORDS)
    data = compare_docx(example_kb, compare_versions(draft, later), draft, later)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
    assert re.search(r"<w:del [^>]*><w:r>.*?<w:delText[^>]*>2349</w:delText>", notes)
    assert re.search(r"<w:ins [^>]*><w:r>.*?<w:t[^>]*>2350</w:t>", notes)
    redline = tmp_path / "redline.docx"
    redline.write_bytes(data)
    command = ["import", "version", str(redline), "--root", str(example_copy)]
    refused = CliRunner().invoke(main, command)
    assert refused.exit_code != 0 and "tracked change" in refused.output, refused.output
    accepted = CliRunner().invoke(main, [*command, "--accept-changes"])
    assert accepted.exit_code == 0, accepted.output
    after = load(example_copy).kb.draft.guideline(GUIDELINE).text  # type: ignore[union-attr]
    assert [(f.label, f.text) for f in after.footnotes] == [("1", NEW_WORDS)]


def test_the_site_shows_a_footnote_added_since_the_last_version(example_pages: SiteFiles) -> None:
    """2019-3 has no footnote and the draft's 14 (a) has one: the comparison shows it as an
    inserted row under its mark."""
    page = example_pages.files["main/docs/" + urls.compare("2019-3", "draft")].decode("utf-8")
    row = page[page.index("redraft-footnote") :][:2000]
    assert "<ins" in row and "Treaty Series" in row and "(new footnote)" in row
    assert "[^1]" in html.unescape(row) and "[^1]" not in row  # the mark is shown, as text
