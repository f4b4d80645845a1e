"""``/compare/`` and ``/compare/<from>/<to>/`` for every pair of versions, older to newer.

A comparison opens with the structural summary (new, deleted, renumbered, moved, merged, split
guidelines and parts), kept apart from wording, then gives each changed guideline's redline,
inline and side by side, with the comments the newer version addressed.  Each guideline is
anchored by its id, so ``/compare/<from>/<to>/#<guideline>`` compares one guideline.

Compare pages are left out of the search index: their words are the versions' words, indexed
once from the version pages, and marked-up text indexes badly.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from redraft.kb.model import RTL_LANGUAGES, Comment, Version
from redraft.site import pagination, urls
from redraft.site.blocks import (
    breadcrumbs,
    guideline_in_version,
    internal_banner,
    submissions_notice,
)
from redraft.site.context import BY_VALUE, Context
from redraft.site.documents import as_pdf, compare_document, download_line
from redraft.site.identity import Pair, compare_chooser
from redraft.site.page import Page
from redraft.site.reads import PageGroup
from redraft.site.redlines import (
    RedlineRow,
    TabIds,
    guideline_rows,
    paragraph_row,
    redline_tabs,
    status_hints,
)
from redraft.site.text import inline, md_link
from redraft.site.versions import version_name

if TYPE_CHECKING:
    from redraft.redline.compare import GuidelineChange, VersionDiff


def pairs(ctx: Context) -> Iterator[tuple[Version, Version]]:
    """Every pair of this tree's versions, older first: in a language tree, the versions that
    have a text in its language."""
    versions = ctx.versions
    for i, older in enumerate(versions):
        for newer in versions[i + 1 :]:
            yield older, newer


def pages(ctx: Context) -> Iterator[Page | PageGroup]:
    yield PageGroup("compare", lambda: [index_page(ctx)])
    for older, newer in pairs(ctx):
        yield _group(ctx, older, newer)
        # The same comparison read back in time: a delegate holding the newer text asks what
        # it changed from the older one, and the chooser offers any two versions either way.
        yield _group(ctx, newer, older)


def _group(ctx: Context, first: Version, second: Version) -> PageGroup:
    """One comparison's pages, generated again only when a text they read changed."""
    return PageGroup(f"compare/{first.id}/{second.id}", lambda: compare_pages(ctx, first, second))


def diff_for(ctx: Context, older: Version, newer: Version) -> VersionDiff:
    """The comparison this tree shows: of the originals, or of the texts in its language."""
    language = None if ctx.tree.is_main else ctx.language
    return ctx.facts.diff(older.id, newer.id, language)


def index_page(ctx: Context) -> Page:
    path = urls.COMPARE
    labels = ctx.labels
    out = [internal_banner(ctx), f"# {inline(labels['compare'])}\n"]
    if ctx.tree.is_main:
        out.append(inline(labels["compare_intro"]) + "\n")
    else:
        language = labels.language_name(ctx.language)
        out.append(inline(labels.format("compare_intro_translated", language=language)) + "\n")
    versions = ctx.versions
    if len(versions) < 2:
        out.append(inline(labels["compare_none"]) + "\n")
    for i, older in enumerate(versions[:-1]):
        heading = labels.format("from_version", version=version_name(ctx, older))
        out.append(f"## {inline(heading)} {{ #from_{urls.segment(older.id)} }}\n")
        items = []
        for newer in versions[i + 1 :]:
            in_language = None if ctx.tree.is_main else ctx.language
            key = ("changed count", older.id, newer.id, in_language)
            changed = ctx.facts.read_by_value(ctx, key)
            count = labels.format("guidelines_changed", count=str(changed))
            to = labels.format("to_version", version=version_name(ctx, newer))
            back = md_link(
                inline(labels["compare_reverse"]), urls.link(path, urls.compare(newer.id, older.id))
            )
            items.append(
                f"- {md_link(inline(to), urls.link(path, urls.compare(older.id, newer.id)))}"
                f" — {inline(count)} ({back})"
            )
        out.append("\n".join(items) + "\n")
    if len(versions) >= 2:
        out.insert(3, compare_chooser(ctx, path, Pair(versions[-2], versions[-1])))
    return Page(path, labels["compare"], "\n".join(out))


