"""Safe reading of the knowledge base's files: bounded, UTF-8, inside the root.

Everything a user can get wrong about a file itself (its encoding, its size, a symbolic link that
leads outside the repository) is turned into a :class:`ReadError` with a line number here, so that
the loader can report it like any other problem.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Larger than any real guideline or submission; stops a stray binary from stalling a check."""


class ReadError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


OUTSIDE_LINK = "symbolic link points outside the knowledge base; refusing to read it"
LINK_LOOP = "symbolic link loop (the link leads back to itself); refusing to read it"
SPECIAL_FILE = "not a regular file (a FIFO, socket or device); refusing to read it"


class FileSource:
    """The files under one root, addressed by POSIX paths relative to it.

    A symbolic link that leads outside the root, or round in a loop, is never followed, and a
    FIFO or device is never opened (reading one would block or never end): a listing leaves them
    out, a read refuses them, and they are remembered in :meth:`refused` so that the loader
    reports each once, at its own path, instead of silently skipping a folder.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, relative: str) -> Path:
        return self.root / relative

    def _inside(self, path: Path) -> bool:
        return self._link_problem(path) is None

    def _link_problem(self, path: Path) -> str | None:
        """Why the (symbolic link at) ``path`` must not be followed, or None."""
        try:
            path.resolve().relative_to(self.root)
        except RuntimeError:  # Python 3.11 reports a loop so; later versions raise OSError
            return LINK_LOOP
        except OSError:
            return LINK_LOOP
        except ValueError:
            return OUTSIDE_LINK
        return None

    def _refuse(self, relative: str, message: str) -> None:
        refused: dict[str, str] = self.__dict__.setdefault("_refused", {})
        refused.setdefault(relative, message)

    def refused(self) -> list[tuple[str, str]]:
        """Entries met so far that were not followed or opened: (relative path, why), sorted."""
        refused: dict[str, str] = self.__dict__.get("_refused", {})
        return sorted(refused.items())

    def _refused_link(self, relative: str) -> tuple[str, str] | None:
        """The first symbolic link on the way to ``relative`` that must not be followed, and why."""
        # os.path on strings: one lstat per component of every file read, and pathlib's own
        # objects cost more than the system calls (a fifth of loading at L)
        # A folder found to be no link is not asked again: a version folder holds hundreds of
        # files, and each read would otherwise repeat the lstat of every folder on its way.
        plain: set[str] = self.__dict__.setdefault("_plain_folders", set())
        path = str(self.root)
        parts = [part for part in relative.split("/") if part]
        last = len(parts) - 1
        for index, part in enumerate(parts):
            path = os.path.join(path, part)
            if index < last and path in plain:
                continue
            if os.path.islink(path):
                problem = self._link_problem(Path(path))
                if problem is not None:
                    link = "/".join(parts[: index + 1])
                    self._refuse(link, problem)
                    return link, problem
            elif index < last:
                plain.add(path)
        return None

    def exists(self, relative: str) -> bool:
        # A refused link itself "exists" (it is there; reading it is refused), so that the only
        # report about it is the refusal and not also a "missing file"; what lies beyond it does
        # not exist for us, so a linked folder is reported once, at the link.
        refused = self._refused_link(relative)
        if refused is not None:
            return refused[0] == relative.strip("/")
        path = self._path(relative)
        return path.is_file() or path.is_symlink()

    def is_dir(self, relative: str) -> bool:
        if self._refused_link(relative) is not None:
            return False
        return self._path(relative).is_dir()

    def list_dirs(self, relative: str) -> list[str]:
        if not self.is_dir(relative):
            return []
        found = []
        for entry in sorted(self._path(relative).iterdir()):
            if entry.name.startswith("."):
                continue
            problem = self._link_problem(entry) if entry.is_symlink() else None
            if problem is not None:
                self._refuse(f"{relative.rstrip('/')}/{entry.name}", problem)
            elif entry.is_dir():
                found.append(entry.name)
        return found

    def list_files(self, relative: str, recursive: bool = False) -> list[str]:
        """Names of the files in a folder (relative to it), hidden files excluded, sorted.

        Regular files are listed, links to them inside the root too, and a dangling link so that
        it is reported as unreadable.
        """
        if not self.is_dir(relative):
            return []
        if not recursive:
            return self._list_folder(relative)
        entries: list[tuple[tuple[str, ...], os.DirEntry[str]]] = []
        _walk(str(self._path(relative)), (), entries)
        # in the order of the paths' parts, as sorting pathlib's paths gives (a/b before a-c)
        entries.sort(key=lambda found: found[0])
        folder = relative.rstrip("/")
        found = []
        for parts, entry in entries:
            rel = "/".join(parts)
            link = entry.is_symlink()
            problem = self._link_problem(Path(entry.path)) if link else None
            if problem is not None:
                self._refuse(f"{folder}/{rel}", problem)
            elif entry.is_file() or (link and not os.path.exists(entry.path)):
                found.append(rel)
            elif not entry.is_dir():
                self._refuse(f"{folder}/{rel}", SPECIAL_FILE)
        return found

    def _list_folder(self, relative: str) -> list[str]:
        """:meth:`list_files` of one folder, from the directory entries: an entry knows whether
        it is a link or a folder without a system call of its own (a version folder at L holds
        five hundred files)."""
        folder = relative.rstrip("/")
        with os.scandir(self._path(relative)) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        found = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            link = entry.is_symlink()
            problem = self._link_problem(Path(entry.path)) if link else None
            if problem is not None:
                self._refuse(f"{folder}/{name}", problem)
            elif entry.is_file() or (link and not os.path.exists(entry.path)):
                found.append(name)
            elif not entry.is_dir():
                self._refuse(f"{folder}/{name}", SPECIAL_FILE)
        return found

    def read_bytes(self, relative: str) -> bytes:
        refused = self._refused_link(relative)
        if refused is not None:
            link, problem = refused
            if link == relative.strip("/"):
                raise ReadError(1, problem)
            raise ReadError(1, f"the folder {link} is a {problem}")
        path = os.path.join(self.root, relative)  # a string: pathlib costs more than the stat
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode):
                raise ReadError(1, SPECIAL_FILE)
            if info.st_size > MAX_FILE_BYTES:
                raise ReadError(
                    1, f"file is too large ({info.st_size} bytes; the limit is {MAX_FILE_BYTES})"
                )
            # O_NONBLOCK: should the file be swapped for a FIFO after the check, open still returns
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            try:
                data = _read_all(handle, info.st_size)
            finally:
                os.close(handle)
        except OSError as exc:
            raise ReadError(1, f"cannot read the file: {exc.strerror or exc}") from None
        if len(data) > MAX_FILE_BYTES:  # it grew after the check
            raise ReadError(1, f"file is too large (more than {MAX_FILE_BYTES} bytes)")
        return data

    def target(self, relative: str) -> str | None:
        """The root-relative path ``relative`` leads to once every symbolic link on the way is
        followed; None if it leads out of the root or round a loop.  Lets a caller that publishes
        files (the hand-written pages) refuse a link that stays inside the root but leads into
        data that must not be published."""
        try:
            return self._path(relative).resolve().relative_to(self.root).as_posix()
        except (RuntimeError, OSError, ValueError):
            return None

    def read_bytes_quiet(self, relative: str) -> bytes | None:
        try:
            return self.read_bytes(relative)
        except ReadError:
            return None

    def read_text(self, relative: str) -> str:
        """The file as text: UTF-8, a byte-order mark dropped, CRLF read as LF."""
        return decode_text(self.read_bytes(relative))


def _read_all(handle: int, size: int) -> bytes:
    """The bytes of the open file ``handle``, said to hold ``size`` of them; a little more
    than :data:`MAX_FILE_BYTES` if it grew beyond that.

    ``os.read`` of the size and one byte more, not a buffered ``read(MAX_FILE_BYTES + 1)``: that
    one sets aside the whole 2 MB limit for every file before it shrinks to the text's size,
    which made reading the synthetic L scale's 5,800 guideline files take twice as long."""
    chunks = [os.read(handle, size + 1)]
    total = len(chunks[0])
    while chunks[-1] and total <= MAX_FILE_BYTES:  # until the end, should the file have grown
        chunks.append(os.read(handle, min(64 * 1024, MAX_FILE_BYTES + 1 - total)))
        total += len(chunks[-1])
    return chunks[0] if len(chunks) == 2 and not chunks[1] else b"".join(chunks)


