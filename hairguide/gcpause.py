"""Pause Python's cyclic garbage collector while a large structure is loaded.

Used for Babel's locale data: unpickling it creates many objects at once, and each
allocation burst starts collection passes that walk every object the build already holds
(pages, navigation, templates), several times the cost of the load itself. (Pausing around
the pickled data and catalogs in .cache/ was measured too: it only moved the collections
into the next hook, so it is not done.)
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collection_paused():
    """No cyclic collection inside the block (reference counting still frees memory);
    the collector's previous state is restored afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
