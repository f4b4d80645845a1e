"""``/compare/`` and ``/compare/<from>/<to>/`` for every pair of versions, older to newer.

A comparison opens with the structural summary (new, deleted, renumbered, moved, merged, split
guidelines and parts), kept apart from wording, then gives each changed guideline's redline,
inline and side by side, with the comments the newer version addressed.  Each guideline is
anchored by its id, so ``/compare/<from>/<to>/#<guideline>`` compares one guideline.

Compare pages are left out of the search index: their words are the versions' words, indexed
once from the version pages, and marked-up text indexes badly.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import Comment, Version
from . import urls
from .blocks import breadcrumbs, internal_banner, submissions_notice
from .context import Context
from .guidelines import CHANGE_WORDS
from .page import Page
from .redlines import RedlineRow, TabIds, guideline_rows, paragraph_row, redline_tabs
from .text import inline, md_link
from .versions import version_name

if TYPE_CHECKING:
    from ..redline import GuidelineChange, VersionDiff

SUMMARY_WORDS = {
    "added": "New",
    "deleted": "Deleted",
    "renumbered": "Renumbered",
    "moved": "Moved",
    "reworded": "Reworded",
    "relabelled": "Paragraphs relettered",
    "merged": "Formed by a merger",
    "merged-into": "Merged into another",
    "split": "Split out of another",
    "split-into": "Split",
    "replaces": "Replacing another",
    "replaced-by": "Replaced",
    "note-added": "Explanatory note added",
    "note-removed": "Explanatory note removed",
    "note-reworded": "Explanatory note reworded",
}
PART_WORDS = {
    "added": "New parts",
    "deleted": "Deleted parts",
    "renumbered": "Renumbered parts",
    "retitled": "Retitled parts",
    "moved": "Moved parts",
}


def pairs(ctx: Context) -> Iterator[tuple[Version, Version]]:
    versions = ctx.kb.versions
    for i, older in enumerate(versions):
        for newer in versions[i + 1 :]:
            yield older, newer


def pages(ctx: Context) -> Iterator[Page]:
    yield index_page(ctx)
    for older, newer in pairs(ctx):
        yield compare_page(ctx, older, newer)


def index_page(ctx: Context) -> Page:
    path = urls.COMPARE
    out = [
        internal_banner(ctx),
        "# Compare versions\n",
        "Every version compared with every later one, the working draft included. "
        "Each comparison lists what happened to each guideline (new, deleted, renumbered, moved, "
        "merged, split), then shows every change of wording, inline or side by side.\n",
    ]
    versions = ctx.kb.versions
    for i, older in enumerate(versions[:-1]):
        out.append(
            f"## From the {inline(version_name(ctx, older))} {{ #from_{urls.segment(older.id)} }}\n"
        )
        items = []
        for newer in versions[i + 1 :]:
            diff = ctx.facts.diff(older.id, newer.id)
            count = f" — {len(diff.summary.changed)} guidelines changed"
            items.append(
                "- "
                + md_link(
                    f"to the {inline(version_name(ctx, newer))}",
                    urls.link(path, urls.compare(older.id, newer.id)),
                )
                + count
            )
        out.append("\n".join(items) + "\n")
    return Page(path, "Compare versions", "\n".join(out))


def compare_page(ctx: Context, older: Version, newer: Version) -> Page:
    path = urls.compare(older.id, newer.id)
    old_name, new_name = version_name(ctx, older), version_name(ctx, newer)
    title = f"{old_name} → {new_name}"
    out = [
        internal_banner(ctx),
        breadcrumbs(path, [("Compare", urls.COMPARE), (title, None)]),
        f"# {inline(title)}\n",
        f"From [{inline(old_name)}]({urls.link(path, urls.version(older.id))}) "
        f"to [{inline(new_name)}]({urls.link(path, urls.version(newer.id))}). "
        "Deleted words are struck through, inserted words underlined.\n",
    ]
    diff = ctx.facts.diff(older.id, newer.id)
    out.append("## Summary { #compare_summary }\n")
    out.append(_summary(ctx, path, diff))
    tabs = TabIds()
    intro_rows = [paragraph_row(p) for p in diff.introduction if p.changed]
    title_changed = any(op != "equal" for op, _ in diff.title_ops)
    if title_changed or intro_rows:
        out.append("## Title and introduction { #compare_introduction }\n")
        rows = []
        if title_changed:
            rows.append(
                RedlineRow(
                    label=(), text=tuple(diff.title_ops), status="changed", css="redraft-title"
                )
            )
        rows.extend(intro_rows)
        out.append(redline_tabs(rows, old_name, new_name, tabs, diff.language))
    changed = diff.changed_guidelines
    if changed:
        out.append("## Changes guideline by guideline { #compare_guidelines }\n")
        addressed = _addressed_between(ctx, older, newer)
        if any(addressed.values()):
            out.append(submissions_notice(ctx))
    for change in changed:
        number = change.to_number or change.from_number or ""
        name = change.to_title or change.from_title or change.id
        out.append(
            f"### {inline(number)}. {inline(name)} {{ #{urls.guideline_anchor(change.id)} }}\n"
        )
        words = ", ".join(CHANGE_WORDS.get(kind, kind) for kind in change.changes)
        numbers = ""
        if change.from_number and change.to_number and change.from_number != change.to_number:
            numbers = f" (guideline {inline(change.from_number)} → {inline(change.to_number)})"
        living = f"[Its history and comments]({urls.link(path, urls.guideline(change.id))})"
        out.append(f"{inline(words[0].upper() + words[1:])}{numbers}. {living}.\n")
        lineage = _lineage_line(ctx, path, change)
        if lineage:
            out.append(lineage)
        out.append(redline_tabs(guideline_rows(change), old_name, new_name, tabs, diff.language))
        comments = addressed.get(change.id, [])
        if comments:
            links = ", ".join(
                f"[{inline(ctx.facts.party_name(c.party))} ({c.id})]"
                f"({urls.link(path, urls.guideline(c.guideline), urls.comment_anchor(c.id))})"
                for c in comments
            )
            out.append(f"Comments addressed by this change: {links}.\n")
    unchanged = diff.summary.unchanged
    if unchanged:
        out.append("## Unchanged { #compare_unchanged }\n")
        out.append(
            ", ".join(
                f"[{_number_title(newer, gid)}]({urls.link(path, urls.guideline(gid))})"
                for gid in unchanged
            )
            + ".\n"
        )
    return Page(path, title, "\n".join(out), search=False, hide=("navigation",))


def _number_title(version: Version, guideline_id: str) -> str:
    guideline = version.guideline(guideline_id)
    if guideline is None:
        return inline(guideline_id)
    return inline(f"{guideline.number}. {guideline.title}")


def _summary(ctx: Context, path: str, diff: VersionDiff) -> str:
    """What happened to guidelines and parts as units, one line per kind of change."""
    lines = []
    for kind, ids in diff.summary.guidelines.items():
        if ids:
            links = "; ".join(_summary_link(diff, gid) for gid in ids)
            lines.append(f"- **{SUMMARY_WORDS.get(kind, kind)}** ({len(ids)}): {links}")
    for kind, ids in diff.summary.parts.items():
        if not ids:
            continue
        names = []
        for pid in ids:
            part = next((p for p in diff.parts if p.id == pid), None)
            if part is None:
                names.append(inline(pid))
                continue
            number = part.to_number or part.from_number or ""
            names.append(inline(f"{number}. {part.to_title or part.from_title or pid}"))
        lines.append(f"- **{PART_WORDS.get(kind, kind)}** ({len(ids)}): {'; '.join(names)}")
    if not lines:
        return "The two versions are the same.\n"
    unchanged = len(diff.summary.unchanged)
    lines.append(
        f"- **Unchanged** ({unchanged}): [listed below](#compare_unchanged)"
        if unchanged
        else "- **Unchanged**: none"
    )
    return "\n".join(lines) + "\n"


def _summary_link(diff: VersionDiff, guideline_id: str) -> str:
    change = diff.guideline(guideline_id)
    if change is None:
        return inline(guideline_id)
    if change.from_number and change.to_number and change.from_number != change.to_number:
        number = f"{change.from_number} → {change.to_number}"
    else:
        number = change.to_number or change.from_number or ""
    title = change.to_title or change.from_title or guideline_id
    return f"[{inline(number)}. {inline(title)}](#{urls.guideline_anchor(guideline_id)})"


def _lineage_line(ctx: Context, path: str, change: GuidelineChange) -> str:
    parts = []
    for word, ids in (
        ("Formed from", change.merged_from),
        ("Merged into", change.merged_into),
        ("Split out of", change.split_from),
        ("Split into", change.split_into),
        ("Replaces", change.replaces),
        ("Replaced by", change.replaced_by),
    ):
        if ids:
            links = ", ".join(f"[{inline(i)}](#{urls.guideline_anchor(i)})" for i in ids)
            parts.append(f"{word} {links}")
    return "; ".join(parts) + ".\n" if parts else ""


def _addressed_between(ctx: Context, older: Version, newer: Version) -> dict[str, list[Comment]]:
    """Comments addressed in a version after ``older`` up to ``newer``, by the guideline they
    were about and by every guideline descending from it in ``newer``."""
    kb = ctx.kb
    found: dict[str, list[Comment]] = {}
    for comment in kb.comments():
        if comment.addressed_in is None or comment.disposition == "pending":
            continue
        if not (
            kb.is_later(comment.addressed_in, older.id)
            and not kb.is_later(comment.addressed_in, newer.id)
        ):
            continue
        targets = {comment.guideline, *ctx.facts.successors.get(comment.guideline, ())}
        for target in sorted(targets):
            found.setdefault(target, []).append(comment)
    return found
