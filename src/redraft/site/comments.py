"""``/comments/``: every comment and its disposition in a table, filterable.

A process with more than :data:`PAGE_SIZE` comments gets an index by note verbale and, for each,
``/comments/<call>/`` (then ``/comments/<call>/2/``...) with that many to a page.

General comments (on the whole document, its introduction or a part) come first, in a section of
their own where each is shown in full, grouped by what it addresses; the table lists them first
too, its Guideline column saying what they are about.

The table is plain Markdown and complete without JavaScript.  With JavaScript, ``redraft.js``
adds a select box above it for each column named in ``data-filter-columns`` (party, call,
guideline, disposition), built from the cells themselves, and hides the rows that do not match.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from redraft.comments.subjects import Subject, comment_order, newest_part, subject_of
from redraft.kb.model import DISPOSITIONS, Call, Comment, Version
from redraft.site import urls
from redraft.site.blocks import (
    breadcrumbs,
    comment_card,
    disposition_badge,
    guideline_link_text,
    internal_banner,
    local_date,
    note_paragraph_name,
    paragraph_label,
    subject_name,
    submissions_notice,
    table,
)
from redraft.site.context import Context
from redraft.site.documents import compilation_documents, download_line
from redraft.site.labels import letter_label
from redraft.site.page import Page
from redraft.site.text import attribute, inline, language_attributes, md_link, sentence
from redraft.site.versions import version_name

FILTER_KEYS = ("party", "note_verbale", "guideline", "disposition")
"""The columns a reader filters by (label keys): also the names of the filters in the URL."""


PAGE_SIZE = 100
"""Comments per page.  A process with more has an index by call, then pages of this many: a table
of 15,000 comments is 12 MB that no browser filters gracefully and no delegate reads.  At 120 a
page, M's Arabic and French trees had pages of 119 to 123 KB of Markdown and up to 153 KB of
HTML (a row is about 1 KB, the theme about 30 KB), above issue 18's 150 KB; 100 keeps a page
near the 100 KB of Markdown the other long pages are planned for."""

TABLE_KEYS = (
    "comment",
    "party",
    "note_verbale",
    "guideline",
    "paragraph_short",
    "text",
    "disposition",
    "rationale",
    "addressed_in",
)
"""The table's columns, as label keys: the headers are in the tree's language."""


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
    """General comments first, by what they address; then the rest by call, party and reply."""
    ordered = sorted(ctx.kb.submissions, key=lambda s: (s.call, s.party, s.id))
    comments = [comment for submission in ordered for comment in submission.comments]
    general = sorted((c for c in comments if c.is_general), key=lambda c: comment_order(ctx.kb, c))
    return general + [c for c in comments if not c.is_general]


def general_section(ctx: Context, path: str, comments: list[Comment]) -> str:
    """The general comments among ``comments``, each in full under what it addresses (the whole
    document, the introduction, each part), so that they have a place of their own: no
    guideline's page shows them."""
    general = [c for c in comments if c.is_general]
    if not general:
        return ""
    labels = ctx.labels
    out = [f"## {inline(labels['general_comments'])} {{ #general_comments }}\n"]
    current: Subject | None = None
    for comment in general:
        subject = subject_of(comment)
        if subject != current:
            heading = labels.format("general_on", subject=subject_name(ctx, subject))
            out.append(f"### {inline(heading)}\n")
            current = subject
        out.append(comment_card(ctx, path, comment, show_guideline=False))
    out.append(f"## {inline(labels['all_comments'])} {{ #all_comments }}\n")
    return "\n".join(out)


def comments_page(ctx: Context, comments: list[Comment]) -> Page:
    """Every comment on one page, when there are few enough."""
    path = urls.COMMENTS
    labels = ctx.labels
    title = labels["comments_title"]
    out = [internal_banner(ctx), f"# {inline(title)}\n", _lead(ctx, path, len(comments))]
    # One page for every call: each call's compilation is offered here.
    out.extend(filter(None, (_downloads(ctx, path, call) for call in ctx.kb.calls)))
    if comments:
        out.append(submissions_notice(ctx))
        out.append(general_section(ctx, path, comments))
        out.append(_table(ctx, path, comments))
    else:
        out.append(inline(labels["stats_none"]) + "\n")
    return Page(path, title, "\n".join(out), hide=("navigation",))


