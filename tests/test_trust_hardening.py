"""Attacks that once worked, each replayed against the fix that closed it (docs/trust.md, 6).

* an editor's commit subject, name and hash published on the public site;
* a restricted reply betrayed by the numbering of a later public reply's anchors and ids;
* a guideline link with a title and text after it, accepted by ``check`` and fatal to the build;
* remote images smuggled past the image guard with a backslash or an encoded slash;
* Markdown whose rendering time grows with the square of its length.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from redraft.kb.load import load
from redraft.site.build import build

from .conftest import copy_example
from .gitkb import AUTHOR, commit_all, init_repo, isolate_git
from .site_support import example_site_root
from .test_trust_restricted import readable_forms

# -- 5. commit messages are editors' notes ---------------------------------------------------

DRAFT_GUIDELINE = "guidelines/draft/pre-seizure-planning.md"


def _canary() -> str:
    return f"zq{secrets.token_hex(6)}"


def _found(folder: Path, canaries: dict[str, str]) -> dict[str, list[str]]:
    """Which canaries appear in which files of ``folder``, in every form a reader could see."""
    found: dict[str, list[str]] = {}
    files = [p for p in sorted(folder.rglob("*")) if p.is_file()]
    assert files, f"nothing in {folder}"
    for path in files:
        for form in readable_forms(path.read_bytes()):
            for what, canary in canaries.items():
                if canary in form:
                    found.setdefault(what, [])
                    name = path.relative_to(folder).as_posix()
                    if name not in found[what]:
                        found[what].append(name)
    return found


@pytest.fixture(scope="module")
def committed(
    tmp_path_factory: pytest.TempPathFactory, example_site: Path
) -> Iterator[tuple[Path, dict[str, str]]]:
    """A git repository of the example whose latest draft commit carries canaries in its
    subject and author name; yields the root and the canaries (subject, author, hash).  It
    starts with the session build's render cache: its builds render the pages that say what
    git says (where a canary would be) and reuse the others."""
    base = tmp_path_factory.mktemp("commits")
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate_git(monkeypatch, base / "home")
        root = example_site_root(base / "kb", rendered=example_site)
        init_repo(root)
        path = root / DRAFT_GUIDELINE
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("plan how the assets", "plan carefully how the assets", 1))
        canaries = {"subject": _canary(), "author": _canary()}
        sha = commit_all(
            root,
            f"Reword (a) after the call with {canaries['subject']}",
            author=(f"Editor {canaries['author']}", AUTHOR[1]),
        )
        canaries["hash"] = sha[:12]
        yield root, canaries


def _build_with_git(
    root: Path, *, internal: bool = False, languages: list[str] | None = None
) -> None:
    # provenance reads git in the build: the isolated environment must hold while it runs
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate_git(monkeypatch, root.parent / "home")
        build(root, internal=internal, strict=True, languages=languages)


def test_a_commit_subject_never_reaches_the_public_site(
    committed: tuple[Path, dict[str, str]],
) -> None:
    root, canaries = committed
    _build_with_git(root)
    assert _found(root / "site", canaries) == {}
    assert _found(root / "build" / "pages", canaries) == {}
    # the site still says which guideline changed and when: provenance was read, not dropped
    living = (root / "site" / "guidelines" / "pre-seizure-planning" / "index.html").read_text()
    assert "Last changed in the working draft on 1 February 2026" in living


def test_the_internal_build_shows_subject_author_and_hash(
    committed: tuple[Path, dict[str, str]],
) -> None:
    """The same search finds all three in the secretariat's build: it would see a leak.  What
    is asked is that they are there, so the main tree is enough (the public tests, which ask
    that they are nowhere, search every tree)."""
    root, canaries = committed
    _build_with_git(root, internal=True, languages=["en"])
    found = _found(root / "build" / "site-internal", canaries)
    assert set(found) == {"subject", "author", "hash"}
    assert "search/search_index.json" in found["subject"]


def test_opting_in_publishes_subject_and_hash_but_never_a_name(
    committed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    root, canaries = committed
    settings = root / "redraft.yml"
    original = settings.read_text(encoding="utf-8")
    settings.write_text(original + "publish_commit_messages: true\n", encoding="utf-8")
    try:
        assert load(root).problems == ()
        _build_with_git(root)
        found = _found(root / "site", canaries)
    finally:
        settings.write_text(original, encoding="utf-8")
    assert set(found) == {"subject", "hash"}
    assert "index.html" in found["subject"]  # the home page's "changes since the release"
    assert "search/search_index.json" in found["subject"]


def test_the_setting_takes_only_true_or_false(example_copy: Path) -> None:
    settings = example_copy / "redraft.yml"
    lines = settings.read_text(encoding="utf-8").count("\n")
    with settings.open("a", encoding="utf-8") as out:
        out.write("publish_commit_messages: sometimes\n")
    problems = [str(p) for p in load(example_copy).problems]
    assert len(problems) == 1
    assert problems[0].startswith(f"redraft.yml:{lines + 1}: ")
    assert "publish_commit_messages" in problems[0]


# -- 7. a link that runs past its paragraph --------------------------------------------------

RUNAWAY = 'See [the report](https://example.org "Report" (2019)) for the figures.'
WELL_FORMED = 'See [the report](https://example.org "Report (2019)") for the figures.'


def _plant_paragraphs(root: Path, lettered: str, unlettered: str) -> tuple[int, int]:
    """Append ``lettered`` to the draft's paragraph (b) and add ``unlettered`` as a paragraph of
    its own; return the lines the two paragraphs start on."""
    path = root / DRAFT_GUIDELINE
    text = path.read_text(encoding="utf-8")
    anchor = "taken into account. {#office-role}"
    assert anchor in text
    text = text.replace(anchor, f"taken into account. {lettered} {{#office-role}}", 1)
    text = text.rstrip("\n") + f"\n\n{unlettered}\n"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    starts = (
        next(i for i, line in enumerate(lines, 1) if line.startswith("(b) Where an asset")),
        next(i for i, line in enumerate(lines, 1) if line == unlettered),
    )
    return starts


def _errors(root: Path) -> list[str]:
    from redraft.checks.rules import check

    return [str(p) for p in check(root) if p.severity == "error"]


def test_a_runaway_link_is_refused_by_check_at_its_line(example_copy: Path) -> None:
    from click.testing import CliRunner

    from redraft.cli import main

    lettered, unlettered = _plant_paragraphs(example_copy, RUNAWAY, RUNAWAY)
    before = {p: p.read_bytes() for p in example_copy.rglob("*") if p.is_file()}
    errors = _errors(example_copy)
    assert [e.split(": ", 1)[0] for e in errors] == [
        f"{DRAFT_GUIDELINE}:{lettered}",
        f"{DRAFT_GUIDELINE}:{unlettered}",
    ]
    for message in errors:
        assert "the link [the report] does not end where it seems" in message
        assert '\'https://example.org "Report" (2019)) for the figures.' in message
    result = CliRunner().invoke(main, ["check", str(example_copy)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert sum(line.startswith(f"{DRAFT_GUIDELINE}:") for line in result.output.splitlines()) == 2
    assert {p: p.read_bytes() for p in example_copy.rglob("*") if p.is_file()} == before


def test_a_runaway_link_stops_the_build_with_the_line_not_a_crash(tmp_path: Path) -> None:
    from redraft.site.build import SiteBuildError

    root = example_site_root(tmp_path / "kb")
    _, unlettered = _plant_paragraphs(root, "", RUNAWAY)
    with pytest.raises(SiteBuildError) as refused:
        build(root)
    assert f"{DRAFT_GUIDELINE}:{unlettered}: the link [the report]" in str(refused.value)
    assert not (root / "site").exists()


def test_the_title_in_one_pair_of_quotes_builds_as_a_link(
    tmp_path: Path, example_site: Path
) -> None:
    """The form the message asks for: on a lettered and an unlettered paragraph, the link keeps
    its title, the label and the pilcrow keep their attribute lists, no brace is left over.
    (The pages with the planted paragraphs are rendered; the others come from the session
    build's render cache.)"""
    root = example_site_root(tmp_path / "kb", rendered=example_site)
    _plant_paragraphs(root, WELL_FORMED, WELL_FORMED)
    assert _errors(root) == []
    # The planted paragraphs are English: the language trees show their own texts, or say
    # that the guideline is not translated, and never the English words (test_site_build.py).
    build(root, strict=True, languages=["en"])
    page = (root / "site" / "guidelines" / "pre-seizure-planning" / "index.html").read_text()
    link = '<a href="https://example.org" title="Report (2019)">the report</a>'
    paragraphs = dict(
        re.findall(r'<p class="redraft-para" id="pre-seizure-planning_([^"]+)">(.*?)</p>', page)
    )
    lettered, unlettered = paragraphs["office-role"], paragraphs["p5"]
    for body in (lettered, unlettered):
        assert link in body and "{" not in body and "}" not in body
    # (b)'s stable id is office-role: its label links (and is) the displayed-letter anchor
    assert (
        '<a class="redraft-label" href="#pre-seizure-planning__b" id="pre-seizure-planning__b">'
        "(b)</a>" in lettered
    )
    assert 'class="redraft-pilcrow" href="#pre-seizure-planning_p5">¶</a>' in unlettered


# -- 8. remote images written as paths -------------------------------------------------------

REMOTE_AS_PATH = [
    "/\\evil.example/a.png",
    "\\/evil.example/a.png",
    "&#47;&#47;evil.example/b.png",
    "&#x2F;&#x2f;evil.example/b.png",
    "/&#92;evil.example/c.png",
    "/\t/evil.example/d.png",
    "https://evil.example/e.png",
]
ON_THE_SITE = ["img/a.png", "../img/a.png", "/img/a.png", "./img/a.png"]


def _rendered(markdown_text: str) -> str:
    import markdown

    from redraft.site.text import guideline_markdown

    renderer = markdown.Markdown(extensions=["attr_list", "redraft.site.markdown_guard"])
    return str(renderer.convert(guideline_markdown(markdown_text)))


@pytest.mark.parametrize("address", REMOTE_AS_PATH)
def test_an_image_from_another_host_becomes_its_alt_text(address: str) -> None:
    html = _rendered(f"Before ![the chart]({address}) after.")
    assert "<img" not in html
    assert "evil.example" not in html
    assert "the chart" in html


@pytest.mark.parametrize("address", ON_THE_SITE)
def test_an_image_of_the_site_itself_stays(address: str) -> None:
    assert f'<img alt="the chart" src="{address}"' in _rendered(f"![the chart]({address})")


# -- 9. Markdown whose rendering grows with the square of its length --------------------------


class LinkReads:
    """Counts the characters Python-Markdown's link and image parsers read (``getText`` reads
    from ``[``, ``getLink`` from ``(``): the work that grows with the square of the text.  The
    site's link texts are found by :mod:`redraft.site.markdown_links`, which gives the same
    answers (and reads at most as much): counted too."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from markdown.inlinepatterns import LinkInlineProcessor

        from redraft.site.markdown_links import LinkText

        self.count = 0
        self.calls = 0
        get_text, get_link = LinkInlineProcessor.getText, LinkInlineProcessor.getLink
        link_text = LinkText.__call__

        def counted_text(processor: object, data: str, index: int) -> tuple[str, int, bool]:
            getter = link_text if isinstance(processor, LinkText) else get_text
            found = getter(processor, data, index)
            self.calls += 1
            self.count += found[1] - index
            return found

        monkeypatch.setattr(LinkText, "__call__", counted_text)

        def counted_link(
            processor: object, data: str, index: int
        ) -> tuple[str, str | None, int, bool]:
            found = get_link(processor, data, index)
            self.calls += 1
            self.count += max(found[2] - index, 0)
            return found

        monkeypatch.setattr(LinkInlineProcessor, "getText", counted_text)
        monkeypatch.setattr(LinkInlineProcessor, "getLink", counted_link)


READ_PER_SCANNED = 4
"""Python-Markdown reads a ``[`` once for each of its link, reference and short-reference
parsers: measured, at most 3.1 times what :func:`link_scan` counts."""


def _add_paragraphs(root: Path, paragraphs: list[str]) -> list[int]:
    """Add ``paragraphs`` at the end of the draft guideline; return the line each starts on."""
    path = root / DRAFT_GUIDELINE
    text = path.read_text(encoding="utf-8").rstrip("\n")
    lines: list[int] = []
    for paragraph in paragraphs:
        lines.append(text.count("\n") + 3)
        text += f"\n\n{paragraph}"
    path.write_text(text + "\n", encoding="utf-8")
    return lines


def test_fifty_thousand_brackets_are_refused_at_their_line_without_rendering(
    example_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redraft.checks.markdown import MAX_LINK_SCAN, MAX_PARAGRAPH_CHARS

    reads = LinkReads(monkeypatch)
    fifty_thousand, five_thousand = _add_paragraphs(example_copy, ["[" * 50_000, "[" * 5_000])
    errors = _errors(example_copy)
    assert errors == [
        f"{DRAFT_GUIDELINE}:{fifty_thousand}: paragraph is too long to publish (50000 "
        f"characters; the limit is {MAX_PARAGRAPH_CHARS}); split it",
        f"{DRAFT_GUIDELINE}:{five_thousand}: too many unclosed or nested brackets for the site "
        f"to render (links would read more than {MAX_LINK_SCAN} characters, the limit); close "
        "each '[' with ']' or write \\[ for a bracket that is not a link",
    ]
    assert reads.calls == 0  # judged by counting, never handed to Python-Markdown


def _at_the_limits() -> list[str]:
    """Paragraphs of the worst shapes measured, each just inside the paragraph limits, as many
    as one version's budget allows."""
    from redraft.checks.markdown import (
        MAX_LINK_SCAN,
        MAX_LINK_SCAN_PER_VERSION,
        MAX_PARAGRAPH_CHARS,
        link_scan,
    )

    longest = ("[" + "word " * MAX_PARAGRAPH_CHARS)[:MAX_PARAGRAPH_CHARS].rstrip()
    shapes = [longest]
    for unit in ("[", "![", "[x", "[a](", "[a] ["):
        count = 1
        while link_scan(unit * (count + 1) + " end") <= MAX_LINK_SCAN:
            count += 1
        shapes.append(unit * count + " end")
    paragraphs: list[str] = []
    total = 0
    while True:
        shape = shapes[len(paragraphs) % len(shapes)]
        if total + link_scan(shape) > MAX_LINK_SCAN_PER_VERSION:
            return paragraphs
        paragraphs.append(shape)
        total += link_scan(shape)


def _page_reads(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Characters the link parsers read rendering the draft's page and its guideline's page,
    with the extensions the site uses."""
    import markdown

    from redraft.site import urls
    from redraft.site.config import REQUIRED_EXTENSIONS, default_base
    from redraft.site.generate import generate_site

    site = generate_site(
        load(root).kb, base_config=default_base(), handwritten={}, site_dir=lambda f: "site"
    )
    extensions = [name for name, _ in REQUIRED_EXTENSIONS]
    configs = {name: options for name, options in REQUIRED_EXTENSIONS if options}
    counts: dict[str, int] = {}
    for path in (urls.version("draft"), urls.guideline("pre-seizure-planning")):
        page = site.files[f"main/docs/{path}"].decode("utf-8")
        body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page
        reads = LinkReads(monkeypatch)
        markdown.Markdown(extensions=extensions, extension_configs=configs).convert(body)
        counts[path] = reads.count
    return counts


def test_a_version_at_the_limits_renders_its_pages_in_bounded_work(
    example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redraft.checks.markdown import MAX_LINK_SCAN_PER_VERSION

    unmodified = _page_reads(copy_example(tmp_path / "unmodified"), monkeypatch)
    paragraphs = _at_the_limits()
    lines = _add_paragraphs(example_copy, paragraphs)
    assert _errors(example_copy) == []  # all of it passes check
    at_the_limits = _page_reads(example_copy, monkeypatch)
    for path, count in at_the_limits.items():
        added = count - unmodified[path]
        # the pages show every paragraph, so they do the work the budget allows, and no more
        assert MAX_LINK_SCAN_PER_VERSION / 2 < added <= READ_PER_SCANNED * MAX_LINK_SCAN_PER_VERSION
    # one more paragraph over the version's budget is refused where the budget ran out
    _add_paragraphs(example_copy, [paragraphs[1]])
    errors = _errors(example_copy)
    assert len(errors) == 1
    assert errors[0].startswith(f"{DRAFT_GUIDELINE}:{lines[-1] + 2}: the brackets of version")
    assert f"more than {MAX_LINK_SCAN_PER_VERSION} characters" in errors[0]


# -- 6. numbering that counts a restricted reply -----------------------------------------------

REPLIES_2019 = "comments/submissions/2019-nv"


def _new_reply(root: Path, *extra: str) -> str:
    """Run ``redraft new submission`` for Austria's reply of 2 May 2019; return the file written
    and the first comment id its template suggests."""
    from click.testing import CliRunner

    from redraft.cli import main

    arguments = ["new", "submission", "--root", str(root), "--party", "AUT", "--call", "2019-nv"]
    result = CliRunner().invoke(main, [*arguments, "--received", "2019-05-02", *extra])
    assert result.exit_code == 0, result.output
    written = root / result.stdout.strip()
    suggested = re.search(r"^#  - id: (\S+)", written.read_text(encoding="utf-8"), re.M)
    assert suggested is not None
    return suggested.group(1)


def _public_reply(example: dict, first_id: str) -> dict:  # type: ignore[type-arg]
    """Austria's public reply of 2 May 2019: the example's comments under the suggested ids."""
    reply = dict(example, received="2019-05-02", visibility="public", reference="Note 21/2019")
    base = first_id.removesuffix("-1")
    reply["comments"] = [
        dict(comment, id=f"{base}-{number}")
        for number, comment in enumerate(example["comments"], 1)
    ]
    return reply


def _public_pages(root: Path) -> dict[str, bytes]:
    from redraft.site.config import default_base
    from redraft.site.generate import generate_site

    result = load(root)
    assert [p for p in result.problems if p.severity == "error"] == []
    site = generate_site(
        result.kb, base_config=default_base(), handwritten={}, site_dir=lambda f: "site"
    )
    return dict(site.files)


def test_a_restricted_earlier_reply_changes_nothing_public_about_a_later_one(
    tmp_path: Path,
) -> None:
    import yaml

    # without: Austria's only reply to the 2019 call is the one of 2 May
    without = copy_example(tmp_path / "without")
    example_reply = yaml.safe_load((without / REPLIES_2019 / "AUT.yml").read_text("utf-8"))
    example_reply["received"] = str(example_reply["received"])
    (without / REPLIES_2019 / "AUT.yml").unlink()
    suggested_without = _new_reply(without)
    # with: Austria's reply of 22 February (four comments) is restricted, then comes the public one
    with_restricted = copy_example(tmp_path / "with")
    restricted = with_restricted / REPLIES_2019 / "AUT.yml"
    restricted.write_text(
        restricted.read_text("utf-8").replace("visibility: public", "visibility: restricted")
    )
    suggested_with = _new_reply(with_restricted, "--next")
    assert (with_restricted / REPLIES_2019 / "AUT-2.yml").is_file()

    # the suggestion counts nothing: "aut-2019-5" would tell of four hidden comments
    assert suggested_with == suggested_without == "aut-2019-05-02-1"

    public = _public_reply(example_reply, suggested_without)
    for root, name in ((without, "AUT.yml"), (with_restricted, "AUT-2.yml")):
        (root / REPLIES_2019 / name).write_text(
            yaml.safe_dump(public, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    pages_without, pages_with = _public_pages(without), _public_pages(with_restricted)
    party_page = "main/docs/parties/aut/index.md"
    assert "{ #reply_2019-nv_aut }" in pages_with[party_page].decode("utf-8")
    assert "reply_2019-nv_aut-2" not in pages_with[party_page].decode("utf-8")
    # every page of the public site, anchors and ids included, is byte for byte the same
    assert sorted(pages_with) == sorted(pages_without)
    differing = [path for path in pages_with if pages_with[path] != pages_without[path]]
    assert differing == []


def test_a_version_heavy_with_markup_is_refused_where_the_budget_runs_out(
    example_copy: Path,
) -> None:
    """Runs of '<' (written '&lt;' by the site) cost 40 microseconds a character: each paragraph
    at the length limit passes, but a version may not carry more than the markup budget."""
    from redraft.checks.markdown import (
        MAX_MARKUP_PER_VERSION,
        MAX_PARAGRAPH_CHARS,
        markup_weight,
        size_problems,
    )

    heavy = "<" * MAX_PARAGRAPH_CHARS
    assert list(size_problems(heavy)) == []
    needed = MAX_MARKUP_PER_VERSION // markup_weight(heavy) + 1
    lines = _add_paragraphs(example_copy, [heavy] * needed)
    errors = _errors(example_copy)
    assert errors == [
        f"{DRAFT_GUIDELINE}:{lines[-1]}: version 'draft' (original) has more than "
        f"{MAX_MARKUP_PER_VERSION} characters of markup (< & * _ ` \\) by this paragraph, the "
        "limit for a page that renders in bounded time"
    ]
    # one paragraph fewer is within the budget
    path = example_copy / DRAFT_GUIDELINE
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n").rsplit("\n\n", 1)[0] + "\n")
    assert _errors(example_copy) == []
