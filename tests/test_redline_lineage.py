"""Merges and splits redlined against their predecessors.

A guideline formed by a merge or split is not new text: each of its paragraphs is compared with
the paragraph it came from in the guidelines it was formed from, so that only the real edits are
marked and the reader is told where the rest came from (by printed number and label, never by
id).  The example's guideline 8 of the draft (sale before final confiscation) was formed in
CRP.14 from former guidelines 7 and 8, with Austria's accepted change "rapidly lose value" →
"lose value quickly"; former guideline 9 was split into guidelines 8 and 9 in 2019/3.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from redraft.cli import main
from redraft.kb.model import KnowledgeBase
from redraft.redline.compare import GuidelineChange, ParagraphRedline, VersionDiff, diff_versions
from redraft.redline.render.html import to_html_page
from redraft.redline.render.markdown import to_markdown
from redraft.redline.render.words import paragraph_origin
from redraft.redline.textdiff import new_text, old_text

from .redline_kbs import Gl, build_kb, one_part


def _change(diff: VersionDiff, guideline_id: str) -> GuidelineChange:
    found = diff.guideline(guideline_id)
    assert found is not None, guideline_id
    return found


def _row(change: GuidelineChange, to_label: str) -> ParagraphRedline:
    return next(p for p in change.paragraphs if p.to_id is not None and p.to_label == to_label)


def _marked(ops: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return [(op, text) for op, text in ops if op != "equal"]


# --------------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def merge(example_kb: KnowledgeBase) -> VersionDiff:
    return diff_versions(example_kb, "2018-3", "2018-crp14", "sale-before-confiscation")


def test_merged_paragraph_marks_only_the_accepted_change(merge: VersionDiff) -> None:
    merged = _change(merge, "sale-before-confiscation")
    first = _row(merged, "(a)")
    assert first.status == "changed"
    assert (first.from_guideline, first.from_number, first.from_label) == (
        "interlocutory-sale",
        "7",
        "(a)",
    )
    # Austria's change, and nothing else of the paragraph
    assert _marked(first.ops) == [("delete", "rapidly "), ("insert", " quickly")]
    assert "allowing the sale of seized assets before final confiscation" in "".join(
        text for op, text in first.ops if op == "equal"
    )
    assert paragraph_origin(first) == "from former guideline 7 (a)"


def test_merge_pairs_out_of_order_and_leaves_rewritten_text_new(merge: VersionDiff) -> None:
    merged = _change(merge, "sale-before-confiscation")
    # (d) took old 7 (c), after a paragraph that came in between
    last = _row(merged, "(d)")
    assert (last.from_number, last.from_label) == ("7", "(c)")
    assert old_text(last.ops).startswith("The proceeds of sale should be held")
    # (c) rewrites old 8 (a) beyond recognition: it is new text, and says nothing of an origin
    rewritten = _row(merged, "(c)")
    assert rewritten.status == "inserted" and paragraph_origin(rewritten) is None
    # the labels of carried paragraphs are this guideline's; a relettering is not claimed
    assert not any(p.relabelled for p in merged.paragraphs)
    assert "relabelled" not in merged.changes


def test_sources_say_where_their_paragraphs_went(merge: VersionDiff) -> None:
    former_7 = _change(merge, "interlocutory-sale")
    went = {p.from_label: paragraph_origin(p) for p in former_7.paragraphs}
    assert went == {
        "(a)": "carried into guideline 7 (a)",
        "(b)": "carried into guideline 7 (b)",
        "(c)": "carried into guideline 7 (d)",
    }
    # the former guideline's paragraphs are still gone from it
    assert all(p.status == "deleted" for p in former_7.paragraphs)
    former_8 = _change(merge, "sale-with-consent")
    assert all(paragraph_origin(p) is None for p in former_8.paragraphs)


def test_merge_two_versions_back_uses_the_numbers_of_the_version_compared_from(
    example_kb: KnowledgeBase,
) -> None:
    diff = diff_versions(example_kb, "2018-3", "draft", "sale-before-confiscation")
    merged = _change(diff, "sale-before-confiscation")
    assert merged.to_number == "8"
    first = _row(merged, "(a)")
    assert first.status == "changed" and paragraph_origin(first) == "from former guideline 7 (a)"
    assert ("delete", "rapidly ") in first.ops


def test_split_parts_are_compared_with_the_guideline_they_came_from(
    example_kb: KnowledgeBase,
) -> None:
    diff = diff_versions(example_kb, "2018-3", "2019-3", "company-continuity")
    continuity = _change(diff, "company-continuity")
    first = _row(continuity, "(a)")
    assert first.status == "unchanged"
    assert paragraph_origin(first) == "from former guideline 9 (b)"
    last = _row(continuity, "(c)")
    assert paragraph_origin(last) == "from former guideline 9 (d)"
    assert ("insert", ", after the interested parties have been heard,") in last.ops
    manager = _change(
        diff_versions(example_kb, "2018-3", "2019-3", "company-manager"), "company-manager"
    )
    assert paragraph_origin(_row(manager, "(a)")) == "from former guideline 9 (a)"
    source = _change(diff, "seized-companies")
    went = {p.from_label: paragraph_origin(p) for p in source.paragraphs}
    assert went["(b)"] == "carried into guideline 9 (a)"
    assert went["(d)"] == "carried into guideline 9 (c)"
    assert went["(a)"] == "carried into guideline 8 (a)"


def test_backward_comparison_mirrors_and_tells_lineage_in_time_order(
    example_kb: KnowledgeBase, merge: VersionDiff
) -> None:
    backward = diff_versions(example_kb, "2018-crp14", "2018-3", "sale-before-confiscation")
    merged = _change(backward, "sale-before-confiscation")
    first = next(p for p in merged.paragraphs if p.from_label == "(a)")
    assert first.to_guideline == "interlocutory-sale" and first.to_number == "7"
    assert _marked(first.ops) == [("insert", "rapidly "), ("delete", " quickly")]
    assert paragraph_origin(first, forward=False) == "from former guideline 7 (a)"
    former = _change(backward, "interlocutory-sale")
    assert {paragraph_origin(p, forward=False) for p in former.paragraphs} == {
        "carried into guideline 7 (a)",
        "carried into guideline 7 (b)",
        "carried into guideline 7 (d)",
    }


def test_explicit_ids_carry_over_where_texts_differ(tmp_path: Path) -> None:
    kb = build_kb(
        tmp_path,
        [
            (
                "v1",
                one_part(
                    Gl("x", "1", "(a) Sell perishable assets early. {#perishable}"),
                    Gl("y", "2", "(a) Sell with the owner's consent."),
                ),
            ),
            (
                "draft",
                one_part(
                    Gl(
                        "z",
                        "1",
                        "(a) An owner may agree to a sale.\n\n"
                        "(b) Goods that rot may be sold before judgment. {#perishable}",
                        merged_from=("x", "y"),
                    )
                ),
            ),
        ],
    )
    merged = _change(diff_versions(kb, "v1", "draft"), "z")
    by_id = _row(merged, "(b)")
    # texts too different to pair by similarity: the explicit id pairs them
    assert (by_id.from_guideline, by_id.from_id) == ("x", "perishable")
    assert paragraph_origin(by_id) == "from former guideline 1 (a)"
    assert new_text(by_id.ops) == "Goods that rot may be sold before judgment."
    # a label's id ("a") names a different paragraph in each guideline and pairs nothing
    assert _row(merged, "(a)").status == "inserted"


# --------------------------------------------------------------------------------------------
# redraft diff, every format
# --------------------------------------------------------------------------------------------


def _diff(root: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main,
        [
            "diff",
            "2018-3",
            "2018-crp14",
            "--guideline",
            "sale-before-confiscation",
            *args,
            "--root",
            str(root),
        ],
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_diff_text_marks_only_the_edit_and_says_where_from(example_root: Path) -> None:
    out = _diff(example_root)
    line = next(
        x for x in out.splitlines() if "perishable or" in x and x.lstrip().startswith("(a)")
    )
    assert "[-rapidly-]" in line and "{+ quickly+}" in line
    assert "(from former guideline 7 (a))" in line
    assert "{+States should consider" not in out
    # where a paragraph went is said with the number and label of the draft
    assert "(carried into guideline 7 (d))" in out
    assert "sale-before-confiscation" not in line


def test_diff_json_carries_the_origin(example_root: Path) -> None:
    data = json.loads(_diff(example_root, "--format", "json"))
    merged = next(g for g in data["guidelines"] if g["id"] == "sale-before-confiscation")
    first = next(p for p in merged["paragraphs"] if p["to_label"] == "(a)")
    assert first["status"] == "changed"
    assert (first["from_guideline"], first["from_number"], first["from_label"]) == (
        "interlocutory-sale",
        "7",
        "(a)",
    )
    assert first["origin"] == "from former guideline 7 (a)"
    assert [pair for pair in first["ops"] if pair[0] != "equal"] == [
        ["delete", "rapidly "],
        ["insert", " quickly"],
    ]


def test_diff_markdown_and_html_carry_the_origin(example_kb: KnowledgeBase) -> None:
    diff = diff_versions(example_kb, "2018-3", "2018-crp14", "sale-before-confiscation")
    md = to_markdown(diff)
    assert "{--rapidly--} lose value{++ quickly++}" in md
    assert "*(from former guideline 7 (a))*" in md
    page = to_html_page(diff)
    assert '<em class="redraft-origin">(from former guideline 7 (a))</em>' in page
    assert '<del class="redraft-del">rapidly</del>' in page
    side = to_html_page(diff, side_by_side=True)
    assert side.count("from former guideline 7 (a)") == 2


def test_a_guideline_that_keeps_its_id_through_a_merge(tmp_path: Path) -> None:
    # x takes in y's paragraph as its (b); its own old (b) becomes (c) without {#b}: the shared
    # letter does not pair (b) with (b), the texts do
    kb = build_kb(
        tmp_path,
        [
            (
                "v1",
                one_part(
                    Gl(
                        "x",
                        "1",
                        "(a) Sell perishable assets early where they lose value.\n\n"
                        "(b) Keep the proceeds in a dedicated account.",
                    ),
                    Gl("y", "2", "(a) Other assets may be sold with the owner's written consent."),
                ),
            ),
            (
                "draft",
                one_part(
                    Gl(
                        "x",
                        "1",
                        "(a) Sell perishable assets early where they lose value quickly.\n\n"
                        "(b) Other assets may be sold with the owner's free written consent.\n\n"
                        "(c) Keep the proceeds in a dedicated account.",
                        merged_from=("x", "y"),
                    )
                ),
            ),
        ],
    )
    diff = diff_versions(kb, "v1", "draft")
    kept = _change(diff, "x")
    assert [p.status for p in kept.paragraphs] == ["changed", "changed", "unchanged"]
    taken = _row(kept, "(b)")
    assert paragraph_origin(taken) == "from former guideline 2 (a)"
    assert _marked(taken.ops) == [("insert", "free ")]
    own = _row(kept, "(c)")
    assert (own.from_id, own.from_guideline, own.relabelled) == ("b", None, True)
    assert paragraph_origin(own) is None
    assert "relabelled" in kept.changes
    gone = _change(diff, "y")
    assert [paragraph_origin(p) for p in gone.paragraphs] == ["carried into guideline 1 (b)"]
