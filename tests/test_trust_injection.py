"""Outside text is text: a corpus of injection payloads, planted through every field that reaches
a page, builds into a site with no live script, handler or dangerous address.

A copy of the example (its releases unsealed, so that released texts may be edited too) gets the
whole corpus in every field a page shows: a submission's text and reference; a comment's text,
proposed wording, rationale and quoted passage (the passage also planted in the guideline it
quotes, so the quote still matches); a party's name; a call's reference and title; a version's
title, symbol and meeting; a guideline's title and a paragraph; an outline's introduction and a
part's title; the knowledge base's title, body and notice.  Each field's value starts with its
own marker so that a page shows which field it is looking at.

The built site is then read as a browser would, with an HTML parser:

* no ``<script>`` but the theme's own (each page's scripts are compared with the same page of a
  build of the unmodified example), no ``on*`` attribute, no address (``href``, ``src``,
  ``action``, ``formaction``, ``xlink:href`` ...) with a scheme other than http, https or mailto,
  and no ``iframe``, ``object``, ``embed``, ``style``, ``base``, ``form`` or ``meta`` refresh that
  the unmodified build does not have;
* every payload planted in a field of outside text is visible, verbatim, as text after that
  field's marker (guideline text is Markdown by design: there only the safety rules apply);
* in Debian's chromium (a browser test: ``-m browser``), the poisoned pages and the search for a
  payload raise no dialog.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from redraft.kb.load import load
from redraft.site.build import build

from .site_support import example_site_root, serve_folder

_DATA_HTML = base64.b64encode(b"<script>alert(1)</script>").decode()

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "[x](javascript:alert(1))",
    f"[x](data:text/html;base64,{_DATA_HTML})",
    "![x](javascript:alert(1))",
    '<a href="jAvAsCrIpT:alert(1)">x</a>',
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;&#x61;vascript&#58;alert(1))",
    "[x]( javascript:alert(1))",
    '<a href="java&#09;script:alert(1)">x</a>',
    '[x](https://example.org){: onclick="alert(1)"}',
    '{: onmouseover="alert(1)" }',
    "*x*{: onclick=alert(1) }",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<style>body{display:none}</style>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
    "<javascript:alert(1)>",
    '<https://example.org/"onmouseover="alert(1)>',
    '<div markdown="1" onclick="alert(1)">x</div>',
    "<!-- x --><script>alert(1)</script>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "</textarea></title></style><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "{-- deleted --} {++ inserted ++} {~~ a ~> b ~~} {== mark ==} {>> note <<}",
    "{{ config }} {% raw %} {{ 7*7 }} {%- endraw %}",
    '--8<-- "/etc/passwd"',
    ";--8<-- 'mkdocs.yml'",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "\u202eevil\u202c <u>underlined</u> $\\alpha$ ~~strike~~ ==mark== ^^ins^^",
    '[x]: javascript:alert(1) "ref"',
    "[ref link][x]",
    "| a | <img src=x onerror=alert(1)> |",
    "<details open ontoggle=alert(1)>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "![a](/\\evil.example/a.png)",
    "![b](&#47;&#47;evil.example/b.png)",
]
"""Raw HTML, script in every costume, handlers, javascript:/data: addresses in Markdown and in
HTML (entity-encoded, mixed case, with whitespace), attribute-list smuggling, CriticMarkup, Jinja
and snippets syntax, text that closes an enclosing tag or attribute, and images from another host
written as a path (a backslash, or slashes as references, make "/\\host" and "//host")."""

SINGLE_LINE = " ".join(PAYLOADS)
MULTI_LINE = "\n\n".join(PAYLOADS)
QUOTED = "<img src=x onerror=alert(1)> and [q](javascript:alert(1))"
"""The passage a comment quotes; it is planted in the quoted guideline paragraph too."""

SAFE_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data",
    "srcset", "ping", "manifest", "codebase", "longdesc", "usemap", "icon",
}  # fmt: skip
FORBIDDEN_TAGS = {"iframe", "frame", "object", "embed", "applet", "base", "form", "style", "meta"}


@dataclass
class Poisoned:
    root: Path
    outside: dict[str, str] = field(default_factory=dict)  # marker -> the field (outside text)
    markdown: dict[str, str] = field(default_factory=dict)  # marker -> the field (Markdown)


def _value(poisoned: Poisoned, what: str, *, multiline: bool, markdown: bool = False) -> str:
    marker = f"MARK{len(poisoned.outside) + len(poisoned.markdown):02d}X"
    (poisoned.markdown if markdown else poisoned.outside)[marker] = what
    return f"{marker} " + (MULTI_LINE if multiline else SINGLE_LINE)


def _yaml_file(path: Path) -> dict:  # type: ignore[type-arg]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def plant_payloads(root: Path) -> Poisoned:
    poisoned = Poisoned(root)

    def v(what: str, multiline: bool = False, markdown: bool = False) -> str:
        return _value(poisoned, what, multiline=multiline, markdown=markdown)

    # released versions are sealed: unseal this copy so their texts and records may change
    shutil.rmtree(root / "guidelines" / "manifests", ignore_errors=True)
    versions = _yaml_file(root / "guidelines" / "versions.yml")
    for entry in versions["versions"]:
        entry.pop("hash", None)
        entry["title"] = v(f"version {entry['id']} title")
        entry["symbol"] = v(f"version {entry['id']} symbol")
        entry["meeting"] = v(f"version {entry['id']} meeting")
    _dump(root / "guidelines" / "versions.yml", versions)

    _dump(
        root / "redraft.yml",
        {
            "title": v("knowledge base title"),
            "body": v("knowledge base body"),
            "submissions_notice": v("submissions notice"),
        },
    )

    calls = _yaml_file(root / "comments" / "calls.yml")
    for entry in calls["calls"]:
        entry["reference"] = v(f"call {entry['id']} reference")
        entry["title"] = v(f"call {entry['id']} title")
    _dump(root / "comments" / "calls.yml", calls)

    # parties.yml is edited as text: a YAML 1.1 dump would turn Norway's NO into a boolean
    parties = root / "comments" / "parties.yml"
    text = parties.read_text(encoding="utf-8")
    assert "    name: Austria\n" in text
    parties.write_text(
        text.replace("    name: Austria\n", f"    name: {json.dumps(v('party name'))}\n"),
        encoding="utf-8",
    )

    for version in ("draft", "2018-3"):
        folder = root / "guidelines" / version
        outline = _yaml_file(folder / "outline.yml")
        outline["introduction"] = v(f"{version} introduction", True, markdown=True)
        outline["parts"][0]["title"] = v(f"{version} part title")
        _dump(folder / "outline.yml", outline)
        guideline = folder / "pre-seizure-planning.md"
        head, _, body = guideline.read_text(encoding="utf-8").partition("\n---\n")
        front = yaml.safe_load(head.removeprefix("---\n"))
        front["title"] = v(f"{version} guideline title")
        paragraph = v(f"{version} guideline paragraph", markdown=True)
        body = body.replace(
            "the\nauthorities concerned plan", f"the\nauthorities concerned {QUOTED} plan", 1
        )
        planted = f"(z) {paragraph} End.\n"
        if "\n## Explanatory note" in body:
            body = body.replace("\n## Explanatory note", f"\n{planted}\n## Explanatory note", 1)
        else:
            body = body.rstrip("\n") + f"\n\n{planted}"
        assert paragraph in body and (version != "2018-3" or QUOTED in body)
        guideline.write_text(
            "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body,
            encoding="utf-8",
        )

    submission_path = root / "comments" / "submissions" / "2018-nv" / "AUT.yml"
    submission = _yaml_file(submission_path)
    submission["received"] = str(submission["received"])
    submission["text"] = v("submission text", True)
    submission["reference"] = v("submission reference")
    comment = submission["comments"][0]
    assert comment["quote"] == "the authorities concerned"
    comment["quote"] = f"authorities concerned {QUOTED}"
    comment["text"] = v("comment text", True)
    comment["proposed"] = v("comment proposed wording", True)
    comment["rationale"] = v("comment rationale", True)
    _dump(submission_path, submission)
    return poisoned


# -- reading the built HTML ------------------------------------------------------------------


@dataclass
class PageFacts:
    scripts: list[str] = field(default_factory=list)  # "src:<url>" or "inline:<content>"
    handlers: list[str] = field(default_factory=list)
    addresses: list[tuple[str, str, str]] = field(default_factory=list)  # tag, attribute, value
    tags: Counter[str] = field(default_factory=Counter)
    styles: list[str] = field(default_factory=list)
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._in: str | None = None
        self._inline: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.facts.tags[tag] += 1
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.facts.handlers.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value is not None:
                self.facts.addresses.append((tag, name, value))
        if tag in ("script", "style"):
            self._in = tag
            self._inline = []
            if tag == "script" and values.get("src"):
                self.facts.scripts.append(f"src:{values['src']}")
                self._in = "script-src"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in == "script":
            self.facts.scripts.append("inline:" + "".join(self._inline).strip())
        elif tag == "style" and self._in == "style":
            self.facts.styles.append("".join(self._inline))
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._inline.append(data)
        else:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self.facts.text = " ".join(" ".join(self._text).split())


def read_page(path: Path) -> PageFacts:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.facts


_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def scheme_of(address: str) -> str | None:
    """The scheme a browser would see (the parser has already decoded references)."""
    match = _SCHEME.match(_IGNORED.sub("", address).lower())
    return match.group(1) if match else None


def pages(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), path


# -- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def baseline(example_site: Path) -> dict[str, PageFacts]:
    """Each page of the unmodified example's site, as read above: the theme's own scripts."""
    return {name: read_page(path) for name, path in pages(example_site / "site")}


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Poisoned:
    root = example_site_root(tmp_path_factory.mktemp("poisoned") / "kb")
    planted = plant_payloads(root)
    problems = [str(p) for p in load(root).problems if p.severity == "error"]
    assert problems == [], problems
    build(root)  # not --strict: payload links such as [ref link][x] are meant to be broken
    return planted


@pytest.fixture(scope="module")
def poisoned_pages(poisoned: Poisoned) -> dict[str, PageFacts]:
    found = {name: read_page(path) for name, path in pages(poisoned.root / "site")}
    assert len(found) > 100
    return found


# -- the HTML ---------------------------------------------------------------------------------


def test_no_script_but_the_themes_own(
    baseline: dict[str, PageFacts], poisoned_pages: dict[str, PageFacts]
) -> None:
    allowed = {script for facts in baseline.values() for script in facts.scripts}
    introduced = {
        name: [s[:120] for s in facts.scripts if s not in allowed]
        for name, facts in poisoned_pages.items()
    }
    assert {name: s for name, s in introduced.items() if s} == {}


def test_no_event_handler_attribute(poisoned_pages: dict[str, PageFacts]) -> None:
    found = {name: facts.handlers for name, facts in poisoned_pages.items() if facts.handlers}
    assert found == {}


def test_no_dangerous_address(poisoned_pages: dict[str, PageFacts]) -> None:
    found = {
        name: [a for a in facts.addresses if scheme_of(a[2]) not in (None, *SAFE_SCHEMES)]
        for name, facts in poisoned_pages.items()
    }
    assert {name: a for name, a in found.items() if a} == {}


def _stays_on_the_site(address: str) -> bool:
    """Whether a browser fetches ``address`` from the site itself: no scheme and no host.  The
    parser has already decoded references; the URL parser drops tabs and newlines and reads a
    backslash as a slash."""
    read = _IGNORED.sub("", address).replace("\\", "/")
    return scheme_of(read) is None and not read.startswith("//")


def test_no_image_from_another_host(poisoned_pages: dict[str, PageFacts]) -> None:
    images = [a for facts in poisoned_pages.values() for a in facts.addresses if a[0] == "img"]
    assert not [a for a in images if "evil.example" in a[2]]
    found = {
        name: [a for a in facts.addresses if a[0] == "img" and not _stays_on_the_site(a[2])]
        for name, facts in poisoned_pages.items()
    }
    assert {name: a for name, a in found.items() if a} == {}


def test_no_frame_object_style_base_form_or_refresh_introduced(
    baseline: dict[str, PageFacts], poisoned_pages: dict[str, PageFacts]
) -> None:
    theme_styles = {style for facts in baseline.values() for style in facts.styles}
    introduced: dict[str, list[str]] = {}
    for name, facts in poisoned_pages.items():
        before = baseline.get(name, PageFacts())
        extra = [
            f"{tag} x{facts.tags[tag] - before.tags[tag]}"
            for tag in FORBIDDEN_TAGS
            if facts.tags[tag] > before.tags[tag]
        ]
        extra += [f"style: {s[:60]}" for s in facts.styles if s not in theme_styles]
        if extra:
            introduced[name] = extra
    assert introduced == {}


SHOWN_FIELDS = {
    "knowledge base title", "submissions notice", "party name", "call 2018-nv reference",
    "version 2018-3 symbol", "submission text", "submission reference", "comment text",
    "comment proposed wording", "comment rationale", "draft guideline title",
    "draft part title", "2018-3 guideline title",
}  # fmt: skip
"""Fields the site is known to show; a field planted but not shown anywhere is harmless, but
these must be seen, or the test would be checking pages the payloads never reached."""


def _verbatim_after_marker(poisoned_pages: dict[str, PageFacts], marker: str) -> bool:
    expected = " ".join(SINGLE_LINE.split())
    for facts in poisoned_pages.values():
        start = facts.text.find(f"{marker} ")
        while start >= 0:
            if facts.text[start + len(marker) + 1 :].startswith(expected):
                return True
            start = facts.text.find(f"{marker} ", start + 1)
    return False


def test_every_payload_is_shown_as_text_where_it_was_planted(
    poisoned: Poisoned, poisoned_pages: dict[str, PageFacts]
) -> None:
    """Wherever an outside field's marker is on a page, the corpus follows it verbatim
    (whitespace aside) on at least one page: every payload was rendered as the text it is."""
    on_a_page = {m for m in poisoned.outside if any(m in f.text for f in poisoned_pages.values())}
    assert {poisoned.outside[m] for m in on_a_page} >= SHOWN_FIELDS
    mangled = {
        poisoned.outside[m]: [
            facts.text[facts.text.find(m) : facts.text.find(m) + 200]
            for facts in poisoned_pages.values()
            if m in facts.text
        ][:2]
        for m in sorted(on_a_page)
        if not _verbatim_after_marker(poisoned_pages, m)
    }
    assert mangled == {}


def test_every_markdown_field_reaches_a_page(
    poisoned: Poisoned, poisoned_pages: dict[str, PageFacts]
) -> None:
    # guideline text is Markdown: its links are rendered (and disarmed), so only the marker and
    # the literal tags, which Markdown text must never turn into elements, are looked for
    for marker, what in poisoned.markdown.items():
        texts = [facts.text for facts in poisoned_pages.values() if marker in facts.text]
        assert texts, f"{what} is on no page"
        assert any("<script>alert(1)</script>" in text for text in texts), what
    # nothing was included from the disk (snippets) or evaluated (Jinja) on any page
    everything = " ".join(facts.text for facts in poisoned_pages.values())
    assert "root:x:0:0" not in everything
    assert "7*7" in everything and "{{ 7*7 }}" in everything


def test_the_search_index_holds_no_live_markup(poisoned: Poisoned) -> None:
    # Material's search renders an entry's title, text and tags as HTML: a version's symbol,
    # given to search as a tag, reached the results raw and ran there (tags were added for
    # symbol search in December 2026, unescaped; the browser test caught it)
    index = json.loads((poisoned.root / "site/search/search_index.json").read_text("utf-8"))
    live = re.compile(r"<(?:script|img|svg|iframe|object|embed|a\s)", re.IGNORECASE)
    found = [
        f"{doc['location']} {field}: {str(doc[field])[:80]}"
        for doc in index["docs"]
        for field in ("title", "tags")
        if field in doc and live.search(json.dumps(doc[field], ensure_ascii=False))
    ]
    assert any("MARK01X" in str(doc.get("tags")) for doc in index["docs"]), "symbol not a tag"
    assert found == []


def test_the_quoted_passage_reads_as_text(poisoned_pages: dict[str, PageFacts]) -> None:
    assert any(QUOTED in facts.text for facts in poisoned_pages.values())


# -- a real browser ----------------------------------------------------------------------------


LIVING_GUIDELINE = "guidelines/pre-seizure-planning/index.html"


@pytest.fixture(scope="module")
def served(poisoned: Poisoned) -> Iterator[str]:
    with serve_folder(poisoned.root / "site") as url:
        yield url


def _pages_showing(poisoned: Poisoned, poisoned_pages: dict[str, PageFacts]) -> list[str]:
    """A page for each field: the first one whose text carries the field's marker."""
    chosen: list[str] = []
    for marker in [*poisoned.outside, *poisoned.markdown]:
        for name, facts in poisoned_pages.items():
            if marker in facts.text and name.endswith("index.html"):
                if name not in chosen:
                    chosen.append(name)
                break
    return chosen


