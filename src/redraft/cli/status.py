"""``redraft status``: what a secretariat needs before a meeting, in the terminal or as JSON.

The facts (pending comments by guideline, missing and late replies, comments whose passage
changed in the draft) come from :func:`redraft.comments.status.comment_status`; this module only
formats them.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from redraft.cli import main
from redraft.cli.options import (
    NOT_STOPPED_BY_PROBLEMS,
    exit_codes,
    format_option,
    load_for,
    root_options,
    usage_error,
)

if TYPE_CHECKING:
    from rich.console import Console

    from redraft.comments.anchors import Anchor, Place
    from redraft.comments.status import CommentStatus, DraftAnchor
    from redraft.comments.subjects import Subject
    from redraft.comments.tracking import CallReplies, PendingGroup
    from redraft.kb.model import Comment, KnowledgeBase

# -- JSON -------------------------------------------------------------------------------------


def to_json(status: CommentStatus) -> dict[str, Any]:
    kb = status.kb
    return {
        "title": kb.settings.title,
        "filters": {"call": status.call, "party": status.party},
        "includes_restricted": status.includes_restricted,
        "comments": {
            "total": len(status.comments),
            "by_disposition": dict(status.by_disposition),
            "ids": [c.id for c in status.comments],
            "restricted": [c.id for c in status.comments if c.restricted],
        },
        "calls": [_call_json(kb, replies) for replies in status.calls],
        "pending": [
            {
                "about": group.subject.scope,
                "guideline": group.guideline,
                "part": group.subject.id if group.subject.scope == "part" else None,
                "number": group.number,
                "title": group.title,
                "number_in": group.version,
                "in_draft": group.in_draft,
                "comments": [_comment_json(c) for c in group.comments],
            }
            for group in status.pending
        ],
        "draft_anchors": dict(status.anchor_counts),
        "waiting_for_editor": [_anchor_json(item) for item in status.waiting],
    }


def _call_json(kb: KnowledgeBase, replies: CallReplies) -> dict[str, Any]:
    call = replies.call
    version = kb.version(call.version)
    return {
        "id": call.id,
        "reference": call.reference,
        "date": call.date.isoformat(),
        "version": call.version,
        "symbol": version.symbol if version else None,
        "deadline": call.deadline.isoformat(),
        "awaited": replies.awaited,
        "invited": list(replies.invited),
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
        ],
        "missing": list(replies.missing),
        "late": [r.submission_id for r in replies.late],
        "uninvited": list(replies.uninvited),
    }


def _comment_json(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "party": comment.party,
        "call": comment.call,
        "about": comment.scope,
        "guideline": comment.guideline,
        "part": comment.part,
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


def _anchor_json(item: DraftAnchor) -> dict[str, Any]:
    comment, anchor = item.comment, item.anchor
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


def anchors_json(status: CommentStatus) -> dict[str, Any]:
    """``--anchors --format json``: every comment's anchor state in the working draft."""
    return {
        "title": status.kb.settings.title,
        "filters": {"call": status.call, "party": status.party},
        "includes_restricted": status.includes_restricted,
        "draft_anchors": dict(status.anchor_counts),
        "anchors": [_anchor_json(item) for item in status.worklist],
    }


# -- text -------------------------------------------------------------------------------------


def _counts_line(status: CommentStatus) -> str:
    parts = [f"{name.replace('-', ' ')} {n}" for name, n in status.by_disposition.items() if n]
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
    if comment.guideline is not None:
        where = comment.guideline
    elif comment.part is not None:
        where = f"part {comment.part}"
    else:
        where = comment.scope
    if comment.paragraph:
        where += f" ({comment.paragraph})"
    if comment.quote:
        where += f' "{_short(comment.quote, 40)}"'
    return where


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _group_label(kb: KnowledgeBase, group: PendingGroup, language: str = "en") -> str:
    if group.subject.is_general:
        label = general_words(kb, group.subject, language)
        if group.subject.scope == "part" and not group.in_draft:
            label += " (not in the working draft)"
        return label
    label = f"guideline {group.number} {group.guideline}"
    if not group.in_draft:
        version = kb.version(group.version or "")
        label += f" (in {version.label if version else group.version}; not in the working draft)"
    return label


