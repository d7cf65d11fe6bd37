"""Take an indicator's baseline from an achievement: pick a figure, see the baseline it
gives in the indicator's unit, save."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from tracker.errors import TrackerError
from tracker.i18n import name_of
from tracker.i18n.punctuation import reasons
from tracker.i18n.quality import BASELINE_NOTES, period_mark
from tracker.i18n.ui import tr
from tracker.models import Achievement, Flag, Indicator
from tracker.quality import value_in_unit
from tracker.ui import format as fmt
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.widgets.tables import ViList


class _NothingPicked(TrackerError):
    def __init__(self) -> None:
        super().__init__("invalid", field="baseline_achievement", reason="pick a figure")

    def text(self, lang: str = "en") -> str:
        return tr("pick_achievement", lang)


class BaselineDialog(FormDialog):
    AUTO_FOCUS = "#f-search"
    CHECKS_VERSION = True
    BINDINGS = [Binding("down", "focus_picker", "Figures", show=False, id="focus_picker")]

    def __init__(self, indicator: Indicator) -> None:
        super().__init__()
        self.indicator = indicator
        self._figures: dict[str, Achievement] = {}
        self._flags: dict[str, list[Flag]] = {}

    def title_text(self) -> str:
        return tr("link_baseline_title", self.lang, name=name_of(self.indicator, self.lang))

    def compose_fields(self) -> ComposeResult:
        yield from self.text_field("search", tr("field_search", self.lang))
        yield Label(tr("pick_achievement", self.lang), id="picker-hint")
        yield ViList(id="picker")

    def on_mount(self) -> None:
        self._fill()

    def after_reload(self) -> None:
        self._fill()

    def action_focus_picker(self) -> None:
        self.query_one("#picker", ViList).focus()

    def _fill(self) -> None:
        lang = self.lang
        try:
            found = self.store.achievements(None, search=self.value("search"))
        except TrackerError as e:
            self.notify(e.text(lang), severity="error")
            return
        # only figures that can be read in the indicator's unit (6.13 万人 as 人, not as %)
        unit = self.indicator.unit
        usable = [a for a in found if value_in_unit(a, unit) is not None]
        self._figures = {a.id: a for a in usable}
        hidden = sum(1 for a in found if a.value is not None) - len(usable)
        hint = tr("pick_achievement", lang)
        if hidden:
            hint += " " + tr("hidden_other_units", lang, n=hidden, unit=unit or "—")
        self.query_one("#picker-hint", Label).update(hint)
        picker = self.query_one("#picker", ViList)
        picker.clear_options()
        try:
            self._flags = self.store.flags()
        except TrackerError as e:
            self.notify(e.text(lang), severity="error")
            self._flags = {}
        # a figure in doubt says so beside its name: a verdict built on it would rest on it
        picker.add_options(
            Option(("! " if self._flags.get(a.id) else "")
                   + f"{name_of(a, lang)} — {fmt.figure_value(a)} {a.unit}"
                   f" ({period_mark(a.period, a.period_inferred)})", id=a.id)
            for a in self._figures.values()
        )
        if self.indicator.baseline_achievement in self._figures:
            picker.highlighted = picker.get_option_index(self.indicator.baseline_achievement)
        elif self._figures:
            picker.highlighted = 0

    def chosen(self) -> str | None:
        picker = self.query_one("#picker", ViList)
        if picker.highlighted is None or not picker.option_count:
            return None
        return picker.get_option_at_index(picker.highlighted).id

    def record(self) -> dict[str, Any]:
        ach_id = self.chosen()
        if ach_id is None:
            raise _NothingPicked()
        ind = self.indicator
        value, year = self.store.baseline_from_achievement(ach_id, ind.unit)
        changes = {
            "baseline_achievement": ach_id,
            "baseline_value": value,
            "baseline_year": year,
            "baseline_source": f"报道：{self._figures[ach_id].source_quote}",
        }
        Indicator.model_validate({**ind.model_dump(), **changes})
        return changes

    def record_note(self, record: dict[str, Any]) -> str:
        baseline = fmt.point(record["baseline_value"], record["baseline_year"],
                             self.indicator.unit)
        flags = self._flags.get(record["baseline_achievement"])
        if flags:
            note = tr("baseline_preview_flagged", self.lang, baseline=baseline,
                      reasons=reasons([f.message(self.lang) for f in flags], self.lang))
        else:
            note = tr("baseline_preview", self.lang, baseline=baseline)
        # a year read into the text, or the prefecture's figure, is said before it is used
        a = self._figures.get(record["baseline_achievement"])
        if a is not None and a.period_inferred:
            note += BASELINE_NOTES.text("inferred_year", self.lang)
        if a is not None and a.scope == "prefecture":
            note += BASELINE_NOTES.text("prefecture", self.lang)
        return note

    @on(Input.Changed, "#f-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill()

    @on(OptionList.OptionHighlighted, "#picker")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.check_record()

    @on(OptionList.OptionSelected, "#picker")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#save", Button).focus()

    def save(self) -> Indicator:
        ind = self.indicator
        return self.store.update_indicator(ind.id, self.record(), expected_version=ind.version)

    def saved_message(self, result: Indicator) -> str:
        return tr(
            "saved_baseline",
            self.lang,
            name=name_of(result, self.lang),
            baseline=fmt.point(result.baseline_value, result.baseline_year, result.unit),
            source=self._source_name(result.baseline_achievement),
        )

    def _source_name(self, ach_id: str | None) -> str:
        """The figure by its name, as the planner picked it; its id only if it is gone."""
        figure = self._figures.get(ach_id or "")
        return name_of(figure, self.lang) if figure is not None else ach_id or "—"
