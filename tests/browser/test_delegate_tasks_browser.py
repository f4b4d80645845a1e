"""Issue 17's eight delegate tasks, end to end in a real browser, in the English, Chinese and
Arabic trees: find the latest version; read a guideline's history; see what is new in the
draft; one party's comments and what became of them; switch language on the same page; search
(a symbol too); print a version; do it all from the keyboard.

Each test walks the way a delegate would, by the links and controls a page shows, and asserts
what the delegate reads there: the words in the tree's language, ``lang`` and ``dir``.  Where a
tree has no page yet (a version or a comparison without texts in its language: the translated
trees lead to the original for those), the test follows the tree's own link to the original, as
a delegate would, and asserts what it finds there; when the tree gains the page, the same test
walks the shorter way and asserts the page in the tree's language.  ``has_page`` is that fork.
A history step the tree has not both texts of says so and links the original's comparison.

Expectations are read from the model and the label tables, not typed in.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from redraft.kb.model import Guideline, KnowledgeBase, Party, Version
from redraft.redline.compare import GuidelineChange, diff_versions
from redraft.site import urls
from redraft.site.labels import Labels

from .test_delegate_browser import results
from .test_site_browser import goto, heading

pytestmark = pytest.mark.browser

TREES = {"en": "", "zh": "zh/", "ar": "ar/"}
"""Language → where its tree sits under the site's root."""

NEXT_LANGUAGE = {"en": "zh", "zh": "ar", "ar": "en"}
"""Where task 5 switches to from each tree."""


@pytest.fixture(params=list(TREES), ids=list(TREES))
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def has_page(site: Path, language: str, path: str) -> bool:
    """Whether the built tree of ``language`` has the page at ``path``."""
    return (site / TREES[language] / urls.page_url(path) / "index.html").is_file()


def assert_reads_as(page: Any, language: str) -> None:
    """The page is in ``language`` and runs in its direction."""
    assert page.locator("html").get_attribute("lang") == language
    direction = page.evaluate("() => getComputedStyle(document.body).direction")
    assert direction == ("rtl" if language == "ar" else "ltr")


def latest_released(kb: KnowledgeBase) -> Version:
    return kb.released[-1]


def merged_guideline(kb: KnowledgeBase) -> Guideline:
    draft = kb.draft
    assert draft is not None
    merged = {g.id for v in kb.versions for g in v.guidelines if g.merged_from}
    return next(g for g in draft.guidelines if g.id in merged)


def most_commenting_party(kb: KnowledgeBase) -> Party:
    counts = Counter(c.party for c in kb.without_restricted().comments())
    party = kb.party(counts.most_common(1)[0][0])
    assert party is not None
    return party


def follow_to_original(page: Any) -> None:
    """The translated trees' way to what only the original has: the link to the page in the
    original language (marked ``hreflang``)."""
    page.locator('article a[hreflang="en"]').last.click()
    page.wait_for_load_state()


def identity(page: Any, label: str) -> Any:
    """The value (dd) the version header gives under ``label`` (dt)."""
    return page.locator(".redraft-identity dt", has_text=label).locator("xpath=following::dd[1]")


def test_1_find_the_latest_version(
    page: Any, site_url: str, browser_site: Path, example_kb: KnowledgeBase, language: str
) -> None:
    """Home → the working draft → its header's "latest released version" → that version."""
    labels = Labels(language)
    latest = latest_released(example_kb)
    assert latest.symbol
    goto(page, site_url, TREES[language] + urls.HOME)
    assert_reads_as(page, language)
    word = re.compile(rf"^{re.escape(labels['working_draft'])}$", re.I)
    page.locator("article").get_by_role("link", name=word).first.click()
    page.wait_for_url(f"**/{TREES[language]}{urls.page_url(urls.version('draft'))}")
    assert_reads_as(page, language)
    expect(identity(page, labels["this_version"])).to_contain_text(labels["working_draft"])
    released = identity(page, labels["latest_released"])
    expect(released).to_contain_text(latest.symbol)
    released.get_by_role("link", name=latest.symbol).click()
    page.wait_for_url(re.compile(re.escape(urls.page_url(urls.version(latest.id))) + "$"))
    # the released version in this language where the tree has it, else in the original
    there = language if has_page(browser_site, language, urls.version(latest.id)) else "en"
    assert_reads_as(page, there)
    expect(identity(page, Labels(there)["this_version"])).to_contain_text(latest.symbol)
    # W3C style: the header says this is the latest, naming it without a link to itself
    itself = identity(page, Labels(there)["latest_released"])
    expect(itself).to_contain_text(latest.symbol)
    assert itself.locator("a").count() == 0


