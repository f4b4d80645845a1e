"""``redraft diff``: the four formats, side by side, and one clear line for a wrong name."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from redraft.cli import main
from redraft.kb.model import KnowledgeBase
from redraft.redline.compare import diff_versions
from redraft.redline.render.text import to_terminal
from redraft.redline.textdiff import new_text, old_text

from .gitkb import init_repo, isolate_git
from .redline_kbs import Gl, build_kb, one_part

ANSI = re.compile(r"\x1b\[")


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["diff", *args, "--root", str(root)])


# --------------------------------------------------------------------------------------------
# text
# --------------------------------------------------------------------------------------------


def test_text_when_not_a_terminal_is_plain_with_marks(example_root: Path) -> None:
    result = run(example_root, "2019-3", "draft")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert not ANSI.search(out)
    assert "[-consulted-]{+involved+}" in out
    # the structural summary comes before the first guideline
    assert out.index("Summary") < out.index("Guideline ")
    assert "Moved (1): interlocutory-costs (5)" in out
    assert "renumbered 11 → 5; moved from part II to part I; reworded" in out


def test_text_in_a_terminal_strikes_and_underlines(example_kb: KnowledgeBase) -> None:
    diff = diff_versions(example_kb, "2019-3", "draft", guideline="pre-seizure-planning")
    console = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=200)
    for item in to_terminal(diff, styled=True):
        console.print(item)
    rendered = console.file.getvalue()  # type: ignore[attr-defined]
    codes = {int(n) for seq in re.findall(r"\x1b\[([0-9;]+)m", rendered) for n in seq.split(";")}
    assert {9, 4} <= codes  # strike-through and underline carry the meaning, not colour alone
    assert "[-" not in rendered  # styles, not wdiff marks


def test_text_side_by_side(example_root: Path) -> None:
    result = run(
        example_root, "2019-3", "draft", "--guideline", "pre-seizure-planning", "--side-by-side"
    )
    assert result.exit_code == 0, result.stderr
    header = next(line for line in result.stdout.splitlines() if "before" in line)
    assert "after" in header
    assert "[-consulted-]" in result.stdout and "{+involved+}" in result.stdout
    # the old column never shows insertions on the same line as their deletions' partner
    assert not re.search(r"\[-consulted-\]\s*\{\+involved\+\}", result.stdout)


def test_backward_comparison_says_so(example_root: Path) -> None:
    result = run(example_root, "draft", "2018-3", "--guideline", "sale-before-confiscation")
    assert result.exit_code == 0, result.stderr
    assert "runs backwards in time" in result.stdout
    assert "formed later by merging interlocutory-sale (7) and sale-with-consent (8)" in (
        result.stdout
    )
    assert "later merged into sale-before-confiscation (8)" in result.stdout


def test_document_symbol_names_a_version(example_root: Path) -> None:
    result = run(example_root, "CAC/COSP/WG.2/2019/3", "draft", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["from"] == "2019-3"


def test_draft_at_a_git_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")
    kb_root = tmp_path / "kb"
    build_kb(
        kb_root,
        [
            ("v1", one_part(Gl("g", "1", "(a) Seized assets should be kept safe."))),
            ("draft", one_part(Gl("g", "1", "(a) Seized assets should be kept safe."))),
        ],
    )
    init_repo(kb_root)
    edited = kb_root / "guidelines" / "draft" / "g.md"
    edited.write_text(edited.read_text().replace("kept safe", "kept safe and insured"))
    result = run(kb_root, "draft@HEAD", "draft", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["from"] == "draft@HEAD"
    [guideline] = data["guidelines"]
    assert ["insert", " and insured"] in guideline["paragraphs"][0]["ops"]
    bad = run(kb_root, "draft@no-such-branch", "draft")
    assert bad.exit_code == 2
    assert len(bad.stderr.splitlines()) == 1 and "no-such-branch" in bad.stderr


# --------------------------------------------------------------------------------------------
# md
# --------------------------------------------------------------------------------------------


def test_markdown_is_critic_markup_with_the_summary_first(example_root: Path) -> None:
    result = run(example_root, "2018-3", "draft", "--format", "md")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Changes from CAC/COSP/WG.2/2018/3 (2018-3) to Working draft")
    assert text.index("## Summary") < text.index("## Guideline")
    assert "| Formed by a merge | 1 | sale-before-confiscation (8) |" in text
    assert "{--" in text and "{++" in text
    rendered = markdown.markdown(text, extensions=["pymdownx.critic", "tables"])
    assert "<del" in rendered and "<ins" in rendered
    assert "{--" not in rendered and "{++" not in rendered


def test_markdown_never_turns_a_numbered_label_into_a_list(tmp_path: Path) -> None:
    kb_root = tmp_path / "kb"
    build_kb(
        kb_root,
        [
            ("v1", one_part(Gl("g", "1", "1. First point.\n\n2. Second point."))),
            ("draft", one_part(Gl("g", "1", "1. First point, amended.\n\n2. Second point."))),
        ],
    )
    result = run(kb_root, "v1", "draft", "--format", "md")
    assert result.exit_code == 0, result.stderr
    rendered = markdown.markdown(result.stdout, extensions=["pymdownx.critic", "tables"])
    assert "<ol>" not in rendered
    assert "1. First point" in rendered


def test_markdown_side_by_side_is_a_table(example_root: Path) -> None:
    result = run(
        example_root,
        "2019-3",
        "draft",
        "--guideline",
        "transparency",
        "--format",
        "md",
        "--side-by-side",
    )
    assert result.exit_code == 0, result.stderr
    rendered = markdown.markdown(result.stdout, extensions=["pymdownx.critic", "tables"])
    assert "<th>before</th>" in rendered and "<th>after</th>" in rendered
    assert "<del" in rendered or "<ins" in rendered


# --------------------------------------------------------------------------------------------
# html
# --------------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    VOID = frozenset({"meta", "br", "hr", "img", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], f"unclosed: {parser.stack}"
    return parser


def test_html_is_a_balanced_standalone_page(example_root: Path) -> None:
    result = run(example_root, "2018-3", "draft", "--format", "html")
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>")
    tags = parse_html(page)
    assert {"html", "head", "body", "del", "ins", "table"} <= set(tags.seen)
    assert '<del class="redraft-del">' in page and '<ins class="redraft-ins">' in page


def test_html_side_by_side_has_two_columns(example_root: Path) -> None:
    result = run(
        example_root,
        "2019-3",
        "draft",
        "--format",
        "html",
        "--side-by-side",
        "--guideline",
        "pre-seizure-planning",
    )
    assert result.exit_code == 0, result.stderr
    tags = parse_html(result.stdout)
    assert "td" in tags.seen
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", result.stdout, re.S)
    before, after = next(row for row in rows if "consulted" in row[0])
    assert "<del" in before and "<ins" not in before
    assert "<ins" in after and "<del" not in after and "involved" in after


def test_html_escapes_the_knowledge_base_text(tmp_path: Path) -> None:
    kb_root = tmp_path / "kb"
    build_kb(
        kb_root,
        [
            ("v1", one_part(Gl("g", "1", "(a) Plain words.", title="A & B"))),
            (
                "draft",
                one_part(Gl("g", "1", "(a) Plain <script>alert(1)</script> words.", title="A & C")),
            ),
        ],
    )
    result = run(kb_root, "v1", "draft", "--format", "html")
    assert result.exit_code == 0, result.stderr
    assert "<script>" not in result.stdout
    assert "&lt;script&gt;" in result.stdout
    assert "A &amp; " in result.stdout
    parse_html(result.stdout)


# --------------------------------------------------------------------------------------------
# json
# --------------------------------------------------------------------------------------------


def test_json_parses_and_its_ops_rebuild_both_texts(
    example_root: Path, example_kb: KnowledgeBase
) -> None:
    result = run(example_root, "2018-3", "draft", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["from"], data["to"]) == ("2018-3", "draft")
    assert data["summary"]["guidelines"]["merged"] == ["sale-before-confiscation"]
    assert data["summary"]["counts"]["added"] == 4
    old, new = example_kb.version("2018-3"), example_kb.version("draft")
    assert old is not None and new is not None
    checked = 0
    for entry in data["guidelines"]:
        assert set(entry) >= {"id", "changes", "from_number", "to_number", "paragraphs"}
        before, after = old.guideline(entry["id"]), new.guideline(entry["id"])
        for section, key in (("paragraphs", "paragraphs"), ("note", "note")):
            for p in entry[key]:
                ops = [(op, text) for op, text in p["ops"]]
                assert all(op in ("equal", "insert", "delete") for op, _ in ops)
                if p["from_id"] is not None:
                    # carried over by a merge or split: the old text is in the source guideline
                    holder = old.guideline(p["from_guideline"]) if p["from_guideline"] else before
                    assert holder is not None
                    source = holder.text.paragraph(p["from_id"])
                    assert source is not None and old_text(ops) == source.text, section
                else:
                    assert old_text(ops) == ""
                if p["to_id"] is not None:
                    assert after is not None
                    target = after.text.paragraph(p["to_id"])
                    assert target is not None and new_text(ops) == target.text, section
                else:
                    assert new_text(ops) == ""
                checked += 1
    assert checked > 50


def test_json_of_a_version_with_itself_is_empty(example_root: Path) -> None:
    result = run(example_root, "2019-3", "2019-3", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["guidelines"] == []
    assert all(n == 0 for n in data["summary"]["counts"].values())


# --------------------------------------------------------------------------------------------
# Mistakes
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("2017-9", "draft"), "2017-9"),
        (("draft", "nope"), "nope"),
        (("2018-3", "draft", "--guideline", "no-such-guideline"), "no-such-guideline"),
        (("2018-3", "draft", "--format", "json", "--guideline", "x"), "'x'"),
    ],
)
def test_unknown_version_or_guideline_is_one_line_and_exit_2(
    example_root: Path, args: tuple[str, ...], named: str
) -> None:
    result = run(example_root, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("redraft diff: error: unknown ") and named in lines[0]
    assert "Traceback" not in result.output


def test_unknown_version_lists_the_versions(example_root: Path) -> None:
    result = run(example_root, "2017-9", "draft")
    assert "2018-3, 2018-crp14, 2019-3, draft" in result.stderr


def test_side_by_side_json_is_a_usage_error(example_root: Path) -> None:
    result = run(example_root, "2018-3", "draft", "--format", "json", "--side-by-side")
    assert result.exit_code == 2
    assert "--side-by-side" in result.stderr


def test_readme_lists_the_command() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "redraft diff FROM TO" in readme
