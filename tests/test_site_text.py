"""Outside text renders as text, in every place a page puts it, whatever it contains.

The Markdown here is rendered with the very extensions the site's configuration forces
(:data:`redraft.site.config.REQUIRED_EXTENSIONS`), so a new extension that gives a character a
meaning shows up as a failure here.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redraft.site.blocks import admonition, table
from redraft.site.config import REQUIRED_EXTENSIONS
from redraft.site.markdown_guard import is_safe_url, url_scheme
from redraft.site.text import (
    CONTROL_CHARACTERS,
    escape_text,
    guideline_markdown,
    inline,
    normalize_space,
    paragraphs,
    verbatim_block,
)


def render(source: str) -> str:
    extensions = [name for name, _ in REQUIRED_EXTENSIONS]
    configs = {name: options for name, options in REQUIRED_EXTENSIONS if options}
    return markdown.markdown(source, extensions=extensions, extension_configs=configs)


class _Tree(HTMLParser):
    """Collects the tags, attributes and text of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(rendered: str) -> _Tree:
    tree = _Tree()
    tree.feed(rendered)
    tree.close()
    return tree


# Text that means something to HTML or to some Markdown extension, mixed with ordinary words.
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![pixel](data:image/png;base64,AAAA)",
    "<https://example.org>",
    '{: onclick="alert(1)" }',
    "*emphasis* and __strong__ and `code`",
    "{++inserted++}{--deleted--}",
    "# not a heading",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "| a | b |",
    "&lt;b&gt; stays literal &amp;",
    "term\n:   not a definition",
    '!!! note "not an admonition"',
    '=== "not a tab"',
    "[^1] not a footnote",
    "\\*backslash\\*",
    "~~strike~~ ^^ins^^ ==mark==",
    "«Ceci n'est pas» un commentaire : 各国应确保 — يجب على الدول",
]

texts = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
        max_size=120,
    )
    | st.sampled_from(HOSTILE)
    | st.lists(st.sampled_from(HOSTILE), max_size=4).map(" ".join)
)


def visible(tree: _Tree) -> str:
    return normalize_space("".join(tree.text))


def shown(text: str) -> str:
    """What a reader should see of ``text``: control characters become U+FFFD."""
    return normalize_space(
        normalize_space(text).translate({c: "\ufffd" for c in CONTROL_CHARACTERS})
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_text_renders_as_exactly_that_text(text: str) -> None:
    tree = parse(render(inline(text)))
    assert tree.tags in ([], ["p"])
    assert visible(tree) == shown(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_text_is_inert_in_a_paragraph(text: str) -> None:
    tree = parse(render("Before " + inline(text) + " after"))
    assert tree.tags == ["p"]
    assert visible(tree) == normalize_space(f"Before {shown(text)} after")


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_any_text_is_inert_in_a_table_cell(first: str, second: str) -> None:
    tree = parse(render(table(["A", "B"], [[inline(first), inline(second)]])))
    assert set(tree.tags) <= {"table", "thead", "tbody", "tr", "th", "td"}
    assert tree.tags.count("td") == 2


@settings(max_examples=200, deadline=None)
@given(texts)
def test_any_text_is_inert_in_a_heading_and_an_admonition(text: str) -> None:
    tree = parse(
        render(f"## {inline(text)} {{ #fixed_id }}\n\n" + admonition("note", text, inline(text)))
    )
    assert set(tree.tags) <= {"h2", "div", "p", "a"}
    ids = [value for name, value in tree.attributes if name == "id"]
    assert ids == ["fixed_id"]


@settings(max_examples=200, deadline=None)
@given(texts)
def test_a_verbatim_block_keeps_every_paragraph_and_nothing_else(text: str) -> None:
    for context in ("{}", '!!! quote "Text"\n\n    {}', "<div markdown>\n\n{}\n\n</div>"):
        rendered = render(context.format(verbatim_block(text, "ar")))
        tree = parse(rendered)
        assert set(tree.tags) <= {"div", "p"}, rendered
        for name, _ in tree.attributes:
            assert not name.startswith("on")
        for paragraph in paragraphs(text):
            assert shown(paragraph) in visible(tree)


def test_a_verbatim_block_in_a_right_to_left_language_says_so() -> None:
    rendered = render(verbatim_block("يجب على الدول\n\nالفقرة الثانية", "ar"))
    assert 'dir="rtl"' in rendered and 'lang="ar"' in rendered
    assert rendered.count("<p>") == 2


def test_escape_text_leaves_no_markup_character() -> None:
    escaped = escape_text("".join(HOSTILE))
    assert not re.search(r"[<>*_`\[\]{}|\\]", escaped)
    assert html.unescape(escaped) == "".join(HOSTILE)


def test_guideline_markdown_keeps_emphasis_and_links_but_no_html() -> None:
    source = (
        "States *should* see [the note](https://example.org/a) <script>alert(1)</script> "
        '<b onclick="x">bold</b> {: onclick="alert(1)" } [bad](javascript:alert(1)) '
        "[sneaky](java&#115;cript:alert(1)) ![img](https://evil.example/t.png)"
    )
    rendered = render(guideline_markdown(source))
    tree = parse(rendered)
    assert "em" in tree.tags
    assert ("script" not in tree.tags and "b" not in tree.tags and "img" not in tree.tags) or all(
        name != "src" for name, _ in tree.attributes
    )
    hrefs = [value for name, value in tree.attributes if name == "href"]
    assert hrefs == ["https://example.org/a"]
    assert not any(name.startswith("on") for name, _ in tree.attributes)
    assert "<script>" in visible(tree)


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("  JaVaScRiPt:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("java&#115;cript:x", "javascript"),
        ("&#x6A;avascript:x", "javascript"),
        ("data:text/html,x", "data"),
        ("https://example.org", "https"),
        ("../guidelines/x/", None),
        ("#anchor", None),
    ],
)
def test_url_scheme_is_what_a_browser_would_see(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


def test_remote_images_are_refused_but_remote_links_allowed() -> None:
    assert is_safe_url("https://example.org/page")
    assert not is_safe_url("https://example.org/t.png", allow_remote=False)
    assert not is_safe_url("//example.org/t.png", allow_remote=False)
    assert is_safe_url("../assets/x.png", allow_remote=False)
    assert not is_safe_url("vbscript:x")
