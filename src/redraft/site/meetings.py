"""``/meetings/``, a page per meeting with its report's numbered paragraphs, ``/references/``,
and the "Discussed at" and "References" sections of each guideline's living page.

A meeting's page is in every language tree whose language the report is recorded in (the main
tree always has it, in the language recorded if not its own); elsewhere links go to the main
tree's page.  Each report paragraph links to the guidelines it discusses, at the entry of that
paragraph in the guideline's "Discussed at" section, and that entry links back: one click each
way.  What a paragraph says about who spoke is the report's, never more (see
:class:`redraft.kb.model.Speaker`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_interval

from redraft.kb.model import (
    Comment,
    Meeting,
    Reference,
    ReportParagraph,
    Speaker,
    language_order,
)
from redraft.site import comments, urls
from redraft.site.blocks import (
    admonition,
    breadcrumbs,
    date,
    editors_words,
    internal_banner,
    local_date,
    table,
)
from redraft.site.context import Context, TreeInfo
from redraft.site.labels import letter_label
from redraft.site.page import Page
from redraft.site.text import attribute, inline, language_attributes, md_link
from redraft.site.versions import version_name


def pages(ctx: Context) -> Iterator[Page]:
    """The main tree: every meeting, and the reference material."""
    if ctx.kb.meetings:
        yield index_page(ctx)
        for meeting in ctx.kb.meetings:
            yield meeting_page(ctx, meeting)
    if ctx.kb.references:
        yield references_page(ctx)


def translated_pages(ctx: Context) -> Iterator[Page]:
    """A language tree: the meetings whose report is recorded in its language."""
    shown = meetings_in_tree(ctx)
    if shown:
        yield index_page(ctx)
        for meeting in shown:
            yield meeting_page(ctx, meeting)


def meetings_in_tree(ctx: Context) -> tuple[Meeting, ...]:
    if ctx.tree.is_main:
        return ctx.kb.meetings
    return tuple(m for m in ctx.kb.meetings if ctx.language in m.report.languages)


def has_meeting_pages(ctx: Context) -> bool:
    return bool(meetings_in_tree(ctx))


# -- words and dates -------------------------------------------------------------------------


def local_dates(start: dt.date, end: dt.date | None, language: str) -> str:
    if end is None or end == start:
        return local_date(start, language)
    if language == "en":
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.day} {end:%B %Y}"
        return f"{date(start)} – {date(end)}"
    return str(format_interval(start, end, "yMMMd", locale=language))


def meeting_title(ctx: Context, meeting: Meeting) -> str:
    """The report's title in the tree's language, else what the meeting is."""
    return meeting.report.title_in(ctx.language) or (
        f"{meeting.body}, {meeting.session}, {meeting.place}, "
        f"{local_dates(meeting.start, meeting.end, 'en')}"
    )


def meeting_title_markdown(ctx: Context, meeting: Meeting) -> str:
    """:func:`meeting_title` for a page, marked with the original language where the tree has
    no title of its own and falls back to the meeting's body, session and place as written, so
    that it is read and voiced in that language."""
    title = inline(meeting_title(ctx, meeting))
    if ctx.tree.is_main or meeting.report.title_in(ctx.language):
        return title
    original = ctx.kb.latest.language if ctx.kb.latest else "en"
    return f"<span{language_attributes(original)}>{title}</span>"


def speaker_words(ctx: Context, speaker: Speaker) -> str:
    """Who spoke, as far as the report says: a party only where the report named it."""
    if speaker.party is not None and speaker.role not in ("secretariat", "chair"):
        return ctx.labels.format(
            f"speaker_{speaker.role}_party", party=party_name_in(ctx, speaker.party)
        )
    return ctx.labels[f"speaker_{speaker.role}"]


def party_name_in(ctx: Context, code: str) -> str:
    """A State's name in the tree's language, from CLDR by its ISO 3166 code; the name in
    ``parties.yml`` (written in English) in the English tree, or where CLDR has none."""
    name = ctx.facts.party_name(code)
    if ctx.language == "en":
        return name
    alpha2 = (get_global("territory_aliases").get(code) or [None])[0]
    try:
        local = Locale.parse(ctx.language).territories.get(alpha2 or "")
    except (ValueError, UnknownLocaleError):
        return name
    return str(local) if local else name


def paragraph_text(ctx: Context, meeting: Meeting, paragraph: ReportParagraph) -> tuple[str, str]:
    """The paragraph in the tree's language if recorded, else in the first language recorded."""
    text = paragraph.text_in(ctx.language)
    if text is not None:
        return text, ctx.language
    for language in sorted(paragraph.texts, key=language_order):
        return paragraph.texts[language], language
    return "", ctx.language  # pragma: no cover - the loader requires a text per language


