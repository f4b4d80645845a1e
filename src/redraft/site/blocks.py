"""Pieces of Markdown that several page families share.

Every function returns Markdown in which text from the knowledge base has passed through
:mod:`redraft.site.text`; links are relative links to other generated pages (see
:mod:`redraft.site.urls`), which MkDocs checks in ``--strict`` builds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redraft.comments.anchors import Place
from redraft.comments.subjects import Subject, newest_part, subject_label, subject_of
from redraft.kb.guideline_file import FOOTNOTE_REFERENCE
from redraft.kb.model import (
    Comment,
    Disposition,
    Guideline,
    GuidelineText,
    Paragraph,
    Version,
)
from redraft.redline.drift import passage_names
from redraft.site import pagination, urls
from redraft.site.context import BY_VALUE, Context
from redraft.site.labels import EN, LANGUAGE_NAMES, Labels, letter_label
from redraft.site.redlines import paragraph_row, status_hints
from redraft.site.redlines import row_inline as _row_html
from redraft.site.text import (
    escape_text,
    guideline_markdown,
    inline,
    language_attributes,
    md_link,
    protect_line_start,
    sentence,
    verbatim_block,
)

if TYPE_CHECKING:
    from redraft.comments.traceability import Trace

DISPOSITION_NAMES: dict[str, str] = {
    "pending": "Pending",
    "accepted": "Accepted",
    "partially-accepted": "Partially accepted",
    "not-accepted": "Not accepted",
    "noted": "Noted",
}
TYPE_NAMES = {"general": "General", "technical": "Technical", "editorial": "Editorial"}


def date(value: dt.date | None) -> str:
    """Dates as a delegate reads them in a UN document: 19 July 2018."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


@functools.lru_cache(maxsize=4_096)
def local_date(value: dt.date | None, language: str) -> str:
    """A date as a reader of ``language`` writes it, from Babel's CLDR data ("20 mars 2019",
    "2019年3月20日"); English as in a UN document (29 May 2019).  Remembered: Babel builds its
    pattern again on every call, and the same few dates are on thousands of cards."""
    if value is None:
        return ""
    if language == "en":
        return date(value)
    from babel.dates import format_date

    return str(format_date(value, "long", locale=language))


def version_label(version: Version, labels_working_draft: str = "Working draft") -> str:
    return labels_working_draft if version.is_draft else (version.symbol or version.id)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str | None = None) -> str:
    """A Markdown table; every cell must already be one line of safe Markdown."""
    if not rows:
        return ""
    out = ["| " + " | ".join(headers) + " |"]
    rule = align or "|" + "|".join("---" for _ in headers) + "|"
    out.append(rule)
    out.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return "\n".join(out) + "\n"


def definitions(entries: Sequence[tuple[str, str]]) -> str:
    """Term and value pairs of outside text as a definition list (``def_list``)."""
    return "\n".join(f"{inline(term)}\n:   {inline(value)}\n" for term, value in entries) + "\n"


def admonition(kind: str, title: str, body: str, collapsible: bool = False) -> str:
    """An admonition whose title is outside-safe and whose body is Markdown."""
    marker = "???" if collapsible else "!!!"
    indented = "\n".join(("    " + line) if line.strip() else "" for line in body.splitlines())
    return f'{marker} {kind} "{inline(title).replace(chr(34), "&#34;")}"\n\n{indented}\n'


def internal_banner(ctx: Context) -> str:
    if not ctx.internal:
        return ""
    return admonition("danger", ctx.labels["internal"], inline(ctx.labels["internal_text"])) + "\n"


def submissions_notice(ctx: Context) -> str:
    notice = ctx.kb.settings.submissions_notice
    if not notice:
        return ""
    return admonition("info", ctx.labels["illustrative"], editors_words(ctx, notice)) + "\n"


def editors_words(ctx: Context, text: str) -> str:
    """A sentence of ``redraft.yml`` (written once, in the original language) as one line of
    Markdown, marked with that language in a language tree so that it is read and voiced
    right (and its full stop lands at its own end in a right-to-left page)."""
    markdown = inline(text)
    if ctx.tree.is_main:
        return markdown
    original = ctx.kb.latest.language if ctx.kb.latest else "en"
    return f"<span{language_attributes(original)}>{markdown}</span>"


