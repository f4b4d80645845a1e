"""Calls for comments and what came of them: who was asked, who replied and when, what is pending.

A call (the note verbale) invites parties to comment on one version by a deadline; every
submission filed under it is a reply.  From those records alone this module answers the
secretariat's questions before a meeting: which invited parties have not replied, which replies
came late, which parties replied without being invited (observers often do), and which comments
still await a decision: general comments first, then guideline by guideline.

Rules:

* ``invited: all`` means every party of type ``state`` in the registry, in registry order; a
  list means exactly those codes (unknown codes are kept, so a typo shows up as a missing
  reply; ``redraft check`` reports it too).
* A reply is *late* when it was received after the deadline (a reply on the deadline is on
  time).  A party that sent several replies (``AUT.yml``, ``AUT-2.yml``) replied once, on the
  date of its first reply; each reply is still listed.
* An invited party with no reply is *missing*.  Given ``today``, a missing reply is only
  *awaited* while the deadline has not passed; without ``today``, nothing is awaited (the
  functions never read the clock, so the same data always gives the same answer).

Everything here is a pure function of the model.  Pass ``kb.without_restricted()`` for anything
published: a restricted reply is then neither listed nor counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from redraft.comments.subjects import Subject, subject_of, subject_order
from redraft.kb.model import (
    DISPOSITIONS,
    DRAFT,
    Call,
    Comment,
    Disposition,
    KnowledgeBase,
    Submission,
)


@dataclass(frozen=True)
class Reply:
    """One submission received under a call."""

    party: str
    submission_id: str
    received: dt.date
    reference: str | None
    language: str
    restricted: bool
    comments: int
    days_late: int
    """Days after the deadline it was received; 0 when on time."""

    @property
    def late(self) -> bool:
        return self.days_late > 0


@dataclass(frozen=True)
class CallReplies:
    """A call, the parties it invited, and the replies it received."""

    call: Call
    invited: tuple[str, ...]
    replies: tuple[Reply, ...]
    """Every reply, in the order received (then by submission id)."""
    missing: tuple[str, ...]
    """Invited parties with no reply, in the order invited."""
    uninvited: tuple[str, ...]
    """Parties that replied without being invited, in the order of their first reply."""
    awaited: bool = False
    """The deadline has not passed yet (only known when ``today`` was given)."""

    @property
    def replied(self) -> tuple[str, ...]:
        """Each party that replied, once, in the order of its first reply."""
        return tuple(dict.fromkeys(r.party for r in self.replies))

    @property
    def late(self) -> tuple[Reply, ...]:
        return tuple(r for r in self.replies if r.late)

    def first_reply(self, party: str) -> Reply | None:
        return next((r for r in self.replies if r.party == party), None)


def invited_parties(kb: KnowledgeBase, call: Call) -> tuple[str, ...]:
    """The codes a call invited: ``all`` is every party of type ``state``."""
    codes: list[str] = []
    for code in call.invited:
        if code == "all":
            codes.extend(p.code for p in kb.parties if p.type == "state")
        else:
            codes.append(code)
    return tuple(dict.fromkeys(codes))


def replies_to(kb: KnowledgeBase, call: Call, today: dt.date | None = None) -> CallReplies:
    """Who was asked, who replied and when, who did not (see the module's rules)."""
    invited = invited_parties(kb, call)
    submissions = sorted(
        (s for s in kb.submissions if s.call == call.id), key=lambda s: (s.received, s.id)
    )
    replies = tuple(_reply(call, s) for s in submissions)
    replied = {r.party for r in replies}
    invited_set = set(invited)
    return CallReplies(
        call=call,
        invited=invited,
        replies=replies,
        missing=tuple(code for code in invited if code not in replied),
        uninvited=tuple(dict.fromkeys(r.party for r in replies if r.party not in invited_set)),
        awaited=today is not None and today <= call.deadline,
    )


def _reply(call: Call, submission: Submission) -> Reply:
    late_by = (submission.received - call.deadline).days
    return Reply(
        party=submission.party,
        submission_id=submission.id,
        received=submission.received,
        reference=submission.reference,
        language=submission.language,
        restricted=submission.restricted,
        comments=len(submission.comments),
        days_late=max(late_by, 0),
    )


def all_replies(kb: KnowledgeBase, today: dt.date | None = None) -> tuple[CallReplies, ...]:
    """:func:`replies_to` for every call, oldest call first."""
    return tuple(replies_to(kb, c, today) for c in sorted(kb.calls, key=lambda c: (c.date, c.id)))


# -- comments ---------------------------------------------------------------------------------


def select_comments(
    kb: KnowledgeBase, call: str | None = None, party: str | None = None
) -> tuple[Comment, ...]:
    """The comments of one call and/or one party (all when both are ``None``), in file order."""
    return tuple(
        c
        for c in kb.comments()
        if (call is None or c.call == call) and (party is None or c.party == party)
    )


def disposition_counts(comments: Iterable[Comment]) -> Mapping[Disposition, int]:
    """How many comments have each disposition; every disposition is present, possibly 0."""
    counts = dict.fromkeys(DISPOSITIONS, 0)
    for comment in comments:
        counts[comment.disposition] += 1
    return MappingProxyType(counts)


@dataclass(frozen=True)
class PendingGroup:
    """The pending comments on one subject: the whole document, the introduction, a part, or a
    guideline (as it was in the version commented on)."""

    guideline: str | None
    """The guideline's id; ``None`` for a group of general comments (see ``subject``)."""
    number: str | None
    """The number printed in the newest version that has the guideline (or the part)."""
    title: str | None
    version: str | None
    """That newest version's id."""
    in_draft: bool
    comments: tuple[Comment, ...]
    subject: Subject = field(default_factory=lambda: Subject("guideline"))


def pending_by_guideline(
    kb: KnowledgeBase, call: str | None = None, party: str | None = None
) -> tuple[PendingGroup, ...]:
    """Pending comments grouped by what they address: general comments first (the whole
    document, the introduction, each part), then guideline by guideline, in the order of the
    working draft (guidelines no longer in the draft follow, in the order they first appeared);
    within a group, by call (oldest first), then party, then as written."""
    calls = {c.id: (c.date, c.id) for c in kb.calls}
    pending = [c for c in select_comments(kb, call, party) if c.disposition == "pending"]
    groups: dict[Subject, list[Comment]] = {}
    # sorted() is stable: comments of one party in one call stay as written
    for comment in sorted(
        pending, key=lambda c: (calls.get(c.call, (dt.date.max, c.call)), c.party)
    ):
        groups.setdefault(subject_of(comment), []).append(comment)
    return tuple(
        _pending_group(kb, subject, tuple(comments))
        for subject, comments in sorted(groups.items(), key=lambda i: subject_order(kb, i[0]))
    )


def _pending_group(
    kb: KnowledgeBase, subject: Subject, comments: tuple[Comment, ...]
) -> PendingGroup:
    draft = kb.version(DRAFT)
    if subject.scope != "guideline" or subject.id is None:
        part_id = subject.id or ""
        newest_part, part_version = next(
            ((p, v.id) for v in reversed(kb.versions) if (p := v.part(part_id)) is not None),
            (None, None),
        )
        return PendingGroup(
            guideline=None,
            number=newest_part.number if newest_part else None,
            title=newest_part.title if newest_part else None,
            version=part_version,
            in_draft=subject.scope != "part" or (draft is not None and bool(draft.part(part_id))),
            comments=comments,
            subject=subject,
        )
    guideline_id = subject.id
    newest, version = next(
        ((g, v.id) for v in reversed(kb.versions) if (g := v.guideline(guideline_id)) is not None),
        (None, None),
    )
    return PendingGroup(
        guideline=guideline_id,
        number=newest.number if newest else None,
        title=newest.title if newest else None,
        version=version,
        in_draft=draft is not None and draft.guideline(guideline_id) is not None,
        comments=comments,
        subject=subject,
    )
