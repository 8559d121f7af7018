"""Pause Python's cyclic garbage collector while a large structure is loaded.

Unpickling locale data or a cached data set creates many objects at once; each allocation
burst starts collection passes that walk every object the build already holds (pages,
navigation, templates), which costs several times the load itself mid-build.
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
