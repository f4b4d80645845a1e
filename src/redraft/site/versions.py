"""``/versions/``, ``/versions/<version>/`` and ``/versions/<version>/<guideline>/``.

A version page reproduces the document as circulated: symbol, date, meeting, introduction, parts,
every guideline with its paragraphs (each with an anchor ``#<guideline>_<paragraph>``) and
explanatory notes.  A version-guideline page is one guideline as it stood in that version, with
its neighbours and the same guideline in every other version.  Language trees get the same pages
in their language; where a version lacks a guideline's text in that language, a notice says so and
links to the original.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from redraft.kb.model import Guideline, Part, Version
from redraft.redline.drift import languages_of
from redraft.site import urls, version_pages
from redraft.site.blocks import (
    breadcrumbs,
    definitions,
    internal_banner,
    local_date,
    table,
    text_in_tree,
)
from redraft.site.context import Context
from redraft.site.documents import as_pdf, download_line, version_document
from redraft.site.identity import header
from redraft.site.page import BOOST_SUPERSEDED, BOOST_WHOLE_VERSION, Page
from redraft.site.reads import PageGroup
from redraft.site.text import guideline_markdown, inline, md_link


def pages(ctx: Context) -> Iterator[Page | PageGroup]:
    yield PageGroup("versions", lambda: [index_page(ctx)])
    for version in ctx.versions:
        yield PageGroup(f"version/{version.id}", partial(_whole_version, ctx, version))
        for guideline in version.guidelines:
            yield PageGroup(
                f"version/{version.id}/{guideline.id}",
                partial(_one_guideline, ctx, version, guideline),
            )


def _whole_version(ctx: Context, version: Version) -> Iterator[Page]:
    yield version_page(ctx, version)
    count = len(version_pages.layout(ctx, version.id).pages)
    for number in range(1, count + 1):
        yield version_part_page(ctx, version, number)


def _one_guideline(ctx: Context, version: Version, guideline: Guideline) -> Iterator[Page]:
    yield guideline_page(ctx, version, guideline)


def version_name(ctx: Context, version: Version) -> str:
    return ctx.labels["working_draft"] if version.is_draft else (version.symbol or version.id)


def version_link(ctx: Context, path: str, version: Version) -> str:
    return md_link(inline(version_name(ctx, version)), ctx.to_version(path, version.id))


def _part_title(ctx: Context, part: Part) -> str:
    title = inline(part.title_in(ctx.language))
    return f"{inline(ctx.labels['part'])} {inline(part.number)}. {title}"


def version_title(ctx: Context, version: Version) -> str:
    return version.translated_titles.get(ctx.language, version.title)


def status_words(ctx: Context, version: Version) -> str:
    return ctx.labels[f"status_{version.status}"]


def index_page(ctx: Context) -> Page:
    path = urls.VERSIONS
    labels = ctx.labels
    rows = []
    for version in reversed(ctx.versions):
        rows.append(
            [
                version_link(ctx, path, version),
                inline(version_title(ctx, version)),
                inline(local_date(version.date, ctx.language)),
                inline(version.in_language(ctx.language).meeting or ""),
                inline(status_words(ctx, version)),
                str(len(version.guidelines)),
            ]
        )
    body = [
        internal_banner(ctx),
        f"# {inline(labels['versions'])}\n",
        table(
            [
                inline(labels["version"]),
                inline(labels["title"]),
                inline(labels["date"]),
                inline(labels["meeting"]),
                inline(labels["status"]),
                inline(labels["guidelines"]),
            ],
            rows,
        ),
    ]
    if ctx.tree.is_main and len(ctx.kb.versions) > 1:
        compare = md_link("Compare", urls.link(path, urls.COMPARE))
        concordance = md_link("Concordance", urls.link(path, urls.CONCORDANCE))
        body.append(
            f"To see what changed between two versions, open {compare}; to find a guideline's "
            f"number in each version, the {concordance}.\n"
        )
    return Page(path, labels["versions"], "\n".join(body))


def _metadata(ctx: Context, version: Version) -> str:
    """Symbol, date, meeting and status as a definition list."""
    labels = ctx.labels
    entries = []
    if version.symbol:
        entries.append((labels["symbol"], version.symbol))
    if version.date:
        entries.append((labels["date"], local_date(version.date, ctx.language)))
    meeting = version.in_language(ctx.language).meeting
    if meeting:
        entries.append((labels["meeting"], meeting))
    entries.append((labels["status"], status_words(ctx, version)))
    return definitions(entries)


def _meeting_links(ctx: Context, path: str, version: Version) -> list[str]:
    """The meetings that discussed this version (the last text before them), linked."""
    # imported here: the meeting pages name versions with this module's version_name
    from redraft.site.meetings import meeting_title_markdown, to_meeting

    return [
        f"{inline(ctx.labels['discussed_at'])}: "
        f"[{meeting_title_markdown(ctx, meeting)}]({to_meeting(ctx, path, meeting)})"
        for meeting in ctx.kb.meetings
        if meeting.version == version.id
    ]


def _version_links(ctx: Context, path: str, version: Version) -> str:
    """Earlier/later version, comparison and other languages: one line of links."""
    versions = ctx.versions
    links = []
    index = versions.index(version)
    if index > 0:
        before = versions[index - 1]  # named in the header; here, what changed since it
        if ctx.tree.is_main:
            links.append(
                f"[What changed since {inline(version_name(ctx, before))}]"
                f"({urls.link(path, urls.compare(before.id, version.id))})"
            )
    if index + 1 < len(versions):
        after = versions[index + 1]
        links.append(f"{inline(ctx.labels['next'])}: {version_link(ctx, path, after)}")
    links.extend(_language_links(ctx, path, version))
    links.extend(_meeting_links(ctx, path, version))
    if ctx.tree.is_main and len(languages_of(ctx.kb)) > 1:
        links.append(f"[Translation status]({urls.link(path, urls.translations(version.id))})")
    return " · ".join(links) + "\n" if links else ""


def _language_links(ctx: Context, path: str, version: Version) -> list[str]:
    """Links to this page of ``version`` in the other language trees that have the version."""
    out = []
    for tree in ctx.trees:
        if tree.language == ctx.language:
            continue
        if not tree.is_main and tree.language not in version.languages:
            continue
        name = ctx.labels.language_name(tree.language)
        out.append(md_link(inline(name), ctx.cross(path, tree, path), tree.language))
    return out


def version_page(ctx: Context, version: Version) -> Page:
    path = urls.version(version.id)
    labels = ctx.labels
    name = version_name(ctx, version)
    out = [
        internal_banner(ctx),
        breadcrumbs(path, [(labels["versions"], urls.VERSIONS), (name, None)]),
        f"# {inline(name)}\n",
        f"**{inline(version_title(ctx, version))}**\n",
        header(ctx, path, version),
        _metadata(ctx, version),
        _version_links(ctx, path, version),
    ]
    downloads = _downloads(ctx, path, version)
    if downloads:
        out.append(downloads)
    introduction = version.translated_introductions.get(ctx.language, version.introduction)
    if introduction.strip():
        out.append(f"## {inline(labels['introduction'])} {{ #version_introduction }}\n")
        out.append(_markdown_blocks(introduction))
    out.append(f"## {inline(labels['contents'])} {{ #version_contents }}\n")
    out.append(_contents(ctx, path, version))
    layout = version_pages.layout(ctx, version.id)
    if layout.split:
        # The guidelines follow on pages of their own (the downloads above are the whole text).
        out.append(_pager(ctx, path, version, 0))
    else:
        for part in version.parts:
            out.append(f"## {_part_title(ctx, part)} {{ #{urls.part_anchor(part.id)} }}\n")
            for guideline_id in part.guideline_ids:
                guideline = version.guideline(guideline_id)
                if guideline is None:
                    continue
                out.extend(_guideline_block(ctx, path, version, guideline))
    # Every version, old ones too: a page of any version is where its symbol leads.
    boost = BOOST_WHOLE_VERSION
    tags = (version.symbol,) if version.symbol else ()
    return Page(
        path, f"{name}: {version_title(ctx, version)}", "\n".join(out), boost=boost, tags=tags
    )


def _guideline_block(ctx: Context, path: str, version: Version, guideline: Guideline) -> list[str]:
    """One guideline of the document: heading, text and the link to its living page."""
    text = guideline.in_language(ctx.language)
    anchor = urls.guideline_anchor(guideline.id)
    # Each guideline's words are indexed once, from its own page of this version: a search for
    # them leads to the guideline, not to the whole document.
    return [
        f"### {inline(guideline.number)}. {inline(text.title)}"
        f" {{ #{anchor} data-search-exclude }}\n",
        text_in_tree(ctx, path, version.id, guideline),
        f'<p class="redraft-more" markdown>[{inline(ctx.labels["living_page"])}]'
        f"({_living_link(ctx, path, guideline.id)})</p>\n",
    ]


def _pager(ctx: Context, path: str, version: Version, number: int) -> str:
    """``1–12 · 13–30``: the pages of a split version's guidelines, each named by the numbers of
    the guidelines it holds (``number`` 0, the contents page, has none in bold)."""
    pages = version_pages.layout(ctx, version.id).pages
    links = []
    for n in range(1, len(pages) + 1):
        words = inline(_numbers_on(version, pages[n - 1]))
        if n == number:
            links.append(f"**{words}**")
        else:
            links.append(md_link(words, urls.link(path, version_pages.page_path(version.id, n))))
    return '<nav class="redraft-pager" markdown>' + " · ".join(links) + "</nav>\n"


def _numbers_on(version: Version, entries: tuple[tuple[str, str | None], ...]) -> str:
    """``1–12``: the numbers of the first and last guideline on a page of a version."""
    numbers = [g.number for _, gid in entries if gid and (g := version.guideline(gid))]
    if not numbers:
        return "—"
    return numbers[0] if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"


def version_part_page(ctx: Context, version: Version, number: int) -> Page:
    """Page ``number`` of a long version's guidelines, with the parts they belong to."""
    path = version_pages.page_path(version.id, number)
    labels = ctx.labels
    name = version_name(ctx, version)
    entries = version_pages.layout(ctx, version.id).pages[number - 1]
    numbers = _numbers_on(version, entries)
    heading = f"{name}: {labels['guidelines']} {numbers}"
    out = [
        internal_banner(ctx),
        breadcrumbs(
            path,
            [
                (labels["versions"], urls.VERSIONS),
                (name, urls.version(version.id)),
                (numbers, None),
            ],
        ),
        f"# {inline(heading)}\n",
        f"**{inline(version_title(ctx, version))}**\n",
        header(ctx, path, version),
        _pager(ctx, path, version, number),
    ]
    parts = {part.id: part for part in version.parts}
    shown_part = None
    for part_id, guideline_id in entries:
        if part_id != shown_part:
            # A part carried over from the page before is headed again, with its anchor: no
            # page has it twice, and links to the part go to the page where it starts.
            part = parts[part_id]
            out.append(f"## {_part_title(ctx, part)} {{ #{urls.part_anchor(part.id)} }}\n")
            shown_part = part_id
        guideline = version.guideline(guideline_id) if guideline_id else None
        if guideline is not None:
            out.extend(_guideline_block(ctx, path, version, guideline))
    out.append(
        _pager(ctx, path, version, number).replace("<nav ", "<p ", 1).replace("</nav>", "</p>")
    )
    links = _language_links(ctx, path, version)
    if links:
        out.append(" · ".join(links) + "\n")
    # No symbol as a tag: a search for the symbol lands on the version's own page.
    return Page(path, f"{heading} ({version_title(ctx, version)})", "\n".join(out))