def breadcrumbs(path: str, trail: Sequence[tuple[str, str | None]]) -> str:
    """A line of links back up the site (the navigation lists only sections)."""
    parts = []
    for title, target in trail:
        parts.append(f"[{inline(title)}]({urls.link(path, target)})" if target else inline(title))
    # Kept out of the search index: the trail would otherwise lead every result's text.
    return (
        '<nav class="redraft-trail" aria-label="Breadcrumbs" data-search-exclude markdown>'
        + " › ".join(parts)
        + "</nav>\n"
    )


def paragraph_markdown(
    guideline_id: str, paragraph: Paragraph, anchor: bool = True, language: str = ""
) -> str:
    """One guideline paragraph: its label (as a reader of ``language`` letters it) linking to
    its own anchor, then its text."""
    text = guideline_markdown(paragraph.text)
    anchor_id = urls.paragraph_anchor(guideline_id, paragraph.id)
    if paragraph.label:
        label = letter_label(paragraph.label, language)
        shared = urls.shared_paragraph_anchor(guideline_id, paragraph.id, paragraph.label)
        # A relettered paragraph: the label is also the anchor named from its letter, and its
        # link (the one a delegate copies) says that letter; the paragraph keeps its stable id.
        own = f"#{shared} " if anchor and shared != anchor_id else ""
        head = f"[{inline(label)}](#{shared}){{ {own}.redraft-label }} "
        body = head + text
    else:
        name = Labels(language)["link_to_paragraph"]
        body = protect_line_start(text) + (
            f' [¶](#{anchor_id}){{ .redraft-pilcrow aria-label="{name}" }}' if anchor else ""
        )
    if anchor:
        body += f"\n{{: #{anchor_id} .redraft-para }}"
    return body + "\n"


def paragraph_anchors(guideline_id: str, text: GuidelineText) -> frozenset[str]:
    """Every paragraph anchor :func:`paragraph_markdown` puts on ``text`` (its paragraphs and
    its explanatory note's): the stable ones and the displayed ones of relettered paragraphs.
    What a link to a paragraph is checked against before it is written."""
    found: set[str] = set()
    for paragraph in text.all_paragraphs:
        found.add(urls.paragraph_anchor(guideline_id, paragraph.id))
        if paragraph.label:
            found.add(urls.shared_paragraph_anchor(guideline_id, paragraph.id, paragraph.label))
    return frozenset(found)


def guideline_text(
    ctx: Context,
    guideline: Guideline,
    text: GuidelineText,
    anchors: bool = True,
) -> str:
    """The paragraphs and explanatory note of ``text``, marked with its language."""
    out = [f'<div class="redraft-text"{language_attributes(text.language)} markdown>\n']
    marked = page_footnotes(guideline.id, text)
    for paragraph in marked.paragraphs:
        out.append(paragraph_markdown(guideline.id, paragraph, anchors, text.language))
    if marked.note:
        note = "\n".join(
            paragraph_markdown(guideline.id, p, anchors, text.language) for p in marked.note
        )
        out.append(admonition("note", ctx.labels["explanatory_note"], note))
    out.append("</div>\n")
    out += [
        f"[^{_page_label(guideline.id, f.label)}]: {guideline_markdown(f.text)}\n"
        for f in marked.footnotes
    ]
    return "\n".join(out)


def _page_label(guideline_id: str, label: str) -> str:
    return f"{guideline_id}-{label}"


def page_footnotes(guideline_id: str, text: GuidelineText) -> GuidelineText:
    """``text`` with its footnote marks made unique on a page that shows several guidelines
    (``[^1]`` of two guidelines would be one footnote to Python-Markdown): the footnotes
    extension numbers them in the order they are called and lists them at the page's foot."""
    if not text.footnotes:
        return text

    def relabel(paragraph: Paragraph) -> Paragraph:
        marked = FOOTNOTE_REFERENCE.sub(
            lambda m: f"[^{_page_label(guideline_id, m.group('label'))}]", paragraph.text
        )
        return dataclasses.replace(paragraph, text=marked)

    return dataclasses.replace(
        text,
        paragraphs=tuple(map(relabel, text.paragraphs)),
        note=tuple(map(relabel, text.note)),
    )


