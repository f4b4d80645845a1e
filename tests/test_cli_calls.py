"""``redraft new call``: a call appended to ``comments/calls.yml`` with only its lines in the
diff, on a released version, refused (nothing written) when it cannot be."""

from __future__ import annotations

import difflib
from pathlib import Path

from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.kb.load import CALLS_FILE, load

from .conftest import is_planted_drift


def new_call(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["new", "call", "--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def problems(root: Path) -> list[str]:
    return [str(p) for p in check(root) if not is_planted_drift(p)]


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added) between two texts, as ``git diff`` shows them."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


CALL = (
    "--reference",
    "CU 2026/12/DTA/CEB/CSS",
    "--date",
    "2026-03-02",
    "--version",
    "2019-3",
    "--deadline",
    "2026-05-15",
)


def test_a_call_on_a_released_version_adds_only_its_lines(example_copy: Path) -> None:
    before = (example_copy / CALLS_FILE).read_text(encoding="utf-8")

    code, out, err = new_call(
        example_copy, *CALL, "--parties", "aut, fra", "--title", "Comments: the revised draft"
    )

    assert code == 0, err
    after = (example_copy / CALLS_FILE).read_text(encoding="utf-8")
    assert after.startswith(before)
    assert changed_lines(before, after) == (
        [],
        [
            "  - id: 2026-nv",
            "    reference: CU 2026/12/DTA/CEB/CSS",
            "    date: 2026-03-02",
            "    version: 2019-3",
            "    deadline: 2026-05-15",
            "    invited: [AUT, FRA]",
            "    title: 'Comments: the revised draft'",  # quoted: a plain colon would not read
        ],
    )
    assert out.splitlines() == [
        f"M {CALLS_FILE} (+7 -0)",
        "recorded call 2026-nv: CU 2026/12/DTA/CEB/CSS of 2026-03-02 on CAC/COSP/WG.2/2019/3, "
        "deadline 2026-05-15",
    ]
    call = load(example_copy).kb.call("2026-nv")
    assert call is not None and call.invited == ("AUT", "FRA") and call.version == "2019-3"
    assert call.title == "Comments: the revised draft"
    assert problems(example_copy) == []


def test_the_editors_comments_and_quoting_are_kept(example_copy: Path) -> None:
    path = example_copy / CALLS_FILE
    hand_written = (
        path.read_text(encoding="utf-8")
        .replace("calls:\n", "calls:   # one entry per note verbale\n", 1)
        .replace("reference: CU 2018/154/DTA/CEB/CSS", "reference: 'CU 2018/154/DTA/CEB/CSS'")
        .replace("invited: all\n", 'invited: "all"    # every State party\n', 1)
        .replace("deadline: 2019-03-01", "deadline: 2019-03-01  # extended once")
    )
    hand_written += "# Next call: after the thirteenth meeting.\n"
    path.write_text(hand_written, encoding="utf-8")
    assert problems(example_copy) == []

    code, _, err = new_call(example_copy, *CALL, "--all-parties", "--version", "2019-3")

    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    removed, added = changed_lines(hand_written, after)
    assert removed == []
    assert added == [
        "  - id: 2026-nv",
        "    reference: CU 2026/12/DTA/CEB/CSS",
        "    date: 2026-03-02",
        "    version: 2019-3",
        "    deadline: 2026-05-15",
        "    invited: all",
    ]
    assert problems(example_copy) == []


def test_the_id_follows_the_example_and_the_version_may_be_given_by_symbol(
    example_copy: Path,
) -> None:
    code, _, err = new_call(
        example_copy,
        "--reference",
        "CU 2019/90",
        "--date",
        "2019-06-03",
        "--version",
        "CAC/COSP/WG.2/2019/3",
        "--deadline",
        "2019-07-31",
    )
    assert code == 0, err
    kb = load(example_copy).kb
    assert [c.id for c in kb.calls][-1] == "2019-nv-2"  # 2019-nv is taken
    assert kb.calls[-1].version == "2019-3"


def test_refusals_write_nothing(example_copy: Path) -> None:
    path = example_copy / CALLS_FILE
    before = path.read_bytes()
    taken_line = before.decode().splitlines().index("  - id: 2018-nv") + 1
    cases = [
        (
            ("--version", "draft"),
            1,
            "redraft new call: error: 'draft' is the working draft: a call is about a released "
            "version (release the draft with `redraft release` first, then call for comments on "
            "it)",
        ),
        (
            ("--version", "1999-1"),
            2,
            "redraft new call: error: unknown version '1999-1' (the released versions are: "
            "2018-3, 2018-crp14, 2019-3)",
        ),
        (
            ("--id", "2018-nv"),
            1,
            f"redraft new call: error: {CALLS_FILE}:{taken_line}: the call id '2018-nv' is "
            "taken; give another with --id",
        ),
        (
            ("--parties", "AUT,XYZ"),
            2,
            "redraft new call: error: unknown party 'XYZ' (not in comments/parties.yml)",
        ),
        (
            ("--deadline", "2026-01-01"),
            1,
            "redraft new call: error: the deadline 2026-01-01 is before the call's date 2026-03-02",
        ),
        (
            ("--parties", "AUT", "--all-parties"),
            2,
            "redraft new call: error: --parties and --all-parties contradict each other",
        ),
    ]
    for extra, exit_code, message in cases:
        code, out, err = new_call(example_copy, *CALL, *extra)
        assert (code, out, err.strip()) == (exit_code, "", message), extra
        assert path.read_bytes() == before


def test_dry_run_shows_the_diff_and_writes_nothing(example_copy: Path) -> None:
    path = example_copy / CALLS_FILE
    before = path.read_bytes()

    code, out, err = new_call(example_copy, *CALL, "--dry-run")

    assert code == 0
    assert path.read_bytes() == before
    assert out.startswith(f"--- a/{CALLS_FILE}\n+++ b/{CALLS_FILE}\n")
    assert "+  - id: 2026-nv\n" in out and "+    invited: all\n" in out
    assert "dry run: nothing was written" in err
