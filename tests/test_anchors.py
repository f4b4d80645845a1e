"""Each anchor state on versions built for the purpose, then the rules on the example."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from redraft.comments.anchors import (
    SIMILARITY_THRESHOLD,
    Anchor,
    anchor_in,
    anchors,
    descendants,
    similarity,
)
from redraft.kb.model import KnowledgeBase
from redraft.redline.textdiff import new_text, old_text

from .kb_builder import G, KbSpec, build, call, comment, submission

SALE = G(
    "sale",
    "7",
    """
(a) States should allow the sale of seized assets where the assets are perishable or rapidly
lose value.

(b) The proceeds should be held in a dedicated account pending the outcome of the proceedings.

## Explanatory note

An early sale keeps the value of the asset for whoever is finally entitled to it.
""",
)
CONSENT = G("consent", "8", "(a) Other assets may be sold with the consent of their owner.")
REUSE = G(
    "reuse",
    "9",
    "(a) Confiscated buildings may be given to community organizations for social purposes.",
)


def two_versions(
    tmp_path: Path, before: list[G], after: list[G], *comments: dict[str, Any]
) -> KnowledgeBase:
    """Version ``v1`` (commented on) and the working draft."""
    spec = KbSpec(
        versions=[("v1", before), ("draft", after)],
        calls=[call("nv-1", "v1")],
        submissions={"nv-1/AUT": submission("AUT", "nv-1", list(comments))},
    )
    return build(tmp_path / "kb", spec)


def only_anchor(kb: KnowledgeBase, comment_id: str, version: str = "draft") -> Anchor:
    found = next(c for c in kb.comments() if c.id == comment_id)
    anchor = anchor_in(kb, found, version)
    assert anchor is not None
    return anchor


# -- anchored ---------------------------------------------------------------------------------


def test_quote_unchanged_in_place_is_anchored(tmp_path: Path) -> None:
    reworded_elsewhere = G(
        "sale",
        "6",  # renumbered, and (b) reworded: neither touches the quoted words of (a)
        SALE.body.replace("dedicated account", "separate account"),
    )
    kb = two_versions(
        tmp_path,
        [SALE],
        [reworded_elsewhere],
        comment("c1", "sale", paragraph="a", quote="perishable or rapidly lose value"),
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "anchored"
    assert anchor.place is not None
    assert (anchor.place.guideline, anchor.place.paragraph, anchor.place.number) == (
        "sale",
        "a",
        "6",
    )
    assert anchor.redline == ()
    assert not anchor.needs_editor


def test_paragraph_without_quote_is_anchored_only_if_it_reads_the_same(tmp_path: Path) -> None:
    rewrapped = G("sale", "7", SALE.body.replace("rapidly\nlose", "rapidly lose"))
    kb = two_versions(tmp_path, [SALE], [rewrapped], comment("c1", "sale", paragraph="a"))
    assert only_anchor(kb, "c1").state == "anchored"

    kb = two_versions(
        tmp_path / "2",
        [SALE],
        [G("sale", "7", SALE.body.replace("should allow", "should permit"))],
        comment("c1", "sale", paragraph="a"),
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "changed"
    assert anchor.place is not None and anchor.place.paragraph == "a"


def test_whole_guideline_is_anchored_when_only_its_number_and_title_change(
    tmp_path: Path,
) -> None:
    renamed = G("reuse", "12", REUSE.body, title="Social reuse of confiscated assets")
    kb = two_versions(tmp_path, [REUSE], [renamed], comment("c1", "reuse"))
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "anchored"
    assert anchor.place is not None and anchor.place.paragraph is None
    assert anchor.place.describe() == "guideline 12"


# -- moved ------------------------------------------------------------------------------------


def test_quote_moved_to_another_paragraph(tmp_path: Path) -> None:
    split = G(
        "sale",
        "7",
        """
(a) States should allow the sale of seized assets before confiscation.

