"""Where the comments stand before a meeting: the facts ``redraft status`` reports.

Three questions, answered from :mod:`redraft.comments.tracking` and
:mod:`redraft.comments.anchors`: which comments still await a decision (by guideline), which
invited parties have not replied to each call (and which replies came late), and which pending
comments no longer find their passage in the working draft as it was (``changed`` or
``orphaned``), so that an editor can retarget or decide them.

Pure functions of the model; the command only formats what :func:`comment_status` returns.
Restricted replies are left out unless asked for, as everywhere in Redraft.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from redraft.comments.anchors import ANCHOR_STATES, Anchor, AnchorState, anchor_in
from redraft.comments.tracking import (
    CallReplies,
    PendingGroup,
    disposition_counts,
    pending_by_guideline,
    replies_to,
    select_comments,
)
from redraft.kb.model import DRAFT, Comment, Disposition, KnowledgeBase


class UnknownFilter(LookupError):
    """A call or party to filter by that the knowledge base does not have; ``str(error)`` is one
    line for the user, naming what exists."""


@dataclass(frozen=True)
class DraftAnchor:
    """One comment and where its passage stands in the working draft."""

    comment: Comment
    anchor: Anchor


@dataclass(frozen=True)
class CommentStatus:
    """Everything ``redraft status`` reports, computed once for every output format."""

    kb: KnowledgeBase
    """The knowledge base the facts are about (without restricted replies unless asked)."""
    call: str | None
    party: str | None
    comments: tuple[Comment, ...]
    """The comments selected by ``call`` and ``party``, in file order."""
    by_disposition: Mapping[Disposition, int]
    calls: tuple[CallReplies, ...]
    """Each selected call's replies, oldest call first; with ``party``, only that party's
    invitation, replies and silence."""
    pending: tuple[PendingGroup, ...]
    in_draft: tuple[DraftAnchor, ...]
    """Every selected comment's anchor in the working draft (comments made on the draft itself
    have none)."""
    includes_restricted: bool

    @property
    def waiting(self) -> tuple[DraftAnchor, ...]:
        """Pending comments whose passage the draft no longer holds as it was."""
        return tuple(
            a for a in self.in_draft if a.comment.disposition == "pending" and a.anchor.needs_editor
        )

    @property
    def worklist(self) -> tuple[DraftAnchor, ...]:
        """Every selected comment's anchor in the draft, decided or not, those that need an
        editor first (orphaned, then changed, moved, anchored), in file order within a state."""
        rank = {state: i for i, state in enumerate(reversed(ANCHOR_STATES))}
        return tuple(sorted(self.in_draft, key=lambda item: rank[item.anchor.state]))

    @property
    def pending_count(self) -> int:
        return sum(len(group.comments) for group in self.pending)

    @property
    def anchor_counts(self) -> Mapping[AnchorState, int]:
        """How many selected comments are in each anchor state in the draft; every state is
        present, in the order of :data:`~redraft.comments.anchors.ANCHOR_STATES`."""
        counts = dict.fromkeys(ANCHOR_STATES, 0)
        for item in self.in_draft:
            counts[item.anchor.state] += 1
        return MappingProxyType(counts)


def comment_status(
    kb: KnowledgeBase,
    call: str | None = None,
    party: str | None = None,
    today: dt.date | None = None,
    *,
    include_restricted: bool = False,
) -> CommentStatus:
    """Where the comments of ``kb`` stand, for one call and/or one party (all when ``None``).

    ``today`` tells which calls are still open.  Restricted replies are left out, as a public
    build leaves them out, unless ``include_restricted``: then they are counted and listed, each
    flagged ``restricted``, for the secretariat.

    Raises :class:`UnknownFilter` for a call or party that ``kb`` does not have.
    """
    if not include_restricted:
        kb = kb.without_restricted()
    _check_filters(kb, call, party)
    comments = select_comments(kb, call, party)
    calls = tuple(
        _for_party(replies_to(kb, c, today), party)
        for c in sorted(kb.calls, key=lambda c: (c.date, c.id))
        if call is None or c.id == call
    )
    in_draft: list[DraftAnchor] = []
    if kb.version(DRAFT) is not None:
        for comment in comments:
            anchor = anchor_in(kb, comment, DRAFT)
            if anchor is not None:
                in_draft.append(DraftAnchor(comment, anchor))
    return CommentStatus(
        kb=kb,
        call=call,
        party=party,
        comments=comments,
        by_disposition=disposition_counts(comments),
        calls=calls,
        pending=pending_by_guideline(kb, call, party),
        in_draft=tuple(in_draft),
        includes_restricted=include_restricted,
    )


def _check_filters(kb: KnowledgeBase, call: str | None, party: str | None) -> None:
    if call is not None and kb.call(call) is None:
        known = ", ".join(c.id for c in kb.calls) or "none"
        raise UnknownFilter(f"unknown call '{call}' (the calls are: {known})")
    if party is not None and kb.party(party) is None:
        raise UnknownFilter(f"unknown party '{party}' (not in comments/parties.yml)")


def _for_party(replies: CallReplies, party: str | None) -> CallReplies:
    """``replies`` narrowed to one party: its invitation, its replies, its silence."""
    if party is None:
        return replies
    return replace(
        replies,
        invited=tuple(code for code in replies.invited if code == party),
        replies=tuple(r for r in replies.replies if r.party == party),
        missing=tuple(code for code in replies.missing if code == party),
        uninvited=tuple(code for code in replies.uninvited if code == party),
    )
