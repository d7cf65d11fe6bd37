"""Pausing Python's cyclic garbage collector around work that builds many small objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """For work that builds many small models or rows at once and holds no cycles: the
    cyclic collector would walk the growing heap again and again while they are built. Reference counting still frees them.
    Only the outermost pause turns the collector back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
