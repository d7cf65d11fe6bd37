"""The key bar at the foot of every screen and dialog."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer, rebuilt only when the keys it shows change. The stock footer
    throws its keys away and makes them again each time the focus moves or a binding is
    checked, which is most of what a screen does before its first frame; usually the keys
    are the same ones."""

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
