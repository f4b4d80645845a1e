"""Page generation's fast paths answer exactly as the ways they replace (issue 18).

Generation makes tens of thousands of links and escapes the same texts on every page of every
tree; the shortcuts (links computed from the two paths alone, escaping skipped when there is
nothing to escape, remembered results of pure functions) must not change one byte.  The pages
themselves are compared with the golden pages (tests/test_site_golden.py) and, after a series of
edits, with a clean build (tests/test_site_incremental.py).
"""

from __future__ import annotations

import gc
import posixpath
from collections.abc import Iterator
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redraft.comments.traceability import trace
from redraft.kb.model import KnowledgeBase
from redraft.redline import textdiff
from redraft.redline.compare import LanguageNotFound, diff_versions
from redraft.redline.textdiff import _token_pattern, tokenize
from redraft.site import collector, generate, urls
from redraft.site.config import default_base
from redraft.site.context import Context, Facts
from redraft.site.documents import DocumentRequest
from redraft.site.generate import REMEMBERED, SiteFiles, generate_site
from redraft.site.page import Page
from redraft.site.text import _ESCAPES, escape_text


def test_links_between_every_pair_of_the_examples_pages(example_pages: SiteFiles) -> None:
    """Every page of the example's main tree linking to every other: relpath's answer."""
    pages = sorted(
        path.removeprefix("main/docs/")
        for path in example_pages.files
        if path.startswith("main/docs/") and path.endswith(".md")
    )
    assert len(pages) > 100
    for from_path, to_path in product(pages[::3], pages):
        expected = posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
        assert urls.link(from_path, to_path) == expected, (from_path, to_path)
    assert urls.link(pages[0], pages[0], "x_b").endswith("#x_b")


_SEGMENTS = st.sampled_from(["a", "b", "guidelines", "index.md", ".", "..", "", "c-1"])
_PATHS = st.lists(_SEGMENTS, min_size=1, max_size=5).map("/".join)


@given(path=_PATHS, start=_PATHS, absolute=st.sampled_from([(False, False), (True, True)]))
def test_relative_path_is_relpath(path: str, start: str, absolute: tuple[bool, bool]) -> None:
    """Odd paths too: ``.``, ``..``, doubled and trailing slashes, absolute paths."""
    if absolute[0]:
        path, start = "/" + path, "/" + start
    if not path:
        return  # relpath refuses an empty path; so does relative_path (same call)
    assert urls.relative_path(path, start) == posixpath.relpath(path, start or ".")


def test_a_relative_path_mixed_with_an_absolute_one_is_relpaths() -> None:
    assert urls.relative_path("/a/b", "c") == posixpath.relpath("/a/b", "c")
    assert urls.relative_path("a/b", "/") == posixpath.relpath("a/b", "/")


def test_the_same_folder_a_parent_and_a_child_are_relpaths() -> None:
    cases = [("a/b", "a/b"), ("a", "a/b"), ("a/b/c", "a"), ("a/b", ""), ("b", "a"), (".x/y", "a")]
    assert {(path, start): urls.relative_path(path, start) for path, start in cases} == {
        (path, start): posixpath.relpath(path, start or ".") for path, start in cases
    }
    assert [urls.relative_path(path, start) for path, start in cases[:4]] == [
        ".",
        "..",
        "b/c",
        "a/b",
    ]


@given(st.text(alphabet=st.sampled_from(["a", " ", "&", "<", "\x02", "é", "中", "*", "\n"])))
def test_escape_text_is_the_translation(text: str) -> None:
    assert escape_text(text) == text.translate(_ESCAPES)


def test_generation_forgets_what_it_remembered(
    example_kb: KnowledgeBase, example_pages: SiteFiles
) -> None:
    """The remembered texts are dropped when generation ends (MkDocs runs after it, and a
    build's peak memory is MkDocs'), and a second generation in the same process, which starts
    from empty memories, gives the same files as the first."""
    again = generate_site(
        example_kb,
        base_config=default_base(),
        handwritten={"about.md": b"# About\n"},
        site_dir=lambda folder: "../site" if folder == "main" else f"../site/{folder}",
    )
    assert [function.cache_info().currsize for function in REMEMBERED] == [0] * len(REMEMBERED)
    assert again.files == example_pages.files


def test_traces_from_remembered_redlines_are_the_traces(example_kb: KnowledgeBase) -> None:
    """The site's facts trace every decided comment from redlines and anchors it keeps (the
    comments on one guideline in one call share them); each trace is the one computed alone."""
    facts = Facts(example_kb)
    decided = [c for c in example_kb.comments() if trace(example_kb, c) is not None]
    assert len(decided) > 20
    for comment in example_kb.comments():
        assert facts.trace(comment) == trace(example_kb, comment), comment.id
    # fewer redlines computed than comments traced: that is the point of remembering them
    redlines = [key for key in facts._kept if key[0] == "guideline diff"]
    assert 0 < len(redlines) < len(decided)


