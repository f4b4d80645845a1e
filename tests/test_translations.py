"""Translation status: a passage changed in one language and not in another is caught."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase
from redraft.redline.compare import VersionDiff, diff_versions
from redraft.redline.drift import TranslationStatus, languages_of, version_status
from redraft.redline.render.markdown import to_markdown

from .conftest import is_planted_drift
from .kb_builder import G, KbSpec, build

EN_1 = "(a) States should keep records.\n\n(b) Records should be kept for ten years."
FR_A = "(a) Les États devraient tenir des registres."
FR_1 = FR_A + "\n\n(b) Les registres devraient être conservés dix ans."
EN_2 = "(a) States should keep records.\n\n(b) Records should be kept for twenty years."
FR_2 = FR_A + "\n\n(b) Les registres devraient être conservés vingt ans."


def french(body: str) -> dict[str, dict[str, str]]:
    return {"translations": {"fr": body}, "translated_titles": {"fr": "Registres"}}


def status(kb: KnowledgeBase, version: str, guideline: str, language: str) -> TranslationStatus:
    found = kb.version(version)
    assert found is not None
    return next(
        s for s in version_status(kb, found) if s.guideline == guideline and s.language == language
    )


def two_versions(tmp_path: Path, before: G, after: G, **spec: object) -> KnowledgeBase:
    return build(tmp_path, KbSpec(versions=[("v1", [before]), ("draft", [after])], **spec))  # type: ignore[arg-type]


def test_original_changed_but_translation_not_is_outdated(tmp_path: Path) -> None:
    kb = two_versions(
        tmp_path,
        G("records", "1", EN_1, translations={"fr": FR_1}),
        G("records", "1", EN_2, translations={"fr": FR_1}),
    )
    found = status(kb, "draft", "records", "fr")
    assert (found.state, found.since, found.original_only, found.translation_only) == (
        "outdated",
        "v1",
        ("b",),
        (),
    )
    path = "guidelines/draft/records.fr.md"
    text = (tmp_path / path).read_text(encoding="utf-8")
    line = text[: text.index("(b) ")].count("\n") + 1
    assert [str(p) for p in check(tmp_path)] == [
        f"{path}:{line}: warning: the French text of 'records' is outdated: "
        "(b) changed in the original since 'v1' but not here"
    ]


def test_translation_changed_but_original_not_is_outdated(tmp_path: Path) -> None:
    kb = two_versions(
        tmp_path,
        G("records", "1", EN_1, translations={"fr": FR_1}),
        G("records", "1", EN_1, translations={"fr": FR_2}),
    )
    found = status(kb, "draft", "records", "fr")
    assert (found.state, found.original_only, found.translation_only) == ("outdated", (), ("b",))
    assert "(b) changed here since 'v1' but not in the original" in str(check(tmp_path)[0])


def test_both_changed_is_up_to_date_and_silent(tmp_path: Path) -> None:
    kb = two_versions(
        tmp_path,
        G("records", "1", EN_1, translations={"fr": FR_1}),
        G("records", "1", EN_2, translations={"fr": FR_2}),
    )
    assert status(kb, "draft", "records", "fr").state == "up-to-date"
    assert check(tmp_path) == []


def test_a_retitled_original_drifts_from_an_unchanged_title(tmp_path: Path) -> None:
    kb = two_versions(
        tmp_path,
        G("records", "1", EN_1, title="Records", **french(FR_1)),
        G("records", "1", EN_1, title="Record-keeping", **french(FR_1)),
    )
    assert status(kb, "draft", "records", "fr").original_only == ("title",)


def test_rewrapping_is_not_a_change(tmp_path: Path) -> None:
    kb = two_versions(
        tmp_path,
        G("records", "1", EN_1, translations={"fr": FR_1}),
        G("records", "1", EN_1.replace("kept for", "kept\nfor"), translations={"fr": FR_1}),
    )
    assert status(kb, "draft", "records", "fr").state == "up-to-date"


def test_a_new_translation_has_nothing_to_drift_from(tmp_path: Path) -> None:
    kb = two_versions(
        tmp_path,
        G("records", "1", EN_1),
        G("records", "1", EN_2, translations={"fr": FR_1}),
    )
    assert status(kb, "draft", "records", "fr").state == "up-to-date"


def test_a_replacing_guideline_is_compared_with_the_one_it_replaces(tmp_path: Path) -> None:
    kb = two_versions(
        tmp_path,
        G("records", "1", EN_1, translations={"fr": FR_1}),
        G("registers", "1", EN_2, replaces="records", translations={"fr": FR_1}),
    )
    assert status(kb, "draft", "registers", "fr").original_only == ("b",)


def test_listed_languages_without_a_text_are_missing(tmp_path: Path) -> None:
    kb = two_versions(
        tmp_path,
        G("records", "1", EN_1),
        G("records", "1", EN_1, translations={"fr": FR_1}),
        languages=["ar", "en", "fr"],
    )
    assert languages_of(kb) == ("en", "ar", "fr")
    draft = kb.version("draft")
    assert draft is not None
    assert [(s.language, s.state) for s in version_status(kb, draft)] == [
        ("en", "original"),
        ("ar", "missing"),
        ("fr", "up-to-date"),
    ]


# -- comparing translations, aligned by guideline ----------------------------------------------

ZH_1 = "(a) 各国应保存记录。\n\n(b) 记录应保存十年。"
ZH_2 = "(a) 各国应保存记录。\n\n(b) 记录应保存二十年。"
AR_1 = "(a) ينبغي للدول أن تحتفظ بسجلات.\n\n(b) ينبغي الاحتفاظ بالسجلات لمدة عشر سنوات."
AR_2 = "(a) ينبغي للدول أن تحتفظ بسجلات.\n\n(b) ينبغي الاحتفاظ بالسجلات لمدة عشرين سنة."


def translated_pair(tmp_path: Path) -> KnowledgeBase:
    return two_versions(
        tmp_path,
        G("records", "1", EN_1, translations={"zh": ZH_1, "ar": AR_1}),
        G("records", "1", EN_2, translations={"zh": ZH_2, "ar": AR_2}),
    )


def paragraph_ops(diff: VersionDiff, paragraph_id: str) -> list[tuple[str, str]]:
    change = diff.guideline("records")
    assert change is not None
    found = next(p for p in change.paragraphs if p.id == paragraph_id)
    return [(op, text) for op, text in found.ops if op != "equal"]


def test_chinese_is_compared_character_by_character(tmp_path: Path) -> None:
    kb = translated_pair(tmp_path)
    diff = diff_versions(kb, "v1", "draft", language="zh")
    assert (diff.language, diff.in_translation) == ("zh", True)
    assert paragraph_ops(diff, "b") == [("insert", "二")]
    assert paragraph_ops(diff, "a") == []


def test_arabic_is_compared_word_by_word(tmp_path: Path) -> None:
    kb = translated_pair(tmp_path)
    diff = diff_versions(kb, "v1", "draft", language="ar")
    assert paragraph_ops(diff, "b") == [("delete", "عشر سنوات"), ("insert", "عشرين سنة")]


def test_backwards_in_a_translation_mirrors_forwards(tmp_path: Path) -> None:
    kb = translated_pair(tmp_path)
    back = diff_versions(kb, "draft", "v1", language="zh")
    assert paragraph_ops(back, "b") == [("delete", "二")]


def test_a_side_without_the_language_is_not_compared_nor_called_unchanged(
    tmp_path: Path,
) -> None:
    kb = build(
        tmp_path,
        KbSpec(
            versions=[
                ("v1", [G("records", "1", EN_1, translations={"zh": ZH_1}), G("sales", "2", EN_1)]),
                (
                    "draft",
                    [
                        G("records", "1", EN_1, translations={"zh": ZH_1}),
                        G("sales", "3", EN_2, translations={"zh": ZH_2}),
                    ],
                ),
            ]
        ),
    )
    diff = diff_versions(kb, "v1", "draft", language="zh")
    sales = diff.guideline("sales")
    assert sales is not None
    assert (sales.untranslated_in, sales.changes, sales.paragraphs) == (
        ("v1",),
        ("renumbered",),
        (),
    )
    assert diff.summary.unchanged == ("records",)
    assert diff.untranslated == ("sales",)
    assert "no Chinese text in v1: wording not compared" in to_markdown(diff)


def test_diff_lang_on_the_example_shows_the_planted_drift(example_root: Path) -> None:
    """English (b) of guideline 1 changed for the draft; its Chinese (b) did not."""
    english = json.loads(cli("diff", "2019-3", "draft", "--format", "json", example_root))
    chinese = json.loads(
        cli("diff", "2019-3", "draft", "--lang", "zh", "--format", "json", example_root)
    )

    def b_status(data: dict[str, Any]) -> str:
        guideline = next(g for g in data["guidelines"] if g["id"] == "pre-seizure-planning")
        return str(next(p for p in guideline["paragraphs"] if p["id"] == "office-role")["status"])

    assert (english["language"], chinese["language"]) == ("en", "zh")
    assert b_status(english) == "changed"
    assert "pre-seizure-planning" in chinese["summary"]["unchanged"]


def test_diff_lang_a_version_lacks_gives_one_line_and_exit_2(example_root: Path) -> None:
    result = CliRunner().invoke(
        main, ["diff", "2018-3", "draft", "--lang", "zh", "--root", str(example_root)]
    )
    assert result.exit_code == 2
    assert result.output == "redraft diff: error: version '2018-3' has no text in 'zh'; it has en\n"


def cli(*args: str | Path) -> str:
    *words, root = args
    result = CliRunner().invoke(main, [*map(str, words), "--root", str(root)])
    assert result.exit_code == 0, result.output
    return result.output


# -- replies keep their language; translations sit beside them ---------------------------------

CHN = "comments/submissions/2018-nv/CHN.yml"


def test_a_comment_translation_needs_the_reply_to_say_its_language(example_copy: Path) -> None:
    path = example_copy / CHN
    text = path.read_text(encoding="utf-8")
    start = text.index("translation:\n")
    text = text[:start] + text[text.index("comments:\n") :]
    path.write_text(text, encoding="utf-8")
    # each translated comment says so, at its own translation
    translated = [
        c for c in load(example_copy).kb.comments() if c.source.path == CHN and c.translation
    ]
    lines = [i for i, t in enumerate(text.split("\n"), 1) if t.startswith("    translation:")]
    assert translated
    assert [str(p) for p in check(example_copy) if not is_planted_drift(p)] == [
        f"{CHN}:{line}: comment '{comment.id}' has a translation but the reply has no "
        "'translation:' saying its language"
        for comment, line in zip(translated, lines, strict=True)
    ]


def test_a_translation_into_the_language_received_is_refused(example_copy: Path) -> None:
    path = example_copy / CHN
    text = path.read_text(encoding="utf-8").replace("  language: en\n", "  language: zh\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("  language: zh\n  by:")].count("\n") + 1
    assert [str(p) for p in check(example_copy) if not is_planted_drift(p)] == [
        f"{CHN}:{line}: the translation is in 'zh', the language the reply was received "
        "in; give the language it was translated into"
    ]


# -- the translation service's worklist --------------------------------------------------------


def test_translations_todo_lists_the_planted_drift(example_root: Path) -> None:
    data = json.loads(cli("translations", "--todo", "--format", "json", example_root))
    assert data == {
        "version": "draft",
        "statuses": [
            {
                "guideline": "pre-seizure-planning",
                "number": "1",
                "language": "zh",
                "state": "outdated",
                "since": "2019-3",
                "original_changed": "(b)",
                "translation_changed": "",
            }
        ],
        # Russian and Spanish are translated too: the draft is whole in six languages
    }


def test_translations_csv_of_an_older_version_counts_what_is_missing(example_root: Path) -> None:
    rows = cli("translations", "2019-3", "--lang", "zh", "--format", "csv", example_root)
    lines = rows.splitlines()
    assert lines[0] == (
        "guideline,number,language,state,since,original_changed,translation_changed"
    )
    states = [line.split(",")[3] for line in lines[1:]]
    assert (states.count("up-to-date"), states.count("missing")) == (5, 11)


def test_translations_of_an_unknown_version_is_one_line_and_exit_2(example_root: Path) -> None:
    result = CliRunner().invoke(main, ["translations", "nope", "--root", str(example_root)])
    assert result.exit_code == 2
    assert len(result.output.splitlines()) == 1 and "unknown version 'nope'" in result.output


# -- the working draft in six languages; outlines drift like guidelines ---------------------------


def test_the_example_working_draft_is_complete_in_the_six_languages(
    example_kb: KnowledgeBase,
) -> None:
    draft = example_kb.versions[-1]
    assert draft.is_draft
    for language in ("ar", "zh", "fr", "ru", "es"):
        assert draft.untranslated(language) == frozenset(), language
        assert draft.translated_titles[language] != draft.title
        assert draft.translated_introductions[language]
        assert all(language in part.titles for part in draft.parts)
    assert set(draft.languages) == {"en", "ar", "zh", "fr", "ru", "es"}


def test_an_introduction_not_retranslated_is_outdated(example_copy: Path) -> None:
    """The English introduction changed between 2019-3 and the draft; a Chinese draft that kept
    2019-3's Chinese introduction did not follow it."""
    released = example_copy / "guidelines" / "2019-3" / "outline.zh.yml"
    draft = example_copy / "guidelines" / "draft" / "outline.zh.yml"
    old_intro = released.read_text(encoding="utf-8").split("introduction: |\n", 1)[1]
    old_intro = old_intro.split("\nparts:", 1)[0]
    text = draft.read_text(encoding="utf-8")
    head, rest = text.split("introduction: |\n", 1)
    draft.write_text(
        f"{head}introduction: |\n{old_intro}\nparts:{rest.split(chr(10) + 'parts:', 1)[1]}",
        encoding="utf-8",
    )
    found = [str(p) for p in check(example_copy) if "outline" in p.path]
    assert found == [
        "guidelines/draft/outline.zh.yml:1: warning: the Chinese outline of 'draft' is outdated: "
        "introduction changed in the original since '2019-3' but not here"
    ]


def test_a_part_title_changed_only_in_translation_is_outdated(example_copy: Path) -> None:
    outline = example_copy / "guidelines" / "draft" / "outline.zh.yml"
    text = outline.read_text(encoding="utf-8")
    first_part_title = next(
        line
        for line in text.split("\n")
        if line.strip().startswith("title:") and line.startswith("    ")
    )
    outline.write_text(text.replace(first_part_title, "    title: 规划"), encoding="utf-8")
    messages = [p.message for p in check(example_copy) if "outline" in p.path]
    assert messages == [
        "the Chinese outline of 'draft' is outdated: part planning changed here since "
        "'2019-3' but not in the original"
    ]
