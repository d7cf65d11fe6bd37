"""What the tracker's screens share: the language, the store, and the keys of every screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget

from tracker.errors import TrackerError
from tracker.store import Store
from tracker.ui.keys import KeyGroup, localize_bindings
from tracker.ui.messages import (
    LanguageChanged,
    OpenExport,
    RefreshData,
    RefreshDistrict,
    TakeSnapshot,
)
from tracker.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


SCREENS = KeyGroup("Views", compact=True, key="group_screens")


def key_footer() -> KeyFooter:
    """A main screen's key bar, compact so every key of the plan fits in 120 columns: made
    so from the start, as made compact once mounted it is restyled before the first frame."""
    # the palette's key is one of the screen's keys, not docked over the right edge,
    # where a footer too long for a narrow terminal ran under it and left stray letters
    return KeyFooter(compact=True, show_command_palette=False)


class TrackerScreen(Screen[None]):
    """A full screen of the app. Letter keys live here, never on the app, so they do
    not fire while the planner types in a field."""

    BINDINGS = [
        # first in the footer, so the way to the other language never falls off its edge
        Binding("f2", "app.switch_language", "中文", id="switch_language"),
        Binding("s", "take_snapshot", "Snapshot", id="take_snapshot"),
        Binding("x", "export", "Export", id="export"),
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("ctrl+p", "app.command_palette", "Commands", id="command_palette"),
        # the six screens share one place in the footer; help names each
        Binding("1", "app.show_plan", "Plan", id="show_plan", group=SCREENS),
        Binding(
            "2", "app.show_achievements", "Achievements", id="show_achievements", group=SCREENS
        ),
        Binding("3", "app.show_snapshots", "Snapshots", id="show_snapshots", group=SCREENS),
        Binding("4", "app.show_audit", "Audit log", id="show_audit", group=SCREENS),
        Binding("5", "app.show_departments", "Departments", id="show_departments",
                group=SCREENS),
        Binding("6", "app.show_review", "Review", id="show_review", group=SCREENS),
        Binding("q", "quit", "Quit", id="quit"),
    ]
    FOOTER_LAST = (
        "take_snapshot",
        "export",
        "help",
        "command_palette",
        "show_plan",
        "show_achievements",
        "show_snapshots",
        "show_audit",
        "show_departments",
        "show_review",
        "quit",
    )

    @property
    def tracker(self) -> TrackerApp:
        """The app, for what every screen reads from it: the language, the store."""
        return cast("TrackerApp", self.app)

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
        # one walk of the widgets (a query would match a selector against each), as
        # the plan mounts before its first frame
        for widget in self.walk_children(Widget):
            if type(widget).__module__.startswith("tracker.ui"):
                localize_bindings(widget, self.lang)
        self.refresh_bindings()

    def apply_language(self) -> None:
        """Say everything on the screen again in the app's current language."""
        self._localize()

    def refresh_district(self, district: str, indicator_id: str | None = None) -> None:
        """An indicator of `district` was saved here: show it again if it is shown."""

    def refresh_data(self) -> None:
        """Another connection committed: read again what is shown, keeping the cursor."""

    # -- what the app tells every screen ----------------------------------------------------

    def on_language_changed(self, message: LanguageChanged) -> None:
        self.apply_language()

    def on_refresh_district(self, message: RefreshDistrict) -> None:
        self.refresh_district(message.district, message.indicator_id)

    def on_refresh_data(self, message: RefreshData) -> None:
        try:
            self.refresh_data()
        except NoMatches:
            # the notice came while the screen was being built or taken down
            return
        except TrackerError as e:
            self.notify(e.text(self.lang), severity="error")

    def action_quit(self) -> None:
        self.app.exit()

    # -- snapshot and export, from every screen -------------------------------------------

    def export_snapshot_id(self) -> int | None:
        """What `x` exports: a snapshot's id, or None for the state as it is now."""
        return None

    def action_take_snapshot(self) -> None:
        self.post_message(TakeSnapshot())

    def action_export(self) -> None:
        self.post_message(OpenExport(self.export_snapshot_id()))
