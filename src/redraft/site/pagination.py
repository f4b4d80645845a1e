"""Which page of a comparison shows which guideline.

A comparison of two distant versions of a long document changes nearly every guideline; one page
holding every redline grew to megabytes.  A comparison therefore lists its changed guidelines
:data:`PAGE_SIZE` to a page, in document order: the first page (``/compare/<from>/<to>/``) has the
summary and the first of them, the next ``/compare/<from>/<to>/2/`` and so on.  Every link to one
guideline's redline asks :func:`location` where it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from redraft.site import urls
from redraft.site.context import BY_VALUE

if TYPE_CHECKING:
    from redraft.redline.compare import GuidelineChange, VersionDiff
    from redraft.site.context import Context

PAGE_SIZE = 12
"""Changed guidelines per page of a comparison (each shown with its redline)."""

WHOLE_PAGE_BUDGET = 110_000
"""The most Markdown the whole comparison on one page may have.  A page's HTML is its text plus
about 35 KB of theme; issue 18 allows 150 KB a page.  A comparison too long for that has no
one-page view: its pages are read in turn (or printed one by one)."""


def shown(diff: VersionDiff) -> list[GuidelineChange]:
    """The guidelines a comparison page shows: changed, or not compared for want of a text."""
    return [g for g in diff.guidelines if g.changed or not g.compared]


def page_count(diff: VersionDiff) -> int:
    return max(1, -(-len(shown(diff)) // PAGE_SIZE))


def page_path(older_id: str, newer_id: str, number: int) -> str:
    if number == 1:
        return urls.compare(older_id, newer_id)
    return f"compare/{urls.segment(older_id)}/{urls.segment(newer_id)}/{number}/index.md"


def whole_path(older_id: str, newer_id: str) -> str:
    """The whole comparison on one page, for reading end to end or printing."""
    return f"compare/{urls.segment(older_id)}/{urls.segment(newer_id)}/all/index.md"


def location(
    ctx: Context, older_id: str, newer_id: str, guideline_id: str, language: str | None = None
) -> tuple[str, str]:
    """The page and anchor of one guideline in a comparison: its own section if it changed, the
    list of unchanged guidelines on the first page otherwise."""

    pages: dict[str, int] = ctx.facts.read_by_value(
        ctx, ("compare pages", older_id, newer_id, language)
    )
    number = pages.get(guideline_id)
    if number is None:
        return urls.compare(older_id, newer_id), "compare_unchanged"
    return page_path(older_id, newer_id, number), urls.guideline_anchor(guideline_id)


def _page_numbers(
    ctx: Context, older_id: str, newer_id: str, language: str | None
) -> dict[str, int]:
    """Which page of a comparison holds each changed guideline."""
    diff = ctx.facts.diff(older_id, newer_id, language)
    return {g.id: i // PAGE_SIZE + 1 for i, g in enumerate(shown(diff))}


BY_VALUE["compare pages"] = _page_numbers
