"""Python's cyclic garbage collector, told what a generation is like.

A generation allocates millions of small objects (page text, links, facts) on top of a model
that never changes while it runs; the collector's full passes walked that model again and
again: at M, 12 full passes took 2.1 to 2.2 s of a generation of 33 to 36 s of CPU, and the
young passes another 0.9 s.  Freezing what exists once the model is loaded (:func:`gc.freeze`)
takes the model out of every pass (the full passes then took 1.5 s); it is unfrozen when the
generation ends, so that ``redraft serve``, which loads a new model after each edit, can still
free the old one's cycles.  A program that froze objects itself before calling Redraft
(``redraft.build()`` from a script) is left as it was: nothing is frozen or unfrozen then.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
