"""``redraft export compilation``: the compilation of comments on a call, for the meeting."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from redraft.cli import main
from redraft.cli.options import load_for, root_option
from redraft.exports.compilation import (
    FORMATS,
    UnknownCall,
    export_compilation,
    format_of,
    is_compilation,
)
from redraft.kb.atomic import NotARegularFile, ensure_replaceable


@main.group("export")
def export_group() -> None:
    """Write documents made from the knowledge base."""


def _fail(message: str) -> NoReturn:
    click.echo(f"redraft export: {message}", err=True)
    sys.exit(2)


@export_group.command("compilation")
@click.option("--call", "call_id", required=True, metavar="ID", help="The call for comments.")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(FORMATS),
    help="docx, xlsx or csv; by default, the extension of FILE.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The file to write.",
)
@click.option(
    "--include-restricted",
    is_flag=True,
    help="Include restricted submissions; the file then says it is not for publication.",
)
@click.option(
    "--force", is_flag=True, help="Replace FILE even if it is not a compilation Redraft wrote."
)
@root_option
def compilation_command(
    call_id: str,
    export_format: str | None,
    output: Path,
    include_restricted: bool,
    force: bool,
    root: Path,
) -> None:
    """The compilation of comments received on a call: party, guideline and paragraph, type,
    comment, proposed change and the secretariat's observations, ordered by guideline then
    party, each comment in the language in which it was received.

    FILE is written through a temporary file and a rename.  An existing FILE is replaced only
    if it is a compilation Redraft exported before (or with --force), and never if it is not a
    regular file (a FIFO, a device, a socket, a folder, or a link to one).  Exit status: 0 written,
    2 for an unknown call or an unusable FILE (nothing is written).
    """
    wanted = format_of(output)
    chosen = export_format or wanted
    if chosen is None:
        _fail(f"cannot tell the format of {output}: name it .docx, .xlsx or .csv, or use --format")
    if export_format and wanted and export_format != wanted:
        _fail(f"--format {export_format} does not match the file name {output}")
    if not output.parent.is_dir():
        _fail(f"the folder {output.parent} does not exist")
    try:
        # Before anything reads FILE: a FIFO would make that wait, and only a regular file
        # may be replaced (--force included).
        ensure_replaceable(output)
    except NotARegularFile as exc:
        _fail(str(exc))
    if output.exists() and not force and not is_compilation(output):
        _fail(
            f"{output} exists and is not a compilation exported by Redraft; "
            "choose another name or pass --force to replace it"
        )
    result = load_for("export", root, "compilation")
    try:
        content = export_compilation(
            result.kb, call_id, FORMATS[FORMATS.index(chosen)], output, include_restricted
        )
    except UnknownCall as exc:
        _fail(str(exc))
    except NotARegularFile as exc:  # put in FILE's place while the export was being made
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    comments = len(content.rows)
    parties = len(content.respondents)
    click.echo(
        f"{output}: {comments} comment{'' if comments == 1 else 's'} from {parties} "
        f"part{'y' if parties == 1 else 'ies'}"
        + (" (contains restricted submissions)" if content.includes_restricted else ""),
        err=True,
    )
