"""Set an indicator's target (and its baseline, direction, attribute, target type)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from tracker import text_format
from tracker.i18n import name_of
from tracker.i18n.codes import choices
from tracker.i18n.ui import tr
from tracker.models import Indicator
from tracker.numbers import parse_quantity, parse_year
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.format import num_text
from tracker.ui.validators import Quantity, Year


class TargetDialog(FormDialog):
    CHECKS_VERSION = True

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

        yield from self.text_field(
            "target_value",
            tr("field_target_value", lang, unit=unit),
            num_text(ind.target_value),
            [Quantity(lang_now, ind.unit)],
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
        yield from self.select_field(
            "target_type", tr("field_type", lang), choices("target_type", lang), ind.target_type
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
        return {
            "target_value": parse_quantity(self.value("target_value"), unit),
            "target_year": parse_year(self.value("target_year")),
            "baseline_value": optional_number("baseline_value"),
            "baseline_year": parse_year(baseline_year) if baseline_year else None,
            "band": optional_number("band"),
            "direction": self.selected("direction"),
            "attribute": self.selected("attribute"),
            "target_type": self.selected("target_type"),
        }

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
            target=text_format.fmt_point(result.target_value, result.target_year),
        )
