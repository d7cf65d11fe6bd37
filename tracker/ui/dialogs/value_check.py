"""A value as the planner types it, checked against the indicator: under the field, live,
the value as it will be stored in the indicator's unit ("= 0.000162 亿元"), and a warning
(never a refusal) when it is far from the indicator's own figures, as a 万 typed too many
or too few makes it; saving such a value asks once more."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.widgets import Static

from tracker.errors import TrackerError
from tracker.i18n.void import VOID
from tracker.models import Indicator, Measurement
from tracker.numbers import Gap, parse_quantity, scale_gap
from tracker.text_format import exact_num
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.validators import Quantity


def references(ind: Indicator, values: Sequence[Measurement],
               leave_out: int | None = None) -> list[tuple[str, float]]:
    """What a typed value of `ind` is compared with: its latest value in force (the value
    `leave_out`, being revised, aside), then its baseline. Values entered as yearly rates
    are not compared with a baseline, which is a level."""
    found = [m for m in values if m.id != leave_out]
    out: list[tuple[str, float]] = []
    if found:
        latest = max(found, key=lambda m: (m.year, m.id or 0))
        out.append(("latest", latest.value))
    if ind.baseline_value is not None and not ind.rate_values:
        out.append(("baseline", ind.baseline_value))
    return out


def times_text(ratio: float, lang: str) -> str:
    """How many times more (120×) or less (1/10,000) a value is than another."""
    if ratio >= 1:
        return VOID.text("times_more", lang, n=f"{ratio:,.0f}")
    return VOID.text("times_less", lang, n=f"{1 / ratio:,.0f}")


class ValueCheck(FormDialog):
    """A form with a value field (key `value`) shown as it will be stored and checked
    against `self.refs` (see `references`)."""

    indicator: Indicator
    refs: list[tuple[str, float]]

    def value_field(self, label: str, value: str = "") -> ComposeResult:
        def lang_now() -> str:
            return self.lang

        yield from self.text_field("value", label, value,
                                   validators=[Quantity(lang_now, self.indicator.unit)],
                                   example="1,234.5 / 6.5万")
        yield Static(id="p-value", classes="field-preview")

    def typed_value(self) -> float | None:
        """The value field's number in the indicator's unit; None while it is not one, or
        when the form has no value field."""
        if not self.query("#f-value"):
            return None
        try:
            return parse_quantity(self.value("value"), self.indicator.unit)
        except TrackerError:
            return None

    def gap(self) -> Gap | None:
        value = self.typed_value()
        return None if value is None else scale_gap(value, self.refs)

    def _stored(self, value: float) -> str:
        return f"{exact_num(value, grouped=True)} {self.indicator.unit}".strip()

    def check_record(self) -> bool:
        ok = super().check_record()
        self.show_preview()
        return ok

    def show_preview(self) -> None:
        found = self.query("#p-value")
        if not found:
            return
        preview = found.first(Static)
        value = self.typed_value()
        if value is None:
            preview.update("")
            preview.display = False
            return
        lang = self.lang
        text = VOID.text("stored_as", lang, value=exact_num(value, grouped=True),
                         unit=self.indicator.unit).rstrip()
        gap = scale_gap(value, self.refs)
        if gap is not None:
            text += "\n" + VOID.text("far_off", lang, times=times_text(gap.ratio, lang),
                                     what=VOID.text(gap.name, lang),
                                     reference=self._stored(gap.reference))
        preview.update(text)
        preview.set_class(gap is not None, "-far")
        preview.display = True

    def action_save(self) -> None:
        if not self.ready_to_save():
            return
        gap, value = self.gap(), self.typed_value()
        if gap is None or value is None:
            self.commit()
            return
        lang = self.lang
        self.app.push_screen(ConfirmDialog(VOID.text(
            "confirm_far_off", lang, value=exact_num(value, grouped=True), unit=self.indicator.unit,
            times=times_text(gap.ratio, lang), what=VOID.text(gap.name, lang),
            reference=self._stored(gap.reference))), self._confirmed)

    def _confirmed(self, yes: bool | None) -> None:
        if yes:
            self.commit()