def _downloads(ctx: Context, path: str, version: Version) -> str:
    """The version as Word documents: in this tree's language first, then in the others."""
    own = None if ctx.language == version.language else ctx.language
    languages = [own, *(lang for lang in (None, *version.languages[1:]) if lang != own)]
    offers = []
    for language in languages:
        named = ctx.labels.language_name(language or version.language)
        text = ctx.labels["download_docx"] if language == own else f"{named} (.docx)"
        document = version_document(version.id, language, internal=ctx.internal)
        offers.append((text, document))
        # offered only where redraft.yml asks for PDF (download_line skips what is not built)
        offers.append(("PDF" if language == own else f"{named} (PDF)", as_pdf(document)))
    return download_line(ctx, path, offers)


def _is_current(ctx: Context, version: Version) -> bool:
    """The text under negotiation: the newest version (the working draft when there is one)."""
    return ctx.kb.latest is not None and version.id == ctx.kb.latest.id


def _living_link(ctx: Context, path: str, guideline_id: str) -> str:
    return ctx.to_living(path, guideline_id)


def _contents(ctx: Context, path: str, version: Version) -> str:
    lines = []
    for part in version.parts:
        part_link = _in_version(ctx, path, version, urls.part_anchor(part.id))
        lines.append(f"- [{_part_title(ctx, part)}]({part_link})")
        for guideline_id in part.guideline_ids:
            guideline = version.guideline(guideline_id)
            if guideline is None:
                continue
            title = guideline.in_language(ctx.language).title
            anchor = urls.guideline_anchor(guideline.id)
            lines.append(
                f"    - [{inline(guideline.number)}. {inline(title)}]"
                f"({_in_version(ctx, path, version, anchor)})"
            )
    return "\n".join(lines) + "\n"


