"""Python's cyclic garbage collector, run less often where the work leaves few cycles.

Generating pages and MkDocs' rendering of them both make a great many objects that are
freed by reference counting (strings, lists, parsed elements); the collector, by default
after every 700 allocations not yet freed, keeps looking through them for cycles and finds
next to none.  :func:`fewer_collections` raises that count for the duration of a block:

- generation of the pages (:mod:`.generate`): at M the collector took 2.0 s of CPU while pages
  were generated (of 2.8 s in the whole generation, about 34 s), finding next to nothing; at
  20,000 it took 0.8 s there, and the process's peak memory grew by 7 MB.  The Word and Excel
  documents, made before the pages, leave cycles (python-docx's parts and package, openpyxl's
  cells and worksheets): they keep the default, which frees them as they go;
- MkDocs' build of a tree (:mod:`.mkdocs_run`): on the French tree of M the collector took
  2.1-2.4 s of CPU at the default and 1.4-1.6 s at 20,000 (2,000 and 5,000 took 1.65 s; at
  50,000 each young collection grew dearer than the ones saved, 2.7 s), for 3.4 MiB more at the
  peak (166 against 163 MiB).  Markdown leaves some cycles per page (its parser and its
  processors refer to one another); the older collections still free them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

FEWER_COLLECTIONS_THRESHOLD = 20_000
"""Allocations between the collector's youngest collections in a :func:`fewer_collections`
block (700 by default)."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """:data:`FEWER_COLLECTIONS_THRESHOLD` while the block runs, the thresholds as they were
    after (also when it fails)."""
    before = gc.get_threshold()
    # a threshold of 0 is the collector turned off by whoever runs us: it stays off
    gc.set_threshold(before[0] and max(before[0], FEWER_COLLECTIONS_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
