"""Where a built site may go, and one build at a time: the rules that keep a build from
destroying, exposing or half-publishing anything.

MkDocs replaces its output folder wholesale, and Redraft swaps a staged site into place, so a
``site_dir`` that named the knowledge base (``.``), a parent of it (``..``) or one of its folders
(``guidelines``) once deleted the drafts.  :func:`refuse_unsafe_site` decides, before anything is
written or deleted, whether a folder may receive a site.  :func:`build_lock` keeps two builds of one
knowledge base from publishing each other's halves: the second waits for nothing and says who holds
the lock.  :func:`disk_trouble` turns what the disk refuses (full, read-only, a mount point) into
one line that says what, where and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from redraft.site.errors import SiteBuildError

SITE_MARKER = ".redraft-site"
"""Written into every site Redraft builds, so that a later build knows the folder is its own."""
SITE_MARKER_TEXT = b"This folder is built by `redraft build`; every change here is overwritten.\n"

_MKDOCS_SIGNATURE = ("index.html", "sitemap.xml", "search/search_index.json")
"""A site MkDocs built (by Redraft before it wrote its marker, or by plain ``mkdocs build``)."""

LOCK_FILE = "build/.redraft-build.lock"
"""Relative to the knowledge base's root; ``build/`` is where the generated pages live already."""


@contextlib.contextmanager
def one_build_at_a_time(root: Path) -> Iterator[None]:
    """:func:`build_lock` for a build: a lock held by another build is a
    :class:`~redraft.site.errors.SiteBuildError`, and a take-over is said on stderr."""
    notices: list[str] = []
    try:
        with build_lock(root, notice=notices):
            for notice in notices:
                print(f"redraft: {notice}", file=sys.stderr)
            yield
    except BuildLocked as locked:
        raise SiteBuildError([locked.line]) from locked


class SiteFolderRefused(Exception):
    """The configured site folder would destroy or hide something; ``line`` says what."""

    def __init__(self, line: str) -> None:
        self.line = line
        super().__init__(line)


class BuildLocked(Exception):
    """Another build of the same knowledge base is running."""

    def __init__(self, line: str) -> None:
        self.line = line
        super().__init__(line)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refuse_unsafe_site(site: Path, *, root: Path, protected: Sequence[Path], setting: str) -> None:
    """Raise :class:`SiteFolderRefused` unless ``site`` may be emptied and filled with a site.

    ``protected`` are the folders nothing may replace (the knowledge base's sources, ``.git``, the
    hand-written pages, the generated pages); ``setting`` names where the folder was configured.
    The site may not be the root or a parent of it, may not be or lie inside a protected folder,
    may not contain one, and if it already exists it must be a site built before.
    """
    site, root = site.resolve(), root.resolve()
    shown = _shown(site, root)
    if _inside(root, site):
        raise SiteFolderRefused(
            f"{setting}: the site folder '{shown}' would contain the knowledge base itself; "
            "choose a folder inside it such as 'site'"
        )
    for folder in protected:
        folder = folder.resolve()
        if _inside(site, folder) or _inside(folder, site):
            raise SiteFolderRefused(
                f"{setting}: the site folder '{shown}' would replace "
                f"'{_shown(folder, root)}'; choose a folder of its own such as 'site'"
            )
    if site.is_symlink() or (site.exists() and not site.is_dir()):
        raise SiteFolderRefused(
            f"{setting}: '{shown}' is not a folder; choose a folder of its own such as 'site'"
        )
    if site.is_dir() and not _built_before(site):
        raise SiteFolderRefused(
            f"{setting}: '{shown}' exists and holds files that are not a built site; "
            "refusing to replace them (empty it, or choose another folder)"
        )


def _built_before(site: Path) -> bool:
    if (site / SITE_MARKER).is_file() or not any(site.iterdir()):
        return True
    return all((site / name).is_file() for name in _MKDOCS_SIGNATURE)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return str(path)


