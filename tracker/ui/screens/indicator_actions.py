"""The indicator commands both the plan and an indicator's own screen offer: e, a, b, m, y (and
E, Delete: see indicator_upkeep)."""

from __future__ import annotations

from textual.binding import Binding

from tracker.errors import TrackerError
from tracker.i18n import name_of
from tracker.i18n.plan_rows import PLAN_ROWS, ROW_FORMS
from tracker.i18n.ui import tr
from tracker.models import Indicator
from tracker.ui.dialogs.baseline import BaselineDialog
from tracker.ui.dialogs.measurement import MeasurementDialog
from tracker.ui.dialogs.row_kinds import AnnualTargetDialog, MilestoneDialog
from tracker.ui.dialogs.target import TargetDialog
from tracker.ui.messages import DataChanged
from tracker.ui.screens.indicator_upkeep import UPKEEP_BINDINGS, IndicatorUpkeep

INDICATOR_BINDINGS = [
    Binding("e", "edit_target", "Target", id="edit_target"),
    Binding("a", "add_measurement", "Add value", id="add_measurement"),
    Binding("b", "link_baseline", "Baseline", id="link_baseline"),
    # the rows a plan table holds beside its numbers; off the footer, which is full at 80
    # columns: the help lists them
    Binding("m", "set_milestone", "Milestone", show=False, id="set_milestone"),
    Binding("y", "set_annual_target", "Yearly target", show=False, id="set_annual_target"),
    *UPKEEP_BINDINGS,
]


class IndicatorActions(IndicatorUpkeep):
    """A screen that can say which indicator is selected, and act on it."""

    def current_indicator_id(self) -> str | None:
        raise NotImplementedError

    def _indicator(self) -> Indicator | None:
        ind_id = self.current_indicator_id()
        if ind_id is None:
            self.notify(tr("select_indicator", self.lang), severity="warning")
            return None
        try:
            # read afresh: the version the form checks against is the one saved now
            return self.store.indicator(ind_id)
        except TrackerError as e:
            self.notify(e.text(self.lang), severity="error")
            return None

    def _saved(self, ind: Indicator | None) -> None:
        if ind is not None:
            self.post_message(DataChanged(ind.district, ind.id))

    def action_edit_target(self) -> None:
        ind = self._indicator()
        if ind is not None:
            self.app.push_screen(TargetDialog(ind), self._saved)

    def action_add_measurement(self) -> None:
        ind = self._indicator()
        if ind is None:
            return
        if ind.target_type == "milestone":
            # a milestone has no yearly numbers: a value form would ask for one in no unit
            self.notify(PLAN_ROWS.text("milestone_no_values", self.lang), severity="warning")
            return
        self.app.push_screen(MeasurementDialog(ind), self._saved)

    def action_link_baseline(self) -> None:
        ind = self._indicator()
        if ind is not None:
            self.app.push_screen(BaselineDialog(ind), self._saved)

    def action_set_milestone(self) -> None:
        ind = self._indicator()
        if ind is None:
            return
        if ind.target_type != "milestone":
            self.notify(ROW_FORMS.text("not_milestone", self.lang, name=name_of(ind, self.lang)),
                        severity="warning")
            return
        self.app.push_screen(MilestoneDialog(ind), self._saved)

    def action_set_annual_target(self) -> None:
        ind = self._indicator()
        if ind is None:
            return
        if ind.target_type == "milestone":
            self.notify(ROW_FORMS.text("no_annual", self.lang), severity="warning")
            return
        try:
            targets = self.store.annual_targets(ind.id)
        except TrackerError as e:
            self.notify(e.text(self.lang), severity="error")
            return
        self.app.push_screen(AnnualTargetDialog(ind, targets), self._saved)