def history_steps(kb: KnowledgeBase, guideline_id: str) -> list[tuple[Version, Version]]:
    """The pairs of successive versions a guideline's history has a section for."""
    return [
        (before, after)
        for before, after in pairwise(kb.versions)
        if before.guideline(guideline_id) is not None or after.guideline(guideline_id) is not None
    ]


def step_in_tree(
    kb: KnowledgeBase, before: Version, after: Version, guideline_id: str, language: str
) -> tuple[GuidelineChange, bool]:
    """What the tree of ``language`` says changed in one step, and whether it can show the
    redline in its own language: the main tree always; a language tree where it has both
    versions and both have the guideline's text in its language."""
    in_tree = language == "en" or all(language in v.languages for v in (before, after))
    compared_in = None if language == "en" or not in_tree else language
    change = diff_versions(kb, before.id, after.id, language=compared_in).guideline(guideline_id)
    assert change is not None
    return change, in_tree and change.compared


def step_section(page: Any, before: Version, after: Version) -> Any:
    """What the history says under one step's heading, up to the next step."""
    anchor = urls.history_anchor(before.id, after.id)
    return page.locator(
        f"xpath=//h3[@id='{anchor}']/following-sibling::*"
        f"[not(self::h2 or self::h3) and preceding-sibling::h3[1][@id='{anchor}']"
        " and preceding-sibling::h2[1][@id='history']]"
    )


def not_compared_words(labels: Labels, before: Version, after: Version, guideline_id: str) -> str:
    """The sentence a language tree gives where a step's texts in its language are lacking."""
    lacking = ", ".join(
        (v.symbol or v.id) if not v.is_draft else labels["working_draft"]
        for v in (before, after)
        if v.guideline(guideline_id) is not None and guideline_id in v.untranslated(labels.language)
    )
    return labels.format(
        "not_compared_in", language=labels.language_name(labels.language), versions=lacking
    )


def test_2_read_a_guideline_s_history(
    page: Any, site_url: str, example_kb: KnowledgeBase, language: str
) -> None:
    """The merged guideline's page → its history: one section per pair of versions it is in,
    saying in the tree's words what changed; the words inserted and deleted marked where the
    tree has both texts of the step, else that it has no text to compare and a link to the
    comparison of the originals, which shows the edit."""
    labels = Labels(language)
    guideline = merged_guideline(example_kb)
    goto(page, site_url, TREES[language] + urls.guideline(guideline.id))
    assert_reads_as(page, language)
    assert guideline.in_language(language).title in heading(page)
    expect(page.locator("#history")).to_be_visible()
    steps = history_steps(example_kb, guideline.id)
    assert page.locator("h3[id^='history_']").count() == len(steps)
    to_original = None
    for before, after in steps:
        change, compared = step_in_tree(example_kb, before, after, guideline.id, language)
        section = step_section(page, before, after)
        said = " ".join(section.all_inner_texts())
        for kind in change.changes:
            assert labels[f"change_{kind}"].lower() in said.lower(), (kind, said)
        inserted = section.locator("ins, .redraft-ins")
        if not change.changes:
            assert inserted.count() == 0
        elif compared:
            assert inserted.count() > 0
            assert inserted.first.inner_text().strip()
        else:
            assert inserted.count() == 0
            assert not_compared_words(labels, before, after, guideline.id) in said
            link = section.locator('a[hreflang="en"]', has_text=labels["compare_original"])
            expect(link).to_have_count(1)
            if to_original is None and "reworded" in change.changes:
                to_original = link
    if to_original is not None:
        # the original's comparison, at this guideline, shows the edit the tree could not
        to_original.click()
        page.wait_for_url(re.compile(re.escape(f"#{guideline.id}") + "$"))
        assert_reads_as(page, "en")
        edited = page.locator(
            f"xpath=//h3[@id='{guideline.id}']/following-sibling::*"
            f"[preceding-sibling::h3[1][@id='{guideline.id}']]"
        ).locator("ins, .redraft-ins")
        assert edited.count() > 0
    else:
        assert language == "en"  # the original compares every step itself


