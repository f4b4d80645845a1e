"""The public functions behind ``import redraft``: load, check, diff, build.

Each is a thin layer over the packages that do the work (:mod:`redraft.kb`,
:mod:`redraft.checks`, :mod:`redraft.redline`, :mod:`redraft.site`), which stay free to change;
what a caller may rely on is this module's names as :mod:`redraft` re-exports them, and the
types they return.  See docs/api.md.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from redraft.checks.rules import beyond_the_model, check_loaded
from redraft.kb.load import LoadResult
from redraft.kb.load import load as _load_folder
from redraft.kb.model import KnowledgeBase, Version
from redraft.kb.problems import Problem
from redraft.kb.versionspec import lookup_version, resolve_version
from redraft.redline.compare import VersionDiff, diff_versions

if TYPE_CHECKING:
    from redraft.site.documents import DocumentMaker, DocumentRequest


@dataclass(frozen=True)
class Loaded:
    """A knowledge base as read from its folder.

    ``kb`` is the model; ``problems`` are what was wrong in the files as they were read (a
    file that does not parse, a missing field), which :func:`check` reports together with the
    rules that span files; ``root`` is the folder, where ``draft@REV`` finds its git
    repository.
    """

    root: Path
    kb: KnowledgeBase
    problems: tuple[Problem, ...]
    _result: LoadResult

    def __repr__(self) -> str:
        versions = ", ".join(v.id for v in self.kb.versions)
        return (
            f"Loaded(root={str(self.root)!r}, versions=[{versions}], problems={len(self.problems)})"
        )


@dataclass(frozen=True)
class SiteBuild:
    """What :func:`build` did."""

    site: Path
    """The folder holding the built site (``site/``, or ``build/site-internal/``)."""
    page_count: int
    trees: tuple[str, ...]
    """The language trees built, by URL prefix: ``/`` for the main one, then ``/zh/``..."""
    warnings: tuple[str, ...]
    """The knowledge base's warnings, ``path:line: warning: message`` (errors stop a build)."""
    mkdocs_warnings: tuple[str, ...]
    up_to_date: bool
    """True when nothing changed since the last build, which was therefore kept as it is."""
    internal: bool
    """True for an internal build, with restricted submissions: not for publication."""


def load(path: str | os.PathLike[str]) -> Loaded:
    """Read the knowledge base in the folder ``path``.

    Never raises for what is wrong in the files: a file that cannot be read or parsed is left
    out of the model and named in ``problems``.  Raises :class:`FileNotFoundError` if ``path``
    is not a folder.
    """
    root = Path(path)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: not a folder")
    result = _load_folder(root)
    return Loaded(root, result.kb, result.problems, result)


def check(loaded: Loaded) -> list[Problem]:
    """Every problem of the knowledge base, as ``redraft check`` reports it: those met while
    loading, the rules that span files, and released folders that differ from their release
    tags in git.  Sorted by file and line; warnings have ``severity == "warning"``."""
    result = loaded._result
    return check_loaded(result, beyond_the_model(loaded.root, result))


def diff(
    source: Loaded | KnowledgeBase,
    from_version: str,
    to_version: str,
    *,
    guideline: str | None = None,
    language: str | None = None,
) -> VersionDiff:
    """What changed from one version to another (either may be the later one).

    A version is named by its id (``2019-3``, ``draft``) or its document symbol; with a
    :class:`Loaded` source, also as ``draft@REV``, the draft at a git revision of the
    repository that holds the loaded folder.  ``guideline`` compares that guideline only (with
    those it was merged or split from or into); ``language`` compares the translations in that
    language.

    Raises :class:`VersionNotFound`, :class:`GuidelineNotFound` or :class:`LanguageNotFound`,
    each with a one-line message.
    """
    if isinstance(source, Loaded):
        kb = source.kb
        old = resolve_version(kb, from_version, source.root)
        new = resolve_version(kb, to_version, source.root)
    else:
        kb = source
        old, new = lookup_version(kb, from_version), lookup_version(kb, to_version)
    return diff_versions(kb, old, new, guideline, language)


NO_LIBREOFFICE = (
    "redraft.yml: pdf_downloads is on, and a PDF needs LibreOffice: install the Debian package "
    "libreoffice-writer-nogui, or set pdf_downloads: false"
)


