"""What a language tree's reader reads around the texts is in the tree's language: the general
comments (their section, headings, cards and table cells), the version header's dates, the
notice on a guideline the latest version no longer has, the comments pages by note verbale of a
long process, and the Arabic table's paragraph letters.  The main tree's words stay as they were
(the golden pages hold them byte for byte; a few are asserted here beside their translations)."""

from __future__ import annotations

import html
import re

import pytest

from redraft.kb.model import KnowledgeBase
from redraft.site import comments, guidelines, urls
from redraft.site.context import Context, Facts, Provenance
from redraft.site.generate import SiteFiles, language_trees
from redraft.site.labels import Labels

TREES = ("zh", "ar", "fr")
EXAMPLE_GENERAL = "aut-2019-5"
"""The example's one general comment: Austria's, on the document as a whole, noted."""


def page(site: SiteFiles, tree: str, path: str) -> str:
    return html.unescape(site.files[f"{tree}/docs/{path}"].decode("utf-8"))


def tree_context(kb: KnowledgeBase, language: str) -> Context:
    """The context a public build gives the pages of ``language``'s tree."""
    visible = kb.without_restricted()
    trees = language_trees(visible)
    tree = next(t for t in trees if t.language == language)
    facts = Facts(visible, Provenance(off="not asked for"))
    return Context(visible, tree, trees, Labels(language), facts, False)


def table_row(text: str, comment_id: str) -> list[str]:
    row = next(line for line in text.splitlines() if line.startswith(f"| [`{comment_id}`]"))
    return [cell.strip() for cell in row.split(" | ")]


@pytest.mark.parametrize("tree", TREES)
def test_the_general_comments_section_is_in_the_trees_language(
    example_pages: SiteFiles, example_kb: KnowledgeBase, tree: str
) -> None:
    labels = Labels(tree)
    text = page(example_pages, tree, urls.COMMENTS)
    start = text.index(f"## {labels['general_comments']} {{ #general_comments }}")
    end = text.index(f"## {labels['all_comments']} {{ #all_comments }}")
    section = text[start:end]
    subject = labels.format("general_on", subject=labels["subject_document"])
    assert f"### {subject}\n" in section
    call = example_kb.call(next(c for c in example_kb.comments() if c.id == EXAMPLE_GENERAL).call)
    assert call is not None
    commented = example_kb.version(call.version)
    assert commented is not None and commented.symbol
    head = next(line for line in section.splitlines() if f"`{EXAMPLE_GENERAL}`" in line)
    assert labels.format("card_on", version=commented.symbol) in head
    assert f" · {labels['type_general']} · " in head
    assert labels["disposition_noted"] in section
    for english in ("General comments", "On the whole document", " on CAC/", "Noted", "Comments"):
        assert english not in section, english
    # every tree has the party pages: the card's link stays in the tree
    assert "](../parties/aut/index.md)" in head
    assert f"{tree}/docs/{urls.party('aut')}" in example_pages.files
    assert table_row(text, EXAMPLE_GENERAL)[3] == labels["cell_general"]


def test_the_main_trees_general_comments_keep_their_english_words(
    example_pages: SiteFiles,
) -> None:
    text = page(example_pages, "main", urls.COMMENTS)
    assert "## General comments { #general_comments }\n\n### On the whole document\n" in text
    assert "** · on CAC/COSP/IRG/2018/CRP.14 · General · `aut-2019-5`" in text
    assert table_row(text, EXAMPLE_GENERAL)[3] == "General"


@pytest.mark.parametrize(
    ("tree", "date"),
    [
        ("zh", "2019年3月20日"),
        ("ar", "20 مارس 2019"),
        ("fr", "20 mars 2019"),
        ("ru", "20 марта 2019 г."),
    ],
)
def test_the_version_header_dates_versions_in_the_trees_language(
    example_pages: SiteFiles, tree: str, date: str
) -> None:
    paths = [urls.guideline("office-powers")]
    if tree == "zh":  # the one tree with a text of that version, hence its pages
        paths.append(urls.version_guideline("2019-3", "office-powers"))
    for path in paths:
        text = page(example_pages, tree, path)
        header = re.search(r'<div class="redraft-identity".*?</div>', text, re.S)
        assert header is not None, path
        assert f"({date})" in header.group(0)
        assert not re.search(r"\d (January|February|March|November) \d{4}", header.group(0))
    english = page(example_pages, "main", urls.guideline("office-powers"))
    assert "(20 March 2019)" in english


def test_the_arabic_table_letters_paragraphs_as_arabic_texts_do(
    example_pages: SiteFiles,
) -> None:
    # aut-2018-1 is on paragraph (a) of pre-seizure planning, nor-2018-1 on its (c)
    paragraph = 4  # the Para. column
    arabic = page(example_pages, "ar", urls.COMMENTS)
    assert table_row(arabic, "aut-2018-1")[paragraph] == "(أ)"
    assert table_row(arabic, "nor-2018-1")[paragraph] == "(ج)"
    for tree in ("main", "zh", "fr"):
        assert table_row(page(example_pages, tree, urls.COMMENTS), "aut-2018-1")[paragraph] == "a"