def test_2_a_history_redlines_in_the_tree_s_language_where_it_has_both_texts(
    page: Any, site_url: str, example_kb: KnowledgeBase, language: str
) -> None:
    """A step the tree has both texts of (both versions in its language, the guideline's text
    in each) is redlined in that language: the inserted words are the tree's own."""
    found = next(
        (
            (guideline_id, before, after)
            for before, after in pairwise(example_kb.versions)
            for guideline_id in sorted({g.id for g in after.guidelines})
            if before.guideline(guideline_id) is not None
            and (c := step_in_tree(example_kb, before, after, guideline_id, language))[1]
            and c[0].changes
        ),
        None,
    )
    if found is None:
        # the example has no such step in this tree (Arabic is in the draft only)
        assert any(language not in v.languages for v in example_kb.released)
        pytest.skip(f"no step of the example has two texts in {language}")
    guideline_id, before, after = found
    goto(page, site_url, TREES[language] + urls.guideline(guideline_id))
    assert_reads_as(page, language)
    section = step_section(page, before, after)
    inserted = section.locator("ins, .redraft-ins")
    assert inserted.count() > 0
    assert inserted.first.inner_text().strip()
    newer = after.guideline(guideline_id)
    assert newer is not None
    # the redline is of the tree's own text of the step, not of the original's
    said = " ".join(section.all_inner_texts())
    own = newer.in_language(language)
    assert own.language == language
    assert own.paragraphs[0].text[:20] in said
    if language != newer.text.language:
        assert newer.text.paragraphs[0].text[:20] not in said


def test_3_what_is_new_in_the_draft(
    page: Any, site_url: str, browser_site: Path, example_kb: KnowledgeBase, language: str
) -> None:
    """The working draft → the compare chooser: from the latest released version to the draft
    → the comparison, in the tree's language where the tree has both texts."""
    latest = latest_released(example_kb)
    goto(page, site_url, TREES[language] + urls.version("draft"))
    chooser = page.locator("form.redraft-chooser")
    pair = urls.compare(latest.id, "draft")
    there = language
    if not has_page(browser_site, language, pair):
        # The tree cannot compare (no released text in this language): the original can.
        follow_to_original(page)
        there = "en"
    assert_reads_as(page, there)
    expect(chooser).to_be_visible()
    chooser.locator("select[name=from]").select_option(latest.id)
    chooser.locator("select[name=to]").select_option("draft")
    chooser.get_by_role("button").click()
    page.wait_for_url(re.compile(re.escape(urls.page_url(pair)) + "$"))
    assert_reads_as(page, there)
    labels = Labels(there)
    lead = labels["compare_lead"].split("{old}")[0].strip()
    expect(page.locator("article")).to_contain_text(lead)
    assert page.locator("article ins").count() > 0
    assert page.locator("article del").count() > 0


