"""One rule for every command: ``--root DIR``/``-C DIR``, exit codes in ``--help``, and every
error one line ``redraft CMD: error: ...``."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from redraft.cli import main


def leaf_commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += leaf_commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


COMMANDS = leaf_commands(main)
LEGACY_POSITIONAL = {("check",), ("build",), ("serve",), ("status",)}


def test_every_command_is_listed() -> None:
    # named one by one, so that a command added or lost is seen here and not just counted
    assert COMMANDS == [
        ("build",),
        ("check",),
        ("diff",),
        ("dispose",),
        ("export", "compare"),
        ("export", "compilation"),
        ("export", "version"),
        ("guideline", "delete"),
        ("guideline", "merge"),
        ("guideline", "move"),
        ("guideline", "new"),
        ("guideline", "rename"),
        ("guideline", "renumber"),
        ("guideline", "split"),
        ("import", "submission"),
        ("import", "version"),
        ("log",),
        ("new", "call"),
        ("new", "submission"),
        ("release",),
        ("retarget",),
        ("seal",),
        ("serve",),
        ("status",),
        ("translations",),
    ]
    assert set(COMMANDS) >= LEGACY_POSITIONAL


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_takes_root_and_documents_its_exit_codes(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "-C, --root DIR" in result.output
    exit_status = result.output.split("Exit status:")[1].split()
    assert exit_status[0] == "0" and "1" in exit_status and "2" in exit_status
    # the old positional ROOT still works but is no longer advertised
    usage = result.output.splitlines()[0]
    assert "ROOT" not in usage


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_folder_that_does_not_exist_is_one_line_and_exit_2(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    missing = tmp_path / "missing"
    result = CliRunner().invoke(main, [*command, "-C", str(missing)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"redraft {' '.join(command)}: error: ")
    assert str(missing) in lines[0] and "--help" in lines[0]


def test_check_the_same_by_option_short_option_and_argument(example_root: Path) -> None:
    runs = [
        CliRunner().invoke(main, ["check", *args])
        for args in (["--root", str(example_root)], ["-C", str(example_root)], [str(example_root)])
    ]
    assert {r.exit_code for r in runs} == {0}
    assert len({r.stdout for r in runs}) == 1
    assert "pre-seizure-planning.zh.md:8: warning:" in runs[0].stdout


def test_two_different_folders_are_a_usage_error(example_root: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(example_root), "--root", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("redraft check: error: two folders given: ")
    same = CliRunner().invoke(main, ["check", str(example_root), "--root", str(example_root)])
    assert same.exit_code == 0


def test_a_command_without_positional_root_refuses_one(example_root: Path) -> None:
    result = CliRunner().invoke(main, ["log", str(example_root)])
    assert result.exit_code == 2
    assert result.stderr.startswith("redraft log: error: Got unexpected extra argument")


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["chek"], "redraft: error: No such command 'chek'."),
        (["check", "--bogus"], "redraft check: error: No such option '--bogus'"),
        (["diff", "2018-3"], "redraft diff: error: Missing argument 'TO'."),
        (
            ["diff", "a", "b", "--format", "pdf"],
            "redraft diff: error: Invalid value for '--format'",
        ),
        (["export", "compilation"], "redraft export compilation: error: Missing option '--call'."),
        (["status", "--format", "yaml"], "redraft status: error: Invalid value for '--format'"),
    ],
)
def test_click_s_usage_errors_take_the_same_one_line_form(args: list[str], start: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(start)
    assert "Usage:" not in result.stderr


@pytest.mark.parametrize(
    "args", [[], ["export"], ["new"], ["guideline"]], ids=["redraft", "export", "new", "guideline"]
)
def test_a_group_alone_shows_its_help(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Usage: {' '.join(['redraft', *args])} [OPTIONS] COMMAND")
    assert not result.stderr.startswith("redraft")  # not wrapped as an error line


def test_a_refused_command_is_one_line_and_exit_1(example_copy: Path) -> None:
    """Exit 1, the command's own refusal, in the same form (here: log outside git)."""
    result = CliRunner().invoke(main, ["log", "-C", str(example_copy)])
    assert result.exit_code == 1
    assert result.stderr.startswith("redraft log: error: provenance is off: ")
    assert len(result.stderr.splitlines()) == 1
