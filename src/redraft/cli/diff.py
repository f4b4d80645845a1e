"""``redraft diff FROM TO``: a redline between two versions, in the terminal or as a file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from redraft.cli import main
from redraft.cli.options import (
    NOT_STOPPED_BY_PROBLEMS,
    exit_codes,
    format_option,
    load_for,
    root_options,
    usage_error,
)

if TYPE_CHECKING:
    from redraft.redline.compare import VersionDiff

FORMATS = ("text", "md", "html", "json")


@main.command(
    "diff",
    epilog=exit_codes(
        problems=NOT_STOPPED_BY_PROBLEMS,
        ok="the redline printed",
        usage="usage error: an unknown version, guideline or language, or a bad option",
    ),
)
@click.argument("from_spec", metavar="FROM")
@click.argument("to_spec", metavar="TO")
@click.option(
    "--guideline",
    "guideline_id",
    metavar="ID",
    help="Compare one guideline (with the guidelines it was merged or split from or into).",
)
@format_option(
    FORMATS, "text for the terminal, md (CriticMarkup), html (a standalone page) or json."
)
@click.option(
    "--side-by-side", is_flag=True, help="Old and new text in two columns (text, md, html)."
)
@click.option(
    "--lang",
    "language",
    metavar="CODE",
    help="Compare the texts in this language (ar, zh, en, fr, ru, es), aligned by guideline.",
)
@root_options()
def diff_command(
    from_spec: str,
    to_spec: str,
    guideline_id: str | None,
    output_format: str,
    side_by_side: bool,
    language: str | None,
    root: Path,
) -> None:
    """Show what changed from version FROM to version TO.

    FROM and TO are version ids (2018-3, draft), document symbols, or draft@REV (the draft
    as committed at a git revision); either may be the later one.  The structural changes
    (added, deleted, renumbered, moved, merged, split, explanatory note removed) come first,
    then the wording of each changed guideline.

    With --lang, the translations in that language are compared instead of the originals,
    guideline by guideline; a guideline with no text in that language in one of the versions
    is listed, its wording not compared.
    """
    # The library is imported here, not at the top: `redraft --help` and the other commands
    # start without it (docs/architecture.md, "Tests and start-up").
    from redraft.kb.versionspec import VersionNotFound, resolve_version
    from redraft.redline.compare import GuidelineNotFound, LanguageNotFound, diff_versions
    from redraft.redline.render.html import to_html_page
    from redraft.redline.render.json import to_json
    from redraft.redline.render.markdown import to_markdown

    if side_by_side and output_format == "json":
        usage_error("--side-by-side applies to the text, md and html formats")
    kb = load_for("diff", root, "redline").kb
    try:
        # draft@REV is read from git here, at the edge, from the folder the user named
        old = resolve_version(kb, from_spec, root)
        new = resolve_version(kb, to_spec, root)
        diff = diff_versions(kb, old, new, guideline_id, language)
    except (VersionNotFound, GuidelineNotFound, LanguageNotFound) as exc:
        usage_error(str(exc))

    if output_format == "json":
        click.echo(json.dumps(to_json(diff), ensure_ascii=False, indent=2))
    elif output_format == "md":
        click.echo(to_markdown(diff, side_by_side=side_by_side), nl=False)
    elif output_format == "html":
        click.echo(to_html_page(diff, side_by_side=side_by_side), nl=False)
    else:
        _print_terminal(diff, side_by_side)


def _print_terminal(diff: VersionDiff, side_by_side: bool) -> None:
    from rich.console import Console
    from rich.text import Text

    from redraft.redline.render.text import to_terminal

    styled = sys.stdout.isatty()
    renderables = to_terminal(diff, styled=styled, side_by_side=side_by_side)
    if styled:
        console = Console(highlight=False)
        for item in renderables:
            console.print(item)
        return
    # Not a terminal: no escape codes, and no wrapping of paragraphs that a script may grep.
    plain = Console(color_system=None, highlight=False, soft_wrap=True, file=sys.stdout)
    for item in renderables:
        if isinstance(item, Text):
            click.echo(item.plain)
        else:
            plain.print(item, soft_wrap=False)
