"""The orchestration of a build: read, generate, write, then run MkDocs on every tree.

``prepare`` loads and checks the knowledge base, reads ``mkdocs.yml`` and the hand-written pages
(all through :mod:`redraft.kb`), generates every tree (:mod:`.generate`) and writes it into the
pages folder (:mod:`.layout` says where); ``build`` then runs MkDocs on each tree
(:mod:`.mkdocs_run`).  The main tree is built first because MkDocs empties its output folder,
which holds the language trees' folders.  A build whose inputs have not changed since the last one
does nothing (:mod:`.stamp`).
"""

from __future__ import annotations

import os
import posixpath
import shutil
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from redraft.checks.rules import check_loaded
from redraft.kb.atomic import link_folder, replace_folder, staging_folder, write_bytes_atomic
from redraft.kb.collector import model_frozen
from redraft.kb.load import load_with_parse_cache
from redraft.kb.model import KnowledgeBase
from redraft.kb.parse_cache import KeptParses
from redraft.kb.problems import Problem
from redraft.kb.site_inputs import SiteInputs, read_config, read_site_inputs
from redraft.kb.sources import FileSource
from redraft.redline.compare import comparisons_stored_in, forget_comparisons
from redraft.redline.comparison_cache import ComparisonCache
from redraft.site.config import CONFIG_NAME, default_base
from redraft.site.context import Provenance
from redraft.site.documents import DocumentMaker
from redraft.site.errors import SiteBuildError
from redraft.site.generate import PageConflict, Reuse, SiteFiles, UnknownLanguage, generate_site
from redraft.site.layout import (
    Layout,
    cache_folder,
    generation_record,
    layout,
    refuse_unsafe_layout,
)
from redraft.site.output import SITE_MARKER, SITE_MARKER_TEXT, disk_trouble, one_build_at_a_time
from redraft.site.progress import Phase, Report, TreeBuilt, TreeStarted, ignore
from redraft.site.reads import load_record, save_record
from redraft.site.stamp import Stamp, fingerprint, forget_trees, read_stamp, write_stamp
from redraft.site.tree_builds import TreeJob, available_cores, build_trees
from redraft.site.tree_reuse import hashes_digest, left_out_of_main, previous_output, tree_key
from redraft.site.writer import MARKER, NotGeneratedFolder, TreeWriter, WriteReport


@dataclass(frozen=True)
class Prepared:
    layout: Layout
    site: SiteFiles
    report: WriteReport
    warnings: tuple[Problem, ...]
    inputs: str = ""
    """The fingerprint of the inputs the pages were generated from."""
    tree_files: Mapping[str, str] = field(default_factory=dict)
    """Tree folder → the hash of its generated files (:func:`.tree_reuse.hashes_digest`)."""


def base_config(root: Path) -> dict[str, Any]:
    """The knowledge base's ``mkdocs.yml`` (read through :mod:`redraft.kb`), or the default."""
    config, problems = read_config(FileSource(root))
    if problems:
        raise SiteBuildError([str(p) for p in problems])
    return config if config is not None else default_base()


