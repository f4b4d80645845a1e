"""axe-core on every page family of every language tree: no violation of any impact.

The families are discovered from the built site, not listed here: a page's family is its URL
with each identifier (a version, a guideline, a party, a meeting, a call, a page number)
replaced by its kind, so ``zh/versions/draft/office-powers/`` and ``zh/versions/2019-3/
record-keeping/`` are one family, ``compare/2018-3/draft/all/`` another.  A family added to
any tree is covered without touching this file.  Of each family the largest page is checked,
the one with the most of what the family can show.  Each tree's 404 page and its search
results (the overlay, opened on a word every tree's text has) are checked as well.

Which trees get which families: every family is checked in the main tree (en), the Chinese tree
(CJK: its own fonts and segmented search) and the Arabic tree (right to left: mirrored layout,
``dir`` on every text).  The French, Russian and Spanish trees are written by the same code as
those, in other words, so they share the families between them, each family in one of the three
in turn (the :func:`families_to_check` rule): every family is still seen once in a left-to-right
translated tree, and each of the three trees keeps its home page, 404 page and search results,
where a missing word of its interface would show.  An axe run on a large page costs seconds; the
three trees that repeat the others' markup were half of this file's time.

axe-core comes with the axe-playwright-python package (nothing is fetched at test time).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from redraft.kb.model import KnowledgeBase
from redraft.site import urls

from .conftest import axe_violations
from .test_delegate_browser import HEADER_AND_CHOOSER_PAGES_OF_THE_FAMILIES_TEST, results
from .test_delegate_languages_browser import AXE_PAGES_OF_THE_FAMILIES_TEST
from .test_site_browser import SINGLE_PAGES

pytestmark = pytest.mark.browser

TREES = ("en", "zh", "ar", "fr", "ru", "es")
"""Every language the example has a tree in (the test below checks the built site agrees)."""

NOT_PAGES = frozenset({"assets", "search"})


def identifier_kinds(kb: KnowledgeBase) -> dict[str, str]:
    """Every identifier that can stand in a URL segment → the kind of thing it names."""
    kinds: dict[str, str] = {}
    for version in kb.versions:
        kinds[version.id] = "{version}"
        for guideline in version.guidelines:
            kinds[guideline.id] = "{guideline}"
    for submission in kb.submissions:
        kinds[submission.party.lower()] = "{party}"
        kinds[submission.call] = "{call}"
    for meeting in kb.meetings:
        kinds[meeting.id] = "{meeting}"
    return kinds


def family(parts: Iterable[str], kinds: dict[str, str]) -> str:
    return "/".join("{n}" if part.isdigit() else kinds.get(part, part) for part in parts)


def page_families(site: Path, kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """Tree → family → the URL (relative to the site's root) of its largest page."""
    kinds = identifier_kinds(kb)
    trees = {p.name for p in site.iterdir() if (p / "index.html").is_file()} & set(TREES)
    largest: dict[str, dict[str, tuple[int, str]]] = {}
    for page in site.rglob("index.html"):
        parts = list(page.relative_to(site).parent.parts)
        tree = parts.pop(0) if parts and parts[0] in trees else "en"
        if parts and parts[0] in NOT_PAGES:
            continue
        key = family(parts, kinds) or "(home)"
        url = page.relative_to(site).parent.as_posix() + "/"
        size = page.stat().st_size
        best = largest.setdefault(tree, {}).get(key)
        if best is None or size > best[0]:
            largest[tree][key] = (size, "" if url == "./" else url)
    return {
        tree: {key: url for key, (_, url) in sorted(found.items())}
        for tree, found in largest.items()
    }


def test_the_families_are_found_in_every_tree(
    browser_site: Path, example_kb: KnowledgeBase
) -> None:
    families = page_families(browser_site, example_kb)
    assert set(families) == set(TREES)
    main = families["en"]
    for expected in (
        "(home)",
        "versions",
        "versions/{version}",
        "versions/{version}/{guideline}",
        "guidelines/{guideline}",
        "compare",
        "compare/{version}/{version}",
        "compare/{version}/{version}/all",
        "compare/{version}/{version}/{n}",
        "comments",
        "parties/{party}",
        "meetings/{meeting}",
        "stats",
    ):
        assert expected in main, sorted(main)
    for tree in TREES:
        assert {"(home)", "versions", "guidelines/{guideline}", "comments", "stats"} <= set(
            families[tree]
        ), (tree, sorted(families[tree]))


EVERY_FAMILY = ("en", "zh", "ar")
"""The trees whose markup differs (main, CJK, right to left): every family is checked in each."""
SHARING = ("fr", "ru", "es")
"""Trees that share the families, each family checked in one of them in turn."""


def families_to_check(tree: str, families: dict[str, str]) -> dict[str, str]:
    """The families of ``tree`` its test checks: all of them in :data:`EVERY_FAMILY`, in a tree
    of :data:`SHARING` every third (by name), its home page always."""
    if tree in EVERY_FAMILY:
        return families
    turn = SHARING.index(tree)
    return {
        key: url
        for number, (key, url) in enumerate(sorted(families.items()))
        if number % len(SHARING) == turn or key == "(home)"
    }


def test_the_sharing_trees_check_every_family_between_them(
    browser_site: Path, example_kb: KnowledgeBase
) -> None:
    families = page_families(browser_site, example_kb)
    assert set(EVERY_FAMILY) | set(SHARING) == set(TREES)
    shared = [set(families_to_check(tree, families[tree])) for tree in SHARING]
    assert set().union(*shared) == set(families["fr"]) == set(families["ru"])
    assert set(families["ru"]) == set(families["es"])
    for checked in shared:
        assert "(home)" in checked and len(checked) < len(families["fr"])


LEFT_TO_THIS_FILE = (
    *SINGLE_PAGES,
    *AXE_PAGES_OF_THE_FAMILIES_TEST,
    *HEADER_AND_CHOOSER_PAGES_OF_THE_FAMILIES_TEST,
)
"""Pages the other browser tests would check with axe, left to the test below, which opens each
with the same ``page`` fixture and asks for every impact: one axe run a page, not two."""


def test_the_pages_left_to_this_file_are_checked_here(
    browser_site: Path, example_kb: KnowledgeBase
) -> None:
    families = page_families(browser_site, example_kb)
    checked = {url for tree in TREES for url in families_to_check(tree, families[tree]).values()}
    left = {urls.page_url(path) for path in LEFT_TO_THIS_FILE}
    assert len(left) > 10
    assert left <= checked, sorted(left - checked)


@pytest.mark.parametrize("tree", TREES)
def test_no_accessibility_violation_on_any_page_family(
    page: Any, site_url: str, browser_site: Path, example_kb: KnowledgeBase, tree: str
) -> None:
    prefix = "" if tree == "en" else f"{tree}/"
    pages = list(families_to_check(tree, page_families(browser_site, example_kb)[tree]).items())
    pages.append(("404", prefix + "404.html"))
    found: dict[str, list[str]] = {}
    for name, url in pages:
        response = page.goto(site_url + url)
        assert response is not None
        assert response.ok or name == "404", url
        if name == "404":
            # the server answers 404 for the missing page; this is the page it would show
            assert re.search(r"404", page.title() + page.locator("h1").first.inner_text())
        broken = axe_violations(page)
        if broken:
            found[f"{name} ({url})"] = broken
    # the search results, opened over the home page on the working draft's own title word
    page.goto(site_url + prefix)
    word = page.locator("h1").first.inner_text().split()[0].strip("¶")
    results(page, word[:4] if tree in ("zh",) else word)
    broken = axe_violations(page)
    if broken:
        found[f"search results for {word!r}"] = broken
    assert found == {}, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in found.items())


