"""Safe reading of the knowledge base's files: bounded, UTF-8, inside the root.

Everything a user can get wrong about a file itself (its encoding, its size, a symbolic link that
leads outside the repository) is turned into a :class:`ReadError` with a line number here, so that
the loader can report it like any other problem.
"""

from __future__ import annotations

from pathlib import Path

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Larger than any real guideline or submission; stops a stray binary from stalling a check."""


class ReadError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class FileSource:
    """The files under one root, addressed by POSIX paths relative to it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, relative: str) -> Path:
        return self.root / relative

    def _inside(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.root)
        except (ValueError, OSError):
            return False
        return True

    def exists(self, relative: str) -> bool:
        path = self._path(relative)
        return path.is_file() or path.is_symlink()

    def is_dir(self, relative: str) -> bool:
        path = self._path(relative)
        return path.is_dir() and self._inside(path)

    def list_dirs(self, relative: str) -> list[str]:
        path = self._path(relative)
        if not path.is_dir() or not self._inside(path):
            return []
        return sorted(p.name for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))

    def list_files(self, relative: str, recursive: bool = False) -> list[str]:
        """Names of the files in a folder (relative to it), hidden files excluded, sorted."""
        path = self._path(relative)
        if not path.is_dir() or not self._inside(path):
            return []
        found = []
        walker = sorted(path.rglob("*")) if recursive else sorted(path.iterdir())
        for entry in walker:
            rel = entry.relative_to(path)
            if any(part.startswith(".") for part in rel.parts):
                continue
            if entry.is_file() or entry.is_symlink():
                found.append(rel.as_posix())
        return found

    def read_bytes(self, relative: str) -> bytes:
        path = self._path(relative)
        if path.is_symlink() and not self._inside(path):
            raise ReadError(
                1, "symbolic link points outside the knowledge base; refusing to read it"
            )
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise ReadError(
                    1, f"file is too large ({size} bytes; the limit is {MAX_FILE_BYTES})"
                )
            with path.open("rb") as handle:
                return handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise ReadError(1, f"cannot read the file: {exc.strerror or exc}") from None

    def read_bytes_quiet(self, relative: str) -> bytes | None:
        try:
            return self.read_bytes(relative)
        except ReadError:
            return None

    def read_text(self, relative: str) -> str:
        """The file as text: UTF-8, a byte-order mark dropped, CRLF read as LF."""
        return decode_text(self.read_bytes(relative))


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
