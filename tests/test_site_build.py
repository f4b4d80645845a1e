"""The example's site, built once per session with ``--strict``, checked as a delegate's browser
and a search engine would see it: pages at their URLs, search in English and Chinese without
redlines, nothing restricted anywhere, the same bytes on every build, every link resolving."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from redraft.kb.model import KnowledgeBase
from redraft.site import urls
from redraft.site.build import build, prepare
from redraft.site.errors import SiteBuildError
from redraft.site.generate import SiteFiles
from redraft.site.output import SITE_MARKER
from redraft.site.serve import watch_sources
from redraft.site.writer import MARKER

from .conftest import REPO
from .kb_builder import G, KbSpec, call, comment, submission, write_kb
from .site_support import (
    built_copy,
    check_links,
    example_site_root,
    site_text,
    warm_render_cache,
)
from .test_site_generate import restricted_canaries


@pytest.fixture(scope="session")
def built(example_site: Path) -> Path:
    """The example's public site (the root of the copy it was built from), shared with the
    other site tests: see ``example_site`` in conftest.py."""
    return example_site


@pytest.fixture(scope="session")
def site(built: Path) -> Path:
    return built / "site"


def html_of(site: Path, path: str) -> str:
    return (site / urls.page_url(path) / "index.html").read_text(encoding="utf-8")


def test_every_generated_page_is_built_at_its_url(built: Path, site: Path) -> None:
    pages = built / "build" / "pages"
    for tree in ("main", "zh"):
        for markdown in (pages / tree / "docs").rglob("*.md"):
            relative = markdown.relative_to(pages / tree / "docs").as_posix()
            prefix = "" if tree == "main" else "zh/"
            target = site / prefix / urls.page_url(relative) / "index.html"
            assert target.is_file(), (
                f"{relative} was not built at /{prefix}{urls.page_url(relative)}"
            )


def test_the_main_tree_and_the_chinese_tree_speak_their_languages(site: Path) -> None:
    main = (site / "index.html").read_text(encoding="utf-8")
    chinese = (site / "zh" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in main
    assert '<html lang="zh"' in chinese
    assert 'hreflang="zh"' in main and 'hreflang="en"' in chinese


def test_no_external_asset_is_requested(site: Path) -> None:
    for path, text in site_text(site):
        if path.suffix != ".html":
            continue
        for match in re.finditer(r'<(?:link|script|img)\b[^>]*?(?:href|src)="(https?:)?//', text):
            pytest.fail(f"{path.relative_to(site)} loads {match.group(0)}")
        assert "fonts.googleapis" not in text


def test_search_leaves_out_redlines_and_finds_english(
    site: Path, example_kb: KnowledgeBase
) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    for location in locations:
        assert not re.match(r"compare/[^/]+/[^/]+/", location), location
        assert "#history" not in location, location
    # Where a deleted word meets an inserted one, a redline indexed as text would run them
    # together ("free" + "libre" → "freelibre"); no such word may be in the index.
    # Whole words: "account" + "a" must not be found inside "accountable".
    indexed = set(re.findall(r"\w+", " ".join(doc["text"] for doc in index["docs"])))
    joined_words = _joined_words(example_kb)
    assert joined_words
    for joined in joined_words:
        assert joined not in indexed, joined
    draft = example_kb.draft
    assert draft is not None
    guideline = draft.guidelines[0]
    words = " ".join(guideline.text.paragraphs[0].text.split()[:6])
    hits = [d["location"] for d in index["docs"] if words in d["text"]]
    assert any(h.startswith(f"guidelines/{guideline.id}/") for h in hits)


def _joined_words(kb: KnowledgeBase) -> set[str]:
    from redraft.redline.compare import diff_versions

    joined = set()
    for before, after in itertools.pairwise(kb.versions):
        for change in diff_versions(kb, before.id, after.id).guidelines:
            for paragraph in (*change.paragraphs, *change.note):
                for (op, old), (next_op, new) in itertools.pairwise(paragraph.ops):
                    left, right = re.findall(r"\w+$", old), re.findall(r"^\w+", new)
                    if op == "delete" and next_op == "insert" and left and right:
                        joined.add(left[0] + right[0])
    return joined


def test_chinese_is_indexed_segmented(site: Path, example_kb: KnowledgeBase) -> None:
    index = json.loads((site / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "\\u200b" in index["config"]["separator"]
    draft = example_kb.draft
    assert draft is not None
    translated = next(g for g in draft.guidelines if "zh" in g.translations)
    location = f"guidelines/{translated.id}/"
    texts = [d["text"] for d in index["docs"] if d["location"].startswith(location)]
    assert texts and any("\u200b" in t for t in texts)
    first = translated.translations["zh"].paragraphs[0].text
    assert first[:4] in "".join(texts).replace("\u200b", "")


def test_only_the_chinese_tree_cuts_chinese_into_words(site: Path) -> None:
    """The main tree quotes Chinese words, indexed as written: jieba, whose dictionary costs
    0.4 s and 70 MB to load, serves only the tree searched in Chinese."""
    han = re.compile(r"[\u4e00-\u9fff]+")
    for tree, segmented in (("", False), ("zh/", True)):
        index = json.loads((site / f"{tree}search/search_index.json").read_text("utf-8"))
        texts = " ".join(f"{d['title']} {d['text']}" for d in index["docs"])
        assert han.search(texts), tree
        cut = re.search(r"[\u4e00-\u9fff]\u200b[\u4e00-\u9fff]", texts)
        assert (cut is not None) is segmented, tree


LOADS_JIEBA = r"""
import pathlib, sys, tempfile
import jieba
from redraft.site.mkdocs_run import build_tree, quietly
with quietly(0, []):
    build_tree(pathlib.Path(sys.argv[1]), strict=False, site_dir=pathlib.Path(tempfile.mkdtemp()))