def load_checked(
    root: Path,
) -> tuple[KnowledgeBase, SiteInputs, tuple[Problem, ...], KeptParses]:
    """The model, ``mkdocs.yml`` and the hand-written pages (all read through :mod:`redraft.kb`),
    and the warnings; or every error ``redraft check`` would report, the site's own (a page that
    links out of ``docs/``, a ``docs_dir`` naming the data) among them: a site is built from
    clean data, and nothing is published that should not be.

    Texts parsed by an earlier build or check are not parsed again (:mod:`redraft.kb.parse_cache`);
    the cache, pickled, is returned for the caller to keep once the build can no longer be
    refused (a refused build changes nothing on disk), and its parsed data let go."""
    result, parsed = load_with_parse_cache(root)
    editor = read_site_inputs(FileSource(root))
    problems = check_loaded(result, editor.problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SiteBuildError(
            [str(p) for p in errors] + [f"{len(errors)} error(s): the site was not built"]
        )
    warnings = tuple(p for p in problems if p.severity == "warning")
    return result.kb, editor, warnings, parsed.to_keep()


def inputs_of(
    root: Path,
    *,
    internal: bool,
    documents: bool = False,
    languages: Collection[str] | None = None,
) -> str:
    """The fingerprint of everything a build of ``root`` reads (:mod:`.stamp`), whether it
    writes the downloadable documents and which trees it makes: a build with them is not the
    same as one without."""
    base = base_config(root.resolve())
    docs_dir = str(base.get("docs_dir") or "docs")
    found = fingerprint(FileSource(root.resolve()), docs_dir=docs_dir, internal=internal)
    if documents:
        found += "+documents"
    if languages is not None:
        found += "+trees=" + ",".join(sorted(set(languages)))
    return found


def prepare(
    root: Path,
    *,
    internal: bool = False,
    inputs: str | None = None,
    progress: Report = ignore,
    documents: DocumentMaker | None = None,
    languages: Collection[str] | None = None,
    keep_comparisons: bool = False,
) -> Prepared:
    """Load, check, generate and write every tree's pages; nothing is written on an error.

    ``inputs`` is the fingerprint of the inputs when the caller has already taken it;
    ``progress`` is told of each phase (:mod:`.progress`); ``documents`` makes the files the
    pages offer for download (:mod:`.documents`), none without it; ``languages`` names the
    trees to generate (all by default; :func:`redraft.site.generate.selected_trees`), the pages
    of the others being removed from the pages folder.  ``keep_comparisons`` keeps the
    guidelines compared in this process for the next call (``redraft serve``, which generates
    again after each edit: only the edited guidelines are compared again)."""
    root = root.resolve()
    base = base_config(root)
    where = layout(root, internal=internal, base=base)
    refuse_unsafe_layout(where, base)
    with one_build_at_a_time(root):
        try:
            return _prepare(
                root,
                internal=internal,
                inputs=inputs,
                progress=progress,
                documents=documents,
                languages=languages,
                keep_comparisons=keep_comparisons,
            )
        except OSError as error:
            raise SiteBuildError([disk_trouble(error, where.pages, root)]) from error


def _prepare(
    root: Path,
    *,
    internal: bool,
    inputs: str | None,
    progress: Report,
    documents: DocumentMaker | None,
    languages: Collection[str] | None,
    keep_comparisons: bool = False,
) -> Prepared:
    inputs = inputs or inputs_of(
        root, internal=internal, documents=documents is not None, languages=languages
    )
    progress(Phase("checking"))
    kb, editor, warnings, parsed = load_checked(root)
    base = editor.config if editor.config is not None else default_base()
    where = layout(root, internal=internal, base=base)

    def site_dir(folder: str) -> str:
        tree_prefix = "" if folder == "main" else f"{folder}/"
        target = where.tree_site(folder, tree_prefix)
        return posixpath.normpath(os.path.relpath(target, where.tree_folder(folder)))

    progress(Phase("generating"))
    recorded = read_stamp(where.pages)
    # Each file is written as soon as it is generated (a build at L makes over a gigabyte of
    # Markdown; held whole it was most of the peak memory).  The stamp says "being rewritten"
    # before the first file changes, so a build stopped midway leaves pages no later build
    # mistakes for current; a refusal (a page conflict, an unknown language, a folder not
    # ours) comes before that, and changes nothing.
    record_file = generation_record(where.pages)
    previous = load_record(record_file) if recorded.pages else None

    def starting() -> None:
        write_stamp(where.pages, replace(recorded, pages=""))
        # The record describes the files about to change: gone until they are all written.
        record_file.unlink(missing_ok=True)

    writer = TreeWriter(where.pages, on_start=starting)
    # Guidelines compared by earlier builds are read back, not compared again: after an edit,
    # only the edited guideline's comparisons are made (redraft.redline.comparison_cache).
    comparisons = ComparisonCache.open(root)
    try:
        with comparisons_stored_in(comparisons), model_frozen():
            site = generate_site(
                kb,
                base_config=base,
                handwritten=editor.pages,
                site_dir=site_dir,
                internal=internal,
                provenance=read_provenance(root, kb),
                documents=documents,
                languages=languages,
                sink=writer.put,
                reuse=Reuse(previous, writer.stamp, writer.keep, writer.hashes.__getitem__),
            )
        parsed.keep()
        comparisons.keep()
        del kb, comparisons, parsed  # the pages are on disk: nothing more is needed from the model
        if not keep_comparisons:
            forget_comparisons()  # nor the guidelines compared to make them
        progress(Phase("writing", f"{site.page_count} pages"))
        report = writer.finish()
    except PageConflict as exc:
        raise SiteBuildError([str(exc)]) from exc
    except UnknownLanguage as exc:
        raise SiteBuildError([str(exc)], exit_code=2) from exc
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
    if site.record is not None:
        record_file.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(record_file, save_record(site.record), durable=False)
    tree_files = {folder: hashes_digest(writer.hashes, folder) for folder in site.folders.values()}
    return Prepared(where, site, report, warnings, inputs, tree_files)


def pages_up_to_date(
    root: Path,
    *,
    internal: bool,
    inputs: str | None = None,
    documents: bool = False,
    languages: Collection[str] | None = None,
) -> Stamp | None:
    """The record of the last generation, if the pages folder is from exactly today's inputs
    (``inputs``, their fingerprint, is taken here unless given)."""
    root = root.resolve()
    where = layout(root, internal=internal, base=base_config(root))
    recorded = read_stamp(where.pages)
    if not recorded.pages or not (where.pages / MARKER).is_file():
        return None
    inputs = inputs or inputs_of(root, internal=internal, documents=documents, languages=languages)
    return recorded if recorded.pages == inputs else None


def read_provenance(root: Path, kb: KnowledgeBase) -> Provenance:
    """What git says about the draft, or why it says nothing (no repository, no git, a shallow
    clone): provenance adds to pages and never stops a build."""
    from redraft.release.provenance import (
        ProvenanceOff,
        changes_since_release,
        last_changed,
        last_changed_files,
    )

    changed = last_changed(root, kb)
    if isinstance(changed, ProvenanceOff):
        return Provenance(off=changed.reason)
    files = last_changed_files(root, kb)
    by_file = {} if isinstance(files, ProvenanceOff) else files
    since = changes_since_release(root, kb)
    if isinstance(since, ProvenanceOff):
        return Provenance(last_changed=changed, last_changed_files=by_file, off=since.reason)
    return Provenance(last_changed=changed, last_changed_files=by_file, since_release=since)


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
    if not recorded.site or not _trees_are_there(where.site, recorded.trees):
        return None
    if strict and recorded.mkdocs_warnings:
        return None
    pages = pages_up_to_date(root, internal=internal, inputs=inputs)
    return recorded if pages is not None and pages.site == pages.pages else None


def _trees_are_there(site: Path, trees: list[str]) -> bool:
    """Whether the home page of each tree recorded (``/``, ``zh/``...) is in ``site``."""
    return bool(trees) and all((site / tree.strip("/") / "index.html").is_file() for tree in trees)


def build(
    root: Path,
    *,
    internal: bool = False,
    strict: bool = False,
    progress: Report = ignore,
    workers: int | None = None,
    documents: DocumentMaker | None = None,
    languages: Collection[str] | None = None,
) -> BuildResult:
    """Generate the pages, then build every tree with MkDocs; or nothing, if nothing changed
    since the last build (:mod:`.stamp`).

    The trees are built ``workers`` at a time (by default, one per available core;
    :mod:`.tree_builds`), each reusing what its last build made of its unchanged pages
    (:mod:`.render_cache`); ``progress`` is told of each phase and page (:mod:`.progress`);
    ``documents`` makes the Word and Excel files the pages offer (:mod:`.documents`).

    ``languages`` builds only the trees in those languages (``en`` for an English main tree,
    ``zh``, ``fr``...): each is byte for byte what a whole build publishes at its prefix, so
    trees built apart (on several machines, say) can be put together into the whole site;
    ``site/`` then holds the trees built, and nothing else.

    MkDocs empties its output folder and then writes page after page, so the site is built in a
    hidden folder beside the final one and swapped in only when every tree is complete: a build
    that fails or is killed midway leaves the previous site whole (see :mod:`redraft.kb.atomic`).
    """
    root = root.resolve()
    base = base_config(root)
    refuse_unsafe_layout(layout(root, internal=internal, base=base), base)
    with one_build_at_a_time(root):
        inputs = inputs_of(
            root, internal=internal, documents=documents is not None, languages=languages
        )
        recorded = up_to_date(root, internal=internal, strict=strict, inputs=inputs)
        if recorded is not None:
            return BuildResult(None, tuple(recorded.mkdocs_warnings), recorded)
        # What the site holds now, and what it was built from: trees whose inputs are the
        # same again are kept (:mod:`.tree_reuse`).
        last = read_stamp(layout(root, internal=internal, base=base).pages)
        prepared = prepare(
            root,
            internal=internal,
            inputs=inputs,
            progress=progress,
            documents=documents,
            languages=languages,
        )
        final = prepared.layout.site
        try:
            built = _build_site(
                prepared,
                final,
                strict=strict,
                progress=progress,
                workers=available_cores() if workers is None else workers,
                last=last,
            )
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
                mkdocs_warnings=built.warnings,
                tree_keys=built.keys,
                tree_warnings=built.tree_warnings,
            ),
        )
        return BuildResult(prepared, tuple(built.warnings))


