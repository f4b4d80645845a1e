"""Helpers shared by the site tests and the browser tests: build a copy of the example, check
links in built HTML, serve a folder on 127.0.0.1, convert generated pages with a tree's
Markdown extensions."""

from __future__ import annotations

import functools
import html
import http.server
import json
import posixpath
import shutil
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from redraft.site.build import BuildResult, build
from redraft.site.generate import SiteFiles

from .conftest import REPO, copy_example

RENDER_CACHE = Path("build") / "cache" / "pages"
"""Where a public build keeps its render cache (:func:`redraft.site.layout.cache_folder`)."""


def example_site_root(
    destination: Path, *, documents: Path | None = None, rendered: Path | None = None
) -> Path:
    """A copy of the example with its site configuration and hand-written pages; with
    ``documents`` (the ``example_documents`` fixture), the document cache a build of the
    example leaves, so that a build of the copy reuses the documents rather than make them.

    With ``rendered`` (the root of a session build of the example: ``example_site``, or
    ``example_published`` for builds that offer documents), the copy starts with that build's
    render cache: a build of the copy renders only the pages whose inputs differ from the
    session build's (a planted payload, a canary, an edit) and reuses the others, which are the
    same bytes a cold render gives (test_site_incremental.py pins it).  Tests of cold rendering
    itself (first builds, clean references, determinism, golden pages) leave it out."""
    root = copy_example(destination)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    if documents is not None:
        shutil.copytree(documents, root / "build" / "cache")
    if rendered is not None:
        warm_render_cache(root, rendered)
    return root


def record_careful_writes(monkeypatch: pytest.MonkeyPatch, module: Any) -> list[str]:
    """Have ``module``'s ``write_bytes_atomic`` (a temporary file and a rename) write as before
    and note the name of each file it wrote; the names, in order."""
    names: list[str] = []
    careful = module.write_bytes_atomic

    def through_rename(path: Path, data: bytes, *, durable: bool = True) -> None:
        names.append(path.name)
        careful(path, data, durable=durable)

    monkeypatch.setattr(module, "write_bytes_atomic", through_rename)
    return names


def warm_render_cache(root: Path, rendered: Path) -> None:
    """Give ``root`` the render cache of the build in ``rendered``.  An entry is named by the
    hash of everything its page is made from and never changed in place, so a copy is valid
    wherever it lies; the build of ``root`` removes the entries it does not use."""
    shutil.copytree(rendered / RENDER_CACHE, root / RENDER_CACHE, dirs_exist_ok=True)


def built_copy(built: Path, destination: Path) -> Path:
    """A copy of the session's build of the example (``example_site``): pages, site, caches and
    stamp.  It is current (the same inputs build the same bytes wherever they lie,
    test_trust_determinism.py), so a test of what comes after a first build starts here rather
    than build it again."""
    shutil.copytree(built, destination, symlinks=True)
    return destination


def build_example(destination: Path, *, internal: bool = False) -> tuple[Path, BuildResult]:
    root = example_site_root(destination)
    result = build(root, internal=internal, strict=True)
    return root, result


def site_text(site: Path) -> Iterator[tuple[Path, str]]:
    """Every text file of a built site, as a reader (or a crawler) would read it."""
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in (".png", ".gz", ".woff", ".woff2", ".ico", ".svg"):
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".json":
            raw = json.dumps(json.loads(raw), ensure_ascii=False)
        yield path, html.unescape(raw)


# -- links ---------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.hreflang: dict[str, str] = {}
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "html":
            self.lang = named.get("lang") or ""
        if tag == "a" and named.get("hreflang") and named.get("href"):
            self.hreflang[str(named["href"])] = str(named["hreflang"])
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src") and tag not in ("base",):
                self.links.append(value)
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)


@dataclass(frozen=True)
class BrokenLink:
    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.reason}"


def check_links(site: Path) -> tuple[int, list[BrokenLink]]:
    """Resolve every internal href and src of every HTML page to a file, and every fragment to an
    id in that file; a link that names its language (``hreflang``, between language trees) must
    reach a page in that language.  External links (with a scheme or host) are not followed:
    the test runs offline."""
    parsed: dict[Path, _Links] = {}

    def parse(path: Path) -> _Links:
        if path not in parsed:
            links = _Links()
            links.feed(path.read_text(encoding="utf-8", errors="replace"))
            parsed[path] = links
        return parsed[path]

    broken: list[BrokenLink] = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        relative_page = page.relative_to(site).as_posix()
        if page.name == "404.html" and page.parent != site:
            # MkDocs writes error pages with links from the server root, for a host to serve at
            # any missing URL; hosts serve the root's 404.html, never a language tree's.
            continue
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            checked += 1
            target = page if not parts.path else _resolve(site, page, unquote(parts.path))
            if target is None:
                broken.append(BrokenLink(relative_page, link, "no such file"))
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(BrokenLink(relative_page, link, f"no anchor #{fragment}"))
            wanted = parse(page).hreflang.get(link)
            if wanted and target.suffix == ".html" and parse(target).lang != wanted:
                reached = parse(target).lang
                broken.append(
                    BrokenLink(relative_page, link, f"leads to lang={reached}, not {wanted}")
                )
    return checked, broken


def _resolve(site: Path, page: Path, path: str) -> Path | None:
    if path.startswith("/"):
        candidate = posixpath.normpath(path.lstrip("/"))
    else:
        base = page.parent.relative_to(site).as_posix()
        candidate = posixpath.normpath(posixpath.join(base, path))
    if candidate.startswith(".."):
        return None
    target = site / candidate
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


# -- serving -----------------------------------------------------------------------------------


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Handler, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def generated_trees(pages: SiteFiles) -> Iterator[tuple[dict[str, Any], list[tuple[str, str]]]]:
    """Each generated tree's configuration and its pages' Markdown, as MkDocs hands a page to
    Python-Markdown (front matter removed): what a Markdown extension must convert."""
    for folder in pages.folders.values():
        config = yaml.safe_load(pages.files[f"{folder}/mkdocs.yml"])
        texts = [
            (path, get_data(data.decode("utf-8"))[0])  # MkDocs' own front matter reader
            for path, data in sorted(pages.files.items())
            if path.startswith(f"{folder}/docs/") and path.endswith(".md")
        ]
        yield config, texts


def markdown_renderer(config: dict[str, Any], *, without: str | None = None) -> markdown.Markdown:
    """Python-Markdown with a generated configuration's extensions and their options, leaving
    out ``without`` (to compare a Redraft extension's HTML with Python-Markdown's own)."""
    extensions: list[Any] = []
    options: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name == without:
            continue
        extensions.append(name)
        if settings:
            options[name] = settings
    return markdown.Markdown(extensions=extensions, extension_configs=options)