def records_notice(ctx: Context) -> str:
    notice = ctx.kb.settings.records_notice
    if not notice:
        return ""
    return admonition("info", ctx.labels["records_illustrative"], editors_words(ctx, notice)) + "\n"


def _tree_with(ctx: Context, meeting: Meeting) -> TreeInfo:
    if ctx.tree.is_main or ctx.language in meeting.report.languages:
        return ctx.tree
    return ctx.main


def to_meeting(ctx: Context, path: str, meeting: Meeting, anchor: str | None = None) -> str:
    """A link to the meeting's page in this tree if it has one, else in the main tree."""
    target = urls.meeting(meeting.id)
    if _tree_with(ctx, meeting) is ctx.tree:
        return urls.link(path, target, anchor)
    return ctx.cross(path, ctx.main, target, anchor)


def _lang_attributes(language: str, tree_language: str) -> str:
    if language == tree_language:
        return ""
    direction = "rtl" if language == "ar" else "ltr"
    return f' lang="{attribute(language)}" dir="{direction}"'


# -- the index -----------------------------------------------------------------------------


def index_page(ctx: Context) -> Page:
    path = urls.MEETINGS
    labels = ctx.labels
    rows = []
    for meeting in meetings_in_tree(ctx):
        rows.append(
            [
                inline(local_dates(meeting.start, meeting.end, ctx.language)),
                md_link(
                    meeting_title_markdown(ctx, meeting), urls.link(path, urls.meeting(meeting.id))
                ),
                inline(meeting.report.symbol),
                str(len(meeting.paragraphs)),
            ]
        )
    intro = (
        labels["meetings_intro"]
        if ctx.tree.is_main
        else labels.format("meetings_in_language", language=labels.language_name(ctx.language))
    )
    out = [
        internal_banner(ctx),
        f"# {inline(labels['meetings'])}\n",
        inline(intro) + "\n",
        records_notice(ctx),
        table(
            [
                inline(labels["date"]),
                inline(labels["meeting"]),
                inline(labels["report"]),
                inline(labels["report_paragraphs"]),
            ],
            rows,
        ),
    ]
    if ctx.kb.references:
        out.append(
            f"[{inline(labels['references'])}]({ctx.to_main(path, urls.REFERENCES)}): "
            f"{inline(labels['references_intro'])}\n"
        )
    return Page(path, labels["meetings"], "\n".join(part for part in out if part))


# -- one meeting -----------------------------------------------------------------------------


def meeting_page(ctx: Context, meeting: Meeting) -> Page:
    path = urls.meeting(meeting.id)
    labels = ctx.labels
    title = meeting_title(ctx, meeting)
    out = [
        internal_banner(ctx),
        breadcrumbs(path, [(labels["meetings"], urls.MEETINGS), (title, None)]),
        f"# {meeting_title_markdown(ctx, meeting)}\n",
        records_notice(ctx),
        _facts(ctx, path, meeting),
        f"## {inline(labels['report_paragraphs'])} {{ #paragraphs }}\n",
    ]
    citing = _citing_comments(ctx, meeting)
    for paragraph in meeting.paragraphs:
        out.append(
            _report_paragraph(ctx, path, meeting, paragraph, citing.get(paragraph.number, ()))
        )
    return Page(path, title, "\n".join(part for part in out if part))


