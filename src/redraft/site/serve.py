"""``redraft serve``: regenerate on every edit while MkDocs' server rebuilds and reloads.

The watcher is Redraft's own (watchfiles), not MkDocs' ``watch:``: a builder that cannot run
Redraft's generator (Zensical ignores custom plugins) can still serve the generated folder
while this watcher keeps it current.  MkDocs watches the generated docs folder and reloads the
browser when the watcher has rewritten a page.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from .build import Prepared, SiteBuildError, silence_jieba
from .config import CONFIG_NAME

WATCHED = ("guidelines", "comments", "docs", "redraft.yml", CONFIG_NAME)


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
) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    main_config = (
        prepared.layout.tree_folder(prepared.site.folders[prepared.site.trees[0].language])
        / CONFIG_NAME
    )
    watch_sources(prepared, regenerate, stop)
    silence_jieba()
    try:
        mkdocs_serve(config_file=str(main_config), livereload=True, dev_addr=dev_addr)
    except MkDocsException as exc:
        raise SiteBuildError([f"{main_config}: MkDocs: {exc}"]) from exc
    finally:
        stop.set()
