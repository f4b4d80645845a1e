"""``redraft status``: what a secretariat needs before a meeting, in the terminal or as JSON.

Three questions, answered from :mod:`redraft.comments.tracking` and
:mod:`redraft.comments.anchors`: which comments
still await a decision (by guideline), which invited parties have not replied to each call (and
which replies came late), and which pending comments no longer find their passage in the working
draft as it was (``changed`` or ``orphaned``), so that an editor can retarget or decide them.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from redraft.cli import main
from redraft.cli.options import load_for, root_argument
from redraft.comments.anchors import ANCHOR_STATES, Anchor, Place, anchor_in
from redraft.comments.tracking import (
    CallReplies,
    PendingGroup,
    disposition_counts,
    pending_by_guideline,
    replies_to,
    select_comments,
)
from redraft.kb.model import DRAFT, Comment, KnowledgeBase


@dataclass(frozen=True)
class Status:
    """Everything ``redraft status`` reports, computed once for both output formats."""

    kb: KnowledgeBase
    call: str | None
    party: str | None
    comments: tuple[Comment, ...]
    calls: tuple[CallReplies, ...]
    pending: tuple[PendingGroup, ...]
    in_draft: tuple[tuple[Comment, Anchor], ...]
    """Every selected comment's anchor in the working draft (comments made on the draft
    itself have none)."""

    @property
    def waiting(self) -> tuple[tuple[Comment, Anchor], ...]:
        """Pending comments whose passage the draft no longer holds as it was."""
        return tuple(
            (c, a) for c, a in self.in_draft if c.disposition == "pending" and a.needs_editor
        )


def gather(
    kb: KnowledgeBase,
    call: str | None = None,
    party: str | None = None,
    today: dt.date | None = None,
) -> Status:
    comments = select_comments(kb, call, party)
    calls = tuple(
        replies_to(kb, c, today)
        for c in sorted(kb.calls, key=lambda c: (c.date, c.id))
        if call is None or c.id == call
    )
    in_draft = []
    if kb.version(DRAFT) is not None:
        for comment in comments:
            anchor = anchor_in(kb, comment, DRAFT)
            if anchor is not None:
                in_draft.append((comment, anchor))
    return Status(
        kb, call, party, comments, calls, pending_by_guideline(kb, call, party), tuple(in_draft)
    )


# -- JSON -------------------------------------------------------------------------------------


def to_json(status: Status) -> dict[str, Any]:
    kb = status.kb
    return {
        "title": kb.settings.title,
        "filters": {"call": status.call, "party": status.party},
        "comments": {
            "total": len(status.comments),
            "by_disposition": dict(disposition_counts(status.comments)),
            "ids": [c.id for c in status.comments],
            "restricted": [c.id for c in status.comments if c.restricted],
        },
        "calls": [_call_json(kb, replies, status.party) for replies in status.calls],
        "pending": [
            {
                "guideline": group.guideline,
                "number": group.number,
                "title": group.title,
                "number_in": group.version,
                "in_draft": group.in_draft,
                "comments": [_comment_json(c) for c in group.comments],
            }
            for group in status.pending
        ],
        "draft_anchors": {
            state: sum(1 for _, a in status.in_draft if a.state == state) for state in ANCHOR_STATES
        },
        "waiting_for_editor": [_anchor_json(c, a) for c, a in status.waiting],
    }


def _call_json(kb: KnowledgeBase, replies: CallReplies, party: str | None) -> dict[str, Any]:
    call = replies.call
    version = kb.version(call.version)

    def wanted(code: str) -> bool:
        return party is None or code == party

    return {
        "id": call.id,
        "reference": call.reference,
        "date": call.date.isoformat(),
        "version": call.version,
        "symbol": version.symbol if version else None,
        "deadline": call.deadline.isoformat(),
        "awaited": replies.awaited,
        "invited": [code for code in replies.invited if wanted(code)],
        "replies": [
            {
                "party": r.party,
                "submission": r.submission_id,
                "received": r.received.isoformat(),
                "days_late": r.days_late,
                "restricted": r.restricted,
                "comments": r.comments,
            }
            for r in replies.replies
            if wanted(r.party)
        ],
        "missing": [code for code in replies.missing if wanted(code)],
        "late": [r.submission_id for r in replies.late if wanted(r.party)],
        "uninvited": [code for code in replies.uninvited if wanted(code)],
    }


def _comment_json(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "party": comment.party,
        "call": comment.call,
        "guideline": comment.guideline,
        "paragraph": comment.paragraph,
        "quote": comment.quote,
        "type": comment.type,
        "disposition": comment.disposition,
        "restricted": comment.restricted,
        "text": comment.text,
    }


def _place_json(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "version": place.version,
        "guideline": place.guideline,
        "number": place.number,
        "paragraph": place.paragraph,
        "label": place.label,
    }


def _anchor_json(comment: Comment, anchor: Anchor) -> dict[str, Any]:
    record = anchor.retarget
    return {
        **_comment_json(comment),
        "state": anchor.state,
        "reason": anchor.reason,
        "place": _place_json(anchor.place),
        "wording": anchor.wording,
        "similarity": None if anchor.similarity is None else round(anchor.similarity, 3),
        "retarget": None
        if record is None
        else {"version": record.version, "by": record.by, "date": record.date.isoformat()},
    }


# -- text -------------------------------------------------------------------------------------


def _counts_line(status: Status) -> str:
    counts = disposition_counts(status.comments)
    parts = [f"{name.replace('-', ' ')} {n}" for name, n in counts.items() if n]
    return f"{len(status.comments)} comment(s)" + (f": {', '.join(parts)}" if parts else "")


def _call_heading(kb: KnowledgeBase, replies: CallReplies) -> str:
    call = replies.call
    version = kb.version(call.version)
    on = version.label if version else call.version
    return (
        f"{call.id}: note verbale {call.reference} of {call.date} on {on}, "
        f"deadline {call.deadline}" + (" (still open)" if replies.awaited else "")
    )


def _where(comment: Comment) -> str:
    where = comment.guideline
    if comment.paragraph:
        where += f" ({comment.paragraph})"
    if comment.quote:
        where += f' "{_short(comment.quote, 40)}"'
    return where


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _group_label(kb: KnowledgeBase, group: PendingGroup) -> str:
    label = f"guideline {group.number} {group.guideline}"
    if not group.in_draft:
        version = kb.version(group.version or "")
        label += f" (in {version.label if version else group.version}; not in the working draft)"
    return label


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _anchor_where(anchor: Anchor) -> str:
    return anchor.place.describe() if anchor.place else "—"


def plain_lines(status: Status) -> Iterator[str]:
    """The report as plain lines, for pipes and files: no colour, no tables."""
    kb = status.kb
    yield _counts_line(status)
    for replies in status.calls:
        yield ""
        yield _call_heading(kb, replies)
        wanted = [r for r in replies.replies if status.party in (None, r.party)]
        parties = len({r.party for r in wanted})
        replied = _plural(len(wanted), "reply", "replies")
        yield f"  {replied} from {_plural(parties, 'party', 'parties')}"
        for r in wanted:
            late = f", late by {r.days_late} day(s)" if r.late else ""
            restricted = ", restricted" if r.restricted else ""
            yield f"    {r.party}  {r.received}  {r.submission_id}{late}{restricted}"
        missing = [code for code in replies.missing if status.party in (None, code)]
        label = "awaited" if replies.awaited else "no reply"
        yield f"  {label}: {', '.join(missing) if missing else 'none'}"
    yield ""
    total = sum(len(g.comments) for g in status.pending)
    yield f"Pending comments: {total}"
    for group in status.pending:
        yield f"  {_group_label(status.kb, group)}"
        for comment in group.comments:
            text = _short(comment.text, 70)
            yield f"    {comment.id}  {comment.party}  {_where(comment)}: {text}"
    yield ""
    waiting = status.waiting
    yield f"Pending comments waiting for an editor (working draft): {len(waiting)}"
    for comment, anchor in waiting:
        yield f"  {comment.id}  {anchor.state}  {_where(comment)} → {_anchor_where(anchor)}"
        yield f"    {anchor.reason}"
    counts = Counter(a.state for _, a in status.in_draft)
    yield "Where the comments stand in the working draft: " + ", ".join(
        f"{state} {counts[state]}" for state in ANCHOR_STATES
    )


def print_rich(status: Status, console: Console) -> None:
    """The report as tables for a terminal.  Text from the files is passed as :class:`Text`,
    never as markup, so brackets in a comment are printed, not interpreted."""
    kb = status.kb
    console.print(Text(_counts_line(status), style="bold"))
    for replies in status.calls:
        console.print()
        console.print(Text(_call_heading(kb, replies), style="bold"))
        table = Table("Party", "Received", "Reply", "Note")
        for r in replies.replies:
            if status.party not in (None, r.party):
                continue
            note = Text()
            if r.late:
                note.append(f"late by {r.days_late} day(s)", style="red")
            if r.restricted:
                note.append(" restricted" if r.late else "restricted", style="yellow")
            table.add_row(Text(r.party), str(r.received), Text(r.submission_id), note)
        console.print(table)
        missing = [code for code in replies.missing if status.party in (None, code)]
        label = "Awaited" if replies.awaited else "No reply"
        console.print(Text(f"{label}: {', '.join(missing) if missing else 'none'}"))
    console.print()
    total = sum(len(g.comments) for g in status.pending)
    console.print(Text(f"Pending comments: {total}", style="bold"))
    if total:
        pending = Table("Guideline", "Comment", "Party", "Target", "Text")
        for group in status.pending:
            label = _group_label(kb, group)
            for comment in group.comments:
                pending.add_row(
                    Text(label),
                    Text(comment.id),
                    Text(comment.party),
                    Text(_where(comment)),
                    Text(_short(comment.text, 60)),
                )
                label = ""
        console.print(pending)
    console.print()
    waiting = status.waiting
    console.print(
        Text(
            f"Pending comments waiting for an editor (working draft): {len(waiting)}",
            style="bold",
        )
    )
    if waiting:
        table = Table("Comment", "State", "Target", "Now", "Why")
        for comment, anchor in waiting:
            colour = "red" if anchor.state == "orphaned" else "yellow"
            table.add_row(
                Text(comment.id),
                Text(anchor.state, style=colour),
                Text(_where(comment)),
                Text(_anchor_where(anchor)),
                Text(anchor.reason),
            )
        console.print(table)
    counts = Counter(a.state for _, a in status.in_draft)
    console.print(
        Text(
            "Where the comments stand in the working draft: "
            + ", ".join(f"{state} {counts[state]}" for state in ANCHOR_STATES)
        )
    )


# -- the command ------------------------------------------------------------------------------


@main.command("status")
@root_argument
@click.option("--call", "call_id", metavar="ID", help="Only this call for comments.")
@click.option("--party", metavar="CODE", help="Only this party's replies and comments.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
)
@click.option(
    "--public", is_flag=True, help="Leave restricted submissions out, as a public build does."
)
def status_command(
    root: Path, call_id: str | None, party: str | None, output_format: str, public: bool
) -> None:
    """Pending comments, missing and late replies, and comments whose passage changed.

    Reads the knowledge base under ROOT (default: the current folder).  Exit status: 0 with the
    report printed, 2 for an unknown call or party.
    """
    result = load_for("status", root, "report")
    kb = result.kb.without_restricted() if public else result.kb
    if call_id is not None and kb.call(call_id) is None:
        known = ", ".join(c.id for c in kb.calls) or "none"
        click.echo(f"redraft status: unknown call '{call_id}' (the calls are: {known})", err=True)
        sys.exit(2)
    if party is not None:
        party = party.upper()
        if kb.party(party) is None:
            click.echo(
                f"redraft status: unknown party '{party}' (not in comments/parties.yml)", err=True
            )
            sys.exit(2)
    status = gather(kb, call_id, party, dt.date.today())
    if output_format == "json":
        click.echo(json.dumps(to_json(status), ensure_ascii=False, indent=2))
    elif sys.stdout.isatty():
        print_rich(status, Console(highlight=False))
    else:
        for line in plain_lines(status):
            click.echo(line)
