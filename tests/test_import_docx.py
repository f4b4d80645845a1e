"""``redraft import version``: what Redraft exports in Word reads back as the same version.

The round trip is the proof: each released version exported to .docx and imported as the draft
leaves ``diff <version> draft`` with no change; a redline imported with its changes accepted
gives the newer version.  Tracked changes are refused unless accepted, and a file that is no
draft changes nothing.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from redraft.cli import main
from redraft.exports.compare_docx import compare_docx
from redraft.exports.import_docx import latin_label, read_docx
from redraft.exports.version_docx import version_docx
from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase
from redraft.redline.compare import diff_versions
from redraft.site.labels import ABJAD


def _import(root: Path, path: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["import", "version", str(path), "--root", str(root), *extra])
    return result.exit_code, result.output


def _draft_files(root: Path) -> dict[str, bytes]:
    folder = root / "guidelines/draft"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("version_id", ["2018-3", "2018-crp14", "2019-3"])
def test_a_released_version_round_trips_through_word(
    example_kb: KnowledgeBase, example_copy: Path, tmp_path: Path, version_id: str
) -> None:
    version = example_kb.version(version_id)
    assert version is not None
    exported = tmp_path / f"{version_id}.docx"
    exported.write_bytes(version_docx(example_kb, version))
    code, output = _import(example_copy, exported)
    assert code == 0, output
    assert f"{len(version.guidelines)} guidelines" in output
    assert "not matched" not in output
    kb = load(example_copy).kb
    diff = diff_versions(kb, version_id, "draft")
    assert not diff.has_changes, [g.id for g in diff.changed_guidelines]
    draft = kb.draft
    assert draft is not None
    # translations of guidelines still in the draft are kept, the others removed
    kept = {g.id for g in version.guidelines}
    for name in _draft_files(example_copy):
        stem = name.split(".")[0]
        assert stem == "outline" or stem in kept, name


def test_an_accepted_redline_imports_as_the_newer_version(
    example_kb: KnowledgeBase, example_copy: Path, tmp_path: Path
) -> None:
    old, new = example_kb.version("2018-3"), example_kb.version("2019-3")
    assert old is not None and new is not None
    redline = tmp_path / "redline.docx"
    diff = diff_versions(example_kb, "2018-3", "2019-3")
    redline.write_bytes(compare_docx(example_kb, diff, old, new))
    before = _draft_files(example_copy)
    code, output = _import(example_copy, redline)
    assert code == 1
    assert output.startswith(f"redraft import version: error: {redline}: ")
    assert "tracked change(s)" in output and "--accept-changes" in output
    assert _draft_files(example_copy) == before, "a refused import changes nothing"
    code, output = _import(example_copy, redline, "--accept-changes")
    assert code == 0, output
    kb = load(example_copy).kb
    assert not diff_versions(kb, "2019-3", "draft").has_changes


def test_a_typed_document_without_redraft_styles_is_recognised(example_kb: KnowledgeBase) -> None:
    """A draft typed in Word with its built-in styles, labels typed by hand."""
    document = docx.Document()
    document.add_paragraph("Draft guidelines typed by hand", style="Title")
    document.add_paragraph("Introduction", style="Heading 1")
    document.add_paragraph("These guidelines are not binding.")
    document.add_paragraph("I. Planning and institutional arrangements", style="Heading 1")
    document.add_paragraph("Guideline 1. Pre-seizure planning", style="Heading 2")
    document.add_paragraph("(a) States should plan before seizing.")
    document.add_paragraph("(b) The office should be consulted.")
    document.add_paragraph("Explanatory note", style="Heading 3")
    document.add_paragraph("Planning avoids haste.")
    document.add_paragraph("Guideline 2. A guideline nobody has written before", style="Heading 2")
    document.add_paragraph("(a) Something new.")
    buffer = io.BytesIO()
    document.save(buffer)
    draft = read_docx(buffer.getvalue(), "typed.docx")
    assert draft.title == "Draft guidelines typed by hand"
    assert draft.introduction == ["These guidelines are not binding."]
    assert [(g.number, g.title) for g in draft.guidelines] == [
        ("1", "Pre-seizure planning"),
        ("2", "A guideline nobody has written before"),
    ]
    first = draft.guidelines[0]
    assert [(p.label, p.text) for p in first.paragraphs] == [
        ("(a)", "States should plan before seizing."),
        ("(b)", "The office should be consulted."),
    ]
    assert [p.text for p in first.note] == ["Planning avoids haste."]
    from redraft.exports.import_docx import match

    report = match(draft, example_kb)
    assert first.id == "pre-seizure-planning"
    assert draft.parts[0].id == "planning"
    assert len(report.unmatched) == 1 and "nobody has written before" in report.unmatched[0]


def test_arabic_letters_read_back_as_the_files_latin_letters() -> None:
    assert [latin_label(letter) for letter in ABJAD[:5]] == ["a", "b", "c", "d", "e"]
    assert latin_label("c") == "c"


def test_a_file_that_is_not_a_draft_changes_nothing(example_copy: Path, tmp_path: Path) -> None:
    before = _draft_files(example_copy)
    minutes = tmp_path / "minutes.docx"
    document = docx.Document()
    document.add_paragraph("Minutes of the meeting")
    document.save(str(minutes))
    code, output = _import(example_copy, minutes)
    assert code == 1
    assert output.strip() == (
        f"redraft import version: error: {minutes}: "
        "no title found (a paragraph in the style 'Title')"
    )
    garbage = tmp_path / "garbage.docx"
    garbage.write_text("not a zip", encoding="utf-8")
    code, output = _import(example_copy, garbage)
    assert code == 1 and f"{garbage}: not a Word document" in output
    assert len(output.strip().splitlines()) == 1
    assert _draft_files(example_copy) == before


@pytest.mark.parametrize("language", ["fr", "ar", "zh"])
def test_a_translation_round_trips_through_word(
    example_kb: KnowledgeBase, example_copy: Path, tmp_path: Path, language: str
) -> None:
    draft = example_kb.draft
    assert draft is not None
    exported = tmp_path / f"draft-{language}.docx"
    exported.write_bytes(version_docx(example_kb, draft, language))
    original_files = {
        name: data for name, data in _draft_files(example_copy).items() if name.count(".") == 1
    }
    code, output = _import(example_copy, exported, "--language", language)
    assert code == 0, output
    assert "not matched" not in output
    assert output.count(" → ") == len(draft.guidelines) + 1
    after = load(example_copy).kb.draft
    assert after is not None
    before_text = draft.in_language(language)
    after_text = after.in_language(language)
    assert after_text.title == before_text.title
    assert after_text.introduction.split() == before_text.introduction.split()
    assert [p.title for p in after_text.parts] == [p.title for p in before_text.parts]
    for old, new in zip(before_text.guidelines, after_text.guidelines, strict=True):
        assert new.text.title == old.text.title
        assert [(p.id, p.label, p.text) for p in new.text.all_paragraphs] == [
            (p.id, p.label, p.text) for p in old.text.all_paragraphs
        ]
    unchanged = {n: d for n, d in _draft_files(example_copy).items() if n.count(".") == 1}
    assert unchanged == original_files, "the original-language files are not touched"


def test_untranslated_guidelines_are_left_out_of_a_translation(
    example_kb: KnowledgeBase, example_copy: Path, tmp_path: Path
) -> None:
    """2019-3 in Chinese: eleven guidelines stand in English; importing its Chinese into the
    draft writes only what was in Chinese."""
    version = example_kb.version("2019-3")
    assert version is not None
    exported = tmp_path / "2019-3-zh.docx"
    exported.write_bytes(version_docx(example_kb, version, "zh"))
    draft = read_docx(exported.read_bytes(), str(exported))
    flagged = {g.number for g in draft.guidelines if g.untranslated}
    expected = {g.number for g in version.guidelines if g.id in version.untranslated("zh")}
    assert flagged == expected and flagged
