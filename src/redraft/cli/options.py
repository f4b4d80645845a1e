"""Arguments and options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

from redraft.kb.load import LoadResult, load

_FOLDER = click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)

root_argument = click.argument("root", type=_FOLDER, default=".", required=False)
"""The knowledge base's folder as an optional argument, for commands without other arguments."""

root_option = click.option(
    "--root",
    type=_FOLDER,
    default=".",
    show_default=True,
    help="The knowledge base's folder.",
)
"""The same folder as ``--root``, for commands whose arguments are something else."""


def load_for(command: str, root: Path, output: str) -> LoadResult:
    """Load the knowledge base for a command that works on whatever loads, warning on stderr
    when the files have errors, so that ``output`` is not mistaken for a complete one."""
    result = load(root)
    errors = sum(1 for p in result.problems if p.severity == "error")
    if errors:
        click.echo(
            f"redraft {command}: warning: {errors} problem(s) in the knowledge base at {root}; "
            f"the {output} may be incomplete (run `redraft check`)",
            err=True,
        )
    return result
