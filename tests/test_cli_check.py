"""``redraft check`` as a user runs it: exit status 0/1/2, one line per problem, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from redraft.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from redraft.cli import run; run()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_example_with_only_warnings_exits_zero_and_one_with_strict(example_root: Path) -> None:
    """The example's one problem is its planted translation drift, a warning."""
    result = run("check", str(example_root))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout.splitlines()
    assert len(out) == 1 and ": warning: the Chinese text of" in out[0], out
    assert run("check", "--strict", str(example_root)).returncode == 1


def test_problems_exit_one_with_one_line_each(example_copy: Path) -> None:
    outline = example_copy / "guidelines" / "draft" / "outline.yml"
    outline.write_text(outline.read_text(encoding="utf-8") + "unexpected: [\n", encoding="utf-8")
    (example_copy / "comments" / "calls.yml").write_bytes(b"calls:\n  - id: \xff\n")
    result = run("check", str(example_copy))
    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert any(line.startswith("guidelines/draft/outline.yml:") for line in out), out
    assert "comments/calls.yml:2: not valid UTF-8 (byte 0xff); save the file as UTF-8" in out
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("warning(s)")


def test_paths_are_relative_to_root(example_copy: Path) -> None:
    (example_copy / "comments" / "parties.yml").write_text("parties: 3\n", encoding="utf-8")
    result = run("check", str(example_copy))
    assert result.stdout.splitlines() == [
        "comments/parties.yml:1: expected a top-level 'parties:' list"
    ] or all(not line.startswith("/") for line in result.stdout.splitlines())


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    missing = run("check", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr
    assert "Traceback" not in missing.stderr
    unknown = run("check", "--no-such-option")
    assert unknown.returncode == 2


def test_strict_fails_on_warnings(example_copy: Path) -> None:
    submission = example_copy / "comments" / "submissions" / "2018-nv" / "AUT.yml"
    text = submission.read_text(encoding="utf-8")
    marker = "    rationale: "
    assert marker in text
    start = text.index(marker)
    end = text.index("\n", start)
    while text[end + 1 : end + 7] == "      ":  # a folded rationale continues on indented lines
        end = text.index("\n", end + 1)
    submission.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    runner = CliRunner()
    lenient = runner.invoke(main, ["check", str(example_copy)])
    strict = runner.invoke(main, ["check", "--strict", str(example_copy)])
    assert lenient.exit_code == 0, lenient.output
    assert "without a rationale" in lenient.output
    assert strict.exit_code == 1


def test_an_empty_folder_is_reported_not_crashed(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "guidelines:1: the working draft guidelines/draft/ is missing"
    ]
