"""``/parties/`` and ``/parties/<code>/``: everything a party submitted, and what became of it.

Only parties with a reply in this build have a page.  A public build does not list the parties
that have not replied: one whose only reply is restricted would be shown, wrongly, as silent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from redraft.comments.subjects import comment_order
from redraft.kb.model import DISPOSITIONS, Comment, Party, Submission, english_name
from redraft.site import urls
from redraft.site.blocks import (
    DISPOSITION_NAMES,
    breadcrumbs,
    comment_card,
    date,
    definitions,
    internal_banner,
    submissions_notice,
    table,
)
from redraft.site.context import Context
from redraft.site.page import Page
from redraft.site.text import escape_text, inline, verbatim_block
from redraft.site.versions import version_name

PARTY_TYPES = {"state": "State party", "observer": "Observer"}


SPLIT_AT = 40
"""A party with more comments than this gets a page per reply: its page lists the replies, so
that it stays readable (and small) however many calls a long process had."""


def pages(ctx: Context) -> Iterator[Page]:
    yield index_page(ctx)
    for party in replying_parties(ctx):
        yield party_page(ctx, party)
        if _split(ctx, party.code):
            for submission in ctx.facts.submissions_by_party[party.code]:
                yield reply_page(ctx, party, submission)


def _split(ctx: Context, code: str) -> bool:
    submissions = ctx.facts.submissions_by_party.get(code, ())
    return len(submissions) > 1 and sum(len(s.comments) for s in submissions) > SPLIT_AT


def reply_location(ctx: Context, submission: Submission) -> tuple[str, str]:
    """The page and anchor where a reply is reproduced."""
    shown = ctx.facts.reply_ids[submission.id]
    if _split(ctx, submission.party):
        return urls.reply(submission.party, shown), urls.submission_anchor(shown)
    return urls.party(submission.party), urls.submission_anchor(shown)


def replying_parties(ctx: Context) -> list[Party]:
    by_party = ctx.facts.submissions_by_party
    return sorted(
        (p for p in ctx.kb.parties if p.code in by_party), key=lambda p: (p.name.casefold(), p.code)
    )


def index_page(ctx: Context) -> Page:
    path = urls.PARTIES
    rows = []
    for party in replying_parties(ctx):
        submissions = ctx.facts.submissions_by_party[party.code]
        counts = Counter(c.disposition for s in submissions for c in s.comments)
        rows.append(
            [
                f"[{inline(party.name)}]({urls.link(path, urls.party(party.code))})",
                inline(PARTY_TYPES.get(party.type, party.type)),
                str(len(submissions)),
                str(sum(counts.values())),
                *(str(counts[d]) for d in DISPOSITIONS),
            ]
        )
    out = [
        internal_banner(ctx),
        "# Parties\n",
        "The parties whose replies to the calls for comments are published here, with what the "
        "secretariat decided on their comments.\n",
        submissions_notice(ctx) if rows else "",
        table(
            ["Party", "Type", "Replies", "Comments", *(DISPOSITION_NAMES[d] for d in DISPOSITIONS)],
            rows,
        )
        or "No reply has been published yet.\n",
    ]
    return Page(path, "Parties", "\n".join(out))


def party_page(ctx: Context, party: Party) -> Page:
    path = urls.party(party.code)
    submissions = ctx.facts.submissions_by_party[party.code]
    out = [
        internal_banner(ctx),
        breadcrumbs(path, [("Parties", urls.PARTIES), (party.name, None)]),
        f"# {inline(party.name)}\n",
        f"{inline(PARTY_TYPES.get(party.type, party.type))} · code `{party.code}`\n"
        if party.code.isalnum()
        else "",
        submissions_notice(ctx),
        _summary(ctx, submissions),
    ]
    if _split(ctx, party.code):
        out.append(_replies_table(ctx, path, submissions))
    else:
        for submission in submissions:
            out.append(_submission(ctx, path, submission))
    return Page(path, party.name, "\n".join(out))


def _replies_table(ctx: Context, path: str, submissions: tuple[Submission, ...]) -> str:
    rows = []
    for submission in submissions:
        call = ctx.kb.call(submission.call)
        version = ctx.kb.version(call.version) if call else None
        counts = Counter(c.disposition for c in submission.comments)
        shown = ctx.facts.reply_ids[submission.id]
        target = urls.link(path, urls.reply(submission.party, shown))
        rows.append(
            [
                f"[{inline(call.reference if call else submission.call)}]({target})",
                inline(version_name(ctx, version) if version else ""),
                inline(date(submission.received)),
                str(len(submission.comments)),
                *(str(counts[d]) for d in DISPOSITIONS),
            ]
        )
    headers = ["Note verbale", "On", "Received", "Comments"]
    headers += [DISPOSITION_NAMES[d] for d in DISPOSITIONS]
    return "## Replies { #party_replies }\n\n" + table(headers, rows)


def reply_page(ctx: Context, party: Party, submission: Submission) -> Page:
    shown = ctx.facts.reply_ids[submission.id]
    path = urls.reply(party.code, shown)
    call = ctx.kb.call(submission.call)
    name = f"Reply to {call.reference}" if call else f"Reply {shown}"
    out = [
        internal_banner(ctx),
        breadcrumbs(
            path,
            [("Parties", urls.PARTIES), (party.name, urls.party(party.code)), (name, None)],
        ),
        f"# {inline(party.name)}: {inline(name)}\n",
        submissions_notice(ctx),
        _submission(ctx, path, submission),
    ]
    return Page(path, f"{party.name}: {name}", "\n".join(out))


def _summary(ctx: Context, submissions: tuple[Submission, ...]) -> str:
    counts = Counter(c.disposition for s in submissions for c in s.comments)
    total = sum(counts.values())
    if not total:
        return ""
    rows = [[DISPOSITION_NAMES[d], str(counts[d])] for d in DISPOSITIONS if counts[d]]
    return "## What became of the comments { #party_summary }\n\n" + table(
        ["Disposition", "Comments"], rows
    )


TRANSLATED = "redraft-verbatim redraft-translated"


def received_text(submission: Submission) -> str:
    """The reply as received, in its language, with the reader's translation beside it when
    there is one; each labelled, so no one takes the translation for the record."""
    received = english_name(submission.language)
    translation = submission.translation
    if translation is None or not translation.text:
        return (
            f'<details class="quote"><summary>Text as received ({escape_text(received)})'
            "</summary>" + verbatim_block(submission.text, submission.language) + "</details>\n"
        )
    into = english_name(translation.language)
    by = f", by {escape_text(translation.by)}" if translation.by else ""
    return (
        '<details class="quote" open><summary>Text as received, with a translation</summary>'
        '<div class="redraft-beside">'
        f'<div><p class="redraft-caption">As received, in {escape_text(received)} '
        "(the text of record)</p>" + verbatim_block(submission.text, submission.language) + "</div>"
        f'<div><p class="redraft-caption">Translation into {escape_text(into)}{by}; '
        "for information, not the text of record</p>"
        + verbatim_block(
            translation.text, translation.language, "redraft-verbatim redraft-translated"
        )
        + "</div></div></details>\n"
    )


def _submission(ctx: Context, path: str, submission: Submission) -> str:
    kb = ctx.kb
    call = kb.call(submission.call)
    version = kb.version(call.version) if call else None
    about = version_name(ctx, version) if version else submission.call
    title = f"Reply on the {about}"
    if call:
        title += f" (note verbale {call.reference})"
    anchor = urls.submission_anchor(ctx.facts.reply_ids[submission.id])
    out = [f"## {inline(title)} {{ #{anchor} }}\n"]
    entries = [("Received", date(submission.received))]
    if submission.reference:
        entries.append(("Reference", submission.reference))
    entries.append(("Language", english_name(submission.language)))
    if submission.restricted:
        entries.append(("Visibility", "restricted: internal builds only"))
    out.append(definitions(entries))
    out.append(received_text(submission))
    if submission.comments:
        count = len(submission.comments)
        out.append(f"### {count} comment{'s' if count != 1 else ''} {{ #{anchor}_comments }}\n")
        out.extend(_comment_cards(ctx, path, submission.comments))
    return "\n".join(out)


def _comment_cards(ctx: Context, path: str, comments: tuple[Comment, ...]) -> list[str]:
    """A reply's comments: its general comments first, under their own heading and by what
    they address (the whole document, the introduction, the parts); then those on guidelines,
    as the reply itemized them."""
    general = sorted((c for c in comments if c.is_general), key=lambda c: comment_order(ctx.kb, c))
    if not general:
        return [comment_card(ctx, path, c, show_party=False) for c in comments]
    out = [f"#### {inline(ctx.labels['general_comments'])}\n"]
    out += [comment_card(ctx, path, c, show_party=False) for c in general]
    on_guidelines = [c for c in comments if not c.is_general]
    if on_guidelines:
        out.append(f"#### {inline(ctx.labels['on_the_guidelines'])}\n")
    out += [comment_card(ctx, path, c, show_party=False) for c in on_guidelines]
    return out
