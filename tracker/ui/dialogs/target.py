"""Set an indicator's target (and its baseline, direction, attribute, target type)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.widgets import Select, Static

from tracker import plan_text
from tracker.errors import TrackerError, invalid
from tracker.i18n import name_of
from tracker.i18n.codes import choices
from tracker.i18n.ui import tr
from tracker.models import RATE_TYPES, Indicator
from tracker.numbers import parse_quantity, parse_year
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.format import num_text
from tracker.ui.validators import Quantity, Year

# the field a whole-record rule of the model is about: its reason is shown under it
RULE_FIELDS = {
    "a growth rate must be above -100%": "target_value",
    "a reduction is at least 0% and below 100%": "target_value",
    "a monitoring indicator has no target value": "target_value",
    "target value and target year go together": "target_value",
    "baseline value and baseline year go together": "baseline_year",
    "the target year must be after the baseline year": "target_year",
    "a maintain target needs direction maintain": "direction",
    "a growth_rate target needs direction increase or decrease": "direction",
    "a reduction target needs direction decrease": "direction",
    "values as rates are only for growth_rate and reduction targets": "values_as",
}
# the kinds of target with no target value
NO_TARGET_VALUE = ("milestone", "monitor")


class TargetDialog(FormDialog):
    CHECKS_VERSION = True
    AUTO_FOCUS = "#f-target_value"

    def __init__(self, indicator: Indicator) -> None:
        super().__init__()
        self.indicator = indicator

    def title_text(self) -> str:
        return tr("edit_target_title", self.lang, name=name_of(self.indicator, self.lang))

    def compose_fields(self) -> ComposeResult:
        ind, lang = self.indicator, self.lang
        unit = ind.unit or "—"

        def lang_now() -> str:
            return self.lang

        # required or not by the target type: the whole-record check says which
        # the kind of row first: it says what the value below means (a level, a rate
        # in %), and its list of kinds opens with the whole form below it, inside the dialog
        yield from self.select_field(
            "target_type", tr("field_type", lang), choices("target_type", lang), ind.target_type
        )
        yield from self.select_field(
            "values_as", tr("field_values_as", lang), choices("values_as", lang),
            ind.values_as or "level",
        )
        yield from self.text_field(
            "target_value",
            tr("field_target_value", lang, unit=unit),
            num_text(ind.target_value),
            [Quantity(lang_now, ind.unit, required=False)],
        )
        yield from self.text_field(
            "target_year",
            tr("field_target_year", lang),
            "" if ind.target_year is None else str(ind.target_year),
            [Year(lang_now)],
            example="2025",
        )
        yield from self.text_field(
            "baseline_value",
            tr("field_baseline_value", lang, unit=unit),
            num_text(ind.baseline_value),
            [Quantity(lang_now, ind.unit, required=False)],
        )
        yield from self.text_field(
            "baseline_year",
            tr("field_baseline_year", lang),
            "" if ind.baseline_year is None else str(ind.baseline_year),
            [Year(lang_now, required=False)],
        )
        yield from self.select_field(
            "direction", tr("field_direction", lang), choices("direction", lang), ind.direction
        )
        yield from self.select_field(
            "attribute", tr("field_attribute", lang), choices("attribute", lang), ind.attribute
        )
        yield from self.text_field(
            "band",
            tr("field_band", lang, unit=unit),
            num_text(ind.band),
            [Quantity(lang_now, ind.unit, required=False)],
        )

    def changes(self) -> dict[str, Any]:
        unit = self.indicator.unit

        def optional_number(key: str) -> float | None:
            text = self.value(key)
            return parse_quantity(text, unit) if text else None

        baseline_year = self.value("baseline_year")
        kind = self.selected("target_type")
        values_as: str | None = None
        if kind in RATE_TYPES:
            values_as = self.selected("values_as")
            if values_as == "level" and self.indicator.values_as is None:
                values_as = None  # levels, as before: not a change
        return {
            "target_value": optional_number("target_value"),
            "target_year": parse_year(self.value("target_year")),
            "baseline_value": optional_number("baseline_value"),
            "baseline_year": parse_year(baseline_year) if baseline_year else None,
            "band": optional_number("band"),
            "direction": self.selected("direction"),
            "attribute": self.selected("attribute"),
            "target_type": kind,
            "values_as": values_as,
            # a milestone's state goes with its kind
            **({} if kind == "milestone" else {
                "milestone_state": None, "milestone_date": None, "milestone_evidence": ""}),
        }

    def on_mount(self) -> None:
        self._show_kind_fields()

    @on(Select.Changed, "#f-target_type")
    def _kind_changed(self, event: Select.Changed) -> None:
        # a reduction only goes down, holding a level is maintain: the direction follows
        follows = {"reduction": "decrease", "maintain": "maintain"}.get(str(event.value))
        if follows is not None:
            self.query_one("#f-direction", Select).value = follows

    def _show_kind_fields(self) -> None:
        """Values as rates or levels: asked only of a growth-rate or reduction target."""
        if not self.query("#f-values_as"):
            return
        rates = self.selected("target_type") in RATE_TYPES
        row = self.query_one("#f-values_as", Select).parent
        if row is not None:
            row.display = rates

    def check_record(self) -> bool:
        """As every form, and a rule of the whole record that is about one field (a rate
        out of range, a reduction going up) also shows under that field."""
        self._show_kind_fields()
        for key in set(RULE_FIELDS.values()) | {"baseline_value"}:
            self._rule_under(key, "")
        ok = super().check_record()
        if ok or self.fields_valid(show=False) is not None:
            return ok
        try:
            self.record()
        except ValidationError as e:
            rule = e.errors()[0]["msg"].removeprefix("Value error, ")
            key = RULE_FIELDS.get(rule)
            if rule == "a milestone has a target year and no numbers":
                key = "target_value" if self.value("target_value") else "baseline_value"
            if key is not None:
                self._rule_under(key, invalid(e).text(self.lang))
        except TrackerError:  # the form's own line says it
            pass
        return ok

    def _rule_under(self, key: str, message: str) -> None:
        """A whole-record rule's reason under its field; an Input's own reason stays."""
        if key != "values_as" and not message and self._field_reason(key):
            return
        label = self.query_one(f"#e-{key}", Static)
        label.update(message)
        label.set_class(bool(message), "-shown")

    def _field_reason(self, key: str) -> bool:
        """Whether the Input's own rule refuses what it holds."""
        boxes = self.query(f"Input#f-{key}")
        if not boxes:
            return False
        box = boxes.first()
        result = box.validate(box.value)
        return result is not None and not result.is_valid

    def record_note(self, record: Indicator) -> str:
        # what a printed rate comes to: 年均增长 7% (2025)，即 140.26 亿元
        if record.target_type in RATE_TYPES and record.target_value is not None:
            return plan_text.target_text(record, self.lang)
        return ""

    def record(self) -> Indicator:
        return Indicator.model_validate({**self.indicator.model_dump(), **self.changes()})

    def save(self) -> Indicator:
        ind = self.indicator
        return self.store.update_indicator(ind.id, self.changes(), expected_version=ind.version)

    def saved_message(self, result: Indicator) -> str:
        if result.version == self.indicator.version:
            return tr("nothing_changed", self.lang)
        return tr(
            "saved_target",
            self.lang,
            name=name_of(result, self.lang),
            # as the plan table prints it: 降低 13.5% (2025), a milestone's year, 监测
            target=plan_text.target_cell(result, self.lang),
        )