def compare_pages(ctx: Context, older: Version, newer: Version) -> Iterator[Page]:
    """The comparison of two versions: its first page (summary, title and introduction, the
    first changed guidelines, the unchanged ones), then as many pages as the changed guidelines
    need, :data:`~.pagination.PAGE_SIZE` to a page."""
    diff = diff_for(ctx, older, newer)
    shown = pagination.shown(diff)
    count = pagination.page_count(diff)
    addressed = _addressed_between(ctx, *_in_time(older, newer, diff)) if shown else {}

    def numbered(has_whole: bool, sizes: list[int] | None = None) -> list[Page]:
        made = []
        for number in range(1, count + 1):
            start = (number - 1) * pagination.PAGE_SIZE
            chunk = shown[start : start + pagination.PAGE_SIZE]
            page = _compare_page(
                ctx, older, newer, diff, chunk, addressed, number, count, has_whole, sizes
            )
            made.append(page)
        return made

    sizes: list[int] = []
    made = numbered(False, sizes)
    # The whole comparison on one page, if it is short enough.  Every guideline's part of it is
    # at least as long as on the numbered pages (its links climb one folder more or as many,
    # its tab numbers count on), so when those parts alone pass the budget the whole page is
    # not made only to be measured and dropped: at M, every comparison of more than one page.
    if count > 1 and sum(sizes) <= pagination.WHOLE_PAGE_BUDGET:
        whole = _compare_page(ctx, older, newer, diff, shown, addressed, 0, count)
        if len(whole.markdown().encode("utf-8")) <= pagination.WHOLE_PAGE_BUDGET:
            yield from numbered(True)
            yield whole
            return
    yield from made


def _in_time(first: Version, second: Version, diff: VersionDiff) -> tuple[Version, Version]:
    """The two versions of a comparison in the order of time, whichever way it reads."""
    return (first, second) if diff.forward else (second, first)


