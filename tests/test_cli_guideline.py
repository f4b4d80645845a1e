"""``redraft guideline …``: structural edits of the working draft on a copy of the example.

Each command is checked for the exact set of files it changes and the lines it changes in them,
for ``redraft check`` after it, for refusing what it cannot do with nothing written, and for
``--dry-run`` writing nothing.  Released versions must never change: every test compares the
whole tree, so a stray write anywhere shows up as an unexpected file.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.kb.load import load
from redraft.kb.model import Guideline
from redraft.redline.drift import version_status

from .conftest import REPO, is_planted_drift

DRAFT = "guidelines/draft"
OUTLINE = f"{DRAFT}/outline.yml"
RETARGETED = "comments/submissions/2019-nv/PER.yml"
RENUMBER = "`redraft guideline renumber` numbers the draft in outline order"


def guideline(*args: str, root: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["guideline", *args, "--root", str(root)])
    return result.exit_code, result.stdout, result.stderr


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for folder in ("guidelines", "comments", "records")
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


def changed(before: dict[str, bytes], root: Path) -> dict[str, str]:
    """Path → ``A``, ``D`` or ``M``: what the command did to the tree."""
    after = snapshot(root)
    found = {p: "D" for p in before if p not in after}
    found.update({p: "A" for p in after if p not in before})
    found.update({p: "M" for p in before if p in after and before[p] != after[p]})
    return found


def diff_lines(before: dict[str, bytes], root: Path, path: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added) in one file."""
    old = before[path].decode("utf-8").splitlines()
    new = (root / path).read_text(encoding="utf-8").splitlines()
    removed, added = [], []
    for line in difflib.unified_diff(old, new, lineterm="", n=0):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


def problems(root: Path) -> list[str]:
    """What check says, less the example's planted translation drift."""
    return [str(p) for p in check(root) if not is_planted_drift(p)]


def draft_guideline(root: Path, guideline_id: str) -> Guideline:
    draft = load(root).kb.version("draft")
    assert draft is not None
    found = draft.guideline(guideline_id)
    assert found is not None, guideline_id
    return found


def body_of(root: Path, path: str) -> str:
    return (root / path).read_text(encoding="utf-8").split("\n---\n", 1)[1]


@pytest.fixture(scope="module")
def example() -> Guideline:
    """``company-continuity`` as the example has it: three lettered paragraphs, translated
    into the five other languages, and a guideline of version 2019-3."""
    found = draft_guideline(REPO, "company-continuity")
    assert [p.id for p in found.text.paragraphs] == ["a", "b", "c"]
    assert sorted(found.translations) == ["ar", "es", "fr", "ru", "zh"]
    return found


LANGUAGES = ("", ".ar", ".es", ".fr", ".ru", ".zh")


def files_of(guideline_id: str) -> list[str]:
    return [f"{DRAFT}/{guideline_id}{suffix}.md" for suffix in LANGUAGES]


# -- new --------------------------------------------------------------------------------------


