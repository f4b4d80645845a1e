"""Where a build puts its output, relative to the knowledge base root (public / internal)::

    build/pages/          build/pages-internal/     generated Markdown and configurations
      main/mkdocs.yml       main/mkdocs.yml
      main/docs/...         main/docs/...
      zh/mkdocs.yml ...     zh/...
    site/                 build/site-internal/      the built site; /zh/ etc. inside it

An internal build never writes into ``site/``, so it cannot be published by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redraft.kb.load import DATA_PATHS, SETTINGS_FILE
from redraft.site.errors import SiteBuildError
from redraft.site.output import SiteFolderRefused, refuse_unsafe_site

PUBLIC_PAGES = "build/pages"
INTERNAL_PAGES = "build/pages-internal"
PUBLIC_SITE = "site"
INTERNAL_SITE = "build/site-internal"
CACHE = "build/cache"


@dataclass(frozen=True)
class Layout:
    root: Path
    pages: Path
    site: Path
    internal: bool

    def tree_folder(self, folder: str) -> Path:
        return self.pages / folder

    def tree_site(self, folder: str, prefix: str) -> Path:
        return self.site / prefix if prefix else self.site


def refuse_unsafe_layout(where: Layout, base: dict[str, Any]) -> None:
    """Stop, before anything is written or deleted, if the site would land on something that
    is not a site (:func:`redraft.site.output.refuse_unsafe_site`); exit status 2."""
    root = where.root
    docs = (root / str(base.get("docs_dir") or "docs")).resolve()
    protected = [
        *(root / path for path in DATA_PATHS if path != SETTINGS_FILE),
        root / ".git",
        root / PUBLIC_PAGES,
        root / INTERNAL_PAGES,
        root / CACHE,
    ]
    if root in docs.parents:  # a docs_dir elsewhere is its own problem (kb.site_inputs)
        protected.append(docs)
    setting = INTERNAL_SITE if where.internal else "mkdocs.yml: site_dir"
    try:
        refuse_unsafe_site(where.site, root=root, protected=protected, setting=setting)
    except SiteFolderRefused as refused:
        raise SiteBuildError([refused.line], exit_code=2) from refused


def cache_folder(pages: Path, purpose: str, tree_folder: str) -> Path:
    """Where the render cache of one tree lives (:mod:`.render_cache`):
    ``build/cache/<pages folder>/<purpose>/<tree>``, beside the pages and never inside the
    site.  ``purpose`` is ``build`` or ``serve``: a preview's pages differ by their
    ``site_url``, and each keeps only the entries its own last build used."""
    return pages.parent / Path(CACHE).name / pages.name / purpose / tree_folder


def generation_record(pages: Path) -> Path:
    """Where a generation records what each group of pages read (:mod:`.reads`), beside the
    render caches: ``build/cache/<pages folder>/generation.json``."""
    return pages.parent / Path(CACHE).name / pages.name / "generation.json"


def layout(root: Path, *, internal: bool, base: dict[str, Any] | None = None) -> Layout:
    """The folders of a build of ``root``; a public site goes where ``mkdocs.yml`` says."""
    root = root.resolve()
    if internal:
        return Layout(root, root / INTERNAL_PAGES, root / INTERNAL_SITE, True)
    site_dir = str((base or {}).get("site_dir") or PUBLIC_SITE)
    return Layout(root, root / PUBLIC_PAGES, (root / site_dir).resolve(), False)
