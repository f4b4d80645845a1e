"""Meeting records and reference material (``records/``): the example's meeting as loaded, and
each validation fault planted in a copy of the example with its exact ``path:line: message``.

Lines are computed from the planted file, so the tests pin the line while the wording evolves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from redraft.cli import main
from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase, MeetingParagraphRef

from .test_check_rules import errors, plant

MEETING = "records/meetings/wg2-13.yml"
REFERENCES = "records/references.yml"


def line_of(root: Path, relative: str, needle: str) -> int:
    text = (root / relative).read_text(encoding="utf-8")
    assert needle in text, f"{needle!r} not in {relative}: the example changed, update the test"
    return text[: text.index(needle)].count("\n") + 1


# -- the example ---------------------------------------------------------------------------------


def test_the_example_meeting_is_the_thirteenth_with_a_bilingual_report(
    example_kb: KnowledgeBase,
) -> None:
    meeting = example_kb.meeting("wg2-13")
    assert meeting is not None
    assert (meeting.place, str(meeting.start), str(meeting.end)) == (
        "Vienna",
        "2019-05-29",
        "2019-05-30",
    )
    assert meeting.version == "2019-3"
    assert meeting.report.languages == ("en", "zh")
    assert 10 <= len(meeting.paragraphs) <= 14
    numbers = [p.number for p in meeting.paragraphs]
    assert numbers == sorted(set(numbers))
    for paragraph in meeting.paragraphs:
        assert set(paragraph.texts) == {"en", "zh"}, paragraph.number
        assert paragraph.discusses, f"paragraph {paragraph.number} is linked to nothing"


def test_the_example_links_the_conditions_of_a_sale_to_guideline_8(
    example_kb: KnowledgeBase,
) -> None:
    on_sale = example_kb.discussions_of("sale-before-confiscation")
    conditions = [
        p
        for _, p in on_sale
        if any(d.paragraph == "a" for d in p.discusses if d.guideline == "sale-before-confiscation")
    ]
    assert conditions, "no paragraph discusses the conditions of a sale (paragraph (a))"
    assert any("conditions" in p.texts["en"] for p in conditions)
    draft = example_kb.draft
    assert draft is not None
    guideline = draft.guideline("sale-before-confiscation")
    assert guideline is not None and guideline.number == "8"


def test_the_example_attributes_only_to_states_the_report_names(
    example_kb: KnowledgeBase,
) -> None:
    meeting = example_kb.meeting("wg2-13")
    assert meeting is not None
    named = [p for p in meeting.paragraphs if p.speaker and p.speaker.party]
    unnamed = [p for p in meeting.paragraphs if p.speaker and not p.speaker.party]
    assert named and unnamed
    for paragraph in named:
        assert paragraph.speaker is not None and paragraph.speaker.party is not None
        party = example_kb.party(paragraph.speaker.party)
        assert party is not None and party.name in paragraph.texts["en"]


def test_the_example_study_supports_guidelines_and_a_disposition_cites_the_meeting(
    example_kb: KnowledgeBase,
) -> None:
    study = example_kb.reference("unodc-management-study")
    assert study is not None and study.kind == "study"
    assert study in example_kb.references_for("sale-before-confiscation")
    citing = [c for c in example_kb.comments() if c.meeting_paragraph is not None]
    assert citing
    for comment in citing:
        assert comment.meeting_paragraph is not None
        assert example_kb.meeting_paragraph(comment.meeting_paragraph) is not None
    assert example_kb.meeting_paragraph(MeetingParagraphRef("wg2-13", 1)) is None


# -- validation: one planted fault, one exact line -----------------------------------------------


def test_unknown_guideline(example_copy: Path) -> None:
    line = plant(example_copy, MEETING, "- guideline: record-keeping", "- guideline: record-keep")
    assert (
        f"{MEETING}:{line}: paragraph 34: guideline 'record-keep' is not in version '2019-3'"
        in errors(example_copy)
    )


def test_unknown_paragraph_of_a_guideline(example_copy: Path) -> None:
    line = plant(
        example_copy,
        MEETING,
        "- guideline: seized-virtual-assets\n        paragraph: b",
        "- guideline: seized-virtual-assets\n        paragraph: zz",
    )
    assert (
        f"{MEETING}:{line}: paragraph 40: paragraph 'zz' is not in guideline "
        "'seized-virtual-assets' of version '2019-3' (it has a, b, c)" in errors(example_copy)
    )


def test_unknown_version_and_call(example_copy: Path) -> None:
    version_line = plant(example_copy, MEETING, "- version: 2019-3", "- version: 2019-9")
    call_line = plant(example_copy, MEETING, "- call: 2019-nv", "- call: 2019-xx")
    found = errors(example_copy)
    assert f"{MEETING}:{version_line}: paragraph 31: version '2019-9' does not exist" in found
    assert (
        f"{MEETING}:{call_line}: paragraph 31: call '2019-xx' is not in comments/calls.yml" in found
    )


def test_unknown_reference_and_party(example_copy: Path) -> None:
    line = plant(
        example_copy,
        MEETING,
        "references: [unodc-management-study]",
        "references: [no-such-study]",
    )
    party_line = plant(
        example_copy,
        MEETING,
        "speaker: {role: panellist, party: ITA}",
        "speaker: {role: panellist, party: XXX}",
    )
    found = errors(example_copy)
    assert (
        f"{MEETING}:{line}: paragraph 41: reference 'no-such-study' is not in "
        "records/references.yml" in found
    )
    assert (
        f"{MEETING}:{party_line}: paragraph 33: party 'XXX' is not in comments/parties.yml" in found
    )


def test_a_reference_to_an_unknown_guideline(example_copy: Path) -> None:
    line = plant(
        example_copy,
        REFERENCES,
        "guidelines: [return-of-assets, victim-compensation]",
        "guidelines: [return-of-assets, victim-compensations]",
    )
    assert (
        f"{REFERENCES}:{line}: reference 'uncac-article-57': guideline 'victim-compensations' "
        "is in no version" in errors(example_copy)
    )


def test_a_paragraph_number_used_twice(example_copy: Path) -> None:
    first = line_of(example_copy, MEETING, "- number: 31")
    line = line_of(example_copy, MEETING, "- number: 32")
    plant(example_copy, MEETING, "- number: 32", "- number: 31")
    assert f"{MEETING}:{line}: paragraph number 31 is used twice (first at line {first})" in errors(
        example_copy
    )


def test_a_meeting_before_the_version_it_discusses(example_copy: Path) -> None:
    plant(example_copy, MEETING, "start: 2019-05-29", "start: 2019-03-01")
    versions_line = line_of(example_copy, MEETING, "versions: [")
    discusses_line = line_of(example_copy, MEETING, "- version: 2019-3")
    found = errors(example_copy)
    assert (
        f"{MEETING}:{versions_line}: version '2019-3' is dated 2019-03-20, after the meeting "
        "began (2019-03-01): a meeting lists only the versions issued before it" in found
    )
    assert (
        f"{MEETING}:{discusses_line}: paragraph 31: version '2019-3' is dated 2019-03-20, after "
        "the meeting began (2019-03-01), so the meeting cannot have discussed it" in found
    )


def test_a_report_language_without_text(example_copy: Path) -> None:
    line = plant(example_copy, MEETING, "languages: [en, zh]", "languages: [en, zh, fr]")
    found = errors(example_copy)
    assert (
        f"{MEETING}:{line}: the report is listed in 'fr' but paragraph(s) "
        "31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42 have no text in it" in found
    )


def test_a_text_in_a_language_the_report_does_not_list(example_copy: Path) -> None:
    line = plant(
        example_copy,
        MEETING,
        "      zh: 一名发言者指出",
        "      fr: Un orateur a fait observer.\n      zh: 一名发言者指出",
    )
    assert (
        f"{MEETING}:{line}: paragraph 34 has a text in 'fr', which is not among the report's "
        "languages" in errors(example_copy)
    )


def test_a_state_the_report_did_not_name(example_copy: Path) -> None:
    line = (
        plant(
            example_copy,
            MEETING,
            "- number: 36\n    speaker: {role: panellist}",
            "- number: 36\n    speaker: {role: panellist, party: AUT}",
        )
        + 1
    )
    assert (
        f"{MEETING}:{line}: paragraph 36 is attributed to Austria, but the report does not name "
        "Austria in it: give only the role, as the report does" in errors(example_copy)
    )


def test_a_paragraph_without_its_guideline(example_copy: Path) -> None:
    line = plant(
        example_copy,
        MEETING,
        "- guideline: record-keeping",
        "- paragraph: a",
    )
    assert (
        f"{MEETING}:{line}: paragraphs.3.discusses.0.paragraph: a paragraph needs the guideline "
        "it belongs to ('guideline:')" in errors(example_copy)
    )


def test_a_disposition_citing_a_paragraph_the_report_lacks(example_copy: Path) -> None:
    path = "comments/submissions/2019-nv/AUT.yml"
    plant(example_copy, path, "meeting_paragraph: wg2-13/39", "meeting_paragraph: wg2-13/99")
    line = line_of(example_copy, path, "- id: aut-2019-1")
    assert (
        f"{path}:{line}: comment 'aut-2019-1': meeting_paragraph wg2-13/99: the report of "
        "'wg2-13' has no paragraph 99" in errors(example_copy)
    )


@pytest.mark.parametrize("text", ["", "references:\n", "- uncac-article-57\n"])
def test_a_references_file_without_its_list_is_one_line(example_copy: Path, text: str) -> None:
    # an empty file once ended check in an internal error (found by test_fuzz_load)
    (example_copy / REFERENCES).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(example_copy)])
    assert result.exit_code == 1, result.output
    assert f"{REFERENCES}:1: expected a top-level 'references:' list" in result.output
    assert "internal error" not in result.output and "Traceback" not in result.output


def test_check_reports_the_fault_with_exit_code_1_and_changes_nothing(example_copy: Path) -> None:
    line = plant(example_copy, MEETING, "- guideline: record-keeping", "- guideline: record-keep")
    before = {p: p.read_bytes() for p in example_copy.rglob("*") if p.is_file()}
    result = CliRunner().invoke(main, ["check", str(example_copy)])
    assert result.exit_code == 1, result.output
    assert f"{MEETING}:{line}: paragraph 34: guideline 'record-keep'" in result.output
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in example_copy.rglob("*") if p.is_file()} == before
    assert load(example_copy).kb.meeting("wg2-13") is not None


def test_a_discussed_entry_naming_nothing(example_copy: Path) -> None:
    line = plant(example_copy, MEETING, "- guideline: record-keeping", "- {}")
    assert (
        f"{MEETING}:{line}: paragraphs.3.discusses.0: name a guideline, a version or a call"
        in errors(example_copy)
    )


def test_a_meeting_file_name_that_is_not_an_id(example_copy: Path) -> None:
    (example_copy / MEETING).rename(example_copy / "records/meetings/WG2 13.yml")
    found = errors(example_copy)
    assert any(
        p.startswith("records/meetings/WG2 13.yml:1: file name: 'WG2 13' is not a valid id")
        for p in found
    ), found
