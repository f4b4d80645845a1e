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


# -- --into: which version the document is a text of ---------------------------------------------


def _tree(root: Path) -> dict[str, bytes]:
    folder = root / "guidelines"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _unseal(root: Path, version_id: str) -> None:
    """The version as one released before Redraft and never sealed: no manifest, no hash."""
    (root / f"guidelines/manifests/{version_id}.sha256").unlink()
    versions = root / "guidelines/versions.yml"
    lines = versions.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {version_id}\n")
    hash_line = next(i for i in range(start, len(lines)) if lines[i].startswith("    hash: "))
    del lines[hash_line]
    versions.write_text("".join(lines), encoding="utf-8")


def test_into_draft_with_dry_run_shows_the_diff_and_writes_nothing(
    example_kb: KnowledgeBase, example_copy: Path, tmp_path: Path
) -> None:
    version = example_kb.version("2018-crp14")
    assert version is not None
    exported = tmp_path / "crp14.docx"
    exported.write_bytes(version_docx(example_kb, version))
    before = _tree(example_copy)
    code, output = _import(example_copy, exported, "--into", "draft", "--dry-run")
    assert code == 0, output
    assert "--- a/guidelines/draft/outline.yml" in output
    assert "--- a/guidelines/draft/company-manager.md\n+++ /dev/null" in output
    assert "dry run: nothing was written" in output
    assert _tree(example_copy) == before
    code, output = _import(example_copy, exported, "--into", "draft")
    assert code == 0, output
    assert "D guidelines/draft/company-manager.md" in output
    assert not diff_versions(load(example_copy).kb, "2018-crp14", "draft").has_changes


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            [],
            "version '2019-3' is released: its text never changes; import the document as the "
            "working draft (--into draft) and release the revision as a new version",
        ),
        (
            ["--language", "zh"],
            "version '2019-3' already has its Chinese text; a released text is never replaced "
            "(import a revised translation with --into draft)",
        ),
        (
            ["--language", "fr"],
            "guidelines/manifests/2019-3.sha256: version '2019-3' is sealed, and a French text "
            "added now would be a change to the files it records; a translation issued after the "
            "release cannot be added to a sealed version (it can be imported into the working "
            "draft with --into draft)",
        ),
    ],
)
def test_a_released_text_is_never_changed(
    example_kb: KnowledgeBase, example_copy: Path, tmp_path: Path, extra: list[str], message: str
) -> None:
    draft = example_kb.draft
    assert draft is not None
    exported = tmp_path / "draft-fr.docx"
    exported.write_bytes(version_docx(example_kb, draft, "fr"))
    before = _tree(example_copy)
    code, output = _import(example_copy, exported, "--into", "2019-3", *extra)
    assert (code, output) == (1, f"redraft import version: error: {message}\n")
    assert _tree(example_copy) == before


def test_an_unknown_version_is_a_usage_error(example_copy: Path, tmp_path: Path) -> None:
    code, output = _import(example_copy, tmp_path / "x.docx", "--into", "2030-1")
    assert code == 2  # the file does not exist either: click says so first
    document = docx.Document()
    document.save(str(tmp_path / "x.docx"))
    code, output = _import(example_copy, tmp_path / "x.docx", "--into", "2030-1")
    assert code == 2
    assert "unknown version '2030-1': use draft or one of 2018-3, 2018-crp14, 2019-3" in output


def test_a_translation_arriving_after_release_joins_an_unsealed_version(
    example_kb: KnowledgeBase, example_copy: Path, tmp_path: Path
) -> None:
    """2019-3's Chinese, exported, removed, and imported again into the version (unsealed):
    the same files' texts, so the same document exported again, byte for byte; the original
    and every other version untouched."""
    version = example_kb.version("2019-3")
    assert version is not None
    exported = tmp_path / "2019-3-zh.docx"
    exported.write_bytes(version_docx(example_kb, version, "zh"))
    _unseal(example_copy, "2019-3")
    for path in (example_copy / "guidelines/2019-3").glob("*.zh.*"):
        path.unlink()
    assert "zh" not in load(example_copy).kb.version("2019-3").languages  # type: ignore[union-attr]
    before = _tree(example_copy)
    code, output = _import(example_copy, exported, "--into", "2019-3", "--language", "zh", "-n")
    assert code == 0, output
    assert "+++ b/guidelines/2019-3/outline.zh.yml" in output
    assert _tree(example_copy) == before
    code, output = _import(example_copy, exported, "--into", "2019-3", "--language", "zh")
    assert code == 0, output
    assert "Chinese text of the version 2019-3" in output
    assert "not matched" not in output
    after = _tree(example_copy)
    added = sorted(set(after) - set(before))
    assert added == sorted(
        [f"2019-3/{g.id}.zh.md" for g in version.guidelines if "zh" in g.translations]
        + ["2019-3/outline.zh.yml"]
    )
    assert {k: v for k, v in after.items() if k in before} == before
    kb = load(example_copy).kb
    again = kb.version("2019-3")
    assert again is not None
    assert version_docx(kb, again, "zh") == exported.read_bytes()