def test_new_scaffolds_the_english_file_after_its_neighbour_and_numbers_it_bis(
    example_copy: Path,
) -> None:
    before = snapshot(example_copy)
    assessed = draft_guideline(example_copy, "asset-assessment")
    code, out, err = guideline(
        "new", "asset-tracing", "--title", "Tracing of assets", "--part", "planning",
        "--after", "asset-assessment", root=example_copy,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert changed(before, example_copy) == {OUTLINE: "M", f"{DRAFT}/asset-tracing.md": "A"}
    assert diff_lines(before, example_copy, OUTLINE) == ([], ["      - asset-tracing"])
    assert out.splitlines()[0] == f"M {OUTLINE} (+1 -0)"
    new = draft_guideline(example_copy, "asset-tracing")
    assert (new.number, new.title, new.part) == (f"{assessed.number} bis", "Tracing of assets",
                                                 "planning")  # fmt: skip
    draft = load(example_copy).kb.version("draft")
    assert draft is not None
    ids = [g.id for g in draft.guidelines]
    assert ids[ids.index("asset-assessment") + 1] == "asset-tracing"
    assert problems(example_copy) == []
    # no translation is created: the translation status lists it as missing for translators
    kb = load(example_copy).kb
    states = {
        s.language: s.state for s in version_status(kb, draft) if s.guideline == "asset-tracing"
    }
    assert states == {"en": "original", **{lang: "missing" for lang in states if lang != "en"}}
    assert len(states) > 1


def test_new_with_renumber_numbers_the_draft_in_outline_order(example_copy: Path) -> None:
    code, _, _ = guideline(
        "new", "asset-tracing", "--title", "Tracing of assets", "--part", "planning",
        "--after", "pre-seizure-planning", "--text", "(a) States should trace assets.",
        "--renumber", root=example_copy,
    )  # fmt: skip
    assert code == 0
    draft = load(example_copy).kb.version("draft")
    assert draft is not None
    assert [g.number for g in draft.guidelines] == [
        str(i + 1) for i in range(len(draft.guidelines))
    ]
    assert draft_guideline(example_copy, "asset-tracing").number == "2"
    assert problems(example_copy) == []


# -- rename -----------------------------------------------------------------------------------


def test_rename_title_changes_one_line_and_reports_the_translations_outdated(
    example_copy: Path,
) -> None:
    before = snapshot(example_copy)
    code, _, err = guideline(
        "rename", "office-powers", "--title", "Mandate of the office", root=example_copy
    )
    assert code == 0
    path = f"{DRAFT}/office-powers.md"
    assert changed(before, example_copy) == {path: "M"}
    assert diff_lines(before, example_copy, path) == (
        ['title: "Powers of the asset management office"'],
        ['title: "Mandate of the office"'],
    )
    # the Chinese text existed in 2019-3: drift reports its title outdated, as for any passage
    outdated = (
        f"{DRAFT}/office-powers.zh.md:2: warning: the Chinese text of 'office-powers' is "
        "outdated: title changed in the original since '2019-3' but not here"
    )
    assert problems(example_copy) == [outdated]
    assert err.splitlines() == [outdated]


def plant_draft_retarget(root: Path) -> None:
    """Record an editor's retarget of a comment to the draft's company-continuity (b)."""
    path = root / RETARGETED
    text = path.read_text(encoding="utf-8")
    at = text.index("    retarget:\n") + len("    retarget:\n")
    record = (
        "      - version: draft\n"
        "        guideline: company-continuity\n"
        "        paragraph: b\n"
        "        quote: preserve employment in the lawful business\n"
        "        by: A. Editor\n"
        "        date: 2019-06-02\n"
    )
    path.write_text(text[:at] + record + text[at:], encoding="utf-8")
    assert problems(root) == []


def test_rename_id_renames_every_language_and_what_targets_the_draft(
    example_copy: Path, example: Guideline
) -> None:
    plant_draft_retarget(example_copy)
    before = snapshot(example_copy)
    code, _, _ = guideline(
        "rename", "company-continuity", "--id", "business-continuity", root=example_copy
    )
    assert code == 0
    expected = {path: "D" for path in files_of("company-continuity")}
    expected.update({path: "A" for path in files_of("business-continuity")})
    expected.update({OUTLINE: "M", RETARGETED: "M"})
    assert changed(before, example_copy) == expected
    assert diff_lines(before, example_copy, OUTLINE) == (
        ["      - company-continuity"],
        ["      - business-continuity"],
    )
    # only the retarget for the draft: the 2019-3 record keeps naming what it named
    assert diff_lines(before, example_copy, RETARGETED) == (
        ["        guideline: company-continuity"],
        ["        guideline: business-continuity"],
    )
    for old, new in zip(
        files_of("company-continuity"), files_of("business-continuity"), strict=True
    ):
        assert body_of(example_copy, new) == before[old].decode().split("\n---\n", 1)[1]
    renamed = draft_guideline(example_copy, "business-continuity")
    assert renamed.replaces == "company-continuity"  # released in 2019-3: history follows
    assert renamed.translations.keys() == example.translations.keys()
    assert problems(example_copy) == []


# -- move and renumber ------------------------------------------------------------------------


def test_move_changes_the_outline_and_the_part_and_renumber_only_what_changes(
    example_copy: Path,
) -> None:
    before = snapshot(example_copy)
    moved = draft_guideline(example_copy, "transparency")
    code, _, err = guideline(
        "move", "transparency", "--to-part", "planning", "--after", "asset-assessment",
        root=example_copy,
    )  # fmt: skip
    assert code == 0
    path = f"{DRAFT}/transparency.md"
    assert changed(before, example_copy) == {OUTLINE: "M", path: "M"}
    assert diff_lines(before, example_copy, path) == (["part: disposal"], ["part: planning"])
    removed, added = diff_lines(before, example_copy, OUTLINE)
    assert (removed, added) == (["      - transparency"], ["      - transparency"])
    assert f"number '{moved.number}' follows '2'" in err  # the numbers now say it was moved
    assert any(RENUMBER in p for p in problems(example_copy))

    draft = load(example_copy).kb.version("draft")
    assert draft is not None
    ids = [g.id for g in draft.guidelines]
    moved_at = ids.index("transparency")
    expected_changes = {
        f"{DRAFT}/{g.id}.md"
        for position, g in enumerate(draft.guidelines, start=1)
        if g.number != str(position)
    }
    assert len(expected_changes) < len(ids)  # some numbers stay: they must not be touched
    mid = snapshot(example_copy)
    code, _, _ = guideline("renumber", root=example_copy)
    assert code == 0
    assert changed(mid, example_copy) == {p: "M" for p in expected_changes}
    for changed_path in expected_changes:
        removed, added = diff_lines(mid, example_copy, changed_path)
        assert len(removed) == len(added) == 1 and removed[0].startswith("number: ")
    assert draft_guideline(example_copy, "transparency").number == str(moved_at + 1)
    assert problems(example_copy) == []


# -- merge ------------------------------------------------------------------------------------


def test_merge_into_one_of_the_two_reletters_and_records_the_lineage(
    example_copy: Path, example: Guideline
) -> None:
    before = snapshot(example_copy)
    manager = draft_guideline(example_copy, "company-manager")
    code, _, err = guideline(
        "merge", "company-manager", "company-continuity", "--into", "company-manager",
        root=example_copy,
    )  # fmt: skip
    assert code == 0
    expected = {path: "D" for path in files_of("company-continuity")}
    expected.update({path: "M" for path in files_of("company-manager")})
    expected[OUTLINE] = "M"
    assert changed(before, example_copy) == expected
    assert diff_lines(before, example_copy, OUTLINE) == (["      - company-continuity"], [])
    removed, added = diff_lines(before, example_copy, f"{DRAFT}/company-manager.md")
    assert removed == []
    assert added[0] == "merged_from: [company-continuity]"
    merged = draft_guideline(example_copy, "company-manager")
    assert merged.merged_from == ("company-continuity",)
    labels = [p.label for p in merged.text.paragraphs]
    assert labels == ["(a)", "(b)", "(c)", "(d)", "(e)"]
    texts = [p.text for p in merged.text.paragraphs]
    assert texts == [p.text for p in (*manager.text.paragraphs, *example.text.paragraphs)]
    for language in example.translations:
        translated = merged.translations[language]
        assert [p.id for p in translated.paragraphs] == ["a", "b", "c", "d", "e"]
        assert [p.text for p in translated.paragraphs[2:]] == [
            p.text for p in example.translations[language].paragraphs
        ]
    # the freed number is a gap until the draft is renumbered
    gap = [p for p in problems(example_copy) if RENUMBER in p]
    assert len(gap) == 1 and f"follows '{manager.number}'" in gap[0]
    assert gap[0] in err
    assert guideline("renumber", root=example_copy)[0] == 0
    assert problems(example_copy) == []


def test_merge_into_a_new_id_passes_the_lineage_and_title(example_copy: Path) -> None:
    before = snapshot(example_copy)
    code, _, err = guideline(
        "merge", "company-manager", "company-continuity", "--into", "seized-companies-2",
        "--title", "Seized companies", "--renumber", root=example_copy,
    )  # fmt: skip
    assert code == 0, err
    gone = {path: "D" for path in files_of("company-manager") + files_of("company-continuity")}
    now = changed(before, example_copy)
    assert {p: k for p, k in now.items() if k != "M" or p == OUTLINE} == {
        **gone,
        **{path: "A" for path in files_of("seized-companies-2")},
        OUTLINE: "M",
    }
    merged = draft_guideline(example_copy, "seized-companies-2")
    assert merged.merged_from == ("company-manager", "company-continuity")
    assert merged.title == "Seized companies"
    # the translations keep a translated title the translators must revise: said, per file
    assert f"{DRAFT}/seized-companies-2.fr.md: the title is that of" in err
    assert problems(example_copy) == []


# -- split ------------------------------------------------------------------------------------


def test_split_at_a_paragraph_keeps_the_head_and_numbers_the_tail_bis(
    example_copy: Path, example: Guideline
) -> None:
    before = snapshot(example_copy)
    code, _, err = guideline(
        "split", "company-continuity", "--into", "company-continuity", "company-winding-up",
        "--at", "c", "--title", "company-winding-up=Sale or winding up of a seized company",
        root=example_copy,
    )  # fmt: skip
    assert code == 0, err
    expected = {path: "M" for path in files_of("company-continuity")}
    expected.update({path: "A" for path in files_of("company-winding-up")})
    expected[OUTLINE] = "M"
    assert changed(before, example_copy) == expected
    assert diff_lines(before, example_copy, OUTLINE) == ([], ["      - company-winding-up"])
    head = draft_guideline(example_copy, "company-continuity")
    tail = draft_guideline(example_copy, "company-winding-up")
    assert [p.id for p in head.text.paragraphs] == ["a", "b"]
    assert (head.number, tail.number) == (example.number, f"{example.number} bis")
    assert tail.split_from == "company-continuity"
    assert [(p.label, p.text) for p in tail.text.paragraphs] == [
        ("(a)", example.text.paragraphs[2].text)
    ]
    for language, text in example.translations.items():
        assert [p.text for p in tail.translations[language].paragraphs] == [text.paragraphs[2].text]
        assert [p.id for p in head.translations[language].paragraphs] == ["a", "b"]
        # the title it keeps is the old guideline's: marked in the file for the translator
        lines = (
            (example_copy / f"{DRAFT}/company-winding-up.{language}.md")
            .read_text(encoding="utf-8")
            .splitlines()
        )
        title_line = next(line for line in lines if line.startswith("title: "))
        assert title_line.endswith("  # to translate: Sale or winding up of a seized company")
        assert f"{DRAFT}/company-winding-up.{language}.md: the title is that of" in err
    assert problems(example_copy) == []


def test_split_refuses_a_new_guideline_without_a_title(example_copy: Path) -> None:
    before = snapshot(example_copy)
    code, _, err = guideline(
        "split", "company-continuity", "--into", "company-continuity", "winding-up",
        root=example_copy,
    )  # fmt: skip
    assert code == 2
    assert err == (
        f"redraft guideline split: error: {OUTLINE}:1: give the new guideline a title: "
        "--title winding-up=…\n"
    )
    assert changed(before, example_copy) == {}


# -- delete -----------------------------------------------------------------------------------


def test_delete_a_paragraph_deletes_it_in_every_language_and_keeps_the_anchors(
    example_copy: Path, example: Guideline
) -> None:
    before = snapshot(example_copy)
    code, _, _ = guideline("delete", "company-continuity/a", root=example_copy)
    assert code == 0
    assert changed(before, example_copy) == {path: "M" for path in files_of("company-continuity")}
    after = draft_guideline(example_copy, "company-continuity")
    assert [(p.label, p.id) for p in after.text.paragraphs] == [("(a)", "b"), ("(b)", "c")]
    assert [p.text for p in after.text.paragraphs] == [p.text for p in example.text.paragraphs[1:]]
    for language in example.translations:
        translated = after.translations[language]
        assert [(p.label, p.id) for p in translated.paragraphs] == [("(a)", "b"), ("(b)", "c")]
    removed, added = diff_lines(before, example_copy, f"{DRAFT}/company-continuity.md")
    assert removed[0].startswith("(a) The manager should seek to preserve")
    assert added[-1].endswith("wound up. {#c}")
    assert problems(example_copy) == []


def test_delete_a_guideline_removes_every_language_and_leaves_a_gap_to_renumber(
    example_copy: Path,
) -> None:
    before = snapshot(example_copy)
    code, _, _ = guideline("delete", "company-continuity", root=example_copy)
    assert code == 0
    expected = {path: "D" for path in files_of("company-continuity")}
    assert changed(before, example_copy) == {**expected, OUTLINE: "M"}
    assert [p for p in problems(example_copy) if RENUMBER not in p] == []
    assert len(problems(example_copy)) == 1


# -- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["rename", "no-such-thing", "--title", "T"],
            2,
            f"{OUTLINE}:1: no guideline 'no-such-thing' in the working draft",
        ),
        (
            ["delete", "company-continuity", "--version", "2019-3"],
            2,
            "guidelines/2019-3/outline.yml:1: version '2019-3' is released and frozen; "
            "structural edits apply to the working draft only",
        ),
        (
            ["renumber", "--version", "2099-1"],
            2,
            "guidelines/versions.yml:1: no version '2099-1' (versions: 2018-3, 2018-crp14, "
            "2019-3, draft)",
        ),
        (
            ["delete", "company-continuity/z"],
            2,
            f"{DRAFT}/company-continuity.md:1: no paragraph 'z' in 'company-continuity' "
            "(paragraphs: a, b, c)",
        ),
        (
            ["new", "seized-companies", "--title", "T", "--part", "management"],
            2,
            f"{OUTLINE}:1: 'seized-companies' is a guideline of version '2018-3'; a new "
            "guideline needs an id never used before",
        ),
        (
            ["move", "transparency", "--to-part", "nowhere"],
            2,
            f"{OUTLINE}:1: no part 'nowhere' in the draft (parts: planning, management, disposal)",
        ),
        (
            ["merge", "company-manager", "company-manager", "--into", "x"],
            2,
            f"{OUTLINE}:1: merging 'company-manager' with itself",
        ),
    ],
)
def test_unknown_names_are_usage_errors_and_nothing_is_written(
    example_copy: Path, args: list[str], code: int, message: str
) -> None:
    before = snapshot(example_copy)
    result = guideline(*args, root=example_copy)
    assert result[0] == code
    assert result[2] == f"redraft guideline {args[0]}: error: {message}\n"
    assert changed(before, example_copy) == {}