def test_4_one_party_s_comments_and_their_outcome(
    page: Any, site_url: str, browser_site: Path, example_kb: KnowledgeBase, language: str
) -> None:
    """The comments table filtered to one party: its comments only, each with its disposition
    in the tree's words; then that party's own page where the tree has one."""
    labels = Labels(language)
    comments = list(example_kb.without_restricted().comments())
    party = most_commenting_party(example_kb)
    theirs = [c for c in comments if c.party == party.code]
    assert theirs
    goto(page, site_url, TREES[language] + urls.COMMENTS)
    assert_reads_as(page, language)
    page.locator(".redraft-filters select").nth(0).select_option(party.name)
    rows = page.locator(".redraft-filterable tbody tr:not([hidden])")
    expect(rows).to_have_count(len(theirs))
    shown = rows.all_inner_texts()
    for comment in theirs:
        said = labels[f"disposition_{comment.disposition}"]
        assert any(said in row for row in shown), (comment.id, said)
    assert f"party={party.name}" in page.url  # the filtered list can be shared
    # the party's own page: in this tree, or in the original
    there = language if has_page(browser_site, language, urls.party(party.code)) else "en"
    goto(page, site_url, TREES[there] + urls.party(party.code))
    assert_reads_as(page, there)
    assert party.name in heading(page)
    article = page.locator("article").inner_text()
    for disposition in {c.disposition for c in theirs}:
        assert Labels(there)[f"disposition_{disposition}"] in article


