"""Reading back a file Redraft wrote for itself under ``build/`` (a cache).

The knowledge base's own files are read through :mod:`redraft.kb.sources`; a cache is not part
of it, but it lives in the same folder and travels with it: a ``build/`` copied or unpacked with
a knowledge base could hold a symbolic link to anywhere, a FIFO that blocks a reader forever or a
file of any size where a cache should be.  Every cache is read through :func:`read_cache_bytes`,
which opens nothing but a regular file of bounded size and raises ``OSError`` otherwise, so that
each cache treats such a file as it treats a missing one: it starts again.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def read_cache_bytes(path: Path, limit: int) -> bytes:
    """The bytes of the cache file ``path``; ``OSError`` unless it is a regular file (not a
    link, a FIFO or a device) of at most ``limit`` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    with open(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            raise OSError(f"{path} is not a cache file")
        return handle.read(limit + 1)
