"""The whole comment cycle of issue 15 through the CLI, on a copy of the example in git, with no
hand edit of YAML or Markdown but the words a person must type: the replies' texts and comments
into their scaffolds, and the new wording of one paragraph.

The draft is released first, so that the call is on a version that has Arabic and French texts;
then a call, three replies (French with a general comment and a quote of the French text, Arabic
quoting the Arabic text, a restricted one), a reword, a paragraph deleted, two guidelines merged,
the draft renumbered, every comment decided, one retargeted, the release and the documents.  After
each command: the exact lines it changed (``git diff --numstat``) and what ``check`` says.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.kb.load import load
from redraft.kb.problems import Problem

from .conftest import PLANTED_DRIFT, is_planted_drift
from .gitkb import commit_all, git, init_repo, isolate_git

CALL = "comments/submissions/2026-nv"
FRA, EGY, USA = f"{CALL}/FRA.yml", f"{CALL}/EGY.yml", f"{CALL}/USA.yml"
DRAFT = "guidelines/draft"


def run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result.stdout


OUTDATED: set[str] = set()
"""Translations the cycle made outdated by rewording the original: check rightly says so (the
translators' worklist), and nothing else."""


def step(root: Path, message: str, *warnings: str) -> dict[str, tuple[int, int]]:
    """Commit what the last command changed; return (lines added, removed) by file, after
    requiring that check has no error, and no warning but the example's planted one and the
    translations the reword made outdated, and ``warnings`` (the check's words, in order)."""
    git(root, "add", "-A")
    numstat = git(root, "diff", "--cached", "--numstat")
    problems = [p for p in check(root) if not planted(p)]
    assert [p for p in problems if p.severity == "error"] == []
    assert sorted(p.path for p in problems if "is outdated" in p.message) == sorted(OUTDATED)
    others = [p for p in problems if "is outdated" not in p.message]
    assert [f"{p.path}: {p.message}" for p in others] == list(warnings)
    commit_all(root, message)
    changed = {}
    for line in numstat.splitlines():
        added, removed, path = line.split("\t")
        changed[path] = (int(added), int(removed))
    return changed


def planted(problem: Problem) -> bool:
    """The example's planted outdated Chinese paragraph, in the draft or in the version the
    cycle released from it."""
    released = Path(problem.path).with_name(Path(PLANTED_DRIFT).name).as_posix()
    return is_planted_drift(problem) or (
        released == problem.path == "guidelines/2026-1/pre-seizure-planning.zh.md"
        and problem.severity == "warning"
        and "is outdated" in problem.message
    )


def fill(root: Path, path: str, text: str, comments: str) -> None:
    """What the editor types into a scaffold: the reply's text and its comments, nothing else."""
    scaffold = (root / path).read_text(encoding="utf-8")
    assert 'text: ""' in scaffold and "comments: []\n" in scaffold
    body = "text: |\n" + "".join(f"  {line}\n" for line in text.splitlines())
    filled = scaffold.replace('text: ""\n', body).replace(
        "comments: []\n", f"comments:\n{comments}"
    )
    (root / path).write_text(filled, encoding="utf-8")


def comment(cid: str, text: str, **target: str) -> str:
    lines = [f"  - id: {cid}"]
    lines += [f"    {key}: {value}" for key, value in target.items()]
    lines += ["    type: technical", f"    text: {text}", "    disposition: pending"]
    return "\n".join(lines) + "\n"


def words(text: str, start: int, count: int) -> str:
    return " ".join(text.split()[start : start + count])


def test_the_whole_cycle_through_the_cli(
    example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = example_copy
    OUTDATED.clear()
    isolate_git(monkeypatch, tmp_path / "home")
    init_repo(root)
    draft = load(root).kb.draft
    assert draft is not None
    funding, transparency = draft.guideline("office-funding"), draft.guideline("transparency")
    victims = draft.guideline("victim-compensation")
    assert funding and transparency and victims
    french_b = funding.translations["fr"].paragraphs[1].text
    arabic_c = transparency.translations["ar"].paragraphs[2].text
    english_victims_a = victims.text.paragraphs[0].text

    # 0. the draft as it stands is released, so that the call is on a version with translations
    run(root, "release", "2026-1", "--symbol", "CAC/COSP/WG.2/2026/2", "--date", "2026-01-15")
    assert git(root, "status", "--porcelain") == ""

    # 1. the call
    run(root, "new", "call", "--reference", "CU 2026/12/DTA/CEB/CSS", "--date", "2026-02-02",
        "--version", "2026-1", "--deadline", "2026-04-15")  # fmt: skip
    assert step(root, "Call for comments") == {"comments/calls.yml": (6, 0)}

    # 2. three replies, each started by `new submission`
    run(root, "new", "submission", "--party", "FRA", "--call", "2026-nv", "--received",
        "2026-04-10", "--language", "fr")  # fmt: skip
    fill(root, FRA, "La Mission permanente de la France… (texte illustratif)",
         comment("fra-2026-04-10-1", "Préciser la part.", guideline="office-funding",
                 paragraph="b", quote=f'"{words(french_b, 4, 6)}"')
         + comment("fra-2026-04-10-2", "Le projet est bienvenu.", about="document"))  # fmt: skip
    assert step(root, "Reply of France") == {FRA: (46, 0)}

    run(root, "new", "submission", "--party", "EGY", "--call", "2026-nv", "--received",
        "2026-04-12", "--language", "ar")  # fmt: skip
    fill(root, EGY, "تهدي البعثة الدائمة… (نص توضيحي)",
         comment("egy-2026-04-12-1", "ينبغي توضيح هذه الآليات.", guideline="transparency",
                 paragraph="c", quote=f'"{words(arabic_c, 2, 4)}"'))  # fmt: skip
    assert step(root, "Reply of Egypt") == {EGY: (41, 0)}

    run(root, "new", "submission", "--party", "USA", "--call", "2026-nv", "--received",
        "2026-04-20", "--language", "en", "--restricted")  # fmt: skip
    fill(root, USA, "The Permanent Mission of the United States… (illustrative text)",
         comment("usa-2026-04-20-1", "Late, and not for publication.",
                 guideline="victim-compensation", paragraph="a",
                 quote=f'"{words(english_victims_a, 0, 6)}"'))  # fmt: skip
    assert step(root, "Reply of the United States (restricted)") == {USA: (41, 0)}

    # 3. the revision: one paragraph reworded by hand, the rest by commands
    funding_file = root / DRAFT / "office-funding.md"
    text = funding_file.read_text(encoding="utf-8")
    assert "a share of the proceeds" in text
    funding_file.write_text(text.replace("a share of the", "a share, fixed by law, of the"),
                            encoding="utf-8")  # fmt: skip
    OUTDATED.update(f"{DRAFT}/office-funding.{lang}.md" for lang in funding.translations)
    assert step(root, "Reword 4 (b)") == {f"{DRAFT}/office-funding.md": (1, 1)}
    run(root, "guideline", "delete", "transparency/c")
    assert step(root, "Delete 15 (c)") == {
        f"{DRAFT}/transparency.md": (0, 3),
        f"{DRAFT}/transparency.ar.md": (0, 2),
        f"{DRAFT}/transparency.fr.md": (0, 3),
        f"{DRAFT}/transparency.zh.md": (0, 2),
        f"{DRAFT}/transparency.ru.md": (0, 3),
        f"{DRAFT}/transparency.es.md": (0, 3),
    }
    run(root, "guideline", "merge", "victim-compensation", "return-of-assets",
        "--into", "return-of-assets")  # fmt: skip
    # the merge leaves a gap in the numbers, as a deletion does; check says so until renumbered
    assert step(root, "Merge 13 and 14",
        f"{DRAFT}/return-of-assets.md: number '14' follows '12': the numbers in between are "
        "missing; `redraft guideline renumber` numbers the draft in outline order") == {
        f"{DRAFT}/outline.yml": (0, 1),
        f"{DRAFT}/return-of-assets.md": (11, 4),
        f"{DRAFT}/return-of-assets.ar.md": (6, 2),
        f"{DRAFT}/return-of-assets.fr.md": (10, 4),
        f"{DRAFT}/return-of-assets.zh.md": (6, 2),
        f"{DRAFT}/victim-compensation.md": (0, 12),
        f"{DRAFT}/victim-compensation.ar.md": (0, 8),
        f"{DRAFT}/victim-compensation.fr.md": (0, 10),
        f"{DRAFT}/victim-compensation.zh.md": (0, 8),
        f"{DRAFT}/return-of-assets.ru.md": (12, 4),
        f"{DRAFT}/return-of-assets.es.md": (12, 4),
        f"{DRAFT}/victim-compensation.ru.md": (0, 13),
        f"{DRAFT}/victim-compensation.es.md": (0, 13),
    }  # fmt: skip
    run(root, "guideline", "renumber")
    assert step(root, "Renumber") == {
        f"{DRAFT}/return-of-assets.md": (1, 1),
        f"{DRAFT}/transparency.md": (1, 1),
        f"{DRAFT}/international-cooperation.md": (1, 1),
    }
    numbers = [g.number for g in load(root).kb.draft.guidelines]  # type: ignore[union-attr]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]

    # the worklist: the French quote followed into the reworded English paragraph, the
    # restricted comment into the merged guideline, the Arabic one orphaned by the deletion
    worklist = run(root, "status", "--anchors", "--call", "2026-nv", "--include-restricted")
    assert "anchored 0, moved 1, changed 1, orphaned 1" in worklist
    assert "'victim-compensation' was merged into 'return-of-assets'" in worklist
    assert "guideline 4, paragraph (b) was reworded" in worklist

    # 4. decisions, and a retarget for the comment whose paragraph was deleted
    for args in (
        ["fra-2026-04-10-1", "--accepted", "--rationale", "The share is now fixed by law.",
         "--addressed-in", "draft"],
        ["fra-2026-04-10-2", "--noted", "--rationale", "Support noted."],
        ["usa-2026-04-20-1", "--partially-accepted", "--rationale", "Merged with 14.",
         "--addressed-in", "draft"],
    ):  # fmt: skip
        run(root, "dispose", *args)
        path = USA if args[0].startswith("usa") else FRA
        assert step(root, f"Decide {args[0]}") == {path: (3 if "--addressed-in" in args else 2, 1)}
    run(root, "retarget", "egy-2026-04-12-1", "--to", "transparency/b", "--quote",
        "independent oversight", "--note", "15 (c) was deleted; its point is in (b).",
        "--by", "A. Editor")  # fmt: skip
    assert step(root, "Retarget egy-1") == {EGY: (8, 0)}
    run(root, "dispose", "egy-2026-04-12-1", "--not-accepted", "--rationale",
        "Oversight is covered by (b).")  # fmt: skip
    assert step(root, "Decide egy-1") == {EGY: (2, 1)}
    worklist = run(root, "status", "--anchors", "--call", "2026-nv", "--include-restricted")
    assert "anchored 1, moved 1, changed 1, orphaned 0" in worklist
    # the public worklist leaves the restricted reply out
    assert "usa-2026-04-20-1" not in run(root, "status", "--anchors", "--call", "2026-nv")

    # 5. the release, and the documents for the meeting
    run(root, "release", "2026-2", "--symbol", "CAC/COSP/WG.2/2026/4", "--date", "2026-06-01")
    released = {}
    for line in git(root, "show", "--numstat", "--format=", "HEAD").splitlines():
        added, removed, path = line.split("\t")
        released[path] = (int(added), int(removed))
    # the decisions that said "draft" now name 2026-2, one line each; the draft is untouched
    assert {p: n for p, n in released.items() if p.startswith("comments/")} == {
        EGY: (1, 1),
        FRA: (1, 1),
        USA: (1, 1),
    }
    assert not any(p.startswith(f"{DRAFT}/") for p in released)
    # 15 guidelines and the outline, each in six languages
    assert len([p for p in released if p.startswith("guidelines/2026-2/")]) == 6 * 15 + 6
    assert [p for p in check(root) if p.severity == "error"] == []
    kb = load(root).kb
    by_id = {c.id: c for c in kb.comments()}
    assert by_id["fra-2026-04-10-1"].addressed_in == "2026-2"
    assert by_id["usa-2026-04-20-1"].addressed_in == "2026-2"
    assert [r.version for r in by_id["egy-2026-04-12-1"].retargets] == ["2026-2"]

    # 6. the documents, outside the knowledge base
    compilation, redline = tmp_path / "compilation.docx", tmp_path / "redline.docx"
    run(root, "export", "compilation", "--call", "2026-nv", "-o", str(compilation))
    run(root, "export", "compare", "2026-1", "2026-2", "-o", str(redline))
    cells = [
        c.text for t in docx.Document(str(compilation)).tables for r in t.rows for c in r.cells
    ]
    assert "General comments" in cells and "Le projet est bienvenu." in cells
    body = zipfile.ZipFile(redline).read("word/document.xml").decode("utf-8")
    assert "fixed by law" in body and "<w:ins " in body and "<w:del " in body
    assert git(root, "status", "--porcelain") == ""
