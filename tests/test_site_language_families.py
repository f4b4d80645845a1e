"""Every page family in every language tree (issue 17, item 5): a guideline's history, the
party pages and the comments pages by note verbale exist in each tree, in its words; the
language switcher finds the same page on the other side; a relettered paragraph's links say
the letter the reader sees while its stable anchor stays.

Generation only (no MkDocs, no browser): the pages as Markdown, from the example."""

from __future__ import annotations

import html
import re

import pytest

from redraft.kb.model import KnowledgeBase
from redraft.site import comments, urls
from redraft.site.generate import SiteFiles, generate_site
from redraft.site.labels import Labels

LANGUAGES = ("zh", "ar", "fr", "es", "ru")
MERGED = "sale-before-confiscation"
"""Formed by a merger in CRP.14, reworded and relettered in 2019/3, renumbered in the draft."""

ENGLISH_INTERFACE = (
    "Number in each version",
    "Lineage",
    "## History",
    "Compare the whole versions",
    "No change.",
    "Comments the secretariat addressed",
    "No comments were received",
    "Comments on the guidelines it was formed from",
    "(note verbale of",
    "Received",
    "Reference",
    "Reply on the",
    "Text as received",
    "What became of the comments",
    "State party",
    ">Today<",
    "The passage is",
    "The change in the",
    "Translation into",
    "On the words",
)
"""Words the main tree writes around what was received; none may reach a language tree's page
outside a passage marked as written in English."""

_MARKED_ENGLISH = re.compile(
    r'<(span|div|p)[^>]*\blang="en"[^>]*>.*?</\1>|\{[^}]*hreflang=en[^}]*\}', re.DOTALL
)


def page(site: SiteFiles, tree: str, path: str) -> str:
    return html.unescape(site.files[f"{tree}/docs/{path}"].decode("utf-8"))


def paths(site: SiteFiles, tree: str, family: str) -> set[str]:
    prefix = f"{tree}/docs/"
    return {
        p.removeprefix(prefix)
        for p in site.files
        if p.startswith(prefix + family) and p.endswith(".md")
    }


def unmarked(text: str) -> str:
    """The page without what it marks as English (received texts, party names, the original's
    quotes, links to the original)."""
    return _MARKED_ENGLISH.sub("", text)


@pytest.mark.parametrize("tree", LANGUAGES)
def test_every_tree_has_the_party_pages_of_the_main_tree(
    example_pages: SiteFiles, tree: str
) -> None:
    parties = paths(example_pages, "main", "parties/")
    assert len(parties) > 5
    assert paths(example_pages, tree, "parties/") == parties


@pytest.mark.parametrize("tree", LANGUAGES)
def test_party_pages_are_in_the_trees_words(
    example_pages: SiteFiles, example_kb: KnowledgeBase, tree: str
) -> None:
    labels = Labels(tree)
    text = page(example_pages, tree, urls.party("aut"))
    assert f"# {labels['parties']}" in page(example_pages, tree, urls.PARTIES)
    assert labels["what_became"] in text
    assert f"\n{labels['received']}\n:   " in text
    assert f"\n{labels['language']}\n:   {labels.language_name('en')}\n" in text
    # the reply as received: in English, marked so, and said so in the tree's language
    as_received = labels.format("as_received", language=labels.language_name("en"))
    assert f"<summary>{as_received}</summary>" in text
    assert re.search(
        r'<summary>[^<]*</summary><div class="redraft-verbatim" lang="en" dir="ltr">', text
    )
    # the dates as the tree writes them, from CLDR
    submission = next(s for s in example_kb.submissions if s.party == "AUT")
    from babel.dates import format_date

    # (spaces as every line of the site writes them: a narrow no-break space becomes one)
    assert " ".join(format_date(submission.received, "long", locale=tree).split()) in text
    for english in ENGLISH_INTERFACE:
        assert english not in unmarked(text), english


