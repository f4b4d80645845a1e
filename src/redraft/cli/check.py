"""``redraft check [ROOT]``: every problem, one ``path:line: message`` line each."""

from __future__ import annotations

from pathlib import Path

import click

from redraft.checks.rules import check
from redraft.cli import main
from redraft.cli.options import root_argument


@main.command("check")
@root_argument
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check_command(root: Path, strict: bool) -> None:
    """Validate the knowledge base under ROOT (default: the current folder).

    Exit status: 0 clean, 1 problems found, 2 usage error.
    """
    problems = check(root)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if errors or warnings:
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    if errors or (strict and warnings):
        raise SystemExit(1)
