"""Every language tree reads as its readers write: the comments and statistics pages in each
language, dates from CLDR, Arabic paragraph letters, meeting names; the statistics drawn as
accessible charts; the comments table unambiguous and marked with each comment's language."""

from __future__ import annotations

import html
import re

import pytest

from redraft.kb.model import DISPOSITIONS, KnowledgeBase
from redraft.site import urls
from redraft.site.generate import SiteFiles
from redraft.site.labels import ABJAD, Labels, letter_label
from redraft.site.stats import DISPOSITION_PATTERNS

TREES = ("main", "ar", "zh", "fr", "ru", "es")


def page(site: SiteFiles, tree: str, path: str) -> str:
    return site.files[f"{tree}/docs/{path}"].decode("utf-8")


@pytest.mark.parametrize("tree", TREES)
def test_every_tree_has_its_comments_and_statistics_in_its_language(
    example_pages: SiteFiles, example_kb: KnowledgeBase, tree: str
) -> None:
    labels = Labels("en" if tree == "main" else tree)
    stats = page(example_pages, tree, urls.STATS)
    comments = page(example_pages, tree, urls.COMMENTS)
    assert f"# {labels['stats']}\n" in stats
    assert f"# {labels['comments_title']}\n" in comments
    for key in ("per_guideline", "per_party", "dispositions", "replies_per_call"):
        assert f"## {labels[key]} " in stats
    for disposition in DISPOSITIONS:
        assert labels[f"disposition_{disposition}"] in stats
    # every public comment is in every tree's table, once; a general comment is also shown in
    # full under "General comments", above the table
    for comment in example_kb.without_restricted().comments():
        assert comments.count(f"`{comment.id}`") == (2 if comment.is_general else 1)


def test_the_language_trees_list_comments_and_statistics_in_their_navigation(
    example_pages: SiteFiles,
) -> None:
    import yaml

    for tree in TREES[1:]:
        nav = yaml.safe_load(example_pages.files[f"{tree}/mkdocs.yml"])["nav"]
        targets = [target for item in nav for target in item.values()]
        assert urls.COMMENTS in targets and urls.STATS in targets


def test_each_chart_has_a_text_alternative_and_patterns_beside_colours(
    example_pages: SiteFiles,
) -> None:
    stats = page(example_pages, "main", urls.STATS)
    charts = re.findall(r"<svg class=\"redraft-chart\".*?</svg>", stats)
    assert len(charts) == 5  # per guideline, per party, dispositions, per month, per call
    for chart in charts:
        assert 'role="img"' in chart
        title = re.search(r'aria-labelledby="([^"]+)"', chart)
        desc = re.search(r'aria-describedby="([^"]+)"', chart)
        assert title and f'<title id="{title.group(1)}">' in chart
        assert desc and f'<desc id="{desc.group(1)}">' in chart
    # the dispositions chart's description names its largest figure
    dispositions = next(c for c in charts if "dispositions_chart" in c)
    assert "Highest: Accepted: 21" in html.unescape(dispositions)
    # every disposition but one has a texture; the one left is the only plain fill
    plain = [d for d, shape in DISPOSITION_PATTERNS.items() if not shape]
    assert len(plain) == 1
    for disposition, shape in DISPOSITION_PATTERNS.items():
        if shape:
            assert stats.count(f'<pattern id="redraft-{disposition}"') == 1  # ids once a page
            assert f'fill="url(#redraft-{disposition})"' in stats
    # the figures stay on the page, behind a disclosure under each chart
    assert stats.count('??? abstract redraft-figures "The figures as a table"') == 5


def test_statistics_name_a_former_guideline_with_its_version(example_pages: SiteFiles) -> None:
    """Guideline 8 of CRP.14 (Management of seized companies) was split; the draft has another
    guideline 8.  Both are listed, and the former one names the last version that had it."""
    stats = html.unescape(page(example_pages, "main", urls.STATS))
    assert "8. Sale of assets before final confiscation](" in stats
    assert "8. Management of seized companies (CAC/COSP/IRG/2018/CRP.14)](" in stats


def test_the_guideline_filter_names_each_guideline_once(
    example_pages: SiteFiles, example_kb: KnowledgeBase
) -> None:
    comments = html.unescape(page(example_pages, "main", urls.COMMENTS))
    # a general comment's cell names what it addresses ("General"), no guideline
    general = {c.id for c in example_kb.comments() if c.is_general}
    names: dict[str, set[str]] = {}
    for row in comments.split("\n"):
        if not row.startswith("| [`") or row.split("`")[1] in general:
            continue
        cells = row.split(" | ")
        name = re.match(r"\[(.*)\]\(", cells[3])
        target = re.search(r"guidelines/([a-z0-9-]+)/", cells[3])
        assert name and target
        names.setdefault(name.group(1), set()).add(target.group(1))
    assert names
    assert all(len(ids) == 1 for ids in names.values()), names


