"""A link to a paragraph lands on a page that shows that paragraph, in every language tree.

A comment's card says where its passage stands today ("the passage is still in guideline 17,
paragraph (c) of the working draft") and links the paragraph.  A language tree shows only what
is translated: its living page of an untranslated guideline carries the notice that the text is
missing, and no paragraph anchor.  The link then goes to the original in the main tree, and says
so; where the tree shows the paragraph, it stays in the tree.

The example translates every guideline its comments point at, so these tests use a small
synthetic knowledge base (``scripts/synth_kb.py``) whose Chinese and French trees translate only
some guidelines: before the fix, its pages had links to stable (``#x_a``), relettered
(``#x__b``) and explanatory-note (``#x_note-1``) anchors that their targets lacked.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase
from redraft.site import urls
from redraft.site.blocks import guideline_text, paragraph_anchors, place_target
from redraft.site.build import build
from redraft.site.config import default_base
from redraft.site.generate import SiteFiles, generate_site
from redraft.site.labels import Labels

from .site_support import check_links
from .test_check_fast_paths import make_synthetic_kb
from .test_site_language_words import tree_context

TREES = ("zh", "fr")

_PARAGRAPH_LINK = re.compile(r"\]\((?P<target>[^)\s]*?)#(?P<anchor>[a-z0-9-]+__?[a-z0-9-]+)\)")
_OTHER_ANCHORS = ("comment", "reply", "history", "para", "discussed", "reference", "call", "part")
_ATTRIBUTE_ANCHOR = re.compile(r"\{:? [^}]*?#([a-z0-9][a-z0-9_-]*)")


@pytest.fixture(scope="module")
def synthetic_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten guidelines in four versions, some translated into Chinese and French: every kind of
    paragraph anchor a card links (stable, relettered, explanatory note) has, in this base, a
    guideline one of the trees does not translate."""
    return make_synthetic_kb(
        tmp_path_factory.mktemp("partial") / "kb",
        seed=8,
        guidelines=10,
        versions=4,
        parties=6,
        comments=60,
    )


@pytest.fixture(scope="module")
def synthetic_kb(synthetic_root: Path) -> KnowledgeBase:
    loaded = load(synthetic_root)
    assert loaded.kb is not None
    return loaded.kb


@pytest.fixture(scope="module")
def synthetic_pages(synthetic_kb: KnowledgeBase) -> SiteFiles:
    return generate_site(
        synthetic_kb,
        base_config=default_base(),
        handwritten={},
        site_dir=lambda folder: "../site" if folder == "main" else f"../site/{folder}",
        internal=False,
    )


def _markdown(pages: SiteFiles, tree: str, path: str) -> str | None:
    data = pages.files.get(f"{tree}/docs/{path}")
    return None if data is None else data.decode("utf-8")


def _anchors(markdown: str) -> set[str]:
    """The anchors a page's attribute lists give (``{ #x__b .redraft-label }``, ``{: #x_a }``)."""
    return set(_ATTRIBUTE_ANCHOR.findall(markdown))


# -- the link a card writes -------------------------------------------------------------------


def test_every_paragraph_link_of_every_tree_finds_its_anchor(synthetic_pages: SiteFiles) -> None:
    """Over every generated page of every tree: a link to a paragraph of a page of the same
    tree finds the anchor in that page; a link that climbs out into the main tree finds it
    there.  (MkDocs checks the first kind only; the second is checked on HTML below.)"""
    checked = 0
    broken = []
    for name, data in synthetic_pages.files.items():
        tree, _, path = name.partition("/docs/")
        if not path.endswith(".md"):
            continue
        for match in _PARAGRAPH_LINK.finditer(data.decode("utf-8")):
            target, anchor = match["target"], match["anchor"]
            if anchor.split("_")[0] in _OTHER_ANCHORS:
                continue
            if target.endswith(".md") or not target:  # a page of this tree, as MkDocs sees it
                into = tree
                page = posixpath.normpath(posixpath.join(posixpath.dirname(path), target or "."))
                page = page if target else path
            else:  # a URL of the whole site, out of the tree (only ever into the main tree)
                base = ("" if tree == "main" else f"{tree}/") + urls.page_url(path)
                into, url = "main", posixpath.normpath(posixpath.join(base, target))
                page = f"{url}/index.md"
            markdown = _markdown(synthetic_pages, into, page)
            checked += 1
            if markdown is None or anchor not in _anchors(markdown):
                broken.append(f"{name}: {target}#{anchor} ({into}/{page})")
    assert checked > 100
    assert broken == [], "\n".join(broken[:20])


