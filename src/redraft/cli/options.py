"""Arguments and options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

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
