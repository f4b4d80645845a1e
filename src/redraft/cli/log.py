"""``redraft log``: who last changed each guideline of the draft, one guideline's history, or the
changes made to the draft since the last release with their redlines; all from git."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from redraft.cli import main
from redraft.cli.options import exit_codes, fail, format_option, root_options, usage_error

if TYPE_CHECKING:
    from redraft.release.provenance import Change, ChangesSinceRelease


@main.command(
    "log",
    epilog=exit_codes(
        ok="the history shown",
        problems="history unavailable (not a git repository, or a shallow clone)",
        usage="usage error (e.g. a guideline not in the draft)",
    ),
)
@click.option(
    "--since-release",
    is_flag=True,
    help="The commits that changed the draft since the last release, each with its redline.",
)
@click.option("--guideline", "guideline_id", metavar="ID", help="Every change to one guideline.")
@format_option(("text", "json"))
@root_options()
def log_command(
    since_release: bool, guideline_id: str | None, output_format: str, root: Path
) -> None:
    """Show who changed the working draft and when, from git.

    Without options: for each guideline of the draft, the last commit that changed it (its
    file or a translation).  Outside a git repository, or in a shallow clone, says why the
    history is unavailable.
    """
    # imported here, not at the top, so that `redraft --help` starts without the library
    from redraft.kb.load import load
    from redraft.release.provenance import (
        ChangesSinceRelease,
        ProvenanceOff,
        changes_since_release,
        guideline_history,
        last_changed,
    )

    if since_release and guideline_id:
        usage_error("use --since-release or --guideline, not both")
    kb = load(root).kb
    as_json = output_format == "json"
    if since_release:
        since = changes_since_release(root, kb)
        _stop_if_off(since)
        assert isinstance(since, ChangesSinceRelease)
        _show_since_release(root, since, as_json)
    elif guideline_id:
        if kb.draft is None or kb.draft.guideline(guideline_id) is None:
            known = ", ".join(g.id for g in kb.draft.guidelines) if kb.draft else "none"
            usage_error(
                f"guideline '{guideline_id}' is not in the working draft (its guidelines: {known})"
            )
        history = guideline_history(root, guideline_id, kb)
        _stop_if_off(history)
        assert isinstance(history, tuple)
        if as_json:
            _print_json({"guideline": guideline_id, "changes": [_change_json(c) for c in history]})
        else:
            for change in history:
                click.echo(_change_line(change))
            if not history:
                click.echo(f"guideline '{guideline_id}' has no committed change")
    else:
        latest = last_changed(root, kb)
        _stop_if_off(latest)
        assert not isinstance(latest, ProvenanceOff)
        draft = kb.draft
        guidelines = draft.guidelines if draft is not None else ()
        if as_json:
            _print_json(
                {g.id: _change_json(latest[g.id]) if g.id in latest else None for g in guidelines}
            )
            return
        number_width = max((len(g.number) for g in guidelines), default=1)
        id_width = max((len(g.id) for g in guidelines), default=1)
        for guideline in guidelines:
            last = latest.get(guideline.id)
            said = _change_line(last) if last else "not committed yet"
            click.echo(f"{guideline.number:>{number_width}}  {guideline.id:<{id_width}}  {said}")


def _stop_if_off(value: object) -> None:
    from redraft.release.provenance import ProvenanceOff

    if isinstance(value, ProvenanceOff):
        fail(str(value))


def _change_line(change: Change) -> str:
    return f"{change.date.date().isoformat()}  {change.short}  {change.author}  {change.summary}"


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "commit": change.commit,
        "date": change.date.isoformat(),
        "author": change.author,
        "summary": change.summary,
        "files": list(change.files),
    }


def _print_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _show_since_release(root: Path, since: ChangesSinceRelease, as_json: bool) -> None:
    from redraft.kb.revision import BadRevision
    from redraft.redline.render.json import to_json
    from redraft.redline.render.text import to_terminal
    from redraft.release.provenance import redline_of

    if as_json:
        entries = []
        for draft_change in since.changes:
            entry = _change_json(draft_change.change)
            entry["parent"] = draft_change.parent
            entry["guidelines"] = list(draft_change.guidelines)
            try:
                entry["redline"] = to_json(redline_of(root, draft_change))
            except BadRevision as exc:
                entry["redline"] = None
                entry["redline_error"] = str(exc)
            entries.append(entry)
        _print_json(
            {
                "release": since.release,
                "base": since.base,
                "base_label": since.base_label,
                "changes": entries,
            }
        )
        return
    since_what = f"'{since.release}' ({since.base_label})" if since.release else since.base_label
    click.echo(f"{len(since.changes)} change(s) to the draft since {since_what}")
    for draft_change in since.changes:
        click.echo("")
        click.echo(_change_line(draft_change.change))
        click.echo("  files: " + ", ".join(draft_change.change.files))
        try:
            diff = redline_of(root, draft_change)
        except BadRevision as exc:
            click.echo(f"  (no redline: {exc})")
            continue
        for item in to_terminal(diff, styled=False):
            text = getattr(item, "plain", str(item))
            click.echo(f"  {text}" if text else "")