def _lead(ctx: Context, path: str, count: int) -> str:
    """How many comments, where else they are shown; in a language tree, that they are in the
    language each State sent them in."""
    labels = ctx.labels
    lead = inline(labels.format("comments_lead", count=str(count)))
    if ctx.tree.is_main:
        guidelines = urls.link(path, urls.GUIDELINES)
        parties = urls.link(path, urls.PARTIES)
        where = (
            f"The same comments are shown on the page of each [guideline]({guidelines}) and "
            f"each [party]({parties})."
        )
        return f"{lead} {where}\n"
    return f"{lead} {inline(labels['comments_original'])}\n"


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
                inline(local_date(call.date, ctx.language)),
                inline(name),
                str(len(received)),
                *(str(counts[d]) for d in DISPOSITIONS),
                str(pages_count),
            ]
        )
    labels = ctx.labels
    lead = inline(labels.format("comments_by_call", count=str(len(comments)), size=str(PAGE_SIZE)))
    if ctx.tree.is_main:
        lead += (
            " The same comments are shown on the page of each [guideline](../guidelines/index.md)"
            " and each [party](../parties/index.md)."
        )
    else:  # the guidelines' history and the parties' pages are in the original language only
        lead += " " + inline(labels["comments_original"])
    headers = [
        labels["note_verbale"],
        labels["date"],
        labels["commented_version"],
        labels["comments"],
        *(labels[f"disposition_{d}"] for d in DISPOSITIONS),
        labels["pages"],
    ]
    out = [
        internal_banner(ctx),
        f"# {inline(labels['comments_title'])}\n",
        lead + "\n",
        table([inline(header) for header in headers], rows),
    ]
    return Page(path, labels["comments_title"], "\n".join(out))


def call_page(ctx: Context, call: Call, comments: list[Comment], number: int, count: int) -> Page:
    path = urls.comments_of(call.id, number)
    labels = ctx.labels
    title = labels.format("comments_on_call", reference=call.reference)
    if count > 1:
        title = labels.format("page_of", title=title, number=str(number), count=str(count))
    pager = " · ".join(
        f"**{n}**"
        if n == number
        else md_link(str(n), urls.link(path, urls.comments_of(call.id, n)))
        for n in range(1, count + 1)
    )
    pages_line = sentence(labels["pages_line"], pager=pager) + "\n" if count > 1 else ""
    out = [
        internal_banner(ctx),
        breadcrumbs(path, [(labels["comments"], urls.COMMENTS), (title, None)]),
        f"# {inline(title)}\n",
        pages_line,
        _downloads(ctx, path, call) if number == 1 else "",
        submissions_notice(ctx),
        general_section(ctx, path, comments) if number == 1 else "",
        _table(ctx, path, comments),
        pages_line,
    ]
    return Page(path, title, "\n".join(part for part in out if part), hide=("navigation",))


def _downloads(ctx: Context, path: str, call: Call) -> str:
    """The compilation of the call's comments, as ``redraft export compilation`` writes it."""
    docx, xlsx = compilation_documents(call.id, internal=ctx.internal)
    return download_line(
        ctx,
        path,
        [(ctx.labels["download_docx"], docx), (ctx.labels["download_xlsx"], xlsx)],
        ctx.labels.format("download_compilation", reference=call.reference),
    )


def _of(call: Call, page: int) -> str:
    return urls.comments_of(call.id, page)