def test_a_result_that_would_not_check_is_refused_with_nothing_written(
    example_copy: Path,
) -> None:
    plant_draft_retarget(example_copy)
    before = snapshot(example_copy)
    code, _, err = guideline("delete", "company-continuity", root=example_copy)
    assert code == 1
    lines = err.splitlines()
    line = (example_copy / RETARGETED).read_text(encoding="utf-8").splitlines().index(
        "      - version: draft"
    ) + 1
    assert (
        f"{RETARGETED}:{line}: retarget: guideline 'company-continuity' is not in version 'draft'"
        in lines
    )
    assert lines[-1] == (
        "redraft guideline delete: error: the change would leave the problems above; "
        "nothing was written"
    )
    assert changed(before, example_copy) == {}


@pytest.mark.parametrize(
    "args",
    [
        ["new", "asset-tracing", "--title", "Tracing", "--part", "planning"],
        ["rename", "company-continuity", "--id", "business-continuity"],
        ["move", "transparency", "--to-part", "planning"],
        ["merge", "company-manager", "company-continuity", "--into", "company-manager"],
        ["split", "company-continuity", "--into", "company-continuity", "winding-up",
         "--title", "winding-up=Winding up"],
        ["delete", "company-continuity/b"],
        ["delete", "company-continuity", "--renumber"],
    ],
)  # fmt: skip
def test_dry_run_shows_the_diff_and_writes_nothing(example_copy: Path, args: list[str]) -> None:
    before = snapshot(example_copy)
    code, out, err = guideline(*args, "--dry-run", root=example_copy)
    assert code == 0, err
    assert out.startswith("--- ")
    assert "dry run: nothing was written" in err
    assert changed(before, example_copy) == {}


