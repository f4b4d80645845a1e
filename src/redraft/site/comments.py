"""``/comments/``: every comment and its disposition in one table, filterable.

The table is plain Markdown and complete without JavaScript.  With JavaScript, ``redraft.js``
adds a select box above it for each column named in ``data-filter-columns`` (party, call,
guideline, disposition), built from the cells themselves, and hides the rows that do not match.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Version
from . import urls
from .blocks import (
    date,
    disposition_badge,
    guideline_link_text,
    internal_banner,
    submissions_notice,
    table,
)
from .context import Context
from .page import Page
from .text import attribute, inline, md_link
from .versions import version_name

FILTER_COLUMNS = ("Party", "Note verbale", "Guideline", "Disposition")


def pages(ctx: Context) -> Iterator[Page]:
    yield comments_page(ctx)


def comments_page(ctx: Context) -> Page:
    path = urls.COMMENTS
    kb = ctx.kb
    rows = []
    for submission in sorted(kb.submissions, key=lambda s: (s.call, s.party, s.id)):
        call = kb.call(submission.call)
        for comment in submission.comments:
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
                    f'<span lang="{attribute(comment.language)}">{text}</span>',
                    disposition_badge(comment.disposition),
                    inline(comment.rationale or ""),
                    _version_link(ctx, path, version) if version else "",
                ]
            )
    out = [
        internal_banner(ctx),
        "# Comments and dispositions\n",
        f"{len(rows)} comments, with what the secretariat decided on each. The same comments are "
        "shown on the page of each [guideline](../guidelines/index.md) and each "
        "[party](../parties/index.md).\n",
        submissions_notice(ctx) if rows else "",
    ]
    if rows:
        columns = ",".join(FILTER_COLUMNS)
        out.append(
            f'<div class="redraft-filterable" data-filter-columns="{columns}" markdown>\n\n'
            + table(
                [
                    "Comment",
                    "Party",
                    "Note verbale",
                    "Guideline",
                    "Para.",
                    "Text",
                    "Disposition",
                    "Rationale",
                    "Addressed in",
                ],
                rows,
            )
            + "\n</div>\n"
        )
    else:
        out.append("No comment has been published yet.\n")
    return Page(path, "Comments and dispositions", "\n".join(out), hide=("navigation",))


def _version_link(ctx: Context, path: str, version: Version) -> str:
    return md_link(inline(version_name(ctx, version)), urls.link(path, urls.version(version.id)))
