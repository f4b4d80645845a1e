"""Arguments and options shared by several commands."""

from __future__ import annotations

import click

root_argument = click.argument(
    "root",
    type=click.Path(
        exists=True, file_okay=False, dir_okay=True, path_type=__import__("pathlib").Path
    ),
    default=".",
    required=False,
)