@pytest.mark.parametrize("tree", TREES)
def test_every_comment_in_the_table_says_its_language_and_direction(
    example_pages: SiteFiles, tree: str
) -> None:
    comments = page(example_pages, tree, urls.COMMENTS)
    spans = re.findall(r"<span lang=\"[^\"]+\"[^>]*>", comments)
    assert spans
    for span in spans:
        assert re.fullmatch(r'<span lang="[a-z]{2}" dir="(ltr|rtl)">', span), span


def test_an_arabic_comment_is_written_right_to_left(example_kb: KnowledgeBase) -> None:
    from dataclasses import replace

    from .test_site_generate import generate

    submission = next(s for s in example_kb.submissions if not s.restricted)
    arabic = replace(
        submission,
        language="ar",
        comments=tuple(
            replace(c, language="ar", text="ينبغي توضيح هذه الفقرة.") for c in submission.comments
        ),
    )
    kb = replace(
        example_kb,
        submissions=tuple(arabic if s is submission else s for s in example_kb.submissions),
    )
    table = page(generate(kb), "main", urls.COMMENTS)
    assert '<span lang="ar" dir="rtl">ينبغي توضيح هذه الفقرة.</span>' in table


def test_arabic_paragraphs_are_lettered_in_abjad_order(example_pages: SiteFiles) -> None:
    arabic = page(example_pages, "ar", urls.guideline("pre-seizure-planning"))
    labels = re.findall(r"^\[\(([^)]+)\)\]\(#pre-seizure-planning(_+[a-z-]+)\)", arabic, re.M)
    # the reader sees أ ب ج د; each label's link names the paragraph's rank in the files'
    # letters (the relettered ones in the displayed-letter namespace, docs/site.md)...
    assert [letter for letter, _ in labels] == ["أ", "ب", "ج", "د"]
    assert [anchor for _, anchor in labels] == ["_a", "__b", "__c", "__d"]
    # ...and the paragraphs keep the files' ids, so old links still work
    stable = re.findall(r"^\{: #pre-seizure-planning_([a-z-]+) \.redraft-para \}", arabic, re.M)
    assert stable == ["a", "office-role", "b", "c"]
    english = page(example_pages, "main", urls.guideline("pre-seizure-planning"))
    assert "[(a)](#pre-seizure-planning_a)" in english


def test_letters_past_the_abjad_and_other_labels_are_left_as_they_are() -> None:
    assert letter_label("(e)", "ar") == "(هـ)"
    assert letter_label(f"({chr(ord('a') + len(ABJAD))})", "ar") == "(" + chr(97 + 28) + ")"
    assert letter_label("(a)", "fr") == "(a)"
    assert letter_label("1.", "ar") == "1."


@pytest.mark.parametrize(
    ("tree", "date", "meeting"),
    [
        ("zh", "2019年3月20日", "资产追回问题工作组第十三次会议"),
        ("main", "20 March 2019", "Working Group on Asset Recovery, thirteenth meeting"),
    ],
)
def test_version_dates_and_meetings_are_in_the_trees_language(
    example_pages: SiteFiles, tree: str, date: str, meeting: str
) -> None:
    index = html.unescape(page(example_pages, tree, urls.VERSIONS))
    assert date in index
    assert meeting in index


@pytest.mark.parametrize(
    ("tree", "date"),
    [
        ("fr", "28 janvier 2019"),
        ("es", "28 de enero de 2019"),
        ("ru", "28 января 2019 г."),
        ("ar", "28 يناير 2019"),
        ("main", "28 January 2019"),
    ],
)
def test_call_dates_on_the_statistics_are_in_the_trees_language(
    example_pages: SiteFiles, tree: str, date: str
) -> None:
    assert date in html.unescape(page(example_pages, tree, urls.STATS))


@pytest.mark.parametrize("tree", TREES)
def test_every_home_can_say_that_a_page_has_no_counterpart(
    example_pages: SiteFiles, tree: str
) -> None:
    labels = Labels("en" if tree == "main" else tree)
    home = page(example_pages, tree, urls.HOME)
    note = re.search(r'<div class="admonition info redraft-missing" hidden[^>]*>.*?</div>', home)
    assert note, "the switcher's note is missing"
    assert html.escape(labels["page_missing_title"], quote=False) in html.unescape(
        note.group(0)
    ) or (labels["page_missing_title"] in html.unescape(note.group(0)))


def test_the_compare_index_counts_the_newer_versions_guidelines(
    example_pages: SiteFiles, example_kb: KnowledgeBase
) -> None:
    """ "20 guidelines changed" for a draft of 16 counted deleted and merged-away guidelines of
    the older version; the count is of the newer version's guidelines."""
    index = page(example_pages, "main", urls.COMPARE)
    found = re.findall(
        r"\]\(([a-z0-9-]+)/([a-z0-9-]+)/index\.md\) — (\d+) guidelines changed", index
    )
    assert found
    for older, newer, count in found:
        version = example_kb.version(newer)
        assert version is not None
        changed = int(count)
        assert 0 < changed <= len(version.guidelines), (older, newer, count)