@pytest.mark.parametrize("language", TREES)
def test_a_guideline_gone_from_the_latest_version_says_so_in_the_trees_language(
    example_kb: KnowledgeBase, language: str
) -> None:
    """The example's trees have no guideline gone from the latest version, but a process whose
    translated guideline is deleted has: the notice is rendered for such a tree directly."""
    ctx = tree_context(example_kb, language)
    found = ctx.facts.latest_with("interlocutory-sale")
    assert found is not None
    last = found[0]
    path = urls.guideline("interlocutory-sale")
    notice = html.unescape(guidelines._gone_notice(ctx, path, "interlocutory-sale", last))
    labels = ctx.labels
    removed_in = example_kb.versions[(example_kb.version_index(last.id) or 0) + 1]
    assert notice.startswith(f'!!! warning "{labels["not_in_latest"]}"')
    assert labels.format("removed_in", version=removed_in.symbol or "") in notice
    # merged into the sale before confiscation: the link goes to this tree's page of it
    went_into = labels["text_went_into"].split("{links}")[0]
    assert f"{went_into}[" in notice
    assert "(../sale-before-confiscation/index.md)" in notice
    for english in ("Not in the latest version", "removed in", "Its text went into"):
        assert english not in notice


def test_the_english_notice_on_a_gone_guideline_is_unchanged(example_pages: SiteFiles) -> None:
    text = page(example_pages, "main", urls.guideline("interlocutory-sale"))
    assert (
        '!!! warning "Not in the latest version"\n\n    This guideline was removed in the ' in text
    )
    assert "    Its text went into [" in text


@pytest.mark.parametrize("language", TREES)
def test_a_long_process_comments_pages_are_in_the_trees_language(
    example_kb: KnowledgeBase, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More comments than a page holds: an index by note verbale, then pages of each call."""
    monkeypatch.setattr(comments, "PAGE_SIZE", 10)
    ctx = tree_context(example_kb, language)
    labels = ctx.labels
    generated = list(comments.pages(ctx))
    index = generated[0]
    assert index.path == urls.COMMENTS and index.title == labels["comments_title"]
    body = html.unescape(index.body)
    headers = next(line for line in body.splitlines() if line.startswith("| "))
    for key in ("note_verbale", "date", "commented_version", "comments", "pages"):
        assert f" {labels[key]} " in headers, key
    assert labels["disposition_accepted"] in headers
    # no party or guideline index in a language tree: the lead does not link to one
    assert "../parties/" not in body and "Comments and dispositions" not in body
    call = example_kb.calls[0]
    first = next(p for p in generated if p.path == urls.comments_of(call.id, 1))
    count = sum(1 for p in generated if p.path.startswith(f"comments/{call.id}/"))
    assert count > 1
    title = labels.format("comments_on_call", reference=call.reference)
    assert first.title == labels.format("page_of", title=title, number="1", count=str(count))
    first_body = html.unescape(first.body)
    assert labels["pages_line"].split("{pager}")[0] + "**1**" in first_body
    assert "Comments on note verbale" not in first_body and "Pages:" not in first_body


def test_a_meeting_without_a_title_in_the_trees_language_is_marked_as_english(
    example_pages: SiteFiles,
) -> None:
    """The example's meeting has a Chinese report title, no Arabic or French one: those trees
    fall back to the meeting as written in English, marked so that it is voiced as English."""

    def heading(tree: str) -> str:
        text = example_pages.files[f"{tree}/docs/{urls.guideline('office-powers')}"].decode()
        return next(line for line in text.splitlines() if "{ #discussed_wg2-13 }" in line)

    for tree in ("ar", "fr"):
        assert heading(tree).startswith('### <span lang="en" dir="ltr">Open-ended ')
    assert "<span" not in heading("zh") and "<span" not in heading("main")


@pytest.mark.parametrize(
    ("tree", "highest", "between"),
    [
        ("zh", "。最多：", "；"),
        ("fr", ". Les plus élevés : ", " ; "),
        ("main", ". Highest: ", "; "),
    ],
)
def test_a_charts_text_alternative_is_punctuated_as_the_tree_writes(
    example_pages: SiteFiles, tree: str, highest: str, between: str
) -> None:
    stats = page(example_pages, tree, urls.STATS)
    desc = re.search(r'<desc id="per_party_chart_desc">(.*?)</desc>', stats)
    assert desc is not None
    labels = Labels("en" if tree == "main" else tree)
    assert desc.group(0).startswith(f'<desc id="per_party_chart_desc">{labels["per_party_chart"]}')
    figures = desc.group(1).split(highest, 1)[1]
    assert figures.count(between) == 2  # the three parties that commented most
    if tree == "zh":
        assert "; " not in desc.group(1) and desc.group(1).endswith("。")
