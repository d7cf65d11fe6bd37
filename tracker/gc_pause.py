"""Pausing Python's cyclic garbage collector around work that builds many small objects,
and while the program loads."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """For work that builds many small models or rows at once and holds no cycles: the
    cyclic collector would walk the growing heap again and again while they are built.
    Reference counting still frees them. Only the outermost pause turns the collector back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def loading() -> Iterator[None]:
    """For the imports of a starting program: modules, classes and schemas live as long
    as the process, so the collector is paused while they are made and they are then set
    apart from what it walks (gc.freeze). Only for a process's own start: frozen objects
    are never collected, cycles among them included."""
    with collector_paused():
        yield
    gc.freeze()


_held = False


def hold_until_drawn() -> None:
    """For the UI's start: the collector stays paused from here until the first frame is
    drawn (see drawn()). Building the first screen makes thousands of widgets, styles
    and rows that all live on; the collector would walk them again and again before
    the planner sees anything."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def drawn() -> None:
    """The first frame is on screen: the collector runs again (if hold_until_drawn
    paused it)."""
    global _held
    if _held:
        _held = False
        gc.enable()
