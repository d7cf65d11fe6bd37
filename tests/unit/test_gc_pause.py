"""The collector held from the UI's start until its first frame, and let go after."""

from __future__ import annotations

import gc

from tracker.gc_pause import collector_paused, drawn, hold_until_drawn


def test_held_until_drawn_then_running_again() -> None:
    assert gc.isenabled()
    try:
        hold_until_drawn()
        assert not gc.isenabled()
        # a pause inside the hold (a store's batch) does not end the hold
        with collector_paused():
            pass
        assert not gc.isenabled()
        drawn()
        assert gc.isenabled()
    finally:
        gc.enable()


def test_drawn_without_a_hold_changes_nothing() -> None:
    try:
        gc.disable()  # paused by someone else: not ours to turn back on
        drawn()
        assert not gc.isenabled()
        gc.enable()
        drawn()
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_hold_inside_a_pause_leaves_the_pause_to_its_owner() -> None:
    try:
        with collector_paused():
            hold_until_drawn()
            drawn()
            assert not gc.isenabled()
        assert gc.isenabled()
    finally:
        gc.enable()