# -- the editor's layout ----------------------------------------------------------------------

EDITED_FRONT = """---
# Secretariat: title agreed at the informal consultations of 3 May
id: 'transparency'
number:   '15'   # do not renumber before the plenary
title: >-
  Transparency and
  accountability
part: "disposal"
---
"""


def test_front_matter_comments_and_quoting_survive_a_rename_and_a_renumber(
    example_copy: Path,
) -> None:
    path = example_copy / f"{DRAFT}/transparency.md"
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    number = draft_guideline(example_copy, "transparency").number
    path.write_text(EDITED_FRONT.replace("'15'", f"'{number}'") + body, encoding="utf-8")
    assert problems(example_copy) == []
    before = snapshot(example_copy)

    code, _, _ = guideline("rename", "transparency", "--title", "Openness", root=example_copy)
    assert code == 0
    relative = f"{DRAFT}/transparency.md"
    assert diff_lines(before, example_copy, relative) == (
        ["  Transparency and", "  accountability"],
        ["  Openness"],
    )
    assert body_of(example_copy, relative) == body

    guideline("move", "transparency", "--to-part", "planning", "--after", "asset-assessment",
              root=example_copy)  # fmt: skip
    mid = snapshot(example_copy)
    guideline("renumber", root=example_copy)
    removed, added = diff_lines(mid, example_copy, relative)
    assert removed == [f"number:   '{number}'   # do not renumber before the plenary"]
    assert added == ["number:   '3'   # do not renumber before the plenary"]
    written = path.read_text(encoding="utf-8")
    assert written.startswith("---\n# Secretariat: title agreed at the informal consultations")
    assert "id: 'transparency'\n" in written and 'part: "planning"\n' in written
    assert body_of(example_copy, relative) == body
    assert problems(example_copy) == []

    renamed = f"{DRAFT}/openness.md"
    guideline("rename", "transparency", "--id", "openness", root=example_copy)
    old_text = written.splitlines()
    new_text = (example_copy / renamed).read_text(encoding="utf-8").splitlines()
    changes = [line for line in difflib.ndiff(old_text, new_text) if line.startswith(("- ", "+ "))]
    assert changes == [
        "- id: 'transparency'",
        "+ id: 'openness'",
        "+ replaces: transparency",
    ]
    assert problems(example_copy) == []


