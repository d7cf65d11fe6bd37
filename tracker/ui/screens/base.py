"""What the tracker's screens share: the language, the store, and the keys of every screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

from tracker.store import Store
from tracker.ui.keys import localize_bindings

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class TrackerScreen(Screen[None]):
    """A full screen of the app. Letter keys live here, never on the app, so they do
    not fire while the planner types in a field."""

    BINDINGS = [
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("1", "app.show_plan", "Plan", id="show_plan"),
        Binding("2", "app.show_achievements", "Achievements", id="show_achievements"),
        Binding("L", "app.switch_language", "中文", show=False, id="switch_language"),
        Binding("q", "quit", "Quit", id="quit"),
    ]
    FOOTER_LAST = ("help", "show_plan", "show_achievements", "switch_language", "quit")

    @property
    def tracker(self) -> TrackerApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.tracker.language

    @property
    def store(self) -> Store:
        return self.tracker.store

    def on_mount(self) -> None:
        # Textual calls every on_mount of the class hierarchy, this one after a subclass's
        self._localize()

    def _localize(self) -> None:
        localize_bindings(self, self.lang)
        for widget in self.query("*"):
            if type(widget).__module__.startswith("tracker.ui"):
                localize_bindings(widget, self.lang)
        self.refresh_bindings()

    def apply_language(self) -> None:
        """Say everything on the screen again in the app's current language."""
        self._localize()

    def action_quit(self) -> None:
        self.app.exit()
