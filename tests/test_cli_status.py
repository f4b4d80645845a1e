"""``redraft check``, ``export`` and ``import`` say what they are doing on a terminal (one
spinner line that goes when the work ends) and nothing anywhere else, where their output is the
problems or a file's summary (``redraft.cli.progress.status``)."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.cli.progress import status
from redraft.kb.load import load


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_check_reports_each_step_of_its_work(example_root: Path) -> None:
    steps: list[str] = []
    check(example_root, report=steps.append)
    versions = [s for s in steps if s.startswith("reading version ")]
    assert versions and versions[-1].endswith(f"({len(versions)} of {len(versions)})")
    after = steps[len(versions) :]
    assert after == [
        "reading the working draft",
        "reading the submissions",
        "reading the meetings and references",
        "checking the rules",
    ]
    loaded: list[str] = []
    load(example_root, report=loaded.append)
    assert loaded == steps[:-1]


def test_on_a_terminal_the_step_is_shown_then_cleared() -> None:
    screen = Terminal()
    with status(screen) as say:
        say("reading the submissions")
    shown = screen.getvalue()
    assert "redraft: reading the submissions" in shown
    assert shown.endswith("\x1b[2K")  # the line erased when the work ends


def test_off_a_terminal_nothing_is_added(example_copy: Path) -> None:
    plain = io.StringIO()
    with status(plain) as say:
        say("reading the submissions")
    assert plain.getvalue() == ""
    done = CliRunner().invoke(main, ["check", str(example_copy)])
    assert "redraft: reading" not in done.output
    out = example_copy / "v.docx"
    command = ["export", "version", "draft", "-o", str(out), "--root", str(example_copy)]
    done = CliRunner().invoke(main, command)
    assert done.exit_code == 0, done.output
    assert "redraft: making" not in done.output and out.is_file()