def switch_to(page: Any, language: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    # Wait for the navigation the click starts (the switcher may first ask whether the other
    # tree has the page): under load, waiting for the load state alone could return while the
    # old page was still shown, and the test read the language it had left.
    with page.expect_navigation():
        page.locator(f'.md-select__link[hreflang="{language}"]').click()
    page.wait_for_load_state()


def test_5_switch_language_on_the_same_page(
    page: Any, site_url: str, browser_site: Path, example_kb: KnowledgeBase, language: str
) -> None:
    """A guideline page switches to the same guideline in the next language; a party page
    switches to the same page where the other tree has it, else to that tree's home, which
    says why and leads back."""
    other = NEXT_LANGUAGE[language]
    guideline = merged_guideline(example_kb)
    path = urls.guideline(guideline.id)
    goto(page, site_url, TREES[language] + path)
    switch_to(page, other)
    page.wait_for_url(
        re.compile(r"127\.0\.0\.1:\d+/" + re.escape(TREES[other] + urls.page_url(path)) + "$")
    )
    assert_reads_as(page, other)
    assert guideline.in_language(other).title in heading(page)

    party = urls.party(most_commenting_party(example_kb).code)
    source = language if has_page(browser_site, language, party) else "en"
    target = other if other != source else NEXT_LANGUAGE[other]
    goto(page, site_url, TREES[source] + party)
    left = page.url
    switch_to(page, target)
    assert_reads_as(page, target)
    if has_page(browser_site, target, party):
        assert page.url.endswith(TREES[target] + urls.page_url(party))
    else:
        note = page.locator(".redraft-missing")
        expect(note).to_be_visible()
        expect(note).to_contain_text(Labels(target)["page_missing_title"])
        back = note.get_by_role("link", name=Labels(target)["page_missing_back"])
        assert back.get_attribute("href") == left


def test_6_search_by_symbol_and_by_words(
    page: Any, site_url: str, browser_site: Path, example_kb: KnowledgeBase, language: str
) -> None:
    """A part of a document symbol finds that document; a guideline's title words find the
    guideline's own page first.  Each in the tree's own search index."""
    versions = [
        v
        for v in example_kb.released
        if v.symbol and has_page(browser_site, language, urls.version(v.id))
    ]
    goto(page, site_url, TREES[language] + urls.HOME)
    if versions:
        version = versions[0]
        assert version.symbol
        part = version.symbol.split("/", 3)[-1]  # "2018/CRP.14", "2019/3"
        first, _ = results(page, part)[0]
        assert (
            first.split("?")[0]
            .split("#")[0]
            .endswith("/" + TREES[language] + urls.page_url(urls.version(version.id)))
        ), (part, first)
        goto(page, site_url, TREES[language] + urls.HOME)
    guideline = merged_guideline(example_kb)
    title = guideline.in_language(language).title
    first, text = results(page, title)[0]
    assert f"/{TREES[language]}{urls.page_url(urls.guideline(guideline.id))}" in first, first
    # Material's search marks its Chinese word breaks with zero-width spaces
    assert title in text.replace("\u200b", "")


def test_6_search_crp14_finds_the_document(page: Any, site_url: str) -> None:
    """The partial symbol a delegate types from the cover page ("CRP.14")."""
    goto(page, site_url, urls.HOME)
    first, _ = results(page, "CRP.14")[0]
    assert first.split("?")[0].endswith("/" + urls.page_url(urls.version("2018-crp14")))


def test_6_search_interlocutory_sale_finds_the_guideline_about_it(
    page: Any, site_url: str, example_kb: KnowledgeBase
) -> None:
    """ "Interlocutory sale" is what guideline 8 was formed from (the former guidelines named
    so by the editors); "Interlocutory costs" shares only a word of it."""
    guideline = merged_guideline(example_kb)
    goto(page, site_url, urls.HOME)
    found = results(page, "interlocutory sale")
    assert f"/{urls.page_url(urls.guideline(guideline.id))}" in found[0][0], found[:3]
    costs = [i for i, (href, _) in enumerate(found) if "/guidelines/interlocutory-costs/" in href]
    assert costs and costs[0] > 0


def _printed(page: Any, tmp_path: Path) -> str:
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return unicodedata.normalize("NFKC", text)


def test_7_print_a_version(
    page: Any, site_url: str, example_kb: KnowledgeBase, language: str, tmp_path: Path
) -> None:
    """The working draft printed: the header keeps "This version" and drops the links to other
    versions; the paper names the version and carries the guidelines' text."""
    labels = Labels(language)
    draft = example_kb.draft
    assert draft is not None
    goto(page, site_url, TREES[language] + urls.version("draft"))
    page.emulate_media(media="print")
    assert_reads_as(page, language)
    expect(identity(page, labels["this_version"])).to_be_visible()
    expect(identity(page, labels["latest_released"])).to_be_hidden()
    expect(page.locator("form.redraft-chooser")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    printed = _printed(page, tmp_path)
    words = "".join(printed.split())
    assert "".join(labels["working_draft"].split()) in words
    for guideline in draft.guidelines[:3]:
        title = guideline.in_language(language).title
        if language == "ar":
            # pdftotext writes Arabic in visual order: look for each word, not the phrase
            # and a lam-alef ligature comes out in either order: those words are left out
            plain = [w for w in title.split() if not re.search("ل[اأإآ]", w)]
            assert plain
            missing = [w for w in plain if w not in printed and w[::-1] not in printed]
            assert not missing, (title, missing)
        else:
            assert "".join(title.split()) in words, title


def test_8_keyboard_only(
    page: Any, site_url: str, example_kb: KnowledgeBase, language: str
) -> None:
    """From the guidelines' list, Tab to a guideline (its focus seen, at least 2 px) and open
    it with Enter."""
    draft = example_kb.draft
    assert draft is not None
    goto(page, site_url, TREES[language] + urls.GUIDELINES)
    ids = {g.id for g in draft.guidelines}
    target = None
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
                 return {href: e.href || '', inArticle: !!e.closest('article'),
                         style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                         visible: e.getBoundingClientRect().height > 0}; }"""
        )
        if focused["style"] != "none" or focused["href"]:
            assert focused["style"] != "none" and focused["width"] >= 2, focused
        match = re.search(r"guidelines/([a-z0-9-]+)/$", focused["href"])
        if focused["inArticle"] and match and match.group(1) in ids:
            assert focused["visible"], focused
            target = match.group(1)
            break
    assert target is not None, "no guideline reached by Tab"
    page.keyboard.press("Enter")
    page.wait_for_url(
        re.compile(re.escape(TREES[language] + urls.page_url(urls.guideline(target))) + "$")
    )
    assert_reads_as(page, language)
    guideline = draft.guideline(target)
    assert guideline is not None
    assert guideline.in_language(language).title in heading(page)
