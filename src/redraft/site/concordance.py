"""``/concordance/``: the number of every guideline in every version, one row per guideline.

Numbers change from draft to draft; the stable id does not.  A delegate holding an old draft
finds the row of "guideline 7" under that draft and reads across to today's number.  Rows follow
today's order, then guidelines no longer in the draft where they last stood.
"""

from __future__ import annotations

from collections.abc import Iterator

from redraft.site import urls
from redraft.site.blocks import guideline_in_version, internal_banner, lineage_steps, table
from redraft.site.context import Context
from redraft.site.page import Page
from redraft.site.text import inline, md_link
from redraft.site.versions import version_name


def pages(ctx: Context) -> Iterator[Page]:
    yield concordance_page(ctx)


def lineage_note(ctx: Context, guideline_id: str) -> str:
    """What the editors recorded about where a guideline came from or went, each other guideline
    named by its number and title in the version a delegate would look it up in."""
    notes = []
    for step in lineage_steps(ctx, guideline_id):
        others = ", ".join(guideline_in_version(ctx, i, step.named_in) for i in step.others)
        notes.append(f"{inline(ctx.labels[step.label])} {others}")
    return "; ".join(dict.fromkeys(notes))


def concordance_page(ctx: Context) -> Page:
    path = urls.CONCORDANCE
    versions = ctx.kb.versions
    headers = ["Guideline"] + [inline(version_name(ctx, v)) for v in versions] + ["Lineage"]
    rows = []
    for guideline_id in ctx.facts.guideline_order:
        found = ctx.facts.latest_with(guideline_id)
        if found is None:
            continue
        _, latest = found
        cells = [f"[{inline(latest.title)}]({urls.link(path, urls.guideline(guideline_id))})"]
        for version in versions:
            here = version.guideline(guideline_id)
            cells.append(
                md_link(
                    inline(here.number),
                    urls.link(path, urls.version_guideline(version.id, guideline_id)),
                )
                if here
                else "—"
            )
        cells.append(lineage_note(ctx, guideline_id))
        rows.append(cells)
    body = "\n".join(
        [
            internal_banner(ctx),
            "# Concordance of numbers\n",
            "The number each guideline has in each version; a dash where the guideline is not in "
            "that version. Every number links to the guideline as it stood in that version; "
            "every title to its history.\n",
            table(headers, rows),
        ]
    )
    return Page(path, "Concordance of numbers", body, hide=("navigation",))
