"""The example's site in a real browser, as a delegate and a reviewer would use it.

Every expectation (which guideline, which phrase, which party) is read from the model, so the
tests follow the example as it changes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from redraft.kb.model import KnowledgeBase
from redraft.site import urls

from .conftest import axe_violations, wait_for_search_index

pytestmark = pytest.mark.browser


def goto(page: Any, site_url: str, path: str) -> None:
    response = page.goto(site_url + urls.page_url(path))
    assert response is not None and response.ok, path


def test_home_page_shows_where_the_draft_stands(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    goto(page, site_url, urls.HOME)
    assert heading(page) == example_kb.settings.title
    standing = page.locator("#standing")
    expect(standing).to_be_visible()
    latest = example_kb.released[-1]
    assert latest.symbol
    expect(page.get_by_role("link", name=latest.symbol).first).to_be_visible()
    # The timeline lists every published reply.
    timeline = page.locator("table").filter(has_text="What happened")
    replies = timeline.locator("tr", has_text="Reply from")
    assert replies.count() == len(example_kb.without_restricted().submissions)


def test_a_guideline_shows_its_history_with_insertions_and_deletions(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    guideline_id = _most_changed_guideline(example_kb)
    goto(page, site_url, urls.GUIDELINES)
    page.get_by_role(
        "link", name=_title_in_latest(example_kb, guideline_id), exact=True
    ).first.click()
    page.wait_for_load_state()
    assert page.url.endswith(urls.page_url(urls.guideline(guideline_id)))
    history = page.locator("#history")
    expect(history).to_be_visible()
    deleted = page.locator(".redraft-inline del.redraft-del")
    inserted = page.locator(".redraft-inline ins.redraft-ins")
    assert deleted.count() > 0 and inserted.count() > 0
    expect(deleted.first).to_be_visible()
    expect(inserted.first).to_be_visible()
    # Struck through and underlined, not told by colour alone.
    assert "line-through" in deleted.first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in inserted.first.evaluate("e => getComputedStyle(e).textDecorationLine")


def test_a_compare_page_gives_the_summary_then_both_views(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    older, newer = example_kb.versions[0], example_kb.versions[1]
    goto(page, site_url, urls.COMPARE)
    page.get_by_role("link", name=f"to the {newer.symbol}").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(urls.page_url(urls.compare(older.id, newer.id)))
    expect(page.locator("#compare_summary")).to_be_visible()
    redline = page.locator(".redraft-redline").first
    expect(redline.locator(".redraft-inline")).to_be_visible()
    redline.get_by_text("Side by side").click()
    table = redline.locator("table.redraft-sbs")
    expect(table).to_be_visible()
    headers = table.locator("th").all_inner_texts()
    assert headers == [older.symbol, newer.symbol]
    # drawn from the inline view: a row per paragraph, deletions on the left only,
    # insertions on the right only
    paragraphs = redline.locator(".redraft-inline > p").count()
    assert table.locator("tbody tr").count() == paragraphs
    assert table.locator("td:nth-child(1) ins").count() == 0
    assert table.locator("td:nth-child(2) del").count() == 0
    assert redline.locator(".redraft-inline del").count() == table.locator("td del").count()
    assert redline.locator(".redraft-inline ins").count() == table.locator("td ins").count()


def test_search_finds_an_english_phrase(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    guideline_id, phrase = _distinctive_english(example_kb)
    goto(page, site_url, urls.HOME)
    first = _search(page, phrase)
    assert guideline_id in first.get_attribute("href")
    first.click()
    assert guideline_id in page.url


def test_search_finds_a_chinese_word(page: Any, site_url: str, example_kb: KnowledgeBase) -> None:
    guideline_id, word = _distinctive_chinese(example_kb)
    goto(page, site_url, "zh/index.md")
    first = _search(page, word)
    assert guideline_id in first.get_attribute("href")
    first.click()
    assert "/zh/" in page.url and guideline_id in page.url
    assert page.locator("html").get_attribute("lang") == "zh"


def test_a_party_page_shows_what_became_of_each_comment(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    visible = example_kb.without_restricted()
    submission = max(visible.submissions, key=lambda s: len(s.comments))
    party = visible.party(submission.party)
    assert party is not None
    goto(page, site_url, urls.PARTIES)
    page.get_by_role("link", name=party.name, exact=True).click()
    page.wait_for_load_state()
    assert heading(page) == party.name
    for comment in submission.comments:
        card = page.locator(f"#{urls.comment_anchor(comment.id)}")
        badge = card.locator(".redraft-disposition")
        expect(badge).to_be_visible()
        assert badge.inner_text().lower().replace(" ", "-") == comment.disposition


def test_the_comment_table_filters_by_party(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    visible = example_kb.without_restricted()
    goto(page, site_url, urls.COMMENTS)
    rows = page.locator(".redraft-filterable tbody tr")
    assert rows.count() == len(list(visible.comments()))
    party = visible.party(visible.submissions[0].party)
    assert party is not None
    page.get_by_label("Party").select_option(party.name)
    expected = sum(1 for c in visible.comments() if c.party == party.code)
    assert page.locator(".redraft-filterable tbody tr:not([hidden])").count() == expected
    assert page.locator(".redraft-filter-count").inner_text().startswith(f"{expected} of")


# -- accessibility -------------------------------------------------------------------------------

FAMILY_PAGES = (
    urls.version("draft"),
    urls.version_guideline("draft", "sale-before-confiscation"),
    urls.guideline("sale-before-confiscation"),
    urls.compare("2018-3", "2018-crp14"),
    urls.party("chn"),
    "zh/guidelines/office-powers/index.md",
    urls.translations("draft"),
    "ar/" + urls.version_guideline("draft", "office-funding"),
    "zh/" + urls.compare("2019-3", "draft"),
)
"""Pages of families with several members: test_axe_families_browser.py checks the largest of
each family, and these are others."""

SINGLE_PAGES = (
    urls.HOME,
    urls.VERSIONS,
    urls.GUIDELINES,
    urls.COMPARE,
    urls.CONCORDANCE,
    urls.PARTIES,
    urls.COMMENTS,
    urls.STATS,
    "format.md",
)
"""Pages that are a family of their own: test_axe_families_browser.py opens each of them and
asks axe for violations of every impact, serious and critical included, so they are not
opened again here (test_the_pages_left_to_this_file_are_checked_here pins it)."""


@pytest.mark.parametrize("path", FAMILY_PAGES)
def test_no_serious_accessibility_violation(page: Any, site_url: str, path: str) -> None:
    goto(page, site_url, path)
    serious = axe_violations(page, ("critical", "serious"))
    assert serious == [], "\n".join(serious)


# -- helpers -----------------------------------------------------------------------------------


def heading(page: Any) -> str:
    """The page's h1 without the permalink sign the table of contents adds."""
    return str(page.locator("h1").first.inner_text()).removesuffix("¶").strip()


