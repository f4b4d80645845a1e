"""Redraft: versioned guideline drafts, comments by note verbale, dispositions and redlines.

The public API, for scripts and notebooks (docs/api.md)::

    import redraft

    loaded = redraft.load(".")                     # the knowledge base in this folder
    problems = redraft.check(loaded)               # what `redraft check` reports
    redline = redraft.diff(loaded, "2019-3", "draft")
    built = redraft.build(".")                     # what `redraft build` does

Only the names in ``__all__`` are promised; the packages under :mod:`redraft` (kb, redline,
comments, checks, release, site, exports, cli) are the implementation and may change.
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING

from redraft._api import Loaded, SiteBuild, build, check, diff, load
from redraft.kb.model import KnowledgeBase, Version
from redraft.kb.problems import Problem
from redraft.kb.versionspec import VersionNotFound
from redraft.redline.compare import GuidelineNotFound, LanguageNotFound, VersionDiff

if TYPE_CHECKING:
    from redraft.site.errors import SiteBuildError


def __getattr__(name: str) -> object:
    # The site builder pulls in MkDocs; every `redraft` command imports this package, and only
    # `build` and `serve` need it.
    if name == "SiteBuildError":
        from redraft.site.errors import SiteBuildError

        return SiteBuildError
    raise AttributeError(f"module 'redraft' has no attribute {name!r}")


__all__ = [
    "GuidelineNotFound",
    "KnowledgeBase",
    "LanguageNotFound",
    "Loaded",
    "Problem",
    "SiteBuild",
    "SiteBuildError",
    "Version",
    "VersionDiff",
    "VersionNotFound",
    "__version__",
    "build",
    "check",
    "diff",
    "load",
]
