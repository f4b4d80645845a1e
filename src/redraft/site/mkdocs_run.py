"""Running MkDocs on a generated tree, in-process and quietly.

One interpreter for all trees, MkDocs' own exceptions instead of parsed exit codes, and its
warnings counted through its logger.  Around the runs: the environment MkDocs and Material read
(their MkDocs 2.0 banner off, a fixed build date for a reproducible sitemap), their logging
(warnings gathered, INFO chatter silenced), and jieba's announcement of its dictionary hushed.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redraft.site.collector import fewer_collections
from redraft.site.config import CONFIG_NAME
from redraft.site.errors import SiteBuildError
from redraft.site.search_parser import quick_search

if TYPE_CHECKING:
    from redraft.site.render_cache import CacheCounts, PageRendered


@contextlib.contextmanager
def quietly(epoch: int, warnings: list[str]) -> Iterator[None]:
    """Everything a series of MkDocs runs needs around it: banners off, the build date fixed
    to ``epoch`` (unless the caller fixed it), and MkDocs' warnings appended to ``warnings``."""
    with _quiet_banners(), _reproducible(epoch), _collect(warnings):
        yield


def build_tree(
    config_file: Path,
    *,
    strict: bool,
    site_dir: Path | None = None,
    cache: Path | None = None,
    on_page: PageRendered | None = None,
) -> CacheCounts:
    """Run MkDocs on one generated tree; MkDocs' errors become one-line build errors.

    With ``cache`` (a folder), pages whose inputs are unchanged since the build that filled it
    are reused instead of rendered (:mod:`.render_cache`); ``on_page`` is told of every page
    written.  MkDocs runs with fewer garbage collections (:mod:`.collector`), and Material's
    search reads the pages with a quicker tokenizer (:mod:`.search_parser`).  Returns how many
    pages were built and reused."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from redraft.site.lean_pages import LeanPages
    from redraft.site.render_cache import CacheCounts, RenderCache

    overrides: dict[str, Any] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir)
    counts = CacheCounts()
    try:
        config = load_config(config_file=str(config_file), **overrides)
        plugin = None
        if cache is not None:
            compile_templates_once(config, cache.parent / TEMPLATES_CACHE)
            plugin = RenderCache(cache, on_page)
            config.plugins["redraft/render-cache"] = plugin
        # last, so that every other plugin (the render cache too) has read what it lets go
        config.plugins[_LEAN_PAGES] = LeanPages(plugin.packed_content if plugin else None)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            with fewer_collections(), quick_search():
                mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        if plugin is not None:
            counts = plugin.counts
    except MkDocsException as exc:
        raise SiteBuildError([f"{config_file}: MkDocs: {exc}"]) from exc
    return counts


TEMPLATES_CACHE = ".templates"
"""Beside the trees' render caches: the theme's compiled templates, shared by every tree."""


def compile_templates_once(config: Any, folder: Path) -> None:
    """Have every Jinja environment of this tree's theme keep its compiled templates in
    ``folder`` (Jinja's own bytecode cache).

    MkDocs makes a new environment for each build of each tree (and Material's search one more),
    and compiles Material's templates in each: a third of a tree's build when its pages are
    reused.  Jinja keys each compiled template by its name and file and checks it against a hash
    of the template's source (and Python's version), so an edited template of the editor's
    ``custom_dir`` is compiled again; the output is the same either way."""
    import jinja2

    folder.mkdir(parents=True, exist_ok=True)
    cache = jinja2.FileSystemBytecodeCache(str(folder))
    theme = config.theme
    make_environment = theme.get_env

    def environment() -> jinja2.Environment:
        made: jinja2.Environment = make_environment()
        made.bytecode_cache = cache
        return made

    theme.get_env = environment


def segment_chinese_only_where_searched(config: Any) -> None:
    """Material's search cuts every run of Han characters into words with jieba, in any tree,
    and jieba loads its dictionary at the first run it meets (0.4 s and some 70 MB per process:
    a fifth of the example's main tree, whose English pages quote a few Chinese words).  Only a
    tree searched in Chinese needs the words cut; elsewhere the text is indexed as it is.

    Called once the search plugin has read its configuration (``on_config``), when its index
    exists and its ``lang`` is settled (from the theme's language unless set)."""
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    if index is None or searches_chinese(config):
        return
    index._segment_chinese = _as_it_is


def searches_chinese(config: Any) -> bool:
    """Whether a tree's search is in Chinese: its theme's language (``zh``, ``zh-Hant``,
    ``zh-TW``...) or a search ``lang`` of its own says so.  (Material's Chinese translations name
    no search language, so a Chinese tree's search ``lang`` reads ``en``.)"""
    search = config.plugins.get("material/search")
    languages = [
        config.theme.get("language") or "en",
        *((search.config.lang or []) if search is not None else []),
    ]
    return any(str(language).lower().split("-")[0] == "zh" for language in languages)


def _as_it_is(text: str) -> str:
    return text


_LEAN_PAGES = "redraft-lean-pages"


@contextlib.contextmanager
def _quiet_banners() -> Iterator[None]:
    """Material and MkDocs print a banner about MkDocs 2.0 on every build: not ours to show."""
    with _environment({"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}):
        yield


@contextlib.contextmanager
def _reproducible(epoch: int) -> Iterator[None]:
    """Fix the build date (sitemap ``lastmod``, its gzip header) unless the caller already did."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    with _environment({"SOURCE_DATE_EPOCH": str(epoch)}):
        yield


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def silence_jieba() -> None:
    """Material's search segments Chinese with jieba, which announces loading its dictionary on
    stderr; importing it first lets its logger be turned down (its import turns it up)."""
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


class _Collector(logging.Handler):
    def __init__(self, sink: Callable[[str], None]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink(f"{record.levelname.lower()}: {record.getMessage()}")


@contextlib.contextmanager
def _collect(warnings: list[str]) -> Iterator[None]:
    """Gather MkDocs' warnings so the command can print them, and keep its INFO chatter quiet."""
    logger = logging.getLogger("mkdocs")
    silence_jieba()
    handler = _Collector(warnings.append)
    previous_level, previous_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
        logger.propagate = previous_propagate


def tree_nav(tree_folder: Path) -> Any:
    """The navigation written into a generated tree's configuration (for the MkDocs plugin)."""
    import yaml

    with open(tree_folder / CONFIG_NAME, encoding="utf-8") as stream:
        return (yaml.safe_load(stream) or {}).get("nav")
