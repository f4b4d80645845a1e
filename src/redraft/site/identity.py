"""The header of every version and guideline page, as W3C specifications give theirs: this
version, the latest released version, the previous version and the working draft "as at" its
date, then a chooser of any two versions to compare.

A delegate holding a printed document first needs to know whether it is the text under
negotiation; the header answers that before the text starts, on every page that shows a text.
It is kept out of the search index: the same symbols on every page would drown the page that is
about a symbol.

The working draft's date is the date of the newest commit that changed its files (git's
provenance, read at the edge).  ``versions.yml`` dates released versions only; a draft changes
daily and a date written by hand would be stale.  Without provenance (a copy outside git) the
header names the working draft without a date rather than guess one.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from dataclasses import dataclass

from redraft.kb.model import Version
from redraft.site import urls
from redraft.site.blocks import local_date, version_label
from redraft.site.context import Context
from redraft.site.text import inline, md_link


@dataclass(frozen=True)
class Pair:
    """The two versions a chooser opens with, in the order of the comparison."""

    start: Version
    end: Version


def draft_as_at(ctx: Context) -> dt.date | None:
    """The date of the newest commit that changed the working draft's guidelines, if git says."""
    dates = [change.date.date() for change in ctx.facts.provenance.last_changed.values()]
    return max(dates) if dates else None


def header(ctx: Context, path: str, version: Version, guideline_id: str | None = None) -> str:
    """This version, the latest released, the previous and the working draft, each linked to
    the same guideline where it has one (else to the whole version), then the chooser."""
    labels = ctx.labels
    entries = [(labels["this_version"], _name_and_date(ctx, version, None))]
    released = [v for v in ctx.kb.versions if not v.is_draft]
    latest = released[-1] if released else None
    if latest is not None:
        entries.append(
            (labels["latest_released"], _entry(ctx, path, latest, version, guideline_id))
        )
    index = ctx.kb.version_index(version.id) or 0
    previous = ctx.kb.versions[index - 1] if index else None
    if previous is not None and (latest is None or previous.id != latest.id):  # named once
        entries.append(
            (labels["previous_version"], _entry(ctx, path, previous, version, guideline_id))
        )
    draft = ctx.kb.draft
    if draft is not None and draft.id != version.id:
        entries.append((labels["working_draft"], _entry(ctx, path, draft, version, guideline_id)))
    lines = [f"{inline(term)}\n:   {value}\n" for term, value in entries]
    chooser = compare_chooser(ctx, path, default_pair(ctx, version))
    return (
        '<div class="redraft-identity" data-search-exclude markdown>\n\n'
        + "\n".join(lines)
        + "\n"
        + chooser
        + "\n</div>\n"
    )


def _entry(
    ctx: Context, path: str, target: Version, here: Version, guideline_id: str | None
) -> str:
    if target.id == here.id:
        return _name_and_date(ctx, target, None)
    if guideline_id is None:
        return _name_and_date(ctx, target, ctx.to_version(path, target.id))
    if target.guideline(guideline_id) is not None:
        return _name_and_date(ctx, target, ctx.to_version(path, target.id, guideline_id))
    missing = inline(ctx.labels["not_in_version"])
    return f"{_name_and_date(ctx, target, ctx.to_version(path, target.id))} — {missing}"


def _name_and_date(ctx: Context, version: Version, link: str | None) -> str:
    name = inline(version_label(version, ctx.labels["working_draft"]))
    if version.is_draft and link:
        # The term already says "Working draft": the link names what it opens.
        name = inline(ctx.labels["current_text"])
    shown = md_link(name, link) if link else f"**{name}**"
    if version.is_draft:
        as_at = draft_as_at(ctx)
        if as_at is None:
            return shown
        as_at_words = ctx.labels.format("as_at", date=local_date(as_at, ctx.language))
        return f"{shown}, {inline(as_at_words)}"
    return f"{shown} ({inline(local_date(version.date, ctx.language))})" if version.date else shown


def default_pair(ctx: Context, version: Version) -> Pair | None:
    """What a reader of ``version`` most likely wants compared: what changed since it, up to the
    newest text; for the newest text itself, what changed since the one before."""
    versions = ctx.versions
    if len(versions) < 2:
        return None
    if version not in versions:
        return Pair(versions[-2], versions[-1])
    if version.id == versions[-1].id:
        return Pair(versions[-2], version)
    return Pair(version, versions[-1])


def compare_chooser(ctx: Context, path: str, pair: Pair | None) -> str:
    """A form of two selects that opens ``/compare/<from>/<to>/`` for any two versions of this
    tree, in either direction.  It needs the script (a static site cannot answer a form), so it
    starts hidden and the script shows it; without the script, the compare index lists every
    pair."""
    if pair is None:
        return ""
    labels = ctx.labels
    here = urls.page_url(path) or "."
    root = posixpath.relpath(urls.page_url(urls.COMPARE), here) + "/"
    uid = path.removesuffix("index.md").strip("/").replace("/", "-") or "home"

    def select(name: str, chosen: Version) -> str:
        options = "".join(
            f'<option value="{urls.segment(v.id)}"{" selected" if v.id == chosen.id else ""}>'
            f"{html.escape(version_label(v, labels['working_draft']))}</option>"
            for v in reversed(ctx.versions)
        )
        return (
            f'<label for="redraft-{name}-{uid}">{html.escape(labels[f"compare_{name}"])}</label> '
            f'<select id="redraft-{name}-{uid}" name="{name}">{options}</select>'
        )

    index = ""
    if path != urls.COMPARE:
        link = md_link(inline(labels["compare_all_pairs"]), urls.link(path, urls.COMPARE))
        index = f'<p class="redraft-chooser-index" markdown>{link}</p>\n'
    return (
        f'<form class="redraft-chooser" hidden data-compare="{html.escape(root)}"'
        f' data-same="{html.escape(labels["compare_same"])}"'
        f' aria-label="{html.escape(labels["compare"])}">'
        f"{select('from', pair.start)} {select('to', pair.end)} "
        f'<button type="submit" class="md-button">{html.escape(labels["compare_go"])}</button>'
        '<output class="redraft-chooser-message" aria-live="polite"></output>'
        "</form>\n\n" + index
    )
