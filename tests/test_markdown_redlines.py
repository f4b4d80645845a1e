"""Redline blocks stashed whole (:mod:`redraft.site.markdown_redlines`) give Python-Markdown's own
HTML: on every page of the example, where every redline takes the short way, and on blocks the
short way must leave to the extractor (where they are, or what they hold)."""

from __future__ import annotations

from typing import Any

import markdown
import pytest
from markdown.extensions.md_in_html import HtmlBlockPreprocessor

from redraft.site import markdown_redlines
from redraft.site.generate import SiteFiles
from redraft.site.markdown_redlines import REDLINE_OPENING, redline_block_end
from redraft.site.redlines import RedlineRow, TabIds, redline_tabs

from .site_support import generated_trees, markdown_renderer

EXTENSIONS = ["md_in_html", "attr_list", "pymdownx.superfences", "admonition"]


@pytest.fixture
def stashed(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """One entry per redline block the extractor met: whether it was stashed whole (the
    extension's once-a-process check of its sample is made before counting)."""
    markdown_redlines.agrees_with_the_extractor()
    seen: list[bool] = []
    real = markdown_redlines.redline_block_end

    def counted(text: str, start: int) -> int | None:
        end = real(text, start)
        seen.append(end is not None)
        return end

    monkeypatch.setattr(markdown_redlines, "redline_block_end", counted)
    return seen


def convert(text: str, *, ours: bool, extensions: list[str] = EXTENSIONS) -> str:
    names = [*extensions, "redraft.site.markdown_redlines"] if ours else extensions
    return str(markdown.Markdown(extensions=names).convert(text))


def a_redline(text: str = "The State <b> & its 'organs'") -> str:
    rows = [
        RedlineRow(label=(("equal", "1"),), text=(("equal", "Title"),), status="unchanged"),
        RedlineRow(
            label=(("equal", "(a)"),),
            text=(("equal", text), ("delete", " old"), ("insert", " new")),
            status="changed",
        ),
    ]
    return redline_tabs(rows, "A/1", "A/2", TabIds(), "en")


def test_every_page_of_the_example_converts_to_the_same_html(
    example_pages: SiteFiles, stashed: list[bool]
) -> None:
    converted = redlines = 0
    for config, pages in generated_trees(example_pages):
        names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
        assert names.index("redraft.site.markdown_redlines") > names.index("md_in_html")
        fast = markdown_renderer(config)
        plain = markdown_renderer(config, without="redraft.site.markdown_redlines")
        for path, text in pages:
            assert fast.reset().convert(text) == plain.reset().convert(text), path
            converted += 1
            redlines += sum(line.startswith(REDLINE_OPENING) for line in text.split("\n"))
    assert converted > 400  # every page of every tree
    # every redline of the example took the short way, once per conversion with the extension
    assert redlines > 50
    assert stashed == [True] * redlines


def test_a_redline_between_paragraphs_is_stashed_whole(stashed: list[bool]) -> None:
    text = f"Before *it*.\n\n{a_redline()}\nAfter **it**.\n"
    assert convert(text, ours=True) == convert(text, ours=False)
    assert stashed == [True]
    # the stash holds the block as written: the page carries it byte for byte
    assert a_redline().rstrip("\n") in convert(text, ours=True)


def test_a_page_that_opens_with_a_redline(stashed: list[bool]) -> None:
    text = f"{a_redline()}\nAfter.\n"
    assert convert(text, ours=True) == convert(text, ours=False)
    assert stashed == [True]


@pytest.mark.parametrize(
    "wrap",
    [
        '<div class="card" markdown>\n\nText **b**\n\n{block}\n\n</div>\n\nAfter\n',
        '<div class="raw">\n\n{block}\n\n</div>\n\nAfter\n',
        "<div>x</div>{block}\n\nAfter\n",  # on the line of a raw block's end
        "```\n{block}\n```\n\nAfter\n",
        "    {block}\n",
    ],
    ids=["in-a-markdown-block", "in-a-raw-block", "in-a-tail", "in-a-fence", "indented"],
)
def test_a_redline_inside_something_else_goes_the_usual_way(wrap: str, stashed: list[bool]) -> None:
    text = wrap.format(block=a_redline().rstrip("\n"))
    assert convert(text, ours=True) == convert(text, ours=False)
    assert True not in stashed  # never asked, or declined


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda b: b.replace('redraft-label">', 'redraft-label">R&D '), "a bare ampersand"),
        (lambda b: b.replace("&#38;", "&#38"), "a reference without its semicolon"),
        (lambda b: b.replace("</label></div>", "</label><!-- x --></div>", 1), "a comment"),
        (lambda b: b.replace("Title", "<script>x</div></script>"), "text read as text"),
        (lambda b: b.replace('class="tabbed-labels"', 'class="tabbed-labels" markdown'), "md"),
        (lambda b: b.replace("</span>", "</del></span>", 1), "an end tag out of place"),
        (lambda b: b.replace("<span", "<SPAN", 1).replace("</span>", "</SPAN>", 1), "capitals"),
        (lambda b: b.replace("Title", "<table><tr><td>x</td></tr></table>"), "a table"),
        (lambda b: b.replace("Title", "a > b"), "a bracket in text"),
        (lambda b: b.replace("Title", "`code`"), "a backtick"),
        (lambda b: b[: -len("</div>\n")] + "\n", "unclosed"),
        (lambda b: b.replace("</div>\n</div>", "</div>\n\n</div>"), "a blank line inside"),
        (lambda b: b.rstrip("\n") + "<p>more</p>\n", "something after its end"),
        (lambda b: b.replace('lang="en">', 'lang="en" title="x', 1), "an unfinished opening"),
        (lambda b: b.split("\n")[0][:-1] + ' data-x="</div>\n', "an opening that hides its end"),
        (lambda b: b.replace('lang="en">', 'lang="en" title="a>b">', 1), "a > in the opening"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_redline_the_short_way_is_unsure_of_goes_the_usual_way(
    change: Any, why: str, stashed: list[bool]
) -> None:
    text = f"Before.\n\n{change(a_redline())}\nAfter *x*.\n"
    assert convert(text, ours=True) == convert(text, ours=False), why
    assert stashed == [False], why


def test_a_redline_without_a_blank_line_after_goes_the_usual_way(stashed: list[bool]) -> None:
    text = f"Before.\n\n{a_redline()}After *x*.\n"
    assert convert(text, ours=True) == convert(text, ours=False)
    assert stashed == [False]


def test_the_end_is_where_the_outer_div_closes() -> None:
    block = a_redline()
    text = f"x\n\n{block}\ny\n"
    start = text.index(REDLINE_OPENING)
    assert redline_block_end(text, start) == start + len(block.rstrip("\n"))


def test_without_md_in_html_the_extension_changes_nothing(stashed: list[bool]) -> None:
    text = f"Before.\n\n{a_redline()}\nAfter.\n"
    plain = convert(text, ours=False, extensions=["attr_list"])
    assert convert(text, ours=True, extensions=["attr_list"]) == plain
    assert stashed == []


def test_the_installed_python_markdown_agrees_with_the_short_way(stashed: list[bool]) -> None:
    assert markdown_redlines.agrees_with_the_extractor.__wrapped__() is True
    assert stashed == [True]  # the sample was stashed whole: the check tried the short way


def _gone(self: Any) -> bool:
    raise AttributeError("at_line_start")


@pytest.mark.parametrize(
    "break_it",
    [
        # a release whose extractor no longer has the state the short way reads
        lambda monkeypatch: monkeypatch.setattr(
            markdown_redlines._RedlineExtractor, "at_line_start", _gone, raising=False
        ),
        # or whose raw blocks are stored with something else around them
        lambda monkeypatch: monkeypatch.setattr(
            markdown_redlines, "redline_block_end", lambda text, start: start + 4
        ),
    ],
    ids=["missing-state", "different-html"],
)
def test_an_extractor_that_disagrees_turns_the_short_way_off(
    break_it: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_it(monkeypatch)
    assert markdown_redlines.agrees_with_the_extractor.__wrapped__() is False
    monkeypatch.setattr(markdown_redlines, "agrees_with_the_extractor", lambda: False)
    renderer = markdown.Markdown(extensions=[*EXTENSIONS, "redraft.site.markdown_redlines"])
    assert type(renderer.preprocessors["html_block"]) is HtmlBlockPreprocessor
