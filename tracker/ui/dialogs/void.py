"""Take a value back (void it, with the reason) or correct it (revise: void it and record
the right value for the same year). Nothing is deleted: the value stays in the history."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.app import ComposeResult
from textual.widgets import Button, Static

from tracker.errors import Conflict, TrackerError
from tracker.i18n import name_of
from tracker.i18n.ui import tr
from tracker.i18n.void import VOID
from tracker.models import Indicator, Measurement
from tracker.text_format import exact_num
from tracker.ui.dialogs.value_check import ValueCheck, references
from tracker.ui.validators import Required


@contextmanager
def settled() -> Iterator[None]:
    """A value someone voided meanwhile is said as it is: the form's hint for a conflict
    (ctrl+r reloads the indicator) has nothing to reload here."""
    try:
        yield
    except Conflict as e:
        raise TrackerError(e.key, **e.params) from None


class VoidDialog(ValueCheck):
    """Asks for the reason a value no longer counts; Save voids it."""

    SUBMIT_SAVES = True

    def __init__(self, indicator: Indicator, value: Measurement) -> None:
        super().__init__()
        self.indicator = indicator
        self.target = value
        self.refs: list[tuple[str, float]] = []
        self.done: Measurement | None = None

    def title_text(self) -> str:
        return VOID.text("void_title", self.lang, name=name_of(self.indicator, self.lang))

    def the_value(self) -> str:
        m = self.target
        return VOID.text("the_value", self.lang, value_id=m.id, year=m.year,
                         value=f"{exact_num(m.value, grouped=True)} {self.indicator.unit}".strip())

    def hint(self) -> str:
        return VOID.text("void_hint", self.lang)

    def compose_fields(self) -> ComposeResult:
        yield Static(self.the_value(), classes="hint")
        yield Static(self.hint(), classes="hint")
        yield from self.value_fields()
        yield from self.text_field("reason", VOID.text("field_reason", self.lang),
                                   validators=[Required(lambda: self.lang)])

    def value_fields(self) -> ComposeResult:
        yield from ()

    def compose_buttons(self) -> ComposeResult:
        yield Button(VOID.text("void_button", self.lang), id="save", variant="warning",
                     compact=True)
        yield Button(tr("cancel", self.lang), id="cancel", compact=True)

    def record(self) -> str:
        return self.value("reason")

    def save(self) -> Indicator:
        with settled():
            voided = self.store.void_value(self.indicator.id, self.target.id or 0,
                                           self.record())
        self.done = voided.value
        return self.store.indicator(self.indicator.id)

    def saved_message(self, result: Indicator) -> str:
        m = self.target
        return VOID.text("saved_void", self.lang, name=name_of(result, self.lang), year=m.year,
                         value=f"{exact_num(m.value, grouped=True)} {result.unit}".strip())


class ReviseDialog(VoidDialog):
    """Asks for the right value and the reason; Save voids the value and records the new
    one for the same year, as revised, in one step."""

    SUBMIT_SAVES = False

    def on_mount(self) -> None:
        # the value being revised is no reference for its own correction
        try:
            values = self.store.measurements(self.indicator.id)
        except TrackerError:
            values = []
        self.refs = references(self.indicator, values, leave_out=self.target.id)

    def title_text(self) -> str:
        return VOID.text("revise_title", self.lang, name=name_of(self.indicator, self.lang))

    def hint(self) -> str:
        return VOID.text("revise_hint", self.lang)

    def value_fields(self) -> ComposeResult:
        yield from self.value_field(
            VOID.text("field_new_value", self.lang, unit=self.indicator.unit or "—"))

    def compose_buttons(self) -> ComposeResult:
        yield Button(VOID.text("revise_button", self.lang), id="save", variant="primary",
                     compact=True)
        yield Button(tr("cancel", self.lang), id="cancel", compact=True)

    def record(self) -> str:
        # the value on its own is checked by its field; the store checks the rest
        return self.value("reason")

    def save(self) -> Indicator:
        value = self.typed_value()
        assert value is not None  # the field's rule passed
        with settled():
            _, new = self.store.revise_value(self.indicator.id, self.target.id or 0, value,
                                             self.value("reason"))
        self.done = new
        return self.store.indicator(self.indicator.id)

    def saved_message(self, result: Indicator) -> str:
        m = self.done
        assert m is not None
        return VOID.text("saved_revise", self.lang, name=name_of(result, self.lang),
                         year=m.year,
                         value=f"{exact_num(m.value, grouped=True)} {result.unit}".strip())