def site_documents(root: Path) -> DocumentMaker:
    """What makes the documents the site offers for download: the code ``redraft export``
    runs, so each file is byte for byte what the CLI writes for the same version, pair or
    call.  The site may not import :mod:`redraft.exports` (docs/architecture.md), so the
    build is handed this.  The working draft is dated as the CLI dates it, by its last
    committed change, read from git once per model.

    A document whose inputs (the request, the part of the model it is made from, the draft's
    date, the exporting code) are those of the last build's is reused from
    ``build/cache/documents/`` rather than made again (:mod:`redraft.exports.document_cache`).
    """
    import hashlib

    from redraft.exports.compilation import compilation, compilation_sources, render
    from redraft.exports.document_cache import cached, document_key
    from redraft.exports.documents import (
        DocumentFormat,
        draft_date,
        render_compare,
        render_version,
        version_read,
    )
    from redraft.exports.pdf import PdfUnavailable, find_soffice
    from redraft.redline.compare import history_between
    from redraft.site.errors import SiteBuildError
    from redraft.site.layout import CACHE

    folder = root.resolve() / CACHE / "documents"
    # What is known of the model last asked about: a build (or each regeneration of `serve`)
    # loads a new one, and each document of it needs the same few facts.
    seen: dict[str, object] = {}

    def facts(kb: KnowledgeBase) -> dt.date | None:
        if seen.get("kb") is not kb:
            settings = hashlib.sha256(repr(kb.settings).encode()).hexdigest()
            seen.update(kb=kb, as_at=draft_date(root, kb), settings=settings)
            seen["each"] = {}
        as_at = seen["as_at"]
        assert as_at is None or isinstance(as_at, dt.date)
        return as_at

    def versions_digest(versions: Sequence[Version]) -> str:
        """The settings and exactly the versions a comparison's document is made from
        (:func:`render_compare` reads the settings and the versions from the older to the
        newer): an edit to the working draft remakes the comparisons that reach it, not every
        released version's.  A version's document is keyed by the part of its version that
        :func:`version_read` names: an English word remakes the English document, and a
        translation only where it shows that English text."""
        each = seen["each"]
        assert isinstance(each, dict)
        digests = []
        for version in versions:
            if id(version) not in each:
                each[id(version)] = hashlib.sha256(repr(version).encode()).hexdigest()
            digests.append(each[id(version)])
        return " ".join([str(seen["settings"]), *digests])

    def make(kb: KnowledgeBase, request: DocumentRequest) -> bytes:
        if request.format == "pdf" and find_soffice() is None:
            raise SiteBuildError([NO_LIBREOFFICE])
        as_at = facts(kb)
        if request.kind == "compilation":
            (call_id,) = request.ids

            def made() -> bytes:
                content = compilation(kb, call_id, request.include_restricted)
                return render(content, "xlsx" if request.format == "xlsx" else "docx")

            # Exactly what the compilation reads (its call, the submissions and dispositions
            # on it, their parties' names, the labels of the versions that addressed them, the
            # version commented on, the settings): an edit of the working draft leaves the
            # compilations of calls on released versions as they were.
            commented_on, sources = compilation_sources(kb, call_id)
            shown = versions_digest([commented_on] if commented_on else [])
            model = f"{shown} {hashlib.sha256(sources.encode()).hexdigest()}"
        else:
            chosen = [lookup_version(kb, version_id) for version_id in request.ids]
            dated = as_at if chosen[-1].date is None else None

            def made() -> bytes:
                pdf_or_docx: DocumentFormat = "pdf" if request.format == "pdf" else "docx"
                try:
                    if request.kind == "version":
                        (version,) = chosen
                        return render_version(
                            kb, version, pdf_or_docx, request.language, dated, None
                        )
                    old, new = chosen
                    return render_compare(kb, old, new, pdf_or_docx, request.language, dated, None)
                except PdfUnavailable as exc:
                    raise SiteBuildError([f"{request.path}: {exc}"]) from None

            if request.kind == "version":
                read = repr(version_read(chosen[0], request.language)).encode()
                model = f"{seen['settings']} {hashlib.sha256(read).hexdigest()} {dated}"
            else:
                model = f"{versions_digest(history_between(kb, *chosen))} {dated}"
        kind = "internal" if request.include_restricted else "public"
        path = folder / kind / request.path.replace("/", "__")
        return cached(path, document_key(repr(request), model), made)

    return make


def build(
    path: str | os.PathLike[str],
    *,
    include_restricted: bool = False,
    strict: bool = False,
    languages: Collection[str] | None = None,
) -> SiteBuild:
    """Build the site of the knowledge base in ``path``, as ``redraft build`` does: the pages
    into ``build/pages/``, then MkDocs into ``site/`` (``build/site-internal/`` with
    ``include_restricted``).  Does nothing if no input changed since the last build.
    ``languages`` builds only the trees in those languages (``redraft build --language``).

    Raises :class:`SiteBuildError` (its ``lines`` say why, one problem a line) when the
    knowledge base has errors or MkDocs fails (with ``strict``, on any warning); the previous
    site is then left as it was.
    """
    from redraft.site.build import base_config
    from redraft.site.build import build as build_site
    from redraft.site.layout import layout

    root = Path(path)
    result = build_site(
        root,
        internal=include_restricted,
        strict=strict,
        documents=site_documents(root),
        languages=languages,
    )
    if result.prepared is not None:
        prepared = result.prepared
        return SiteBuild(
            site=prepared.layout.site,
            page_count=prepared.site.page_count,
            trees=tuple(tree.prefix or "/" for tree in prepared.site.trees),
            warnings=tuple(str(p) for p in prepared.warnings),
            mkdocs_warnings=result.mkdocs_warnings,
            up_to_date=False,
            internal=include_restricted,
        )
    stamp = result.up_to_date
    assert stamp is not None  # a skipped build always says which build it kept
    where = layout(root, internal=include_restricted, base=base_config(root.resolve()))
    return SiteBuild(
        site=where.site,
        page_count=stamp.page_count,
        trees=tuple(stamp.trees),
        warnings=tuple(stamp.warnings),
        mkdocs_warnings=tuple(stamp.mkdocs_warnings),
        up_to_date=True,
        internal=include_restricted,
    )
