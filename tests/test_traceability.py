"""Each decided comment with the redline of its guideline, commented-on → addressed-in version."""

from __future__ import annotations

from pathlib import Path

from redraft.comments.anchors import anchor_in
from redraft.comments.traceability import trace, traces
from redraft.kb.model import Comment, KnowledgeBase
from redraft.redline.textdiff import has_changes, new_text, old_text

from .kb_builder import G, KbSpec, build, call, comment, submission


def decided(tmp_path: Path) -> KnowledgeBase:
    before = [
        G("sale", "1", "(a) Perishable assets may be sold.\n\n(b) Proceeds go to an account."),
        G("consent", "2", "(a) Other assets may be sold with the owner's consent."),
        G("costs", "3", "(a) The State bears the costs."),
    ]
    after = [
        G(
            "sale",
            "1",
            "(a) Perishable assets may be sold early.\n\n"
            "(b) Proceeds go to an account.\n\n"
            "(c) Other assets may be sold with the owner's consent.",
            merged_from=("consent",),
        ),
        G("costs", "2", "(a) The State bears the costs."),
    ]
    spec = KbSpec(
        versions=[("v1", before), ("draft", after)],
        calls=[call("nv-1", "v1")],
        submissions={
            "nv-1/FRA": submission(
                "FRA",
                "nv-1",
                [
                    comment(
                        "reworded",
                        "sale",
                        paragraph="a",
                        disposition="accepted",
                        rationale="Added.",
                        addressed_in="draft",
                    ),
                    comment(
                        "merged",
                        "consent",
                        paragraph="a",
                        quote="owner's consent",
                        disposition="partially-accepted",
                        rationale="Merged.",
                        addressed_in="draft",
                    ),
                    comment("kept", "costs", disposition="not-accepted", rationale="No."),
                    comment("open", "costs"),
                ],
                language="fr",
            )
        },
    )
    return build(tmp_path / "kb", spec)


def by_id(kb: KnowledgeBase, comment_id: str) -> Comment:
    return next(c for c in kb.comments() if c.id == comment_id)


def test_a_reworded_paragraph_traces_to_its_redline(tmp_path: Path) -> None:
    kb = decided(tmp_path)
    found = trace(kb, by_id(kb, "reworded"))
    assert found is not None
    assert (found.commented_on, found.addressed_in) == ("v1", "draft")
    assert {g.id for g in found.redline.guidelines} == {"sale", "consent"}
    assert found.focus is not None and found.focus.id == "sale"
    assert found.text_changed
    paragraph = found.paragraph
    assert paragraph is not None and (paragraph.from_id, paragraph.to_id) == ("a", "a")
    assert old_text(paragraph.ops) == "Perishable assets may be sold."
    assert new_text(paragraph.ops) == "Perishable assets may be sold early."
    assert ("insert", " early") in paragraph.ops


def test_a_merged_guideline_traces_to_where_its_passage_went(tmp_path: Path) -> None:
    kb = decided(tmp_path)
    merged = by_id(kb, "merged")
    found = trace(kb, merged)
    assert found is not None
    anchor = anchor_in(kb, merged, "draft")
    assert anchor is not None and anchor.state == "moved"
    assert found.anchor == anchor
    assert found.focus is not None and found.focus.id == "sale"
    assert "merged" in found.focus.changes
    paragraph = found.paragraph
    assert paragraph is not None and paragraph.to_id == "c"
    consent = found.redline.guideline("consent")
    assert consent is not None and "merged-into" in consent.changes


def test_only_decided_and_addressed_comments_have_a_trace(tmp_path: Path) -> None:
    kb = decided(tmp_path)
    assert trace(kb, by_id(kb, "kept")) is None  # no addressed_in
    assert trace(kb, by_id(kb, "open")) is None  # pending
    assert [t.comment.id for t in traces(kb)] == ["reworded", "merged"]


def test_the_example(example_kb: KnowledgeBase) -> None:
    expected = [
        c.id
        for c in example_kb.comments()
        if c.disposition != "pending" and c.addressed_in is not None
    ]
    found = traces(example_kb)
    assert [t.comment.id for t in found] == expected
    for item in found:
        assert item.redline.from_id == item.commented_on
        assert item.redline.to_id == item.addressed_in
        assert item.comment.guideline in {g.id for g in item.redline.guidelines}
        if item.paragraph is not None and item.paragraph.from_id and item.paragraph.to_id:
            assert has_changes(item.paragraph.ops) or not item.paragraph.changed


def test_austrias_accepted_change_traces_to_a_marked_edit_not_a_new_paragraph(
    example_kb: KnowledgeBase,
) -> None:
    # "rapidly lose value" -> "lose value quickly", adopted in CRP.14 when former guidelines 7
    # and 8 were merged: the trace shows that edit in the paragraph it came from
    found = trace(example_kb, by_id(example_kb, "aut-2018-2"))
    assert found is not None and found.focus is not None
    assert found.focus.id == "sale-before-confiscation"
    paragraph = found.paragraph
    assert paragraph is not None
    assert paragraph.status == "changed"
    assert (paragraph.from_guideline, paragraph.from_number, paragraph.from_label) == (
        "interlocutory-sale",
        "7",
        "(a)",
    )
    assert [(op, text) for op, text in paragraph.ops if op != "equal"] == [
        ("delete", "rapidly "),
        ("insert", " quickly"),
    ]
