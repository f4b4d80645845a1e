"""A MkDocs hook used by ``redraft serve`` only: after MkDocs has rebuilt the main tree into its
temporary folder, build every language tree into its subfolder, so that the preview has every
language, as the published site does.

MkDocs loads a hook from its file, as a module of its own, so the trees to build come through
the environment (:data:`TREES_VARIABLE`: JSON pairs of configuration file and URL prefix), set by
:func:`redraft.site.serve.serve`.  Generated configurations never name this hook: builders
without MkDocs hooks (Zensical) build each tree themselves.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

TREES_VARIABLE = "REDRAFT_SERVE_TREES"


def on_post_build(config: Any) -> None:
    from redraft.site.mkdocs_run import build_tree

    for config_file, prefix in json.loads(os.environ.get(TREES_VARIABLE, "[]")):
        build_tree(Path(config_file), strict=False, site_dir=Path(config.site_dir) / prefix)