def _in_version(ctx: Context, path: str, version: Version, anchor: str) -> str:
    """A link from the version's page to ``anchor`` in it: on the page itself, or on the page of
    a split version that holds it."""
    target = version_pages.target(ctx, version.id, anchor)
    return f"#{anchor}" if target == path else urls.link(path, target, anchor)


def _markdown_blocks(text: str) -> str:
    """Secretariat Markdown (an introduction), with raw HTML disabled."""
    return guideline_markdown(text.strip()) + "\n"


def guideline_page(ctx: Context, version: Version, guideline: Guideline) -> Page:
    path = urls.version_guideline(version.id, guideline.id)
    labels = ctx.labels
    name = version_name(ctx, version)
    text = guideline.in_language(ctx.language)
    heading = f"{guideline.number}. {text.title}"
    out = [
        internal_banner(ctx),
        breadcrumbs(
            path,
            [
                (labels["versions"], urls.VERSIONS),
                (name, urls.version(version.id)),
                (f"{labels['guideline']} {guideline.number}", None),
            ],
        ),
        f"# {inline(heading)}\n",
        header(ctx, path, version, guideline.id),
        # The header names the version; this is the way into the document around the guideline.
        md_link(
            inline(labels["whole_version"]),
            urls.link(path, version_pages.target(ctx, version.id, guideline.id), guideline.id),
        )
        + "\n",
    ]
    out.append(text_in_tree(ctx, path, version.id, guideline))
    out.append(_neighbours(ctx, path, version, guideline))
    out.append(f"## {inline(labels['in_other_versions'])} {{ #other_versions }}\n")
    out.append(_across_versions(ctx, path, guideline.id, version))
    out.append(f"[{inline(labels['living_page'])}]({_living_link(ctx, path, guideline.id)})\n")
    links = _language_links(ctx, path, version)
    if links:
        out.append(" · ".join(links) + "\n")
    boost = None if _is_current(ctx, version) else BOOST_SUPERSEDED
    return Page(path, f"{heading} ({name})", "\n".join(out), boost=boost)


