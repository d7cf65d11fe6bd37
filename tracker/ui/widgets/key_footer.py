"""The key bar at the foot of every screen and dialog."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.compose import compose
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer, rebuilt only when the keys it shows change. The stock footer
    throws its keys away and makes them again each time the focus moves or a binding is
    checked, which is most of what a screen does before its first frame; usually the keys
    are the same ones.

    On a screen too narrow for all its keys in one line (80 columns), the keys every
    screen has (its FOOTER_LAST) go to a second line: a key that runs off the edge is a
    key the planner never learns of."""

    DEFAULT_CSS = """
    KeyFooter > .key-row {
        width: auto;
        height: 1;
    }
    KeyFooter.-two-rows {
        layout: vertical;
        height: 2;
    }
    """

    _shown: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple((binding, enabled, tooltip)
                      for (_, binding, enabled, tooltip) in screen.active_bindings.values()
                      if binding.show)
        current = self.is_attached and screen is self.screen and screen.app.app_focus
        if current and shown == self._shown:
            return
        super().bindings_changed(screen)
        if current:
            self._shown = shown

    def compose(self) -> ComposeResult:
        keys = compose(self, super().compose())
        last = getattr(self.screen, "FOOTER_LAST", ())
        # a key (not a group of keys, nor its label) names its action
        cut = next((i for i, key in enumerate(keys)
                    if getattr(key, "action", "").rpartition(".")[2] in last), len(keys))
        if 0 < cut < len(keys):
            yield HorizontalGroup(*keys[:cut], classes="key-row")
            yield HorizontalGroup(*keys[cut:], classes="key-row")
        else:
            yield from keys

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self._fit)

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        # the rows are as wide as their keys, side by side or one above the other; the
        # space after the last key may fall off the edge
        rows = list(self.query_children(".key-row"))
        if len(rows) < 2:
            self.remove_class("-two-rows")
            return
        if not rows[-1].children:
            return  # still mounting: fitted once it is drawn
        wanted = (sum(row.outer_size.width for row in rows)
                  - rows[-1].children[-1].styles.margin.right)
        self.set_class(wanted > self.size.width, "-two-rows")
