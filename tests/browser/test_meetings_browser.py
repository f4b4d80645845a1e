"""Meeting records in a real browser: from guideline 8's page to the report paragraph that
discussed its conditions and back, one click each way, in English and in Chinese; the meeting
page with its paragraphs; search finding the report in both languages.

Expectations (numbers, words, anchors) are read from the model.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from redraft.kb.model import KnowledgeBase, Meeting, ReportParagraph
from redraft.site import urls
from redraft.site.labels import Labels

from .test_site_browser import _search, goto, heading

pytestmark = pytest.mark.browser

TREES = [("en", ""), ("zh", "zh/")]


def guideline_8(kb: KnowledgeBase) -> str:
    draft = kb.draft
    assert draft is not None
    return next(g.id for g in draft.guidelines if g.number == "8")


def conditions_paragraph(kb: KnowledgeBase, guideline_id: str) -> tuple[Meeting, ReportParagraph]:
    """The first report paragraph on paragraph (a) of the guideline, where its conditions are."""
    for meeting, paragraph in kb.discussions_of(guideline_id):
        if any(d.guideline == guideline_id and d.paragraph == "a" for d in paragraph.discusses):
            return meeting, paragraph
    raise AssertionError("no report paragraph discusses the conditions of guideline 8")


@pytest.mark.parametrize(("language", "prefix"), TREES)
def test_from_guideline_8_to_the_meeting_paragraph_and_back(
    page: Any, site_url: str, example_kb: KnowledgeBase, language: str, prefix: str
) -> None:
    guideline_id = guideline_8(example_kb)
    meeting, paragraph = conditions_paragraph(example_kb, guideline_id)
    labels = Labels(language)
    goto(page, site_url, prefix + urls.guideline(guideline_id))
    assert page.locator("html").get_attribute("lang") == language
    assert heading(page).startswith("8.")
    section = page.locator("#discussed")
    expect(section).to_have_text(labels["discussed_at"] + "¶")

    # one click: the entry's link to the paragraph on the meeting's page
    entry = page.locator(f"#{urls.discussed_anchor(meeting.id, paragraph.number)}")
    expect(entry).to_contain_text(paragraph.texts[language][:12])
    entry.get_by_role(
        "link", name=labels.format("paragraph_number", number=str(paragraph.number))
    ).click()
    meeting_url = prefix + urls.page_url(urls.meeting(meeting.id))
    anchor = urls.report_paragraph_anchor(paragraph.number)
    page.wait_for_url(re.compile(re.escape(meeting_url) + "#" + anchor + "$"))
    assert page.locator("html").get_attribute("lang") == language
    target = page.locator(f"#{anchor}")
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text(paragraph.texts[language][:12])

    # and one click back, to the same entry on the guideline's page
    entry_anchor = urls.discussed_anchor(meeting.id, paragraph.number)
    back = page.locator(f"#{anchor} + .redraft-report-meta").locator(
        f"a[href*='{guideline_id}/'][href$='#{entry_anchor}']"
    )
    expect(back.first).to_be_visible()
    back.first.click()
    page.wait_for_url(
        re.compile(
            re.escape(prefix + urls.page_url(urls.guideline(guideline_id)))
            + "#"
            + entry_anchor
            + "$"
        )
    )
    assert page.locator("html").get_attribute("lang") == language
    expect(entry).to_be_in_viewport()


@pytest.mark.parametrize(("language", "prefix"), TREES)
def test_the_meeting_page_shows_every_paragraph_and_says_it_is_illustrative(
    page: Any, site_url: str, example_kb: KnowledgeBase, language: str, prefix: str
) -> None:
    meeting = example_kb.meetings[0]
    labels = Labels(language)
    goto(page, site_url, prefix + urls.meeting(meeting.id))
    title = meeting.report.title_in(language)
    assert title is not None and heading(page) == title
    notice = page.locator(".admonition.info")
    expect(notice).to_contain_text(labels["records_illustrative"])
    expect(notice).to_contain_text("illustrative")
    for paragraph in meeting.paragraphs:
        shown = page.locator(f"#{urls.report_paragraph_anchor(paragraph.number)}")
        expect(shown).to_contain_text(f"{paragraph.number}.")
        expect(shown).to_contain_text(paragraph.texts[language][:12])
    # a State is named only where the report names it
    named = [p for p in meeting.paragraphs if p.speaker and p.speaker.party]
    unnamed = [p for p in meeting.paragraphs if p.speaker and p.speaker.role == "speaker"]
    assert named and unnamed
    meta = page.locator(
        f"#{urls.report_paragraph_anchor(unnamed[0].number)} + .redraft-report-meta"
    )
    expect(meta).to_contain_text(labels["speaker_speaker"])


def test_the_home_timeline_lists_the_meeting(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    meeting = example_kb.meetings[0]
    goto(page, site_url, urls.HOME)
    timeline = page.locator("table").filter(has_text="What happened")
    row = timeline.locator(f"tr:has(a[href*='meetings/{meeting.id}/'])")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("Meeting")
    row.get_by_role("link").click()
    page.wait_for_url(re.compile(re.escape(urls.page_url(urls.meeting(meeting.id))) + "$"))


@pytest.mark.parametrize(
    ("language", "prefix", "query"),
    [("en", "", "acquitted"), ("zh", "zh/", "小组成员")],
)
def test_search_finds_the_meeting_report(
    page: Any,
    site_url: str,
    example_kb: KnowledgeBase,
    language: str,
    prefix: str,
    query: str,
) -> None:
    meeting = example_kb.meetings[0]
    assert any(query in p.texts[language] for p in meeting.paragraphs)
    goto(page, site_url, prefix + urls.HOME)
    _search(page, query)
    results = page.locator(".md-search-result__item > a")
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    wanted = "meetings/" + meeting.id + "/"
    found = [i for i, href in enumerate(hrefs) if wanted in href]
    assert found, hrefs
    results.nth(found[0]).click()
    page.wait_for_url(re.compile(re.escape(prefix + wanted)))
    assert page.locator("html").get_attribute("lang") == language