@pytest.mark.parametrize("tree", LANGUAGES)
def test_the_living_page_has_the_history_in_the_trees_words(
    example_pages: SiteFiles, example_kb: KnowledgeBase, tree: str
) -> None:
    labels = Labels(tree)
    text = page(example_pages, tree, urls.guideline(MERGED))
    for key, anchor in (
        ("numbers_heading", "numbers"),
        ("lineage", "lineage"),
        ("history", "history data-search-exclude"),
        ("comments", "comments"),
    ):
        assert f"## {labels[key]} {{ #{anchor} }}" in text, key
    # every step of the guideline's life is there, as in the main tree
    main = page(example_pages, "main", urls.guideline(MERGED))
    steps = re.findall(r"\{ #(history_[a-z0-9_-]+) data-search-exclude \}", main)
    assert len(steps) == 3
    assert re.findall(r"\{ #(history_[a-z0-9_-]+) data-search-exclude \}", text) == steps
    # the merger is named in the tree's words
    assert labels["change_merged"] in text
    # the comments on it and on what it was formed from, by note verbale, with CLDR dates
    call = example_kb.call("2019-nv")
    assert call is not None
    from babel.dates import format_date

    assert " ".join(format_date(call.date, "long", locale=tree).split()) in text
    assert f"### {labels['inherited_comments']} {{ #inherited_comments }}" in text
    for english in ENGLISH_INTERFACE:
        assert english not in unmarked(text), english


def test_a_tree_with_both_texts_redlines_them_in_its_language(example_pages: SiteFiles) -> None:
    """Chinese has 2019/3 and the draft of guideline 6: the step between them is redlined in
    Chinese, with the tree's tab names, and its link stays in the tree."""
    labels = Labels("zh")
    text = page(example_pages, "zh", urls.guideline("office-powers"))
    step = text[text.index("{ #history_2019-3_draft") :]
    assert 'class="tabbed-set tabbed-alternate redraft-redline"' in step
    assert 'lang="zh"' in step.split("\n\n")[2]
    assert f">{labels['view_inline']}</label>" in step
    assert f"[{labels['compare_whole_versions']}](../../compare/2019-3/draft/" in step


def test_a_step_the_tree_has_no_text_for_points_to_the_original(
    example_pages: SiteFiles,
) -> None:
    """Arabic has only the draft: each earlier step says, in Arabic, that there is no Arabic
    text to compare, and links the original's comparison in the main tree."""
    labels = Labels("ar")
    text = page(example_pages, "ar", urls.guideline(MERGED))
    step = text[text.index("{ #history_2018-crp14_2019-3") :].split("\n### ", 1)[0]
    missing = labels.format(
        "not_compared_in",
        language=labels.language_name("ar"),
        versions="CAC/COSP/IRG/2018/CRP.14, CAC/COSP/WG.2/2019/3",
    )
    assert missing in step
    assert "(../../../compare/2018-crp14/2019-3/#sale-before-confiscation){ hreflang=en }" in step
    assert "redraft-redline" not in step


@pytest.mark.parametrize("tree", LANGUAGES)
def test_the_switcher_finds_every_page_of_a_tree_in_the_main_tree(
    example_pages: SiteFiles, tree: str
) -> None:
    """The switcher tries the same path under the other tree: every page of a language tree
    exists in the main tree, and every party and every guideline page the tree's versions
    have is there in the tree."""
    main = paths(example_pages, "main", "")
    own = paths(example_pages, tree, "")
    assert own - main == set()
    for family in ("parties/", "comments/", "stats/"):
        assert {p for p in main if p.startswith(family)} <= own, family


@pytest.mark.parametrize("tree", LANGUAGES)
def test_links_to_comments_and_parties_stay_in_the_tree(
    example_pages: SiteFiles, tree: str
) -> None:
    """Comments and parties exist in every tree now: a link from the comments table, the
    statistics, a party's page or a guideline's page goes to the English site only for a
    guideline this tree has no page of (one no version in its language has)."""
    own = paths(example_pages, tree, "guidelines/")
    for path in (urls.COMMENTS, urls.STATS, urls.party("aut"), urls.guideline(MERGED)):
        text = page(example_pages, tree, path)
        escape = "../" * (path.count("/") + 1)
        assert f"]({escape}parties/" not in text, path
        for gone in re.findall(rf"\]\({re.escape(escape)}guidelines/([a-z-]+)/", text):
            assert urls.guideline(gone) not in own, (path, gone)


def test_comment_pages_by_note_verbale_are_in_every_tree(example_kb: KnowledgeBase) -> None:
    """A long process pages its comments by note verbale: every tree has those pages, in its
    words (the example's 50 comments, with a page size of 20)."""
    original = comments.PAGE_SIZE
    comments.PAGE_SIZE = 20
    try:
        site = generate_site(
            example_kb,
            base_config={},
            handwritten={},
            site_dir=lambda folder: folder,
        )
    finally:
        comments.PAGE_SIZE = original
    main = paths(site, "main", "comments/")
    assert len(main) > 2
    for tree in LANGUAGES:
        assert paths(site, tree, "comments/") == main, tree
        labels = Labels(tree)
        first = page(site, tree, urls.comments_of("2019-nv"))
        call = example_kb.call("2019-nv")
        assert call is not None
        assert labels.format("comments_on_call", reference=call.reference) in first


