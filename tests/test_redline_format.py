"""Renderers of text diffs: CriticMarkup (checked through pymdownx.critic), HTML, rich, plain."""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.control import strip_control_codes

from redraft.redline.render.html import to_html, to_html_side_by_side
from redraft.redline.render.markdown import to_critic
from redraft.redline.render.text import to_plain, to_rich_text
from redraft.redline.textdiff import Ops, diff_text

SHALL: Ops = (
    ("equal", "States "),
    ("delete", "should"),
    ("insert", "shall"),
    ("equal", " ensure that assets are managed."),
)


@functools.cache
def _markdown(mode: str | None) -> markdown.Markdown:
    if mode is None:
        return markdown.Markdown()
    return markdown.Markdown(
        extensions=["pymdownx.critic"], extension_configs={"pymdownx.critic": {"mode": mode}}
    )


def render(source: str, mode: str | None = None) -> str:
    """Python-Markdown, with pymdownx.critic in the given mode (or without it)."""
    # One converter per mode, reset between documents: building one costs more than converting.
    return str(_markdown(mode).reset().convert(source))


def readable(rendered: str) -> str:
    """Rendered HTML as a browser would show its text and tags: references decoded, spaces
    collapsed, none at the edges of a paragraph."""
    text = re.sub(r"\s+", " ", html.unescape(rendered))
    return re.sub(r" ?(</?p>) ?", r"\1", text).strip()


class NestingChecker(HTMLParser):
    """Records whether every end tag closes the innermost open element."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.well_nested = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"br", "hr", "img"}:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.well_nested = False


def well_nested(rendered: str) -> bool:
    checker = NestingChecker()
    checker.feed(rendered)
    checker.close()
    return checker.well_nested and not checker.open


# --------------------------------------------------------------------------------------------
# CriticMarkup
# --------------------------------------------------------------------------------------------


def test_critic_replacement_is_a_deletion_then_an_insertion() -> None:
    assert to_critic(SHALL) == "States {--should--}{++shall++} ensure that assets are managed."
    assert render(to_critic(SHALL), "view") == (
        '<p>States <del class="critic">should</del><ins class="critic">shall</ins>'
        " ensure that assets are managed.</p>"
    )


def test_critic_keeps_edge_spaces_outside_the_marks() -> None:
    ops = diff_text("The rights of the owner.", "The rights and freedoms of the owner.")
    assert to_critic(ops) == "The rights {++and freedoms++} of the owner."


def test_critic_keeps_a_space_inside_when_the_other_text_has_none_there() -> None:
    ops: Ops = (("equal", "a,"), ("delete", " States "), ("equal", "States"))
    assert to_critic(ops) == "a,{-- States --}States"
    assert readable(render(to_critic(ops), "accept")) == "<p>a,States</p>"


def test_critic_text_that_looks_like_critic_markup_stays_literal() -> None:
    old = "Write {--x--}, {++y++}, {~~a~>b~~}, {==m==} and {>>c<<} in drafts."
    new = "Write {--x--}, {++y++}, {~~a~>b~~}, {==m==} and {>>c<<} in every draft."
    critic = to_critic(diff_text(old, new))
    view = render(critic, "view")
    assert view.count("<del") == 1 and view.count("<ins") == 1
    assert readable(render(critic, "accept")) == f"<p>{new}</p>"
    assert readable(render(critic, "reject")) == f"<p>{old}</p>"


def test_critic_closer_inside_a_changed_hunk_does_not_end_the_mark() -> None:
    ops: Ops = (("equal", "a "), ("delete", "x --} y"), ("insert", "z ++} w"), ("equal", " b"))
    critic = to_critic(ops)
    assert readable(render(critic, "reject")) == "<p>a x --} y b</p>"
    assert readable(render(critic, "accept")) == "<p>a z ++} w b</p>"


def test_critic_in_a_code_span_becomes_an_equivalent_code_element() -> None:
    old, new = "Type `{--x--}` here.", "Type `{++x++}` here."
    critic = to_critic(diff_text(old, new))
    assert "<code>" in critic
    assert readable(render(critic, "accept")) == readable(render(new))
    assert readable(render(critic, "reject")) == readable(render(old))


def test_critic_lone_delimiters_in_a_mark_cannot_pair_across_marks() -> None:
    old, new = "Text *States and", "Text *States* and"
    critic = to_critic(diff_text(old, new))
    view = render(critic, "view")
    assert well_nested(view), view
    assert readable(render(critic, "reject")) == readable(render(old))
    assert readable(render(critic, "accept")) == readable(render(new))


def test_critic_delimiters_inside_an_extension_span_cannot_pair_across_marks() -> None:
    # Without pymdownx.mark, "==...==" is plain text and its lone "*" is as free as any other.
    critic = to_critic((("equal", "Text "), ("delete", "==***bold**=="), ("insert", "**bold**")))
    assert well_nested(render(critic, "view")), critic


def test_critic_blank_line_in_a_hunk_becomes_a_paragraph_break_mark() -> None:
    critic = to_critic((("equal", "one"), ("insert", "\n\n"), ("equal", "two")))
    assert critic == "one{++\n\n++}two"
    assert 'class="critic break"' in render(critic, "view")
    critic = to_critic((("equal", "one "), ("delete", "a\n\nb"), ("equal", " two")))
    assert critic == "one {--a--}{--\n\n--}{--b--} two"


PIECES = [
    "States",
    "shall",
    "should",
    "assets,",
    "(a)",
    "the",
    "office.",
    "*",
    "**",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "<",
    "&",
    "\\",
    "**asset management**",
    "*frozen*",
    "_seized_",
    "`redraft diff`",
    "[guideline 3](g3.md)",
    "<https://example.org>",
    "[^1]",
    "{--",
    "--}",
    "{++",
    "++}",
    "{~~",
    "~>",
    "~~}",
    "{>>",
    "<<}",
    "各国",
    "للدول",
]
# Paragraph text after a word, so that no block syntax (a list marker...) opens the paragraph.
paragraphs = st.lists(st.sampled_from(PIECES), max_size=12).map(lambda p: "Text " + " ".join(p))


@settings(max_examples=100, deadline=None)
@given(paragraphs, paragraphs)
def test_critic_renders_both_versions_and_well_nested_html(old: str, new: str) -> None:
    critic = to_critic(diff_text(old, new))
    assert readable(render(critic, "reject")) == readable(render(old)), critic
    assert readable(render(critic, "accept")) == readable(render(new)), critic
    assert well_nested(render(critic, "view")), critic


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def test_html_inline() -> None:
    assert to_html(SHALL) == (
        'States <del class="redraft-del">should</del><ins class="redraft-ins">shall</ins>'
        " ensure that assets are managed."
    )


def test_html_escapes_every_text() -> None:
    ops: Ops = (
        ("equal", "<b>a</b> & "),
        ("delete", '<script>"x"</script>'),
        ("insert", "'y' &amp;"),
    )
    assert to_html(ops) == (
        "&lt;b&gt;a&lt;/b&gt; &amp; "
        '<del class="redraft-del">&lt;script&gt;&quot;x&quot;&lt;/script&gt;</del>'
        '<ins class="redraft-ins">&#x27;y&#x27; &amp;amp;</ins>'
    )


def test_html_side_by_side() -> None:
    old, new = to_html_side_by_side(SHALL)
    assert old == 'States <del class="redraft-del">should</del> ensure that assets are managed.'
    assert new == 'States <ins class="redraft-ins">shall</ins> ensure that assets are managed.'


def test_side_by_side_always_puts_edge_spaces_outside() -> None:
    ops: Ops = (("equal", "a,"), ("delete", " States "), ("equal", "States"))
    old, new = to_html_side_by_side(ops)
    assert old == 'a, <del class="redraft-del">States</del> States'
    assert new == "a,States"


def test_whitespace_only_hunk_stays_marked() -> None:
    ops: Ops = (("equal", "co"), ("insert", " "), ("equal", "operation"))
    assert to_html(ops) == 'co<ins class="redraft-ins"> </ins>operation'
    assert to_plain(ops) == "co{+ +}operation"


def _strip(rendered: str, drop: str, keep: str) -> str:
    rendered = re.sub(rf"<{drop} [^>]*>.*?</{drop}>", "", rendered, flags=re.DOTALL)
    return html.unescape(re.sub(rf"</?{keep}[^>]*>", "", rendered))


def _as_displayed(text: str) -> str:
    """What a browser shows of a text: runs of HTML whitespace collapse, edges vanish."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip(" ")