def _facts(ctx: Context, path: str, meeting: Meeting) -> str:
    labels = ctx.labels
    report = meeting.report
    lines = [
        f"- **{inline(labels['body'])}**: {inline(meeting.body)}, {inline(meeting.session)}",
        f"- **{inline(labels['place_and_dates'])}**: {inline(meeting.place)}, "
        f"{inline(local_dates(meeting.start, meeting.end, ctx.language))}",
        f"- **{inline(labels['report'])}**: {inline(report.symbol)}, "
        f"{inline(local_date(report.date, ctx.language))}",
    ]
    before = [v for v in (ctx.kb.version(i) for i in meeting.versions) if v is not None]
    if before:
        links = ", ".join(
            md_link(inline(version_name(ctx, v)), ctx.to_version(path, v.id)) for v in before
        )
        lines.append(f"- **{inline(labels['texts_before'])}**: {links}")
    others = []
    for tree in ctx.trees:
        if tree is ctx.tree:
            continue
        if tree.is_main or tree.language in report.languages:
            others.append(
                md_link(
                    inline(labels.language_name(tree.language)),
                    ctx.cross(path, tree, path),
                    tree.language,
                )
            )
    if others:
        lines.append(f"- **{inline(labels['report_languages'])}**: " + " · ".join(others))
    return "\n".join(lines) + "\n"


def _citing_comments(ctx: Context, meeting: Meeting) -> dict[int, tuple[Comment, ...]]:
    """The comments whose disposition cites each paragraph (shown in the main tree, where the
    comments are)."""
    if not ctx.tree.is_main:
        return {}
    found: dict[int, list[Comment]] = {}
    for comment in ctx.kb.comments():
        cited = comment.meeting_paragraph
        if cited is not None and cited.meeting == meeting.id:
            found.setdefault(cited.number, []).append(comment)
    return {number: tuple(cited) for number, cited in found.items()}


def _report_paragraph(
    ctx: Context,
    path: str,
    meeting: Meeting,
    paragraph: ReportParagraph,
    citing: tuple[Comment, ...],
) -> str:
    labels = ctx.labels
    anchor = urls.report_paragraph_anchor(paragraph.number)
    text, language = paragraph_text(ctx, meeting, paragraph)
    lines = []
    if language != ctx.language:
        lines.append(
            inline(labels.format("text_in_original", language=labels.language_name(language)))
            + "\n"
        )
    lang = _lang_attributes(language, ctx.language).replace('"', "")
    lines.append(
        f"[{paragraph.number}.](#{anchor}){{ .redraft-label }} {inline(text)}\n"
        f"{{: #{anchor} .redraft-report-para{lang} }}\n"
    )
    meta = []
    if paragraph.speaker is not None:
        meta.append(
            f"*{inline(labels['attributed_to'])}*: {inline(speaker_words(ctx, paragraph.speaker))}"
        )
    discussed = _discussed_links(ctx, path, meeting, paragraph)
    if discussed:
        meta.append(f"*{inline(labels['discusses'])}*: " + ", ".join(discussed))
    references = [
        md_link(
            inline(found.title),
            ctx.to_main(path, urls.REFERENCES, urls.reference_anchor(found.id)),
        )
        for found in (ctx.kb.reference(r) for r in paragraph.references)
        if found is not None
    ]
    if references:
        meta.append(f"*{inline(labels['references'])}*: " + ", ".join(references))
    if citing:
        links = ", ".join(
            md_link(
                f"`{c.id}`",
                ctx.to_comment(path, c),
            )
            for c in citing
        )
        meta.append(f"*{inline(labels['cited_by'])}*: {links}")
    if meta:
        lines.append(" · ".join(meta) + "\n{: .redraft-report-meta }\n")
    return "\n".join(lines)


