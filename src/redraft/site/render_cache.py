"""Reuse what MkDocs made of a page last time, when nothing the page's HTML depends on changed.

MkDocs has no incremental mode: every build converts every page's Markdown, renders every page
through the theme's templates and re-parses every page's HTML for the search index, although
an edit to one guideline changes a dozen of thousands of generated pages.  This plugin, given
to MkDocs by :func:`redraft.site.mkdocs_run.build_tree` (never written into a generated
configuration), keeps for each page what MkDocs made of it, in a folder of its own, and hands
it back when the page's inputs are the same:

- **the rendered Markdown** (HTML content, table of contents, title, anchors, links to other
  pages' anchors and the warnings the conversion logged), keyed by the page's source (front
  matter and Markdown as MkDocs reads them) and the *tree key*: the tree's configuration file,
  ``site_url``, the build date, the set of files in the tree (a link's URL depends on whether
  its target exists), Redraft's own code, the versions of the packages that render and any
  theme folder of the editor's;
- **the finished page** (the HTML file and the page's search entries), when in addition the
  navigation is the same: MkDocs renders the whole navigation, with every listed page's title,
  into every page, and the previous and next page into its footer, so a page whose navigation
  changed is rendered through the templates again (from its cached content).

Everything site-wide is still made by MkDocs from every page, cached or not: the search index
(from the entries, in page order), the sitemap, the anchor validation (from the cached anchors
and links), the warnings (replayed), the static files.  A missing, unreadable or foreign entry is
a miss; nothing in the cache can change what a build of the same inputs makes, only how fast,
and the entries no page used are removed after each build.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from redraft.kb.atomic import write_bytes_atomic
from redraft.kb.own_code import own_code_digest, package_versions
from redraft.site.lean_pages import CACHED_TEMPLATE, pack, unpack
from redraft.site.stamp import RENDERERS

FORMAT = 1
"""Bumped when an entry's layout changes: older entries are then misses, never misread."""
CACHED_VARIABLE = "redraft_cached_page"
ENTRY_SUFFIX = ".json"
RENDER_EVENTS = (
    "on_config",
    "on_files",
    "on_nav",
    "on_page_markdown",
    "on_page_content",
    "on_env",
    "on_page_context",
    "on_post_page",
    "on_post_build",
)
"""The MkDocs events the cache listens to (a hook that carries it passes on every one)."""

PageRendered = Callable[[int, int, bool], None]
"""Told after each page is written: pages done, pages in the tree, whether it was reused."""


@dataclass
class Entry:
    """What MkDocs made of one page, as stored (JSON) in the cache."""

    content: str
    toc: list[Any]
    title: str | None
    anchors: list[str]
    links: dict[str, dict[str, str]]
    warnings: list[tuple[str, int, str]]
    navigation: str = ""
    """The navigation's key when ``html`` and ``search`` were made; empty before."""
    html: str = ""
    search: list[dict[str, Any]] = field(default_factory=list)
    format: int = FORMAT


# -- keys ------------------------------------------------------------------------------------------


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(f"{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@functools.cache
def renderer_versions() -> str:
    return ";".join(package_versions(RENDERERS))


def _package_roots() -> tuple[Path, ...]:
    import material  # type: ignore[import-untyped]
    import mkdocs

    return tuple(Path(module.__file__ or "").resolve().parent for module in (mkdocs, material))


def installed_theme(folder: Path) -> bool:
    """Whether ``folder`` (resolved) is inside MkDocs' or Material's installed package."""
    return any(folder == root or root in folder.parents for root in _package_roots())


def _theme_files(config: MkDocsConfig) -> Iterator[tuple[str, bytes]]:
    """The files of the theme folders that are not an installed package's (an editor's
    ``custom_dir``): a package's templates are covered by its version."""
    for folder in map(Path, config.theme.dirs):
        resolved = folder.resolve()
        if installed_theme(resolved):
            continue
        for path in sorted(p for p in resolved.rglob("*") if p.is_file()):
            yield str(path), path.read_bytes()


def configuration_key(config: MkDocsConfig) -> str:
    """Everything outside the pages that a page's HTML depends on, but the set of files and
    the navigation (known later in the build)."""
    parts = [
        f"format={FORMAT}",
        Path(config.config_file_path).read_text(encoding="utf-8"),
        f"site_url={config.site_url}",
        f"directory_urls={config.use_directory_urls}",
        f"epoch={os.environ.get('SOURCE_DATE_EPOCH', '')}",
        renderer_versions(),
        own_code_digest(),
    ]
    for name, data in _theme_files(config):
        parts += [name, hashlib.sha256(data).hexdigest()]
    return _digest(*parts)


def files_key(configuration: str, files: Files) -> str:
    return _digest(configuration, *sorted(file.src_uri for file in files))


def page_key(tree: str, page: Page, markdown: str) -> str:
    meta = json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False)
    return _digest(tree, page.file.src_uri, meta, markdown)