# -- one build at a time ------------------------------------------------------------------------


_held: dict[Path, int] = {}
"""Locks this process holds, with how many times: ``build`` takes it and calls ``prepare``."""


@contextlib.contextmanager
def build_lock(root: Path, *, notice: list[str] | None = None) -> Iterator[None]:
    """Hold the knowledge base's build lock for the duration, or raise :class:`BuildLocked`.

    The lock is an ``flock`` on a file holding the holder's pid: the kernel releases it when the
    holder exits, however it exits, so a lock is never stuck.  The holder removes the file when
    it is done; a file left with the pid of a build that was killed is reported through
    ``notice`` when the lock is taken over.  A ``build/`` folder made only for the lock is
    removed again, so a build refused for bad data leaves nothing on disk.
    """
    path = root.resolve() / LOCK_FILE
    if _held.get(path):
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    folder_was_there = path.parent.is_dir()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = _locked_descriptor(path)
    try:
        previous = _read_pid(descriptor)
        if previous and previous != os.getpid() and notice is not None:
            notice.append(
                f"{LOCK_FILE}: a build (pid {previous}) was interrupted; this build takes over"
            )
        _write_pid(descriptor, os.getpid())
        _held[path] = 1
        try:
            yield
        finally:
            del _held[path]
            # Removed while still locked, so a build that opened it meanwhile finds it gone
            # (see _locked_descriptor) and a failed build leaves nothing behind.
            path.unlink(missing_ok=True)
    finally:
        os.close(descriptor)  # releases the flock
        if not folder_was_there:
            with contextlib.suppress(OSError):
                path.parent.rmdir()  # only if the build wrote nothing else there


def _locked_descriptor(path: Path) -> int:
    """An open descriptor of the lock file, locked; :class:`BuildLocked` if another holds it.

    The holder removes the file when it is done, so a descriptor opened just before that may
    lock a file that no longer has a name: such a lock guards nothing, and the file is opened
    again (the usual flock-and-unlink dance)."""
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(descriptor)
            os.close(descriptor)
            who = f" (pid {holder})" if holder else ""
            raise BuildLocked(
                f"{LOCK_FILE}: another build of this knowledge base is running{who}; "
                "try again when it has finished"
            ) from None
        try:
            same = os.stat(path, follow_symlinks=False).st_ino == os.fstat(descriptor).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return descriptor
        os.close(descriptor)


def _read_pid(descriptor: int) -> int | None:
    os.lseek(descriptor, 0, os.SEEK_SET)
    text = os.read(descriptor, 32).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


def _write_pid(descriptor: int, pid: int | None) -> None:
    os.ftruncate(descriptor, 0)
    if pid is not None:
        os.pwrite(descriptor, f"{pid}\n".encode("ascii"), 0)


# -- what the disk refuses ----------------------------------------------------------------------


_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space and build again",
    errno.EDQUOT: "the disk quota is exhausted: free some space and build again",
    errno.EROFS: "the file system is read-only: make it writable or set site_dir elsewhere",
    errno.EACCES: "permission denied: make the folder writable or set site_dir elsewhere",
    errno.EPERM: "the folder may not be changed (immutable?): make it changeable with "
    "`chattr -i` or set site_dir elsewhere",
    errno.EBUSY: "it is a mount point or in use: set site_dir to a folder inside it",
    errno.EXDEV: "it is on another file system (a mount point?): set site_dir to a folder "
    "inside it",
}


def disk_trouble(error: OSError, site: Path, root: Path) -> str:
    """One line for an ``OSError`` met while writing the site or its pages."""
    where = error.filename if isinstance(error.filename, str) else str(site)
    advice = _ADVICE.get(error.errno or 0, "check the folder and build again")
    reason = error.strerror or type(error).__name__
    return (
        f"{_shown(Path(where), root.resolve())}: cannot write the site ({reason}); {advice}; "
        "the previous site is unchanged"
    )
