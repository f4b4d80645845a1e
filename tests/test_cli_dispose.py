"""``redraft dispose``, ``redraft retarget`` and ``redraft status --anchors``: the secretariat's
decisions recorded in the submission files with only their lines in the diff, refused when
check would refuse the result, and named by the release that freezes the draft they point at."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.comments.anchors import anchor_in
from redraft.comments.status import comment_status
from redraft.kb.load import load

from .conftest import is_planted_drift
from .gitkb import commit_all, git, init_repo, isolate_git
from .test_cli_calls import changed_lines

PER = "comments/submissions/2019-nv/PER.yml"
ARG = "comments/submissions/2019-nv/ARG.yml"
TODAY = dt.date.today().isoformat()


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    return result.exit_code, result.stdout, result.stderr


def problems(root: Path) -> list[str]:
    return [str(p) for p in check(root) if not is_planted_drift(p)]


def read(root: Path, relative: str) -> str:
    return (root / relative).read_text(encoding="utf-8")


# -- dispose ----------------------------------------------------------------------------------


def test_dispose_several_comments_changes_only_their_lines(example_copy: Path) -> None:
    before = read(example_copy, PER)

    code, out, err = run(
        example_copy,
        "dispose",
        "per-2019-1",
        "PER-2019-2",  # as a delegate may type it: ids are matched whatever the case
        "--not-accepted",
        "--rationale",
        "Consultation is a matter for national law.",
    )

    assert code == 0, err
    assert out.splitlines() == [
        f"M {PER} (+4 -2)",
        "per-2019-1: pending → not-accepted, rationale recorded",
        "per-2019-2: pending → not-accepted, rationale recorded",
    ]
    assert changed_lines(before, read(example_copy, PER)) == (
        ["    disposition: pending", "    disposition: pending"],
        [
            "    disposition: not-accepted",
            "    rationale: Consultation is a matter for national law.",
            "    disposition: not-accepted",
            "    rationale: Consultation is a matter for national law.",
        ],
    )
    decided = {
        c.id: c for c in load(example_copy).kb.comments() if c.submission_id == "2019-nv/PER"
    }
    assert decided["per-2019-1"].disposition == "not-accepted"
    assert decided["per-2019-2"].rationale == "Consultation is a matter for national law."
    assert problems(example_copy) == []


def test_dispose_keeps_the_editors_comments_and_quoting(example_copy: Path) -> None:
    path = example_copy / PER
    hand_written = (
        read(example_copy, PER)
        .replace("comments:\n", "comments:    # itemized by L. Ferreira\n", 1)
        .replace("    type: technical\n", "    type: 'technical'   # not editorial\n", 1)
        .replace("    disposition: pending\n", '    disposition: "pending"  # WG 14 to decide\n', 1)
    )
    path.write_text(hand_written, encoding="utf-8")
    assert problems(example_copy) == []

    code, _, err = run(
        example_copy,
        "dispose",
        "per-2019-1",
        "--accepted",
        "--rationale",
        "Paragraph (b) now provides for consulting the workers.",
        "--addressed-in",
        "draft",
    )

    assert code == 0, err
    assert changed_lines(hand_written, read(example_copy, PER)) == (
        ['    disposition: "pending"  # WG 14 to decide'],
        [
            # the editor's comment stays at its column, after the longer value
            '    disposition: "accepted" # WG 14 to decide',
            "    rationale: Paragraph (b) now provides for consulting the workers.",
            "    addressed_in: draft",
        ],
    )


def test_a_pending_decision_drops_addressed_in(example_copy: Path) -> None:
    usa = "comments/submissions/2019-nv/USA.yml"
    before = read(example_copy, usa)
    code, out, err = run(example_copy, "dispose", "usa-2019-3", "--pending")
    assert code == 0, err
    assert "usa-2019-3: partially-accepted → pending, addressed_in draft removed" in out
    assert changed_lines(before, read(example_copy, usa)) == (
        ["    disposition: partially-accepted", "    addressed_in: draft"],
        ["    disposition: pending"],
    )
    assert problems(example_copy) == []


def test_dispose_refusals_write_nothing(example_copy: Path) -> None:
    before = read(example_copy, PER)
    line = before.splitlines().index("  - id: per-2019-1") + 1
    cases = [
        (
            ("nope-1", "--accepted"),
            2,
            [
                "redraft dispose: error: unknown comment 'nope-1' (see `redraft status "
                "--include-restricted`)"
            ],
        ),
        (
            ("per-2019-1", "--accepted", "--addressed-in", "1999-1"),
            2,
            [
                "redraft dispose: error: unknown version '1999-1' (the versions are: 2018-3, "
                "2018-crp14, 2019-3, draft)"
            ],
        ),
        (
            # the version the call was about cannot be the one that addressed the comment
            ("per-2019-1", "--accepted", "--rationale", "Done.", "--addressed-in", "2018-crp14"),
            1,
            [
                f"{PER}:{line}: comment 'per-2019-1': addressed_in '2018-crp14' is not later "
                "than '2018-crp14', the version commented on",
                "redraft dispose: error: the change would leave the problems above; nothing "
                "was written",
            ],
        ),
        (
            ("per-2019-1",),
            2,
            [
                "redraft dispose: error: say the decision, once: --accepted, "
                "--partially-accepted, --not-accepted, --noted or --pending"
            ],
        ),
        (
            ("per-2019-1", "--accepted", "--noted"),
            2,
            [
                "redraft dispose: error: say the decision, once: --accepted, "
                "--partially-accepted, --not-accepted, --noted or --pending (given: --accepted, "
                "--noted)"
            ],
        ),
    ]
    for args, exit_code, messages in cases:
        code, out, err = run(example_copy, "dispose", *args)
        assert (code, out, err.splitlines()) == (exit_code, "", messages), args
        assert read(example_copy, PER) == before


def test_dispose_dry_run_writes_nothing(example_copy: Path) -> None:
    before = read(example_copy, PER)
    code, out, err = run(example_copy, "dispose", "per-2019-2", "--noted", "--dry-run")
    assert code == 0
    assert read(example_copy, PER) == before
    assert "-    disposition: pending\n+    disposition: noted\n" in out
    assert "would record per-2019-2: pending → noted" in err


# -- retarget ---------------------------------------------------------------------------------


def test_retarget_by_number_and_label_records_who_and_when(example_copy: Path) -> None:
    kb = load(example_copy).kb
    target = next(g for g in kb.draft.guidelines if g.id == "sale-before-confiscation")  # type: ignore[union-attr]
    before = read(example_copy, ARG)

    code, out, err = run(
        example_copy,
        "retarget",
        "arg-2019-3",
        "--to",
        f"{target.number}/(a)",
        "--quote",
        "the costs of storing or maintaining",
        "--note",
        "Paragraphs (a) and (b) were merged.",
        "--by",
        "A. Editor",
    )

    assert code == 0, err
    removed, added = changed_lines(before, read(example_copy, ARG))
    assert removed == []
    assert added == [
        "    retarget:",
        "      - version: draft",
        "        guideline: sale-before-confiscation",
        "        paragraph: a",
        "        quote: the costs of storing or maintaining",
        "        by: A. Editor",
        f"        date: {TODAY}",
        "        note: Paragraphs (a) and (b) were merged.",
    ]
    assert out.splitlines()[-1] == (
        f"arg-2019-3: retargeted in draft to guideline {target.number} "
        f"(sale-before-confiscation), paragraph a, by A. Editor on {TODAY}"
    )
    after = load(example_copy).kb
    comment = next(c for c in after.comments() if c.id == "arg-2019-3")
    anchor = anchor_in(after, comment, "draft")
    assert anchor is not None and anchor.retarget is not None and anchor.retarget.by == "A. Editor"
    assert problems(example_copy) == []


def test_retarget_takes_the_name_from_git(
    example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    init_repo(example_copy)
    code, out, err = run(
        example_copy, "retarget", "arg-2019-3", "--to", "sale-before-confiscation/a"
    )
    assert code == 0, err
    assert "by: Ana Editor\n" in read(example_copy, ARG)  # tests/gitkb.py's user.name
    # a second retarget in the same version replaces the first: one record per version
    code, out, err = run(
        example_copy, "retarget", "arg-2019-3", "--to", "sale-before-confiscation", "--by", "B"
    )
    assert code == 0, err
    assert "arg-2019-3: retarget replaced in draft" in out
    comment = next(c for c in load(example_copy).kb.comments() if c.id == "arg-2019-3")
    assert [(r.version, r.paragraph, r.by) for r in comment.retargets] == [("draft", None, "B")]


def test_retarget_refusals_write_nothing(example_copy: Path) -> None:
    before = read(example_copy, ARG)
    cases = [
        (("nope-1", "--to", "1", "--by", "X"), 2, "unknown comment 'nope-1'"),
        (("arg-2019-3", "--to", "99", "--by", "X"), 2, "no guideline '99' in version 'draft'"),
        (
            ("arg-2019-3", "--to", "sale-before-confiscation/zz", "--by", "X"),
            2,
            "no paragraph 'zz' in guideline 'sale-before-confiscation' of version 'draft'",
        ),
        (
            # a frozen version before the one commented on
            ("arg-2019-3", "--to", "interlocutory-sale", "--version", "2018-3", "--by", "X"),
            1,
            "retarget: version '2018-3' is not later than '2018-crp14', the version commented on",
        ),
        (
            (
                "arg-2019-3",
                "--to",
                "sale-before-confiscation/a",
                "--quote",
                "not in it",
                "--by",
                "X",
            ),
            1,
            'retarget: the quoted words "not in it" are not in paragraph',
        ),
        (
            ("arg-2019-3", "--to", "sale-before-confiscation"),  # no git here, no --by
            2,
            "who decided? pass --by NAME",
        ),
    ]
    for args, exit_code, message in cases:
        code, out, err = run(example_copy, "retarget", *args)
        assert (code, out) == (exit_code, ""), args
        assert message in err, (args, err)
        assert "Traceback" not in err
        assert read(example_copy, ARG) == before


def test_retarget_dry_run_writes_nothing(example_copy: Path) -> None:
    before = read(example_copy, ARG)
    code, out, _ = run(
        example_copy,
        "retarget",
        "arg-2019-3",
        "--to",
        "sale-before-confiscation",
        "--by",
        "X",
        "--dry-run",
    )
    assert code == 0
    assert "+      - version: draft\n" in out
    assert read(example_copy, ARG) == before


# -- the release names the draft ----------------------------------------------------------------


def test_a_release_names_the_new_version_where_decisions_said_draft(
    example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Decisions taken while revising say `draft`; the release freezes that text under a new id
    and names it there, in the release commit, so the retarget keeps describing the text it was
    made on after the draft moves on."""
    isolate_git(monkeypatch, tmp_path / "home")
    init_repo(example_copy)
    assert (
        run(
            example_copy,
            "dispose",
            "arg-2019-3",
            "--accepted",
            "--rationale",
            "Merged.",
            "--addressed-in",
            "draft",
        )[0]
        == 0
    )
    assert (
        run(
            example_copy,
            "retarget",
            "arg-2019-3",
            "--to",
            "sale-before-confiscation/a",
            "--quote",
            "the costs of storing or maintaining",
        )[0]
        == 0
    )
    commit_all(example_copy, "Decide arg-2019-3")
    naming_draft = {
        c.source.path
        for c in load(example_copy).kb.comments()
        if c.addressed_in == "draft" or any(r.version == "draft" for r in c.retargets)
    }

    code, _, err = run(
        example_copy,
        "release",
        "2026-1",
        "--symbol",
        "CAC/COSP/WG.2/2026/1",
        "--date",
        "2026-06-01",
    )

    assert code == 0, err
    kb = load(example_copy).kb
    comment = next(c for c in kb.comments() if c.id == "arg-2019-3")
    assert comment.addressed_in == "2026-1"
    assert [r.version for r in comment.retargets] == ["2026-1"]
    assert not [c.id for c in kb.comments() if c.addressed_in == "draft"]
    committed = set(git(example_copy, "diff", "--name-only", "HEAD~1", "HEAD").split())
    assert naming_draft <= committed and ARG in naming_draft
    diff = git(example_copy, "diff", "HEAD~1", "HEAD", "--", ARG)
    assert [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"
    ] == [
        "-    addressed_in: draft",
        "+    addressed_in: 2026-1",
        "-      - version: draft",
        "+      - version: 2026-1",
    ]
    assert git(example_copy, "status", "--porcelain") == ""
    assert [p for p in check(example_copy) if p.severity == "error"] == []
    # the draft now changes; the retarget still describes the released text it was made on
    draft_file = example_copy / "guidelines/draft/sale-before-confiscation.md"
    draft_file.write_text(
        draft_file.read_text(encoding="utf-8").replace(
            "the costs of storing or maintaining", "the expense of keeping"
        ),
        encoding="utf-8",
    )
    assert [p for p in check(example_copy) if p.severity == "error"] == []
    anchor = anchor_in(load(example_copy).kb, comment, "2026-1")
    assert anchor is not None and anchor.state == "anchored"