@dataclass(frozen=True)
class SiteBuilt:
    warnings: list[str]
    """MkDocs' warnings, tree after tree (a kept tree's as they were when it was built)."""
    keys: dict[str, str]
    """Tree prefix → the key of its output (:mod:`.tree_reuse`)."""
    tree_warnings: dict[str, list[str]]


def _build_site(
    prepared: Prepared,
    final: Path,
    *,
    strict: bool,
    progress: Report,
    workers: int,
    last: Stamp,
) -> SiteBuilt:
    """Build every tree into a staging folder of its own, move the language trees into the
    main tree's, and swap that into ``final``; the staging folders are removed whatever
    happens, and ``final`` is untouched unless the swap succeeds.  A tree whose key is the one
    ``last`` recorded for the site in ``final`` is not built: its output there is linked into
    the staging folder (:mod:`.tree_reuse`)."""
    warnings: dict[str, list[str]] = {}
    keys: dict[str, str] = {}
    site_dirs: dict[str, Path] = {}
    staging = staging_folder(final)
    parts: list[Path] = []
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(prepared.site.epoch)
    prefixes = [*last.trees, *(tree.prefix or "/" for tree in prepared.site.trees)]
    try:
        jobs = []
        kept: list[tuple[TreeJob, Path]] = []
        for tree in prepared.site.trees:
            folder = prepared.site.folders[tree.language]
            part = staging if tree.is_main else staging_folder(final)
            if not tree.is_main:
                parts.append(part)
            job = TreeJob(
                label=f"/{tree.prefix}",
                config_file=prepared.layout.tree_folder(folder) / CONFIG_NAME,
                site_dir=part,
                strict=strict,
                cache=cache_folder(prepared.layout.pages, "build", folder),
                pages=_tree_pages(prepared.layout.tree_folder(folder)),
            )
            key = tree_key(
                prepared.tree_files.get(folder, ""),
                tree_folder=prepared.layout.tree_folder(folder),
                strict=strict,
                epoch=epoch,
            )
            keys[job.label] = key
            site_dirs[job.label] = part
            previous = previous_output(final, tree.prefix)
            if last.tree_keys.get(job.label) == key and previous is not None:
                kept.append((job, previous))
            else:
                jobs.append(job)
        progress(
            Phase(
                "building",
                f"{len(jobs)} tree(s), {max(1, min(workers, len(jobs)))} at a time"
                + (f", {len(kept)} unchanged" if kept else ""),
            )
        )
        for job, previous in kept:
            started = time.perf_counter()
            leave_out = left_out_of_main(prefixes) if job.site_dir == staging else frozenset()
            link_folder(previous, job.site_dir, leave_out=leave_out)
            warnings[job.label] = list(last.tree_warnings.get(job.label, []))
            seconds = time.perf_counter() - started
            progress(TreeStarted(job.label, job.pages))
            progress(TreeBuilt(job.label, job.pages, job.pages, seconds, kept=True))
        outcomes = build_trees(jobs, epoch=prepared.site.epoch, workers=workers, report=progress)
        for job, outcome in zip(jobs, outcomes, strict=True):
            warnings[job.label] = list(outcome.warnings)
            if outcome.errors:
                # What made a strict build fail comes first, then the verdict.
                said = [w for label in keys for w in warnings.get(label, [])]
                raise SiteBuildError([f"mkdocs: {w}" for w in said] + outcome.errors)
        # Each staging_folder() call clears this process's earlier, still empty, ones: MkDocs
        # makes its output folder again, but nothing does when no main tree was built into it.
        staging.mkdir(exist_ok=True)
        for tree in prepared.site.trees:
            if not tree.is_main:
                replace_folder(site_dirs[f"/{tree.prefix}"], staging / tree.prefix)
        write_bytes_atomic(staging / SITE_MARKER, SITE_MARKER_TEXT, durable=False)
        # The record of what the site was built from is dropped before the site changes and
        # written again once the new one is in place: a build stopped in between keeps nothing.
        forget_trees(prepared.layout.pages)
        replace_folder(staging, final, remove_later=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        for part in parts:
            shutil.rmtree(part, ignore_errors=True)
    ordered = [w for label in keys for w in warnings[label]]
    return SiteBuilt(ordered, keys, {label: warnings[label] for label in keys})


def _tree_pages(tree_folder: Path) -> int:
    """How many Markdown pages MkDocs will render in a generated tree."""
    return sum(1 for _ in (tree_folder / "docs").rglob("*.md"))
