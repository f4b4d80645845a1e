"""``redraft serve``: regenerate on every edit while MkDocs' server rebuilds and reloads.

The watcher is Redraft's own (watchfiles), not MkDocs' ``watch:``: a builder that cannot run
Redraft's generator (Zensical ignores custom plugins) can still serve the generated folder
while this watcher keeps it current.  MkDocs watches the generated docs folder and reloads the
browser when the watcher has rewritten a page.  Every language tree is served too, built after
the main tree by :mod:`.serve_trees`.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable

from redraft.site import serve_trees
from redraft.site.build import Prepared
from redraft.site.config import CONFIG_NAME
from redraft.site.errors import SiteBuildError
from redraft.site.layout import cache_folder
from redraft.site.mkdocs_run import silence_jieba
from redraft.site.progress import Event, Report, ignore

WATCHED = ("guidelines", "comments", "records", "docs", "redraft.yml", CONFIG_NAME)

_progress: list[Report] = [ignore]
"""Where the MkDocs hook (:mod:`.serve_trees`, loaded by MkDocs from its file) reports the
pages and trees it builds: the command's progress, set by :func:`serve`."""


def report(event: Event) -> None:
    _progress[0](event)


def watch_sources(
    prepared: Prepared, regenerate: Callable[[], None], stop: threading.Event
) -> threading.Thread:
    """Start a thread that calls ``regenerate`` after each batch of changes to the sources."""
    from watchfiles import watch

    root = prepared.layout.root
    paths = [root / name for name in WATCHED if (root / name).exists()]

    def run() -> None:
        for _changes in watch(*paths, stop_event=stop, debounce=300):
            regenerate()

    thread = threading.Thread(target=run, name="redraft-watch", daemon=True)
    thread.start()
    return thread


def serve(
    prepared: Prepared,
    *,
    regenerate: Callable[[], None],
    dev_addr: str,
    stop: threading.Event,
    progress: Report = ignore,
) -> None:
    """Serve every tree; each rebuild reuses the unchanged pages (:mod:`.render_cache`), and
    ``progress`` is told of each tree's pages."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    pages = prepared.layout.pages
    folders = [
        (pages / prepared.site.folders[tree.language], tree.prefix) for tree in prepared.site.trees
    ]
    main_config = folders[0][0] / CONFIG_NAME
    trees = [
        (str(folder / CONFIG_NAME), prefix, str(cache_folder(pages, "serve", folder.name)))
        for folder, prefix in folders
    ]
    watch_sources(prepared, regenerate, stop)
    silence_jieba()
    os.environ[serve_trees.TREES_VARIABLE] = json.dumps(trees)
    _progress[0] = progress
    try:
        mkdocs_serve(
            config_file=str(main_config),
            livereload=True,
            dev_addr=dev_addr,
            # the language trees: rebuilt after the main tree, and watched like it
            watch=[str(folder / "docs") for folder, _ in folders[1:]],
            hooks=[serve_trees.__file__],
        )
    except MkDocsException as exc:
        raise SiteBuildError([f"{main_config}: MkDocs: {exc}"]) from exc
    finally:
        os.environ.pop(serve_trees.TREES_VARIABLE, None)
        _progress[0] = ignore
        stop.set()
