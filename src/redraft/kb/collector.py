"""Python's cyclic garbage collector, kept off what is loaded, and off the loaded model.

Loading builds a large tree of new objects (a knowledge base of the synthetic L scale is a few
million: YAML values, records, paragraphs) and throws away almost nothing that refers back to
itself.  CPython's collector nevertheless runs a full collection each time the objects that
survived the last one have grown by a quarter, traversing everything loaded so far to find no
garbage: a fifth to a quarter of a cold ``redraft check`` at L.  Reference counting still frees
every acyclic object at once while the collector is paused; the few cycles made meanwhile (a
caught exception and its traceback) are found by the first collection after it resumes.

A generation then allocates millions of small objects (page text, links, facts) on top of a
model that does not change while it runs, and the collector's full passes walked that model
again and again: at M, 12 full passes took 2.1 to 2.2 s of a generation of 33 to 36 s of CPU,
and the young passes another 0.9 s.  :func:`model_frozen` takes what exists once the model is
loaded out of every pass (:func:`gc.freeze`; the full passes then took 1.5 s) and gives it back
when the generation ends, so that ``redraft serve``, which loads a new model after each edit,
can still free the old one's cycles.

Both leave the collector as a caller set it: a caller's own pause, or objects a program froze
itself before calling Redraft (``redraft.build()`` from a script), are not undone.
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


@contextmanager
def model_frozen() -> Iterator[None]:
    """While open, the objects alive at its start are left out of the collector's passes."""
    if gc.get_freeze_count():  # the caller manages the permanent generation: not ours to undo
        yield
        return
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
