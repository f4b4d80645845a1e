"""``/stats/``: where the comments concentrate and how they were decided.

Charts are inline SVG drawn here (no script, no external library, nothing fetched), each
followed by the same numbers as a table: a chart is read at a glance, a table by a screen reader
and by anyone who wants the exact figure.  The SVGs are marked ``role="img"`` with a title; the
table carries the content.
"""

from __future__ import annotations

import dataclasses
import html
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from redraft.kb.model import DISPOSITIONS, Comment
from redraft.site import urls
from redraft.site.blocks import (
    TYPE_NAMES,
    breadcrumbs,
    guideline_link_text,
    internal_banner,
    local_date,
    table,
)
from redraft.site.context import Context
from redraft.site.labels import Labels
from redraft.site.page import Page
from redraft.site.text import escape_text, inline, md_link, normalize_space

MOST_COMMENTED = 40
"""Bars drawn in the per-guideline chart; the table below it lists every guideline."""

DISPOSITION_COLOURS = {
    "accepted": "#1b7a3a",
    "partially-accepted": "#5b8f2a",
    "noted": "#52677a",
    "not-accepted": "#b3261e",
    "pending": "#a15c00",
}


DISPOSITION_PATTERNS = {
    "accepted": "",
    "partially-accepted": '<path d="M0 6 L6 0" stroke="#fff" stroke-width="1.5"></path>',
    "noted": '<circle cx="3" cy="3" r="1.2" fill="#fff"></circle>',
    "not-accepted": ('<path d="M0 0 L6 6 M6 0 L0 6" stroke="#fff" stroke-width="1.2"></path>'),
    "pending": '<path d="M0 3 H6" stroke="#fff" stroke-width="1.5"></path>',
}
"""A texture per disposition drawn over its colour, so that colour is never the only cue (a
reader who cannot tell the green from the red reads the hatching, and the legend shows both)."""


def fill(disposition: str) -> str:
    """The SVG fill of a disposition's segment: its pattern, or its plain colour."""
    return (
        f"url(#redraft-{disposition})"
        if DISPOSITION_PATTERNS[disposition]
        else (DISPOSITION_COLOURS[disposition])
    )


def pattern_defs() -> str:
    """The patterns, once per page (an id may appear once in a document), in an SVG of no size
    that every chart and swatch of the page refers to."""
    patterns = "".join(
        f'<pattern id="redraft-{d}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{DISPOSITION_COLOURS[d]}"></rect>{shape}</pattern>'
        for d, shape in DISPOSITION_PATTERNS.items()
        if shape
    )
    return (
        '<svg class="redraft-defs" width="0" height="0" aria-hidden="true">'
        f"<defs>{patterns}</defs></svg>\n"
    )


STATS_BUDGET = 100_000
"""Bytes of Markdown above which ``/stats/`` gives the comments per guideline and per party a
page each (``/stats/guidelines/``, ``/stats/parties/``).  Issue 18 allows no page above 150 KB;
at M the whole page had 141 KB of Markdown and 179 KB of HTML, four fifths of it those two
sections (two charts of 40 bars each, drawn wide and narrow, and a row for every guideline and
party).  The bound is the one the versions and living pages are planned for
(:mod:`.version_pages`): room for the theme's 16 to 38 KB and for the language trees, whose
page runs up to 4 % longer than the main tree's."""


def pages(ctx: Context) -> Iterator[Page]:
    comments = list(ctx.kb.comments())
    if not comments or not is_split(ctx):
        yield stats_page(ctx)
        return
    yield stats_page(ctx, split=True)
    for path, key, section in (
        (urls.STATS_GUIDELINES, "per_guideline", _per_guideline),
        (urls.STATS_PARTIES, "per_party", _per_party),
    ):
        title = ctx.labels[key]
        out = [
            internal_banner(ctx),
            breadcrumbs(path, [(ctx.labels["stats"], urls.STATS), (title, None)]),
            f"# {inline(title)} {{ #{key} }}\n",
            pattern_defs(),
            section(ctx, path, comments, heading=False),
        ]
        yield Page(path, title, "\n".join(part for part in out if part))


def is_split(ctx: Context) -> bool:
    """Whether ``/stats/`` is too long for one page.  Measured on the main tree's page, and
    once, so that every tree has the same pages and the language switcher finds them."""

    def too_long() -> bool:
        main = dataclasses.replace(ctx, tree=ctx.main, labels=Labels(ctx.main.language))
        return len(stats_page(main).body.encode("utf-8")) > STATS_BUDGET

    return ctx.facts.remember(("stats_split",), too_long)


