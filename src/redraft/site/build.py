"""The edge where the site meets the disk and MkDocs: read, generate, write, build.

``prepare`` loads and checks the knowledge base, generates every tree (:mod:`.generate`) and
writes it into the pages folder; ``build`` then runs MkDocs on each tree, in-process: one
interpreter for all trees, MkDocs' own exceptions instead of parsed exit codes, and warnings
counted through its logger.  The main tree is built first because MkDocs empties its output
folder, which holds the language trees' folders.

Layout, relative to the knowledge base root (public build / internal build)::

    build/pages/          build/pages-internal/     generated Markdown and configurations
      main/mkdocs.yml       main/mkdocs.yml
      main/docs/...         main/docs/...
      zh/mkdocs.yml ...     zh/...
    site/                 build/site-internal/      the built site; /zh/ etc. inside it

An internal build never writes into ``site/``, so it cannot be published by mistake.
"""

from __future__ import annotations

import contextlib
import logging
import os
import posixpath
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from redraft.checks.rules import check_loaded
from redraft.kb.atomic import replace_folder, staging_folder, write_bytes_atomic
from redraft.kb.load import load
from redraft.kb.model import KnowledgeBase
from redraft.kb.problems import Problem
from redraft.site.config import CONFIG_NAME, default_base, load_base
from redraft.site.context import Provenance
from redraft.site.generate import PageConflict, SiteFiles, generate_site
from redraft.site.output import (
    SITE_MARKER,
    SITE_MARKER_TEXT,
    BuildLocked,
    SiteFolderRefused,
    build_lock,
    disk_trouble,
    refuse_unsafe_site,
)
from redraft.site.stamp import Stamp, fingerprint, read_stamp, write_stamp
from redraft.site.writer import MARKER, NotGeneratedFolder, WriteReport, claim_folder, write_tree

PUBLIC_PAGES = "build/pages"
INTERNAL_PAGES = "build/pages-internal"
PUBLIC_SITE = "site"
INTERNAL_SITE = "build/site-internal"


class SiteBuildError(Exception):
    """A build that cannot go on; ``lines`` are what the user needs to read, one per line.

    ``exit_code`` is 1 for problems in the knowledge base or the build, 2 for a setting that
    the build refuses to act on (a site folder that would destroy something)."""

    def __init__(self, lines: list[str], *, exit_code: int = 1) -> None:
        self.lines = lines
        self.exit_code = exit_code
        super().__init__("\n".join(lines))


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


@dataclass(frozen=True)
class Prepared:
    layout: Layout
    site: SiteFiles
    report: WriteReport
    warnings: tuple[Problem, ...]
    inputs: str = ""
    """The fingerprint of the inputs the pages were generated from."""


def layout(root: Path, *, internal: bool, base: dict[str, Any] | None = None) -> Layout:
    root = root.resolve()
    if internal:
        return Layout(root, root / INTERNAL_PAGES, root / INTERNAL_SITE, True)
    site_dir = str((base or {}).get("site_dir") or PUBLIC_SITE)
    return Layout(root, root / PUBLIC_PAGES, (root / site_dir).resolve(), False)


def refuse_unsafe_layout(where: Layout, base: dict[str, Any]) -> None:
    """Stop, before anything is written or deleted, if the site would land on something that
    is not a site (see :mod:`.output`)."""
    root = where.root
    docs_dir = str(base.get("docs_dir") or "docs")
    protected = [
        root / "guidelines",
        root / "comments",
        root / ".git",
        root / docs_dir,
        root / PUBLIC_PAGES,
        root / INTERNAL_PAGES,
    ]
    setting = INTERNAL_SITE if where.internal else f"{CONFIG_NAME}: site_dir"
    try:
        refuse_unsafe_site(where.site, root=root, protected=protected, setting=setting)
    except SiteFolderRefused as refused:
        raise SiteBuildError([refused.line], exit_code=2) from refused


@contextlib.contextmanager
def one_build_at_a_time(root: Path) -> Iterator[None]:
    """The knowledge base's build lock (:func:`.output.build_lock`) as a build error."""
    notices: list[str] = []
    try:
        with build_lock(root, notice=notices):
            for notice in notices:
                logging.getLogger("redraft").warning(notice)
            yield
    except BuildLocked as locked:
        raise SiteBuildError([locked.line]) from locked