def text_for_tree(ctx: Context, guideline: Guideline) -> tuple[GuidelineText, bool]:
    """The guideline's words in the tree's language, and whether that is a fallback."""
    text = guideline.in_language(ctx.language)
    return text, text.language != ctx.language


def missing_translation(ctx: Context, path: str, version_id: str, guideline: Guideline) -> str:
    """In a language tree, in place of a text the version lacks in that language: a notice
    that it is missing and a link to the text that exists, in the main tree.  The original's
    words are not copied here: they would fill this language's search index with another's."""
    language = ctx.labels.language_name(ctx.language)
    original = guideline.text
    name = LANGUAGE_NAMES.get(original.language, original.language)
    target = ctx.cross(path, ctx.main, urls.version_guideline(version_id, guideline.id))
    link = (
        f"[{inline(name)}: {inline(guideline.number)}. {inline(original.title)}]"
        f"({target}){{ hreflang={original.language} lang={original.language} }}"
    )
    body = inline(ctx.labels.format("untranslated", language=language)) + " " + link
    return admonition("abstract", ctx.labels["untranslated_title"], body)


def text_in_tree(ctx: Context, path: str, version_id: str, guideline: Guideline) -> str:
    """A guideline's words as this tree shows them: the notice that its language is missing;
    or the text, after a warning if the translation is outdated."""
    text, fallback = text_for_tree(ctx, guideline)
    if fallback and not ctx.tree.is_main:
        return missing_translation(ctx, path, version_id, guideline)
    notice = outdated_translation(ctx, path, version_id, guideline)
    return (notice + "\n" if notice else "") + guideline_text(ctx, guideline, text)


def outdated_translation(ctx: Context, path: str, version_id: str, guideline: Guideline) -> str:
    """In a language tree, above a translation that has not followed a change to the original:
    a warning naming the passages, with a link to the original's redline (empty otherwise)."""
    if ctx.tree.is_main:
        return ""
    status = ctx.facts.translation_status(ctx, version_id, guideline.id, ctx.language)
    if status is None or not status.drifted or status.since is None:
        return ""
    since = ctx.kb.version(status.since)
    since_name = ctx.labels["working_draft"] if since is None or since.is_draft else since.label
    passages = passage_names(guideline.text, (*status.original_only, *status.translation_only))
    sentence = ctx.labels.format("outdated_notice", version=since_name, passages=passages)
    where, anchor = pagination.location(ctx, status.since, version_id, guideline.id)
    redline = ctx.to_main(path, where, anchor)
    link = md_link(inline(ctx.labels["compare_original"]), redline, guideline.text.language)
    return admonition("warning", ctx.labels["outdated_title"], f"{inline(sentence)} {link}")


def _comment_translation(ctx: Context, comment: Comment) -> str:
    """The comment in the reply's translation language, labelled as a translation."""
    submission = ctx.facts.submission_of.get(comment.submission_id)
    translation = submission.translation if submission else None
    if not comment.translation or translation is None:
        return ""
    into = ctx.labels.language_name(translation.language)
    caption = escape_text(ctx.labels.format("comment_translation", language=into))
    return (
        f'<div class="redraft-comment-translation"><p class="redraft-caption">{caption}</p>'
        + verbatim_block(comment.translation, translation.language, "redraft-translated")
        + "</div>"
    )


def disposition_badge(disposition: Disposition, name: str | None = None) -> str:
    """The disposition as a badge; ``name`` in the page's language (English by default)."""
    name = escape_text(name) if name else DISPOSITION_NAMES.get(disposition, disposition)
    return f'<span class="redraft-disposition redraft-disposition--{disposition}">{name}</span>'


def guideline_link_text(ctx: Context, guideline_id: str) -> str:
    """ "8. Sale of assets before final confiscation" as it stands in its newest version."""
    found = ctx.facts.latest_with(guideline_id)
    if found is None:
        return inline(guideline_id)
    version, guideline = found
    title = guideline.in_language(ctx.language).title
    if version is ctx.kb.latest:
        return inline(f"{guideline.number}. {title}")
    # A guideline the latest version no longer has keeps its last number, which another guideline
    # may now carry: the version it had that number in tells the two apart.
    return inline(
        f"{guideline.number}. {title} ({version_label(version, ctx.labels['working_draft'])})"
    )