def _compare_page(
    ctx: Context,
    older: Version,
    newer: Version,
    diff: VersionDiff,
    chunk: list[GuidelineChange],
    addressed: dict[str, list[Comment]],
    number: int,
    count: int,
    has_whole: bool = False,
    sizes: list[int] | None = None,
) -> Page:
    """Page ``number`` of ``count`` of a comparison; number 0 is the whole comparison on one
    page (``has_whole`` says the other pages can link to it).  ``sizes`` is given the length,
    in bytes, of each guideline's part of the page (heading, redline, addressed comments)."""
    whole = number == 0
    path = (
        pagination.whole_path(older.id, newer.id)
        if whole
        else pagination.page_path(older.id, newer.id, number)
    )
    first = urls.compare(older.id, newer.id)
    labels = ctx.labels
    old_name, new_name = version_name(ctx, older), version_name(ctx, newer)
    pair_title = f"{old_name} {_arrow(ctx)} {new_name}"
    title = pair_title
    if whole:
        title = labels.format("compare_whole_title", old=old_name, arrow=_arrow(ctx), new=new_name)
    elif count > 1:
        title += f" ({number}/{count})"
    old_link = md_link(inline(old_name), ctx.to_version(path, older.id))
    new_link = md_link(inline(new_name), ctx.to_version(path, newer.id))
    lead = _with_links(labels["compare_lead"], old_link, new_link)
    trail: list[tuple[str, str | None]] = [(labels["compare_short"], urls.COMPARE)]
    if number > 1 or whole:
        trail += [(pair_title, first), (str(number) if number else title, None)]
    else:
        trail.append((title, None))
    out = [
        internal_banner(ctx),
        breadcrumbs(path, trail),
        f"# {inline(title)}\n",
        lead + "\n",
    ]
    if not diff.forward:
        out.append(inline(labels["compare_backwards"]) + "\n")
    if whole:
        out.append(inline(labels["compare_whole_lead"]) + "\n")
    if number == 1:
        out.append(compare_chooser(ctx, path, Pair(older, newer)))
    if number <= 1:
        redline = compare_document(older.id, newer.id, internal=ctx.internal)
        downloads = download_line(
            ctx, path, [(labels["download_redline"], redline), ("PDF", as_pdf(redline))]
        )
        if downloads:
            out.append(downloads)
    if not ctx.tree.is_main:
        original = ctx.cross(path, ctx.main, first)
        out.append(f"{md_link(inline(labels['compare_original']), original, ctx.main.language)}\n")
    pager = "" if whole else _pager(path, older.id, newer.id, number, count)
    if pager and has_whole:
        one_page = urls.link(path, pagination.whole_path(older.id, newer.id))
        pager = pager.replace(
            "</nav>", f" · {md_link(inline(labels['compare_whole']), one_page)}</nav>"
        )
    if pager:
        out.append(pager)
    views = (labels["view_inline"], labels["view_side_by_side"])
    no_script = labels["needs_script"]
    hints = status_hints(labels)
    tabs = TabIds()
    if number <= 1:
        out.append(f"## {inline(labels['summary'])} {{ #compare_summary }}\n")
        out.append(_summary(ctx, path, diff, whole))
        intro_rows = [paragraph_row(p) for p in diff.introduction if p.changed]
        title_changed = any(op != "equal" for op, _ in diff.title_ops)
        if title_changed or intro_rows:
            heading = inline(labels["title_and_introduction"])
            out.append(f"## {heading} {{ #compare_introduction }}\n")
            rows = []
            if title_changed:
                rows.append(
                    RedlineRow(
                        label=(), text=tuple(diff.title_ops), status="changed", css="redraft-title"
                    )
                )
            rows.extend(intro_rows)
            out.append(
                redline_tabs(rows, old_name, new_name, tabs, diff.language, views, no_script, hints)
            )
    if chunk:
        out.append(f"## {inline(labels['changes_by_guideline'])} {{ #compare_guidelines }}\n")
        if any(addressed.get(g.id) for g in chunk):
            out.append(submissions_notice(ctx))
    for change in chunk:
        parts = [_guideline_section(ctx, path, diff, change)]
        if change.compared:
            rows = guideline_rows(change, diff.forward)
            parts.append(
                redline_tabs(rows, old_name, new_name, tabs, diff.language, views, no_script, hints)
            )
        if addressed.get(change.id):
            parts.append(_addressed_line(ctx, path, addressed[change.id]))
        out.extend(parts)
        if sizes is not None:
            sizes.extend(len(part.encode("utf-8")) for part in parts)
    unchanged = diff.summary.unchanged
    if unchanged and number <= 1:
        out.append(f"## {inline(labels['unchanged'])} {{ #compare_unchanged }}\n")
        out.append(
            ", ".join(
                f"[{_number_title(ctx, newer, gid)}]({ctx.to_living(path, gid)})"
                for gid in unchanged
            )
            + ".\n"
        )
    if pager and chunk:
        # The same links again at the foot, as a paragraph: a second navigation landmark with the
        # same name would be one landmark too many for a screen reader's list (axe).
        out.append(pager.replace("<nav ", "<p ", 1).replace("</nav>", "</p>"))
    return Page(path, title, "\n".join(out), search=False, hide=("navigation",))


def _pager(path: str, older_id: str, newer_id: str, number: int, count: int) -> str:
    """``1 · 2 · 3``: the pages of one comparison (nothing when it has one)."""
    if count < 2:
        return ""
    links = [
        f"**{n}**"
        if n == number
        else md_link(str(n), urls.link(path, pagination.page_path(older_id, newer_id, n)))
        for n in range(1, count + 1)
    ]
    return '<nav class="redraft-pager" markdown>' + " · ".join(links) + "</nav>\n"


def _with_links(template: str, old: str, new: str) -> str:
    """A sentence with ``{old}`` and ``{new}`` (in that order) replaced by Markdown links, the
    rest of it escaped as outside text."""
    before, rest = template.split("{old}", 1)
    middle, after = rest.split("{new}", 1)
    return _piece(before) + old + _piece(middle) + new + _piece(after)


