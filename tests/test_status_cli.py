"""``redraft status``: agrees with the model on the example, filters, bad input in one line."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rich.console import Console

from redraft.cli import main
from redraft.cli.status import print_rich
from redraft.comments.status import UnknownFilter, comment_status
from redraft.comments.tracking import invited_parties
from redraft.kb.model import DISPOSITIONS, KnowledgeBase

from .kb_builder import G, KbSpec, build, call, comment, submission


def status_json(root: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["status", "--root", str(root), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_json_agrees_with_the_model_on_the_example(
    example_root: Path, example_kb: KnowledgeBase
) -> None:
    data = status_json(example_root, "--include-restricted")
    assert data["includes_restricted"] is True
    comments = list(example_kb.comments())
    assert data["comments"]["total"] == len(comments)
    assert data["comments"]["ids"] == [c.id for c in comments]
    assert data["comments"]["by_disposition"] == {
        d: sum(1 for c in comments if c.disposition == d) for d in DISPOSITIONS
    }
    assert data["comments"]["restricted"] == [c.id for c in comments if c.restricted]
    for entry in data["calls"]:
        found = example_kb.call(entry["id"])
        assert found is not None
        submissions = sorted(
            (s for s in example_kb.submissions if s.call == found.id),
            key=lambda s: (s.received, s.id),
        )
        assert [r["submission"] for r in entry["replies"]] == [s.id for s in submissions]
        assert entry["late"] == [s.id for s in submissions if s.received > found.deadline]
        replied = {s.party for s in submissions}
        assert entry["missing"] == [
            code for code in invited_parties(example_kb, found) if code not in replied
        ]
    pending = [c["id"] for group in data["pending"] for c in group["comments"]]
    assert sorted(pending) == sorted(c.id for c in comments if c.disposition == "pending")
    assert sum(data["draft_anchors"].values()) == len(comments) - sum(
        1
        for c in comments
        if c.is_general  # on the document, the introduction or a part: no passage to follow
        or ((found_call := example_kb.call(c.call)) is not None and found_call.version == "draft")
    )


def test_filters_by_call_and_party(example_root: Path, example_kb: KnowledgeBase) -> None:
    data = status_json(example_root, "--call", "2019-nv", "--party", "per")
    expected = [c.id for c in example_kb.comments() if c.call == "2019-nv" and c.party == "PER"]
    assert expected and data["comments"]["ids"] == expected
    assert data["filters"] == {"call": "2019-nv", "party": "PER"}
    assert [c["id"] for c in data["calls"]] == ["2019-nv"]
    assert {r["party"] for r in data["calls"][0]["replies"]} == {"PER"}


def test_restricted_submissions_are_left_out_unless_asked(example_root: Path) -> None:
    everything = status_json(example_root, "--include-restricted")
    default = status_json(example_root)
    restricted = everything["comments"]["restricted"]
    assert restricted, "the example has a restricted submission"
    assert default["includes_restricted"] is False
    assert default["comments"]["restricted"] == []
    assert set(default["comments"]["ids"]) == set(everything["comments"]["ids"]) - set(restricted)
    # --public, the old way to ask for this, is still accepted and changes nothing
    assert status_json(example_root, "--public") == default
    both = CliRunner().invoke(
        main, ["status", "-C", str(example_root), "--public", "--include-restricted"]
    )
    assert both.exit_code == 2
    assert both.stderr.startswith("redraft status: error: --public and --include-restricted")


def test_the_folder_as_a_positional_argument_still_works(example_root: Path) -> None:
    by_option = CliRunner().invoke(main, ["status", "--root", str(example_root)])
    by_argument = CliRunner().invoke(main, ["status", str(example_root)])
    assert by_option.exit_code == by_argument.exit_code == 0
    assert by_argument.stdout == by_option.stdout


def test_the_library_narrows_each_call_to_the_party(example_kb: KnowledgeBase) -> None:
    everyone = comment_status(example_kb, "2019-nv", include_restricted=True)
    peru = comment_status(example_kb, "2019-nv", "PER", include_restricted=True)
    assert len(everyone.calls[0].replies) > len(peru.calls[0].replies) > 0
    assert {r.party for r in peru.calls[0].replies} == {"PER"}
    assert set(peru.calls[0].invited) <= {"PER"}
    assert peru.by_disposition == {
        d: sum(1 for c in peru.comments if c.disposition == d) for d in DISPOSITIONS
    }
    with pytest.raises(UnknownFilter, match="unknown party 'XYZ'"):
        comment_status(example_kb, party="XYZ")


def test_unknown_call_or_party_is_one_line_and_exit_2(example_root: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["status", str(example_root), "--call", "2017-nv"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "redraft status: error: unknown call '2017-nv' (the calls are: 2018-nv, 2019-nv)\n"
    )
    result = runner.invoke(main, ["status", str(example_root), "--party", "XYZ"])
    assert result.exit_code == 2
    assert result.stderr == (
        "redraft status: error: unknown party 'XYZ' (not in comments/parties.yml)\n"
    )


def test_plain_text_when_not_a_terminal(example_root: Path, example_kb: KnowledgeBase) -> None:
    result = CliRunner().invoke(main, ["status", str(example_root), "--include-restricted"])
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout and "┃" not in result.stdout
    lines = result.stdout.splitlines()
    counts = ", ".join(
        f"{d.replace('-', ' ')} {n}"
        for d in DISPOSITIONS
        if (n := sum(1 for c in example_kb.comments() if c.disposition == d))
    )
    assert lines[0] == f"{len(list(example_kb.comments()))} comment(s): {counts}"
    late = [
        (s, c)
        for s in example_kb.submissions
        if (c := example_kb.call(s.call)) is not None and s.received > c.deadline
    ]
    assert late
    for submission_, call_ in late:
        days = (submission_.received - call_.deadline).days
        line = f"    {submission_.party}  {submission_.received}  {submission_.id}, "
        assert any(x.startswith(line + f"late by {days} day(s)") for x in lines), line


def waiting_kb(tmp_path: Path) -> KnowledgeBase:
    before = [
        G("sale", "1", "(a) Perishable assets may be sold.\n\n(b) Proceeds go to an account."),
        G("costs", "2", "(a) The State bears the costs."),
    ]
    after = [G("sale", "1", "(a) Perishable and fragile assets may be sold.")]
    spec = KbSpec(
        versions=[("v1", before), ("draft", after)],
        calls=[call("nv-1", "v1", invited=["AUT", "FRA"])],
        submissions={
            "nv-1/AUT": submission(
                "AUT",
                "nv-1",
                [
                    comment("reworded", "sale", paragraph="a", quote="Perishable assets"),
                    comment("gone", "costs", text="Costs [bold]must[/bold] be shared."),
                    comment("decided", "costs", disposition="noted", rationale="Noted."),
                ],
            )
        },
    )
    return build(tmp_path / "kb", spec)


def test_pending_comments_whose_passage_changed_wait_for_an_editor(tmp_path: Path) -> None:
    kb = waiting_kb(tmp_path)
    data = status_json(tmp_path / "kb")
    waiting = {w["id"]: w for w in data["waiting_for_editor"]}
    assert set(waiting) == {"reworded", "gone"}  # "decided" is orphaned too, but decided
    assert waiting["reworded"]["state"] == "changed"
    assert waiting["reworded"]["place"]["paragraph"] == "a"
    assert waiting["reworded"]["wording"] == "Perishable and fragile assets may be sold."
    assert waiting["gone"]["state"] == "orphaned" and waiting["gone"]["place"] is None
    assert data["draft_anchors"] == {"anchored": 0, "moved": 0, "changed": 1, "orphaned": 2}
    assert data["calls"][0]["missing"] == ["FRA"]
    text = CliRunner().invoke(main, ["status", str(tmp_path / "kb")]).stdout
    assert "Pending comments waiting for an editor (working draft): 2" in text
    assert "  gone  orphaned  costs → —" in text
    assert kb.call("nv-1") is not None


def test_terminal_tables_print_text_from_files_literally(tmp_path: Path) -> None:
    kb = waiting_kb(tmp_path)
    out = io.StringIO()
    status = comment_status(kb, today=dt.date(2018, 2, 15), include_restricted=True)
    print_rich(status, Console(file=out, width=200))
    printed = out.getvalue()
    assert "Costs [bold]must[/bold] be shared." in printed
    assert "Awaited: FRA" in printed  # the deadline (2018-03-01) has not passed on 15 February
    assert "changed" in printed and "orphaned" in printed
