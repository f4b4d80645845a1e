"""Steps that can be undone: the writes of a release or a seal, each registering its own undo.

If a later step fails, the earlier ones are undone newest first, so there is never a half-written
version folder, a manifest without its ``versions.yml`` entry, or the reverse.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from redraft.kb.atomic import write_bytes_atomic
from redraft.release.errors import ReleaseFailed


@dataclass
class Undo:
    """Undo steps, run newest first; a failing undo step is reported, not hidden."""

    steps: list[tuple[str, Callable[[], None]]] = field(default_factory=list)

    def push(self, what: str, step: Callable[[], None]) -> None:
        self.steps.append((what, step))

    def run(self) -> list[str]:
        failures = []
        for what, step in reversed(self.steps):
            try:
                step()
            except Exception as exc:
                failures.append(f"could not {what}: {exc}")
        self.steps.clear()
        return failures


def place_folder(root: Path, folder: str, files: Mapping[str, bytes], undo: Undo) -> None:
    """Write the copy into a hidden folder beside its destination, then rename it into place, so
    the version folder appears complete or not at all (the loader ignores hidden folders)."""
    final = root / folder
    temporary = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent))
    undo.push(f"remove {temporary}", lambda: shutil.rmtree(temporary, ignore_errors=True))
    for name, data in files.items():
        target = temporary / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    if final.exists() or final.is_symlink():
        raise ReleaseFailed(f"{folder} appeared while releasing")
    os.rename(temporary, final)
    undo.push(f"remove {folder}", lambda: shutil.rmtree(final))


def write_new_file(path: Path, data: bytes, undo: Undo) -> None:
    created_parent = not path.parent.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    if created_parent:
        undo.push(f"remove {path.parent}", lambda: path.parent.rmdir())
    write_atomically(path, data)
    undo.push(f"remove {path}", lambda: path.unlink())


def replace_file(path: Path, data: bytes, before: bytes | None, undo: Undo) -> None:
    write_atomically(path, data)
    if before is None:
        undo.push(f"remove {path}", lambda: path.unlink())
    else:
        undo.push(f"restore {path}", lambda: write_atomically(path, before))


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it over ``path``: a reader (or a crash)
    sees the old content or the new, never part of it.  An existing file keeps its mode."""
    write_bytes_atomic(path, data)