def _walk(
    folder: str, parts: tuple[str, ...], into: list[tuple[tuple[str, ...], os.DirEntry[str]]]
) -> None:
    """Every entry under ``folder`` but hidden ones, each with its path's parts below the folder
    first walked: into real folders only, never through a link (as ``Path.rglob`` goes), from
    the directory entries, which know whether they are links or folders without a system call
    of their own (listing a released version was a tenth of a warm ``check`` at L by
    pathlib)."""
    try:
        with os.scandir(folder) as scan:
            entries = list(scan)
    except PermissionError:  # an unreadable folder lists as empty, as with rglob
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        where = (*parts, entry.name)
        into.append((where, entry))
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, where, into)


def decode_text(data: bytes) -> str:
    """Bytes of a knowledge-base file as text, or a :class:`ReadError` saying on which line not."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReadError(
            line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ReadError(line, "binary content (NUL byte) in a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class MemorySource(FileSource):
    """Files held in memory (path → bytes): a git tree's blobs, or a test's mutated copy."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = dict(files)
        self.root = Path("/nonexistent-memory-source")

    def exists(self, relative: str) -> bool:
        return relative in self.files

    def target(self, relative: str) -> str | None:
        return relative.strip("/")  # no links in memory

    def is_dir(self, relative: str) -> bool:
        prefix = relative.rstrip("/") + "/"
        return any(path.startswith(prefix) for path in self.files)

    def list_dirs(self, relative: str) -> list[str]:
        prefix = relative.rstrip("/") + "/"
        names = {
            path[len(prefix) :].split("/", 1)[0]
            for path in self.files
            if path.startswith(prefix) and "/" in path[len(prefix) :]
        }
        return sorted(name for name in names if not name.startswith("."))

    def list_files(self, relative: str, recursive: bool = False) -> list[str]:
        prefix = relative.rstrip("/") + "/"
        found = []
        for path in self.files:
            if not path.startswith(prefix):
                continue
            rest = path[len(prefix) :]
            if (recursive or "/" not in rest) and not any(
                part.startswith(".") for part in rest.split("/")
            ):
                found.append(rest)
        return sorted(found)

    def read_bytes(self, relative: str) -> bytes:
        data = self.files.get(relative)
        if data is None:
            raise ReadError(1, "cannot read the file: no such file")
        if len(data) > MAX_FILE_BYTES:
            raise ReadError(
                1, f"file is too large ({len(data)} bytes; the limit is {MAX_FILE_BYTES})"
            )
        return data


