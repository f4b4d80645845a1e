"""Keep a language tree's last output when nothing it is built from has changed.

Each tree is its own MkDocs project, and MkDocs' output is a function of what it reads: the
tree's folder (its ``mkdocs.yml`` and every generated page and asset under ``docs/``), the
theme (an installed package, covered by its version, and any ``custom_dir`` of the editor's),
the build date, whether the build is strict, and the code that runs (Redraft's own, whose plugins
take part, and the versions of the packages that render).  The *tree key* is the hash of all of
these; it is taken from the generated files as they are written, so it costs a hash of the
tree's bytes and no reading.

A one-word edit in the English draft leaves every translated tree's files as they were (they
show the translated texts; what they say of the original comes from the model, and when it
changes so do their files, hence their key).  Such a tree is not built at all: its output from
the last build is linked into the new site (:func:`redraft.kb.atomic.link_folder`), with the
warnings MkDocs gave when it built it.  The language switcher and the header are in each tree's
``mkdocs.yml`` (``extra.alternate``), so a tree added or removed changes every tree's key.

Safety: the keys are recorded (:mod:`.stamp`) only after the site they describe has been put in
place, and cleared just before a build swaps a new site in; a build stopped in between leaves no
keys and the next build renders every tree (a build that fails earlier leaves the site, and its
keys, as they were).  A tree is reused only when its key is the recorded one and its folder in
the site is there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from redraft.kb.own_code import own_code_digest
from redraft.site.config import CONFIG_NAME
from redraft.site.output import SITE_MARKER
from redraft.site.writer import file_hash

FORMAT = 2
"""Bumped when what a key covers changes: older records then match nothing."""


def hashes_digest(hashes: Mapping[str, str], folder: str) -> str:
    """The hash of every generated file of the tree in ``folder``, from each file's
    :func:`~redraft.site.writer.file_hash` (paths relative to the pages folder): what a build
    keeps while it writes the files one by one, without holding their bytes."""
    digest = hashlib.sha256()
    prefix = f"{folder}/"
    for path in sorted(p for p in hashes if p.startswith(prefix)):
        digest.update(f"{path}\0{hashes[path]}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def files_digest(files: Mapping[str, bytes], folder: str) -> str:
    """:func:`hashes_digest` of files held in memory (as
    :class:`~redraft.site.generate.SiteFiles` holds them)."""
    prefix = f"{folder}/"
    return hashes_digest(
        {path: file_hash(data) for path, data in files.items() if path.startswith(prefix)}, folder
    )


def folder_digest(tree_folder: Path) -> str:
    """:func:`files_digest` of a tree as written on disk (what ``redraft serve`` has: the
    watcher regenerates the files, and the server's hook finds them there)."""
    files = {
        f"{tree_folder.name}/{path.relative_to(tree_folder).as_posix()}": path.read_bytes()
        for path in tree_folder.rglob("*")
        if path.is_file()
    }
    return files_digest(files, tree_folder.name)


def tree_key(files: str, *, tree_folder: Path, strict: bool, epoch: str) -> str:
    """The key of one tree's build: ``files`` is :func:`files_digest` of its generated files;
    ``epoch`` the build date MkDocs is given."""
    # (MkDocs' modules are imported only when a tree is built: not by a build found up to date)
    from redraft.site.render_cache import renderer_versions

    digest = hashlib.sha256()
    parts = [
        f"format={FORMAT}",
        files,
        f"strict={strict}",
        f"epoch={epoch}",
        renderer_versions(),
        own_code_digest(),
    ]
    for part in parts:
        digest.update(f"{part}\0".encode())
    for name, data in _editor_theme(tree_folder):
        digest.update(f"{name}\0{len(data)}\0".encode("utf-8", "surrogatepass"))
        digest.update(data)
    return digest.hexdigest()


def _editor_theme(tree_folder: Path) -> Iterable[tuple[str, bytes]]:
    """The files of the theme folder the tree's configuration names (``custom_dir``), which
    MkDocs reads from outside the tree; none for the installed theme alone."""
    try:
        with open(tree_folder / CONFIG_NAME, encoding="utf-8") as stream:
            config = yaml.safe_load(stream) or {}
    except (OSError, yaml.YAMLError):
        yield "unreadable configuration", b""
        return
    theme = config.get("theme") if isinstance(config, dict) else None
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not custom:
        return
    from redraft.site.render_cache import installed_theme

    folder = (tree_folder / str(custom)).resolve()
    if installed_theme(folder):
        return
    yield f"custom_dir={folder}", b""
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            yield str(path), path.read_bytes()


def previous_output(site: Path, prefix: str) -> Path | None:
    """Where the last build put the tree at ``prefix`` ("" for the main tree), if it is there."""
    folder = site / prefix if prefix else site
    return folder if (folder / "index.html").is_file() else None


def left_out_of_main(prefixes: Iterable[str]) -> frozenset[str]:
    """What of the site's top folder is not the main tree's output: the language trees' folders
    (of this build and the last) and the site marker, written afresh."""
    return frozenset({SITE_MARKER, *(p.strip("/").split("/")[0] for p in prefixes if p.strip("/"))})
