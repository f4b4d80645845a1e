"""``redraft new submission``: a scaffold that check rejects until the reply is pasted in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from redraft.checks.rules import check
from redraft.cli import main
from redraft.kb.load import load

from .conftest import is_planted_drift

FOLDER = "comments/submissions/2018-nv"


def new(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["new", "submission", "--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def problems(root: Path) -> list[str]:
    """What check says, less the example's planted translation drift."""
    return [str(p) for p in check(root) if not is_planted_drift(p)]


def test_untouched_scaffold_fails_check_on_its_text_line_only(example_copy: Path) -> None:
    code, out, _ = new(
        example_copy, "--party", "egy", "--call", "2018-nv", "--received", "2018-09-20"
    )
    assert code == 0
    assert out == f"{FOLDER}/EGY.yml\n"
    written = (example_copy / FOLDER / "EGY.yml").read_text(encoding="utf-8")
    line = written.splitlines().index('text: ""') + 1
    assert problems(example_copy) == [f"{FOLDER}/EGY.yml:{line}: text: must not be empty"]


def test_scaffold_with_the_reply_pasted_in_is_valid(example_copy: Path) -> None:
    new(
        example_copy,
        "--party",
        "EGY",
        "--call",
        "2018-nv",
        "--received",
        "2018-09-20",
        "--language",
        "ar",
        "--restricted",
    )
    path = example_copy / FOLDER / "EGY.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('text: ""', "text: |\n  تتشرف البعثة الدائمة بأن تحيل التعليقات التالية."),
        encoding="utf-8",
    )
    assert problems(example_copy) == []
    submission = next(s for s in load(example_copy).kb.submissions if s.id == "2018-nv/EGY")
    assert (submission.party, submission.language, submission.visibility) == (
        "EGY",
        "ar",
        "restricted",
    )
    assert submission.received.isoformat() == "2018-09-20"
    assert submission.comments == ()


def test_the_comment_template_is_valid_once_uncommented(example_copy: Path) -> None:
    new(example_copy, "--party", "EGY", "--call", "2018-nv", "--received", "2018-09-20")
    path = example_copy / FOLDER / "EGY.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("comments: []")
    template = [line[1:] for line in lines[start + 1 :] if "quote:" not in line]
    filled = [*lines[:start], "comments:", *template]
    filled[filled.index('text: ""')] = "text: Illustrative reply written for a test."
    path.write_text("\n".join(filled) + "\n", encoding="utf-8")
    assert problems(example_copy) == []
    (comment,) = next(
        s for s in load(example_copy).kb.submissions if s.id == "2018-nv/EGY"
    ).comments
    kb = load(example_copy).kb
    first = kb.version("2018-3")
    assert first is not None
    assert comment.id == "egy-2018-09-20-1"  # the reply's own party and date
    assert comment.guideline == first.guidelines[0].id
    assert comment.disposition == "pending"


def test_refuses_to_overwrite_and_suggests_the_next_name(example_copy: Path) -> None:
    existing = example_copy / FOLDER / "AUT.yml"
    before = existing.read_bytes()
    code, out, err = new(example_copy, "--party", "AUT", "--call", "2018-nv")
    assert code == 2 and out == ""
    assert err == (
        f"redraft new submission: error: {FOLDER}/AUT.yml exists; a second reply from AUT is "
        "AUT-2.yml: rerun with --next to start it\n"
    )
    assert existing.read_bytes() == before
    code, out, _ = new(example_copy, "--party", "AUT", "--call", "2018-nv", "--next")
    assert (code, out) == (0, f"{FOLDER}/AUT-2.yml\n")
    code, out, _ = new(example_copy, "--party", "AUT", "--call", "2018-nv", "--next")
    assert (code, out) == (0, f"{FOLDER}/AUT-3.yml\n")
    assert existing.read_bytes() == before
    # the template's comment id is made of the reply's own facts, never a count of AUT's
    # earlier comments (which would betray an earlier reply that is restricted)
    second = (example_copy / FOLDER / "AUT-2.yml").read_text("utf-8")
    assert f"#  - id: aut-{dt.date.today().isoformat()}-1 " in second


def test_unknown_party_or_call_writes_nothing(example_copy: Path) -> None:
    before = sorted(p.name for p in (example_copy / FOLDER).iterdir())
    code, _, err = new(example_copy, "--party", "XYZ", "--call", "2018-nv")
    assert (code, err) == (
        2,
        "redraft new submission: error: unknown party 'XYZ' (not in comments/parties.yml)\n",
    )
    code, _, err = new(example_copy, "--party", "EGY", "--call", "2017-nv")
    assert (code, err) == (
        2,
        "redraft new submission: error: unknown call '2017-nv' (the calls are: 2018-nv, 2019-nv)\n",
    )
    assert sorted(p.name for p in (example_copy / FOLDER).iterdir()) == before
    assert not (example_copy / "comments/submissions/2017-nv").exists()


def test_no_temporary_file_is_left_behind(example_copy: Path) -> None:
    new(example_copy, "--party", "EGY", "--call", "2019-nv", "--received", "2019-02-01")
    names = sorted(p.name for p in (example_copy / "comments/submissions/2019-nv").iterdir())
    assert "EGY.yml" in names
    assert [n for n in names if n.startswith(".")] == []


def test_bad_language_is_a_usage_error(example_copy: Path) -> None:
    code, _, err = new(example_copy, "--party", "EGY", "--call", "2018-nv", "--language", "ara")
    assert code == 2
    assert "'ara' is not a two-letter language code" in err
    assert not (example_copy / FOLDER / "EGY.yml").exists()
