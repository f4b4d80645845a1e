"""Loading without Python's cyclic garbage collector running over what is being loaded.

Loading builds a large tree of new objects (a knowledge base of the synthetic L scale is a few
million: YAML values, records, paragraphs) and throws away almost nothing that refers back to
itself.  CPython's collector nevertheless runs a full collection each time the objects that
survived the last one have grown by a quarter, traversing everything loaded so far to find no
garbage: a fifth to a quarter of a cold ``redraft check`` at L.  Reference counting still frees
every acyclic object at once while the collector is paused; the few cycles made meanwhile (a
caught exception and its traceback) are found by the first collection after it resumes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector inside the block; resume it after, unless it was already off
    (a caller's own pause, or a nested load, is left as it was)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
