"""``redraft check``: every problem, one ``path:line: message`` line each."""

from __future__ import annotations

from pathlib import Path

import click

from redraft.cli import main
from redraft.cli.options import EXIT_PROBLEMS, exit_codes, root_options


@main.command(
    "check",
    epilog=exit_codes(
        ok="no problem (or warnings only, without --strict)",
        problems="errors found (or warnings, with --strict)",
        usage="usage error (e.g. DIR is not a folder)",
    ),
)
@root_options(positional_alias=True)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check_command(root: Path, strict: bool) -> None:
    """Validate the knowledge base: every problem, one `path:line: message` line each."""
    # imported here, not at the top, so that `redraft --help` starts without the library
    from redraft.checks.rules import check
    from redraft.cli.progress import status

    with status() as say:
        problems = check(root, parse_cache=True, report=say)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if errors or warnings:
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    if errors or (strict and warnings):
        raise SystemExit(EXIT_PROBLEMS)