print(jieba.dt.initialized)
"""


CHINESE_REPLY = "代表团建议在第一段中澄清资产管理的概念。"
CHINESE_TEXT = "各国应当在扣押资产之前规划资产的管理。"


def write_chinese_kb(root: Path) -> Path:
    """A small knowledge base with a Chinese tree, whose main tree quotes Chinese too (a reply
    written in Chinese): each of its trees builds in seconds."""
    spec = KbSpec(
        versions=[
            ("v1", [G("planning", "1", "(a) States should plan the management of assets.")]),
            (
                "draft",
                [
                    G(
                        "planning",
                        "1",
                        "(a) States should plan the management of assets before seizure.",
                        translations={"zh": f"(a) {CHINESE_TEXT}"},
                    )
                ],
            ),
        ],
        calls=[call("c1", "v1")],
        submissions={
            "c1/CHN": submission(
                "CHN",
                "c1",
                [comment("chn-1", "planning", paragraph="a", text=CHINESE_REPLY)],
                language="zh",
                text=f"中华人民共和国常驻代表团谨提出以下评论。\n\n{CHINESE_REPLY}",
            )
        },
    )
    return write_kb(root, spec)


@pytest.fixture(scope="module")
def chinese_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated pages of :func:`write_chinese_kb`: asking the example's trees the same
    question would take most of a minute."""
    root = write_chinese_kb(tmp_path_factory.mktemp("chinese") / "kb")
    prepared = prepare(root)
    assert [t.prefix for t in prepared.site.trees] == ["", "zh/"]
    pages = root / "build" / "pages"
    main_pages = "".join(p.read_text("utf-8") for p in (pages / "main" / "docs").rglob("*.md"))
    assert CHINESE_REPLY in main_pages  # the main tree has Chinese for search to meet
    return pages


