"""Sealing a version released before Redraft: record its manifest and hash after the fact.

From then on ``redraft check`` proves the version's folder unchanged, as for a version that
``redraft release`` made.  The manifest and ``versions.yml`` are written as undoable steps
(:mod:`redraft.release.undo`): both change, or neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from redraft.kb.load import MANIFESTS_DIR, VERSIONS_FILE
from redraft.kb.manifest import content_hash, file_digest, manifest_text
from redraft.kb.sources import FileSource
from redraft.release.errors import ReleaseFailed, ReleaseRefused
from redraft.release.inputs import read_folder, read_if_there
from redraft.release.undo import Undo, replace_file, write_new_file
from redraft.release.versions_file import listed_entries, versions_with_hash


@dataclass(frozen=True)
class SealResult:
    version_id: str
    manifest_path: str
    hash: str
    files: int


def seal_version(root: Path | str, version_id: str, *, reseal: bool = False) -> SealResult:
    """Record the manifest and hash of a released version that has none yet.

    For versions circulated before the knowledge base used Redraft: from now on ``redraft check``
    proves their folders unchanged.  A version that already has a hash is refused unless
    ``reseal`` (a deliberate correction of the record, never part of the command line's defaults).
    """
    root_path = Path(root).resolve()
    files = FileSource(root_path)
    versions_before = read_if_there(files, VERSIONS_FILE)
    if versions_before is None:
        raise ReleaseRefused(f"there is no {VERSIONS_FILE}")
    text = versions_before.decode("utf-8")
    entry = listed_entries(text).get(version_id)
    if entry is None:
        raise ReleaseRefused(f"version '{version_id}' is not listed in {VERSIONS_FILE}")
    if entry.get("hash") and not reseal:
        raise ReleaseRefused(
            f"version '{version_id}' is already sealed ({entry['hash']}); a sealed version "
            "never changes, and `redraft check` reports any difference"
        )
    folder = f"guidelines/{version_id}"
    version_files = read_folder(files, folder)
    digests = {name: file_digest(data) for name, data in version_files.items()}
    new_hash = content_hash(digests)
    versions_after = versions_with_hash(text, version_id, new_hash)
    manifest_path = f"{MANIFESTS_DIR}/{version_id}.sha256"
    manifest_file = root_path / manifest_path
    manifest_before = read_if_there(files, manifest_path)
    undo = Undo()
    try:
        if manifest_before is None:
            write_new_file(manifest_file, manifest_text(digests).encode(), undo)
        else:
            replace_file(manifest_file, manifest_text(digests).encode(), manifest_before, undo)
        replace_file(root_path / VERSIONS_FILE, versions_after.encode(), versions_before, undo)
    except BaseException as exc:
        failures = undo.run()
        if isinstance(exc, KeyboardInterrupt):
            raise
        extra = ("; could not undo: " + "; ".join(failures)) if failures else ""
        raise ReleaseFailed(f"could not seal '{version_id}' ({exc}){extra}") from exc
    return SealResult(version_id, manifest_path, new_hash, len(version_files))