def _neighbours(ctx: Context, path: str, version: Version, guideline: Guideline) -> str:
    ids = [g.id for g in version.guidelines]
    position = ids.index(guideline.id)
    links = []
    if position > 0:
        before = version.guidelines[position - 1]
        links.append(f"{inline(ctx.labels['previous'])}: {_sibling(ctx, path, version, before)}")
    if position + 1 < len(ids):
        after = version.guidelines[position + 1]
        links.append(f"{inline(ctx.labels['next'])}: {_sibling(ctx, path, version, after)}")
    return " · ".join(links) + "\n" if links else ""


def _sibling(ctx: Context, path: str, version: Version, guideline: Guideline) -> str:
    title = guideline.in_language(ctx.language).title
    target = urls.link(path, urls.version_guideline(version.id, guideline.id))
    return md_link(f"{inline(guideline.number)}. {inline(title)}", target)


def _across_versions(ctx: Context, path: str, guideline_id: str, current: Version) -> str:
    rows = []
    for version in ctx.kb.versions:
        found = version.guideline(guideline_id)
        name = inline(version_name(ctx, version))
        if found is None:
            rows.append([name, "—", inline(ctx.labels["not_in_version"])])
            continue
        title = inline(found.in_language(ctx.language).title)
        target = ctx.to_version(path, version.id, guideline_id)
        cell = f"**{name}**" if version.id == current.id else md_link(name, target)
        rows.append([cell, inline(found.number), title])
    return table(
        [inline(ctx.labels["version"]), inline(ctx.labels["number"]), inline(ctx.labels["title"])],
        rows,
    )
