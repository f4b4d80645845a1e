"""Skip a build whose inputs are exactly those of the last one that succeeded.

A build is a function of what it reads: the knowledge base's files, the editor's own pages and
``mkdocs.yml``, git's references (provenance comes from the history), Redraft's own code, the
versions of the packages that render, and the build's options.  Their fingerprint is recorded
beside the pages folder after a successful generation (``pages``) and after a successful MkDocs
build (``site``); a build that finds the same fingerprint, and its output still there, does no
loading, no diffing and no writing.  Hashing the inputs costs a fraction of a second where
regenerating costs minutes at scale.

The fingerprint errs towards rebuilding: any byte of any input, any commit, branch or tag, any
change to Redraft's own files invalidates it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, replace
from importlib import metadata
from pathlib import Path

from redraft.kb.atomic import write_bytes_atomic
from redraft.kb.own_code import PACKAGE, package_files
from redraft.kb.repository import git_references
from redraft.kb.sources import FileSource, ReadError

SOURCES = ("guidelines", "comments", "records", "redraft.yml", "mkdocs.yml")
RENDERERS = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jieba")


@dataclass(frozen=True)
class Stamp:
    """What the last successful build recorded."""

    pages: str = ""
    """Fingerprint of the inputs the pages folder was generated from."""
    site: str = ""
    """Fingerprint of the inputs the site folder was built from."""
    page_count: int = 0
    trees: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """The check's warnings, printed again when the build is skipped."""
    mkdocs_warnings: list[str] = field(default_factory=list)
    tree_keys: dict[str, str] = field(default_factory=dict)
    """Tree prefix (``/``, ``/zh/``) → the key of what its output in the site was built from
    (:mod:`.tree_reuse`); recorded only once that site is in place."""
    tree_warnings: dict[str, list[str]] = field(default_factory=dict)
    """Tree prefix → what MkDocs warned when it built that output, said again on reuse."""


def stamp_file(pages: Path) -> Path:
    return pages.parent / f".{pages.name}.stamp.json"


def read_stamp(pages: Path) -> Stamp:
    try:
        data = json.loads(stamp_file(pages).read_text(encoding="utf-8"))
        return Stamp(**data)
    except (OSError, ValueError, TypeError):
        return Stamp()


def write_stamp(pages: Path, stamp: Stamp) -> None:
    text = json.dumps(asdict(stamp), ensure_ascii=False, indent=1, sort_keys=True)
    stamp_file(pages).parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(stamp_file(pages), text.encode("utf-8"), durable=False)


def forget_trees(pages: Path) -> None:
    """Drop the record of what each tree's output in the site was built from, before anything
    writes the site: until a build records them again, no tree is kept (:mod:`.tree_reuse`)."""
    recorded = read_stamp(pages)
    if recorded.tree_keys or recorded.tree_warnings:
        write_stamp(pages, replace(recorded, tree_keys={}, tree_warnings={}))


def forget(pages: Path) -> None:
    """Drop the record before writing anything, so that a build stopped midway is never taken
    for a complete one."""
    stamp_file(pages).unlink(missing_ok=True)


def fingerprint(files: FileSource, *, docs_dir: str, internal: bool) -> str:
    """The hash of everything the pages and the site are made from (see the module's docs).

    The knowledge base's files are read through ``files``, by the loader's rules: a file over
    the size limit or a refused link is hashed as its problem, not read (the build that follows
    reports it)."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("options", json.dumps({"internal": internal, "docs": docs_dir}).encode())
    add("epoch", os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    for name in (*SOURCES, docs_dir):
        for path in _kb_files(files, name):
            try:
                add(f"source:{path}", files.read_bytes(path))
            except ReadError as exc:
                add(f"unreadable:{path}", f"{exc.line}: {exc.message}".encode())
    for path, why in files.refused():
        add(f"refused:{path}", why.encode())
    for own in package_files():
        add(f"redraft:{own.relative_to(PACKAGE).as_posix()}", own.read_bytes())
    for package in RENDERERS:
        try:
            add(f"package:{package}", metadata.version(package).encode())
        except metadata.PackageNotFoundError:
            add(f"package:{package}", b"absent")
    add("git", git_references(files.root))
    return digest.hexdigest()


def _kb_files(files: FileSource, name: str) -> list[str]:
    """The file ``name``, or the files under the folder ``name``, as the loader lists them."""
    if files.is_dir(name):
        return [f"{name}/{rest}" for rest in files.list_files(name, recursive=True)]
    return [name] if files.exists(name) else []
