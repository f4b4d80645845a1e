"""``/parties/`` and ``/parties/<code>/``: everything a party submitted, and what became of it.

Every language tree has these pages, with its own interface words and dates; what a party sent
is shown as received, in the language it was sent in (marked ``lang``/``dir``), and the page
says so in the tree's language.  Party names are the secretariat's, in the original language.

Only parties with a reply in this build have a page.  A public build does not list the parties
that have not replied: one whose only reply is restricted would be shown, wrongly, as silent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import partial

from redraft.comments.subjects import comment_order
from redraft.kb.model import DISPOSITIONS, Comment, Party, Submission
from redraft.site import urls
from redraft.site.blocks import (
    breadcrumbs,
    comment_card,
    definitions,
    in_original,
    internal_banner,
    local_date,
    submissions_notice,
    table,
)
from redraft.site.context import Context
from redraft.site.labels import EN, Labels
from redraft.site.page import Page
from redraft.site.reads import PageGroup
from redraft.site.text import escape_text, inline, verbatim_block
from redraft.site.versions import version_name

SPLIT_AT = 40
"""A party with more comments than this gets a page per reply: its page lists the replies, so
that it stays readable (and small) however many calls a long process had."""


def pages(ctx: Context) -> Iterator[Page | PageGroup]:
    yield PageGroup("parties", lambda: [index_page(ctx)])
    for party in replying_parties(ctx):
        yield PageGroup(f"party/{party.code}", partial(_party_pages, ctx, party))


def _party_pages(ctx: Context, party: Party) -> Iterator[Page]:
    """A party's page and its replies' pages: generated again only when something they show
    changed (a comment card's anchor in an edited guideline, :mod:`.reads`)."""
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


def party_type(labels: Labels, party: Party) -> str:
    key = f"party_type_{party.type}"
    return labels[key] if key in EN else party.type


def _dispositions(labels: Labels) -> list[str]:
    return [inline(labels[f"disposition_{d}"]) for d in DISPOSITIONS]


def _name(ctx: Context, party: Party) -> str:
    """A party's name as the secretariat recorded it, marked with that language in a language
    tree."""
    return in_original(ctx, inline(party.name))


def index_page(ctx: Context) -> Page:
    path = urls.PARTIES
    labels = ctx.labels
    rows = []
    for party in replying_parties(ctx):
        submissions = ctx.facts.submissions_by_party[party.code]
        counts = Counter(c.disposition for s in submissions for c in s.comments)
        rows.append(
            [
                f"[{_name(ctx, party)}]({urls.link(path, urls.party(party.code))})",
                inline(party_type(labels, party)),
                str(len(submissions)),
                str(sum(counts.values())),
                *(str(counts[d]) for d in DISPOSITIONS),
            ]
        )
    out = [
        internal_banner(ctx),
        f"# {inline(labels['parties'])}\n",
        inline(labels["parties_lead"]) + "\n",
        submissions_notice(ctx) if rows else "",
        table(
            [
                *(inline(labels[key]) for key in ("party", "type", "replies", "comments")),
                *_dispositions(labels),
            ],
            rows,
        )
        or inline(labels["no_reply_published"]) + "\n",
    ]
    return Page(path, labels["parties"], "\n".join(out))


def party_page(ctx: Context, party: Party) -> Page:
    path = urls.party(party.code)
    submissions = ctx.facts.submissions_by_party[party.code]
    labels = ctx.labels
    out = [
        internal_banner(ctx),
        breadcrumbs(path, [(labels["parties"], urls.PARTIES), (party.name, None)]),
        f"# {_name(ctx, party)}\n",
        f"{inline(party_type(labels, party))} · {inline(labels['party_code'])} `{party.code}`\n"
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
    labels = ctx.labels
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
                inline(local_date(submission.received, ctx.language)),
                str(len(submission.comments)),
                *(str(counts[d]) for d in DISPOSITIONS),
            ]
        )
    headers = [inline(labels[k]) for k in ("note_verbale", "reply_on", "received", "comments")]
    headers += _dispositions(labels)
    heading = inline(labels["replies"])
    return f"## {heading} {{ #party_replies }}\n\n" + table(headers, rows)


