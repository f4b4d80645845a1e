"""The ``redraft`` command: a thin layer of argument parsing over the library.

Each sub-command lives in its own module and registers itself on :data:`main`; this module only
assembles them and keeps the promise that no user mistake ends in a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from redraft import __version__
from redraft.cli.options import RedraftGroup

COMMAND_MODULES = (
    "check",
    "diff",
    "release",
    "log",
    "build",
    "status",
    "translations",
    "export",
    "importing",
    "new",
    "calls",
    "decisions",
    "guideline",
)


@click.group("redraft", cls=RedraftGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="redraft")
def main() -> None:
    """Drafts, comments and dispositions of non-binding guidelines, kept as files in git.

    Every command reads the knowledge base in the current folder, or in the one given with
    --root DIR (-C DIR).  Errors are one line, `redraft CMD: error: message`; exit status 0
    means done, 1 problems found or the work could not be done, 2 a usage error.
    """


for _name in COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}")


def run(argv: list[str] | None = None) -> Any:
    """Entry point that turns an unexpected failure into one line instead of a traceback."""
    try:
        return main.main(args=argv, prog_name="redraft", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("redraft: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("REDRAFT_DEBUG"):
            raise
        click.echo(
            f"redraft: internal error: {type(exc).__name__}: {exc} "
            "(this is a bug; rerun with REDRAFT_DEBUG=1 to see where)",
            err=True,
        )
        sys.exit(70)