def guideline_in_version(ctx: Context, guideline_id: str, version: Version) -> str:
    """ "guideline 7 (Interlocutory sale) of CAC/COSP/IRG/2018/CRP.14": a guideline of another
    version named as a delegate holding that document names it, never by its internal id.
    ``version`` must have the guideline; without it, the guideline's newest version is used."""
    version = _named_in(ctx, guideline_id, version)
    found = version.guideline(guideline_id)
    if found is None:
        newest = ctx.facts.latest_with(guideline_id)
        if newest is None:
            raise ValueError(f"no version has guideline {guideline_id!r}")
        version, found = newest
    return inline(
        ctx.labels.format(
            "guideline_of_version",
            number=found.number,
            title=found.in_language(ctx.language).title,
            version=version_label(version, ctx.labels["working_draft"]),
        )
    )


@dataclass(frozen=True)
class LineageStep:
    """One thing the editors recorded about a guideline's lineage: in ``version``, it was formed
    from, split out of or replaced ``others`` (or went into them), each named as it stood in
    ``named_in``."""

    version: Version
    label: str
    """The interface word: ``lineage_merged_from``, ``lineage_merged_into``, ..."""
    others: tuple[str, ...]
    named_in: Version


def lineage_steps(ctx: Context, guideline_id: str) -> list[LineageStep]:
    """Where a guideline came from and what it became, version by version, in document order.

    Predecessors are named as they stood in the version before the one that records the change,
    successors as they stand in that version: the numbers of the documents a delegate holds.
    """
    versions = ctx.kb.versions
    steps = []
    for index, version in enumerate(versions):
        before = versions[index - 1] if index else version
        here = version.guideline(guideline_id)
        if here is not None:
            for label, ids in (
                ("lineage_merged_from", here.merged_from),
                ("lineage_split_from", (here.split_from,) if here.split_from else ()),
                ("lineage_replaces", (here.replaces,) if here.replaces else ()),
            ):
                others = tuple(i for i in ids if i != guideline_id)
                if others:
                    steps.append(LineageStep(version, label, others, before))
        went: dict[str, list[str]] = {}
        for label, other_id in ctx.facts.lineage_out[index].get(guideline_id, ()):
            if other_id != guideline_id:
                went.setdefault(label, []).append(other_id)
        for label, successors in went.items():
            steps.append(LineageStep(version, label, tuple(successors), version))
    return steps


def _named_in(ctx: Context, guideline_id: str, version: Version) -> Version:
    """``version`` if it has the guideline, else the newest version before it that does."""
    if version.guideline(guideline_id) is not None:
        return version
    index = ctx.kb.version_index(version.id) or 0
    for earlier in reversed(ctx.kb.versions[:index]):
        if earlier.guideline(guideline_id) is not None:
            return earlier
    return version


def subject_name(ctx: Context, subject: Subject) -> str:
    """What a reader of the tree calls what a general comment addresses: "the whole document",
    "the introduction", "part II (Managing seized assets)", the part's title in the tree's
    language where it has one; a guideline as :func:`subject_label` names it."""
    labels = ctx.labels
    if subject.scope in ("document", "introduction"):
        return labels[f"subject_{subject.scope}"]
    part = newest_part(ctx.kb, subject.id or "") if subject.scope == "part" else None
    if part is not None:
        return labels.format("subject_part", number=part.number, title=part.title_in(ctx.language))
    return subject_label(ctx.kb, subject)  # a guideline, or a part no version has (a check error)


