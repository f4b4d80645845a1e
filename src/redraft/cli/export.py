"""``redraft export compilation``: the compilation of comments on a call, for the meeting."""

from __future__ import annotations

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
from redraft.exports.compilation import (
    FORMATS,
    UnknownCall,
    export_compilation,
    format_of,
    is_compilation,
)
from redraft.exports.documents import (
    DOCUMENT_FORMATS,
    BadTemplate,
    DocumentFormat,
    document_format,
    draft_date,
    is_redraft_document,
    render_compare,
    render_version,
    write_document,
)
from redraft.exports.pdf import PdfUnavailable
from redraft.kb.atomic import NotARegularFile, ensure_replaceable
from redraft.kb.model import UN_LANGUAGES, english_name

if TYPE_CHECKING:
    from redraft.kb.model import KnowledgeBase, Version


@main.group("export")
def export_group() -> None:
    """Write documents made from the knowledge base."""


@export_group.command(
    "compilation",
    epilog=exit_codes(
        problems=NOT_STOPPED_BY_PROBLEMS,
        ok="FILE written",
        usage="usage error: an unknown call or language, or an unusable FILE (nothing is written)",
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
    "--lang",
    "language",
    metavar="CODE",
    help="The language of the group headings and subject cells (ar, zh, en, fr, ru, es), "
    "in the site's words; by default, the original. Comments stay as received.",
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
    language: str | None,
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
    if language is not None and language not in UN_LANGUAGES:
        usage_error(f"unknown language {language!r}: choose one of {', '.join(UN_LANGUAGES)}")
    if output.exists() and not force and not is_compilation(output):
        usage_error(
            f"{output} exists and is not a compilation exported by Redraft; "
            "choose another name or pass --force to replace it"
        )
    from redraft.cli.progress import status

    result = load_for("export", root, "compilation")
    try:
        with status() as say:
            say(f"writing the compilation {output.name}")
            content = export_compilation(
                result.kb,
                call_id,
                FORMATS[FORMATS.index(chosen)],
                output,
                include_restricted,
                language,
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


# -- official documents: a version, a comparison ----------------------------------------------

_DOCUMENT_EXIT_CODES = exit_codes(
    ok="FILE written",
    problems=NOT_STOPPED_BY_PROBLEMS,
    usage="an unknown version or language, an unusable FILE or template, or PDF without "
    "LibreOffice (nothing is written)",
)
_document_format = click.option(
    "--format",
    "export_format",
    type=click.Choice(DOCUMENT_FORMATS),
    help="docx or pdf (PDF needs LibreOffice); by default, the extension of FILE.",
)
_document_output = click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The file to write.",
)
_document_language = click.option(
    "--lang",
    "language",
    metavar="CODE",
    help="The language of the text (ar, zh, en, fr, ru, es); by default, the original.",
)
_document_template = click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="DOCX",
    help="A Word document whose styles (Document Title, Guideline Heading, …) are used.",
)
_document_force = click.option(
    "--force", is_flag=True, help="Replace FILE even if it is not a document Redraft wrote."
)


def _document_target(output: Path, export_format: str | None, force: bool) -> DocumentFormat:
    """The format to write, after refusing what would fail or overwrite someone's file."""
    wanted = document_format(output)
    chosen = export_format or wanted
    if chosen is None:
        usage_error(f"cannot tell the format of {output}: name it .docx or .pdf, or use --format")
    if export_format and wanted and export_format != wanted:
        usage_error(f"--format {export_format} does not match the file name {output}")
    if not output.parent.is_dir():
        usage_error(f"the folder {output.parent} does not exist")
    try:
        ensure_replaceable(output)  # before anything reads it: only a regular file is replaced
    except NotARegularFile as exc:
        usage_error(str(exc))
    if output.exists() and not force and not is_redraft_document(output):
        usage_error(
            f"{output} exists and is not a document exported by Redraft; "
            "choose another name or pass --force to replace it"
        )
    return DOCUMENT_FORMATS[DOCUMENT_FORMATS.index(chosen)]


def _making(chosen: DocumentFormat, output: Path) -> str:
    if chosen == "pdf":
        return f"making {output.name} (Word, then PDF by LibreOffice)"
    return f"making {output.name}"


def _version(kb: KnowledgeBase, spec: str, root: Path) -> Version:
    from redraft.kb.versionspec import VersionNotFound, resolve_version

    try:
        return resolve_version(kb, spec, root)
    except VersionNotFound as exc:
        usage_error(str(exc))


@export_group.command(
    "version",
    epilog=_DOCUMENT_EXIT_CODES,
)
@click.argument("version_spec", metavar="VERSION")
@_document_format
@_document_output
@_document_language
@_document_template
@_document_force
@root_options()
def version_command(
    version_spec: str,
    export_format: str | None,
    output: Path,
    language: str | None,
    template: Path | None,
    force: bool,
    root: Path,
) -> None:
    """A version as an official document: masthead with symbol, date and original language,
    the introduction, parts, numbered guidelines, lettered paragraphs and explanatory notes,
    the symbol in a running header and page numbers.  VERSION is an id, a symbol or draft;
    the working draft is dated by its last committed change.
    """
    # imported here, not at the top, so that `redraft --help` does not load python-docx
    from redraft.cli.progress import status
    from redraft.exports.version_docx import UnknownLanguage

    chosen = _document_target(output, export_format, force)
    kb = load_for("export", root, "document").kb
    version = _version(kb, version_spec, root)
    as_at = draft_date(root, kb) if version.date is None else None
    try:
        with status() as say:
            say(_making(chosen, output))
            data = render_version(kb, version, chosen, language, as_at, template)
    except (UnknownLanguage, BadTemplate, PdfUnavailable) as exc:
        usage_error(str(exc))
    write_document(output, data)
    click.echo(
        f"{output}: {version.label}, {len(version.guidelines)} guidelines, "
        f"in {english_name(language or version.language)}",
        err=True,
    )


@export_group.command(
    "compare",
    epilog=_DOCUMENT_EXIT_CODES,
)
@click.argument("from_spec", metavar="FROM")
@click.argument("to_spec", metavar="TO")
@_document_format
@_document_output
@_document_language
@_document_template
@_document_force
@root_options()
def compare_command(
    from_spec: str,
    to_spec: str,
    export_format: str | None,
    output: Path,
    language: str | None,
    template: Path | None,
    force: bool,
    root: Path,
) -> None:
    """A redline from version FROM to version TO: in the .docx every insertion and deletion is
    a Word tracked change by TO (its symbol, its date) that can be accepted or rejected; the
    PDF prints them inline, with a legend.  Renumbered, moved, merged and split guidelines are
    labelled under their headings.
    """
    from redraft.cli.progress import status
    from redraft.redline.compare import LanguageNotFound

    chosen = _document_target(output, export_format, force)
    kb = load_for("export", root, "comparison").kb
    old = _version(kb, from_spec, root)
    new = _version(kb, to_spec, root)
    as_at = draft_date(root, kb) if new.date is None else None
    try:
        with status() as say:
            say(_making(chosen, output))
            data = render_compare(kb, old, new, chosen, language, as_at, template)
    except (LanguageNotFound, BadTemplate, PdfUnavailable) as exc:
        usage_error(str(exc))
    write_document(output, data)
    click.echo(f"{output}: {old.label} → {new.label}", err=True)