def _piece(text: str) -> str:
    """``inline`` for a piece of a sentence, keeping the spaces at its ends."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + inline(text) + trail


def _guideline_section(ctx: Context, path: str, diff: VersionDiff, change: GuidelineChange) -> str:
    """A changed guideline's heading, what happened to it and its lineage (its redline
    follows)."""
    labels = ctx.labels
    number = change.to_number or change.from_number or ""
    name = change.to_title or change.from_title or change.id
    out = [f"### {inline(number)}. {inline(name)} {{ #{urls.guideline_anchor(change.id)} }}\n"]
    words = ", ".join(labels[f"change_{kind}"] for kind in change.changes)
    sentence = inline(words[:1].upper() + words[1:])
    if change.from_number and change.to_number and change.from_number != change.to_number:
        moved = labels.format("renumbered_from_to", old=change.from_number, new=change.to_number)
        sentence += f" ({inline(moved)})"
    living = md_link(inline(labels["history_and_comments"]), ctx.to_living(path, change.id))
    out.append(f"{sentence}. {living}.\n" if sentence else f"{living}.\n")
    if not change.compared:
        versions = ", ".join(
            version_name(ctx, v) for v in ctx.kb.versions if v.id in change.untranslated_in
        )
        language = labels.language_name(diff.language)
        missing = labels.format("not_compared_in", language=language, versions=versions)
        where, anchor = pagination.location(ctx, diff.from_id, diff.to_id, change.id)
        original = ctx.cross(path, ctx.main, where, anchor)
        out.append(f"{inline(missing)} {md_link(inline(labels['compare_original']), original)}.\n")
    lineage = _lineage_line(ctx, path, diff, change)
    if lineage:
        out.append(lineage)
    return "\n".join(out)


def _addressed_line(ctx: Context, path: str, addressed: list[Comment]) -> str:
    """The comments a change addressed, linked where they are shown: on the main tree's
    living page, in the language they were received in."""
    if not addressed:
        return ""
    links = ", ".join(
        md_link(
            f"{inline(ctx.facts.party_name(c.party))} ({inline(c.id)})",
            ctx.to_comment(path, c),
        )
        for c in addressed
    )
    return f"{inline(ctx.labels['comments_addressed'])} {links}.\n"


def _number_title(ctx: Context, version: Version, guideline_id: str) -> str:
    guideline = version.guideline(guideline_id)
    if guideline is None:
        return inline(guideline_id)
    title = guideline.in_language(ctx.language).title
    return inline(f"{guideline.number}. {title}")


def _summary(ctx: Context, path: str, diff: VersionDiff, whole: bool = False) -> str:
    """What happened to guidelines and parts as units, one line per kind of change; on the
    whole comparison's page, every link stays on the page."""
    labels = ctx.labels
    lines = []
    for kind, ids in diff.summary.guidelines.items():
        if ids:
            links = "; ".join(_summary_link(ctx, path, diff, gid, whole) for gid in ids)
            lines.append(f"- **{inline(labels[f'kind_{kind}'])}** ({len(ids)}): {links}")
    for kind, ids in diff.summary.parts.items():
        if not ids:
            continue
        names = []
        for pid in ids:
            part = next((p for p in diff.parts if p.id == pid), None)
            if part is None:
                names.append(inline(pid))
                continue
            number = part.to_number or part.from_number or ""
            names.append(inline(f"{number}. {part.to_title or part.from_title or pid}"))
        lines.append(f"- **{inline(labels[f'parts_{kind}'])}** ({len(ids)}): {'; '.join(names)}")
    if diff.untranslated:
        heading = labels.format("not_compared", language=labels.language_name(diff.language))
        links = "; ".join(_summary_link(ctx, path, diff, gid, whole) for gid in diff.untranslated)
        lines.append(f"- **{inline(heading)}** ({len(diff.untranslated)}): {links}")
    if not lines:
        return inline(labels["versions_same"]) + "\n"
    unchanged = len(diff.summary.unchanged)
    word = inline(labels["unchanged"])
    lines.append(
        f"- **{word}** ({unchanged}): [{inline(labels['listed_below'])}](#compare_unchanged)"
        if unchanged
        else f"- **{word}**: {inline(labels['none'])}"
    )
    return "\n".join(lines) + "\n"