def comment_card(
    ctx: Context,
    path: str,
    comment: Comment,
    *,
    show_party: bool = True,
    show_guideline: bool = True,
    status: str | None = None,
) -> str:
    """A comment with its target, its words, the proposal and what the secretariat decided.

    ``status`` is a line on where the commented passage stands; by default, in the newest
    version (:func:`anchor_status`).
    """
    if status is None:
        status = anchor_status(ctx, path, comment)
    kb = ctx.kb
    facts = ctx.facts
    labels = ctx.labels
    head: list[str] = []
    if show_party:
        head.append(
            "**"
            + md_link(
                in_original(ctx, inline(facts.party_name(comment.party))),
                ctx.to_party(path, comment.party),
            )
            + "**"
        )
    call = kb.call(comment.call)
    if call is not None:
        commented = kb.version(call.version)
        where = version_label(commented, labels["working_draft"]) if commented else call.version
        head.append(inline(labels.format("card_on", version=where)))
    if show_guideline and comment.guideline is not None:
        head.append(
            f"[{guideline_link_text(ctx, comment.guideline)}]"
            f"({ctx.to_living(path, comment.guideline)})"
        )
    elif show_guideline:
        head.append(inline(subject_name(ctx, subject_of(comment))))
    note_paragraph = note_paragraph_name(ctx, comment) if comment.paragraph else None
    if note_paragraph:
        head.append(inline(note_paragraph))
    elif comment.paragraph:
        label = letter_label(
            paragraph_label(ctx, comment) or f"({comment.paragraph})", ctx.language
        )
        head.append(inline(labels.format("card_paragraph", label=label)))
    type_key = f"type_{comment.type}"
    head.append(inline(labels[type_key] if type_key in EN else comment.type))
    head.append(f"`{comment.id}`")
    lines = [
        f'<div class="redraft-comment" id="{urls.comment_anchor(comment.id)}" markdown>',
        "",
        " · ".join(head),
        "",
    ]
    if comment.quote:
        # The quoted words are the original's: marked as such in a language tree.
        quote = sentence(labels["on_the_words"], quote=in_original(ctx, inline(comment.quote)))
        lines += [f'<p class="redraft-quote">{quote}</p>', ""]
    lines += [verbatim_block(comment.text, comment.language, "redraft-comment-text"), ""]
    translated = _comment_translation(ctx, comment)
    if translated:
        lines += [translated, ""]
    if comment.proposed:
        lines += [
            inline(labels["proposed_wording"]),
            "",
            verbatim_block(comment.proposed, comment.language, "redraft-proposed"),
            "",
        ]
    decision = [
        disposition_badge(comment.disposition, labels[f"disposition_{comment.disposition}"])
    ]
    if comment.addressed_in:
        addressed = kb.version(comment.addressed_in)
        if addressed is not None:
            shown_in = (
                comment.guideline
                if comment.guideline is not None
                and addressed.guideline(comment.guideline) is not None
                else None
            )
            name = version_label(addressed, labels["working_draft"])
            link = md_link(inline(name), ctx.to_version(path, addressed.id, shown_in))
            decision.append(sentence(labels["card_in"], version=link))
    if comment.rationale:
        decision.append("— " + in_original(ctx, inline(comment.rationale)))
    cited = _cited_report_paragraph(ctx, path, comment)
    if cited:
        decision.append(f"({cited})")
    lines += [" ".join(decision), ""]
    if status:
        lines += [status, ""]
    trace = trace_block(ctx, comment)
    if trace:
        lines += [trace, ""]
    lines.append("</div>")
    return "\n".join(lines) + "\n"


def in_original(ctx: Context, markdown: str) -> str:
    """The secretariat's words (a party's name, a rationale) as a language tree shows them:
    marked with the original language they are written in, so that they are read and voiced
    right; unchanged in the main tree, which is in that language."""
    if ctx.tree.is_main:
        return markdown
    original = ctx.kb.latest.language if ctx.kb.latest else "en"
    return f"<span{language_attributes(original)}>{markdown}</span>"


def _cited_report_paragraph(ctx: Context, path: str, comment: Comment) -> str:
    """The meeting report paragraph a disposition relies on, linked (main tree: comments are
    shown there only).  A public build has already dropped citations of restricted meetings."""
    cited = comment.meeting_paragraph
    if cited is None:
        return ""
    meeting = ctx.kb.meeting(cited.meeting)
    if meeting is None or meeting.paragraph(cited.number) is None:
        return ""
    words = ctx.labels.format(
        "report_paragraph", symbol=meeting.report.symbol, number=str(cited.number)
    )
    target = ctx.to_main(path, urls.meeting(meeting.id), urls.report_paragraph_anchor(cited.number))
    return ctx.labels.format("see_report", link=md_link(inline(words), target))