def base_config(root: Path) -> dict[str, Any]:
    config_file = root / CONFIG_NAME
    if not config_file.is_file():
        return default_base()
    try:
        return load_base(config_file)
    except Exception as exc:  # YAML errors: one line naming the file, not a traceback
        mark = getattr(exc, "problem_mark", None)
        where = f"{CONFIG_NAME}:{mark.line + 1}" if mark is not None else CONFIG_NAME
        raise SiteBuildError([f"{where}: cannot read: {exc}".splitlines()[0]]) from exc


def read_handwritten(root: Path, base: dict[str, Any]) -> dict[str, bytes]:
    """The editor's own pages (``docs/`` unless mkdocs.yml names another folder)."""
    folder = root / str(base.get("docs_dir") or "docs")
    found: dict[str, bytes] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found[relative.as_posix()] = path.read_bytes()
    return found


def load_checked(root: Path) -> tuple[KnowledgeBase, tuple[Problem, ...]]:
    """The model, or every error ``redraft check`` would report: a site is built from clean data."""
    result = load(root)
    problems = check_loaded(result)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SiteBuildError(
            [str(p) for p in errors] + [f"{len(errors)} error(s): the site was not built"]
        )
    return result.kb, tuple(p for p in problems if p.severity == "warning")


def inputs_of(root: Path, *, internal: bool) -> str:
    """The fingerprint of everything a build of ``root`` reads (:mod:`.stamp`)."""
    base = base_config(root.resolve())
    docs_dir = str(base.get("docs_dir") or "docs")
    return fingerprint(root.resolve(), docs_dir=docs_dir, internal=internal)


def prepare(root: Path, *, internal: bool = False, inputs: str | None = None) -> Prepared:
    """Load, check, generate and write every tree's pages; nothing is written on an error.

    ``inputs`` is the fingerprint of the inputs when the caller has already taken it."""
    root = root.resolve()
    base = base_config(root)
    where = layout(root, internal=internal, base=base)
    refuse_unsafe_layout(where, base)
    with one_build_at_a_time(root):
        try:
            return _prepare(root, where, base, internal=internal, inputs=inputs)
        except OSError as error:
            raise SiteBuildError([disk_trouble(error, where.pages, root)]) from error


def _prepare(
    root: Path, where: Layout, base: dict[str, Any], *, internal: bool, inputs: str | None
) -> Prepared:
    inputs = inputs or inputs_of(root, internal=internal)
    kb, warnings = load_checked(root)
    handwritten = read_handwritten(root, base)

    def site_dir(folder: str) -> str:
        tree_prefix = "" if folder == "main" else f"{folder}/"
        target = where.tree_site(folder, tree_prefix)
        return posixpath.normpath(os.path.relpath(target, where.tree_folder(folder)))

    try:
        site = generate_site(
            kb,
            base_config=base,
            handwritten=handwritten,
            site_dir=site_dir,
            internal=internal,
            provenance=read_provenance(root, kb),
        )
    except PageConflict as exc:
        raise SiteBuildError([str(exc)]) from exc
    recorded = read_stamp(where.pages)
    try:
        claim_folder(where.pages)
        write_stamp(where.pages, replace(recorded, pages=""))  # being rewritten
        report = write_tree(where.pages, site.files)
    except NotGeneratedFolder as exc:
        raise SiteBuildError([str(exc)]) from exc
    done = replace(
        recorded,
        pages=inputs,
        page_count=site.page_count,
        trees=[tree.prefix or "/" for tree in site.trees],
        warnings=[str(p) for p in warnings],
    )
    write_stamp(where.pages, done)
    return Prepared(where, site, report, warnings, inputs)


def pages_up_to_date(root: Path, *, internal: bool, inputs: str | None = None) -> Stamp | None:
    """The record of the last generation, if the pages folder is from exactly today's inputs
    (``inputs``, their fingerprint, is taken here unless given)."""
    root = root.resolve()
    where = layout(root, internal=internal, base=base_config(root))
    recorded = read_stamp(where.pages)
    if not recorded.pages or not (where.pages / MARKER).is_file():
        return None
    inputs = inputs or inputs_of(root, internal=internal)
    return recorded if recorded.pages == inputs else None


def read_provenance(root: Path, kb: KnowledgeBase) -> Provenance:
    """What git says about the draft, or why it says nothing (no repository, no git, a shallow
    clone): provenance adds to pages and never stops a build."""
    from redraft.release.provenance import ProvenanceOff, changes_since_release, last_changed

    changed = last_changed(root, kb)
    if isinstance(changed, ProvenanceOff):
        return Provenance(off=changed.reason)
    since = changes_since_release(root, kb)
    if isinstance(since, ProvenanceOff):
        return Provenance(last_changed=changed, off=since.reason)
    return Provenance(last_changed=changed, since_release=since)