@pytest.mark.parametrize(("tree", "loads"), [("main", "False"), ("zh", "True")])
def test_jieba_loads_its_dictionary_only_for_the_chinese_tree(
    chinese_pages: Path, tree: str, loads: str
) -> None:
    config = chinese_pages / tree / "mkdocs.yml"
    completed = subprocess.run(
        [sys.executable, "-c", LOADS_JIEBA, str(config)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert completed.stdout.split()[-1] == loads


PLAIN_MKDOCS = r"""
import os, sys
from material.plugins.search.plugin import SearchIndex
from mkdocs.commands.build import build
from mkdocs.config import load_config
from redraft.site.mkdocs_run import quietly
# As Redraft's main tree does: no Chinese segmentation where Chinese is not searched
SearchIndex._segment_chinese = lambda self, text: text
with quietly(int(sys.argv[3]), []):
    config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
"""


def test_pages_let_go_of_their_text_without_changing_a_byte(
    built: Path, site: Path, tmp_path: Path
) -> None:
    """``redraft build`` drops each page's Markdown once rendered and its HTML once written,
    and has Material's search read the pages with its quicker tokenizer (:mod:`.search_parser`);
    MkDocs on its own, keeping both to the end and indexing with Material's parser, writes the
    very same main tree, search index included (told, as Redraft tells it, not to cut the
    Chinese words the English tree quotes)."""
    from redraft.site.build import prepare

    prepared = prepare(built)  # the pages are current: nothing is rewritten
    assert prepared.report.written == ()
    assert prepared.site.files == {}  # released once on disk: MkDocs reads them from there
    plain = tmp_path / "plain"
    subprocess.run(
        [
            sys.executable,
            "-c",
            PLAIN_MKDOCS,
            str(built / "build" / "pages" / "main" / "mkdocs.yml"),
            str(plain),
            str(prepared.site.epoch),
        ],
        check=True,
        capture_output=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    pages = sorted(p.relative_to(plain) for p in plain.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        assert (site / page).read_bytes() == (plain / page).read_bytes(), page
    index = Path("search") / "search_index.json"
    assert len(json.loads((plain / index).read_text("utf-8"))["docs"]) > 300
    assert (site / index).read_bytes() == (plain / index).read_bytes()


def _files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_pages_hold_their_html_packed_between_the_loops_and_the_output_is_the_same(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between converting every page and rendering the first, no page (and no render cache
    entry) holds its HTML, only a packed copy; after the build none holds any text.  The tree
    built that way, cold and from a warm cache, is the same file for file, search index and
    sitemap included, as the tree built with every page keeping its text."""
    from mkdocs.plugins import event_priority

    from redraft.site import lean_pages
    from redraft.site.mkdocs_run import build_tree, quietly

    held: dict[str, list[int]] = {}
    """What every page (and render cache entry) holds between the loops and after the build."""

    def text_held(page: Any) -> int:
        return len(page.content or "") + len(page.markdown or "")

    class Probed(lean_pages.LeanPages):
        @event_priority(lean_pages.LAST - 1)
        def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
            pages = [f.page for f in files.documentation_pages() if f.page is not None]
            held["between"] = [text_held(page) for page in pages]
            cache = config.plugins.get("redraft/render-cache")
            # an entry holds no text of the page; the cache holds its texts packed
            held["cached_between"] = [
                len(getattr(entry, "content", "")) + len(getattr(entry, "html", ""))
                for entry in getattr(cache, "_entries", {}).values()
            ]
            packed = [*cache._contents.values(), *cache._finished_html.values()]
            held["packed"] = [len(text) for text in packed if not isinstance(text, bytes)]
            self._pages = pages
            return env

        def on_post_build(self, *, config: Any) -> None:
            held["after"] = [text_held(page) for page in self._pages]

    class KeepsEverything(lean_pages.LeanPages):
        """Only the Chinese segmentation of the lean plugin (the search index depends on it)."""

        def on_page_content(self, html: str, **_: Any) -> str:  # type: ignore[override]
            return html

        def on_page_context(self, context: Any, **_: Any) -> Any:  # type: ignore[override]
            return context

        def on_post_page(self, output: str, **_: Any) -> str:  # type: ignore[override]
            return output

    config = built / "build" / "pages" / "main" / "mkdocs.yml"
    epoch = prepare(built).site.epoch
    cache = tmp_path / "cache" / "main"

    def build_main(into: str, plugin: type[lean_pages.LeanPages], cached: bool) -> dict[str, bytes]:
        monkeypatch.setattr(lean_pages, "LeanPages", plugin)
        with quietly(epoch, []):
            counts = build_tree(
                config, strict=False, site_dir=tmp_path / into, cache=cache if cached else None
            )
        assert counts.reused == (counts.pages if into == "warm" else 0)
        return _files_of(tmp_path / into)

    cold = build_main("cold", Probed, cached=True)
    assert len(held["between"]) > 100
    assert held["between"] == [0] * len(held["between"])
    assert held["cached_between"] == [0] * len(held["between"])
    assert held["packed"] == []
    assert held["after"] == [0] * len(held["between"])
    warm = build_main("warm", Probed, cached=True)
    assert held["between"] == [0] * len(held["between"])
    assert held["cached_between"] == [0] * len(held["between"])
    assert held["after"] == [0] * len(held["between"])
    whole = build_main("whole", KeepsEverything, cached=False)
    assert "search/search_index.json" in whole and "sitemap.xml" in whole
    assert sorted(cold) == sorted(whole) == sorted(warm)
    for name, data in whole.items():
        assert cold[name] == data and warm[name] == data, name


def test_nothing_restricted_reaches_any_file_of_the_public_site(
    site: Path, example_kb: KnowledgeBase
) -> None:
    canaries = list(restricted_canaries(example_kb))
    public_parties = {s.party for s in example_kb.without_restricted().submissions}
    for code in {s.party for s in example_kb.submissions if s.restricted} - public_parties:
        canaries.append(f"parties/{code.lower()}/")
    for path, text in site_text(site):
        for canary in canaries:
            assert canary not in text, f"{canary!r} is in {path.relative_to(site)}"


def test_strict_build_reports_no_warning_and_every_link_resolves(site: Path) -> None:
    checked, broken = check_links(site)
    assert checked > 1000
    assert broken == [], "\n".join(map(str, broken[:20]))


def test_a_rebuild_rewrites_nothing(built: Path) -> None:
    assert build(built, strict=True).up_to_date is not None  # skipped altogether
    # and generating again (as serve does) rewrites no page
    report = prepare(built).report
    assert report.written == () and report.deleted == ()


# -- bad input and other knowledge bases ---------------------------------------------------------


def test_bad_data_gets_one_line_per_problem_and_nothing_is_written(example_copy: Path) -> None:
    broken = example_copy / "comments" / "calls.yml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("version: 2018-3", "version: 1999-9"),
        encoding="utf-8",
    )
    process = subprocess.run(
        [str(Path(sys.executable).parent / "redraft"), "build", str(example_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    lines = process.stderr.splitlines()
    assert lines and all(re.match(r"[\w/.-]+:\d+: ", line) for line in lines[:-1]), lines
    assert any(line.startswith("comments/calls.yml:") for line in lines)
    assert not (example_copy / "build").exists()
    assert not (example_copy / "site").exists()


def test_a_folder_not_made_by_redraft_is_left_alone(example_copy: Path) -> None:
    pages = example_copy / "build" / "pages"
    pages.mkdir(parents=True)
    (pages / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SiteBuildError, match="not generated by Redraft"):
        build(example_copy)
    assert (pages / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (pages / MARKER).exists()


def tagged(page: str, css_class: str, lang: str, direction: str) -> bool:
    """Whether an element of ``css_class`` carries ``lang`` and ``dir`` (in either order)."""
    for tag in re.findall(rf'<[a-z]+ [^>]*class="{css_class}"[^>]*>', page):
        if f'lang="{lang}"' in tag and f'dir="{direction}"' in tag:
            return True
    return False


ARABIC_TITLE = "إدارة الأصول"
ARABIC_TEXT = "ينبغي للدول أن تخطط لإدارة الأصول قبل حجزها."


def test_an_arabic_translation_gets_a_right_to_left_tree(tmp_path: Path) -> None:
    spec = KbSpec(
        versions=[
            (
                "v1",
                [
                    G(
                        "planning",
                        "1",
                        "(a) States should plan the management of assets before seizure.",
                    )
                ],
            ),
            (
                "draft",
                [
                    G(
                        "planning",
                        "1",
                        "(a) States should plan the management of assets before they seize them.",
                    ),
                    G("offices", "2", "(a) States should consider an asset management office."),
                ],
            ),
        ],
        calls=[call("c1", "v1")],
        submissions={
            "c1/EGY": submission(
                "EGY",
                "c1",
                [comment("egy-1", "planning", paragraph="a", text="يقترح توضيح مفهوم التخطيط.")],
                language="ar",
                text="تتشرف البعثة الدائمة بأن تقدم التعليقات التالية.\n\nالتعليق الأول.",
            )
        },
    )
    root = write_kb(tmp_path / "kb", spec)
    (root / "guidelines" / "draft" / "planning.ar.md").write_text(
        f"---\nid: planning\ntitle: {ARABIC_TITLE}\n---\n\n(a) {ARABIC_TEXT}\n", encoding="utf-8"
    )
    result = build(root, strict=True)
    assert [t.prefix for t in result.prepared.site.trees] == ["", "ar/"]
    page = (root / "site" / "ar" / "guidelines" / "planning" / "index.html").read_text(
        encoding="utf-8"
    )
    assert '<html lang="ar"' in page
    assert re.search(r'<body dir="rtl"', page)
    assert ARABIC_TEXT in page
    offices = root / "site" / "ar" / "versions" / "draft" / "offices" / "index.html"
    untranslated = offices.read_text(encoding="utf-8")
    # missing in Arabic: said so, with a link to the English original, whose words stay out
    assert not tagged(untranslated, "redraft-text", "en", "ltr")
    assert 'href="../../../../versions/draft/offices/" hreflang="en" lang="en"' in untranslated
    # A version with nothing in Arabic is read in the main tree only.
    assert not (root / "site" / "ar" / "versions" / "v1").exists()
    party = (root / "site" / "parties" / "egy" / "index.html").read_text(encoding="utf-8")
    assert tagged(party, "redraft-verbatim", "ar", "rtl")
    assert tagged(party, "redraft-comment-text", "ar", "rtl")
    _, broken = check_links(root / "site")
    assert broken == [], "\n".join(map(str, broken))


# -- the other ways in: plain mkdocs through the plugin, and the watcher of redraft serve ---------


def test_plain_mkdocs_build_works_through_the_plugin(tmp_path: Path) -> None:
    """``mkdocs build --strict`` with the example's configuration, on a small knowledge base with
    a language tree and a hand-written page: the plugin calls the same generator as ``redraft
    build`` (whose tests build the example), so a small one shows the plugin's part in seconds."""
    root = write_chinese_kb(tmp_path / "kb")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    shutil.copy2(REPO / "docs" / "about.md", root / "docs" / "about.md")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    process = subprocess.run(
        [
            str(mkdocs),
            "build",
            "--strict",
            "-q",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
    )
    assert process.returncode == 0, process.stderr
    assert (tmp_path / "out" / "guidelines" / "planning" / "index.html").is_file()
    assert (tmp_path / "out" / "about" / "index.html").is_file()
    assert (tmp_path / "out" / "zh" / "index.html").is_file()
    _, broken = check_links(tmp_path / "out")
    assert broken == []


def test_serve_regenerates_when_a_guideline_changes(tmp_path: Path) -> None:
    root = example_site_root(tmp_path / "kb")
    prepared = prepare(root)
    regenerated = threading.Event()
    stop = threading.Event()

    def regenerate() -> None:
        prepare(root)
        regenerated.set()

    thread = watch_sources(prepared, regenerate, stop)
    try:
        time.sleep(0.5)  # let the watcher start before the edit
        draft = root / "guidelines" / "draft" / "sale-before-confiscation.md"
        draft.write_text(
            draft.read_text(encoding="utf-8").replace("lose value quickly", "lose value fast"),
            encoding="utf-8",
        )
        assert regenerated.wait(timeout=30), "the watcher did not regenerate the pages"
    finally:
        stop.set()
        thread.join(timeout=10)
    living = (
        root
        / "build"
        / "pages"
        / "main"
        / "docs"
        / "guidelines"
        / "sale-before-confiscation"
        / "index.md"
    )
    assert "lose value fast" in living.read_text(encoding="utf-8")


def test_serve_previews_the_languages_asked_and_rebuilds_a_translation(tmp_path: Path) -> None:
    """``redraft serve --language fr --language ar`` serves those language trees beside the
    main one (and no other), and an edit to a French file reaches the French page it serves.
    Every tree is served when none is named: the same code with the generator's list of every
    tree, which ``build`` pins; three trees are half the cost of six here."""
    import socket
    import urllib.request

    root = example_site_root(tmp_path / "kb")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    french = f"http://127.0.0.1:{port}/fr/versions/draft/office-funding/"

    def fetch(url: str) -> str | None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return None

    def wait_for(check: object, seconds: float) -> str | None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            page = fetch(french)
            if page is not None and check(page):  # type: ignore[operator]
                return page
            time.sleep(1)
        return None

    process = subprocess.Popen(
        [sys.executable, "-c", "from redraft.cli import run; run()", "serve", str(root),
         "-a", f"127.0.0.1:{port}", "--language", "fr", "--language", "ar"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        first = wait_for(lambda page: True, 300)  # a first build, no cache: slow when shared
        assert first is not None, "the French tree was not served"
        assert 'lang="fr"' in first
        assert fetch(f"http://127.0.0.1:{port}/ar/") is not None
        home = fetch(f"http://127.0.0.1:{port}/")
        assert home is not None and '<html lang="en"' in home, "the main tree is not served"
        assert fetch(f"http://127.0.0.1:{port}/zh/") is None, "a tree not asked for is served"
        source = root / "guidelines" / "draft" / "office-funding.fr.md"
        text = source.read_text(encoding="utf-8")
        assert "(a) " in text
        source.write_text(text.replace("(a) ", "(a) Zqxvkw ", 1), encoding="utf-8")
        assert wait_for(lambda page: "Zqxvkw" in page, 180), "the French page was not rebuilt"
        arabic = fetch(f"http://127.0.0.1:{port}/ar/")
        assert arabic is not None and 'lang="ar"' in arabic, "a kept tree is not served"
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
    assert "Traceback" not in errors
    # The Arabic files did not change: after the first build, its tree is linked back as it
    # was rather than built again (src/redraft/site/serve_trees.py).
    assert "redraft: kept /ar/" in errors, errors[-2000:]


def test_a_first_draft_without_comments_builds_cleanly(tmp_path: Path) -> None:
    """The day a secretariat starts: one working draft, no release, no call, no reply."""
    spec = KbSpec(versions=[("draft", [G("planning", "1", "(a) States should plan.")])])
    root = write_kb(tmp_path / "kb", spec)
    result = build(root, strict=True)
    assert result.mkdocs_warnings == ()
    site = root / "site"
    for page in ("", "versions/draft/", "guidelines/planning/", "compare/", "parties/", "stats/"):
        assert (site / page / "index.html").is_file(), page
    _, broken = check_links(site)
    assert broken == []


# -- nothing changed, nothing done -------------------------------------------------------------


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_with_unchanged_inputs_does_nothing(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example_pages: SiteFiles
) -> None:
    # The first build is the session's: its copy, elsewhere and outside git, is as current as
    # the original (the fingerprint holds no path).
    root = built_copy(built, tmp_path / "kb")
    pages, site = _mtimes(root / "build" / "pages"), _mtimes(root / "site")

    import redraft.kb.load
    import redraft.redline.compare
    import redraft.redline.textdiff

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged rebuild loaded or diffed")

    with monkeypatch.context() as patched:
        for module in (redraft.redline.textdiff, redraft.redline.compare):
            patched.setattr(module, "diff_text", must_not_run)
        patched.setattr(redraft.kb.load, "load_from", must_not_run)
        again = build(root)
    assert again.prepared is None and again.up_to_date is not None
    assert again.up_to_date.page_count == example_pages.page_count
    assert _mtimes(root / "build" / "pages") == pages and _mtimes(root / "site") == site

    # a changed byte in any input builds again, and the change is published
    source = root / "guidelines" / "draft" / "office-funding.md"
    source.write_text(source.read_text(encoding="utf-8").replace("(a) ", "(a) Zqxv ", 1), "utf-8")
    third = build(root)
    assert third.prepared is not None
    page = root / "site" / "guidelines" / "office-funding" / "index.html"
    assert "Zqxv" in page.read_text(encoding="utf-8")
    # and so does a deleted site
    shutil.rmtree(root / "site")
    assert build(root).prepared is not None
    assert page.is_file()


def test_the_cli_says_when_nothing_changed(
    built: Path, tmp_path: Path, example_documents: Path, example_published: Path
) -> None:
    # The command adds the download documents (made for the session) to the pages of the
    # session's build: other pages, from which no site was built yet.  Two trees say it as six
    # would (``--language``), for less than half the build, and MkDocs reuses what the session's
    # build with documents rendered (``example_published``).
    root = built_copy(built, tmp_path / "kb")
    shutil.copytree(example_documents, root / "build" / "cache", dirs_exist_ok=True)
    warm_render_cache(root, example_published)

    def run(*options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-c",
                "from redraft.cli import run; run()",
                "build",
                str(root),
                "--language",
                "en",
                "--language",
                "zh",
                *options,
            ],
            capture_output=True,
            text=True,
            check=False,
        )

    assert run("--pages-only").stdout.endswith("trees: /, zh/\n")
    again = run("--pages-only")
    assert again.stdout.startswith("Nothing changed since the pages were generated: ")
    assert run().returncode == 0  # the site was never built from these pages: build it
    second = run()
    assert second.returncode == 0
    assert second.stdout.startswith("Nothing changed since the last build: ")
    assert "trees: /, zh/; the site in site/ is up to date" in second.stdout
    assert "is outdated" in second.stderr  # the check's warning is said again


# -- one language tree at a time ---------------------------------------------------------------


def _files(folder: Path, *, leave_out: tuple[str, ...] = ()) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith(leave_out)
    }


def test_a_tree_built_alone_is_the_tree_of_the_whole_build(site: Path, tmp_path: Path) -> None:
    """``build --language``: the main tree alone, and two language trees without the main one,
    are byte for byte what the whole build published at their prefixes (sharding a build by
    language tree, issue 18); the site holds those trees and nothing else."""
    others = tuple(f"{p.name}/" for p in site.iterdir() if (p / "search").is_dir())
    assert sorted(others) == ["ar/", "es/", "fr/", "ru/", "zh/"]
    main_root = example_site_root(tmp_path / "main")
    result = build(main_root, strict=True, languages=["en"])
    assert result.mkdocs_warnings == ()
    assert result.prepared is not None
    assert [t.prefix for t in result.prepared.site.trees] == [""]
    assert _files(main_root / "site") == _files(site, leave_out=others)
    generated = main_root / "build" / "pages"
    assert sorted(p.name for p in generated.iterdir() if p.is_dir()) == ["main"]

    two_root = example_site_root(tmp_path / "two")
    result = build(two_root, strict=True, languages=["zh", "ar"])
    assert result.prepared is not None
    assert [t.prefix for t in result.prepared.site.trees] == ["ar/", "zh/"]
    built_two = _files(two_root / "site")
    assert built_two == {
        name: data for name, data in _files(site).items() if name.startswith(("zh/", "ar/"))
    } | {SITE_MARKER: (site / SITE_MARKER).read_bytes()}
    # the same trees again: nothing to do; the whole site is another build
    assert build(two_root, strict=True, languages=["ar", "zh"]).up_to_date is not None


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_language_without_a_tree_is_a_usage_error(example_copy: Path, command: str) -> None:
    before = {p: p.read_bytes() for p in example_copy.rglob("*") if p.is_file()}
    process = subprocess.run(
        [sys.executable, "-c", "from redraft.cli import run; run()", command, str(example_copy),
         "--language", "de"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )  # fmt: skip
    assert process.returncode == 2, process.stderr
    said = [line for line in process.stderr.splitlines() if not line.startswith("redraft: ")]
    assert said == [
        f"redraft {command}: error: no language tree for de: the site's trees are in "
        "en, ar, zh, fr, ru, es"
    ]
    assert {p: p.read_bytes() for p in example_copy.rglob("*") if p.is_file()} == before
    assert not (example_copy / "site").exists()


def test_a_stale_file_and_a_link_to_a_folder_are_removed_and_nothing_behind_the_link(
    tmp_path: Path,
) -> None:
    """What the last generation left and this one did not make goes, folders emptied with it;
    a link to a folder (none is ever generated) is removed as the file it is, never followed."""
    from redraft.site.writer import MARKER, _delete_stale

    pages = tmp_path / "pages"
    (pages / "a" / "b").mkdir(parents=True)
    (pages / "a" / "b" / "kept.md").write_text("kept")
    (pages / "a" / "b" / "stale.md").write_text("stale")
    (pages / "c" / "d").mkdir(parents=True)
    (pages / "c" / "d" / "stale.md").write_text("stale")
    (pages / MARKER).write_text("marker")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.md").write_text("not ours")
    (pages / "a" / "link").symlink_to(outside, target_is_directory=True)
    deleted = _delete_stale(pages, {"a/b/kept.md"})
    assert deleted == ["a/b/stale.md", "a/link", "c/d/stale.md"]
    left = sorted(p.relative_to(pages).as_posix() for p in pages.rglob("*"))
    assert left == [MARKER, "a", "a/b", "a/b/kept.md"]
    assert (outside / "precious.md").read_text() == "not ours"
