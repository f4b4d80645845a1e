"""Link texts found by scanning forward (:mod:`redraft.site.markdown_links`) give Python-Markdown's
own answers: position by position on thousands of texts, page by page on the example, and on a
text whose brackets never close, worked out once rather than once a bracket."""

from __future__ import annotations

import random

import markdown
import pytest
from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

from redraft.site import markdown_links
from redraft.site.generate import SiteFiles
from redraft.site.markdown_links import LinkText, closing_bracket, every_closing_bracket

from .site_support import generated_trees, markdown_renderer


def bracket_texts(count: int, seed: int) -> list[str]:
    """Short texts of brackets, letters, backslashes and parentheses: every way of nesting,
    closing and not closing that a link's text can meet."""
    chooser = random.Random(seed)
    return [
        "".join(chooser.choice("[[]]a\\(") for _ in range(chooser.randrange(0, 24)))
        for _ in range(count)
    ]


def test_every_position_of_every_text_is_answered_as_python_markdown_does() -> None:
    upstream = LinkInlineProcessor(LINK_RE, markdown.Markdown())
    ours = LinkText()
    texts = bracket_texts(3000, seed=18)
    assert sum("[" in t and "]" in t for t in texts) > 2000
    for text in texts:
        all_at_once = every_closing_bracket(text)
        for index in range(len(text) + 1):
            assert ours(text, index) == upstream.getText(text, index), (text, index)
            assert closing_bracket(text, index) == all_at_once[index], (text, index)


def test_a_text_whose_brackets_never_close_is_worked_out_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    worked_out: list[int] = []
    real = markdown_links.every_closing_bracket

    def counted(data: str) -> list[int | None]:
        worked_out.append(len(data))
        return real(data)

    monkeypatch.setattr(markdown_links, "every_closing_bracket", counted)
    text = "[" * 5000 + " a [link](x.md) is not one of them"
    plain = markdown.Markdown().convert(text)
    renderer = markdown.Markdown(extensions=[markdown_links.makeExtension()])
    fast = renderer.convert(text)
    assert fast == plain
    assert 'href="x.md"' in fast
    # once for each link processor that met the text (links, references...), not once for
    # each of the 5,000 brackets
    processors = [p for p in renderer.inlinePatterns if isinstance(p, LinkInlineProcessor)]
    assert 1 <= len(worked_out) <= len(processors) < 10
    assert all(isinstance(p.getText, LinkText) for p in processors)


def test_every_page_of_the_example_converts_to_the_same_html(example_pages: SiteFiles) -> None:
    converted = 0
    for config, pages in generated_trees(example_pages):
        assert "redraft.site.markdown_links" in config["markdown_extensions"]
        fast = markdown_renderer(config)
        plain = markdown_renderer(config, without="redraft.site.markdown_links")
        for path, text in pages:
            assert fast.reset().convert(text) == plain.reset().convert(text), path
            converted += 1
    assert converted > 400  # every page of every tree
