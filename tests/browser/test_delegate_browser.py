"""A delegate's two questions in a real browser: "what changed between these two documents, this
way round?" (the compare chooser) and "where is the text I remember?" (search by symbol, by
phrase, current text before superseded text)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from redraft.kb.model import KnowledgeBase
from redraft.site import urls
from redraft.site.labels import Labels

from .conftest import axe_violations, wait_for_search_index

pytestmark = pytest.mark.browser


def goto(page: Any, site_url: str, path: str) -> None:
    response = page.goto(site_url + urls.page_url(path))
    assert response is not None and response.ok, path


def results(page: Any, query: str) -> list[tuple[str, str]]:
    """Type ``query`` into Material's search box; the results' links and texts, best first."""
    wait_for_search_index(page)
    page.locator(".md-search__input").click()
    page.keyboard.type(query, delay=30)
    page.keyboard.press("End")
    links = page.locator(".md-search-result__item > a")
    links.first.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(500)
    return [
        (links.nth(i).get_attribute("href") or "", links.nth(i).inner_text())
        for i in range(links.count())
    ]


def test_the_chooser_opens_a_comparison_back_in_time(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    older, newer = example_kb.versions[0], example_kb.versions[1]
    goto(page, site_url, urls.version(older.id))
    chooser = page.locator("form.redraft-chooser")
    expect(chooser).to_be_visible()  # the script shows it
    chooser.locator("select[name=from]").select_option(newer.id)
    chooser.locator("select[name=to]").select_option(older.id)
    chooser.get_by_role("button").click()
    page.wait_for_url(f"**/{urls.page_url(urls.compare(newer.id, older.id))}")
    expect(page.locator("article")).to_contain_text(Labels("en")["compare_backwards"])


def test_the_chooser_refuses_one_version_compared_with_itself(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    version = example_kb.versions[0]
    goto(page, site_url, urls.COMPARE)
    chooser = page.locator("form.redraft-chooser")
    chooser.locator("select[name=from]").select_option(version.id)
    chooser.locator("select[name=to]").select_option(version.id)
    chooser.get_by_role("button").click()
    expect(chooser.locator("output")).to_have_text(Labels("en")["compare_same"])
    assert page.url.endswith("/compare/")


@pytest.mark.parametrize(("query", "version_id"), [("CRP.14", "2018-crp14"), ("2019/3", "2019-3")])
def test_search_finds_a_document_by_part_of_its_symbol(
    page: Any, site_url: str, query: str, version_id: str
) -> None:
    goto(page, site_url, urls.HOME)
    first, _ = results(page, query)[0]
    assert f"/{urls.page_url(urls.version(version_id))}" in first


def test_search_puts_current_text_before_superseded_text(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    """ "Free and informed consent" is in the current guideline 8 and in former guideline 8,
    which CRP.14 merged into it: the current one comes first, the former one says what became of
    it."""
    goto(page, site_url, urls.HOME)
    found = results(page, "free and informed consent")
    living = [href for href, _ in found if "/guidelines/" in href]
    assert "/guidelines/sale-before-confiscation/" in living[0]
    former = [text for href, text in found if "/guidelines/sale-with-consent/" in href]
    assert former and former[0].startswith("(superseded in CAC/COSP/IRG/2018/CRP.14)")


def test_search_puts_the_guideline_above_the_whole_version(page: Any, site_url: str) -> None:
    goto(page, site_url, urls.HOME)
    first, _ = results(page, "virtual assets")[0]
    assert "/guidelines/seized-virtual-assets/" in first


HEADER_AND_CHOOSER_PAGES = (
    urls.compare("draft", "2018-3"),  # back in time, over two pages
    "compare/2018-3/draft/all/index.md",  # the whole comparison on one page
    urls.version("2019-3"),
    urls.guideline("sale-before-confiscation"),
    "zh/" + urls.version("draft"),
    "ar/" + urls.guideline("office-funding"),
)

HEADER_AND_CHOOSER_PAGES_OF_THE_FAMILIES_TEST = (urls.COMPARE,)
"""The comparisons' index, a family of its own, is checked with the same axe run (every
impact) by test_axe_families_browser.py, and not opened again here."""


@pytest.mark.parametrize("path", HEADER_AND_CHOOSER_PAGES)
def test_the_header_and_chooser_pages_have_no_accessibility_violation(
    page: Any, site_url: str, path: str
) -> None:
    goto(page, site_url, path)
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
