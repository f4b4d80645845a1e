"""What a release and a seal read from the knowledge base, read through the loader's source.

The same rules as ``redraft check``: no symbolic link out of the root, the size limit, and a
``path:line`` reason for a file that cannot be read, here turned into a refusal.
"""

from __future__ import annotations

from redraft.kb.sources import FileSource, ReadError
from redraft.release.errors import ReleaseRefused


def read_if_there(files: FileSource, path: str) -> bytes | None:
    """The bytes of a file that may not be there (``versions.yml``, a manifest), else None."""
    if not files.exists(path):
        return None
    try:
        return files.read_bytes(path)
    except ReadError as exc:
        raise ReleaseRefused(f"{path}:{exc.line}: {exc.message}") from None


def read_folder(files: FileSource, folder: str) -> dict[str, bytes]:
    """Every file of ``folder`` (hidden files aside, as the loader sees it) and its bytes."""
    found = {}
    for name in files.list_files(folder, recursive=True):
        try:
            found[name] = files.read_bytes(f"{folder}/{name}")
        except ReadError as exc:
            raise ReleaseRefused(f"{folder}/{name}:{exc.line}: {exc.message}") from None
    for where, why in files.refused():
        if where.startswith(f"{folder}/"):
            raise ReleaseRefused(f"{where}:1: {why}")
    if not found:
        raise ReleaseRefused(f"{folder}/ has no files")
    return found


def taken(files: FileSource, path: str) -> bool:
    """Whether anything (a file, a folder, a link, even a dangling one) is already at ``path``."""
    return files.exists(path) or files.is_dir(path)
