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

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redraft._api import Loaded, SiteBuild, build, check, diff, load
    from redraft.kb.model import KnowledgeBase, Version
    from redraft.kb.problems import Problem
    from redraft.kb.versionspec import VersionNotFound
    from redraft.redline.compare import GuidelineNotFound, LanguageNotFound, VersionDiff
    from redraft.site.errors import SiteBuildError

_HOME = {
    # public name → the module that defines it, imported when the name is first used: every
    # `redraft` command imports this package, and `redraft --help` needs none of them (the
    # loader and the checks take most of a second to import; the site builder pulls in MkDocs)
    "Loaded": "redraft._api",
    "SiteBuild": "redraft._api",
    "build": "redraft._api",
    "check": "redraft._api",
    "diff": "redraft._api",
    "load": "redraft._api",
    "KnowledgeBase": "redraft.kb.model",
    "Version": "redraft.kb.model",
    "Problem": "redraft.kb.problems",
    "VersionNotFound": "redraft.kb.versionspec",
    "GuidelineNotFound": "redraft.redline.compare",
    "LanguageNotFound": "redraft.redline.compare",
    "VersionDiff": "redraft.redline.compare",
    "SiteBuildError": "redraft.site.errors",
}


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'redraft' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # once found, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})


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
