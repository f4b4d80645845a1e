"""The documents a site build made last time, kept to be reused while their inputs are the same.

Making a version or a redline with python-docx takes about half a second; a site offers a few
dozen, and an edit to one comment changes none of them.  Each document is kept in one file, its
key (a digest of everything the document is made from) on the first line and its bytes after,
written in one atomic step, so that a key never stands beside another document's bytes.  One
file per document offered: the cache never holds more than one build's worth.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

from redraft.kb.atomic import write_bytes_atomic
from redraft.kb.cache_files import read_cache_bytes
from redraft.kb.own_code import own_code_digest

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""Far above any document of a knowledge base within its limits; a larger file is no cache."""


@cache
def code_digest() -> str:
    """A digest of Redraft's code and of the libraries that write the files: a new layout, new
    words of a label (:mod:`redraft.site.labels`), a new redline or a new python-docx makes new
    documents, not the old ones again.  The whole package, not only this folder: the documents
    are made with code from several (the model's labels, the diff, the site's words)."""
    digest = hashlib.sha256(own_code_digest().encode())
    for library in ("python-docx", "openpyxl"):
        try:
            digest.update(metadata.version(library).encode())
        except metadata.PackageNotFoundError:
            digest.update(b"-")
    return digest.hexdigest()


def document_key(*inputs: str) -> str:
    """The key of a document made from ``inputs`` (the request, a digest of the model...)."""
    digest = hashlib.sha256(code_digest().encode())
    for part in inputs:
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()


def cached(path: Path, key: str, make: Callable[[], bytes]) -> bytes:
    """The document kept at ``path`` if it was made under ``key``, else a new one (kept)."""
    header = key.encode("ascii") + b"\n"
    try:
        kept = read_cache_bytes(path, MAX_DOCUMENT_BYTES)
    except OSError:
        kept = b""
    if kept.startswith(header):
        return kept[len(header) :]
    data = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, header + data, durable=False)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return data