def _search(page: Any, query: str) -> Any:
    """Type ``query`` into Material's search box and return the first result's link."""
    wait_for_search_index(page)
    page.locator(".md-search__input").click()
    page.keyboard.type(query, delay=40)
    # Material reads the query on keyup; text typed as one composed string (as an input method
    # commits Chinese) fires none, so finish as a keyboard would.
    page.keyboard.press("End")
    first = page.locator(".md-search-result__item > a").first
    first.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(500)
    return page.locator(".md-search-result__item > a").first


def _title_in_latest(kb: KnowledgeBase, guideline_id: str) -> str:
    for version in reversed(kb.versions):
        found = version.guideline(guideline_id)
        if found is not None:
            return found.title
    raise AssertionError(guideline_id)


def _most_changed_guideline(kb: KnowledgeBase) -> str:
    """A guideline of the draft whose words changed between two versions."""
    draft = kb.draft
    assert draft is not None
    for guideline in draft.guidelines:
        texts = {
            tuple(p.text for p in v.guideline(guideline.id).text.paragraphs)  # type: ignore[union-attr]
            for v in kb.versions
            if v.guideline(guideline.id)
        }
        if len(texts) > 2:
            return guideline.id
    raise AssertionError("no guideline changed twice")


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text)


def _distinctive_english(kb: KnowledgeBase) -> tuple[str, str]:
    """A guideline of the draft and two words of it, the first found in no other guideline or
    comment."""
    elsewhere: dict[str, set[str]] = {}
    for version in kb.versions:
        for guideline in version.guidelines:
            for paragraph in guideline.text.all_paragraphs:
                for word in _words(paragraph.text):
                    elsewhere.setdefault(word.lower(), set()).add(guideline.id)
    for comment in kb.comments():
        for text in (comment.text, comment.proposed or "", comment.rationale or ""):
            for word in _words(text):
                elsewhere.setdefault(word.lower(), set()).add(f"comment:{comment.id}")
    draft = kb.draft
    assert draft is not None
    for guideline in draft.guidelines:
        words = _words(guideline.text.paragraphs[0].text)
        for first, second in itertools.pairwise(words):
            if len(first) >= 7 and elsewhere[first.lower()] == {guideline.id}:
                return guideline.id, f"{first} {second}"
    raise AssertionError("no distinctive English word in the draft")


def _distinctive_chinese(kb: KnowledgeBase) -> tuple[str, str]:
    """A guideline translated into Chinese and a word of its title that no other Chinese title
    or paragraph has (words as jieba cuts them, as the search index does)."""
    import jieba

    draft = kb.draft
    assert draft is not None
    translated = [(g.id, g.translations["zh"]) for g in draft.guidelines if "zh" in g.translations]

    def all_text(text: Any) -> str:
        return text.title + "".join(p.text for p in text.all_paragraphs)

    for guideline_id, text in translated:
        others = "".join(all_text(t) for g, t in translated if g != guideline_id)
        for word in jieba.cut(text.title):
            if len(word) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", word) and word not in others:
                return guideline_id, word
    raise AssertionError("no distinctive Chinese word")


@pytest.fixture(autouse=True)
def _no_console_errors(page: Any) -> Iterator[None]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield
    assert errors == []