def _discussed_links(
    ctx: Context, path: str, meeting: Meeting, paragraph: ReportParagraph
) -> list[str]:
    """Each thing the paragraph discusses, linked: a guideline at this paragraph's entry in its
    "Discussed at" section, a version, or the comments received on a call."""
    kb = ctx.kb
    labels = ctx.labels
    links = []
    for discussed in paragraph.discusses:
        if discussed.call is not None:
            call = kb.call(discussed.call)
            if call is None:
                continue
            words = labels.format("call_of", date=local_date(call.date, ctx.language))
            target = urls.link(path, comments.call_location(ctx, call.id))
            links.append(md_link(inline(words), target))
            continue
        version = kb.version(discussed.version or meeting.version or "")
        if version is None:
            continue
        if discussed.guideline is None:
            words = labels.format("whole_text", version=version_name(ctx, version))
            links.append(md_link(inline(words), ctx.to_version(path, version.id)))
            continue
        guideline = version.guideline(discussed.guideline)
        if guideline is None:
            continue
        number = guideline.number
        if discussed.paragraph is not None:
            found = guideline.text.paragraph(discussed.paragraph)
            label = (
                letter_label(found.label, ctx.language)
                if found and found.label
                else f"({discussed.paragraph})"
            )
            words = labels.format("guideline_paragraph", number=number, label=label)
        else:
            words = labels.format("guideline_number", number=number)
        now = ctx.facts.latest_with(guideline.id)
        if now is not None and now[1].number != number and now[0].id != version.id:
            words += f" ({labels.format('now_number', number=now[1].number)})"
        target = ctx.to_living(
            path, guideline.id, urls.discussed_anchor(meeting.id, paragraph.number)
        )
        links.append(md_link(inline(words), target))
    return list(dict.fromkeys(links))


# -- the guideline's page ----------------------------------------------------------------------


def discussed_section(ctx: Context, path: str, guideline_id: str) -> str:
    """Every report paragraph that discussed the guideline, by meeting, each linking to the
    paragraph on the meeting's page; the meeting's page links back here."""
    labels = ctx.labels
    found = ctx.kb.discussions_of(guideline_id)
    if not found:
        return ""
    out = [f"## {inline(labels['discussed_at'])} {{ #discussed }}\n", records_notice(ctx)]
    current = None
    for meeting, paragraph in found:
        if meeting is not current:
            current = meeting
            title = meeting_title_markdown(ctx, meeting)
            out.append(
                f"### {title} {{ #discussed_{urls.segment(meeting.id)} }}\n\n"
                f"{inline(meeting.report.symbol)} · "
                f"{inline(local_dates(meeting.start, meeting.end, ctx.language))}\n"
            )
        out.append(_discussed_entry(ctx, path, guideline_id, meeting, paragraph))
    return "\n".join(part for part in out if part)


def _discussed_entry(
    ctx: Context, path: str, guideline_id: str, meeting: Meeting, paragraph: ReportParagraph
) -> str:
    labels = ctx.labels
    anchor = urls.discussed_anchor(meeting.id, paragraph.number)
    words = labels.format("paragraph_number", number=str(paragraph.number))
    link = md_link(
        inline(words),
        to_meeting(ctx, path, meeting, urls.report_paragraph_anchor(paragraph.number)),
    )
    version = ctx.kb.version(meeting.version or "")
    on = []
    for discussed in paragraph.discusses:
        if discussed.guideline != guideline_id or discussed.paragraph is None:
            continue
        target_version = ctx.kb.version(discussed.version or meeting.version or "") or version
        guideline = target_version.guideline(guideline_id) if target_version else None
        found = guideline.text.paragraph(discussed.paragraph) if guideline else None
        on.append(
            letter_label(found.label, ctx.language)
            if found and found.label
            else f"({discussed.paragraph})"
        )
    head = f"**{link}**"
    if on:
        head += " · " + ", ".join(inline(label) for label in dict.fromkeys(on))
    if paragraph.speaker is not None:
        head += f" · *{inline(speaker_words(ctx, paragraph.speaker))}*"
    text, language = paragraph_text(ctx, meeting, paragraph)
    lang = _lang_attributes(language, ctx.language).replace('"', "")
    return f"{head}: {inline(text)}\n{{: #{anchor} .redraft-discussed{lang} }}\n"


