"""Waiting in Pilot tests for what a planner waits for: a screen or form that is up, a
result that has come back, a button that can be pressed again. On a busy machine each of
these takes a few frames more; a test that does not wait for them fails now and then."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from textual.screen import Screen
from textual.widgets import Button

S = TypeVar("S", bound=Screen)

# a loaded machine runs the suite several times slower: this is how long it may take
# for something a planner would see at once
PATIENCE = 10.0


async def until(pilot: Any, ok: Callable[[], object], what: str = "",
                timeout: float = PATIENCE) -> None:
    """Let the app run until `ok()` is true; fail, saying `what` was awaited, if it never is."""
    deadline = time.monotonic() + timeout
    while not ok():
        if time.monotonic() > deadline:
            raise AssertionError(f"the UI did not get there: {what or ok}")
        await pilot.pause(0.05)


async def screen_up(pilot: Any, kind: type[S], widget: str = "",
                    ready: Callable[[S], object] | None = None) -> S:
    """The app's screen once it is a `kind`, with `widget` (a selector) mounted in it and
    `ready(screen)` true, when given: keys pressed before a screen or form is up are
    lost, and a screen read too soon is not yet drawn."""

    def up() -> bool:
        screen = pilot.app.screen
        return (isinstance(screen, kind) and (not widget or bool(screen.query(widget)))
                and (ready is None or bool(ready(screen))))

    await until(pilot, up, f"{kind.__name__} {widget}".strip())
    return pilot.app.screen


async def click_button(pilot: Any, selector: str) -> None:
    """Click a button once it can be pressed, as a planner would. A button that has just
    been pressed shows it for a moment (0.2 s) and ignores clicks meanwhile, so that a
    double click is one press: a second click inside that moment would be lost."""
    button = pilot.app.screen.query_one(selector, Button)
    await until(pilot, lambda: not button.disabled and not button.has_class("-active"),
                f"{selector} ready to be pressed")
    assert await pilot.click(selector), f"the click missed {selector}"