# -- the site ---------------------------------------------------------------------------------


def test_the_site_builds_after_a_merge_and_a_renumber(example_copy: Path) -> None:
    from redraft.site.build import build

    assert guideline(
        "merge", "company-manager", "company-continuity", "--into", "company-manager",
        root=example_copy,
    )[0] == 0  # fmt: skip
    assert guideline("renumber", root=example_copy)[0] == 0
    result = build(example_copy, strict=True)
    assert result.mkdocs_warnings == ()
    versions = example_copy / "site" / "versions"
    merged = (versions / "draft/company-manager/index.html").read_text(encoding="utf-8")
    assert "continuity of the lawful business" in merged  # company-continuity's (a), now (c)
    assert not (versions / "draft/company-continuity").exists()
    assert (versions / "2019-3/company-continuity/index.html").exists()  # history stays


def test_renaming_a_guideline_new_in_the_draft_renames_it_in_the_references(
    example_copy: Path,
) -> None:
    assert guideline(
        "new", "asset-tracing", "--title", "Tracing", "--part", "planning", root=example_copy
    )[0] == 0  # fmt: skip
    references = example_copy / "records/references.yml"
    text = references.read_text(encoding="utf-8")
    first_list = text.index("guidelines: [") + len("guidelines: [")
    references.write_text(text[:first_list] + "asset-tracing, " + text[first_list:], "utf-8")
    assert problems(example_copy) == []
    before = snapshot(example_copy)
    code, _, _ = guideline("rename", "asset-tracing", "--id", "asset-tracing-2", root=example_copy)
    assert code == 0
    removed, added = diff_lines(before, example_copy, "records/references.yml")
    assert len(removed) == len(added) == 1
    assert removed[0].replace("[asset-tracing,", "[asset-tracing-2,") == added[0]
    # never released, so nothing to replace: no lineage is recorded
    assert draft_guideline(example_copy, "asset-tracing-2").replaces is None
    assert problems(example_copy) == []


def test_a_merge_with_a_guideline_not_yet_translated_leaves_each_translation_marked(
    example_copy: Path,
) -> None:
    guideline("new", "asset-tracing", "--title", "Tracing", "--part", "disposal", root=example_copy)
    code, _, err = guideline(
        "merge", "asset-tracing", "transparency", "--into", "asset-tracing", "--renumber",
        root=example_copy,
    )  # fmt: skip
    assert code == 0
    merged = draft_guideline(example_copy, "asset-tracing")
    assert merged.merged_from == ("transparency",)
    lacking = sorted(
        f"{DRAFT}/asset-tracing.{language}.md:{merged.translations[language].source.line}: "
        "warning: translation lacks paragraph(s) a"
        for language in merged.translations
    )
    assert len(lacking) == 5  # the five translations of the draft
    assert sorted(problems(example_copy)) == lacking  # the translators' list, in check
    assert all(line in err.splitlines() for line in lacking)
