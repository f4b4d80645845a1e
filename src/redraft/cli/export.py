"""``redraft export compilation``: the compilation of comments on a call, for the meeting."""

from __future__ import annotations

from pathlib import Path

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


@export_group.command(
    "compilation",
    epilog=exit_codes(
        problems=NOT_STOPPED_BY_PROBLEMS,
        ok="FILE written",
        usage="usage error: an unknown call, or an unusable FILE (nothing is written)",
    ),
)
@click.option("--call", "call_id", required=True, metavar="ID", help="The call for comments.")
@format_option(
    FORMATS, "docx, xlsx or csv; by default, the extension of FILE.", from_file_name=True
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
@root_options()
def compilation_command(
    call_id: str,
    output_format: str | None,
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
    regular file (a FIFO, a device, a socket, a folder, or a link to one).
    """
    wanted = format_of(output)
    chosen = output_format or wanted
    if chosen is None:
        usage_error(
            f"cannot tell the format of {output}: name it .docx, .xlsx or .csv, or use --format"
        )
    if output_format and wanted and output_format != wanted:
        usage_error(f"--format {output_format} does not match the file name {output}")
    if not output.parent.is_dir():
        usage_error(f"the folder {output.parent} does not exist")
    try:
        # Before anything reads FILE: a FIFO would make that wait, and only a regular file
        # may be replaced (--force included).
        ensure_replaceable(output)
    except NotARegularFile as exc:
        usage_error(str(exc))
    if output.exists() and not force and not is_compilation(output):
        usage_error(
            f"{output} exists and is not a compilation exported by Redraft; "
            "choose another name or pass --force to replace it"
        )
    result = load_for("export", root, "compilation")
    try:
        content = export_compilation(
            result.kb, call_id, FORMATS[FORMATS.index(chosen)], output, include_restricted
        )
    except UnknownCall as exc:
        usage_error(str(exc))
    except NotARegularFile as exc:  # put in FILE's place while the export was being made
        usage_error(str(exc))
    except OSError as exc:
        usage_error(f"cannot write {output}: {exc.strerror or exc}")
    comments = len(content.rows)
    parties = len(content.respondents)
    click.echo(
        f"{output}: {comments} comment{'' if comments == 1 else 's'} from {parties} "
        f"part{'y' if parties == 1 else 'ies'}"
        + (" (contains restricted submissions)" if content.includes_restricted else ""),
        err=True,
    )
