"""Keeping an indicator right, from the plan and from its own screen: E edits it, Delete
retires it (asks first), and R on the plan lists the retired ones to bring back.

Not in the footer, which has no room left at 80 columns: help (?) lists them."""

from __future__ import annotations

from textual.binding import Binding

from tracker.errors import TrackerError
from tracker.i18n import name_of
from tracker.i18n.ui import tr
from tracker.i18n.upkeep import EDIT
from tracker.models import Indicator
from tracker.ui.lazy import loaded
from tracker.ui.messages import DataChanged
from tracker.ui.screens.base import TrackerScreen

UPKEEP_BINDINGS = [
    Binding("E", "edit_indicator", "Edit indicator", show=False, id="edit_indicator"),
    Binding("delete", "retire_indicator", "Retire", show=False, id="retire_indicator"),
]
# the plan's own: the retired indicators are not on any other screen
RETIRED_BINDINGS = [
    Binding("R", "show_retired", "Retired", show=False, id="show_retired"),
]


class IndicatorUpkeep(TrackerScreen):
    """Edit, retire and bring back; a screen that mixes this in says which indicator is
    selected (`_indicator`) and how a save is told (`_saved`)."""

    def _indicator(self) -> Indicator | None:
        raise NotImplementedError

    def _saved(self, ind: Indicator | None) -> None:
        raise NotImplementedError

    def action_edit_indicator(self) -> None:
        ind = self._indicator()
        if ind is not None:
            self.app.push_screen(loaded("dialogs.edit_indicator:EditIndicatorDialog")(ind), self._saved)

    def action_retire_indicator(self) -> None:
        ind = self._indicator()
        if ind is None:
            return
        lang = self.lang

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                gone = self.store.retire_active_indicator(ind.id, expected_version=ind.version)
            except TrackerError as e:
                self.notify(e.text(lang), title=tr("error", lang), severity="error")
                return
            self.notify(EDIT.text("retired_done", lang, name=name_of(gone, lang)))
            self.retired(gone)

        self.app.push_screen(loaded("dialogs.confirm:ConfirmDialog")(
            EDIT.text("confirm_retire", lang, name=name_of(ind, lang))), answered)

    def retired(self, ind: Indicator) -> None:
        """The indicator left the plan: every screen that shows it is told."""
        self.post_message(DataChanged(ind.district, ind.id))

    def action_show_retired(self) -> None:
        def back(ind: Indicator | None) -> None:
            if ind is not None:
                self.restored(ind)

        self.app.push_screen(loaded("dialogs.edit_indicator:RetiredDialog")(), back)

    def restored(self, ind: Indicator) -> None:
        """An indicator is back in the plan."""
        self.post_message(DataChanged(ind.district, ind.id))
