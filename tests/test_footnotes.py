"""Footnotes in guideline files: ``[^1]`` in a paragraph, ``[^1]: text`` after the paragraphs.

The example's draft has one (guideline 14 (a), citing the Convention); these tests read it as the
loader, the site and the documents do, and break it the ways an editor could.
"""

from __future__ import annotations

from pathlib import Path

import markdown  # type: ignore[import-untyped]

from redraft.checks.rules import check
from redraft.kb.guideline_file import parse_body_with_footnotes
from redraft.kb.model import KnowledgeBase
from redraft.site import urls
from redraft.site.generate import SiteFiles

GUIDELINE = "return-of-assets"
FILE = f"guidelines/draft/{GUIDELINE}.md"


def test_a_footnote_is_read_as_the_guidelines_not_as_a_paragraph(
    example_kb: KnowledgeBase,
) -> None:
    draft = example_kb.draft
    assert draft is not None
    text = draft.guideline(GUIDELINE).text  # type: ignore[union-attr]
    assert [p.id for p in text.all_paragraphs] == ["a", "b"]
    assert [(f.label, f.text) for f in text.footnotes] == [
        ("1", "United Nations, *Treaty Series*, vol. 2349, No. 42146.")
    ]
    assert "the Convention,[^1] States" in text.paragraphs[0].text
    assert text.footnotes[0].source.path == FILE


def test_a_footnote_may_run_over_several_lines_and_sit_after_the_note() -> None:
    body = "(a) Text.[^n]\n\n## Explanatory note\n\nWhy.[^2]\n\n[^n]: One\n  two.\n\n[^2]: Three.\n"
    paragraphs, footnotes, problems = parse_body_with_footnotes(body, 5)
    assert problems == []
    assert [(p.id, p.text) for p in paragraphs] == [("a", "Text.[^n]"), ("note-1", "Why.[^2]")]
    assert [(f.label, f.text, f.line) for f in footnotes] == [
        ("n", "One two.", 11),
        ("2", "Three.", 14),
    ]


def _problems(root: Path) -> list[str]:
    return [str(p) for p in check(root) if p.path == FILE]


def test_a_mark_without_its_footnote_and_a_footnote_defined_twice_are_errors(
    example_copy: Path,
) -> None:
    path = example_copy / FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Convention,[^1]", "Convention,[^2]"), encoding="utf-8")
    assert _problems(example_copy) == [
        f"{FILE}:10: footnote [^2] has no text: add a line '[^2]: …' after the paragraphs"
    ]
    path.write_text(text + "\n[^1]: Again.\n", encoding="utf-8")
    assert _problems(example_copy) == [
        f"{FILE}:18: footnote [^1] is defined twice (first at line 16)"
    ]


def test_the_site_numbers_the_footnote_and_prints_it_at_the_foot(
    example_pages: SiteFiles,
) -> None:
    page = example_pages.files[f"main/docs/{urls.guideline(GUIDELINE)}"].decode("utf-8")
    mark = f"[^{GUIDELINE}-1]"
    assert f"the Convention,{mark} States" in page
    assert f"\n{mark}: United Nations, *Treaty Series*, vol. 2349, No. 42146.\n" in page
    html = markdown.markdown(
        page, extensions=["footnotes", "md_in_html", "attr_list", "admonition", "def_list"]
    )
    assert (
        f'<sup id="fnref:{GUIDELINE}-1"><a class="footnote-ref" href="#fn:{GUIDELINE}-1">1</a>'
        in html
    )
    foot = html[html.index('<div class="footnote">') :]
    assert "United Nations, <em>Treaty Series</em>, vol. 2349, No. 42146." in foot