class OverlaySource(FileSource):
    """The files under ``base`` as they would be after ``changes`` (path → new bytes, or ``None``
    for a file removed): what an editing command checks before it writes anything."""

    def __init__(self, base: FileSource, changes: dict[str, bytes | None]) -> None:
        self.base = base
        self.root = base.root
        self.changes = dict(changes)

    def refused(self) -> list[tuple[str, str]]:
        return self.base.refused()

    def exists(self, relative: str) -> bool:
        if relative in self.changes:
            return self.changes[relative] is not None
        return self.base.exists(relative)  # a folder "exists" no more than it does on disk

    def target(self, relative: str) -> str | None:
        if relative in self.changes:
            return relative.strip("/")
        return self.base.target(relative)

    def is_dir(self, relative: str) -> bool:
        prefix = relative.rstrip("/") + "/"
        if any(path.startswith(prefix) and data is not None for path, data in self.changes.items()):
            return True
        return self.base.is_dir(relative)

    def list_dirs(self, relative: str) -> list[str]:
        prefix = relative.rstrip("/") + "/"
        names = set(self.base.list_dirs(relative)) if self.base.is_dir(relative) else set()
        for path, data in self.changes.items():
            rest = path[len(prefix) :]
            if data is not None and path.startswith(prefix) and "/" in rest:
                names.add(rest.split("/", 1)[0])
        return sorted(name for name in names if not name.startswith("."))

    def list_files(self, relative: str, recursive: bool = False) -> list[str]:
        prefix = relative.rstrip("/") + "/"
        found = (
            set(self.base.list_files(relative, recursive)) if self.base.is_dir(relative) else set()
        )
        for path, data in self.changes.items():
            if not path.startswith(prefix):
                continue
            rest = path[len(prefix) :]
            if not recursive and "/" in rest:
                continue
            if data is None:
                found.discard(rest)
            elif not any(part.startswith(".") for part in rest.split("/")):
                found.add(rest)
        return sorted(found)

    def read_bytes(self, relative: str) -> bytes:
        if relative in self.changes:
            data = self.changes[relative]
            if data is None:
                raise ReadError(1, "cannot read the file: no such file")
            if len(data) > MAX_FILE_BYTES:
                raise ReadError(
                    1, f"file is too large ({len(data)} bytes; the limit is {MAX_FILE_BYTES})"
                )
            return data
        return self.base.read_bytes(relative)