def general_words(kb: KnowledgeBase, subject: Subject, language: str) -> str:
    """ "general comments: the whole document", in ``language`` with the site's words (the
    message catalogue of :mod:`redraft.site.labels`): a part by its title in that language."""
    from redraft.comments.subjects import newest_part, subject_label
    from redraft.site.labels import Labels

    labels = Labels(language)
    if subject.scope in ("document", "introduction"):
        what = labels[f"subject_{subject.scope}"]
    else:
        part = newest_part(kb, subject.id or "") if subject.scope == "part" else None
        what = (
            labels.format("subject_part", number=part.number, title=part.title_in(language))
            if part is not None
            else subject_label(kb, subject)
        )
    return f"{labels['general_comments'].lower()}: {what}"


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _anchor_where(anchor: Anchor) -> str:
    return anchor.place.describe() if anchor.place else "—"


def _anchors_line(status: CommentStatus) -> str:
    from redraft.comments.anchors import ANCHOR_STATES

    counts = status.anchor_counts
    return "Where the comments stand in the working draft: " + ", ".join(
        f"{state} {counts[state]}" for state in ANCHOR_STATES
    )


def plain_lines(status: CommentStatus, language: str = "en") -> Iterator[str]:
    """The report as plain lines, for pipes and files: no colour, no tables."""
    kb = status.kb
    yield _counts_line(status)
    for replies in status.calls:
        yield ""
        yield _call_heading(kb, replies)
        parties = len(replies.replied)
        replied = _plural(len(replies.replies), "reply", "replies")
        yield f"  {replied} from {_plural(parties, 'party', 'parties')}"
        for r in replies.replies:
            late = f", late by {r.days_late} day(s)" if r.late else ""
            restricted = ", restricted" if r.restricted else ""
            yield f"    {r.party}  {r.received}  {r.submission_id}{late}{restricted}"
        label = "awaited" if replies.awaited else "no reply"
        yield f"  {label}: {', '.join(replies.missing) or 'none'}"
    yield ""
    yield f"Pending comments: {status.pending_count}"
    for group in status.pending:
        yield f"  {_group_label(status.kb, group, language)}"
        for comment in group.comments:
            text = _short(comment.text, 70)
            yield f"    {comment.id}  {comment.party}  {_where(comment)}: {text}"
    yield ""
    waiting = status.waiting
    yield f"Pending comments waiting for an editor (working draft): {len(waiting)}"
    for item in waiting:
        comment, anchor = item.comment, item.anchor
        yield f"  {comment.id}  {anchor.state}  {_where(comment)} → {_anchor_where(anchor)}"
        yield f"    {anchor.reason}"
    yield _anchors_line(status)


def anchor_lines(status: CommentStatus) -> Iterator[str]:
    """``--anchors`` as plain lines: one per comment, those that need an editor first."""
    yield _anchors_line(status)
    state = None
    for item in status.worklist:
        comment, anchor = item.comment, item.anchor
        if anchor.state != state:
            state = anchor.state
            yield ""
            yield f"{state} ({status.anchor_counts[state]})"
        yield (
            f"  {comment.id}  {comment.party}  {comment.disposition}  {_where(comment)}"
            f" → {_anchor_where(anchor)}"
        )
        if anchor.needs_editor or anchor.state == "moved":
            yield f"    {anchor.reason}"


