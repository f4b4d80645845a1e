"""Issue 18: no generated page above 150 KB.  A version too long for one page is shown in pages
of guidelines behind its contents; a guideline with too many comments gets pages of comments.

The example is far below the bounds (its pages stay as they were: test_site_golden.py), so the
tests lower them (``PAGE_BUDGET``, ``COMMENTS_BUDGET``) until every version and the guidelines
with the most comments split, and check that nothing is lost, nothing is shown twice, and every
link still lands on its anchor.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from redraft.kb.model import KnowledgeBase
from redraft.site import living_comments, stats, urls, version_pages
from redraft.site.config import default_base
from redraft.site.generate import SiteFiles, generate_site
from redraft.site.labels import Labels

from .site_support import check_links, example_site_root

LOW_VERSION_BUDGET = 6_000
"""Below every version of the example: each is split, most into several pages."""

LOW_COMMENTS_BUDGET = 6_000
"""Below the comments of the example's most commented guidelines."""

LOW_STATS_BUDGET = 10_000
"""Below the example's /stats/ (about 34 KB of Markdown): it gives the comments per guideline
and per party a page each."""

TREES = ("main", "ar", "es", "fr", "ru", "zh")


@pytest.fixture(scope="module")
def low_bounds() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(version_pages, "PAGE_BUDGET", LOW_VERSION_BUDGET)
        patch.setattr(living_comments, "COMMENTS_BUDGET", LOW_COMMENTS_BUDGET)
        patch.setattr(living_comments, "PAGE_BUDGET", LOW_COMMENTS_BUDGET)
        patch.setattr(stats, "STATS_BUDGET", LOW_STATS_BUDGET)
        yield


@pytest.fixture(scope="module")
def split_site(low_bounds: None, example_kb: KnowledgeBase) -> SiteFiles:
    return generate_site(
        example_kb,
        base_config=default_base(),
        handwritten={"about.md": b"# About\n"},
        site_dir=lambda folder: "../site" if folder == "main" else f"../site/{folder}",
        internal=False,
    )


def _page(site: SiteFiles, tree: str, path: str) -> str:
    return site.files[f"{tree}/docs/{path}"].decode("utf-8")


def _numbered(site: SiteFiles, tree: str, path_of: object) -> list[tuple[str, str]]:
    """Pages 1, 2, … of a split family, as (path, Markdown), until one is missing."""
    assert callable(path_of)
    out = []
    number = 1
    while f"{tree}/docs/{path_of(number)}" in site.files:
        out.append((path_of(number), _page(site, tree, path_of(number))))
        number += 1
    return out


_GUIDELINE_HEADING = re.compile(r"^### .* \{ #([a-z0-9-]+) data-search-exclude \}$", re.M)
_COMMENT_CARD = re.compile(r'<div class="redraft-comment" id="comment_([a-z0-9-]+)"')


def test_the_example_fits_its_pages_at_the_default_bounds(example_pages: SiteFiles) -> None:
    """Nothing of the example is split: its pages are those of before (the golden files)."""
    split = [p for p in example_pages.files if "/pages/" in p or re.search(r"/comments/\d+/", p)]
    assert split == []
    assert [p for p in example_pages.files if p.endswith("/stats/index.md")]
    assert [p for p in example_pages.files if "/stats/" in p and "/stats/index.md" not in p] == []


@pytest.mark.parametrize("tree", TREES)
def test_every_guideline_of_a_split_version_is_on_exactly_one_of_its_pages(
    split_site: SiteFiles, example_kb: KnowledgeBase, tree: str
) -> None:
    for version in example_kb.versions:
        if f"{tree}/docs/{urls.version(version.id)}" not in split_site.files:
            continue  # a language tree without this version
        contents = _page(split_site, tree, urls.version(version.id))
        pages = _numbered(split_site, tree, lambda n, v=version.id: version_pages.page_path(v, n))
        assert len(pages) > 1, version.id
        # the contents page shows no guideline's text, only the way to it
        assert _GUIDELINE_HEADING.findall(contents) == []
        shown = Counter(g for _, markdown in pages for g in _GUIDELINE_HEADING.findall(markdown))
        assert shown == Counter(g.id for g in version.guidelines)
        for number, (_, markdown) in enumerate(pages, start=1):
            for guideline_id in _GUIDELINE_HEADING.findall(markdown):
                # the contents links each guideline to the page that holds it
                assert f"](pages/{number}/index.md#{guideline_id})" in contents
            # every part with a guideline here is headed here, with its anchor
            for part in version.parts:
                if any(g in _GUIDELINE_HEADING.findall(markdown) for g in part.guideline_ids):
                    assert f"{{ #{urls.part_anchor(part.id)} }}" in markdown