# -- the paragraph a link names ----------------------------------------------------------------


def test_a_relettered_paragraphs_link_says_its_displayed_letter(example_pages: SiteFiles) -> None:
    """Guideline 8's paragraph (b) has the stable id ``c`` (relettered in 2019/3): its label
    links to ``#…__b``, the label itself carries that anchor, and the paragraph keeps
    ``#…_c`` so that every link made before still lands."""
    text = page(example_pages, "main", urls.guideline(MERGED))
    assert f"[(b)](#{MERGED}__b){{ #{MERGED}__b .redraft-label }} Other assets may be sold" in text
    assert f"{{: #{MERGED}_c .redraft-para }}" in text
    # a paragraph whose letter is its id keeps the one anchor
    assert f"[(a)](#{MERGED}_a){{ .redraft-label }}" in text
    # a card pointing at the paragraph says the same letter
    assert f"[guideline 8, paragraph (b)](index.md#{MERGED}__b)" in text
    assert f"#{MERGED}_c)" not in text


def test_displayed_anchors_never_meet_stable_ones(example_kb: KnowledgeBase) -> None:
    """Over every paragraph of every version: no displayed-letter anchor equals a stable one,
    and within one guideline of one version each displayed anchor names one paragraph."""
    for version in example_kb.versions:
        for guideline in version.guidelines:
            for text in (guideline.text, *guideline.translations.values()):
                stable = {urls.paragraph_anchor(guideline.id, p.id) for p in text.paragraphs}
                shown = [
                    urls.shared_paragraph_anchor(guideline.id, p.id, p.label)
                    for p in text.paragraphs
                    if p.label
                ]
                displayed = [a for a in shown if "__" in a]
                assert not set(displayed) & stable
                assert len(set(shown)) == len(shown), (version.id, guideline.id)


def test_the_displayed_anchor_reads_a_letter_or_number_only() -> None:
    assert urls.displayed_paragraph_anchor("x", "(b)") == "x__b"
    assert urls.displayed_paragraph_anchor("x", "(iv)") == "x__iv"
    assert urls.displayed_paragraph_anchor("x", "3.") == "x__3"
    assert urls.displayed_paragraph_anchor("x", "(b) bis") is None
    assert urls.shared_paragraph_anchor("x", "b", "(b)") == "x_b"
    assert urls.shared_paragraph_anchor("x", "c", "(b)") == "x__b"
    assert urls.shared_paragraph_anchor("x", "office-role", "") == "x_office-role"


def test_arabic_cards_name_the_paragraph_with_its_arabic_letter(
    example_pages: SiteFiles,
) -> None:
    labels = Labels("ar")
    text = page(example_pages, "ar", urls.guideline(MERGED))
    place = labels.format("place_paragraph", number="8", label="(ب)")
    assert f"[{place}](index.md#{MERGED}__b)" in text


@pytest.mark.parametrize("tree", ["main", *LANGUAGES])
def test_a_comment_on_an_explanatory_note_names_the_note_not_its_id(
    example_pages: SiteFiles, tree: str
) -> None:
    """Italy commented on the explanatory note of guideline 12 (paragraph ``note-1`` in the
    files): the comments table and the card say "explanatory note, paragraph 1" in the tree's
    words, never the files' id."""
    language = "en" if tree == "main" else tree
    said = Labels(language).format("note_paragraph", number="1")
    table = page(example_pages, tree, urls.COMMENTS)
    row = next(line for line in table.splitlines() if "ita-2018-3" in line and "|" in line)
    assert f"| {said} |" in row, row
    living = page(example_pages, tree, urls.guideline("social-reuse"))
    card = next(line for line in living.splitlines() if "`ita-2018-3`" in line)
    assert said in card, card
    for line in (row, card):
        assert "note-1" not in line.replace("comment_ita", ""), line


def test_a_place_in_an_explanatory_note_is_named_by_its_position() -> None:
    from redraft.comments.anchors import Place

    place = Place("2018-3", "social-reuse", "12", "Social reuse", "note-1", "", 1)
    assert place.describe() == "guideline 12, explanatory note, paragraph 1"
    lettered = Place("2018-3", "social-reuse", "12", "Social reuse", "social-reuse_b", "(b)")
    assert lettered.describe() == "guideline 12, paragraph (b)"