(b) A sale is appropriate where the assets are perishable or rapidly lose value. {#b-new}

(c) The proceeds should be held in a dedicated account pending the outcome of the proceedings.
{#b}
""",
    )
    kb = two_versions(
        tmp_path,
        [SALE],
        [split],
        comment("c1", "sale", paragraph="a", quote="rapidly lose value"),
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "moved"
    assert anchor.place is not None
    assert (anchor.place.guideline, anchor.place.paragraph, anchor.place.label) == (
        "sale",
        "b-new",
        "(b)",
    )
    assert anchor.wording is not None and "rapidly lose value" in anchor.wording
    assert "paragraph (b)" in anchor.reason


def test_quote_moved_to_another_guideline_through_a_merge(tmp_path: Path) -> None:
    merged = G(
        "sale-before-confiscation",
        "7",
        """
(a) States should allow the sale of seized assets where the assets are perishable or lose value
quickly.

(b) Other assets may be sold with the consent of their owner.
""",
        merged_from=("sale", "consent"),
    )
    kb = two_versions(
        tmp_path,
        [SALE, CONSENT],
        [merged],
        comment("c1", "consent", paragraph="a", quote="with the consent of their owner"),
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "moved"
    assert anchor.place is not None
    assert (anchor.place.guideline, anchor.place.paragraph) == ("sale-before-confiscation", "b")
    assert "'consent' was merged into 'sale-before-confiscation'" in anchor.reason


def test_lineage_is_followed_across_several_versions(tmp_path: Path) -> None:
    """A merge recorded in v2 still leads the way in the draft, where nothing repeats it."""
    merged = G(
        "sale-before-confiscation",
        "7",
        "(a) Other assets may be sold with the consent of their owner.",
        merged_from=("sale", "consent"),
    )
    renumbered = G("sale-before-confiscation", "5", merged.body)
    spec = KbSpec(
        versions=[("v1", [SALE, CONSENT]), ("v2", [merged]), ("draft", [renumbered])],
        calls=[call("nv-1", "v1")],
        submissions={
            "nv-1/AUT": submission(
                "AUT", "nv-1", [comment("c1", "consent", paragraph="a", quote="consent")]
            )
        },
    )
    kb = build(tmp_path / "kb", spec)
    assert descendants(kb, "consent", "v1", "draft") == ("sale-before-confiscation",)
    states = [
        (a.version, a.state, a.place.number if a.place else None)
        for a in anchors(kb, next(kb.comments()))
    ]
    assert states == [("v2", "moved", "7"), ("draft", "moved", "5")]


def test_unrelated_guidelines_are_never_searched(tmp_path: Path) -> None:
    """The same words in a guideline with no recorded lineage do not catch the comment."""
    unrelated = G("other", "1", "(a) Other assets may be sold with the consent of their owner.")
    kb = two_versions(
        tmp_path,
        [SALE, CONSENT],
        [SALE, unrelated],
        comment("c1", "consent", paragraph="a", quote="with the consent of their owner"),
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "orphaned"
    assert anchor.place is None
    assert "'consent' is not in this version" in anchor.reason


def test_ambiguous_verbatim_match_yields_changed_with_every_place(tmp_path: Path) -> None:
    twice = G(
        "sale",
        "7",
        """
(a) States should allow early sales. {#x}

(b) Perishable goods: the assets are perishable or rapidly lose value in storage. {#y}

(c) Vehicles: the assets are perishable or rapidly lose value at auction. {#z}
""",
    )
    kb = two_versions(
        tmp_path,
        [SALE],
        [twice],
        comment(
            "c1", "sale", paragraph="a", quote="the assets are perishable or rapidly lose value"
        ),
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "changed"
    assert anchor.place is not None and anchor.others
    places = {anchor.place.paragraph, *(p.paragraph for p in anchor.others)}
    assert places == {"y", "z"}
    assert "2 places" in anchor.reason


# -- changed ----------------------------------------------------------------------------------


def test_reworded_passage_gives_the_new_wording_and_the_redline(tmp_path: Path) -> None:
    reworded = G(
        "reuse",
        "9",
        "(a) Confiscated buildings may be given to civil society organizations for social "
        "purposes.",
    )
    kb = two_versions(
        tmp_path,
        [REUSE],
        [reworded],
        comment("c1", "reuse", paragraph="a", quote="community organizations"),
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "changed"
    assert anchor.place is not None and anchor.place.paragraph == "a"
    assert anchor.wording == reworded.body[4:]
    assert anchor.base_wording == REUSE.body[4:]
    assert old_text(anchor.redline) == anchor.base_wording
    assert new_text(anchor.redline) == anchor.wording
    assert ("delete", "community") in anchor.redline
    assert ("insert", "civil society") in anchor.redline
    assert anchor.similarity is not None and anchor.similarity >= SIMILARITY_THRESHOLD
    assert anchor.needs_editor


def test_paragraph_keeps_its_identity_through_its_id_however_reworded(tmp_path: Path) -> None:
    rewritten = G(
        "sale",
        "7",
        """
(a) States should allow the sale of seized assets where the assets are perishable or rapidly
lose value.

(b) Money obtained is deposited with the treasury and invested prudently until judgment.
""",
    )
    kb = two_versions(
        tmp_path,
        [SALE],
        [rewritten],
        comment("c1", "sale", paragraph="b", quote="dedicated account"),
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "changed"
    assert anchor.similarity is not None and anchor.similarity < SIMILARITY_THRESHOLD
    assert anchor.place is not None and anchor.place.paragraph == "b"
    assert anchor.reason == "guideline 7, paragraph (b) was reworded"


def test_reworded_and_merged_passage_is_a_candidate_not_an_attachment(tmp_path: Path) -> None:
    merged = G(
        "sale-before-confiscation",
        "7",
        "(a) Other seized assets may be sold with the written consent of their owner.",
        merged_from=("sale", "consent"),
    )
    kb = two_versions(
        tmp_path,
        [SALE, CONSENT],
        [merged],
        comment("c1", "consent", paragraph="a", quote="with the consent of their owner"),
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "changed"
    assert anchor.place is not None
    assert (anchor.place.guideline, anchor.place.paragraph) == ("sale-before-confiscation", "a")
    assert anchor.reason.startswith("not found as it was; the closest text is")


def test_chinese_rewording_is_measured_character_by_character(tmp_path: Path) -> None:
    before = G("zh-sale", "1", "(a) 如资产易腐烂或迅速贬值，各国应允许在没收前出售被扣押的资产。")
    after = G("zh-sale", "1", "(a) 如资产易腐烂或迅速贬值，各国可以在最终没收前出售被扣押的资产。")
    kb = two_versions(
        tmp_path, [before], [after], comment("c1", "zh-sale", paragraph="a", quote="应允许")
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "changed"
    assert ("delete", "应允许") in anchor.redline or any(
        op == "delete" and "应" in text for op, text in anchor.redline
    )
    assert anchor.similarity is not None and anchor.similarity > 0.8


# -- orphaned ---------------------------------------------------------------------------------


def test_deleted_guideline_orphans_its_comments(tmp_path: Path) -> None:
    kb = two_versions(
        tmp_path,
        [SALE, REUSE],
        [SALE],
        comment("c1", "reuse", paragraph="a", quote="community organizations"),
        comment("c2", "reuse"),
    )
    for comment_id in ("c1", "c2"):
        anchor = only_anchor(kb, comment_id)
        assert anchor.state == "orphaned"
        assert anchor.place is None and anchor.wording is None
        assert anchor.reason == (
            "guideline 'reuse' is not in this version, and no guideline of it descends from it"
        )


def test_removed_explanatory_note_orphans_its_comments(tmp_path: Path) -> None:
    without_note = G("sale", "7", SALE.body.split("## Explanatory note")[0])
    kb = two_versions(
        tmp_path,
        [SALE],
        [without_note],
        comment("c1", "sale", paragraph="note-1", quote="keeps the value of the asset"),
        comment("c2", "sale", quote="whoever is finally entitled"),
    )
    for comment_id in ("c1", "c2"):
        anchor = only_anchor(kb, comment_id)
        assert anchor.state == "orphaned"
        assert anchor.reason == "the explanatory note was removed"


def test_removed_paragraph_with_nothing_like_it_is_orphaned(tmp_path: Path) -> None:
    shorter = G("sale", "7", "(a) States should allow early sales of perishable goods. {#a}")
    kb = two_versions(
        tmp_path,
        [SALE],
        [shorter],
        comment("c1", "sale", paragraph="b", quote="dedicated account"),
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "orphaned"
    assert anchor.reason == "paragraph 'b' was removed and nothing like it remains"


def test_target_missing_from_the_version_commented_on(tmp_path: Path) -> None:
    kb = two_versions(
        tmp_path, [SALE], [SALE], comment("c1", "sale", paragraph="a", quote="not in the text")
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "orphaned"
    assert "not in version 'v1', the version commented on" in anchor.reason


# -- an editor's decision ---------------------------------------------------------------------


def test_retarget_record_decides_from_its_version_on_and_names_who_decided(
    tmp_path: Path,
) -> None:
    reworded = G(
        "sale",
        "7",
        """
(a) States should allow the sale of seized assets before final confiscation.

(b) This applies where the assets are perishable or depreciate rapidly.
""",
    )
    renumbered = G("sale", "6", reworded.body)
    record = {
        "version": "v2",
        "guideline": "sale",
        "paragraph": "b",
        "quote": "depreciate rapidly",
        "by": "A. Editor",
        "date": "2018-06-01",
        "note": "The passage moved to (b) and was reworded.",
    }
    spec = KbSpec(
        versions=[("v1", [SALE]), ("v2", [reworded]), ("draft", [renumbered])],
        calls=[call("nv-1", "v1")],
        submissions={
            "nv-1/AUT": submission(
                "AUT",
                "nv-1",
                [
                    comment(
                        "c1", "sale", paragraph="a", quote="rapidly lose value", retarget=[record]
                    )
                ],
            )
        },
    )
    kb = build(tmp_path / "kb", spec)
    found = anchors(kb, next(kb.comments()))
    assert [a.version for a in found] == ["v2", "draft"]
    in_v2, in_draft = found
    assert in_v2.state == "anchored"
    assert in_v2.retarget is not None and in_v2.retarget.by == "A. Editor"
    assert in_v2.place is not None and in_v2.place.paragraph == "b"
    assert in_v2.reason == "retargeted to guideline 7, paragraph (b) by A. Editor on 2018-06-01"
    assert in_draft.state == "anchored"
    assert in_draft.place is not None and in_draft.place.number == "6"
    assert in_draft.retarget is in_v2.retarget
    assert "since the retarget by A. Editor on 2018-06-01" in in_draft.reason


def test_without_the_record_the_same_change_is_only_a_candidate(tmp_path: Path) -> None:
    reworded = G(
        "sale",
        "7",
        """
(a) States should allow the sale of seized assets before final confiscation.

(b) This applies where the assets are perishable or depreciate rapidly.
""",
    )
    kb = two_versions(
        tmp_path,
        [SALE],
        [reworded],
        comment("c1", "sale", paragraph="a", quote="rapidly lose value"),
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "changed"
    assert anchor.retarget is None


def test_retarget_to_a_passage_that_is_not_there_is_orphaned_and_says_so(tmp_path: Path) -> None:
    record = {
        "version": "draft",
        "guideline": "sale",
        "paragraph": "b",
        "quote": "no such words",
        "by": "A. Editor",
        "date": "2018-06-01",
    }
    kb = two_versions(
        tmp_path,
        [SALE],
        [SALE],
        comment("c1", "sale", paragraph="a", quote="rapidly lose value", retarget=[record]),
    )
    anchor = only_anchor(kb, "c1")
    assert anchor.state == "orphaned"
    assert anchor.reason == (
        "the retarget record by A. Editor (2018-06-01) names a passage that is not in version "
        "'draft'"
    )


# -- the measure ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "low", "high"),
    [
        ("the same words", "the same words", 1.0, 1.0),
        ("nothing alike", "完全不同", 0.0, 0.0),
        ("a short paragraph", "a short paragraph merged into a much longer one", 1.0, 1.0),
        ("one two three four five six", "one two three", 0.6, 0.7),
    ],
)
def test_similarity(old: str, new: str, low: float, high: float) -> None:
    assert low <= similarity(old, new) <= high


# -- the example ------------------------------------------------------------------------------


def test_every_comment_of_the_example_has_an_anchor_in_every_later_version(
    example_kb: KnowledgeBase,
) -> None:
    for found in example_kb.comments():
        call_of = example_kb.call(found.call)
        assert call_of is not None
        if found.is_general:  # the document, its introduction or a part: no passage to follow
            assert anchors(example_kb, found) == ()
            continue
        start = example_kb.version_index(call_of.version)
        assert start is not None
        later = [v.id for v in example_kb.versions[start + 1 :]]
        assert [a.version for a in anchors(example_kb, found)] == later
        for anchor in anchors(example_kb, found):
            if anchor.state in ("anchored", "moved"):
                assert anchor.place is not None and anchor.wording is not None
                if anchor.retarget is None and anchor.base.quote:
                    assert anchor.base.quote in " ".join(anchor.wording.split())
            if anchor.state == "changed":
                assert old_text(anchor.redline) == anchor.base_wording
                assert new_text(anchor.redline) == anchor.wording
            if anchor.state == "orphaned":
                assert anchor.place is None
