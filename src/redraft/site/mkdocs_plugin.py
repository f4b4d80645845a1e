"""A thin MkDocs plugin: plain ``mkdocs build`` and ``mkdocs serve`` work on a knowledge base.

It holds no logic: it calls the same generator as ``redraft build`` and points MkDocs at the
generated main tree; after the build it builds the language trees into the same output folder.
Builders that ignore custom plugins (Zensical) lose nothing but this convenience: they build the
configurations ``redraft build --pages-only`` writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin


class RedraftPluginConfig(base.Config):  # type: ignore[no-untyped-call]
    pass


class RedraftPlugin(BasePlugin[RedraftPluginConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self._prepared: Any = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from redraft.site.build import prepare
        from redraft.site.errors import SiteBuildError
        from redraft.site.mkdocs_run import tree_nav
        from redraft.site.stamp import forget_trees

        root = Path(config.config_file_path).parent
        try:
            self._prepared = prepare(root)
        except SiteBuildError as error:
            raise PluginError("\n".join(error.lines)) from error
        # MkDocs is about to write the site: what Redraft recorded of it no longer holds.
        forget_trees(self._prepared.layout.pages)
        main = self._prepared.site.trees[0]
        folder = self._prepared.layout.tree_folder(self._prepared.site.folders[main.language])
        config.docs_dir = str(folder / "docs")
        config.nav = tree_nav(folder)
        return config

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        from redraft.site.config import CONFIG_NAME
        from redraft.site.errors import SiteBuildError
        from redraft.site.mkdocs_run import build_tree

        prepared = self._prepared
        for tree in prepared.site.trees[1:]:
            folder = prepared.layout.tree_folder(prepared.site.folders[tree.language])
            try:
                build_tree(
                    folder / CONFIG_NAME,
                    strict=bool(config.strict),
                    site_dir=Path(config.site_dir) / tree.prefix,
                )
            except SiteBuildError as error:
                raise PluginError("\n".join(error.lines)) from error
