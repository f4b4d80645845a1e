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

from redraft.site.config import CONFIG_NAME
from redraft.site.errors import SiteBuildError

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
    written.  Returns how many pages were built and reused."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from redraft.site.render_cache import CacheCounts, RenderCache

    overrides: dict[str, Any] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir)
    counts = CacheCounts()
    try:
        config = load_config(config_file=str(config_file), **overrides)
        if cache is not None:
            plugin = RenderCache(cache, on_page)
            config.plugins["redraft/render-cache"] = plugin
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        if cache is not None:
            counts = plugin.counts
    except MkDocsException as exc:
        raise SiteBuildError([f"{config_file}: MkDocs: {exc}"]) from exc
    return counts


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