def stats_page(ctx: Context, *, split: bool = False) -> Page:
    """The statistics in the tree's language: the same figures in every tree, the interface
    words from :mod:`redraft.site.comment_labels`, links to what exists only in the main tree
    (comments on a guideline, a party's page) leading there.  ``split``: the comments per
    guideline and per party are on pages of their own; here, what their charts say in words
    (the highest figures) and the way to them."""
    path = urls.STATS
    labels = ctx.labels
    comments = list(ctx.kb.comments())
    out = [internal_banner(ctx), f"# {inline(labels['stats'])}\n"]
    if not comments:
        out.append(inline(labels["stats_none"]) + "\n")
        return Page(path, labels["stats"], "\n".join(out))
    summary = "stats_summary" if ctx.internal else "stats_summary_public"
    words = labels.format(
        summary, comments=str(len(comments)), replies=str(len(ctx.kb.submissions))
    )
    out.append(inline(words) + "\n")
    out.append(pattern_defs())
    if split:
        by_guideline = _guideline_figures(ctx, comments)
        out.append(_pointer(ctx, urls.STATS_GUIDELINES, "per_guideline", by_guideline))
        out.append(_pointer(ctx, urls.STATS_PARTIES, "per_party", _party_figures(ctx, comments)))
    else:
        out.append(_per_guideline(ctx, path, comments))
        out.append(_per_party(ctx, path, comments))
    out.append(_dispositions(ctx, comments))
    out.append(_types(ctx, comments))
    out.append(_replies_over_time(ctx))
    return Page(path, labels["stats"], "\n".join(out))


def _pointer(ctx: Context, target: str, key: str, found: Figures) -> str:
    """In place of a section moved to its own page: its heading (with its anchor, so that a
    link to it still lands), its chart's sentence (the highest figures) and the link."""
    labels = ctx.labels
    totals = [sum(count for count, _ in stack) for stack in found.bars]
    said = _summary(labels[key], found.names, totals, chart_words(labels))
    link = md_link(inline(labels[key]), urls.link(urls.STATS, target))
    return (
        f"## {inline(labels[key])} {{ #{key} }}\n\n"
        + inline(said)
        + "\n\n"
        + labels.format("stats_own_page", link=link)
        + "\n"
    )


def disposition_name(ctx: Context, disposition: str) -> str:
    return ctx.labels[f"disposition_{disposition}"]


def _legend(ctx: Context) -> str:
    """The key: a swatch drawn with the same colour and texture as the bars, and the name."""
    items = "".join(
        '<span class="redraft-key"><svg class="redraft-swatch" width="14" height="14"'
        f' aria-hidden="true"><rect width="14" height="14" fill="{fill(d)}">'
        f"</rect></svg>{escape_text(disposition_name(ctx, d))}</span>"
        for d in DISPOSITIONS
    )
    return f'<p class="redraft-legend">{items}</p>\n'


def as_table(summary: str, markdown_table: str) -> str:
    """The chart's figures as a table, behind a disclosure under the chart: the exact numbers
    for whoever wants them, and the chart's full text alternative for a screen reader."""
    body = "\n".join(
        f"    {line}" if line else "" for line in markdown_table.rstrip("\n").split("\n")
    )
    return f'??? abstract redraft-figures "{escape_text(summary)}"\n\n{body}\n'


@dataclass(frozen=True)
class ChartWords:
    """How a chart's text alternative is written in a tree's language: its sentence, and the
    punctuation between figures ("；" and "：" in Chinese, " ; " and " : " in French)."""

    summary: str = "{title}. {highest}: {figures}."
    summary_empty: str = "{title}."
    figure: str = "{name}: {count}"
    separator: str = "; "
    highest: str = "Highest"


def chart_words(labels: Labels) -> ChartWords:
    return ChartWords(
        labels["chart_summary"],
        labels["chart_summary_empty"],
        labels["chart_figure"],
        labels["chart_separator"],
        labels["highest"],
    )


def _summary(title: str, labels: Sequence[str], totals: Sequence[int], words: ChartWords) -> str:
    """The text alternative of a bar chart: what it shows and its largest values."""
    ranked = sorted(zip(totals, labels, strict=True), key=lambda item: -item[0])[:3]
    figures = words.separator.join(
        words.figure.format(name=label, count=total) for total, label in ranked if total
    )
    if not figures:
        return words.summary_empty.format(title=title)
    return words.summary.format(title=title, highest=words.highest, figures=figures)