def print_rich_anchors(status: CommentStatus, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(Text(_anchors_line(status), style="bold"))
    table = Table("Comment", "Party", "Decision", "State", "Target", "Now", "Why")
    colours = {"orphaned": "red", "changed": "yellow", "moved": "cyan", "anchored": "green"}
    for item in status.worklist:
        comment, anchor = item.comment, item.anchor
        table.add_row(
            Text(comment.id),
            Text(comment.party),
            Text(comment.disposition),
            Text(anchor.state, style=colours[anchor.state]),
            Text(_where(comment)),
            Text(_anchor_where(anchor)),
            Text(anchor.reason if anchor.state != "anchored" else ""),
        )
    console.print(table)


def print_rich(status: CommentStatus, console: Console, language: str = "en") -> None:
    """The report as tables for a terminal.  Text from the files is passed as :class:`Text`,
    never as markup, so brackets in a comment are printed, not interpreted."""
    from rich.table import Table
    from rich.text import Text

    kb = status.kb
    console.print(Text(_counts_line(status), style="bold"))
    for replies in status.calls:
        console.print()
        console.print(Text(_call_heading(kb, replies), style="bold"))
        table = Table("Party", "Received", "Reply", "Note")
        for r in replies.replies:
            note = Text()
            if r.late:
                note.append(f"late by {r.days_late} day(s)", style="red")
            if r.restricted:
                note.append(" restricted" if r.late else "restricted", style="yellow")
            table.add_row(Text(r.party), str(r.received), Text(r.submission_id), note)
        console.print(table)
        label = "Awaited" if replies.awaited else "No reply"
        console.print(Text(f"{label}: {', '.join(replies.missing) or 'none'}"))
    console.print()
    console.print(Text(f"Pending comments: {status.pending_count}", style="bold"))
    if status.pending_count:
        pending = Table("Guideline", "Comment", "Party", "Target", "Text")
        for group in status.pending:
            label = _group_label(kb, group, language)
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
        for item in waiting:
            comment, anchor = item.comment, item.anchor
            colour = "red" if anchor.state == "orphaned" else "yellow"
            table.add_row(
                Text(comment.id),
                Text(anchor.state, style=colour),
                Text(_where(comment)),
                Text(_anchor_where(anchor)),
                Text(anchor.reason),
            )
        console.print(table)
    console.print(Text(_anchors_line(status)))


# -- the command ------------------------------------------------------------------------------


@main.command(
    "status",
    epilog=exit_codes(
        problems=NOT_STOPPED_BY_PROBLEMS,
        ok="the report printed",
        usage="usage error (e.g. an unknown call or party)",
    ),
)
@root_options(positional_alias=True)
@click.option("--call", "call_id", metavar="ID", help="Only this call for comments.")
@click.option("--party", metavar="CODE", help="Only this party's replies and comments.")
@format_option(("text", "json"))
@click.option(
    "--include-restricted",
    is_flag=True,
    help="Include restricted submissions, each flagged restricted (not for publication).",
)
@click.option(
    "--anchors",
    "anchors_only",
    is_flag=True,
    help="The worklist: every comment's anchor in the working draft (anchored, moved, changed, "
    "orphaned), decided or not, those that need an editor first.",
)
@click.option(
    "--lang",
    "language",
    metavar="CODE",
    help="The language of the names of the general comments' groups (ar, zh, en, fr, ru, es), "
    "in the site's words; by default, the draft's original language.",
)
@click.option(
    "--public",
    is_flag=True,
    hidden=True,
    help="Deprecated: restricted submissions are left out unless --include-restricted.",
)
def status_command(
    root: Path,
    call_id: str | None,
    party: str | None,
    output_format: str,
    include_restricted: bool,
    anchors_only: bool,
    language: str | None,
    public: bool,
) -> None:
    """Pending comments, missing and late replies, and comments whose passage changed.

    Restricted submissions are left out, as from the public site, unless --include-restricted.
    """
    # imported here, not at the top, so that `redraft --help` starts without the library
    from redraft.comments.status import UnknownFilter, comment_status

    if public and include_restricted:
        usage_error("--public and --include-restricted contradict each other")
    from redraft.kb.model import UN_LANGUAGES

    if language is not None and language not in UN_LANGUAGES:
        usage_error(f"unknown language {language!r}: choose one of {', '.join(UN_LANGUAGES)}")
    kb = load_for("status", root, "report").kb
    language = language or (kb.latest.language if kb.latest else "en")
    try:
        status = comment_status(
            kb,
            call_id,
            party.upper() if party is not None else None,
            dt.date.today(),
            include_restricted=include_restricted,
        )
    except UnknownFilter as exc:
        usage_error(str(exc))
    if anchors_only:
        if output_format == "json":
            click.echo(json.dumps(anchors_json(status), ensure_ascii=False, indent=2))
        elif sys.stdout.isatty():
            from rich.console import Console

            print_rich_anchors(status, Console(highlight=False))
        else:
            for line in anchor_lines(status):
                click.echo(line)
    elif output_format == "json":
        click.echo(json.dumps(to_json(status), ensure_ascii=False, indent=2))
    elif sys.stdout.isatty():
        from rich.console import Console

        print_rich(status, Console(highlight=False), language)
    else:
        for line in plain_lines(status, language):
            click.echo(line)