def trace_block(ctx: Context, comment: Comment) -> str:
    """The redline a decided comment led to, folded: the paragraph that holds its passage, or
    the changed paragraphs of the guideline that does (:mod:`redraft.comments.traceability`)."""
    trace = ctx.facts.trace(comment)
    if trace is None or trace.focus is None or not trace.text_changed:
        return ""
    body = _trace_rows(ctx, comment.id, trace)
    if not body:
        return ""
    addressed = ctx.kb.version(trace.addressed_in)
    where = trace.addressed_in
    if addressed is not None:
        where = version_label(addressed, ctx.labels["working_draft"])
    # The redline is of the original text: marked as such in a language tree.
    original = "" if ctx.tree.is_main else language_attributes(trace.redline.language)
    return (
        # Out of the search index: marked-up words run together there ("freelibre").
        '<details class="redraft-trace" data-search-exclude>'
        f"<summary>{escape_text(ctx.labels.format('trace_summary', version=where))}</summary>"
        f'<div class="redraft-inline"{original}>{body}</div></details>'
    )


def _trace_rows(ctx: Context, comment_id: str, trace: Trace) -> str:
    """The changed paragraphs of a comment's trace as inline redline HTML, with the hints in
    the tree's words: the same on every page of a tree that shows the comment's card, so made
    once a tree."""

    def made() -> str:
        focus = trace.focus
        if focus is None:
            return ""
        if trace.paragraph is not None and trace.paragraph.changed:
            rows = [paragraph_row(trace.paragraph, forward=trace.redline.forward)]
        else:
            rows = [
                paragraph_row(p, forward=trace.redline.forward)
                for p in (*focus.paragraphs, *focus.note)
                if p.changed
            ]
        hints = status_hints(ctx.labels)
        # the language of the compared texts: the hints are the tree's, and set apart from a
        # row in another language; the labels stay as that text letters them
        language = trace.redline.language
        return "".join(_row_html(row, language, hints) for row in rows)

    return ctx.facts.remember(("trace rows", comment_id, ctx.language), made)


def place_words(ctx: Context, place: Place) -> str:
    """What a reader of the tree calls a place: "guideline 7, paragraph (b)", the paragraph
    lettered as the tree letters it."""
    if place.paragraph is None:
        return ctx.labels.format("place_guideline", number=place.number)
    if place.note_number and not place.label:
        return ctx.labels.format(
            "place_note", number=place.number, paragraph=str(place.note_number)
        )
    label = letter_label(place.label or place.paragraph, ctx.language)
    return ctx.labels.format("place_paragraph", number=place.number, label=label)


@dataclass(frozen=True)
class PlaceTarget:
    """Where a link to a place goes, and the language of that page when it is not the tree's
    (a paragraph this tree does not show is read in the original, and the link says so)."""

    target: str
    language: str | None = None


def living_anchors(ctx: Context, guideline_id: str, version_id: str) -> frozenset[str]:
    """The paragraph anchors of ``version_id``'s text on this tree's living page of the
    guideline: none when the page shows another version (the tree lacks the newer ones), or
    the notice that the version's text is not translated into the tree's language."""
    found = ctx.latest_with(guideline_id)
    if found is None or found[0].id != version_id:
        return frozenset()
    text, fallback = text_for_tree(ctx, found[1])
    if fallback and not ctx.tree.is_main:
        return frozenset()
    return anchors_in(ctx, version_id, guideline_id, text.language)


def anchors_in(ctx: Context, version_id: str, guideline_id: str, language: str) -> frozenset[str]:
    """:func:`paragraph_anchors` of the guideline's text in ``language`` in a version, read by
    value (:mod:`.reads`): a card linking to a paragraph depends on which anchors the page
    has, not on the words around them."""
    found: frozenset[str] = ctx.facts.read_by_value(
        ctx, ("paragraph anchors", version_id, guideline_id, language)
    )
    return found


def _anchors_in(ctx: Context, version_id: str, guideline_id: str, language: str) -> frozenset[str]:
    version = ctx.kb.version(version_id)
    guideline = version.guideline(guideline_id) if version else None
    if guideline is None:
        return frozenset()
    return paragraph_anchors(guideline_id, guideline.in_language(language))


BY_VALUE["paragraph anchors"] = _anchors_in


