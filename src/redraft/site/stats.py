"""``/stats/``: where the comments concentrate and how they were decided.

Charts are inline SVG drawn here (no script, no external library, nothing fetched), each
followed by the same numbers as a table: a chart is read at a glance, a table by a screen reader
and by anyone who wants the exact figure.  The SVGs are marked ``role="img"`` with a title; the
table carries the content.
"""

from __future__ import annotations

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
    out.append(_per_guideline(ctx, path, comments))
    out.append(_dispositions(comments))
    out.append(_types(comments))
    out.append(_replies_over_time(ctx))
    return Page(path, "Statistics", "\n".join(out))


def _legend() -> str:
    items = "".join(
        '<span class="redraft-key"><span class="redraft-swatch"'
        f' style="background:{DISPOSITION_COLOURS[d]}"></span>{DISPOSITION_NAMES[d]}</span>'
        for d in DISPOSITIONS
    )
    return f'<p class="redraft-legend">{items}</p>\n'


def _per_guideline(ctx: Context, path: str, comments: list[Comment]) -> str:
    by_guideline: dict[str, Counter[str]] = {}
    for comment in comments:
        if comment.guideline is not None:  # general comments are on no guideline
            by_guideline.setdefault(comment.guideline, Counter())[comment.disposition] += 1
    order = [g for g in ctx.facts.guideline_order if g in by_guideline]
    order += sorted(g for g in by_guideline if g not in order)
    ranked = sorted(order, key=lambda g: (-sum(by_guideline[g].values()), order.index(g)))
    drawn = ranked[:MOST_COMMENTED]
    drawn.sort(key=order.index)
    labels = [normalize_space(_plain_guideline(ctx, g)) for g in drawn]
    bars = [[(by_guideline[g][d], DISPOSITION_COLOURS[d]) for d in DISPOSITIONS] for g in drawn]
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
        + table(["Guideline", "Total", *(DISPOSITION_NAMES[d] for d in DISPOSITIONS)], rows)
    )


def _plain_guideline(ctx: Context, guideline_id: str) -> str:
    found = ctx.facts.latest_with(guideline_id)
    if found is None:
        return guideline_id
    return f"{found[1].number}. {found[1].title}"


def _dispositions(comments: list[Comment]) -> str:
    counts = Counter(c.disposition for c in comments)
    labels = [DISPOSITION_NAMES[d] for d in DISPOSITIONS]
    bars = [[(counts[d], DISPOSITION_COLOURS[d])] for d in DISPOSITIONS]
    total = len(comments)
    rows = [
        [DISPOSITION_NAMES[d], str(counts[d]), f"{round(100 * counts[d] / total)} %"]
        for d in DISPOSITIONS
    ]
    return (
        "## Dispositions { #dispositions }\n\n"
        + horizontal_bars("Comments by disposition", labels, bars, "dispositions_chart")
        + "\n"
        + table(["Disposition", "Comments", "Share"], rows)
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
        + table(["Month", "Replies"], rows)
        + "\n"
        + table(["Call", "Issued", "Deadline", "Replies"], calls)
    )


# -- drawing ------------------------------------------------------------------------------------

ROW = 22
LABEL_WIDTH = 300
BAR_WIDTH = 360


def _svg_open(title: str, chart_id: str, width: int, height: int) -> str:
    return (
        f'<svg class="redraft-chart" role="img" aria-labelledby="{chart_id}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}">{escape_text(title)}</title>'
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
    parts = [_svg_open(title, chart_id, width, height)]
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
    parts = [_svg_open(title, chart_id, width, height)]
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
