"""What a delegate reads on the built example site: guidelines named by number, title and version,
never by the ids the files use; merged guidelines redlined against what they were formed from."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from redraft.kb.model import KnowledgeBase

from .conftest import REPO

HIDDEN = frozenset({"script", "style", "code", "pre"})
"""Elements whose text is not reading matter (``code``/``pre`` only occur on editors' pages)."""


class _VisibleText(HTMLParser):
    """The text of a page as a reader sees it: no attribute, script or code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def editors_pages(site: Path) -> set[Path]:
    """The hand-written pages from ``docs/``: editors' documentation, which names ids on
    purpose."""
    return {site / page.stem / "index.html" for page in (REPO / "docs").glob("*.md")}


def test_no_public_page_shows_a_guideline_id(example_site: Path, example_kb: KnowledgeBase) -> None:
    # Ids of one word ("transparency") cannot be told apart from the word itself; the hyphenated
    # ones ("interlocutory-sale") are what leaked before, and they are every other id.
    ids = sorted({g.id for v in example_kb.versions for g in v.guidelines if "-" in g.id})
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    site = example_site / "site"
    skipped = editors_pages(site)
    pages = [p for p in sorted(site.rglob("*.html")) if p not in skipped]
    assert len(pages) > 200  # every tree, every family
    leaks = {}
    for page in pages:
        found = sorted(set(pattern.findall(visible_text(page.read_text(encoding="utf-8")))))
        if found:
            leaks[str(page.relative_to(site))] = found
    assert leaks == {}


def test_the_merged_guidelines_history_marks_only_the_edited_words(example_site: Path) -> None:
    """Guideline 8 of CRP.14 was formed from former 7 and 8: its history shows Austria's
    "rapidly lose value" → "lose value quickly" as a change of one word, and as wholly new only
    the paragraph that is new."""
    page = example_site / "site/guidelines/sale-before-confiscation/index.html"
    html = page.read_text(encoding="utf-8")
    start = html.index('id="history_2018-3_2018-crp14"')
    end = html.index('id="history_2018-crp14_', start)
    inline_view = html[start:end].split('class="redraft-inline"', 1)[1].split("</div>", 1)[0]
    marked = re.findall(r'<(ins|del) class="redraft-(?:ins|del)"[^>]*>(.*?)</\1>', inline_view)
    assert ("del", "rapidly") in marked
    assert ("ins", " quickly") in marked
    assert "lose value" in re.sub(r"<(ins|del)\b.*?</\1>", "", inline_view)
    assert inline_view.count("redraft-para redraft-inserted") == 1  # the new (c) alone
