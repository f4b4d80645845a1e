"""``redraft guideline new|rename|move|merge|split|delete|renumber``: structural edits of the
working draft, each one checked change to outline, numbers, lineage and every translation.

The work is done by :mod:`redraft.editing.guidelines` over a changeset; this module parses the
arguments and hands the changeset to :func:`redraft.cli.editing.finish`, which checks the result,
writes it (or shows it, with ``--dry-run``) and reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from redraft.cli import main
from redraft.cli.editing import dry_run_option, finish
from redraft.cli.options import exit_codes, fail, lazy_module, root_options, usage_error
from redraft.editing.changeset import Changeset, EditRefused

if TYPE_CHECKING:
    from redraft.editing import guidelines as edits
else:
    # the structural edits (and the loader and checks they need) are imported when a command
    # runs, not when `redraft --help` lists them (tests/test_cli_startup.py)
    edits = lazy_module("redraft.editing.guidelines")
from redraft.kb.model import DRAFT

EXIT_CODES = exit_codes(
    ok="done (with --dry-run: the diff shown, nothing written)",
    problems="refused: the edit cannot be made, or the result would not pass `redraft check` "
    "(nothing is written)",
    usage="usage error: an unknown guideline, paragraph, part or version, or a taken id "
    "(nothing is written)",
)


@main.group("guideline")
def guideline_group() -> None:
    """Change the working draft's structure: add, rename, move, merge, split, delete or
    renumber guidelines, keeping outline, numbers, lineage and translations consistent.

    Every command checks the result as `redraft check` would before writing anything, and
    takes --dry-run to show the diff instead.
    """


def _common(renumber: bool = False) -> Callable[[Callable[..., None]], click.Command]:
    """--version (only the draft is accepted), --dry-run, --root and, where the command may
    leave numbers out of order, --renumber."""

    def decorate(command: Callable[..., None]) -> click.Command:
        decorated: Any = root_options()(dry_run_option(command))
        decorated = click.option(
            "--version",
            "version",
            default=DRAFT,
            show_default=True,
            metavar="VERSION",
            help="The version to edit: only the working draft can be; released ones are frozen.",
        )(decorated)
        if renumber:
            decorated = click.option(
                "--renumber",
                is_flag=True,
                help="Also number the draft 1, 2, 3… in outline order (see `renumber`).",
            )(decorated)
        return guideline_group.command(epilog=EXIT_CODES)(decorated)

    return decorate


@contextmanager
def _refusals() -> Iterator[None]:
    """An unknown name is a usage error (exit 2); an edit that cannot be made, exit 1."""
    try:
        yield
    except edits.UnknownName as exc:
        usage_error(str(exc))
    except EditRefused as exc:
        fail(str(exc))


def _edit(root: Path, version: str, dry_run: bool, build: Callable[[edits.Draft], None]) -> None:
    with _refusals():
        from redraft.kb.load import load

        kb = load(root).kb
        edits.require_draft(kb, version)
        draft = edits.Draft(kb, Changeset(root))
        build(draft)
    for note in draft.notes:
        click.echo(note, err=True)
    with _refusals():
        finish(draft.changeset, dry_run=dry_run)


@_common(renumber=True)
@click.argument("guideline_id", metavar="ID")
@click.option("--title", required=True, help="The guideline's title (in the draft's language).")
@click.option("--part", "part", required=True, metavar="PART", help="The part it goes in.")
@click.option("--after", metavar="ID", help="Place it after this guideline (default: last).")
@click.option(
    "--text",
    default="(a) [Text to be drafted.]",
    show_default=True,
    help="Its first paragraph (edit the file for more).",
)
def new(
    guideline_id: str,
    title: str,
    part: str,
    after: str | None,
    text: str,
    renumber: bool,
    version: str,
    dry_run: bool,
    root: Path,
) -> None:
    """Add guideline ID to the draft: its English file and its place in the outline.

    It is numbered after the guideline before it (7 bis) unless --renumber.  No translation is
    created: the translation status lists it as missing in every language, for the translators.
    """
    _edit(
        root,
        version,
        dry_run,
        lambda d: edits.new_guideline(
            d, guideline_id, title=title, part=part, after=after, text=text, renumber_all=renumber
        ),
    )


@_common()
@click.argument("guideline_id", metavar="ID")
@click.option("--title", help="A new title (translations are then reported as outdated).")
@click.option("--id", "new_id", metavar="NEW", help="A new id, in every language.")
def rename(
    guideline_id: str,
    title: str | None,
    new_id: str | None,
    version: str,
    dry_run: bool,
    root: Path,
) -> None:
    """Give guideline ID a new title and/or a new id.

    A new id renames the file in every language and updates the outline and the comments made
    on the draft; a guideline a released version has records `replaces: ID`, so its history and
    the comments on released versions still find it.
    """
    if title is None and new_id is None:
        usage_error("give --title, --id, or both")

    def build(draft: edits.Draft) -> None:
        if title is not None:
            edits.retitle(draft, guideline_id, title)
        if new_id is not None:
            edits.rename_id(draft, guideline_id, new_id)

    _edit(root, version, dry_run, build)


@_common(renumber=True)
@click.argument("guideline_id", metavar="ID")
@click.option("--to-part", "part", required=True, metavar="PART", help="The part it goes to.")
@click.option("--after", metavar="ID", help="Place it after this guideline (default: last).")
def move(
    guideline_id: str,
    part: str,
    after: str | None,
    renumber: bool,
    version: str,
    dry_run: bool,
    root: Path,
) -> None:
    """Move guideline ID to another place or part.  Numbers stay unless --renumber."""
    _edit(
        root,
        version,
        dry_run,
        lambda d: edits.move(d, guideline_id, part=part, after=after, renumber_all=renumber),
    )


@_common(renumber=True)
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@click.option("--into", "into", required=True, metavar="C", help="A, B, or a new id.")
@click.option("--title", help="The merged guideline's title (default: C's, or A's).")
def merge(
    first: str,
    second: str,
    into: str,
    title: str | None,
    renumber: bool,
    version: str,
    dry_run: bool,
    root: Path,
) -> None:
    """Merge guidelines A and B, in that order, into C.

    Paragraphs are relettered in one sequence, C's own keeping their anchors with {#id}; the
    lineage is recorded in `merged_from`; translations are merged the same way.
    """
    _edit(
        root,
        version,
        dry_run,
        lambda d: edits.merge(d, first, second, into=into, title=title, renumber_all=renumber),
    )


def _titles(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    found = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key or not text.strip():
            raise click.BadParameter(f"'{value}' is not ID=TITLE")
        found[key] = text
    return found


@_common(renumber=True)
@click.argument("source", metavar="A")
@click.option(
    "--into",
    "into",
    required=True,
    nargs=2,
    metavar="B C",
    help="The two guidelines (A may be one).",
)
@click.option("--at", metavar="PARAGRAPH", help="The first paragraph of C (default: the middle).")
@click.option(
    "--title",
    "titles",
    multiple=True,
    callback=_titles,
    metavar="ID=TITLE",
    help="The title of a new guideline (required for each new one).",
)
def split(
    source: str,
    into: tuple[str, str],
    at: str | None,
    titles: dict[str, str],
    renumber: bool,
    version: str,
    dry_run: bool,
    root: Path,
) -> None:
    """Split guideline A into B (its paragraphs before --at, and its note) and C (the rest).

    A new guideline records `split_from: A`; C is numbered after B (7 bis) unless --renumber.
    Each translation is split at the same paragraph.
    """
    _edit(
        root,
        version,
        dry_run,
        lambda d: edits.split(d, source, into, at=at, titles=titles, renumber_all=renumber),
    )


@_common(renumber=True)
@click.argument("target", metavar="ID[/PARAGRAPH]")
def delete(target: str, renumber: bool, version: str, dry_run: bool, root: Path) -> None:
    """Delete guideline ID, or one paragraph of it (ID/PARAGRAPH), in every language.

    The paragraphs after a deleted one are relettered, each keeping its anchor with {#id}, in
    the original and every translation alike.
    """
    guideline_id, _, paragraph = target.partition("/")

    def build(draft: edits.Draft) -> None:
        if paragraph:
            edits.delete_paragraph(draft, guideline_id, paragraph)
        else:
            edits.delete(draft, guideline_id, renumber_all=renumber)

    _edit(root, version, dry_run, build)


@_common()
def renumber(version: str, dry_run: bool, root: Path) -> None:
    """Number the draft's guidelines 1, 2, 3… in outline order (only changed numbers are
    written)."""

    def build(draft: edits.Draft) -> None:
        edits.renumber(draft)

    _edit(root, version, dry_run, build)
