"""``/guidelines/`` and the living page of each guideline, ``/guidelines/<guideline>/``.

The living page follows one guideline through the whole process: its text today, its number in
every version, where it came from and what it became (lineage), its history version by version
with redlines, and every comment it received with what the secretariat decided.  Every
language tree has the same page in its own words: the text, the titles and the redlines in its
language where it has them, the comments as they were received.

Redlines are excluded from the search index section by section (``data-search-exclude`` on their
headings): marked-up words index badly, and the same words are indexed from the text itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from itertools import pairwise

from redraft.kb.model import Comment, Guideline, Version
from redraft.redline.compare import GuidelineChange
from redraft.site import living_comments, meetings, pagination, urls
from redraft.site.blocks import (
    admonition,
    breadcrumbs,
    comment_card,
    guideline_in_version,
    guideline_link_text,
    in_original,
    internal_banner,
    lineage_steps,
    local_date,
    submissions_notice,
    table,
    text_in_tree,
)
from redraft.site.context import BY_VALUE, Context
from redraft.site.identity import header
from redraft.site.page import BOOST_LIVING, BOOST_SUPERSEDED, Page
from redraft.site.reads import PageGroup
from redraft.site.redlines import TabIds, guideline_rows, redline_tabs, status_hints
from redraft.site.text import inline, language_attributes, md_link, sentence
from redraft.site.versions import version_name


def pages(ctx: Context) -> Iterator[Page | PageGroup]:
    # In a group of its own, so that what the index reads (every title) is not read by the
    # family, hence by every living page (:mod:`.reads`).
    yield PageGroup("guidelines", lambda: [index_page(ctx)])
    for guideline_id in ctx.guideline_ids:
        yield PageGroup(f"guideline/{guideline_id}", partial(_living_pages, ctx, guideline_id))


def _living_pages(ctx: Context, guideline_id: str) -> Iterator[Page]:
    """A guideline's living page and its pages of comments, generated again only when a text
    they read changed (:mod:`.reads`)."""
    yield living_page(ctx, guideline_id)
    count = len(living_comments.layout(ctx, guideline_id).pages)
    for number in range(1, count + 1):
        yield comments_page(ctx, guideline_id, number)


def index_page(ctx: Context) -> Page:
    path = urls.GUIDELINES
    labels = ctx.labels
    latest = ctx.kb.latest
    rows = []
    for guideline_id in ctx.guideline_ids:
        found = ctx.latest_with(guideline_id)
        if found is None:
            continue
        version, guideline = found
        title = guideline.in_language(ctx.language).title
        current = latest is not None and version.id == latest.id
        cells = [
            inline(guideline.number) if current else "—",
            md_link(inline(title), urls.link(path, urls.guideline(guideline_id))),
        ]
        if ctx.tree.is_main:
            status = "" if current else f"last in {inline(version_name(ctx, version))}"
            count = len(ctx.facts.comments_by_guideline.get(guideline_id, ()))
            cells += [status, str(count)]
        rows.append(cells)
    headers = [inline(labels["number"]), inline(labels["title"])]
    if ctx.tree.is_main:
        headers += [inline(labels["not_in_latest"]), inline(labels["comments"])]
    intro = ""
    if latest is not None:
        intro = (
            f"Numbers are those of the [{inline(version_name(ctx, latest))}]"
            f"({urls.link(path, urls.version(latest.id))}).\n"
            if ctx.tree.is_main
            else ""
        )
    body = "\n".join(
        [internal_banner(ctx), f"# {inline(labels['guidelines'])}\n", intro, table(headers, rows)]
    )
    return Page(path, labels["guidelines"], body)


def living_page(ctx: Context, guideline_id: str) -> Page:
    path = urls.guideline(guideline_id)
    found = ctx.latest_with(guideline_id)
    assert found is not None
    version, guideline = found
    text = guideline.in_language(ctx.language)
    heading = f"{guideline.number}. {text.title}"
    latest = ctx.kb.latest
    marker = _gone_marker(ctx, guideline_id)
    title = f"{marker} {heading}" if marker else heading
    out = [
        internal_banner(ctx),
        breadcrumbs(path, [(ctx.labels["guidelines"], urls.GUIDELINES), (heading, None)]),
        f"# {inline(title)}\n",
    ]
    boost = BOOST_SUPERSEDED if marker else BOOST_LIVING
    tags = () if marker or not ctx.tree.is_main else former_names(ctx.kb.versions, guideline_id)
    if latest is not None and version.id != latest.id:
        out.append(_gone_notice(ctx, path, guideline_id, version))
    out.append(header(ctx, path, version, guideline_id))
    if ctx.tree.is_main:
        out.append(_standing(ctx, path, guideline_id, version, guideline))
    out.append(_last_change(ctx, guideline, version))
    out.append(f"## {inline(ctx.labels['current_text'])} {{ #current_text }}\n")
    out.append(
        inline(ctx.labels.format("in_version", version=version_name(ctx, version)))
        + f" ([{inline(ctx.labels['whole_version'])}]"
        f"({ctx.to_version(path, version.id, anchor=urls.guideline_anchor(guideline_id))}))\n"
    )
    out.append(text_in_tree(ctx, path, version.id, guideline))
    if ctx.tree.is_main:
        out.append(_translations(ctx, path, guideline_id))
    out.append(_numbers(ctx, path, guideline_id))
    out.append(_lineage(ctx, path, guideline_id))
    out.append(meetings.discussed_section(ctx, path, guideline_id))
    out.append(meetings.references_section(ctx, path, guideline_id))
    out.append(_history(ctx, path, guideline_id))
    out.append(_comments(ctx, path, guideline_id))
    return Page(path, title, "\n".join(part for part in out if part), boost=boost, tags=tags)


def former_names(versions: Sequence[Version], guideline_id: str) -> tuple[str, ...]:
    """What the guidelines this one was formed from were called, as search words: "interlocutory
    sale" for guideline 8, merged from ``interlocutory-sale`` and ``sale-with-consent``.

    A delegate searches for a guideline by the name it had in the negotiation, and the editors'
    id of a former guideline is that name; its title often is not ("Sale of perishable and
    depreciating assets before confiscation").  Given to search as tags, they put the current
    guideline first for that name; they are shown as plain words, never as an id."""
    found: dict[str, None] = {}
    for version in versions:
        guideline = version.guideline(guideline_id)
        if guideline is None:
            continue
        for former in guideline.predecessors:
            if former != guideline_id:
                found[former.replace("-", " ")] = None
    return tuple(found)


def _gone_marker(ctx: Context, guideline_id: str) -> str:
    """ "(deleted in CRP.14)", "(superseded in CRP.14)" for a guideline the latest version no
    longer has: what a search result must say before a delegate quotes the text.  Empty for a
    current guideline."""
    kb = ctx.kb
    found = ctx.facts.latest_with(guideline_id)
    if found is None or kb.latest is None or found[0].id == kb.latest.id:
        return ""
    index = kb.version_index(found[0].id) or 0
    removed_in = kb.versions[index + 1]
    key = "title_superseded_in" if ctx.facts.successors.get(guideline_id) else "title_deleted_in"
    return ctx.labels.format(key, version=version_name(ctx, removed_in))


def _gone_notice(ctx: Context, path: str, guideline_id: str, last: Version) -> str:
    kb = ctx.kb
    labels = ctx.labels
    index = kb.version_index(last.id) or 0
    removed_in = kb.versions[index + 1] if index + 1 < len(kb.versions) else None
    removed = (
        labels.format("removed_in", version=version_name(ctx, removed_in))
        if removed_in
        else labels["removed_later"]
    )
    lines = [inline(removed)]
    successors = ctx.facts.successors.get(guideline_id, ())
    if successors:
        links = ", ".join(
            f"[{guideline_link_text(ctx, s)}]({ctx.to_living(path, s)})" for s in successors
        )
        lines.append(sentence(labels["text_went_into"], links=links))
    return admonition("warning", labels["not_in_latest"], "\n".join(lines))


def _standing(
    ctx: Context, path: str, guideline_id: str, version: Version, guideline: Guideline
) -> str:
    """One sentence: where the guideline sits now and since when it exists."""
    part = version.part(guideline.part)
    where = f"Guideline {inline(guideline.number)} of the {inline(version_name(ctx, version))}"
    if part is not None:
        where += f", part {inline(part.number)} ({inline(part.title_in(ctx.language))})"
    first = ctx.facts.first_with(guideline_id)
    if first is not None and first[0].id != version.id:
        first_version, first_guideline = first
        where += (
            f". First in the [{inline(version_name(ctx, first_version))}]"
            f"({urls.link(path, urls.version_guideline(first_version.id, guideline_id))})"
            f" as guideline {inline(first_guideline.number)}"
        )
    count = len(ctx.facts.comments_by_guideline.get(guideline_id, ()))
    if ctx.tree.is_main:
        where += (
            f". [{count} comment{'s' if count != 1 else ''}](#comments)"
            if count
            else ". No comments"
        )
    return where + ".\n"


def _last_change(ctx: Context, guideline: Guideline, version: Version) -> str:
    """When git last saw this tree's text of the guideline change in the draft: the file in the
    tree's language only (a commit that touched the Chinese file did not change the English
    text).  The commit's subject and hash only where commit messages are shown, the editor's
    name internally only."""
    if not version.is_draft:
        return ""
    if ctx.language == guideline.text.language:
        source = guideline.source.path
    elif ctx.language in guideline.translations:
        source = guideline.translations[ctx.language].source.path
    else:
        return ""
    change = ctx.facts.provenance.last_changed_files.get(source)
    if change is None:
        return ""
    when = ctx.labels.format("last_changed_on", date=local_date(change.date.date(), ctx.language))
    if not ctx.shows_commit_messages:
        return inline(when) + ".\n"
    who = f" by {inline(change.author)}" if ctx.internal else ""
    return f"{inline(when)}{who}: “{inline(change.summary)}” (commit `{change.short}`).\n"


def _translations(ctx: Context, path: str, guideline_id: str) -> str:
    found = ctx.facts.latest_with(guideline_id)
    assert found is not None
    version, guideline = found
    links = []
    for tree in ctx.translated_trees():
        text = guideline.translations.get(tree.language)
        if text is None:
            continue
        target = ctx.cross(path, tree, path)
        link = md_link(
            f"{inline(ctx.labels.language_name(tree.language))}: {inline(text.title)}",
            target,
            tree.language,
        )
        status = ctx.facts.translation_status(ctx, version.id, guideline_id, tree.language)
        if status is not None and status.drifted:
            table_link = urls.link(path, urls.translations(version.id))
            link += f" ([outdated]({table_link}))"
        links.append(link)
    if not links:
        return ""
    return f"{inline(ctx.labels['translations'])}: " + " · ".join(links) + "\n"


def _numbers(ctx: Context, path: str, guideline_id: str) -> str:
    labels = ctx.labels
    rows = []
    for version in ctx.kb.versions:
        found = version.guideline(guideline_id)
        name = inline(version_name(ctx, version))
        if found is None:
            rows.append([name, "—", "", ""])
            continue
        part = version.part(found.part)
        target = ctx.to_version(path, version.id, guideline_id)
        rows.append(
            [
                f"[{name}]({target})",
                inline(found.number),
                _title_in_tree(ctx, found),
                inline(f"{part.number}. {part.title_in(ctx.language)}") if part else "",
            ]
        )
    heading = inline(labels["numbers_heading"])
    headers = [labels["version"], labels["number"], labels["title"], labels["part"]]
    return f"## {heading} {{ #numbers }}\n\n" + table([inline(h) for h in headers], rows)


def _title_in_tree(ctx: Context, guideline: Guideline) -> str:
    """A guideline's title in the tree's language, or in its original language marked as such
    where that version has no translation."""
    text = guideline.in_language(ctx.language)
    if text.language == ctx.language or ctx.tree.is_main:
        return inline(text.title)
    return f"<span{language_attributes(text.language)}>{inline(text.title)}</span>"


def _lineage(ctx: Context, path: str, guideline_id: str) -> str:
    """Where the guideline came from and what it became, as the editors recorded it."""
    lines = []
    for step in lineage_steps(ctx, guideline_id):
        links = ", ".join(
            md_link(guideline_in_version(ctx, other, step.named_in), ctx.to_living(path, other))
            for other in step.others
        )
        when = ctx.labels.format("lineage_in", version=version_name(ctx, step.version))
        lines.append(f"- {inline(when)}: {inline(ctx.labels[step.label])} {links}.")
    if not lines:
        return ""
    return f"## {inline(ctx.labels['lineage'])} {{ #lineage }}\n\n" + "\n".join(lines) + "\n"


def _history(ctx: Context, path: str, guideline_id: str) -> str:
    """Version by version, what happened to the guideline, with its redline: of the originals
    in the main tree, of the texts in its language in a language tree.  Where the tree lacks
    one of the two versions (or that version lacks the guideline in its language), the step
    is still listed with what happened, and says that the wording is compared in the original
    only, with a link to that comparison."""
    labels = ctx.labels
    tabs = TabIds()
    out = [f"## {inline(labels['history'])} {{ #history data-search-exclude }}\n"]
    for before, after in pairwise(ctx.kb.versions):
        if before.guideline(guideline_id) is None and after.guideline(guideline_id) is None:
            continue
        title = f"{version_name(ctx, before)} → {version_name(ctx, after)}"
        anchor = urls.history_anchor(before.id, after.id)
        out.append(f"### {inline(title)} {{ #{anchor} data-search-exclude }}\n")
        in_tree = ctx.has_version(before.id) and ctx.has_version(after.id)
        language = None if ctx.tree.is_main or not in_tree else ctx.language
        change, diff_language = ctx.facts.read_by_value(
            ctx, ("guideline change", before.id, after.id, language, guideline_id)
        )
        if change is None:  # in neither version: the loop above skipped those already
            continue
        # Only a changed guideline has its own section (and anchor) on the compare pages.
        if change.changes:
            where, anchor_there = pagination.location(
                ctx, before.id, after.id, guideline_id, language
            )
        else:
            where, anchor_there = urls.compare(before.id, after.id), None
        compare_link = (
            f"[{inline(labels['compare_whole_versions'])}]({urls.link(path, where, anchor_there)})"
            if in_tree
            else ""
        )
        if not change.changes and not in_tree:
            out.append(inline(labels["no_change"]) + "\n")
            continue
        if not change.changes:
            out.append(f"{inline(labels['no_change'])} {compare_link}\n")
            continue
        words = ", ".join(labels[f"change_{kind}"] for kind in change.changes)
        changes = labels.format("what_changed", changes=words[0].upper() + words[1:])
        out.append(f"{inline(changes)} {compare_link}".rstrip() + "\n")
        if change.compared and in_tree:
            out.append(
                redline_tabs(
                    guideline_rows(change),
                    version_name(ctx, before),
                    version_name(ctx, after),
                    tabs,
                    diff_language,
                    (labels["view_inline"], labels["view_side_by_side"]),
                    labels["needs_script"],
                    status_hints(labels),
                )
            )
        else:
            out.append(_not_compared(ctx, path, before, after, change.id))
        addressed = _addressed_in(ctx, guideline_id, after.id)
        if addressed:
            links = ", ".join(
                md_link(
                    f"{in_original(ctx, inline(ctx.facts.party_name(c.party)))} ({c.id})",
                    f"#{urls.comment_anchor(c.id)}"
                    if c.guideline == guideline_id
                    and not living_comments.layout(ctx, guideline_id).split
                    else ctx.to_comment(path, c),
                )
                for c in addressed
            )
            out.append(sentence(labels["addressed_in_version"], links=links) + "\n")
    if len(out) == 1:
        return ""
    return "\n".join(out)


def _not_compared(
    ctx: Context, path: str, before: Version, after: Version, guideline_id: str
) -> str:
    """In a language tree, where one of the two versions has no text of the guideline in its
    language: which, and the comparison of the originals in the main tree."""
    labels = ctx.labels
    language = ctx.language
    missing_in = ", ".join(
        version_name(ctx, v)
        for v in (before, after)
        if v.guideline(guideline_id) is not None and guideline_id in v.untranslated(language)
    )
    words = labels.format(
        "not_compared_in", language=labels.language_name(language), versions=missing_in
    )
    where, anchor = pagination.location(ctx, before.id, after.id, guideline_id)
    original = ctx.cross(path, ctx.main, where, anchor)
    link = md_link(inline(labels["compare_original"]), original, ctx.main.language)
    return f"{inline(words)} {link}.\n"


def _addressed_in(ctx: Context, guideline_id: str, version_id: str) -> list[Comment]:
    """Comments on this guideline or its ancestors that the secretariat addressed in a version."""
    family = (guideline_id, *ctx.facts.ancestors(guideline_id))
    found = []
    for member in family:
        for comment in ctx.facts.comments_by_guideline.get(member, ()):
            if comment.addressed_in == version_id and comment.disposition != "pending":
                found.append(comment)
    return found


def _comments(ctx: Context, path: str, guideline_id: str) -> str:
    labels = ctx.labels
    own, inherited = living_comments.own_and_inherited(ctx, guideline_id)
    out = [f"## {inline(labels['comments'])} {{ #comments }}\n"]
    if not own and not inherited:
        out.append(inline(labels["no_comments_on_guideline"]) + "\n")
        return "\n".join(out)
    if living_comments.layout(ctx, guideline_id).split:
        out.append(_comment_counts(ctx, path, guideline_id, own, inherited))
        return "\n".join(out)
    out.append(submissions_notice(ctx))
    out.extend(_comments_by_call(ctx, path, own, show_guideline=False))
    if inherited:
        heading = inline(labels["inherited_comments"])
        out.append(f"### {heading} {{ #inherited_comments }}\n")
        out.extend(_comments_by_call(ctx, path, inherited, show_guideline=True, level="####"))
    return "\n".join(out)


def _comment_counts(
    ctx: Context, path: str, guideline_id: str, own: list[Comment], inherited: list[Comment]
) -> str:
    """For a guideline whose comments have pages of their own: how many came with each note
    verbale (and how many are inherited), each linked to the page where they start."""
    layout = living_comments.layout(ctx, guideline_id)
    rows = []
    for group, inherited_group in ((own, False), (inherited, True)):
        for call in ctx.kb.calls:
            chosen = living_comments.in_display_order(ctx, [c for c in group if c.call == call.id])
            if not chosen:
                continue
            version = ctx.kb.version(call.version)
            about = version_name(ctx, version) if version else call.version
            heading = ctx.labels.format(
                "comments_on_version", version=about, date=local_date(call.date, ctx.language)
            )
            if inherited_group:
                heading = f"{ctx.labels['inherited_comments']}: {heading}"
            number = layout.page_of(chosen[0].id) or 1
            target = urls.link(path, living_comments.page_path(guideline_id, number))
            rows.append([md_link(inline(heading), target), str(len(chosen))])
    pages = " · ".join(
        md_link(str(n), urls.link(path, living_comments.page_path(guideline_id, n)))
        for n in range(1, len(layout.pages) + 1)
    )
    headers = [inline(ctx.labels["note_verbale"]), inline(ctx.labels["comments"])]
    return table(headers, rows) + f'\n<nav class="redraft-pager" markdown>{pages}</nav>\n'


def comments_page(ctx: Context, guideline_id: str, number: int) -> Page:
    """Page ``number`` of the comments of a guideline that has too many for its living page:
    its own comments by note verbale, then the inherited ones, as the living page would list
    them."""
    path = living_comments.page_path(guideline_id, number)
    labels = ctx.labels
    found = ctx.latest_with(guideline_id)
    assert found is not None
    _, guideline = found
    heading = f"{guideline.number}. {guideline.in_language(ctx.language).title}"
    layout = living_comments.layout(ctx, guideline_id)
    here = set(layout.pages[number - 1])
    own, inherited = living_comments.own_and_inherited(ctx, guideline_id)
    own = [c for c in own if c.id in here]
    inherited = [c for c in inherited if c.id in here]
    title = f"{heading}: {labels['comments']} ({number}/{len(layout.pages)})"
    pager = " · ".join(
        f"**{n}**"
        if n == number
        else md_link(str(n), urls.link(path, living_comments.page_path(guideline_id, n)))
        for n in range(1, len(layout.pages) + 1)
    )
    out = [
        internal_banner(ctx),
        breadcrumbs(
            path,
            [
                (labels["guidelines"], urls.GUIDELINES),
                (heading, urls.guideline(guideline_id)),
                (f"{labels['comments']} {number}", None),
            ],
        ),
        f"# {inline(title)}\n",
        f'<nav class="redraft-pager" markdown>{pager}</nav>\n',
        submissions_notice(ctx),
    ]
    out.extend(_comments_by_call(ctx, path, own, show_guideline=False, level="##"))
    if inherited:
        out.append(f"## {inline(labels['inherited_comments'])} {{ #inherited_comments }}\n")
        out.extend(_comments_by_call(ctx, path, inherited, show_guideline=True))
    out.append(f'<p class="redraft-pager" markdown>{pager}</p>\n')
    return Page(path, title, "\n".join(part for part in out if part))


def _comments_by_call(
    ctx: Context,
    path: str,
    comments: list[Comment] | tuple[Comment, ...],
    *,
    show_guideline: bool,
    level: str = "###",
) -> list[str]:
    out = []
    for call in ctx.kb.calls:
        chosen = [c for c in comments if c.call == call.id]
        if not chosen:
            continue
        version = ctx.kb.version(call.version)
        about = version_name(ctx, version) if version else call.version
        anchor = f"comments_{urls.segment(call.id)}" + ("_inherited" if show_guideline else "")
        heading = ctx.labels.format(
            "comments_on_version", version=about, date=local_date(call.date, ctx.language)
        )
        out.append(f"{level} {inline(heading)} {{ #{anchor} }}\n")
        for comment in sorted(chosen, key=lambda c: (c.paragraph or "", c.party, c.id)):
            out.append(comment_card(ctx, path, comment, show_guideline=show_guideline))
    return out


def _change_in(
    ctx: Context, before_id: str, after_id: str, language: str | None, guideline_id: str
) -> tuple[GuidelineChange | None, str | None]:
    """One guideline's entry in a whole comparison, and the comparison's language: read by
    value (:mod:`.reads`), so that a guideline's history depends on its own change, not on
    every word of the two versions."""
    diff = ctx.facts.diff(before_id, after_id, language)
    return diff.guideline(guideline_id), diff.language


BY_VALUE["guideline change"] = _change_in
