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
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from redraft.kb.atomic import create_new, write_bytes_atomic
from redraft.kb.own_code import own_code_digest, package_versions
from redraft.site.lean_pages import CACHED_TEMPLATE, LeanPages, pack, unpack
from redraft.site.stamp import RENDERERS

FORMAT = 3
"""Bumped when an entry's layout changes (3: texts packed with LZ4, not zlib): older entries
are then misses, never misread."""
CACHED_VARIABLE = "redraft_cached_page"
ENTRY_SUFFIX = ".page"
MAGIC = b"redraft-page %d " % FORMAT
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
    """What MkDocs made of one page, as stored in the cache: everything but its two long texts,
    which stay packed (:func:`.lean_pages.pack`) from the moment they are made until a page
    is written, on disk and in memory alike (:class:`Stored`)."""

    toc: list[Any]
    title: str | None
    anchors: list[str]
    links: dict[str, dict[str, str]]
    warnings: list[tuple[str, int, str]]
    navigation: str = ""
    """The navigation's key when the finished page and ``search`` were made; empty before."""
    search: list[dict[str, Any]] = field(default_factory=list)
    format: int = FORMAT


@dataclass
class Stored:
    """One cache file: the entry and the page's two texts, packed."""

    entry: Entry
    content: bytes
    """The converted Markdown (``page.content`` before any other plugin changed it), packed."""
    html: bytes = b""
    """The finished page (the HTML file), packed; empty until the page has been written."""


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


def read_entry(folder: Path, key: str) -> Stored | None:
    """The file ``key``, or None if it is missing, of another format or damaged in any way (a
    miss).  A header line (format, the three parts' sizes, a CRC-32 of the rest), then the
    packed entry, content and finished page: the texts are checked by their checksum, not
    unpacked, so that a page whose finished HTML is reused never has its content unpacked."""
    try:
        data = (folder / f"{key}{ENTRY_SUFFIX}").read_bytes()
        header, _, rest = data.partition(b"\n")
        if not header.startswith(MAGIC):
            return None
        numbers = [int(number) for number in header[len(MAGIC) :].split(b" ")]
        if len(numbers) != 4 or any(n < 0 for n in numbers):
            return None
        meta_size, content_size, html_size, checksum = numbers
        if meta_size + content_size + html_size != len(rest) or zlib.crc32(rest) != checksum:
            return None
        entry = Entry(**json.loads(unpack(rest[:meta_size])))
        if entry.format != FORMAT:
            return None
        entry.warnings = [(str(n), int(level), str(text)) for n, level, text in entry.warnings]
    except (OSError, ValueError, TypeError):
        return None
    content = rest[meta_size : meta_size + content_size]
    return Stored(entry, content, rest[meta_size + content_size :])