def test_a_call_on_the_draft_is_refused_before_it_can_block_a_release(example_copy: Path) -> None:
    """A call's comments quote the text called on: on the draft, the next revision would break
    every quote and block the release with errors about quotes; check says why at once."""
    path = example_copy / "comments/calls.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("version: 2018-crp14", "version: draft"), encoding="utf-8")
    found = [p for p in check(example_copy) if p.severity == "error"]
    assert "is about the working draft, which keeps changing" in found[0].message
    assert found[0].path == "comments/calls.yml"


# -- the worklist ------------------------------------------------------------------------------


def test_status_anchors_lists_every_comment_under_its_state(example_root: Path) -> None:
    kb = load(example_root).kb
    status = comment_status(kb)
    code, out, _ = run(example_root, "status", "--anchors")
    assert code == 0
    lines = out.splitlines()
    counts = status.anchor_counts
    assert lines[0] == "Where the comments stand in the working draft: " + ", ".join(
        f"{state} {counts[state]}" for state in counts
    )
    headings = [line for line in lines if line and not line.startswith(" ")][1:]
    assert headings == [
        f"{state} ({counts[state]})"
        for state in ("orphaned", "changed", "moved", "anchored")
        if counts[state]
    ]
    # every comment once, under its own state, decided ones too
    under: dict[str, str] = {}
    state = ""
    for line in lines[1:]:
        if line and not line.startswith(" "):
            state = line.split(" ")[0]
        elif line.startswith("  ") and not line.startswith("    "):
            under[line.split()[0]] = state
    assert under == {item.comment.id: item.anchor.state for item in status.in_draft}
    assert len(under) > len(status.waiting)
    assert {c.disposition for c in status.comments if c.id in under} > {"pending"}


