"""The editing core: a changeset is checked as a whole before anything is written, a refused
edit writes nothing, and YAML keeps the editor's layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from redraft.editing.apply import apply
from redraft.editing.changeset import Changeset, EditRefused
from redraft.editing.yamledit import Document, edit
from redraft.kb.load import CALLS_FILE, load_from


def test_every_yaml_file_of_the_example_round_trips_exactly(example_copy: Path) -> None:
    files = sorted(example_copy.glob("comments/**/*.yml")) + sorted(
        example_copy.glob("guidelines/**/*.yml")
    )
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert Document(str(path), text).text() == text, path


def test_an_edit_changes_only_its_line_and_keeps_comments(example_copy: Path) -> None:
    text = (example_copy / CALLS_FILE).read_text(encoding="utf-8")
    text = text.replace("calls:\n", "calls:  # the notes verbales\n", 1)

    def later_deadline(data: dict) -> None:
        data["calls"][1]["reference"] = "CU 2019/27/DTA/CEB/CSS/Rev.1"

    result = edit(CALLS_FILE, text, later_deadline)
    old, new = text.splitlines(), result.splitlines()
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed == [
        ("    reference: CU 2019/27/DTA/CEB/CSS", "    reference: CU 2019/27/DTA/CEB/CSS/Rev.1")
    ]


def test_the_overlay_is_what_the_loader_sees(example_copy: Path) -> None:
    changeset = Changeset(example_copy)
    text = changeset.require(CALLS_FILE)
    changeset.write(CALLS_FILE, text.replace("2019-nv", "2019-second"))
    calls = [call.id for call in load_from(changeset.overlay()).kb.calls]
    assert "2019-second" in calls and "2019-nv" not in calls
    assert (example_copy / CALLS_FILE).read_text(encoding="utf-8") == text


def test_an_edit_that_would_break_the_knowledge_base_writes_nothing(example_copy: Path) -> None:
    changeset = Changeset(example_copy)
    before = changeset.require(CALLS_FILE)
    changeset.write(CALLS_FILE, before.replace("version: 2018-3", "version: 1999-1"))
    outcome = apply(changeset)
    assert outcome.refused and not outcome.written
    assert any("1999-1" in problem.message for problem in outcome.new_problems)
    assert (example_copy / CALLS_FILE).read_text(encoding="utf-8") == before


def test_dry_run_writes_nothing_and_a_good_edit_is_written(example_copy: Path) -> None:
    changeset = Changeset(example_copy)
    before = changeset.require(CALLS_FILE)
    after = before.replace("CU 2019/27/DTA/CEB/CSS", "CU 2019/27/DTA/CEB/CSS/Rev.1")
    changeset.write(CALLS_FILE, after)
    dry = apply(changeset, dry_run=True)
    assert not dry.refused and not dry.written
    assert (example_copy / CALLS_FILE).read_text(encoding="utf-8") == before
    assert "+    reference: CU 2019/27/DTA/CEB/CSS/Rev.1" in changeset.diff()
    assert apply(changeset).written
    assert (example_copy / CALLS_FILE).read_text(encoding="utf-8") == after


def test_removing_a_missing_file_is_refused(example_copy: Path) -> None:
    with pytest.raises(EditRefused, match="no such file"):
        Changeset(example_copy).remove("comments/nothing-here.yml")