SIDEBAR = ".md-sidebar--primary > .md-sidebar__scrollwrap"


def test_an_empty_sidebar_is_no_scrollable_region_before_materials_script_runs(
    page: Any, site_url: str, browser_site: Path, example_kb: KnowledgeBase
) -> None:
    """CI once failed the test above on two pages (a hand-written page, a party's page in
    Chinese): axe ran before Material's script had sized the left sidebar, which is empty on a
    page outside every section of the tabs, and its padding overflowed a box of no height.  With
    the script held back that moment lasts.  On every page of the main tree (and the Chinese
    party page) an empty left sidebar must not scroll; axe, run whole on the two pages CI named,
    must find no scrollable region out of a keyboard's reach (the hand-written page's code
    blocks included, which Material makes reachable only once its script has measured them);
    where the sidebar does list pages, it still scrolls once the script runs."""
    page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    families = page_families(browser_site, example_kb)
    checked = [*families["en"].values(), families["zh"]["parties/{party}"]]
    scrolling: list[str] = []
    empty = 0
    for url in checked:
        page.goto(site_url + url)
        assert not page.evaluate("() => 'component$' in window"), "Material's script ran"
        if page.locator(".md-sidebar--primary a:visible").count():
            continue
        empty += 1
        overflow, height, inside = page.locator(SIDEBAR).evaluate(
            "e => [getComputedStyle(e).overflowY, e.clientHeight, e.scrollHeight]"
        )
        if overflow != "hidden" and inside > height:
            scrolling.append(f"{url}: {overflow}, {inside} px in {height} px")
    assert scrolling == []
    assert empty >= 5, "the example should have pages whose left sidebar is empty"
    for url in ("format/", families["zh"]["parties/{party}"]):
        page.goto(site_url + url)
        assert not [v for v in axe_violations(page) if "scrollable-region" in v], url
    page.unroute("**/assets/javascripts/bundle.*.js")
    page.goto(site_url + urls.page_url("guidelines/index.md"))
    assert page.evaluate("() => 'component$' in window")
    assert page.locator(".md-sidebar--primary a:visible").count() >= 1
    assert page.locator(SIDEBAR).evaluate("e => getComputedStyle(e).overflowY") == "auto"
