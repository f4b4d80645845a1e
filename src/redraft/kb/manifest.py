"""Fingerprints of a released version: one SHA-256 per file, and one for the whole list.

The per-file list is written beside the versions as ``guidelines/manifests/<id>.sha256`` in the
format ``sha256sum -c`` reads, so anyone can verify a release without Redraft; ``versions.yml``
records the hash of that list, so the list itself cannot be edited unnoticed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

_DIGEST = re.compile(r"[0-9a-f]{64}")
"""A SHA-256 digest as sha256sum writes it: one test of the whole digest, not a loop over its
characters (a check at L reads 40,000 manifest lines)."""


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_text(digests: Mapping[str, str]) -> str:
    """``sha256sum``-style lines, sorted by path so the same files give the same text."""
    return "".join(f"{digests[path]}  {path}\n" for path in sorted(digests))


def parse_manifest(text: str) -> dict[str, str] | None:
    """The path → digest mapping of a manifest, or None if a line is not ``<hex>  <path>``."""
    digests: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        digest, sep, path = line.partition("  ")
        if not sep or _DIGEST.fullmatch(digest) is None:
            return None
        digests[path] = digest
    return digests


def content_hash(digests: Mapping[str, str]) -> str:
    """The hash recorded in ``versions.yml``: of the manifest text."""
    return "sha256:" + hashlib.sha256(manifest_text(digests).encode()).hexdigest()


def differences(recorded: Mapping[str, str], actual: Mapping[str, str]) -> list[tuple[str, str]]:
    """(path, what happened) for every file changed, added or removed since the record."""
    found = []
    for path in sorted(set(recorded) | set(actual)):
        if path not in actual:
            found.append((path, "removed since release"))
        elif path not in recorded:
            found.append((path, "added since release"))
        elif recorded[path] != actual[path]:
            found.append((path, "changed since release"))
    return found