def reply_page(ctx: Context, party: Party, submission: Submission) -> Page:
    shown = ctx.facts.reply_ids[submission.id]
    path = urls.reply(party.code, shown)
    call = ctx.kb.call(submission.call)
    labels = ctx.labels
    name = (
        labels.format("reply_to", reference=call.reference)
        if call
        else labels.format("reply_shown", reply=shown)
    )
    out = [
        internal_banner(ctx),
        breadcrumbs(
            path,
            [(labels["parties"], urls.PARTIES), (party.name, urls.party(party.code)), (name, None)],
        ),
        f"# {_name(ctx, party)}: {inline(name)}\n",
        submissions_notice(ctx),
        _submission(ctx, path, submission),
    ]
    return Page(path, f"{party.name}: {name}", "\n".join(out))


def _summary(ctx: Context, submissions: tuple[Submission, ...]) -> str:
    labels = ctx.labels
    counts = Counter(c.disposition for s in submissions for c in s.comments)
    total = sum(counts.values())
    if not total:
        return ""
    rows = [[inline(labels[f"disposition_{d}"]), str(counts[d])] for d in DISPOSITIONS if counts[d]]
    heading = inline(labels["what_became"])
    headers = [inline(labels["disposition"]), inline(labels["comments"])]
    return f"## {heading} {{ #party_summary }}\n\n" + table(headers, rows)


TRANSLATED = "redraft-verbatim redraft-translated"


def received_text(labels: Labels, submission: Submission) -> str:
    """The reply as received, in its language (``lang``/``dir`` on it), with the reader's
    translation beside it when there is one; each labelled in the tree's language, so no one
    takes the translation for the record."""
    received = labels.language_name(submission.language)
    translation = submission.translation
    if translation is None or not translation.text:
        summary = labels.format("as_received", language=received)
        return (
            f'<details class="quote"><summary>{escape_text(summary)}'
            "</summary>" + verbatim_block(submission.text, submission.language) + "</details>\n"
        )
    into = labels.language_name(translation.language)
    caption = (
        labels.format("translation_into_by", language=into, name=translation.by)
        if translation.by
        else labels.format("translation_into", language=into)
    )
    as_received = labels.format("as_received_in", language=received)
    return (
        '<details class="quote" open><summary>'
        f"{escape_text(labels['as_received_translated'])}</summary>"
        '<div class="redraft-beside">'
        f'<div><p class="redraft-caption">{escape_text(as_received)}</p>'
        + verbatim_block(submission.text, submission.language)
        + "</div>"
        f'<div><p class="redraft-caption">{escape_text(caption)}</p>'
        + verbatim_block(
            translation.text, translation.language, "redraft-verbatim redraft-translated"
        )
        + "</div></div></details>\n"
    )


def _submission(ctx: Context, path: str, submission: Submission) -> str:
    kb = ctx.kb
    labels = ctx.labels
    call = kb.call(submission.call)
    version = kb.version(call.version) if call else None
    about = version_name(ctx, version) if version else submission.call
    title = (
        labels.format("reply_on_version_nv", version=about, reference=call.reference)
        if call
        else labels.format("reply_on_version", version=about)
    )
    anchor = urls.submission_anchor(ctx.facts.reply_ids[submission.id])
    out = [f"## {inline(title)} {{ #{anchor} }}\n"]
    entries = [(labels["received"], local_date(submission.received, ctx.language))]
    if submission.reference:
        entries.append((labels["reference"], submission.reference))
    entries.append((labels["language"], labels.language_name(submission.language)))
    if submission.restricted:
        entries.append((labels["visibility"], labels["restricted_internal"]))
    out.append(definitions(entries))
    out.append(received_text(labels, submission))
    if submission.comments:
        count = labels.count_comments(len(submission.comments))
        out.append(f"### {inline(count)} {{ #{anchor}_comments }}\n")
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