@pytest.mark.parametrize("tree", TREES)
def test_a_paragraph_the_tree_shows_is_linked_in_the_tree(
    synthetic_kb: KnowledgeBase, synthetic_pages: SiteFiles, tree: str
) -> None:
    """For every comment whose passage stands in a paragraph of the working draft: the link
    goes to the tree's living page when that page holds the paragraph's anchor, unmarked;
    otherwise to the original's living page in the main tree, which holds it, marked as
    English.  Both happen in this base."""
    ctx = tree_context(synthetic_kb, tree)
    latest = ctx.kb.versions[-1]
    path = urls.party("aut")  # two levels down, as every party page
    outcomes = {"tree": 0, "main": 0}
    for comment in ctx.kb.comments():
        found = ctx.facts.anchor(comment, latest.id)
        if found is None or found.place is None or found.place.paragraph is None:
            continue
        place = found.place
        chosen = place_target(ctx, path, place)
        anchor = chosen.target.partition("#")[2]
        shown = _markdown(synthetic_pages, tree, urls.guideline(place.guideline))
        if shown is not None and anchor in _anchors(shown):
            assert chosen.language is None
            assert chosen.target == urls.link(path, urls.guideline(place.guideline), anchor)
            outcomes["tree"] += 1
        else:
            assert chosen.language == "en", (comment.id, chosen)
            assert chosen.target == f"../../../guidelines/{place.guideline}/#{anchor}"
            assert anchor == urls.shared_paragraph_anchor(
                place.guideline, place.paragraph, place.label
            )
            main = _markdown(synthetic_pages, "main", urls.guideline(place.guideline))
            assert main is not None and anchor in _anchors(main)
            outcomes["main"] += 1
    assert outcomes["tree"] > 0 and outcomes["main"] > 0, outcomes


@pytest.mark.parametrize("tree", TREES)
def test_a_link_to_the_original_says_its_language(
    synthetic_pages: SiteFiles, synthetic_kb: KnowledgeBase, tree: str
) -> None:
    """The card's words name the language of the page the link opens ("(英文)", "(anglais)"),
    and the link carries ``hreflang``, as a missing translation's link to the original does."""
    labels = Labels(tree)
    english = labels.language_name("en")
    marked = 0
    for name, data in synthetic_pages.files.items():
        if not name.startswith(f"{tree}/docs/") or not name.endswith(".md"):
            continue
        for line in data.decode("utf-8").splitlines():
            if 'class="redraft-anchor ' not in line or "](" not in line:
                continue
            if "{ hreflang=en }" in line:
                marked += 1
                link_words = line.split("[", 1)[1].split("](", 1)[0]
                assert link_words.endswith(
                    labels.format("place_in_language", place="", language=english).strip()
                ), line
                assert "](../" in line
            else:
                assert english not in line, line
    assert marked > 0


def test_the_anchors_listed_are_the_anchors_rendered(example_kb: KnowledgeBase) -> None:
    """``paragraph_anchors`` (what a link is checked against) and the text's Markdown (what the
    page holds) name the same anchors, for every text of every guideline of the example (its
    relettered paragraphs and explanatory notes included)."""
    ctx = tree_context(example_kb, "fr")
    relettered = 0
    for version in example_kb.versions:
        for guideline in version.guidelines:
            for text in (guideline.text, *guideline.translations.values()):
                listed = paragraph_anchors(guideline.id, text)
                rendered = _anchors(guideline_text(ctx, guideline, text))
                assert listed == rendered, (version.id, guideline.id, text.language)
                relettered += sum("__" in a for a in listed)
    assert relettered > 0


# -- the built site ---------------------------------------------------------------------------


def test_a_strict_build_of_partial_translations_has_no_warning(synthetic_root: Path) -> None:
    """``build(strict=True)`` fails on any MkDocs warning (a link to an anchor its page lacks);
    every link of the HTML, into another tree included, then finds its page and anchor, and a
    link marked with a language reaches a page in that language."""
    result = build(synthetic_root, strict=True, workers=1)
    assert result.mkdocs_warnings == ()
    assert result.prepared is not None
    assert [t.prefix for t in result.prepared.site.trees] == ["", "zh/", "fr/"]
    checked, broken = check_links(synthetic_root / "site")
    assert checked > 1000
    assert broken == [], "\n".join(map(str, broken[:20]))


VISIBLE_NOTE_ID = re.compile(r"\bnote-\d")


def visible_text(markdown: str) -> str:
    """What Redraft writes for a reader on a generated page: without link targets, attribute
    lists and HTML attributes, where the files' ids rightly stay (anchors keep ``note-1`` for
    old links), and without a note verbale's text as received (the party's words, shown as
    they came: this base's synthetic replies name paragraphs by their ids)."""
    markdown = re.sub(r"<details\b.*?</details>", "", markdown, flags=re.DOTALL)
    markdown = re.sub(r"\]\([^)]*\)", "]", markdown)
    markdown = re.sub(r"\{[:#.][^}]*\}", "", markdown)
    return re.sub(r'\b[\w-]+="[^"]*"', "", markdown)


def test_no_page_names_a_note_paragraph_by_its_id(synthetic_pages: SiteFiles) -> None:
    """ "The passage is still in guideline 12, paragraph note-1" showed the files' id of an
    explanatory note's paragraph in every tree; a reader is told "explanatory note, paragraph
    1" in the tree's words, wherever a place is named (the example has no such card; this base
    has them in every tree)."""
    seen = []
    for path, data in synthetic_pages.files.items():
        if not path.endswith(".md"):
            continue
        for number, line in enumerate(visible_text(data.decode("utf-8")).splitlines(), 1):
            if VISIBLE_NOTE_ID.search(line):
                seen.append(f"{path}:{number}: {line.strip()[:160]}")
    assert not seen, "\n".join(seen[:10])
    # and the place is named as a reader would, in the main tree and in a translation's words
    english = re.compile(r"guideline \d+, explanatory note, paragraph \d")
    french = re.compile(r"ligne directrice \d+, note explicative, paragraphe \d")
    texts = [data.decode("utf-8") for p, data in synthetic_pages.files.items() if p.endswith(".md")]
    assert any(english.search(text) for text in texts)
    assert any(french.search(text) for text in texts)
