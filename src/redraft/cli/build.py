"""``redraft build`` and ``redraft serve``: the published site.

``build`` generates every page from the knowledge base as Markdown into ``build/pages/`` and
builds it with MkDocs into ``site/``, or does nothing if no input changed since the last build.
``serve`` generates the pages, then serves every language tree with MkDocs' live-reloading server
while a watcher regenerates the pages whenever a file under ``guidelines/``, ``comments/`` or
``docs/`` changes.  See docs/site.md.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from redraft.cli import main
from redraft.cli.options import exit_codes, fail, root_options, usage_error

if TYPE_CHECKING:
    from redraft.site.build import BuildResult
    from redraft.site.errors import SiteBuildError


def _fail(error: SiteBuildError) -> NoReturn:
    """The problems that stopped the build, one per line, the last as the command's error
    (a usage error when the build refused a setting, such as a site_dir over the sources)."""
    *problems, last = error.lines or ["the site was not built"]
    for line in problems:
        click.echo(line, err=True)
    if error.exit_code == 2:
        usage_error(last)
    fail(last)


_QUIET = click.option(
    "-q", "--quiet", is_flag=True, help="No progress on stderr: only the summary line."
)


@main.command(
    "build",
    epilog=exit_codes(
        ok="built (or nothing changed since the last build)",
        problems="the knowledge base has errors, MkDocs failed, another build of the same "
        "knowledge base is running, or the disk refused (the previous site stays)",
        usage="usage error, or a site_dir that would replace the knowledge base or a folder "
        "that is not a site",
    ),
)
@root_options(positional_alias=True)
@click.option(
    "--include-restricted",
    is_flag=True,
    help="Internal build with restricted submissions, marked internal on every page, "
    "into build/site-internal/ (never site/).",
)
@click.option("--strict", is_flag=True, help="Fail on any MkDocs warning (broken link or anchor).")
@click.option(
    "--pages-only",
    is_flag=True,
    help="Generate the Markdown pages and configurations only; do not run MkDocs.",
)
@click.option(
    "--language",
    "languages",
    multiple=True,
    metavar="LANG",
    help="Build only the language tree in LANG (repeatable; the main tree's language for the "
    "main tree): each tree is the same, byte for byte, as in a whole build, so trees built "
    "apart can be put together (docs/site.md).",
)
@_QUIET
def build_command(
    root: Path,
    include_restricted: bool,
    strict: bool,
    pages_only: bool,
    languages: tuple[str, ...],
    quiet: bool,
) -> None:
    """Generate the site of the knowledge base and build it with MkDocs.

    Progress goes to stderr: a live display on a terminal, a line per phase and per language
    tree otherwise; --quiet leaves only the summary line.
    """
    from redraft._api import site_documents
    from redraft.cli.progress import watching
    from redraft.site.build import build, pages_up_to_date, prepare
    from redraft.site.errors import SiteBuildError

    documents = site_documents(root)
    chosen = languages or None  # none named: every tree
    try:
        if pages_only:
            recorded = pages_up_to_date(
                root, internal=include_restricted, documents=True, languages=chosen
            )
            if recorded is not None:
                for line in recorded.warnings:
                    click.echo(line, err=True)
                click.echo(
                    f"Nothing changed since the pages were generated: {recorded.page_count} "
                    f"pages, trees: {', '.join(recorded.trees)}"
                )
                return
            with watching(quiet) as progress:
                prepared = prepare(
                    root,
                    internal=include_restricted,
                    progress=progress,
                    documents=documents,
                    languages=chosen,
                )
            warnings: tuple[str, ...] = ()
        else:
            with watching(quiet) as progress:
                result = build(
                    root,
                    internal=include_restricted,
                    strict=strict,
                    progress=progress,
                    documents=documents,
                    languages=chosen,
                )
            if result.prepared is None:
                _report_unchanged(root, result, include_restricted)
                return
            prepared, warnings = result.prepared, result.mkdocs_warnings
    except SiteBuildError as error:
        _fail(error)
    for problem in prepared.warnings:
        click.echo(str(problem), err=True)
    for warning in warnings:
        click.echo(f"mkdocs: {warning}", err=True)
    report = prepared.report
    trees = ", ".join(t.prefix or "/" for t in prepared.site.trees)
    click.echo(
        f"{prepared.site.page_count} pages generated in {_show(prepared.layout.pages, root)} "
        f"({len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.deleted)} removed{_reused(prepared.site.kept)}); trees: {trees}"
    )
    if not pages_only:
        kind = "internal site (do not publish)" if include_restricted else "site"
        where = _show(prepared.layout.site, root)
        # Clean URLs (/versions/) need a web server: from disk, links open folder listings.
        click.echo(f"The {kind} is in {where}/; to read it: python3 -m http.server -d {where}")


def _report_unchanged(root: Path, result: BuildResult, internal: bool) -> None:
    """Nothing changed since the last build: say so, with what that build said."""
    stamp = result.up_to_date
    assert stamp is not None
    for line in stamp.warnings:
        click.echo(line, err=True)
    for warning in stamp.mkdocs_warnings:
        click.echo(f"mkdocs: {warning}", err=True)
    from redraft.site.build import base_config
    from redraft.site.layout import layout

    where = _show(layout(root, internal=internal, base=base_config(root.resolve())).site, root)
    click.echo(
        f"Nothing changed since the last build: {stamp.page_count} pages, trees: "
        f"{', '.join(stamp.trees)}; the site in {where}/ is up to date"
    )


def _show(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


@main.command(
    "serve",
    epilog=exit_codes(ok="stopped", problems="the knowledge base has errors", usage="usage error"),
)
@root_options(positional_alias=True)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT")
@click.option("--include-restricted", is_flag=True, help="Serve the internal build.")
@click.option(
    "--language",
    "languages",
    multiple=True,
    metavar="LANG",
    help="Serve only the language tree in LANG (repeatable) beside the main tree, the "
    "preview's home: a translator previewing one language waits for two trees, not all.",
)
@_QUIET
def serve_command(
    root: Path, dev_addr: str, include_restricted: bool, languages: tuple[str, ...], quiet: bool
) -> None:
    """Serve the site, regenerating it when guidelines/, comments/ or docs/ change.

    Every language tree is served (or those of --language), each under its own prefix (/zh/,
    /ar/...); a rebuild renders only the pages an edit changed.  Progress goes to stderr
    (--quiet: none).
    """
    from redraft._api import site_documents
    from redraft.cli.progress import PlainLines, watching
    from redraft.site.build import prepare
    from redraft.site.errors import SiteBuildError
    from redraft.site.progress import Report, ignore
    from redraft.site.serve import serve

    chosen = _with_the_main_tree(root, languages)
    try:
        with watching(quiet) as shown:
            prepared = prepare(
                root,
                internal=include_restricted,
                progress=shown,
                documents=site_documents(root),
                languages=chosen,
                keep_comparisons=True,
            )
    except SiteBuildError as error:
        _fail(error)

    def regenerate() -> None:
        try:
            again = prepare(
                root,
                internal=include_restricted,
                documents=site_documents(root),
                languages=chosen,
                keep_comparisons=True,
            )
        except SiteBuildError as error:
            for line in error.lines:
                click.echo(line, err=True)
            return
        written = len(again.report.written) + len(again.report.deleted)
        click.echo(f"regenerated: {written} page(s) changed")

    stop = threading.Event()
    try:
        # The server runs for as long as the editor works: each rebuild's trees are a line
        # each, not a live display that the server's own messages would break up.
        trees: Report = ignore if quiet else PlainLines(sys.stderr)
        serve(prepared, regenerate=regenerate, dev_addr=dev_addr, stop=stop, progress=trees)
    except SiteBuildError as error:
        _fail(error)


def _with_the_main_tree(root: Path, languages: tuple[str, ...]) -> tuple[str, ...] | None:
    """The trees ``serve --language`` generates: those asked for and the main tree, which the
    server's root serves and the other trees link to; None (every tree) when none is asked.
    A language without a tree is refused by the generator, as ``build --language`` is."""
    if not languages:
        return None
    from redraft.kb.load import load
    from redraft.site.generate import language_trees

    main = language_trees(load(root).kb)[0].language
    return (main, *(language for language in languages if language != main))


def _reused(kept: int) -> str:
    """How many pages were left as the last build made them: nothing they show changed."""
    return f"; {kept} not generated again, nothing they show changed" if kept else ""
