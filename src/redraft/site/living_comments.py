"""Which page shows which comment of a guideline with many.

A living page lists every comment its guideline received, and those of the guidelines it was
formed from (inherited).  At M a merged guideline's page reached 199 KB, 160 KB of it comments;
issue 18 allows 150 KB a page.  When a guideline's comments would take more than
:data:`COMMENTS_BUDGET`, its living page keeps a Comments section with the counts and links, and
the comments themselves follow on ``/guidelines/<guideline>/comments/<n>/``, in the order the
living page shows them (its own by note verbale, then the inherited ones), as many to a page as
the budget allows.  ``comments/`` lies below the guideline's own folder: no id collides with it.

Like a version's pages (:mod:`redraft.site.version_pages`), the split is decided from the source
(the comments' words, the same in every tree), so that a link from any tree finds its page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING

from redraft.site import urls
from redraft.site.context import BY_VALUE
from redraft.site.version_pages import guideline_weight

if TYPE_CHECKING:
    from redraft.kb.model import Comment, Version
    from redraft.site.context import Context

COMMENTS_BUDGET = 120_000
"""The most estimated Markdown (bytes) a living page may have, its comments included.  The
estimate runs high (redlines are estimated from whole texts): at M, the living pages kept whole at
this bound had at most 131 KB of HTML, and 60 of 217 guidelines had their comments moved out
(109 at 100,000, with at most 120 KB kept).  Read at call time, so that a test can lower it."""

PAGE_BUDGET = 85_000
"""The most estimated Markdown (bytes) of comments a page of comments may hold (it has nothing
else).  At M, pages planned at 100,000 reached 132 KB of HTML in the main tree, and their Markdown
was a tenth larger in the Arabic tree (its labels take two bytes a letter)."""

CARD_MARKUP = 1_600
"""What a comment card adds to the comment's words: party, note verbale, target, the status of
the commented passage and the disposition, with their links and HTML (measured at M: 600 to
1,900 bytes a card for the guidelines with the most comments, 1,330 on average)."""

REST_PER_TEXT = 1.6
"""The rest of a living page (current text, history with its redlines, numbers, lineage) for each
text of the guideline it shows: the current one and one per change between versions (at M, 1.1
to 1.6 times the estimated text for the pages with the most history)."""

REST_FIXED = 8_000
"""The rest of a living page that does not grow with its texts: header, numbers, links."""


@dataclass(frozen=True)
class Layout:
    """The comment ids on each comments page of a guideline, in the order shown; no pages: the
    comments stay on the living page."""

    pages: tuple[tuple[str, ...], ...] = ()

    @property
    def split(self) -> bool:
        return bool(self.pages)

    def page_of(self, comment_id: str) -> int | None:
        return self._page_numbers.get(comment_id)

    @cached_property
    def _page_numbers(self) -> dict[str, int]:
        """Comment id → its page: every card's link asks (565,000 links at M)."""
        found: dict[str, int] = {}
        for number, ids in enumerate(self.pages, start=1):
            for comment_id in ids:
                found.setdefault(comment_id, number)
        return found


def in_display_order(ctx: Context, comments: list[Comment] | tuple[Comment, ...]) -> list[Comment]:
    """Comments as a living page shows them: by note verbale (the order of the calls), then by
    paragraph, party and id."""
    out = []
    for call in ctx.kb.calls:
        chosen = [c for c in comments if c.call == call.id]
        out.extend(sorted(chosen, key=lambda c: (c.paragraph or "", c.party, c.id)))
    return out


def own_and_inherited(ctx: Context, guideline_id: str) -> tuple[list[Comment], list[Comment]]:
    """The comments on the guideline itself and those on the guidelines it was formed from."""
    own = list(ctx.facts.comments_by_guideline.get(guideline_id, ()))
    inherited = [
        c
        for a in ctx.facts.ancestors(guideline_id)
        for c in ctx.facts.comments_by_guideline.get(a, ())
    ]
    return own, inherited


def comment_weight(comment: Comment) -> int:
    """The Markdown a comment's card is estimated to take."""
    words = (
        comment.text,
        comment.proposed,
        comment.rationale,
        comment.quote,
        comment.translation,
    )
    return sum(len(w.encode("utf-8")) for w in words if w) + CARD_MARKUP


def rest_weight(versions: Sequence[Version], guideline_id: str) -> int:
    """The Markdown a living page is estimated to take besides its comments: its current text
    and a redline for each version that changed the guideline's words."""
    texts = [g for v in versions if (g := v.guideline(guideline_id)) is not None]
    if not texts:
        return REST_FIXED
    words = [(g.text.title, *(p.text for p in g.text.all_paragraphs)) for g in texts]
    changes = sum(1 for before, after in pairwise(words) if before != after)
    return int(REST_PER_TEXT * guideline_weight(texts[-1]) * (1 + changes)) + REST_FIXED


def plan(comments: list[Comment], rest: int, on_living_page: int, budget: int) -> Layout:
    """Greedy runs of comments in the order shown, each within ``budget``; none when the living
    page (``rest`` and all its comments) fits within ``on_living_page``."""
    weights = [comment_weight(c) for c in comments]
    if rest + sum(weights) <= on_living_page:
        return Layout()
    pages: list[tuple[str, ...]] = []
    current: list[str] = []
    weight = 0
    for comment, w in zip(comments, weights, strict=True):
        if current and weight + w > budget:
            pages.append(tuple(current))
            current, weight = [], 0
        current.append(comment.id)
        weight += w
    if current:
        pages.append(tuple(current))
    return Layout(tuple(pages))


def layout(ctx: Context, guideline_id: str) -> Layout:
    """The comment pages of a guideline, the same in every tree (remembered for the build)."""
    key = ("living comments", guideline_id, str(COMMENTS_BUDGET), str(PAGE_BUDGET))
    found: Layout = ctx.facts.read_by_value(ctx, key)
    return found


def _layout(ctx: Context, guideline_id: str, *_budgets: str) -> Layout:
    own, inherited = own_and_inherited(ctx, guideline_id)
    shown = in_display_order(ctx, own) + in_display_order(ctx, inherited)
    rest = rest_weight(ctx.kb.versions, guideline_id)
    return plan(shown, rest, COMMENTS_BUDGET, PAGE_BUDGET)


BY_VALUE["living comments"] = _layout


def page_path(guideline_id: str, number: int) -> str:
    """Page ``number`` (from 1) of a guideline's comments."""
    return f"guidelines/{urls.segment(guideline_id)}/comments/{int(number)}/index.md"


def target(ctx: Context, guideline_id: str, anchor: str | None) -> str:
    """The page that holds ``anchor`` of a living page: a comment's card is on its comments page
    when the guideline's comments are split; everything else on the living page."""
    living = urls.guideline(guideline_id)
    if not anchor or not anchor.startswith("comment_"):
        return living
    found = layout(ctx, guideline_id)
    if not found.split:
        return living
    number = found.page_of(anchor[len("comment_") :])
    return living if number is None else page_path(guideline_id, number)