@dataclass
class BrowserVisit:
    dialogs: list[str] = field(default_factory=list)
    search_results: int = 0
    live_in_results: int = 0
    outside_requests: list[str] = field(default_factory=list)


def visit(browser: object, served: str, names: list[str]) -> BrowserVisit:
    """Open each page in chromium, hover it, then search for the payloads; record any dialog."""
    from playwright.sync_api import Browser, Dialog, Route
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    assert isinstance(browser, Browser)
    seen = BrowserVisit()

    def on_dialog(dialog: Dialog) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    context = browser.new_context()
    try:
        # offline: nothing may leave the test's own server; what tried to is recorded

        def refuse(route: Route) -> None:
            seen.outside_requests.append(route.request.url)
            route.abort()

        context.route(re.compile(r"^(?!http://127\.0\.0\.1)"), refuse)
        page = context.new_page()
        page.on("dialog", on_dialog)
        for name in names:
            page.goto(f"{served}/{name.removesuffix('index.html')}", wait_until="load")
            page.mouse.move(200, 300)  # hover-triggered handlers, had any survived
            page.wait_for_timeout(150)
        # Material's search renders results from the index as HTML: search for a payload
        page.goto(f"{served}/", wait_until="load")
        page.keyboard.press("s")  # Material's shortcut focuses the search field
        page.keyboard.type("onerror alert script")
        # the search worker builds its index first: wait for results rather than a fixed
        # time, which a loaded machine overran (no result is the failure reported below)
        with contextlib.suppress(PlaywrightTimeout):
            page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
        page.wait_for_timeout(300)  # let every result of the query render
        seen.search_results = page.locator(".md-search-result__item").count()
        seen.live_in_results = page.locator(
            ".md-search-result script, .md-search-result iframe, .md-search-result [onerror],"
            " .md-search-result [onload], .md-search-result [onclick]"
        ).count()
    finally:
        context.close()
    return seen


@pytest.mark.browser
def test_no_dialog_in_a_browser(
    poisoned: Poisoned, poisoned_pages: dict[str, PageFacts], served: str, browser: object
) -> None:
    chosen = _pages_showing(poisoned, poisoned_pages)
    assert len(chosen) >= 5
    # the living guideline renders the planted paragraph as Markdown, images included (the first
    # page showing a marker may show the paragraph only as the text of a redline)
    chosen.append(LIVING_GUIDELINE)
    seen = visit(browser, served, chosen)
    # remote images spelled as paths ("/\\host", "&#47;&#47;host") fetched nothing; with the
    # guard of before, chromium asked for http://evil.example/a.png and /b.png here
    assert [url for url in seen.outside_requests if "evil.example" in url] == []
    assert seen.search_results > 0, "the search found nothing: the payloads were not indexed"
    assert seen.live_in_results == 0
    assert seen.dialogs == []
