"""The language trees in a real browser: switching language, Arabic right to left, search in
Arabic, Chinese and French, and a missing translation leading to the original.

Expectations (words, guidelines, titles) are read from the model.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from redraft.kb.model import Guideline, GuidelineText, KnowledgeBase
from redraft.site import urls

from .test_delegate_languages_browser import page_without_counterpart
from .test_site_browser import _search, goto, heading

pytestmark = pytest.mark.browser


def draft_guideline(kb: KnowledgeBase, language: str) -> Guideline:
    """A guideline of the draft translated into ``language``."""
    draft = kb.draft
    assert draft is not None
    return next(g for g in draft.guidelines if language in g.translations)


def test_the_language_switcher_keeps_the_reader_on_the_same_guideline(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    guideline = draft_guideline(example_kb, "fr")
    path = urls.version_guideline("draft", guideline.id)
    goto(page, site_url, path)
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="Français").click()
    page.wait_for_url(re.compile("/fr/" + re.escape(urls.page_url(path)) + "$"))
    assert page.locator("html").get_attribute("lang") == "fr"
    assert guideline.translations["fr"].title in heading(page)
    # and back to the original, on the same page
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/" + re.escape(urls.page_url(path)) + "$"))
    assert guideline.title in heading(page)


def test_an_arabic_page_reads_right_to_left(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    guideline = draft_guideline(example_kb, "ar")
    goto(page, site_url, "ar/" + urls.version_guideline("draft", guideline.id))
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("body").get_attribute("dir") == "rtl"
    assert guideline.translations["ar"].title in heading(page)
    first = page.locator(".redraft-para").first
    assert first.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # Right to left on screen: the paragraph's label sits at its right edge, and the
    # navigation sidebar is to the right of the text.
    label = first.locator(".redraft-label").bounding_box()
    box = first.bounding_box()
    assert label["x"] + label["width"] > box["x"] + box["width"] - 40, (label, box)
    content = page.locator(".md-content").bounding_box()
    sidebar = page.locator(".md-sidebar--primary").bounding_box()
    if sidebar and sidebar["width"] > 0:
        assert sidebar["x"] > content["x"], (sidebar, content)


def _distinctive_word(kb: KnowledgeBase, language: str, letters: str) -> tuple[str, str]:
    """A guideline of the draft and a word of its ``language`` title found in no other text of
    that language (a whole whitespace-delimited word, as the search index keeps it)."""
    draft = kb.draft
    assert draft is not None
    texts: list[tuple[str, GuidelineText]] = [
        (g.id, g.translations[language])
        for v in kb.versions
        for g in v.guidelines
        if language in g.translations
    ]

    def words(text: GuidelineText) -> set[str]:
        found = text.title + " " + " ".join(p.text for p in text.all_paragraphs)
        return set(found.split())

    for guideline in draft.guidelines:
        own = guideline.translations.get(language)
        if own is None:
            continue
        others = set().union(*(words(t) for gid, t in texts if gid != guideline.id))
        for word in own.title.split():
            if len(word) >= 5 and re.fullmatch(letters, word) and word not in others:
                return guideline.id, word
    raise AssertionError(f"no distinctive {language} word")


@pytest.mark.parametrize(
    ("language", "letters"),
    [("ar", r"[\u0621-\u064a]+"), ("fr", r"[a-zàâçéèêëîïôûùüÿœ]+")],
)
def test_search_finds_a_word_in_the_language_tree(
    page: Any, site_url: str, example_kb: KnowledgeBase, language: str, letters: str
) -> None:
    guideline_id, word = _distinctive_word(example_kb, language, letters)
    goto(page, site_url, f"{language}/index.md")
    first = _search(page, word)
    href = first.get_attribute("href")
    assert guideline_id in href, (word, href)
    first.click()
    assert f"/{language}/" in page.url and guideline_id in page.url


def test_a_missing_translation_says_so_and_leads_to_the_original(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    version = example_kb.version("2019-3")
    assert version is not None
    guideline = next(g for g in version.guidelines if "zh" not in g.translations)
    goto(page, site_url, "zh/" + urls.version_guideline(version.id, guideline.id))
    notice = page.locator(".admonition.abstract")
    assert "尚未译成" in notice.inner_text()
    assert guideline.text.paragraphs[0].text[:40] not in page.locator("article").inner_text()
    notice.get_by_role("link").click()
    page.wait_for_load_state()
    assert "/zh/" not in page.url
    assert page.locator("html").get_attribute("lang") == "en"
    assert guideline.text.paragraphs[0].text[:40] in page.locator("article").inner_text()


def test_the_switcher_falls_back_to_the_home_of_a_tree_without_the_page(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    goto(page, site_url, page_without_counterpart(example_kb, "fr"))
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="Français").click()
    # the home, told which page had no French counterpart (the note itself is tested in
    # test_delegate_languages_browser.py)
    page.wait_for_url(re.compile(r"/fr/\?missing="))
    assert page.locator("html").get_attribute("lang") == "fr"