def _disposition_headers(ctx: Context) -> list[str]:
    return [inline(disposition_name(ctx, d)) for d in DISPOSITIONS]


@dataclass(frozen=True)
class Figures:
    """One chart's figures: every row of its table, and what its bars draw."""

    order: list[str]
    """Every guideline (in document order) or party (most comments first) with a comment."""
    counts: dict[str, Counter[str]]
    """Comments by disposition, for each of ``order``."""
    drawn: list[str]
    """The rows drawn as bars: the MOST_COMMENTED with the most comments."""
    names: list[str]
    bars: list[list[tuple[int, str]]]


def _guideline_figures(ctx: Context, comments: list[Comment]) -> Figures:
    by_guideline: dict[str, Counter[str]] = {}
    for comment in comments:
        if comment.guideline is not None:  # general comments are on no guideline
            by_guideline.setdefault(comment.guideline, Counter())[comment.disposition] += 1
    order = [g for g in ctx.facts.guideline_order if g in by_guideline]
    order += sorted(g for g in by_guideline if g not in order)
    ranked = sorted(order, key=lambda g: (-sum(by_guideline[g].values()), order.index(g)))
    drawn = ranked[:MOST_COMMENTED]
    drawn.sort(key=order.index)
    names = [normalize_space(_plain_guideline(ctx, g)) for g in drawn]
    bars = [[(by_guideline[g][d], fill(d)) for d in DISPOSITIONS] for g in drawn]
    return Figures(order, by_guideline, drawn, names, bars)


def _heading(ctx: Context, key: str, heading: bool) -> str:
    return f"## {inline(ctx.labels[key])} {{ #{key} }}\n\n" if heading else ""


def _per_guideline(
    ctx: Context, path: str, comments: list[Comment], *, heading: bool = True
) -> str:
    labels = ctx.labels
    found = _guideline_figures(ctx, comments)
    by_guideline, order = found.counts, found.order
    caption = labels["per_guideline_chart"]
    if len(order) > MOST_COMMENTED:
        caption = labels.format("per_guideline_most", count=str(MOST_COMMENTED))
    rows = [
        [
            md_link(guideline_link_text(ctx, g), ctx.to_living(path, g, "comments")),
            str(sum(by_guideline[g].values())),
            *(str(by_guideline[g][d]) for d in DISPOSITIONS),
        ]
        for g in order
    ]
    headers = [inline(labels["guideline"]), inline(labels["total"]), *_disposition_headers(ctx)]
    names, bars = found.names, found.bars
    return (
        _heading(ctx, "per_guideline", heading)
        + _legend(ctx)
        + "\n"
        + horizontal_bars(caption, names, bars, "per_guideline_chart", chart_words(labels))
        + "\n"
        + as_table(labels["as_table"], table(headers, rows))
    )


def _party_figures(ctx: Context, comments: list[Comment]) -> Figures:
    by_party: dict[str, Counter[str]] = {}
    for comment in comments:
        by_party.setdefault(comment.party, Counter())[comment.disposition] += 1
    ordered = sorted(by_party, key=lambda code: (-sum(by_party[code].values()), code))
    drawn = ordered[:MOST_COMMENTED]
    names = [ctx.facts.party_name(code) for code in drawn]
    bars = [[(by_party[c][d], fill(d)) for d in DISPOSITIONS] for c in drawn]
    return Figures(ordered, by_party, drawn, names, bars)


def _per_party(ctx: Context, path: str, comments: list[Comment], *, heading: bool = True) -> str:
    """Who commented most, and how their comments were decided."""
    labels = ctx.labels
    found = _party_figures(ctx, comments)
    by_party, ordered, bars = found.counts, found.order, found.bars
    names = {code: ctx.facts.party_name(code) for code in ordered}
    caption = labels["per_party_chart"]
    if len(ordered) > MOST_COMMENTED:
        caption = labels.format("per_party_most", count=str(MOST_COMMENTED))
    rows = [
        [
            f"[{inline(names[c])}]({ctx.to_party(path, c)})",
            str(sum(by_party[c].values())),
            *(str(by_party[c][d]) for d in DISPOSITIONS),
        ]
        for c in ordered
    ]
    headers = [inline(labels["party"]), inline(labels["total"]), *_disposition_headers(ctx)]
    return (
        _heading(ctx, "per_party", heading)
        + _legend(ctx)
        + "\n"
        + horizontal_bars(caption, found.names, bars, "per_party_chart", chart_words(labels))
        + "\n"
        + as_table(labels["as_table"], table(headers, rows))
    )


