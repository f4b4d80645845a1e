"""What a delegate reads on the built example site: guidelines named by number, title and version,
never by the ids the files use; merged guidelines redlined against what they were formed from."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from redraft.kb.model import KnowledgeBase
from redraft.site import urls
from redraft.site.generate import SiteFiles
from redraft.site.labels import Labels

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
    source = page.read_text(encoding="utf-8")
    start = source.index('id="history_2018-3_2018-crp14"')
    end = source.index('id="history_2018-crp14_', start)
    inline_view = source[start:end].split('class="redraft-inline"', 1)[1].split("</div>", 1)[0]
    marked = re.findall(r'<(ins|del) class="redraft-(?:ins|del)"[^>]*>(.*?)</\1>', inline_view)
    assert ("del", "rapidly") in marked
    assert ("ins", " quickly") in marked
    assert "lose value" in re.sub(r"<(ins|del)\b.*?</\1>", "", inline_view)
    assert inline_view.count("redraft-para redraft-inserted") == 1  # the new (c) alone


# -- generation: the header, the chooser, both directions, search weights ---------------------


def markdown(site: SiteFiles, path: str, tree: str = "main") -> str:
    return site.files[f"{tree}/docs/{path}"].decode("utf-8")


def tree_versions(site: SiteFiles, kb: KnowledgeBase) -> dict[str, list[str]]:
    """Tree folder → the ids of the versions it has a page for."""
    found: dict[str, list[str]] = {}
    for tree in site.trees:
        folder = site.folders[tree.language]
        found[folder] = [
            v.id for v in kb.versions if f"{folder}/docs/{urls.version(v.id)}" in site.files
        ]
    return found


def test_every_version_and_guideline_page_opens_with_the_header(
    example_pages: SiteFiles, example_kb: KnowledgeBase
) -> None:
    latest_released = [v for v in example_kb.versions if not v.is_draft][-1]
    checked = 0
    for tree in example_pages.trees:
        folder = example_pages.folders[tree.language]
        labels = Labels(tree.language)
        for version in example_kb.versions:
            paths = [urls.version(version.id)]
            paths += [urls.version_guideline(version.id, g.id) for g in version.guidelines]
            for path in paths:
                key = f"{folder}/docs/{path}"
                if key not in example_pages.files:
                    continue
                text = example_pages.files[key].decode("utf-8")
                header = text.split('<div class="redraft-identity"', 1)[1].split("</div>", 1)[0]
                assert labels["this_version"] in header, key
                assert labels["latest_released"] in header, key
                assert latest_released.symbol and latest_released.symbol in header, key
                index = example_kb.versions.index(version)
                previous = example_kb.versions[index - 1] if index else None
                if previous is not None and previous.id != latest_released.id:
                    assert labels["previous_version"] in header, key
                    assert (previous.symbol or labels["working_draft"]) in header, key
                checked += 1
    assert checked > 100


def test_the_living_page_has_the_header_of_its_current_text(example_pages: SiteFiles) -> None:
    text = markdown(example_pages, urls.guideline("sale-before-confiscation"))
    header = text.split('<div class="redraft-identity"', 1)[1].split("</div>", 1)[0]
    assert "**Working draft**" in header  # this version: the draft, not a link
    assert "(../../versions/2019-3/sale-before-confiscation/index.md)" in header


def test_the_chooser_reaches_a_comparison_for_every_ordered_pair(
    example_pages: SiteFiles, example_kb: KnowledgeBase
) -> None:
    """Any two versions of a tree, in either direction, have a comparison page, and the chooser
    on a version page offers exactly the tree's versions."""
    for folder, ids in tree_versions(example_pages, example_kb).items():
        for first in ids:
            for second in ids:
                if first != second:
                    assert f"{folder}/docs/{urls.compare(first, second)}" in example_pages.files
        if len(ids) < 2:
            continue
        page = example_pages.files[f"{folder}/docs/{urls.version(ids[0])}"].decode("utf-8")
        chooser = page.split('<form class="redraft-chooser"', 1)[1].split("</form>", 1)[0]
        for name in ("from", "to"):
            select = chooser.split(f'name="{name}">', 1)[1].split("</select>", 1)[0]
            assert re.findall(r'value="([^"]+)"', select) == list(reversed(ids))
        assert 'data-compare="../../compare/"' in chooser


def test_a_comparison_read_back_in_time_says_so_and_swaps_the_marks(
    example_pages: SiteFiles,
) -> None:
    forward = markdown(example_pages, urls.compare("2018-3", "2018-crp14"))
    backward = markdown(example_pages, urls.compare("2018-crp14", "2018-3"))
    note = Labels("en")["compare_backwards"]
    assert note not in forward
    assert note in backward
    assert '<del class="redraft-del">rapidly</del>' in forward
    assert '<ins class="redraft-ins">rapidly</ins>' in backward


def test_a_paginated_comparison_has_the_whole_of_it_on_one_page(
    example_pages: SiteFiles, example_kb: KnowledgeBase
) -> None:
    from redraft.site import pagination

    wholes = [p for p in example_pages.files if p.endswith("/all/index.md")]
    assert wholes
    for key in wholes:
        tree, _, path = key.partition("/docs/")
        _, first, second, _, _ = path.split("/")
        whole = markdown(example_pages, path, tree)
        assert len(whole.encode("utf-8")) <= pagination.WHOLE_PAGE_BUDGET
        pages = [whole]
        number = 1
        while f"{tree}/docs/{pagination.page_path(first, second, number)}" in example_pages.files:
            page = markdown(example_pages, pagination.page_path(first, second, number), tree)
            assert "all/index.md" in page  # the pager leads to the whole comparison
            pages.append(page)
            number += 1
        assert number > 2  # only a comparison split over pages has a one-page view
        anchors = set(re.findall(r"^### .*\{ #([a-z0-9-]+) \}$", "\n".join(pages[1:]), re.M))
        assert anchors and anchors <= set(re.findall(r"^### .*\{ #([a-z0-9-]+) \}$", whole, re.M))


