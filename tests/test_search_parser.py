"""Material's search reads Redraft's pages with a quicker tokenizer and makes the same sections.

The whole example site's index is compared with plain MkDocs' in
``test_site_build.py::test_pages_let_go_of_their_text_without_changing_a_byte``; here, the
constructs the quick reading handles, and those it must leave to ``HTMLParser``.
"""

from __future__ import annotations

from typing import Any

import pytest
from material.plugins.search import plugin as search

from redraft.site.search_parser import quick_parser, quick_search, read_quickly

READ_QUICKLY = {
    "a heading with its permalink, entities": (
        '<h1 id="x">Title<a class="headerlink" href="#x" title="Permanent link">&para;</a></h1>\n'
        "<p>Text &amp; more &lt;b&gt; &#169; &eacute;</p>"
    ),
    "a bare attribute, blank lines between blocks": (
        '<div class="redraft-comment" id="c1" markdown>\n\n<p>a</p>\n\n</div>\n\n<p>b</p>'
    ),
    "empty elements in both spellings": "<p>one<br/>two<br />three<hr/></p><div/>after",
    "names in capitals": '<DIV CLASS="x" Data-Search-Exclude>hidden</DIV><P>shown</P>',
    "a block left out of the index": (
        '<details class="redraft-trace" data-search-exclude><summary>s</summary>'
        "<div>hidden <b>words</b></div></details><p>after</p>"
    ),
    "escaped and empty attribute values": '<h2 id="a&amp;b">T</h2><p title="">x</p>',
    "an ampersand ending the page": "<p>x</p>tail &amp",
    "preformatted text": "<pre><code>a\n  b   c</code></pre><p>x\ny</p>",
    "a heading inside a block": (
        '<div><h2 id="n">N</h2><p>in</p></div><p>out</p><h3 id="m">M</h3>rest'
    ),
    "a value holding markup characters": '<a title="1 > 0 &lt; 2" href="x?a=1&amp;b=2">l</a>',
    "an end tag that closes nothing open": "<p>x</span></p></div>y",
    "text before any tag": "lead <em>in</em>",
}

READ_BY_HTMLPARSER = {
    "a comment": "<!-- note --><p>x</p>",
    "a single-quoted attribute": "<p class='single'>x</p>",
    "a < that starts no tag": "<p>a < b</p>",
    "a script": '<script>var a = "<p>";</script><p>x</p>',
    "a style": "<style>p > a {}</style><p>x</p>",
    "a non-ASCII space in a tag": "<p\xa0x>y</p>",
    "an end tag with an attribute": '<p>x</p x="1">z',
    "a declaration": "<!DOCTYPE html><p>x</p>",
    "spaces around =": '<p a = "1">x</p>',
    "a processing instruction": "<?xml version='1.0'?><p>x</p>",
    "an unterminated tag": '<p>x</p><a href="y"',
}


def sections(parser_type: type, html: str) -> list[tuple[Any, ...]]:
    parser = parser_type()
    parser.feed(html)
    parser.close()
    return [
        (s.el.tag, s.id, s.depth, tuple(s.title), tuple(s.text), s.is_excluded())
        for s in parser.data
    ]


@pytest.mark.parametrize("html", READ_QUICKLY.values(), ids=READ_QUICKLY.keys())
def test_what_it_reads_it_reads_as_html_parser_does(html: str) -> None:
    assert read_quickly(search.Parser(), html)
    quick = sections(quick_parser(search.Parser), html)
    assert quick == sections(search.Parser, html)
    assert quick  # a section at least: a comparison of two empty lists would prove nothing


@pytest.mark.parametrize("html", READ_BY_HTMLPARSER.values(), ids=READ_BY_HTMLPARSER.keys())
def test_anything_else_is_read_by_html_parser_from_the_start(html: str) -> None:
    assert not read_quickly(search.Parser(), html)
    assert sections(quick_parser(search.Parser), html) == sections(search.Parser, html)


def test_a_second_feed_is_read_by_html_parser() -> None:
    """Material feeds a page once; a parser fed twice reads the rest as HTMLParser would."""
    parts = ['<h2 id="a">A</h2><p>one', ' two</p><h2 id="b">B</h2><p>three</p>']
    made = []
    for parser_type in (quick_parser(search.Parser), search.Parser):
        parser = parser_type()
        for part in parts:
            parser.feed(part)
        parser.close()
        made.append([(s.id, "".join(s.title), "".join(s.text)) for s in parser.data])
    assert made[0] == made[1]
    assert [section[0] for section in made[0]] == [None, "a", "b"]


def test_the_quick_parser_is_material_s_only_while_a_tree_is_built() -> None:
    original = search.Parser
    with quick_search():
        quick = search.Parser
        assert quick is not original and issubclass(quick, original)
        with quick_search():  # a build within a build (the MkDocs plugin's) keeps it
            assert search.Parser is quick
        assert search.Parser is quick
    assert search.Parser is original
