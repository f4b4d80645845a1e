"""Calls and replies: who was asked, who replied and when, who did not, what is pending."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from redraft.comments.tracking import (
    all_replies,
    disposition_counts,
    invited_parties,
    pending_by_guideline,
    replies_to,
    select_comments,
)
from redraft.kb.model import DISPOSITIONS, KnowledgeBase

from .kb_builder import PARTIES, G, KbSpec, build, call, comment, submission

ONE = G("one", "1", "(a) First guideline.")
TWO = G("two", "2", "(a) Second guideline.")
THREE = G("three", "3", "(a) Third guideline.")


def tracked(tmp_path: Path) -> KnowledgeBase:
    spec = KbSpec(
        versions=[("v1", [ONE, TWO, THREE]), ("draft", [THREE, ONE])],
        calls=[
            call("nv-1", "v1", date="2018-02-01", deadline="2018-03-01"),
            call("nv-2", "v1", date="2018-04-01", deadline="2018-05-01", invited=["FRA", "NOR"]),
        ],
        submissions={
            # on the deadline: on time
            "nv-1/FRA": submission(
                "FRA",
                "nv-1",
                [comment("fra-1", "two"), comment("fra-2", "one", disposition="noted")],
                received="2018-03-01",
                language="fr",
            ),
            "nv-1/AUT": submission("AUT", "nv-1", [comment("aut-1", "one")], received="2018-02-10"),
            "nv-1/AUT-2": submission(
                "AUT", "nv-1", [comment("aut-2", "two")], received="2018-03-04"
            ),
            # an observer, not invited by `all`
            "nv-1/EU": submission("EU", "nv-1", [comment("eu-1", "three")], received="2018-02-15"),
            "nv-2/NOR": submission(
                "NOR",
                "nv-2",
                [comment("nor-1", "two", disposition="accepted", rationale="Done.")],
                received="2018-04-20",
                visibility="restricted",
            ),
        },
    )
    return build(tmp_path / "kb", spec)


def test_invited_all_means_every_state_in_registry_order(tmp_path: Path) -> None:
    kb = tracked(tmp_path)
    first, second = kb.calls
    states = tuple(code for code, _, kind in PARTIES if kind == "state")
    assert invited_parties(kb, first) == states
    assert "EU" not in invited_parties(kb, first)
    assert invited_parties(kb, second) == ("FRA", "NOR")


def test_who_replied_when_and_who_did_not(tmp_path: Path) -> None:
    kb = tracked(tmp_path)
    replies = replies_to(kb, kb.calls[0])
    assert [(r.party, r.submission_id, r.received.isoformat()) for r in replies.replies] == [
        ("AUT", "nv-1/AUT", "2018-02-10"),
        ("EU", "nv-1/EU", "2018-02-15"),
        ("FRA", "nv-1/FRA", "2018-03-01"),
        ("AUT", "nv-1/AUT-2", "2018-03-04"),
    ]
    assert replies.replied == ("AUT", "EU", "FRA")
    assert replies.missing == ("CHN", "EGY", "NOR")
    assert replies.uninvited == ("EU",)
    assert [(r.submission_id, r.days_late) for r in replies.late] == [("nv-1/AUT-2", 3)]
    on_deadline = replies.first_reply("FRA")
    assert on_deadline is not None and not on_deadline.late and on_deadline.days_late == 0
    assert on_deadline.language == "fr" and on_deadline.comments == 2


def test_a_missing_reply_is_awaited_only_until_the_deadline(tmp_path: Path) -> None:
    kb = tracked(tmp_path)
    first = kb.calls[0]
    assert not replies_to(kb, first).awaited
    assert replies_to(kb, first, today=dt.date(2018, 3, 1)).awaited
    assert not replies_to(kb, first, today=dt.date(2018, 3, 2)).awaited


def test_restricted_replies_vanish_from_the_public_view(tmp_path: Path) -> None:
    kb = tracked(tmp_path)
    second = kb.calls[1]
    assert replies_to(kb, second).replied == ("NOR",)
    assert replies_to(kb, second).replies[0].restricted
    public = replies_to(kb.without_restricted(), second)
    assert public.replied == ()
    assert public.missing == ("FRA", "NOR")


def test_all_replies_lists_calls_oldest_first(tmp_path: Path) -> None:
    kb = tracked(tmp_path)
    assert [r.call.id for r in all_replies(kb)] == ["nv-1", "nv-2"]


def test_pending_comments_by_guideline_in_draft_order(tmp_path: Path) -> None:
    kb = tracked(tmp_path)
    groups = pending_by_guideline(kb)
    # the draft has three, then one; two is gone from the draft and comes last
    assert [(g.guideline, g.in_draft) for g in groups] == [
        ("three", True),
        ("one", True),
        ("two", False),
    ]
    assert [[c.id for c in g.comments] for g in groups] == [["eu-1"], ["aut-1"], ["aut-2", "fra-1"]]
    assert groups[1].number == "1"
    assert groups[2].number == "2"  # the newest version that still has it: v1


def test_pending_filtered_by_call_and_party(tmp_path: Path) -> None:
    kb = tracked(tmp_path)
    assert [c.id for g in pending_by_guideline(kb, party="AUT") for c in g.comments] == [
        "aut-1",
        "aut-2",
    ]
    assert pending_by_guideline(kb, call="nv-2") == ()
    assert [c.id for c in select_comments(kb, call="nv-2")] == ["nor-1"]


def test_disposition_counts_name_every_disposition(tmp_path: Path) -> None:
    kb = tracked(tmp_path)
    counts = disposition_counts(kb.comments())
    assert tuple(counts) == DISPOSITIONS
    assert dict(counts) == {
        "pending": 4,
        "accepted": 1,
        "partially-accepted": 0,
        "not-accepted": 0,
        "noted": 1,
    }


def test_the_example(example_kb: KnowledgeBase) -> None:
    for replies in all_replies(example_kb):
        submissions = [s for s in example_kb.submissions if s.call == replies.call.id]
        assert len(replies.replies) == len(submissions)
        assert set(replies.replied) == {s.party for s in submissions}
        assert set(replies.missing).isdisjoint(replies.replied)
        assert set(replies.missing) | set(replies.replied) >= set(replies.invited)
        for reply in replies.late:
            assert reply.received > replies.call.deadline
    pending = [c.id for g in pending_by_guideline(example_kb) for c in g.comments]
    assert sorted(pending) == sorted(
        c.id for c in example_kb.comments() if c.disposition == "pending"
    )
    assert sum(disposition_counts(example_kb.comments()).values()) == len(
        list(example_kb.comments())
    )
