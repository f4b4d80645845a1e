"""Issue 17, items 5 to 8, in a real browser: the switcher explains where it cannot keep the
reader on the same page; the comments' filters live in the URL; the comments table and the
charts fit the screen at 1366 and 390 px; keyboard focus is seen; the comments and statistics
pages of the language trees pass axe-core.

Expectations are read from the model, not typed in."""

from __future__ import annotations

import re
from typing import Any

import pytest

from redraft.kb.model import KnowledgeBase
from redraft.site import urls
from redraft.site.labels import Labels

from .conftest import axe_violations
from .test_site_browser import goto

pytestmark = pytest.mark.browser


def page_without_counterpart(kb: KnowledgeBase, language: str) -> str:
    """A page of the main tree that the tree of ``language`` has no counterpart of: a guideline
    of the latest released version with no text in that language (a language tree has only
    the versions translated into its language)."""
    version = next(v for v in reversed(kb.released) if language not in v.languages)
    return urls.version_guideline(version.id, version.guidelines[0].id)


def test_the_switcher_says_why_it_lands_on_the_other_home(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    goto(page, site_url, page_without_counterpart(example_kb, "ar"))
    left = page.url
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(re.compile(r"/ar/\?missing="))
    note = page.locator(".redraft-missing")
    note.wait_for(state="visible")
    assert Labels("ar")["page_missing_title"] in note.inner_text()
    back = note.get_by_role("link", name=Labels("ar")["page_missing_back"])
    assert back.get_attribute("href") == left
    back.click()
    page.wait_for_url(left)


def test_the_switcher_keeps_the_reader_on_a_page_every_tree_has(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    """Party pages are in every language tree: the switcher lands on the same party, with no
    note."""
    party = example_kb.party("CHN")
    assert party is not None
    goto(page, site_url, urls.party(party.code))
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(re.compile("/ar/" + re.escape(urls.page_url(urls.party(party.code))) + "$"))
    assert page.locator("html").get_attribute("lang") == "ar"
    assert party.name in page.locator("article").inner_text()
    assert not page.locator(".redraft-missing").is_visible()


def test_the_note_stays_hidden_and_inert_without_a_reason(page: Any, site_url: str) -> None:
    page.goto(site_url + "zh/")
    assert not page.locator(".redraft-missing").is_visible()
    # a link to another site is never made from the query string
    page.goto(site_url + "zh/?missing=https://example.org/x")
    assert page.locator(".redraft-missing").is_visible()
    assert page.locator(".redraft-missing-back").count() == 0


def test_the_comment_filters_are_in_the_url_and_restored_on_load(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    comments = list(example_kb.without_restricted().comments())
    party = example_kb.party(comments[0].party)
    assert party is not None
    theirs = [c for c in comments if c.party == party.code]
    page.goto(site_url + urls.page_url(urls.COMMENTS) + f"?party={party.name}")
    selects = page.locator(".redraft-filters select")
    assert selects.nth(0).input_value() == party.name
    assert page.locator(".redraft-filter-count").inner_text() == (
        f"{len(theirs)} of {len(comments)} comments"
    )
    visible = page.locator(".redraft-filterable tbody tr:not([hidden])")
    assert visible.count() == len(theirs)
    # choosing a disposition adds it to the address, which survives a reload
    accepted = [c for c in theirs if c.disposition == "accepted"]
    selects.nth(3).select_option("Accepted")
    assert re.search(r"[?&]disposition=Accepted\b", page.url)
    assert f"party={party.name}" in page.url
    page.reload()
    assert page.locator(".redraft-filters select").nth(3).input_value() == "Accepted"
    assert page.locator(".redraft-filterable tbody tr:not([hidden])").count() == len(accepted)
    # an unknown value is ignored, not an empty list
    page.goto(site_url + urls.page_url(urls.COMMENTS) + "?party=Atlantis")
    assert page.locator(".redraft-filterable tbody tr:not([hidden])").count() == len(comments)


def test_the_arabic_comments_table_has_its_own_words_and_url_names(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    labels = Labels("ar")
    party = example_kb.party(next(example_kb.without_restricted().comments()).party)
    assert party is not None
    page.goto(site_url + "ar/" + urls.page_url(urls.COMMENTS) + f"?party={party.name}")
    form = page.locator(".redraft-filters")
    assert form.get_attribute("aria-label") == labels["filter_label"]
    assert labels["party"] in form.inner_text()
    assert page.locator(".redraft-filters select").nth(0).input_value() == party.name
    assert (
        page.locator(".redraft-filters select").nth(1).locator("option").first.inner_text()
        == (labels["filter_all"])
    )


WIDE_PAGES = (
    urls.COMMENTS,
    "ar/" + urls.COMMENTS,
    "zh/" + urls.COMMENTS,
    urls.STATS,
    "ar/" + urls.STATS,
)


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("path", WIDE_PAGES)
def test_no_horizontal_overflow(page: Any, site_url: str, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    goto(page, site_url, path)
    widths = page.evaluate(
        """() => {
          const content = document.querySelector('.md-content');
          const tables = Array.from(content.querySelectorAll('table, svg.redraft-chart'));
          return {
            page: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
            column: content.getBoundingClientRect().width,
            widest: Math.max(0, ...tables.map(t => t.getBoundingClientRect().width)),
          };
        }"""
    )
    assert widths["page"] <= widths["viewport"], widths
    assert widths["widest"] <= widths["column"] + 1, widths


def test_narrow_screens_stack_each_comment_with_its_column_names(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(site_url + urls.page_url(urls.COMMENTS) + "?party=Austria")
    first = page.locator(".redraft-filterable tbody tr:not([hidden])").first
    cells = first.evaluate(
        """row => Array.from(row.cells).map(cell => [
             getComputedStyle(cell).display,
             getComputedStyle(cell, '::before').content,
           ])"""
    )
    assert cells[1] == ["block", '"Party: "']
    assert all(display in ("block", "none") for display, _ in cells)
    assert not page.locator(".redraft-filterable tbody tr[hidden]").first.is_visible()


def test_keyboard_focus_is_at_least_two_pixels(page: Any, site_url: str) -> None:
    goto(page, site_url, urls.COMMENTS)
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                """() => {
                  const e = document.activeElement; const s = getComputedStyle(e);
                  return [e.tagName, s.outlineStyle, parseFloat(s.outlineWidth)];
                }"""
            )
        )
    assert seen
    for tag, style, width in seen:
        if tag != "BODY":
            assert style != "none" and width >= 2, seen


AXE_PAGES = (
    "ru/" + urls.version("draft"),
    "es/" + urls.guideline("sale-before-confiscation"),
)

AXE_PAGES_OF_THE_FAMILIES_TEST = (
    urls.COMMENTS,
    urls.STATS,
    "zh/" + urls.COMMENTS,
    "zh/" + urls.STATS,
    "ar/" + urls.COMMENTS,
    "ar/" + urls.STATS,
    "ar/" + urls.HOME,
    "zh/" + urls.VERSIONS,
)
"""New pages that test_axe_families_browser.py checks with the same axe run (every impact), in
the same trees: each is a family of its own, so it is the page checked for its family there
(test_the_pages_left_to_this_file_are_checked_here pins it), and not opened again here."""


@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_accessibility_violation_on_the_new_pages(page: Any, site_url: str, path: str) -> None:
    goto(page, site_url, path)
    found = axe_violations(page)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("width", [1366, 390])
def test_the_closed_search_takes_no_tab_stop(page: Any, site_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    goto(page, site_url, urls.STATS)
    stops = []
    for _ in range(16):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                """() => { const e = document.activeElement;
                   return [e.className.toString(), e.checkVisibility({opacityProperty: true,
                           visibilityProperty: true}) && e.getBoundingClientRect().height > 0]; }"""
            )
        )
    # the search box is a stop only where it is seen (the header at 1366 px); the closed
    # results never are
    search = [(name, visible) for name, visible in stops if "md-search" in name]
    assert all(visible for _, visible in search), stops
    assert not any("md-search__scrollwrap" in name for name, _ in stops)
    assert len(search) == (1 if width == 1366 else 0), stops
    # the search still opens from the keyboard, and its results can be reached
    page.keyboard.press("Escape")
    page.keyboard.press("/")
    page.keyboard.type("virtual", delay=30)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    results = page.locator(".md-search__scrollwrap")
    assert results.get_attribute("tabindex") == "0" and results.is_visible()
