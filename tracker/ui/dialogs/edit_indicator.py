"""Edit an indicator (E): its names, unit, department, kind, band and notes; and the list
of retired indicators to bring back (R on the plan).

A new unit is checked as it is typed: with figures recorded, only a 万/亿 scale of the
old unit is taken, and the form says what it will do to them; saving asks first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tracker.errors import TrackerError
from tracker.i18n import name_of
from tracker.i18n.codes import choices, district_short
from tracker.i18n.ui import tr
from tracker.i18n.upkeep import EDIT
from tracker.models import Indicator
from tracker.numbers import parse_quantity
from tracker.store import Store
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.department import PicksDepartment
from tracker.ui.format import num_text
from tracker.ui.keys import localize_bindings
from tracker.ui.validators import Required
from tracker.ui.widgets.key_footer import KeyFooter
from tracker.units import UnitPlan, unit_line

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class NewUnit(Required):
    """A unit, and with figures recorded, one they can be carried over to."""

    def __init__(self, lang: Callable[[], str], plan: Callable[[str], UnitPlan]) -> None:
        super().__init__(lang)
        self.plan = plan

    def check(self, value: str) -> None:
        p = self.plan(value)
        if p.refused:
            raise TrackerError("unit_not_scale", old=p.old or "—", new=p.new or "—", n=p.count)


class EditIndicatorDialog(PicksDepartment):
    CHECKS_VERSION = True
    AUTO_FOCUS = "#f-name_zh"

    def __init__(self, indicator: Indicator) -> None:
        super().__init__()
        self.indicator = indicator
        self._plans: dict[str, UnitPlan] = {}

    def title_text(self) -> str:
        return EDIT.text("form_title", self.lang, name=name_of(self.indicator, self.lang))

    def unit_plan(self, unit: str) -> UnitPlan:
        """What the unit typed would do to the figures (read once per unit typed)."""
        unit = unit.strip()
        if unit not in self._plans:
            self._plans[unit] = self.store.unit_plan(self.indicator.id, unit)
        return self._plans[unit]

    def compose_fields(self) -> ComposeResult:
        ind, lang = self.indicator, self.lang
        self._plans.clear()  # a reload reads the figures saved now

        def lang_now() -> str:
            return self.lang

        # the kind of row first: its list of nine kinds then opens with the form below
        # it, inside the dialog (the cursor still starts on the name)
        yield from self.select_field("target_type", tr("field_type", lang),
                                     choices("target_type", lang), ind.target_type)
        yield from self.text_field("name_zh", tr("field_name_zh", lang), ind.name_zh,
                                   [Required(lang_now)])
        yield from self.text_field("name_en", tr("field_name_en", lang), ind.name_en,
                                   [Required(lang_now)])
        yield from self.text_field("unit", tr("field_unit", lang), ind.unit,
                                   [NewUnit(lang_now, self.unit_plan)])
        yield from self.department_field(ind.department)
        yield from self.select_field("attribute", tr("field_attribute", lang),
                                     choices("attribute", lang), ind.attribute)
        yield from self.select_field("direction", tr("field_direction", lang),
                                     choices("direction", lang), ind.direction)
        yield from self.text_field("band", tr("field_band", lang, unit=ind.unit or "—"),
                                   num_text(ind.band), [_Band(lang_now, self)])
        yield from self.text_field("notes", EDIT.text("field_notes", lang), ind.notes)

    @on(Input.Changed, "#f-unit")
    def _unit_typed(self, event: Input.Changed) -> None:
        # the band is typed in the unit typed above it
        row = self.query_one("#f-band", Input).parent
        if row is not None:
            row.query_one(Label).update(
                tr("field_band", self.lang, unit=event.value.strip() or "—"))

    def changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name_zh": self.value("name_zh"),
            "name_en": self.value("name_en"),
            "unit": self.value("unit"),
            "department": self.picked_department(),
            "attribute": self.selected("attribute"),
            "direction": self.selected("direction"),
            "target_type": self.selected("target_type"),
            "notes": self.value("notes"),
        }
        band = self.value("band")
        if band != num_text(self.indicator.band):
            # a band typed here is in the unit typed here; one left as it was is carried
            # over with the other figures
            out["band"] = parse_quantity(band, out["unit"]) if band else None
        return out

    def record(self) -> Indicator:
        changes = self.changes()
        plan = self.unit_plan(changes["unit"])
        if plan.converts and plan.change is not None:
            # checked as it will be saved: the figures in the new unit
            ind = self.indicator
            for key, on in (("baseline_value", plan.baseline), ("target_value", plan.target),
                            ("band", plan.band and "band" not in changes)):
                if on:
                    changes[key] = plan.change.convert(getattr(ind, key))
        return Indicator.model_validate({**self.indicator.model_dump(), **changes})

    def record_note(self, record: Indicator) -> str:
        plan = self.unit_plan(self.value("unit"))
        return unit_line(plan, self.lang) if plan.old != plan.new else ""

    def action_save(self) -> None:
        if not self.ready_to_save():
            return
        plan = self.unit_plan(self.value("unit"))
        if not plan.converts:
            self.commit()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.commit()

        self.app.push_screen(ConfirmDialog(
            EDIT.text("confirm_unit", self.lang, line=unit_line(plan, self.lang))), answered)

    def save(self) -> Indicator:
        ind = self.indicator
        return self.store.edit_indicator(ind.id, self.changes(), expected_version=ind.version)

    def saved_message(self, result: Indicator) -> str:
        if result.version == self.indicator.version:
            return tr("nothing_changed", self.lang)
        return EDIT.text("saved", self.lang, name=name_of(result, self.lang))


class _Band(Required):
    """The band, a number in the unit typed in the form (or none)."""

    def __init__(self, lang: Callable[[], str], form: EditIndicatorDialog) -> None:
        super().__init__(lang, required=False)
        self.form = form

    def check(self, value: str) -> None:
        unit = self.form.value("unit") if self.form.query("#f-unit") else ""
        parse_quantity(value, unit)


class RetiredDialog(ModalScreen[Indicator | None]):
    """The retired indicators: Enter brings the one picked back (asks first)."""

    CSS_PATH = "form.tcss"
    AUTO_FOCUS = "#retired"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    @property
    def lang(self) -> str:
        app: TrackerApp = self.app  # type: ignore[assignment]
        return app.language

    @property
    def store(self) -> Store:
        app: TrackerApp = self.app  # type: ignore[assignment]
        return app.store

    def compose(self) -> ComposeResult:
        lang = self.lang
        retired = [i for i in self.store.indicators(with_retired=True) if i.retired]
        self.retired = {i.id: i for i in retired}
        with Vertical(id="dialog"):
            yield Static(EDIT.text("retired_title", lang), id="dialog-title")
            if retired:
                yield OptionList(*[Option(self._label(i), id=i.id) for i in retired],
                                 id="retired")
                yield Static(EDIT.text("retired_hint", lang), id="form-note")
            else:
                yield Static(EDIT.text("none_retired", lang), id="form-note")
        yield KeyFooter()

    def _label(self, ind: Indicator) -> Text:
        text = Text(name_of(ind, self.lang))
        text.append(f"  {district_short(ind.district, self.lang)} · {ind.id}", style="dim")
        return text

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#retired")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        ind = self.retired.get(event.option.id or "")
        if ind is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._restore(ind)

        self.app.push_screen(ConfirmDialog(
            EDIT.text("confirm_restore", self.lang, name=name_of(ind, self.lang))), answered)

    def _restore(self, ind: Indicator) -> None:
        lang = self.lang
        try:
            back = self.store.restore_indicator(ind.id, expected_version=ind.version)
        except TrackerError as e:
            self.notify(e.text(lang), title=tr("error", lang), severity="error")
            return
        self.notify(EDIT.text("restored_done", lang, name=name_of(back, lang)))
        self.dismiss(back)

    def action_cancel(self) -> None:
        self.dismiss(None)
