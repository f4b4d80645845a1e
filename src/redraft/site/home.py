"""``/``: the process at a glance.

Where the draft stands now (the latest released version, the working draft and what changed
since, the comments and what became of them) and a timeline of versions, calls for comments and
replies.  A public build counts published replies only and never lists who has not replied: a
party whose reply is restricted would otherwise be shown, wrongly, as silent.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from redraft.comments.tracking import all_replies
from redraft.kb.model import DISPOSITIONS, KnowledgeBase
from redraft.site import meetings, parties, urls
from redraft.site.blocks import (
    date,
    disposition_badge,
    guideline_link_text,
    internal_banner,
    submissions_notice,
    table,
)
from redraft.site.context import Context
from redraft.site.page import Page
from redraft.site.text import escape_text, guideline_markdown, inline, md_link
from redraft.site.versions import version_link, version_name, version_title


def pages(ctx: Context) -> Iterator[Page]:
    yield home_page(ctx)


def translated_pages(ctx: Context) -> Iterator[Page]:
    yield translated_home(ctx)


def home_page(ctx: Context) -> Page:
    kb = ctx.kb
    path = urls.HOME
    title = kb.settings.title
    out = [internal_banner(ctx), f"# {inline(title)}\n", missing_page_note(ctx)]
    if kb.settings.body:
        out.append(f"Prepared for the {inline(kb.settings.body)}.\n")
    out.append("## Where the draft stands { #standing }\n")
    out.append(_standing(ctx, path))
    since = _since_release(ctx, path)
    if since:
        out.append("## Changes to the draft since the last release { #since_release }\n")
        out.append(since)
    if kb.calls:
        out.append("## Calls for comments { #calls }\n")
        out.append(_calls(ctx, path))
    out.append("## Find your way { #sections }\n")
    out.append(_sections(ctx, path))
    out.append("## Timeline { #timeline }\n")
    if kb.submissions:
        out.append(submissions_notice(ctx))
    out.append(_timeline(ctx, path))
    return Page(path, title, "\n".join(out), hide=("navigation",))


SINCE_RELEASE_ROWS = 20


def _since_release(ctx: Context, path: str) -> str:
    """The commits that changed the working draft since the last release, newest first: when and
    which guidelines, and what each commit says only where commit messages are shown."""
    since = ctx.facts.provenance.since_release
    if since is None or not since.changes:
        return ""
    with_messages = ctx.shows_commit_messages
    rows = []
    for draft_change in since.changes[:SINCE_RELEASE_ROWS]:
        change = draft_change.change
        touched = ", ".join(
            md_link(guideline_link_text(ctx, gid), urls.link(path, urls.guideline(gid)))
            for gid in draft_change.guidelines
            if ctx.facts.latest_with(gid) is not None
        )
        when = inline(date(change.date.date()))
        if with_messages:
            # The commit is provenance, not reading matter: there for whoever opens it.
            commit = (
                f"<details><summary>{inline(change.summary)}</summary>"
                f"commit <code>{inline(change.short)}</code></details>"
            )
            rows.append([when, touched or "—", commit])
        else:
            rows.append([when, touched or "—"])
    more = len(since.changes) - SINCE_RELEASE_ROWS
    note = f"\nAnd {more} earlier change{'s' if more != 1 else ''}.\n" if more > 0 else ""
    header = ["Date", "Guidelines", "Change"] if with_messages else ["Date", "Guidelines"]
    return table(header, rows) + note


def _calls(ctx: Context, path: str) -> str:
    """Each note verbale, the version it was about and the replies it brought.

    A public build gives the number of published replies only: listing the parties that did
    not reply would name, wrongly, a party whose reply is restricted.
    """
    rows = []
    for found in all_replies(ctx.kb):
        call = found.call
        version = ctx.kb.version(call.version)
        about = (
            f"[{inline(version_name(ctx, version))}]({urls.link(path, urls.version(version.id))})"
            if version
            else inline(call.version)
        )
        replies = str(len(found.replies))
        if found.late:
            replies += f" ({len(found.late)} after the deadline)"
        row = [
            f"{inline(call.reference)} <br>{inline(date(call.date))}",
            about,
            inline(date(call.deadline)),
            str(len(found.invited)),
            replies,
        ]
        if ctx.internal:
            missing = ", ".join(ctx.facts.party_name(code) for code in found.missing)
            row.append(inline(missing) if missing else "none")
        rows.append(row)
    headers = ["Note verbale", "Comments invited on", "Deadline", "Parties invited", "Replies"]
    if ctx.internal:
        headers.append("No reply yet")
    else:
        headers[-1] = "Published replies"
    return table(headers, rows)


def _sections(ctx: Context, path: str) -> str:
    entries = [
        (urls.VERSIONS, "Versions", "Every version of the draft in full, as circulated."),
        (urls.GUIDELINES, "Guidelines", "Each guideline through every version, with its comments."),
        (urls.COMPARE, "Compare", "What changed between any two versions, word by word."),
        (urls.COMMENTS, "Comments", "Every comment received and what the secretariat decided."),
        (urls.PARTIES, "Parties", "Everything each party submitted, point by point."),
        (urls.STATS, "Statistics", "Where the comments concentrate, and how they were decided."),
    ]
    items = [
        f"-   [**{name}**]({urls.link(path, target)})\n\n    {text}\n"
        for target, name, text in entries
    ]
    return '<div class="grid cards" markdown>\n\n' + "\n".join(items) + "\n</div>\n"


def _standing(ctx: Context, path: str) -> str:
    kb = ctx.kb
    lines: list[str] = []
    released = kb.released
    draft = kb.draft
    if released:
        last = released[-1]
        sentence = (
            f"The latest released version is [{inline(version_name(ctx, last))}]"
            f"({urls.link(path, urls.version(last.id))}), *{inline(version_title(ctx, last))}*"
        )
        if last.date:
            sentence += f", of {inline(date(last.date))}"
        if last.meeting:
            sentence += f", for the {inline(last.meeting)}"
        lines.append(sentence + ".")
    if draft is not None:
        sentence = (
            f"The [working draft]({urls.link(path, urls.version(draft.id))}) has "
            f"{len(draft.guidelines)} guidelines"
        )
        if released:
            last = released[-1]
            changed = len(ctx.facts.diff(last.id, draft.id).summary.changed)
            sentence += (
                f"; {changed} of them changed since {inline(version_name(ctx, last))} "
                f"([see the changes]({urls.link(path, urls.compare(last.id, draft.id))}))"
            )
        lines.append(sentence + ".")
    lines.append(_comment_sentence(ctx, path))
    lines.append(_disposition_line(ctx.kb))
    return "\n\n".join(line.strip() for line in lines if line) + "\n"


def _comment_sentence(ctx: Context, path: str) -> str:
    kb = ctx.kb
    comments = list(kb.comments())
    if not kb.calls:
        return "No call for comments has been issued yet."
    repliers = {s.party for s in kb.submissions}
    pending = sum(1 for c in comments if c.disposition == "pending")
    sentence = (
        f"{len(kb.calls)} call{'s' if len(kb.calls) != 1 else ''} for comments brought "
        f"{len(kb.submissions)} {'published ' if not ctx.internal else ''}repl"
        f"{'ies' if len(kb.submissions) != 1 else 'y'} from {len(repliers)} "
        f"part{'ies' if len(repliers) != 1 else 'y'}, with "
        + md_link(
            f"{len(comments)} comment{'s' if len(comments) != 1 else ''}",
            urls.link(path, urls.COMMENTS),
        )
    )
    if comments:
        sentence += f"; {pending} {'are' if pending != 1 else 'is'} still pending"
    return sentence + "."


def _disposition_line(kb: KnowledgeBase) -> str:
    """How the comments were decided, as one line of labelled counts."""
    counts = Counter(c.disposition for c in kb.comments())
    if not counts:
        return ""
    parts = [f"{disposition_badge(d)} {counts[d]}" for d in DISPOSITIONS if counts[d]]
    return "Decisions so far: " + " · ".join(parts) + "\n"


def _timeline(ctx: Context, path: str) -> str:
    kb = ctx.kb
    events: list[tuple[dt.date, int, str, str]] = []
    for version in kb.versions:
        if version.date is None:
            continue
        link = version_link(ctx, path, version)
        meeting = f" for the {inline(version.meeting)}" if version.meeting else ""
        events.append((version.date, 0, "Version", f"{link} released{meeting}"))
    for call in kb.calls:
        commented = kb.version(call.version)
        about = version_link(ctx, path, commented) if commented else inline(call.version)
        events.append(
            (
                call.date,
                1,
                "Call for comments",
                f"Note verbale {inline(call.reference)} invites comments on {about} "
                f"by {inline(date(call.deadline))}",
            )
        )
        events.append(
            (call.deadline, 3, "Deadline", f"Deadline for comments under {inline(call.reference)}")
        )
    for submission in kb.submissions:
        name = ctx.facts.party_name(submission.party)
        count = len(submission.comments)
        replied_to = kb.call(submission.call)
        reference = f" to {inline(replied_to.reference)}" if replied_to else ""
        restricted = " (restricted)" if submission.restricted else ""
        where, reply_anchor = parties.reply_location(ctx, submission)
        events.append(
            (
                submission.received,
                2,
                "Reply",
                f"Reply from [{inline(name)}]"
                f"({urls.link(path, where, reply_anchor)})"
                f"{reference}{restricted}: {count} comment{'s' if count != 1 else ''}",
            )
        )
    events.extend(meetings.timeline_events(ctx, path))
    draft = kb.draft
    rows = [
        [inline(date(when)), kind, text]
        for when, _, kind, text in sorted(events, key=lambda e: (e[0], e[1], e[3]))
    ]
    if draft is not None:
        rows.append(
            [
                "now",
                "Working draft",
                f"The [working draft]({urls.link(path, urls.version(draft.id))}) is being revised",
            ]
        )
    return table(["Date", "Event", "What happened"], rows)


def missing_page_note(ctx: Context) -> str:
    """A note the language switcher shows (``?missing=<path>``) when the page a reader switched
    from has no counterpart in this tree: hidden otherwise, and out of the search index."""
    labels = ctx.labels
    return (
        '<div class="admonition info redraft-missing" hidden data-search-exclude>'
        f'<p class="admonition-title">{escape_text(labels["page_missing_title"])}</p>'
        f"<p>{escape_text(labels['page_missing'])}</p>"
        f'<p><a class="redraft-missing-back" href="./">{escape_text(labels["page_missing_back"])}'
        "</a></p></div>\n"
    )


def translated_home(ctx: Context) -> Page:
    kb = ctx.kb
    path = urls.HOME
    latest = ctx.versions[-1] if ctx.versions else None
    title = version_title(ctx, latest) if latest else kb.settings.title
    main = ctx.main
    out = [internal_banner(ctx), f"# {inline(title)}\n", missing_page_note(ctx)]
    links = [
        f"- [{inline(ctx.labels['versions'])}]({urls.link(path, urls.VERSIONS)})",
        f"- [{inline(ctx.labels['guidelines'])}]({urls.link(path, urls.GUIDELINES)})",
    ]
    if meetings.has_meeting_pages(ctx):
        links.append(f"- [{inline(ctx.labels['meetings'])}]({urls.link(path, urls.MEETINGS)})")
    # Every tree has the comments, the parties and the statistics in its own words.
    for key, target in (
        ("comments", urls.COMMENTS),
        ("parties", urls.PARTIES),
        ("stats", urls.STATS),
    ):
        links.append(f"- [{inline(ctx.labels[key])}]({urls.link(path, target)})")
    if latest is not None:
        links.insert(
            0,
            f"- [{inline(version_name(ctx, latest))}]({urls.link(path, urls.version(latest.id))})",
        )
    out.append("\n".join(links) + "\n")
    introduction = latest.translated_introductions.get(ctx.language) if latest else None
    if introduction and introduction.strip():
        # a delegate landing on /zh/ should read what the draft is before choosing a link
        out.append(guideline_markdown(introduction.strip()) + "\n")
    out.append(
        f"[{inline(ctx.labels['original_language'])}]"
        f"({ctx.cross(path, main, urls.HOME)}){{ hreflang={main.language} }}\n"
    )
    return Page(path, title, "\n".join(out))