def write_entry(folder: Path, key: str, stored: Stored) -> None:
    """Store one entry.  A new entry is simply created (:func:`~redraft.kb.atomic.create_new`):
    a reader checks an entry's sizes and checksum, so one cut short by a kill is a miss, never
    misread; only a file already at its name (damaged, or something planted) is replaced
    through a temporary file."""
    # The fields as they are: ``dataclasses.asdict`` copies every nested list and dict first,
    # which was two fifths of storing an entry, and JSON writes the same either way.
    entry = {spec.name: getattr(stored.entry, spec.name) for spec in fields(Entry)}
    meta = pack(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    rest = b"".join([meta, stored.content, stored.html])
    numbers = (len(meta), len(stored.content), len(stored.html), zlib.crc32(rest))
    header = MAGIC + b" ".join(b"%d" % n for n in numbers) + b"\n"
    path = folder / f"{key}{ENTRY_SUFFIX}"
    data = header + rest
    try:
        created = create_new(path, data)
    except FileNotFoundError:  # the folder's first entry
        folder.mkdir(parents=True, exist_ok=True)
        created = create_new(path, data)
    if not created:
        write_bytes_atomic(path, data, durable=False)


def remove_unused(folder: Path, used: set[str]) -> int:
    """Delete the files of the folder but the entries the last build used (older formats'
    entries too: the folder is the cache's alone); how many."""
    removed = 0
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        used_entry = path.suffix == ENTRY_SUFFIX and path.stem in used
        if not used_entry and (path.is_symlink() or path.is_file()):
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
        # A page's texts are held packed (see .lean_pages) from the moment they are read or made
        # until the page is written: its converted HTML (the same bytes the lean-pages plugin
        # holds, handed over rather than packed twice) and, for a page that may be reused as it
        # is, its finished HTML, exactly as they are stored.
        self._contents: dict[str, bytes] = {}
        self._finished_html: dict[str, bytes] = {}
        self._handed: tuple[str, str, bytes] | None = None
        self._lazy_content = False
        self._finished: set[str] = set()
        self._recorder: _Recorder | None = None
        self._search: Any = None
        self._indexed = 0
        self._total = 0

    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        self._configuration = configuration_key(config)
        # A reused page's content is only unpacked for a plugin that reads it as it is
        # converted; Redraft's own two need only the packed bytes.
        self._lazy_content = all(
            isinstance(getattr(method, "__self__", None), OWN_CONTENT_READERS)
            for method in config.plugins.events["page_content"]
        )
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
        stored = read_entry(self.folder, key)
        if stored is None:
            self._recorder = _Recorder()
            logging.getLogger("mkdocs").addHandler(self._recorder)
            return markdown
        self._entries[uri] = stored.entry
        self._contents[uri] = stored.content
        if stored.html:
            self._finished_html[uri] = stored.html
        # MkDocs calls page.render next; this page's own is given what it made last time.
        content = "" if self._lazy_content else unpack(stored.content)
        page.render = functools.partial(_restore, page, stored.entry, content)  # type: ignore[method-assign]
        return markdown

    @event_priority(100)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # first, so the content is the converted Markdown before other plugins change it
        uri = page.file.src_uri
        if uri not in self._entries:
            recorder, self._recorder = self._recorder, None
            if recorder is not None:
                logging.getLogger("mkdocs").removeHandler(recorder)
            self.counts.converted += 1
            self._contents[uri] = pack(html)
            self._entries[uri] = Entry(
                toc=toc_to_json(page.toc),
                title=page._title_from_render,
                anchors=sorted(page.present_anchor_ids or ()),
                links={
                    target.src_uri: dict(links)
                    for target, links in (page.links_to_anchors or {}).items()
                },
                warnings=recorder.records if recorder is not None else [],
            )
        self._handed = (uri, html, self._contents[uri])
        return html

    def packed_content(self, uri: str, html: str) -> bytes | None:
        """The packed bytes of page ``uri``'s content, if ``html`` (what the last plugin to
        see it holds) is still the very text this plugin saw: the lean-pages plugin keeps
        them instead of packing the same text again."""
        handed, self._handed = self._handed, None
        if handed is not None and handed[0] == uri and handed[1] is html:
            return handed[2]
        return None

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
            self._contents.pop(file.src_uri, None)  # not stored again
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
        entry = self._entries.pop(uri, None)  # nothing kept once written
        content = self._contents.pop(uri, None)
        if not reused and entry is not None and content is not None:
            entry.navigation = self._navigation
            write_entry(self.folder, self._keys[uri], Stored(entry, content, pack(output)))
        self.counts.pages += 1
        self.counts.reused += reused
        if self.page_written is not None:
            self.page_written(self.counts.pages, self._total, reused)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        remove_unused(self.folder, set(self._keys.values()))


OWN_CONTENT_READERS = (RenderCache, LeanPages)
"""The plugins that read a page's content as it is converted and need only its packed bytes."""


def _restore(page: Page, entry: Entry, content: str, config: MkDocsConfig, files: Files) -> None:
    """What :meth:`Page.render` sets, from the cache; the conversion's warnings said again.
    ``content`` is empty when no plugin but Redraft's reads it before the page is rendered
    (the packed bytes are given back to the page then: :mod:`.lean_pages`)."""
    page.content = content
    page.toc = toc_from_json(entry.toc)
    page._title_from_render = entry.title
    page.present_anchor_ids = set(entry.anchors)
    # The keys were written as src_uri, so there is no path to normalise: in a profiled edit at
    # M, ``get_file_from_path`` making a path object per link was four fifths of this function.
    by_uri = files.src_uris
    page.links_to_anchors = {
        target: dict(links)
        for uri, links in entry.links.items()
        if (target := by_uri.get(uri)) is not None
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