def test_status_anchors_as_json_and_after_a_retarget(example_copy: Path) -> None:
    def anchors() -> dict[str, str]:
        code, out, _ = run(example_copy, "status", "--anchors", "--format", "json")
        assert code == 0
        return {a["id"]: a["state"] for a in json.loads(out)["anchors"]}

    before = anchors()
    assert before["arg-2019-3"] == "moved"
    assert (
        run(
            example_copy,
            "retarget",
            "arg-2019-3",
            "--to",
            "sale-before-confiscation/a",
            "--by",
            "X",
        )[0]
        == 0
    )
    after = anchors()
    assert after["arg-2019-3"] == "anchored"
    assert {k: v for k, v in after.items() if k != "arg-2019-3"} == {
        k: v for k, v in before.items() if k != "arg-2019-3"
    }


def test_the_release_keeps_quoting_and_comments_where_it_names_the_version(
    example_copy: Path,
) -> None:
    from redraft.kb.sources import FileSource
    from redraft.release.errors import ReleaseRefused
    from redraft.release.pin import pin_draft

    usa = "comments/submissions/2019-nv/USA.yml"
    path = example_copy / usa
    text = read(example_copy, usa)
    assert "    addressed_in: draft\n" in text
    path.write_text(
        text.replace("    addressed_in: draft\n", "    addressed_in: 'draft'   # WG 14\n"),
        encoding="utf-8",
    )
    pinned = {
        p.path: p for p in pin_draft(FileSource(example_copy), load(example_copy).kb, "2026-1")
    }
    assert changed_lines(pinned[usa].before.decode(), pinned[usa].after) == (
        ["    addressed_in: 'draft'   # WG 14"],
        ["    addressed_in: 2026-1   # WG 14"],
    )
    # a value the editor spread over two lines is not guessed at: the release says where
    path.write_text(text.replace("    addressed_in: draft\n", "    addressed_in:\n      draft\n"))
    with pytest.raises(ReleaseRefused) as refused:
        pin_draft(FileSource(example_copy), load(example_copy).kb, "2026-1")
    line = text.splitlines().index("    addressed_in: draft") + 1
    assert str(refused.value).startswith(
        f"{usa}:{line}: 'addressed_in: draft' is not written on one line"
    )