@settings(max_examples=80, deadline=None)
@given(st.text(), st.text())
def test_html_renderings_show_both_texts(old: str, new: str) -> None:
    ops = diff_text(old, new)
    # Side by side, each side is exactly its version.
    old_side, new_side = to_html_side_by_side(ops)
    assert _strip(old_side, "ins", "del") == old
    assert _strip(new_side, "del", "ins") == new
    # Inline, a space moved out of a mark only ever lands next to another or at an edge.
    inline = to_html(ops)
    assert _as_displayed(_strip(inline, "ins", "del")) == _as_displayed(old)
    assert _as_displayed(_strip(inline, "del", "ins")) == _as_displayed(new)


# --------------------------------------------------------------------------------------------
# Terminal and plain text
# --------------------------------------------------------------------------------------------


def test_rich_text_styles_changes_so_they_read_without_colour() -> None:
    text = to_rich_text(SHALL)
    assert text.plain == "States shouldshall ensure that assets are managed."
    styled = [(text.plain[s.start : s.end], str(s.style)) for s in text.spans]
    assert styled == [("should", "red strike"), ("shall", "green underline")]


def test_rich_text_does_not_read_markup_in_the_text() -> None:
    text = to_rich_text((("equal", "[bold]x[/bold] "), ("insert", "[red]y")))
    assert text.plain == "[bold]x[/bold] [red]y"


def test_plain_wdiff_notation() -> None:
    assert to_plain(SHALL) == "States [-should-]{+shall+} ensure that assets are managed."
    ops = diff_text("The rights of the owner.", "The rights and freedoms of the owner.")
    assert to_plain(ops) == "The rights {+and freedoms+} of the owner."


# Without the characters of the wdiff marks, so the marks can be taken out again unambiguously.
unmarked_text = st.text(st.characters(exclude_characters="[]{}+-"))


@settings(max_examples=60, deadline=None)
@given(unmarked_text, unmarked_text)
def test_plain_and_rich_keep_every_character(old: str, new: str) -> None:
    ops = diff_text(old, new)
    both = "".join(text for _, text in ops)
    # rich drops the control characters that could drive a terminal (BEL, BS, VT, FF, CR).
    assert to_rich_text(ops).plain == strip_control_codes(both)
    assert re.sub(r"\[-|-\]|\{\+|\+\}", "", to_plain(ops)) == both
