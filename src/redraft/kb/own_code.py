"""Redraft's own code, hashed: part of the key of everything Redraft keeps between runs.

A cache made by other code is not this code's (a new label, a new layout, a fixed bug would
otherwise come back from the cache), so every key includes :func:`own_code_digest`: the site's
stamp and tree keys, the render cache, the download documents.  It lives at the bottom of the
layers because the documents (``exports``) and the site both key their caches with it.  The
package's files are not the knowledge base's, so they are read directly.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def package_files() -> list[Path]:
    """Redraft's own code and assets, in a stable order (no bytecode, no hidden files)."""
    return sorted(
        p
        for p in PACKAGE.rglob("*")
        if p.is_file()
        and p.suffix != ".pyc"
        and not any(
            part.startswith(".") or part == "__pycache__" for part in p.parts[len(PACKAGE.parts) :]
        )
    )


@functools.cache
def own_code_digest() -> str:
    """The hash of Redraft's own code and assets (what its version would say, and more: a
    change in a working copy counts), taken once per process."""
    digest = hashlib.sha256()
    for own in package_files():
        data = own.read_bytes()
        digest.update(f"{own.relative_to(PACKAGE).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def package_versions(names: Iterable[str]) -> tuple[str, ...]:
    """``name=version`` for each installed package (``name=absent`` if it is not): the other
    code a cache's content depends on, beside :func:`own_code_digest`."""
    found = []
    for name in names:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=absent")
    return tuple(found)