def navigation_key(nav: Navigation) -> str:
    """The navigation as the templates print it: every item's kind, title, URL and metadata."""

    def items(entries: list[Any]) -> Iterator[str]:
        for item in entries:
            if isinstance(item, Section):
                yield f"section\0{item.title}\0["
                yield from items(item.children)
                yield "]"
            elif isinstance(item, Link):
                yield f"link\0{item.title}\0{item.url}"
            else:
                meta = json.dumps(item.meta, sort_keys=True, default=str, ensure_ascii=False)
                yield f"page\0{item.title}\0{item.url}\0{meta}"

    homepage = nav.homepage.url if nav.homepage else ""
    return _digest(homepage, *items(nav.items))


# -- table of contents -----------------------------------------------------------------------------


def toc_to_json(toc: TableOfContents) -> list[Any]:
    return [[link.title, link.id, link.level, toc_to_json(link.children)] for link in toc]  # type: ignore[arg-type]


def toc_from_json(items: list[Any]) -> TableOfContents:
    def link(item: list[Any]) -> AnchorLink:
        title, anchor, level, children = item
        made = AnchorLink(title, anchor, level)
        made.children = [link(child) for child in children]
        return made

    return TableOfContents([link(item) for item in items])


# -- storage ---------------------------------------------------------------------------------------


def read_entry(folder: Path, key: str) -> Entry | None:
    try:
        data = json.loads((folder / f"{key}{ENTRY_SUFFIX}").read_text(encoding="utf-8"))
        entry = Entry(**data)
    except (OSError, ValueError, TypeError):
        return None
    if entry.format != FORMAT:
        return None
    entry.warnings = [(str(name), int(level), str(text)) for name, level, text in entry.warnings]
    return entry


def write_entry(folder: Path, key: str, entry: Entry) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = json.dumps(asdict(entry), ensure_ascii=False, separators=(",", ":"))
    write_bytes_atomic(folder / f"{key}{ENTRY_SUFFIX}", data.encode("utf-8"), durable=False)


def remove_unused(folder: Path, used: set[str]) -> int:
    """Delete the entries no page of the last build used; how many."""
    removed = 0
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        if path.suffix == ENTRY_SUFFIX and path.stem not in used and path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


# -- the plugin ------------------------------------------------------------------------------------