@pytest.mark.parametrize("tree", TREES)
def test_every_comment_of_a_split_guideline_is_on_exactly_one_of_its_pages(
    split_site: SiteFiles, example_pages: SiteFiles, tree: str
) -> None:
    """The comment pages together show exactly the cards the living page shows at the default
    bound: its own comments and those inherited, each once."""
    split = 0
    for path in sorted(split_site.files):
        found = re.fullmatch(rf"{tree}/docs/guidelines/([a-z0-9-]+)/index\.md", path)
        if found is None:
            continue
        guideline_id = found.group(1)
        pages = _numbered(
            split_site, tree, lambda n, g=guideline_id: living_comments.page_path(g, n)
        )
        if not pages:
            continue
        split += 1
        living = _page(split_site, tree, urls.guideline(guideline_id))
        assert _COMMENT_CARD.findall(living) == []
        # the living page still counts them and links to their pages
        assert "](comments/1/index.md)" in living
        shown = Counter(c for _, markdown in pages for c in _COMMENT_CARD.findall(markdown))
        whole = _page(example_pages, tree, urls.guideline(guideline_id))
        assert shown == Counter(_COMMENT_CARD.findall(whole))
        assert max(shown.values()) == 1
    assert split >= 2


def test_plan_puts_a_guideline_longer_than_the_budget_on_a_page_of_its_own(
    example_kb: KnowledgeBase,
) -> None:
    version = example_kb.versions[-1]
    weights = [version_pages.guideline_weight(g) for g in version.guidelines]
    layout = version_pages.plan(version, min(weights) - 1)
    assert len(layout.pages) == len(version.guidelines)
    assert [g for page in layout.pages for _, g in page if g] == [
        g.id for part in version.parts for g in version.guidelines if g.part == part.id
    ]
    assert not version_pages.plan(version, sum(weights) * 2).split


def test_the_split_example_builds_strictly_and_every_link_resolves(
    low_bounds: None, tmp_path: Path
) -> None:
    """A ``--strict`` MkDocs build of the example at the low bounds, then the site's own link
    check: every link to a guideline, a part or a comment finds its page and its anchor, in every
    tree."""
    from redraft.site.build import build

    root = example_site_root(tmp_path / "kb")
    result = build(root, strict=True, workers=1)
    assert result.mkdocs_warnings == ()
    site = root / "site"
    assert (site / "versions" / "draft" / "pages" / "2" / "index.html").is_file()
    assert (site / "zh" / "versions" / "draft" / "pages" / "2" / "index.html").is_file()
    assert (site / "stats" / "guidelines" / "index.html").is_file()
    assert (site / "ar" / "stats" / "parties" / "index.html").is_file()
    checked, broken = check_links(site)
    assert checked > 10_000
    assert broken == []


_TABLE_ROW = re.compile(r"^    \| (?!-)(.*) \|$", re.M)


def _rows(markdown: str) -> list[str]:
    """The rows of the figures' tables (indented under their disclosure), links made relative
    to the site's root so that rows of pages at different depths compare."""
    return [re.sub(r"\]\((?:\.\./)+", "](/", row) for row in _TABLE_ROW.findall(markdown)]


def _section(markdown: str, anchor: str) -> str:
    start = markdown.index(f"{{ #{anchor} }}")
    end = markdown.find("\n## ", start)
    return markdown[start : end if end >= 0 else len(markdown)]


@pytest.mark.parametrize("tree", TREES)
def test_a_long_stats_page_gives_each_table_a_page_and_loses_no_figure(
    split_site: SiteFiles, example_pages: SiteFiles, tree: str
) -> None:
    """Above the bound, /stats/ keeps its other sections, and in place of the comments per
    guideline and per party their heading (with its anchor), their highest figures in words and
    a link to their page, which shows the chart and every row the whole page showed."""
    labels = Labels("en" if tree == "main" else tree)
    whole = _page(example_pages, tree, urls.STATS)
    short = _page(split_site, tree, urls.STATS)
    for anchor, path, link in (
        ("per_guideline", urls.STATS_GUIDELINES, "guidelines/index.md"),
        ("per_party", urls.STATS_PARTIES, "parties/index.md"),
    ):
        own = _page(split_site, tree, path)
        pointer = _section(short, anchor)
        assert f"]({link})" in pointer
        assert labels["highest"] in pointer
        assert "<svg" not in pointer and _rows(pointer) == []
        # the page: its chart and its table, every row as the whole page had it
        assert f'id="{anchor}_chart"' in own
        assert _rows(own) == _rows(_section(whole, anchor))
        assert _rows(own)
        assert f"[{labels['stats']}](../index.md)" in own  # the way back
    # the other sections are as they were
    for anchor in ("dispositions", "types", "replies", "per_call"):
        assert _section(short, anchor) == _section(whole, anchor)