def test_search_weighs_current_text_first_and_marks_what_is_gone(
    example_pages: SiteFiles, example_kb: KnowledgeBase
) -> None:
    from redraft.site.page import BOOST_LIVING, BOOST_SUPERSEDED, BOOST_WHOLE_VERSION

    current = markdown(example_pages, urls.guideline("sale-before-confiscation"))
    assert f"boost: {BOOST_LIVING}" in current
    merged = markdown(example_pages, urls.guideline("sale-with-consent"))
    assert merged.split("\n")[1] == (
        'title: "(superseded in CAC/COSP/IRG/2018/CRP.14) 8. Sale of other assets with the '
        'consent of the owner"'
    )
    assert f"boost: {BOOST_SUPERSEDED}" in merged
    deleted = markdown(example_pages, urls.guideline("interim-use"))
    assert deleted.split("\n")[1].startswith('title: "(deleted in CAC/COSP/WG.2/2019/3) ')
    for version in example_kb.versions:
        whole = markdown(example_pages, urls.version(version.id))
        assert f"boost: {BOOST_WHOLE_VERSION}" in whole
        if version.symbol:
            assert f"tags: {json.dumps([version.symbol])}" in whole
        headings = re.findall(r"^### .*$", whole, re.M)
        assert headings and all("data-search-exclude }" in h for h in headings)
    assert BOOST_SUPERSEDED < BOOST_WHOLE_VERSION < BOOST_LIVING


@pytest.mark.parametrize(
    ("symbol", "part"),
    [("CAC/COSP/IRG/2018/CRP.14", "CRP.14"), ("CAC/COSP/WG.2/2019/3", "2019")],
)
def test_the_search_separator_indexes_a_symbol_by_its_parts(symbol: str, part: str) -> None:
    from redraft.site.config import SEARCH_SEPARATOR

    assert part in re.split(SEARCH_SEPARATOR, symbol)


def test_with_git_the_draft_is_dated_and_the_home_page_names_guidelines(
    example_kb: KnowledgeBase,
) -> None:
    """Provenance dates the working draft in every header ("as at" its last commit), and the
    home page's changes since the release name guidelines by number and title, not by id."""
    import datetime as dt

    from redraft.release.provenance import Change, ChangesSinceRelease, DraftChange
    from redraft.site.config import default_base
    from redraft.site.context import Provenance
    from redraft.site.generate import generate_site

    draft = example_kb.draft
    assert draft is not None
    guideline = draft.guidelines[0]
    when = dt.datetime(2019, 4, 2, 10, 0, tzinfo=dt.UTC)
    change = Change("a" * 40, when, "A. Editor", "Reword (a)", (guideline.source.path,))
    since = ChangesSinceRelease(
        "2019-3", "b" * 40, "tag release/2019-3", (DraftChange(change, None, (guideline.id,)),)
    )
    site = generate_site(
        example_kb,
        base_config=default_base(),
        handwritten={},
        site_dir=lambda folder: "site",
        provenance=Provenance(last_changed={guideline.id: change}, since_release=since),
    )
    older = markdown(site, urls.version("2019-3"))
    assert "Working draft\n:   [Current text](../draft/index.md), as at 2 April 2019" in older
    assert "**Working draft**, as at 2 April 2019" in markdown(site, urls.version(draft.id))
    home = markdown(site, urls.HOME)
    changes = home.split("{ #since_release }", 1)[1].split("\n## ", 1)[0]
    assert f"[{guideline.id}]" not in changes
    assert f"{guideline.number}. {guideline.title}" in html.unescape(changes)
    assert "a" * 12 not in changes  # no commit hash unless commit messages are published


def test_no_whole_comparison_is_dropped_by_the_estimate_that_skips_measuring_it(
    example_kb: KnowledgeBase,
) -> None:
    """A comparison's one-page view is only made and measured when its guidelines' parts, as
    the numbered pages hold them, fit the budget (compare.compare_pages): that is sound only if
    each part is at least as long on the whole page, which is measured here for every
    comparison of more than one page, in every tree."""
    from redraft.site import compare, pagination
    from redraft.site.context import Context, Facts, Provenance
    from redraft.site.generate import language_trees

    visible = example_kb.without_restricted()
    trees = language_trees(visible)
    facts = Facts(visible, Provenance(off="not asked for"))
    measured = 0
    for tree in trees:
        ctx = Context(visible, tree, trees, Labels(tree.language), facts, False)
        for first, second in compare.pairs(ctx):
            for older, newer in ((first, second), (second, first)):
                diff = compare.diff_for(ctx, older, newer)
                shown = pagination.shown(diff)
                count = pagination.page_count(diff)
                if count < 2:
                    continue
                addressed = compare._addressed_between(ctx, *compare._in_time(older, newer, diff))
                on_pages: list[int] = []
                for number in range(1, count + 1):
                    start = (number - 1) * pagination.PAGE_SIZE
                    chunk = shown[start : start + pagination.PAGE_SIZE]
                    compare._compare_page(
                        ctx, older, newer, diff, chunk, addressed, number, count, False, on_pages
                    )
                on_whole: list[int] = []
                compare._compare_page(
                    ctx, older, newer, diff, shown, addressed, 0, count, False, on_whole
                )
                assert len(on_pages) == len(on_whole)
                assert all(a <= b for a, b in zip(on_pages, on_whole, strict=True))
                measured += 1
    assert measured >= 4