def _arrow(ctx: Context) -> str:
    """From older to newer in the reading direction: a right-to-left line reads "old ← new"."""
    return "←" if ctx.language in RTL_LANGUAGES else "→"


def _summary_link(
    ctx: Context, path: str, diff: VersionDiff, guideline_id: str, whole: bool = False
) -> str:
    change = diff.guideline(guideline_id)
    if change is None:
        return inline(guideline_id)
    if change.from_number and change.to_number and change.from_number != change.to_number:
        number = f"{change.from_number} {_arrow(ctx)} {change.to_number}"
    else:
        number = change.to_number or change.from_number or ""
    title = change.to_title or change.from_title or guideline_id
    language = None if ctx.tree.is_main else ctx.language  # the site compares older to newer
    where, anchor = pagination.location(ctx, diff.from_id, diff.to_id, guideline_id, language)
    if whole:
        where = path
    return f"[{inline(number)}. {inline(title)}]({_on_page(path, where, anchor)})"


def _lineage_line(ctx: Context, path: str, diff: VersionDiff, change: GuidelineChange) -> str:
    parts = []
    language = None if ctx.tree.is_main else ctx.language
    first, second = ctx.kb.version(diff.from_id), ctx.kb.version(diff.to_id)
    assert first is not None and second is not None
    older, newer = _in_time(first, second, diff)
    # Where a guideline came from is named as it stood in the older version, where it went as it
    # stands in the newer one: the numbers a delegate finds in the document in hand.
    for key, ids, version in (
        ("lineage_merged_from", change.merged_from, older),
        ("lineage_merged_into", change.merged_into, newer),
        ("lineage_split_from", change.split_from, older),
        ("lineage_split_into", change.split_into, newer),
        ("lineage_replaces", change.replaces, older),
        ("lineage_replaced_by", change.replaced_by, newer),
    ):
        if ids:
            links = ", ".join(
                md_link(
                    guideline_in_version(ctx, i, version),
                    _on_page(path, *_where(ctx, diff, i, language)),
                )
                for i in ids
            )
            parts.append(f"{inline(ctx.labels[key])} {links}")
    return "; ".join(parts) + ".\n" if parts else ""


def _where(
    ctx: Context, diff: VersionDiff, guideline_id: str, language: str | None
) -> tuple[str, str]:
    return pagination.location(ctx, diff.from_id, diff.to_id, guideline_id, language)


def _on_page(path: str, where: str, anchor: str) -> str:
    """A link to ``anchor`` of the page ``where``, as short as it can be from ``path``."""
    return f"#{anchor}" if where == path else urls.link(path, where, anchor)


def _addressed_between(ctx: Context, older: Version, newer: Version) -> dict[str, list[Comment]]:
    """Comments addressed in a version after ``older`` up to ``newer``, by the guideline they
    were about and by every guideline descending from it in ``newer``."""
    start, end = ctx.kb.version_index(older.id), ctx.kb.version_index(newer.id)
    found: dict[str, list[Comment]] = {}
    if start is None or end is None:
        return found
    for index, comment in ctx.facts.addressed_on_guidelines:
        if not start < index <= end:
            continue
        assert comment.guideline is not None
        targets = {comment.guideline, *ctx.facts.successors.get(comment.guideline, ())}
        for target in sorted(targets):
            found.setdefault(target, []).append(comment)
    return found


def _changed_count(ctx: Context, older_id: str, newer_id: str, language: str | None) -> int:
    """How many of the newer version's guidelines changed (read by value, :mod:`.reads`): a
    deleted or merged-away guideline of the older one is not one of "the draft's 16", though
    the comparison lists it."""
    diff = ctx.facts.diff(older_id, newer_id, language)
    newer = ctx.kb.version(newer_id)
    return sum(1 for g in diff.summary.changed if newer and newer.guideline(g) is not None)


BY_VALUE["changed count"] = _changed_count
