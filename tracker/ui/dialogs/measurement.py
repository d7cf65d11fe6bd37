"""Record an actual value of an indicator, shown as it will be stored and checked against
the indicator's own figures as it is typed (see value_check)."""

from __future__ import annotations

from textual.app import ComposeResult

from tracker.errors import TrackerError
from tracker.i18n import name_of
from tracker.i18n.codes import choices
from tracker.i18n.ui import tr
from tracker.models import Indicator, Measurement
from tracker.numbers import parse_quantity, parse_year
from tracker.text_format import exact_num
from tracker.ui.dialogs.value_check import ValueCheck, references
from tracker.ui.validators import Year


class MeasurementDialog(ValueCheck):
    def __init__(self, indicator: Indicator) -> None:
        super().__init__()
        self.indicator = indicator
        self.saved: Measurement | None = None
        self.refs: list[tuple[str, float]] = []

    def on_mount(self) -> None:
        # before the form's own on_mount, which checks the record and so shows the preview
        try:
            values = self.store.measurements(self.indicator.id)
        except TrackerError:
            values = []
        self.refs = references(self.indicator, values)

    def title_text(self) -> str:
        return tr("add_measurement_title", self.lang, name=name_of(self.indicator, self.lang))

    def compose_fields(self) -> ComposeResult:
        ind, lang = self.indicator, self.lang

        def lang_now() -> str:
            return self.lang

        yield from self.text_field(
            "year", tr("field_year", lang), validators=[Year(lang_now)], example="2023"
        )
        yield from self.value_field(tr("field_value", lang, unit=ind.unit or "—"))
        yield from self.select_field(
            "quality", tr("field_quality", lang), choices("quality", lang), "final"
        )
        yield from self.text_field("source", tr("field_source", lang))
        yield from self.text_field("note", tr("field_note", lang))

    def record(self) -> Measurement:
        return Measurement(
            indicator=self.indicator.id,
            year=parse_year(self.value("year")),
            value=parse_quantity(self.value("value"), self.indicator.unit),
            quality=self.selected("quality"),
            source=self.value("source"),
            note=self.value("note"),
        )

    def save(self) -> Indicator:
        self.saved = self.store.add_measurement(self.record())
        return self.store.indicator(self.indicator.id)

    def saved_message(self, result: Indicator) -> str:
        m = self.saved
        assert m is not None
        return tr(
            "saved_measurement",
            self.lang,
            name=name_of(result, self.lang),
            year=m.year,
            value=f"{exact_num(m.value, grouped=True)} {result.unit}".strip(),
        )
