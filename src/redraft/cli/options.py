"""What every command shares: the knowledge base's folder, ``--format``, the exit codes and the
one style of error.

Every command takes the folder the same way, ``--root DIR`` (``-C DIR``, as git and make spell
it).  ``check``, ``build``, ``serve`` and ``status`` took it as a positional ``ROOT`` before, and
README files and CI scripts still say ``redraft check .``: that form keeps working, undocumented.

Every error a user can cause is one line on stderr, ``redraft CMD: error: message``: exit 2 for a
usage error (a bad option, an unknown version, call or party), exit 1 when the command ran and
found problems or could not do its work.  :class:`RedraftGroup` gives click's own usage errors
the same form, so a misspelt option and an unknown call read alike.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import click

if TYPE_CHECKING:
    from redraft.kb.load import LoadResult

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

_FOLDER = click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)


class lazy_module:  # lower case: it stands for a module
    """A module imported at its first attribute, so that a command module can name the library
    it needs without loading it when ``redraft --help`` only lists the commands."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        import importlib

        return getattr(importlib.import_module(self._name), attribute)


def exit_codes(*, ok: str, problems: str, usage: str) -> str:
    """The ``Exit status`` paragraph of a command's help: what 0, 1 and 2 mean for it."""
    # \b keeps click from re-wrapping the list into one paragraph
    return f"\b\nExit status:\n{EXIT_OK}  {ok}\n{EXIT_PROBLEMS}  {problems}\n{EXIT_USAGE}  {usage}"


NOT_STOPPED_BY_PROBLEMS = (
    "not used: errors in the files are a warning on stderr (the output may be incomplete)"
)
"""What exit 1 means for a command that works on whatever loads."""


# -- errors -----------------------------------------------------------------------------------


class CommandError(click.ClickException):
    """An error shown as ``redraft CMD: error: message``, the one form every error takes: the
    command ran and could not do its work (exit 1)."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, message: str, command_path: str) -> None:
        super().__init__(message)
        self.command_path = command_path

    def format_message(self) -> str:
        return f"{self.command_path}: error: {self.message}"

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.format_message(), err=file is None, file=file)


class CommandUsageError(CommandError):
    """The same, for a request that cannot be met as asked (exit 2)."""

    exit_code = EXIT_USAGE


def _command_path() -> str:
    context = click.get_current_context(silent=True)
    return context.command_path if context is not None else "redraft"


def usage_error(message: str) -> NoReturn:
    """Stop the current command: the user asked for something that cannot be (exit 2)."""
    raise CommandUsageError(message, _command_path())


def fail(message: str) -> NoReturn:
    """Stop the current command: it ran and could not do its work (exit 1)."""
    raise CommandError(message, _command_path())


@contextmanager
def _one_line_errors() -> Iterator[None]:
    try:
        yield
    except (CommandError, click.exceptions.NoArgsIsHelpError):
        raise  # already one line; or `redraft` alone, which shows the help as it is
    except click.ClickException as exc:
        context = getattr(exc, "ctx", None)
        path = context.command_path if context is not None else _command_path()
        if isinstance(exc, click.UsageError):
            raise CommandUsageError(f"{exc.format_message()} (see `{path} --help`)", path) from exc
        raise CommandError(exc.format_message(), path) from exc


class RedraftGroup(click.Group):
    """A group whose commands, and sub-groups, report click's usage errors as one line."""

    group_class = type  # sub-groups (export, new) are RedraftGroups too

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with _one_line_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _one_line_errors():
            return super().invoke(ctx)


# -- the knowledge base's folder ----------------------------------------------------------------


class _HiddenArgument(click.Argument):
    """A positional argument left out of the usage line: the old ``redraft check ROOT``."""

    def get_usage_pieces(self, ctx: click.Context) -> list[str]:
        return []


def root_options(*, positional_alias: bool = False) -> Callable[[F], F]:
    """Give a command ``--root DIR`` / ``-C DIR`` (default: the current folder), passed to it as
    ``root``; with ``positional_alias``, also the hidden positional ``ROOT`` it took before."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def with_root(*args: Any, **kwargs: Any) -> Any:
            alias: Path | None = kwargs.pop("root_alias", None)
            given: Path | None = kwargs.get("root")
            if alias is not None and given is not None and alias.resolve() != given.resolve():
                usage_error(f"two folders given: {alias} and --root {given}")
            kwargs["root"] = given or alias or Path(".")
            return command(*args, **kwargs)

        decorated: Callable[..., Any] = click.option(
            "-C",
            "--root",
            type=_FOLDER,
            default=None,
            metavar="DIR",
            help="The knowledge base's folder (default: the current folder).",
        )(with_root)
        if positional_alias:
            decorated = click.argument(
                "root_alias", cls=_HiddenArgument, type=_FOLDER, required=False
            )(decorated)
        return cast(F, decorated)

    return decorate


def format_option(
    formats: Sequence[str], help_text: str | None = None, *, from_file_name: bool = False
) -> Callable[[F], F]:
    """``--format`` with its choices, passed as ``output_format``: by default the first, or
    with ``from_file_name`` none (``None``), the command then going by the output file's
    extension."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(tuple(formats)),
        default=None if from_file_name else formats[0],
        show_default=not from_file_name,
        help=help_text or f"The output: {', '.join(formats)}.",
    )


def load_for(command: str, root: Path, output: str) -> LoadResult:
    """Load the knowledge base for a command that works on whatever loads, warning on stderr
    when the files have errors, so that ``output`` is not mistaken for a complete one."""
    # imported here, not at the top: every command imports this module, and `--help` needs
    # no loader
    from redraft.cli.progress import status
    from redraft.kb.load import load

    with status() as say:
        result = load(root, report=say)
    errors = sum(1 for p in result.problems if p.severity == "error")
    if errors:
        click.echo(
            f"redraft {command}: warning: {errors} problem(s) in the knowledge base at {root}; "
            f"the {output} may be incomplete (run `redraft check`)",
            err=True,
        )
    return result
