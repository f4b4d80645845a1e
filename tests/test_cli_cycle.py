"""One round of comments driven through the CLI on a copy of the example in git: a call, a reply
typed into its scaffold, decisions, a retarget, the worklist, the release and the compilation,
with the exact lines each command changed (``git diff --numstat``) and a clean check after each.

The structural edits of the draft (``redraft guideline …``) are commands of their own and
tested beside them; this cycle revises nothing but the decisions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.kb.load import load

from .conftest import is_planted_drift
from .gitkb import commit_all, git, init_repo, isolate_git

FRA = "comments/submissions/2026-nv/FRA.yml"


def run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result.stdout


def step(root: Path, message: str) -> dict[str, tuple[int, int]]:
    """Commit what the last command changed; return its lines added and removed, by file, and
    require that check finds nothing new."""
    git(root, "add", "-A")
    numstat = git(root, "diff", "--cached", "--numstat")
    assert [str(p) for p in check(root) if not is_planted_drift(p)] == []
    commit_all(root, message)
    changed = {}
    for line in numstat.splitlines():
        added, removed, path = line.split("\t")
        changed[path] = (int(added), int(removed))
    return changed


def first_words(text: str, n: int = 4) -> str:
    return " ".join(text.split()[:n])


def words_gone(old: str, new: str, n: int = 3) -> str | None:
    """The first ``n`` consecutive words of ``old`` that ``new`` no longer has, if any."""
    words, kept = old.split(), " ".join(new.split())
    for start in range(len(words) - n + 1):
        window = " ".join(words[start : start + n])
        if window not in kept:
            return window
    return None


def test_a_round_of_comments_through_the_cli(
    example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = example_copy
    isolate_git(monkeypatch, tmp_path / "home")
    init_repo(root)
    kb = load(root).kb
    called_on = kb.released[-1]
    draft = kb.draft
    assert draft is not None
    # a passage the draft reworded (the comment will need a retarget), and one it kept
    reworded = next(
        (g, p, quote)
        for g in called_on.guidelines
        for p in g.text.paragraphs
        if (d := draft.guideline(g.id)) is not None
        and (dp := d.text.paragraph(p.id)) is not None
        and (quote := words_gone(p.text, dp.text)) is not None
    )
    kept = next(
        (g, p, first_words(p.text))
        for g in called_on.guidelines
        for p in g.text.paragraphs
        if (d := draft.guideline(g.id)) is not None
        and (dp := d.text.paragraph(p.id)) is not None
        and dp.text == p.text
    )

    # 1. the call
    run(root, "new", "call", "--reference", "CU 2026/12/DTA/CEB/CSS", "--date", "2026-03-02",
        "--version", called_on.id, "--deadline", "2026-05-15")  # fmt: skip
    assert step(root, "Call for comments") == {"comments/calls.yml": (6, 0)}

    # 2. a reply: only its text and its comments are typed into the scaffold
    run(root, "new", "submission", "--party", "FRA", "--call", "2026-nv", "--received",
        "2026-04-20", "--language", "fr")  # fmt: skip
    scaffold = (root / FRA).read_text(encoding="utf-8")
    comments = "".join(
        f"  - id: fra-2026-04-20-{n}\n    guideline: {g.id}\n    paragraph: {p.id}\n"
        f"    quote: {quote}\n    type: technical\n    text: Commentaire {n}.\n"
        "    disposition: pending\n"
        for n, (g, p, quote) in enumerate((reworded, kept), start=1)
    )
    (root / FRA).write_text(
        scaffold.replace('text: ""', "text: |\n  La Mission permanente de la France…").replace(
            "comments: []\n", f"comments:\n{comments}"
        ),
        encoding="utf-8",
    )
    assert step(root, "Reply of France")[FRA][1] == 0

    # 3. the decisions
    run(root, "dispose", "fra-2026-04-20-2", "--noted", "--rationale", "Pris note.")
    assert step(root, "Note fra-2") == {FRA: (2, 1)}
    run(root, "dispose", "fra-2026-04-20-1", "--accepted", "--rationale", "Reformulé.",
        "--addressed-in", "draft")  # fmt: skip
    assert step(root, "Accept fra-1") == {FRA: (3, 1)}

    # 4. the worklist, and a retarget of the reworded passage
    worklist = run(root, "status", "--anchors", "--call", "2026-nv")
    assert "\nchanged (1)\n  fra-2026-04-20-1  FRA  accepted" in worklist
    assert "\nanchored (1)\n  fra-2026-04-20-2  FRA  noted" in worklist
    guideline, paragraph, _ = reworded
    now = draft.guideline(guideline.id)
    assert now is not None
    words = first_words(now.text.paragraph(paragraph.id).text)  # type: ignore[union-attr]
    run(root, "retarget", "fra-2026-04-20-1", "--to", f"{now.number}/{paragraph.id}", "--quote",
        words, "--by", "A. Editor")  # fmt: skip
    assert step(root, "Retarget fra-1") == {FRA: (7, 0)}
    worklist = run(root, "status", "--anchors", "--call", "2026-nv")
    assert "\nanchored (2)\n" in worklist

    # 5. the release names the new version where the decisions said draft
    run(root, "release", "2026-1", "--symbol", "CAC/COSP/WG.2/2026/3", "--date", "2026-06-01")
    released = git(root, "diff", "--numstat", "HEAD~1", "HEAD", "--", FRA)
    assert released.split("\t")[:2] == ["2", "2"]
    assert git(root, "status", "--porcelain") == ""
    assert [p for p in check(root) if p.severity == "error"] == []
    comment = next(c for c in load(root).kb.comments() if c.id == "fra-2026-04-20-1")
    assert comment.addressed_in == "2026-1"
    assert [(r.version, r.by, r.date) for r in comment.retargets] == [
        ("2026-1", "A. Editor", dt.date.today())
    ]

    # 6. the compilation for the meeting, outside the knowledge base
    out = tmp_path / "compilation.xlsx"
    run(root, "export", "compilation", "--call", "2026-nv", "-o", str(out))
    assert out.stat().st_size > 0
    assert git(root, "status", "--porcelain") == ""