def _plain_guideline(ctx: Context, guideline_id: str) -> str:
    return html.unescape(guideline_link_text(ctx, guideline_id))


def _dispositions(ctx: Context, comments: list[Comment]) -> str:
    labels = ctx.labels
    counts = Counter(c.disposition for c in comments)
    names = [disposition_name(ctx, d) for d in DISPOSITIONS]
    bars = [[(counts[d], fill(d))] for d in DISPOSITIONS]
    total = len(comments)
    rows = [
        [inline(disposition_name(ctx, d)), str(counts[d]), f"{round(100 * counts[d] / total)} %"]
        for d in DISPOSITIONS
    ]
    headers = [inline(labels[k]) for k in ("disposition", "comments", "share")]
    return (
        f"## {inline(labels['dispositions'])} {{ #dispositions }}\n\n"
        + horizontal_bars(
            labels["dispositions_chart"], names, bars, "dispositions_chart", chart_words(labels)
        )
        + "\n"
        + as_table(labels["as_table"], table(headers, rows))
    )


def _types(ctx: Context, comments: list[Comment]) -> str:
    labels = ctx.labels
    counts: Counter[str] = Counter(c.type for c in comments)
    rows = [[inline(labels[f"type_{t}"]), str(counts[t])] for t in TYPE_NAMES if counts[t]]
    headers = [inline(labels["type"]), inline(labels["comments"])]
    return f"## {inline(labels['comment_types'])} {{ #types }}\n\n" + table(headers, rows)


def _replies_over_time(ctx: Context) -> str:
    labels = ctx.labels
    by_month: Counter[str] = Counter()
    for submission in ctx.kb.submissions:
        by_month[f"{submission.received:%Y-%m}"] += 1
    if not by_month:
        return ""
    first, last = min(by_month), max(by_month)
    months = []
    year, month = int(first[:4]), int(first[5:])
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    values = [by_month[m] for m in months]
    rows = [[m, str(by_month[m])] for m in months if by_month[m]]
    replies = [sum(1 for s in ctx.kb.submissions if s.call == c.id) for c in ctx.kb.calls]
    calls = [
        [
            inline(c.reference),
            inline(local_date(c.date, ctx.language)),
            inline(local_date(c.deadline, ctx.language)),
            str(count),
        ]
        for c, count in zip(ctx.kb.calls, replies, strict=True)
    ]
    words = chart_words(labels)
    return (
        f"## {inline(labels['replies_over_time'])} {{ #replies }}\n\n"
        + columns(labels["replies_per_month"], months, values, "replies_chart", words)
        + "\n"
        + as_table(
            labels["as_table"],
            table([inline(labels["month"]), inline(labels["replies"])], rows),
        )
        + f"\n## {inline(labels['replies_per_call'])} {{ #per_call }}\n\n"
        + horizontal_bars(
            labels["replies_per_call_chart"],
            [c.reference for c in ctx.kb.calls],
            [[(count, "#1f4e79")] for count in replies],
            "per_call_chart",
            words,
        )
        + "\n"
        + as_table(
            labels["as_table"],
            table(
                [inline(labels[k]) for k in ("note_verbale", "issued", "deadline", "replies")],
                calls,
            ),
        )
    )


# -- drawing ------------------------------------------------------------------------------------

ROW = 22
LABEL_WIDTH = 300
BAR_WIDTH = 360

NARROW_WIDTH = 320
"""The phone layout of a chart, shown where the column is too narrow for the wide one: drawn at
about the column's width of a 390 px screen, so that its text keeps its size (a 710-unit chart
shrunk into 350 px would print 12 px labels at 6 px)."""
NARROW_ROW = 38
NARROW_LABEL_UNITS = 46
"""Half-width characters of a label on its own line above the bar, in 13 px type across
NARROW_WIDTH."""


def _svg_open(
    title: str,
    chart_id: str,
    width: int,
    height: int,
    description: str = "",
    css_class: str = "redraft-chart",
) -> str:
    """A chart's opening: its title and a description (the figures in words) as its text
    alternative."""
    desc = f'<desc id="{chart_id}_desc">{escape_text(description)}</desc>' if description else ""
    described = f' aria-describedby="{chart_id}_desc"' if description else ""
    return (
        f'<svg class="{css_class}" role="img" aria-labelledby="{chart_id}"{described} '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}">{escape_text(title)}</title>'
        f"{desc}"
    )