def test_a_comparison_read_back_in_time_is_the_forward_one_mirrored(
    example_kb: KnowledgeBase,
) -> None:
    """The site compares each pair of versions once and mirrors it for the way back
    (``Facts.diff``); every pair, in the originals and in every language both have, must be
    what :func:`diff_versions` computes when asked the other way round."""
    facts = Facts(example_kb)
    versions = example_kb.versions
    pairs = [(a, b) for i, a in enumerate(versions) for b in versions[i + 1 :]]
    assert len(pairs) >= 6
    languages: set[str | None] = {None, *(lang for v in versions for lang in v.languages)}
    compared = 0
    for (older, newer), language in product(pairs, sorted(languages, key=str)):
        try:
            expected = diff_versions(example_kb, newer.id, older.id, language=language)
        except LanguageNotFound:
            continue
        forward = facts.diff(older.id, newer.id, language)
        backward = facts.diff(newer.id, older.id, language)
        assert backward == expected, (newer.id, older.id, language)
        assert not backward.forward and forward.forward
        compared += 1
    assert compared > len(pairs)  # translations were compared too


def test_pages_run_with_fewer_collections_documents_with_the_usual(
    example_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python's cyclic collector runs less often while pages are generated (they leave next to
    no cycles), at its usual pace while the Word and Excel documents are made (python-docx and
    openpyxl leave cycles), and as it was once generation ends, even when it fails."""
    usual = gc.get_threshold()
    during_documents: list[tuple[int, int, int]] = []
    during_pages: list[tuple[int, int, int]] = []

    def documents(kb: KnowledgeBase, request: DocumentRequest) -> bytes:
        during_documents.append(gc.get_threshold())
        return b"a document"

    def family(ctx: Context) -> Iterator[Page]:
        during_pages.append(gc.get_threshold())
        yield from ()

    monkeypatch.setattr(generate, "MAIN_FAMILIES", (*generate.MAIN_FAMILIES, family))
    generate_site(
        example_kb,
        base_config=default_base(),
        handwritten={},
        site_dir=lambda folder: f"../site/{folder}",
        documents=documents,
    )
    assert during_documents and set(during_documents) == {usual}
    assert during_pages == [(collector.FEWER_COLLECTIONS_THRESHOLD, *usual[1:])]
    assert gc.get_threshold() == usual

    def failing(ctx: Context) -> Iterator[Page]:
        raise RuntimeError("a page family failed")
        yield

    monkeypatch.setattr(generate, "MAIN_FAMILIES", (failing,))
    with pytest.raises(RuntimeError):
        generate_site(example_kb, base_config=default_base(), handwritten={}, site_dir=lambda f: f)
    assert gc.get_threshold() == usual


def test_a_collector_turned_off_stays_off() -> None:
    """A threshold of 0 is the collector turned off by whoever runs generation: pages leave it
    off rather than turn it on at 20,000."""
    usual = gc.get_threshold()
    try:
        gc.set_threshold(0, *usual[1:])
        with collector.fewer_collections():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*usual)


def test_mkdocs_renders_a_tree_with_fewer_collections(tmp_path: Path) -> None:
    """MkDocs' build of a tree runs with the collector's threshold raised, as page generation
    does (what a hook sees while a page is converted), and with the usual one after it."""
    from redraft.site.mkdocs_run import build_tree, quietly

    usual = gc.get_threshold()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nWords.\n", encoding="utf-8")
    (tmp_path / "hooks.py").write_text(
        "import gc, pathlib\n"
        "def on_page_markdown(markdown, **kwargs):\n"
        "    seen = pathlib.Path(__file__).with_name('seen.txt')\n"
        "    seen.write_text(repr(gc.get_threshold()), encoding='utf-8')\n"
        "    return markdown\n",
        encoding="utf-8",
    )
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\nhooks: [hooks.py]\n", encoding="utf-8")
    with quietly(0, []):
        build_tree(config, strict=True, site_dir=tmp_path / "site")
    seen = (tmp_path / "seen.txt").read_text(encoding="utf-8")
    assert seen == repr((collector.FEWER_COLLECTIONS_THRESHOLD, *usual[1:]))
    assert gc.get_threshold() == usual


def test_a_remembered_tokenisation_is_handed_out_as_a_copy() -> None:
    """The tokens of a text are remembered (a paragraph is diffed against each version it is
    compared with); each caller still gets a list of its own, and generation forgets them."""
    text = "The State party should review the measure, and report on it."
    first = tokenize(text)
    first.append("changed by a caller")
    second = tokenize(text)
    assert second == _token_pattern().findall(text)
    assert second is not first
    assert textdiff._tokens.cache_info().currsize > 0
    generate.forget_remembered()
    assert textdiff._tokens.cache_info().currsize == 0
