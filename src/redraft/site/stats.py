"""``/stats/``: where the comments concentrate and how they were decided.

Charts are inline SVG drawn here (no script, no external library, nothing fetched), each
followed by the same numbers as a table: a chart is read at a glance, a table by a screen reader
and by anyone who wants the exact figure.  The SVGs are marked ``role="img"`` with a title; the
table carries the content.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator, Sequence

from redraft.kb.model import DISPOSITIONS, Comment
from redraft.site import urls
from redraft.site.blocks import (
    DISPOSITION_NAMES,
    TYPE_NAMES,
    guideline_link_text,
    internal_banner,
    table,
)
from redraft.site.context import Context
from redraft.site.page import Page
from redraft.site.text import escape_text, inline, normalize_space

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


def pages(ctx: Context) -> Iterator[Page]:
    yield stats_page(ctx)


def stats_page(ctx: Context) -> Page:
    path = urls.STATS
    comments = list(ctx.kb.comments())
    out = [internal_banner(ctx), "# Statistics\n"]
    if not comments:
        out.append("No comment has been published yet.\n")
        return Page(path, "Statistics", "\n".join(out))
    out.append(
        f"{len(comments)} comments in {len(ctx.kb.submissions)} replies"
        + (" (published replies only)" if not ctx.internal else "")
        + ".\n"
    )
    out.append(pattern_defs())
    out.append(_per_guideline(ctx, path, comments))
    out.append(_per_party(ctx, path, comments))
    out.append(_dispositions(comments))
    out.append(_types(comments))
    out.append(_replies_over_time(ctx))
    return Page(path, "Statistics", "\n".join(out))


def _legend() -> str:
    """The key: a swatch drawn with the same colour and texture as the bars, and the name."""
    items = "".join(
        '<span class="redraft-key"><svg class="redraft-swatch" width="14" height="14"'
        f' aria-hidden="true"><rect width="14" height="14" fill="{fill(d)}">'
        f"</rect></svg>{DISPOSITION_NAMES[d]}</span>"
        for d in DISPOSITIONS
    )
    return f'<p class="redraft-legend">{items}</p>\n'


def as_table(summary: str, markdown_table: str) -> str:
    """The chart's figures as a table, behind a disclosure under the chart: the exact numbers
    for whoever wants them, and the chart's full text alternative for a screen reader."""
    body = "\n".join(
        f"    {line}" if line else "" for line in markdown_table.rstrip("\n").split("\n")
    )
    return f'??? abstract "{escape_text(summary)}"\n\n{body}\n'


def _summary(title: str, labels: Sequence[str], totals: Sequence[int]) -> str:
    """The text alternative of a bar chart: what it shows and its largest values."""
    ranked = sorted(zip(totals, labels, strict=True), key=lambda item: -item[0])[:3]
    top = "; ".join(f"{label}: {total}" for total, label in ranked if total)
    return f"{title}. Highest: {top}." if top else f"{title}."


def _per_guideline(ctx: Context, path: str, comments: list[Comment]) -> str:
    by_guideline: dict[str, Counter[str]] = {}
    for comment in comments:
        by_guideline.setdefault(comment.guideline, Counter())[comment.disposition] += 1
    order = [g for g in ctx.facts.guideline_order if g in by_guideline]
    order += sorted(g for g in by_guideline if g not in order)
    ranked = sorted(order, key=lambda g: (-sum(by_guideline[g].values()), order.index(g)))
    drawn = ranked[:MOST_COMMENTED]
    drawn.sort(key=order.index)
    labels = [normalize_space(_plain_guideline(ctx, g)) for g in drawn]
    bars = [[(by_guideline[g][d], fill(d)) for d in DISPOSITIONS] for g in drawn]
    caption = "Comments per guideline, by disposition"
    if len(ranked) > MOST_COMMENTED:
        caption += f" (the {MOST_COMMENTED} most commented)"
    rows = [
        [
            f"[{guideline_link_text(ctx, g)}]({urls.link(path, urls.guideline(g), 'comments')})",
            str(sum(by_guideline[g].values())),
            *(str(by_guideline[g][d]) for d in DISPOSITIONS),
        ]
        for g in order
    ]
    return (
        "## Comments per guideline { #per_guideline }\n\n"
        + _legend()
        + "\n"
        + horizontal_bars(caption, labels, bars, "per_guideline_chart")
        + "\n"
        + as_table(
            "Comments per guideline as a table",
            table(["Guideline", "Total", *(DISPOSITION_NAMES[d] for d in DISPOSITIONS)], rows),
        )
    )