def _clip(label: str, limit: int = 44) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _clip_to_width(label: str, limit: int = NARROW_LABEL_UNITS) -> str:
    """``label`` cut to about ``limit`` half-width characters: a Chinese character takes the
    room of two Latin letters, so a count of characters would let a Chinese name run off the
    chart."""
    used = 0
    for index, char in enumerate(label):
        used += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        if used > limit:
            return label[: max(index - 1, 0)] + "…"
    return label


def horizontal_bars(
    title: str,
    labels: Sequence[str],
    bars: Sequence[Sequence[tuple[int, str]]],
    chart_id: str,
    words: ChartWords = ChartWords(),
) -> str:
    """One bar per label, each a stack of (value, colour) segments, with its total at the end."""
    totals = [sum(v for v, _ in stack) for stack in bars]
    scale = BAR_WIDTH / max(max(totals, default=1), 1)
    width = LABEL_WIDTH + BAR_WIDTH + 50
    height = ROW * len(labels) + 10
    parts = [_svg_open(title, chart_id, width, height, _summary(title, labels, totals, words))]
    for row, (label, stack, total) in enumerate(zip(labels, bars, totals, strict=True)):
        y = 5 + row * ROW
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">'
            f"{escape_text(_clip(label))}</text>"
        )
        x = float(LABEL_WIDTH)
        for value, colour in stack:
            if value <= 0:
                continue
            w = value * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}"'
                f' fill="{colour}"></rect>'
            )
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{total}</text>')
    parts.append("</svg>")
    parts.append(_narrow_bars(title, labels, bars, chart_id, words))
    return '<figure class="redraft-figure">' + "".join(parts) + "</figure>\n"


def _narrow_bars(
    title: str,
    labels: Sequence[str],
    bars: Sequence[Sequence[tuple[int, str]]],
    chart_id: str,
    words: ChartWords,
) -> str:
    """The phone layout of a bar chart: each label on its own line, its bar beneath it at the
    chart's full width.  The stylesheet shows it instead of the wide chart on narrow screens
    (only one of the two is ever displayed, so a screen reader meets one)."""
    totals = [sum(v for v, _ in stack) for stack in bars]
    room = NARROW_WIDTH - 40  # the total's figure sits after the longest bar
    scale = room / max(max(totals, default=1), 1)
    height = NARROW_ROW * len(labels) + 6
    narrow_id = f"{chart_id}_narrow"
    parts = [
        _svg_open(
            title,
            narrow_id,
            NARROW_WIDTH,
            height,
            _summary(title, labels, totals, words),
            css_class="redraft-chart redraft-chart-narrow",
        )
    ]
    for row, (label, stack, total) in enumerate(zip(labels, bars, totals, strict=True)):
        y = row * NARROW_ROW
        parts.append(f'<text x="0" y="{y + 14}">{escape_text(_clip_to_width(label))}</text>')
        x = 0.0
        for value, colour in stack:
            if value <= 0:
                continue
            w = value * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 19}" width="{w:.1f}" height="14"'
                f' fill="{colour}"></rect>'
            )
            x += w
        parts.append(f'<text x="{x + 5:.1f}" y="{y + 31}">{total}</text>')
    parts.append("</svg>")
    return "".join(parts)


def columns(
    title: str,
    labels: Sequence[str],
    values: Sequence[int],
    chart_id: str,
    words: ChartWords = ChartWords(),
) -> str:
    """A column per label (e.g. a month), with the value above each non-empty column."""
    step = 44
    plot = 160
    width = max(step * len(labels) + 20, 200)
    height = plot + 60
    top = max(max(values, default=1), 1)
    parts = [_svg_open(title, chart_id, width, height, _summary(title, labels, values, words))]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = 10 + index * step
        h = plot * value / top
        y = 20 + plot - h
        if value:
            parts.append(
                f'<rect x="{x + 6}" y="{y:.1f}" width="{step - 12}" height="{h:.1f}"'
                ' fill="#1f4e79"></rect>'
            )
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{value}</text>'
            )
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{20 + plot + 16}" text-anchor="middle"'
            f' class="redraft-month">{escape_text(label[2:])}</text>'
        )
    parts.append("</svg>")
    # On a phone the months become rows: columns wide enough for their labels would not fit.
    parts.append(_narrow_bars(title, labels, [[(v, "#1f4e79")] for v in values], chart_id, words))
    return '<figure class="redraft-figure">' + "".join(parts) + "</figure>\n"
