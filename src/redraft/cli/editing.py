"""What every editing command shares: ``--dry-run``, the report of what changed, the refusal.

A command builds a :class:`~redraft.editing.changeset.Changeset` and hands it to :func:`finish`,
which checks and writes it (or, with ``--dry-run``, shows the diff and writes nothing) and prints
one line per file changed, as ``git status --short`` would.  An edit that would introduce a
problem prints each problem and exits 1 with nothing written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import click

from redraft.cli.options import fail, usage_error
from redraft.editing.changeset import Changeset, EditRefused, UnknownName

if TYPE_CHECKING:
    from redraft.editing.apply import Outcome
    from redraft.kb.problems import Problem

F = TypeVar("F", bound=Callable[..., Any])


def dry_run_option(command: F) -> F:
    """``--dry-run``: show the diff the command would make, write nothing."""
    return click.option(
        "--dry-run",
        "-n",
        is_flag=True,
        help="Show what would change (a unified diff) and write nothing.",
    )(command)


def finish(
    changeset: Changeset,
    *,
    dry_run: bool,
    consequence: Callable[[Problem], bool] | None = None,
) -> Outcome:
    """Check ``changeset``, write it unless ``dry_run``, and report; exit 1 if refused.

    ``consequence``: new problems in other files that the edit knowingly leaves (see
    :func:`redraft.editing.apply.apply`); they are printed after the report, to fix next."""
    # imported here: applying loads and checks the knowledge base, which `--help` need not
    from redraft.editing.apply import apply

    outcome = apply(changeset, dry_run=dry_run, consequence=consequence)
    if outcome.refused:
        for problem in outcome.new_problems:
            click.echo(str(problem), err=True)
        fail("the change would leave the problems above; nothing was written")
    for problem in outcome.new_problems:  # warnings only: written, but said
        click.echo(str(problem), err=True)
    if not outcome.changes:
        click.echo("nothing to change", err=True)
        return outcome
    if dry_run:
        click.echo(changeset.diff(), nl=False)
        _consequences(outcome)
        click.echo("dry run: nothing was written", err=True)
        return outcome
    click.echo(changeset.stat())
    _consequences(outcome)
    return outcome


def _consequences(outcome: Outcome) -> None:
    if outcome.consequences:
        click.echo("to fix next, in files the change leaves as they are:", err=True)
        for problem in outcome.consequences:
            click.echo(f"  {problem}", err=True)


@contextmanager
def refusals() -> Iterator[None]:
    """Turn an :class:`EditRefused` raised while building a changeset into the one-line error
    of the command (exit 1, nothing written); an :class:`UnknownName` is a usage error (exit 2)."""
    try:
        yield
    except UnknownName as exc:
        usage_error(str(exc))
    except EditRefused as exc:
        fail(str(exc))
