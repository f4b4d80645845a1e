"""A MkDocs hook used by ``redraft serve`` only: the render cache for the main tree, and after
MkDocs has rebuilt the main tree into its temporary folder, every language tree built into its
subfolder (each through its own cache), so that the preview has every language, as the
published site does, and a saved edit re-renders only the pages it changed.  A language tree
whose files are those of the server's last rebuild is not built again: its last output, kept
beside its cache, is linked back into the preview (:mod:`.tree_reuse`).

MkDocs loads a hook from its file, as a module of its own, so the trees to build come through
the environment (:data:`TREES_VARIABLE`: JSON triples of configuration file, URL prefix and
cache folder, the main tree first), set by :func:`redraft.site.serve.serve`.  Generated
configurations never name this hook: builders without MkDocs hooks (Zensical) build each tree
themselves.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from redraft.kb.atomic import link_folder
from redraft.site.progress import PagesRendered, TreeBuilt
from redraft.site.render_cache import RENDER_EVENTS, RenderCache
from redraft.site.tree_reuse import folder_digest, tree_key

TREES_VARIABLE = "REDRAFT_SERVE_TREES"

_caches: dict[str, RenderCache] = {}
"""The main tree's cache plugin, by cache folder: one instance across the server's rebuilds."""
_started = [0.0]


def _trees() -> list[tuple[str, str, str]]:
    return [tuple(tree) for tree in json.loads(os.environ.get(TREES_VARIABLE, "[]"))]


def _main_cache() -> RenderCache | None:
    trees = _trees()
    if not trees:
        return None
    folder = trees[0][2]
    if folder not in _caches:
        _caches[folder] = RenderCache(Path(folder), _page_written("/"))
    return _caches[folder]


def _page_written(label: str) -> Callable[[int, int, bool], None]:
    from redraft.site.serve import report

    reused = [0]

    def on_page(done: int, total: int, was_reused: bool) -> None:
        reused[0] = 0 if done == 1 else reused[0]
        reused[0] += was_reused
        report(PagesRendered(label, done, total, reused[0]))

    return on_page


def _delegate(name: str) -> Callable[..., Any]:
    """A hook event passed on to the main tree's cache, at the cache's own priority."""
    priority = getattr(getattr(RenderCache, name), "mkdocs_priority", 0)

    def event(*args: Any, **kwargs: Any) -> Any:
        cache = _main_cache()
        if cache is None:
            return args[0] if args else None
        if name == "on_config":
            _started[0] = time.perf_counter()
        return getattr(cache, name)(*args, **kwargs)

    event.__name__ = name
    return event_priority(priority)(event)


on_config = _delegate("on_config")
on_files = _delegate("on_files")
on_nav = _delegate("on_nav")
on_page_markdown = _delegate("on_page_markdown")
on_page_content = _delegate("on_page_content")
on_env = _delegate("on_env")
on_page_context = _delegate("on_page_context")
on_post_page = _delegate("on_post_page")
assert {name for name in globals() if name.startswith("on_")} | {"on_post_build"} == set(
    RENDER_EVENTS
), "every event of the render cache is passed on"


def on_post_build(config: Any) -> None:
    from redraft.site.mkdocs_run import build_tree
    from redraft.site.serve import report

    cache = _main_cache()
    if cache is not None:
        cache.on_post_build(config=config)
        counts = cache.counts
        report(TreeBuilt("/", counts.pages, counts.reused, time.perf_counter() - _started[0]))
    for config_file, prefix, folder in _trees()[1:]:
        started = time.perf_counter()
        label = f"/{prefix}"
        output = Path(config.site_dir) / prefix
        kept = _kept_output(Path(folder))
        key = tree_key(
            folder_digest(Path(config_file).parent),
            tree_folder=Path(config_file).parent,
            strict=False,
            epoch=os.environ.get("SOURCE_DATE_EPOCH", ""),
        )
        if _kept[folder] == key and kept.is_dir():
            link_folder(kept, output)
            pages = sum(1 for _ in (Path(config_file).parent / "docs").rglob("*.md"))
            seconds = time.perf_counter() - started
            report(TreeBuilt(label, pages, pages, seconds, kept=True))
            continue
        _kept[folder] = ""
        counts = build_tree(
            Path(config_file),
            strict=False,
            site_dir=output,
            cache=Path(folder),
            on_page=_page_written(label),
        )
        # Kept for the next rebuild: MkDocs empties the preview's folder before each.
        shutil.rmtree(kept, ignore_errors=True)
        link_folder(output, kept)
        _kept[folder] = key
        report(TreeBuilt(label, counts.pages, counts.reused, time.perf_counter() - started))


_kept: dict[str, str] = defaultdict(str)
"""A language tree's cache folder → the key of the output kept beside it (:mod:`.tree_reuse`),
for this server's life: a server started afresh builds every tree once."""


def _kept_output(cache: Path) -> Path:
    """Where a language tree's last preview is kept between rebuilds: beside its render cache."""
    return cache.parent / f".{cache.name}.site"