def place_target(ctx: Context, path: str, place: Place) -> PlaceTarget:
    """Where a link to ``place`` goes.  A guideline: its living page, in this tree if it has
    one.  A paragraph: a page that shows that paragraph of ``place.version`` with its anchor,
    never one that shows another text under it.  This tree's living page when it shows the
    paragraph (by the letter read, else by its stable id: an outdated translation may letter
    it otherwise); else the main tree's living page, in the original; else, should that show
    another version, the version's own page of the guideline in the original, which always
    has it."""
    if place.paragraph is None:
        return PlaceTarget(ctx.to_living(path, place.guideline))
    shared = urls.shared_paragraph_anchor(place.guideline, place.paragraph, place.label)
    stable = urls.paragraph_anchor(place.guideline, place.paragraph)
    shown = living_anchors(ctx, place.guideline, place.version)
    for anchor in (shared, stable):
        if anchor in shown:
            return PlaceTarget(ctx.to_living(path, place.guideline, anchor))
    original = None if ctx.tree.is_main else ctx.main.language
    in_main = ctx.facts.latest_with(place.guideline)
    shows = (
        in_main is not None
        and in_main[0].id == place.version
        and shared in anchors_in(ctx, in_main[0].id, place.guideline, in_main[1].text.language)
    )
    page = (
        urls.guideline(place.guideline)
        if shows
        else urls.version_guideline(place.version, place.guideline)
    )
    return PlaceTarget(ctx.to_main(path, page, shared), original)


def place_link(ctx: Context, path: str, place: Place) -> str:
    """A place as a link in the tree's words ("guideline 7, paragraph (b)"); marked with the
    language of the page it opens when that is the original's, as other fallbacks are."""
    found = place_target(ctx, path, place)
    words = place_words(ctx, place)
    if found.language is None:
        return md_link(inline(words), found.target)
    named = ctx.labels.format(
        "place_in_language", place=words, language=ctx.labels.language_name(found.language)
    )
    return md_link(inline(named), found.target, found.language)


def anchor_status(ctx: Context, path: str, comment: Comment) -> str:
    """Where the commented passage stands in the newest version, as one line of Markdown."""
    latest = ctx.kb.latest
    if latest is None:
        return ""
    found = ctx.facts.anchor(comment, latest.id)
    if found is None:
        return ""
    labels = ctx.labels
    name = version_label(latest, labels["working_draft"])
    today = escape_text(labels["today"])
    line = f'<span class="redraft-anchor redraft-anchor--{found.state}">{today}</span> '
    if found.place is None:
        line += inline(labels.format("passage_orphaned", version=name))
    else:
        line += sentence(
            labels[f"passage_{found.state}"],
            place=place_link(ctx, path, found.place),
            version=inline(name),
        )
    if found.retarget is not None:
        placed = labels.format(
            "placed_by",
            name=found.retarget.by,
            date=local_date(found.retarget.date, ctx.language),
        )
        line += " " + inline(placed)
    return line


def commented_paragraph(ctx: Context, comment: Comment) -> tuple[GuidelineText, Paragraph] | None:
    """The text and paragraph a comment is on, in the version its call was about."""
    call = ctx.kb.call(comment.call)
    version = ctx.kb.version(call.version) if call else None
    guideline = version.guideline(comment.guideline) if version and comment.guideline else None
    paragraph = (
        guideline.text.paragraph(comment.paragraph) if guideline and comment.paragraph else None
    )
    return (guideline.text, paragraph) if guideline and paragraph else None


def paragraph_label(ctx: Context, comment: Comment) -> str | None:
    found = commented_paragraph(ctx, comment)
    return found[1].label or None if found else None


def note_paragraph_name(ctx: Context, comment: Comment) -> str | None:
    """ "explanatory note, paragraph 2" in the tree's language for a comment on a paragraph of
    an explanatory note, which has no letter: its id ("note-2") is the files' name for it, not
    one a delegate reads.  None for any other paragraph."""
    found = commented_paragraph(ctx, comment)
    if found is None or not found[1].in_note or found[1].label:
        return None
    text, paragraph = found
    number = text.note.index(paragraph) + 1
    return ctx.labels.format("note_paragraph", number=str(number))