def _per_party(ctx: Context, path: str, comments: list[Comment]) -> str:
    """Who commented most, and how their comments were decided."""
    by_party: dict[str, Counter[str]] = {}
    for comment in comments:
        by_party.setdefault(comment.party, Counter())[comment.disposition] += 1
    ordered = sorted(by_party, key=lambda code: (-sum(by_party[code].values()), code))
    names = {code: ctx.facts.party_name(code) for code in ordered}
    drawn = ordered[:MOST_COMMENTED]
    bars = [[(by_party[c][d], fill(d)) for d in DISPOSITIONS] for c in drawn]
    caption = "Comments per party, by disposition"
    if len(ordered) > MOST_COMMENTED:
        caption += f" (the {MOST_COMMENTED} that commented most)"
    rows = [
        [
            f"[{inline(names[c])}]({urls.link(path, urls.party(c))})",
            str(sum(by_party[c].values())),
            *(str(by_party[c][d]) for d in DISPOSITIONS),
        ]
        for c in ordered
    ]
    return (
        "## Comments per party { #per_party }\n\n"
        + _legend()
        + "\n"
        + horizontal_bars(caption, [names[c] for c in drawn], bars, "per_party_chart")
        + "\n"
        + as_table(
            "Comments per party as a table",
            table(["Party", "Total", *(DISPOSITION_NAMES[d] for d in DISPOSITIONS)], rows),
        )
    )


def _plain_guideline(ctx: Context, guideline_id: str) -> str:
    return html.unescape(guideline_link_text(ctx, guideline_id))


def _dispositions(comments: list[Comment]) -> str:
    counts = Counter(c.disposition for c in comments)
    labels = [DISPOSITION_NAMES[d] for d in DISPOSITIONS]
    bars = [[(counts[d], fill(d))] for d in DISPOSITIONS]
    total = len(comments)
    rows = [
        [DISPOSITION_NAMES[d], str(counts[d]), f"{round(100 * counts[d] / total)} %"]
        for d in DISPOSITIONS
    ]
    return (
        "## Dispositions { #dispositions }\n\n"
        + horizontal_bars("Comments by disposition", labels, bars, "dispositions_chart")
        + "\n"
        + as_table("Dispositions as a table", table(["Disposition", "Comments", "Share"], rows))
    )


def _types(comments: list[Comment]) -> str:
    counts: Counter[str] = Counter(c.type for c in comments)
    rows = [[TYPE_NAMES[t], str(counts[t])] for t in TYPE_NAMES if counts[t]]
    return "## Types of comment { #types }\n\n" + table(["Type", "Comments"], rows)


def _replies_over_time(ctx: Context) -> str:
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
    labels = months
    values = [by_month[m] for m in months]
    rows = [[m, str(by_month[m])] for m in months if by_month[m]]
    calls = [
        [
            inline(c.reference),
            f"{c.date:%Y-%m-%d}",
            f"{c.deadline:%Y-%m-%d}",
            str(sum(1 for s in ctx.kb.submissions if s.call == c.id)),
        ]
        for c in ctx.kb.calls
    ]
    return (
        "## Replies over time { #replies }\n\n"
        + columns("Replies received per month", labels, values, "replies_chart")
        + "\n"
        + as_table("Replies per month as a table", table(["Month", "Replies"], rows))
        + "\n## Replies per call { #per_call }\n\n"
        + horizontal_bars(
            "Replies per note verbale",
            [html.unescape(c[0]) for c in calls],
            [[(int(c[3]), "#1f4e79")] for c in calls],
            "per_call_chart",
        )
        + "\n"
        + as_table(
            "Replies per note verbale as a table",
            table(["Note verbale", "Issued", "Deadline", "Replies"], calls),
        )
    )


# -- drawing ------------------------------------------------------------------------------------

ROW = 22
LABEL_WIDTH = 300
BAR_WIDTH = 360


def _svg_open(title: str, chart_id: str, width: int, height: int, description: str = "") -> str:
    """A chart's opening: its title and a description (the figures in words) as its text
    alternative."""
    desc = f'<desc id="{chart_id}_desc">{escape_text(description)}</desc>' if description else ""
    described = f' aria-describedby="{chart_id}_desc"' if description else ""
    return (
        f'<svg class="redraft-chart" role="img" aria-labelledby="{chart_id}"{described} '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}">{escape_text(title)}</title>'
        f"{desc}"
    )


def _clip(label: str, limit: int = 44) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def horizontal_bars(
    title: str, labels: Sequence[str], bars: Sequence[Sequence[tuple[int, str]]], chart_id: str
) -> str:
    """One bar per label, each a stack of (value, colour) segments, with its total at the end."""
    totals = [sum(v for v, _ in stack) for stack in bars]
    scale = BAR_WIDTH / max(max(totals, default=1), 1)
    width = LABEL_WIDTH + BAR_WIDTH + 50
    height = ROW * len(labels) + 10
    parts = [_svg_open(title, chart_id, width, height, _summary(title, labels, totals))]
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
    return '<figure class="redraft-figure">' + "".join(parts) + "</figure>\n"


def columns(title: str, labels: Sequence[str], values: Sequence[int], chart_id: str) -> str:
    """A column per label (e.g. a month), with the value above each non-empty column."""
    step = 44
    plot = 160
    width = max(step * len(labels) + 20, 200)
    height = plot + 60
    top = max(max(values, default=1), 1)
    parts = [_svg_open(title, chart_id, width, height, _summary(title, labels, values))]
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
    return '<figure class="redraft-figure">' + "".join(parts) + "</figure>\n"