def test_a_comment_line_before_the_next_entry_stays_before_it(example_copy: Path) -> None:
    """ruamel.yaml files a comment line under the field above it: a field added at the end of
    an entry, or a retarget appended, must not push the editor's note into the wrong entry."""
    path = example_copy / PER
    hand_written = read(example_copy, PER).replace(
        "  - id: per-2019-3\n",
        "  # Point 3 of the note: consent before a judge.\n  - id: per-2019-3\n",
    )
    path.write_text(hand_written, encoding="utf-8")

    assert run(example_copy, "dispose", "per-2019-2", "--accepted", "--rationale", "Done.",
               "--addressed-in", "draft")[0] == 0  # fmt: skip
    assert run(example_copy, "retarget", "per-2019-2", "--to", "victim-compensation/a",
               "--by", "X")[0] == 0  # fmt: skip
    after = read(example_copy, PER)
    assert changed_lines(hand_written, after) == (
        ["    disposition: pending"],
        [
            "    disposition: accepted",
            "    rationale: Done.",
            "    addressed_in: draft",
            "    retarget:",
            "      - version: draft",
            "        guideline: victim-compensation",
            "        paragraph: a",
            "        by: X",
            f"        date: {TODAY}",
        ],
    )
    lines = after.splitlines()
    assert lines[lines.index("  - id: per-2019-3") - 1] == (
        "  # Point 3 of the note: consent before a judge."
    )
    # undone: the comment line still precedes the entry it is about
    assert run(example_copy, "dispose", "per-2019-2", "--pending")[0] == 0
    lines = read(example_copy, PER).splitlines()
    assert lines[lines.index("  - id: per-2019-3") - 1] == (
        "  # Point 3 of the note: consent before a judge."
    )