def _table(ctx: Context, path: str, comments: list[Comment]) -> str:
    """The comments as a table, filterable by party, note verbale, guideline and disposition."""
    kb = ctx.kb
    labels = ctx.labels
    # The secretariat's words are in the original language; in a language tree they say so.
    original = kb.latest.language if kb.latest else "en"
    secretariat = "" if ctx.tree.is_main else language_attributes(original)
    rows = []
    for comment in comments:
        call = kb.call(comment.call)
        version = kb.version(comment.addressed_in) if comment.addressed_in else None
        own = language_attributes(comment.language)
        text = f"<span{own}>{inline(comment.text)}</span>"
        if comment.proposed:
            text += (
                f" <br>*{inline(labels['proposed'])}:* <span{own}>{inline(comment.proposed)}</span>"
            )
        rationale = inline(comment.rationale or "")
        if secretariat and rationale:
            rationale = f"<span{secretariat}>{rationale}</span>"
        if comment.guideline is not None:
            about = md_link(
                _marked(
                    ctx,
                    guideline_link_text(ctx, comment.guideline),
                    _title_language(ctx, comment.guideline),
                ),
                ctx.to_living(path, comment.guideline),
            )
        else:
            about = inline(_short_subject(ctx, comment))
        rows.append(
            [
                md_link(f"`{comment.id}`", ctx.to_comment(path, comment)),
                md_link(
                    _marked(ctx, inline(ctx.facts.party_name(comment.party)), original),
                    ctx.to_party(path, comment.party),
                ),
                inline(local_date(call.date, ctx.language)) if call else inline(comment.call),
                about,
                inline(_paragraph_cell(ctx, comment)),
                text,
                disposition_badge(
                    comment.disposition, labels[f"disposition_{comment.disposition}"]
                ),
                rationale,
                _version_link(ctx, path, version) if version else "",
            ]
        )
    columns = ",".join(labels[key] for key in FILTER_KEYS)
    keys = ",".join(key.replace("_", "-") for key in FILTER_KEYS)
    words = (
        f' data-filter-keys="{attribute(keys)}" data-all="{attribute(labels["filter_all"])}"'
        f' data-count="{attribute(labels["filter_count"])}"'
        f' data-label="{attribute(labels["filter_label"])}"'
    )
    return (
        f'<div class="redraft-filterable" data-filter-columns="{attribute(columns)}"{words}'
        " markdown>\n\n" + table([inline(labels[key]) for key in TABLE_KEYS], rows) + "\n</div>\n"
    )


def _short_subject(ctx: Context, comment: Comment) -> str:
    """A general comment's Guideline cell: "General", "Introduction", "Part II"."""
    labels = ctx.labels
    if comment.part is not None:
        part = newest_part(ctx.kb, comment.part)
        return labels.format("cell_part", number=part.number if part else comment.part)
    return labels["introduction"] if comment.scope == "introduction" else labels["cell_general"]


def _paragraph_cell(ctx: Context, comment: Comment) -> str:
    """The Para. column: the paragraph's id as the files give it ("a"); in Arabic, the letter
    as UN Arabic texts print it ("(أ)"), since a reader of that tree never sees "a"; a
    paragraph of an explanatory note is named as one, in the tree's language."""
    note_paragraph = note_paragraph_name(ctx, comment) if comment.paragraph else None
    if note_paragraph:
        return note_paragraph
    if not comment.paragraph or ctx.language != "ar":
        return comment.paragraph or ""
    return letter_label(paragraph_label(ctx, comment) or f"({comment.paragraph})", ctx.language)


def _marked(ctx: Context, markdown: str, language: str) -> str:
    """``markdown`` marked with its language where it is not the tree's (a party's name, a
    title not translated into the tree's language), so that it is read and voiced right."""
    if language == ctx.language:
        return markdown
    return f"<span{language_attributes(language)}>{markdown}</span>"


def _title_language(ctx: Context, guideline_id: str) -> str:
    """The language :func:`guideline_link_text` names the guideline in, in this tree."""
    found = ctx.facts.latest_with(guideline_id)
    if found is None:
        return ctx.language
    guideline = found[1]
    return ctx.language if ctx.language in guideline.translations else guideline.text.language


def _version_link(ctx: Context, path: str, version: Version) -> str:
    return md_link(inline(version_name(ctx, version)), ctx.to_version(path, version.id))