class _Recorder(logging.Handler):
    """The warnings MkDocs logs while it converts one page, to replay when the page is reused."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


@dataclass
class CacheCounts:
    pages: int = 0
    reused: int = 0
    """Pages whose finished HTML came from the cache."""
    converted: int = 0
    """Pages whose Markdown MkDocs converted (the others' came from the cache)."""


class RenderCache(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """The MkDocs plugin; one instance serves every build of one tree (``redraft serve``
    rebuilds with the same instance), each build starting afresh in ``on_config``."""

    def __init__(self, folder: Path, on_page: PageRendered | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.page_written = on_page
        self.counts = CacheCounts()
        self._reset()

    def _reset(self) -> None:
        self.counts = CacheCounts()
        self._configuration = ""
        self._tree = ""
        self._navigation = ""
        self._nav: Navigation | None = None
        self._keys: dict[str, str] = {}
        self._entries: dict[str, Entry] = {}
        # Between MkDocs' two loops an entry's texts are held packed (see .lean_pages): a
        # converted page's HTML, stored with the finished page, and a reused page's finished
        # HTML.  A cached page's content is not held: read again in the rare case it is stored
        # again (its navigation changed).
        self._contents: dict[str, bytes] = {}
        self._finished_html: dict[str, bytes] = {}
        self._fresh: set[str] = set()
        self._finished: set[str] = set()
        self._recorder: _Recorder | None = None
        self._search: Any = None
        self._indexed = 0
        self._total = 0

    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        self._configuration = configuration_key(config)
        return config

    @event_priority(-100)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        # after every other plugin, so that the files they add are counted
        self._tree = files_key(self._configuration, files)
        self._total = len(files.documentation_pages())
        return files

    @event_priority(-100)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        self._search = _search_index(config)
        return nav

    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # last, so the key is made of the Markdown MkDocs is about to convert
        uri = page.file.src_uri
        key = page_key(self._tree, page, markdown)
        self._keys[uri] = key
        entry = read_entry(self.folder, key)
        if entry is None:
            self._recorder = _Recorder()
            logging.getLogger("mkdocs").addHandler(self._recorder)
            return markdown
        self._entries[uri] = entry
        if entry.html:
            self._finished_html[uri] = pack(entry.html)
            entry.html = ""
        # MkDocs calls page.render next; this page's own is given what it made last time.
        page.render = functools.partial(_restore, page, entry)  # type: ignore[method-assign]
        return markdown

    @event_priority(100)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # first, so the content is the converted Markdown before other plugins change it
        uri = page.file.src_uri
        if uri in self._entries:
            self._entries[uri].content = ""  # the page has it now (see _stored_content)
            return html
        recorder, self._recorder = self._recorder, None
        if recorder is not None:
            logging.getLogger("mkdocs").removeHandler(recorder)
        self.counts.converted += 1
        self._contents[uri] = pack(html)
        self._entries[uri] = Entry(
            content="",
            toc=toc_to_json(page.toc),
            title=page._title_from_render,
            anchors=sorted(page.present_anchor_ids or ()),
            links={
                target.src_uri: dict(links)
                for target, links in (page.links_to_anchors or {}).items()
            },
            warnings=recorder.records if recorder is not None else [],
        )
        self._fresh.add(uri)
        return html

    @event_priority(-100)
    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        import jinja2

        # Every page has been read and converted: titles, hence the navigation, are final.
        self._navigation = navigation_key(self._nav) if self._nav is not None else ""
        env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({CACHED_TEMPLATE: "{{ " + CACHED_VARIABLE + " }}"}), env.loader]
        )
        for file in files.documentation_pages():
            entry = self._entries.get(file.src_uri)
            if file.page is None or entry is None or entry.navigation != self._navigation:
                self._finished_html.pop(file.src_uri, None)  # rendered again: not needed
                continue
            if file.src_uri not in self._finished_html:
                continue
            self._finished.add(file.src_uri)
            # The template that prints the finished HTML; and no indexing: the page's search
            # entries are added as they were (on_page_context).
            file.page.meta = {**file.page.meta, "template": CACHED_TEMPLATE}
            file.page.meta["search"] = {**(file.page.meta.get("search") or {}), "exclude": True}
        return env

    @event_priority(-100)
    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        # after the search plugin has indexed the page (or, for a finished page, not)
        uri = page.file.src_uri
        entries = self._search.entries if self._search is not None else []
        entry = self._entries[uri]
        if uri in self._finished:
            context[CACHED_VARIABLE] = unpack(self._finished_html.pop(uri))
            entries.extend(entry.search)
        else:
            entry.search = list(entries[self._indexed :])
        self._indexed = len(entries)
        return context

    @event_priority(100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        uri = page.file.src_uri
        reused = uri in self._finished
        if not reused:
            entry = self._entries[uri]
            entry.html, entry.navigation = output, self._navigation
            content = self._stored_content(uri)
            if content is not None:
                entry.content = content
                write_entry(self.folder, self._keys[uri], entry)
        self._entries.pop(uri, None)  # nothing kept once written
        self.counts.pages += 1
        self.counts.reused += reused
        if self.page_written is not None:
            self.page_written(self.counts.pages, self._total, reused)
        return output

    def _stored_content(self, uri: str) -> str | None:
        """The page's converted HTML, to store: packed since its conversion, or read again from
        the entry it came from (``None`` if that entry has gone meanwhile: then nothing is
        stored and the next build converts the page again)."""
        packed = self._contents.pop(uri, None)
        if packed is not None:
            return unpack(packed)
        entry = read_entry(self.folder, self._keys[uri])
        return entry.content if entry is not None else None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        remove_unused(self.folder, set(self._keys.values()))


def _restore(page: Page, entry: Entry, config: MkDocsConfig, files: Files) -> None:
    """What :meth:`Page.render` sets, from the cache; the conversion's warnings said again."""
    page.content = entry.content
    page.toc = toc_from_json(entry.toc)
    page._title_from_render = entry.title
    page.present_anchor_ids = set(entry.anchors)
    page.links_to_anchors = {
        target: dict(links)
        for uri, links in entry.links.items()
        if (target := files.get_file_from_path(uri)) is not None
    }
    for name, level, text in entry.warnings:
        logging.getLogger(name).log(level, text)


def _search_index(config: MkDocsConfig) -> Any:
    """Material's search index, whose entries a reused page adds as they were."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            return index
    return None