def test_words_in_another_language_are_marked_in_a_language_tree(
    example_pages: SiteFiles, example_kb: KnowledgeBase
) -> None:
    """Party names are kept in English only; in the Arabic table each says so, and a former
    guideline never translated into Arabic is marked as English too."""
    table = page(example_pages, "ar", urls.COMMENTS)
    for comment in example_kb.without_restricted().comments():
        party = example_kb.party(comment.party)
        assert party is not None
        assert f'[<span lang="en" dir="ltr">{party.name}</span>]' in html.unescape(table)
    assert '<span lang="en" dir="ltr">&#55;&#46; Sale of perishable' in table
    # in the main tree nothing is foreign
    assert "[<span" not in page(example_pages, "main", urls.COMMENTS)


def test_a_redline_says_what_a_new_or_deleted_paragraph_is_in_the_trees_language(
    example_pages: SiteFiles,
) -> None:
    """The words after a new, deleted or moved row of a redline are the tree's: no English
    "(new paragraph)" on a Chinese comparison, and each tree that shows such a row says it in
    its own words."""
    hint = re.compile(r'<span class="redraft-hint"[^>]*>\(([^)<]*)\)</span>')
    seen: dict[str, set[str]] = {}
    for path, data in example_pages.files.items():
        folder = path.split("/", 1)[0]
        if path.endswith(".md") and "/compare/" in path:
            seen.setdefault(folder, set()).update(hint.findall(data.decode("utf-8")))
    languages = {"main": "en", "zh": "zh", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar"}
    assert set(seen) == set(languages), sorted(seen)
    for folder, found in seen.items():
        labels = Labels(languages[folder])
        kinds = ("inserted", "deleted", "moved", "footnote_inserted", "footnote_deleted")
        own = {labels[f"hint_{kind}"] for kind in kinds}
        assert found <= own, (folder, found - own)
    # the example's comparisons have new and deleted rows in English and in Chinese
    assert seen["main"] and seen["zh"], seen


_REDLINE = re.compile(
    # a comparison's or history's redline (its texts' language on the tab set) or a comment
    # card's trace (on the rows themselves)
    r'(?:<div class="tabbed-set tabbed-alternate redraft-redline" data-tabs="[^"]*"'
    r'(?: lang="([^"]*)")?>.*?<div class="redraft-inline">'
    r'|<div class="redraft-inline" lang="([^"]*)" dir="[^"]*">)(.*?)</div>',
    re.DOTALL,
)
_HINT = re.compile(r'<span class="redraft-(?:hint|origin)"([^>]*)>')


def test_a_hint_in_another_language_than_its_row_is_set_apart(example_pages: SiteFiles) -> None:
    """The Arabic tree's words after an English text it has no translation of carry their own
    language and direction, so that the bidi algorithm does not reorder their brackets and
    numbers with the English row's ("(من المبدأ التوجيهي السابق 7 (a))" came out scrambled); a
    hint in its row's language carries nothing."""
    languages = {"main": "en", "zh": "zh", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar"}
    seen: dict[tuple[str, bool], int] = {}
    for path, data in example_pages.files.items():
        folder = path.split("/", 1)[0]
        if not path.endswith(".md") or folder not in languages:
            continue
        tree = languages[folder]
        for tabs_language, trace_language, body in _REDLINE.findall(data.decode("utf-8")):
            row_language = tabs_language or trace_language
            assert row_language, path  # every redline says the language of its texts
            for attributes in _HINT.findall(body):
                foreign = row_language != tree
                direction = "rtl" if tree == "ar" else "ltr"
                expected = f' lang="{tree}" dir="{direction}"' if foreign else ""
                assert attributes == expected, (path, row_language, attributes)
                seen[(folder, foreign)] = seen.get((folder, foreign), 0) + 1
    # the example has both: Arabic words after English rows, and each tree's own rows
    assert seen.get(("ar", True)) and seen.get(("main", False)) and seen.get(("zh", False)), seen


def test_where_a_carried_paragraph_came_from_is_said_in_the_trees_language(
    example_pages: SiteFiles,
) -> None:
    """A paragraph a merge carried over says where it came from or went ("from former
    guideline 7 (a)"): in the tree's words, the label as the compared text letters it (an
    English text's "(a)" on a comment card of the Arabic tree stays "(a)", like its row)."""
    origin = re.compile(r'<span class="redraft-origin"[^>]*>\(([^<]*)\)</span>')
    found: dict[str, set[str]] = {}
    for path, data in example_pages.files.items():
        if path.endswith(".md"):
            found.setdefault(path.split("/", 1)[0], set()).update(
                html.unescape(o) for o in origin.findall(data.decode("utf-8"))
            )
    assert "from former guideline 7 (a)" in found["main"]
    assert "carried into guideline 7 (a)" in found["main"]
    for folder, language in (("zh", "zh"), ("fr", "fr"), ("ar", "ar")):
        said = found.get(folder, set())
        labels = Labels(language)
        start = labels["origin_from"].split("{", 1)[0]
        assert said, folder
        assert not any("former guideline" in s or "carried into" in s for s in said), said
        assert any(s.startswith(start) for s in said), (folder, said)
