"""``/comments/``: every comment and its disposition in a table, filterable.

A process with more than :data:`PAGE_SIZE` comments gets an index by note verbale and, for each,
``/comments/<call>/`` (then ``/comments/<call>/2/``...) with that many to a page.

The table is plain Markdown and complete without JavaScript.  With JavaScript, ``redraft.js``
adds a select box above it for each column named in ``data-filter-columns`` (party, call,
guideline, disposition), built from the cells themselves, and hides the rows that do not match.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from redraft.kb.model import DISPOSITIONS, Call, Comment, Version
from redraft.site import urls
from redraft.site.blocks import (
    DISPOSITION_NAMES,
    breadcrumbs,
    date,
    disposition_badge,
    guideline_link_text,
    internal_banner,
    submissions_notice,
    table,
)
from redraft.site.context import Context
from redraft.site.page import Page
from redraft.site.text import inline, language_attributes, md_link
from redraft.site.versions import version_name

FILTER_COLUMNS = ("Party", "Note verbale", "Guideline", "Disposition")


PAGE_SIZE = 120
"""Comments per page.  A process with more has an index by call, then pages of this many: a table
of 15,000 comments is 12 MB that no browser filters gracefully and no delegate reads."""

TABLE_HEADERS = (
    "Comment",
    "Party",
    "Note verbale",
    "Guideline",
    "Para.",
    "Text",
    "Disposition",
    "Rationale",
    "Addressed in",
)


def pages(ctx: Context) -> Iterator[Page]:
    comments = _in_order(ctx)
    if len(comments) <= PAGE_SIZE:
        yield comments_page(ctx, comments)
        return
    yield index_page(ctx, comments)
    for call in ctx.kb.calls:
        received = [c for c in comments if c.call == call.id]
        chunks = [received[i : i + PAGE_SIZE] for i in range(0, len(received), PAGE_SIZE)]
        for number, chunk in enumerate(chunks, start=1):
            yield call_page(ctx, call, chunk, number, len(chunks))


def call_location(ctx: Context, call_id: str) -> str:
    """The page listing the comments received on a call: the one comments page when they are
    few, else the call's own first page."""
    if sum(1 for _ in ctx.kb.comments()) <= PAGE_SIZE:
        return urls.COMMENTS
    return urls.comments_of(call_id)


def _in_order(ctx: Context) -> list[Comment]:
    ordered = sorted(ctx.kb.submissions, key=lambda s: (s.call, s.party, s.id))
    return [comment for submission in ordered for comment in submission.comments]


def comments_page(ctx: Context, comments: list[Comment]) -> Page:
    """Every comment on one page, when there are few enough."""
    path = urls.COMMENTS
    out = [
        internal_banner(ctx),
        "# Comments and dispositions\n",
        f"{len(comments)} comments, with what the secretariat decided on each. The same comments "
        "are shown on the page of each [guideline](../guidelines/index.md) and each "
        "[party](../parties/index.md).\n",
    ]
    if comments:
        out.append(submissions_notice(ctx))
        out.append(_table(ctx, path, comments))
    else:
        out.append("No comment has been published yet.\n")
    return Page(path, "Comments and dispositions", "\n".join(out), hide=("navigation",))


def index_page(ctx: Context, comments: list[Comment]) -> Page:
    """Many comments: how many each note verbale received, decided how, and where to read them."""
    path = urls.COMMENTS
    rows = []
    for call in ctx.kb.calls:
        received = [c for c in comments if c.call == call.id]
        if not received:
            continue
        counts = Counter(c.disposition for c in received)
        version = ctx.kb.version(call.version)
        name = version_name(ctx, version) if version else call.version
        pages_count = -(-len(received) // PAGE_SIZE)
        rows.append(
            [
                md_link(inline(call.reference), urls.link(path, urls.comments_of(call.id))),
                inline(date(call.date)),
                inline(name),
                str(len(received)),
                *(str(counts[d]) for d in DISPOSITIONS),
                str(pages_count),
            ]
        )
    out = [
        internal_banner(ctx),
        "# Comments and dispositions\n",
        f"{len(comments)} comments, with what the secretariat decided on each, listed by the "
        f"note verbale that invited them, {PAGE_SIZE} to a page. The same comments are shown on "
        "the page of each [guideline](../guidelines/index.md) and each "
        "[party](../parties/index.md).\n",
        table(
            [
                "Note verbale",
                "Date",
                "On",
                "Comments",
                *(DISPOSITION_NAMES[d] for d in DISPOSITIONS),
                "Pages",
            ],
            rows,
        ),
    ]
    return Page(path, "Comments and dispositions", "\n".join(out))


def call_page(ctx: Context, call: Call, comments: list[Comment], number: int, count: int) -> Page:
    path = urls.comments_of(call.id, number)
    title = f"Comments on note verbale {call.reference}"
    if count > 1:
        title += f" ({number} of {count})"
    pager = " · ".join(
        f"**{n}**"
        if n == number
        else md_link(str(n), urls.link(path, urls.comments_of(call.id, n)))
        for n in range(1, count + 1)
    )
    out = [
        internal_banner(ctx),
        breadcrumbs(path, [("Comments", urls.COMMENTS), (title, None)]),
        f"# {inline(title)}\n",
        f"Pages: {pager}\n" if count > 1 else "",
        submissions_notice(ctx),
        _table(ctx, path, comments),
        f"Pages: {pager}\n" if count > 1 else "",
    ]
    return Page(path, title, "\n".join(part for part in out if part), hide=("navigation",))


def _of(call: Call, page: int) -> str:
    return urls.comments_of(call.id, page)


def _table(ctx: Context, path: str, comments: list[Comment]) -> str:
    """The comments as a table, filterable by party, note verbale, guideline and disposition."""
    kb = ctx.kb
    rows = []
    for comment in comments:
        call = kb.call(comment.call)
        version = kb.version(comment.addressed_in) if comment.addressed_in else None
        text = inline(comment.text)
        if comment.proposed:
            text += f" <br>*Proposed:* {inline(comment.proposed)}"
        living = urls.guideline(comment.guideline)
        anchor = urls.comment_anchor(comment.id)
        rows.append(
            [
                md_link(f"`{comment.id}`", urls.link(path, living, anchor)),
                md_link(
                    inline(ctx.facts.party_name(comment.party)),
                    urls.link(path, urls.party(comment.party)),
                ),
                inline(date(call.date)) if call else inline(comment.call),
                md_link(guideline_link_text(ctx, comment.guideline), urls.link(path, living)),
                inline(comment.paragraph or ""),
                f"<span{language_attributes(comment.language)}>{text}</span>",
                disposition_badge(comment.disposition),
                inline(comment.rationale or ""),
                _version_link(ctx, path, version) if version else "",
            ]
        )
    columns = ",".join(FILTER_COLUMNS)
    return (
        f'<div class="redraft-filterable" data-filter-columns="{columns}" markdown>\n\n'
        + table(list(TABLE_HEADERS), rows)
        + "\n</div>\n"
    )


def _version_link(ctx: Context, path: str, version: Version) -> str:
    return md_link(inline(version_name(ctx, version)), urls.link(path, urls.version(version.id)))
