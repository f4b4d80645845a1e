"""Translation status: a passage changed in one language and not in another is caught."""

from __future__ import annotations

from pathlib import Path

from redraft.check import check
from redraft.model import KnowledgeBase
from redraft.translations import TranslationStatus, languages_of, version_status

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