@dataclass(frozen=True)
class BuildResult:
    prepared: Prepared | None
    """None when the build was skipped: nothing changed since the last one (``up_to_date``)."""
    mkdocs_warnings: tuple[str, ...]
    up_to_date: Stamp | None = None


def up_to_date(
    root: Path, *, internal: bool, strict: bool, inputs: str | None = None
) -> Stamp | None:
    """The record of the last build, if its pages and site are from exactly today's inputs (and
    a strict build is not asked for after one that had warnings)."""
    root = root.resolve()
    where = layout(root, internal=internal, base=base_config(root))
    recorded = read_stamp(where.pages)
    if not recorded.site or not (where.site / "index.html").is_file():
        return None
    if strict and recorded.mkdocs_warnings:
        return None
    pages = pages_up_to_date(root, internal=internal, inputs=inputs)
    return recorded if pages is not None and pages.site == pages.pages else None


def build(root: Path, *, internal: bool = False, strict: bool = False) -> BuildResult:
    """Generate the pages, then build every tree with MkDocs; or nothing, if nothing changed
    since the last build (:mod:`.stamp`).

    MkDocs empties its output folder and then writes page after page, so the site is built in a
    hidden folder beside the final one and swapped in only when every tree is complete: a build
    that fails or is killed midway leaves the previous site whole (see :mod:`redraft.kb.atomic`).
    """
    root = root.resolve()
    base = base_config(root)
    refuse_unsafe_layout(layout(root, internal=internal, base=base), base)
    with one_build_at_a_time(root):
        inputs = inputs_of(root, internal=internal)
        recorded = up_to_date(root, internal=internal, strict=strict, inputs=inputs)
        if recorded is not None:
            return BuildResult(None, tuple(recorded.mkdocs_warnings), recorded)
        prepared = prepare(root, internal=internal, inputs=inputs)
        final = prepared.layout.site
        try:
            warnings = _build_site(prepared, final, strict=strict)
        except OSError as error:
            raise SiteBuildError([disk_trouble(error, final, root)]) from error
        write_stamp(
            prepared.layout.pages,
            Stamp(
                pages=prepared.inputs,
                site=prepared.inputs,
                page_count=prepared.site.page_count,
                trees=[tree.prefix or "/" for tree in prepared.site.trees],
                warnings=[str(p) for p in prepared.warnings],
                mkdocs_warnings=warnings,
            ),
        )
        return BuildResult(prepared, tuple(warnings))


def _build_site(prepared: Prepared, final: Path, *, strict: bool) -> list[str]:
    """Build every tree into a staging folder and swap it into ``final``; the staging folder is
    removed whatever happens, and ``final`` is untouched unless the swap succeeds."""
    warnings: list[str] = []
    staging = staging_folder(final)
    try:
        with _quiet_banners(), _reproducible(prepared.site), _collect(warnings):
            for tree in prepared.site.trees:
                folder = prepared.site.folders[tree.language]
                try:
                    build_tree(
                        prepared.layout.tree_folder(folder) / CONFIG_NAME,
                        strict=strict,
                        site_dir=staging / tree.prefix if tree.prefix else staging,
                    )
                except SiteBuildError as error:
                    # What made a strict build fail comes first, then the verdict.
                    lines = [f"mkdocs: {w}" for w in warnings] + error.lines
                    raise SiteBuildError(lines) from error
        write_bytes_atomic(staging / SITE_MARKER, SITE_MARKER_TEXT, durable=False)
        replace_folder(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return warnings


def build_tree(config_file: Path, *, strict: bool, site_dir: Path | None = None) -> None:
    """Run MkDocs on one generated tree; MkDocs' errors become one-line build errors."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    overrides: dict[str, Any] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir)
    try:
        config = load_config(config_file=str(config_file), **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        raise SiteBuildError([f"{config_file}: MkDocs: {exc}"]) from exc


@contextlib.contextmanager
def _quiet_banners() -> Iterator[None]:
    """Material and MkDocs print a banner about MkDocs 2.0 on every build: not ours to show."""
    with _environment({"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}):
        yield


@contextlib.contextmanager
def _reproducible(site: SiteFiles) -> Iterator[None]:
    """Fix the build date (sitemap ``lastmod``, its gzip header) unless the caller already did."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    with _environment({"SOURCE_DATE_EPOCH": str(site.epoch)}):
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