def references_section(ctx: Context, path: str, guideline_id: str) -> str:
    references = ctx.kb.references_for(guideline_id)
    if not references:
        return ""
    # the notice once per page: the "Discussed at" section above already carries it
    notice = "" if ctx.kb.discussions_of(guideline_id) else records_notice(ctx)
    out = [f"## {inline(ctx.labels['references'])} {{ #references }}\n", notice]
    for reference in references:
        out.append("- " + _reference_line(ctx, path, reference))
    return "\n".join(part for part in out if part) + "\n"


def _reference_line(ctx: Context, path: str, reference: Reference) -> str:
    labels = ctx.labels
    title = inline(reference.title)
    if reference.url:
        title = md_link(title, reference.url)
    details = [
        inline(part)
        for part in (
            reference.author,
            reference.publisher,
            reference.place,
            str(reference.year) if reference.year else None,
            reference.symbol,
        )
        if part
    ]
    head = f"*{inline(labels[f'reference_{reference.kind}'])}* — {title}"
    if details:
        head += ". " + ", ".join(details)
    head += f" [{inline(_language_name(ctx, reference.language))}]"
    more = md_link("↗", ctx.to_main(path, urls.REFERENCES, urls.reference_anchor(reference.id)))
    return f"{head} {more}"


# -- the reference material ------------------------------------------------------------------


def references_page(ctx: Context) -> Page:
    path = urls.REFERENCES
    labels = ctx.labels
    out = [
        internal_banner(ctx),
        f"# {inline(labels['references'])}\n",
        inline(labels["references_intro"]) + "\n",
        records_notice(ctx),
    ]
    for reference in ctx.kb.references:
        anchor = urls.reference_anchor(reference.id)
        out.append(f"## {inline(reference.title)} {{ #{anchor} }}\n")
        out.append(_reference_line(ctx, path, reference).rsplit(" ", 1)[0] + "\n")
        if reference.note:
            out.append(inline(reference.note) + "\n")
        supported = [
            md_link(
                inline(_guideline_words(ctx, g)), urls.link(path, urls.guideline(g), "references")
            )
            for g in reference.guidelines
            if ctx.facts.latest_with(g) is not None
        ]
        if supported:
            out.append(f"*{inline(labels['supports'])}*: " + ", ".join(supported) + "\n")
        cited = [
            md_link(
                inline(
                    labels.format(
                        "report_paragraph", symbol=meeting.report.symbol, number=str(p.number)
                    )
                ),
                urls.link(path, urls.meeting(meeting.id), urls.report_paragraph_anchor(p.number)),
            )
            for meeting in ctx.kb.meetings
            for p in meeting.paragraphs
            if reference.id in p.references
        ]
        if cited:
            out.append(f"*{inline(labels['meetings'])}*: " + ", ".join(cited) + "\n")
    return Page(path, labels["references"], "\n".join(part for part in out if part))


def _language_name(ctx: Context, language: str) -> str:
    """A reference may be in any language, not only the six the interface names."""
    named = ctx.labels.language_name(language)
    if named != language:
        return named
    try:
        found = Locale.parse(language).get_display_name(ctx.language)
    except (ValueError, UnknownLocaleError):
        return language
    return str(found) if found else language


def _guideline_words(ctx: Context, guideline_id: str) -> str:
    found = ctx.facts.latest_with(guideline_id)
    if found is None:
        return guideline_id
    _, guideline = found
    return f"{guideline.number}. {guideline.in_language(ctx.language).title}"


def timeline_events(ctx: Context, path: str) -> list[tuple[dt.date, int, str, str]]:
    """The home page's timeline entries: each meeting, and the issue of its report."""
    events = []
    for meeting in ctx.kb.meetings:
        link = md_link(
            meeting_title_markdown(ctx, meeting), urls.link(path, urls.meeting(meeting.id))
        )
        events.append(
            (
                meeting.start,
                1,
                ctx.labels["meeting"],
                f"{link}, {inline(meeting.place)}, "
                f"{inline(local_dates(meeting.start, meeting.end, ctx.language))}",
            )
        )
        events.append(
            (
                meeting.report.date,
                1,
                ctx.labels["report"],
                f"Report {inline(meeting.report.symbol)} issued, "
                f"{len(meeting.paragraphs)} paragraphs",
            )
        )
    return events
