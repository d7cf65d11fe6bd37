"""The shape every form shares: fields checked as the planner types, each with its reason
underneath; a whole-record check; Esc cancels; nothing is saved until Save or ctrl+s."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Input, Label, Select, Static

from tracker.errors import Conflict, TrackerError, invalid
from tracker.i18n.punctuation import semicolon
from tracker.i18n.ui import tr
from tracker.models import Indicator
from tracker.store import Store
from tracker.ui.keys import localize_bindings
from tracker.ui.messages import RefreshData
from tracker.ui.validators import PlainText
from tracker.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class FormDialog(ModalScreen[Indicator | None]):
    """A modal form. Subclasses give the fields, the record they make, and the save."""

    CSS_PATH = "form.tcss"
    AUTO_FOCUS = "#fields Input, #fields Select"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("ctrl+r", "reload", "Reload", id="reload"),
    ]
    # Enter in a field saves (a one-field form) instead of moving to the next field
    SUBMIT_SAVES = False
    # the save checks the indicator's version: ctrl+r reloads it, another's save is shown
    CHECKS_VERSION = False

    # -- for subclasses ----------------------------------------------------------------

    def title_text(self) -> str:
        raise NotImplementedError

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def record(self) -> Any:
        """Build what would be saved from the fields (all valid); raise if the whole is not."""
        raise NotImplementedError

    def save(self) -> Indicator:
        """Write to the store; return the indicator concerned. Raise TrackerError to refuse."""
        raise NotImplementedError

    def saved_message(self, result: Indicator) -> str:
        raise NotImplementedError

    def record_note(self, record: Any) -> str:
        """A line shown while the record is valid (e.g. what a baseline would become)."""
        return ""

    def compose_after_fields(self) -> ComposeResult:
        """Anything between the messages and the buttons (a preview, a progress)."""
        yield from ()

    def compose_buttons(self) -> ComposeResult:
        yield Button(tr("save", self.lang), id="save", variant="primary", compact=True)
        yield Button(tr("cancel", self.lang), id="cancel", compact=True)

    def after_reload(self) -> None:
        """After ctrl+r put the saved values back in the fields."""

    # -- shared ------------------------------------------------------------------------

    @property
    def lang(self) -> str:
        app: TrackerApp = self.app  # type: ignore[assignment]
        return app.language

    @property
    def store(self) -> Store:
        app: TrackerApp = self.app  # type: ignore[assignment]
        return app.store

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text(), id="dialog-title")
            with VerticalScroll(id="fields", can_focus=False):
                yield from self.compose_fields()
            yield Static(id="form-note")
            yield Static(id="form-error")
            yield Static(id="form-warning")
            yield from self.compose_after_fields()
            with Horizontal(id="buttons"):
                yield from self.compose_buttons()
        yield KeyFooter()

    def on_mount(self) -> None:
        # runs after a subclass's on_mount (Textual calls each one in the hierarchy)
        localize_bindings(self, self.lang)
        self.refresh_bindings()
        self._say("#form-warning", "")
        self.check_record()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reload":
            return self.CHECKS_VERSION
        return True

    def text_field(
        self,
        key: str,
        label: str,
        value: str = "",
        validators: Iterable[Validator] = (),
        example: str = "",
    ) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            yield Input(
                value=value,
                placeholder=tr("example", self.lang, text=example) if example else "",
                id=f"f-{key}",
                # a field without a rule of its own still refuses a control character
                validators=list(validators) or [PlainText(lambda: self.lang)],
                validate_on=["changed", "submitted"],
                compact=True,
            )
        yield Static(id=f"e-{key}", classes="field-error")

    def select_field(
        self, key: str, label: str, options: list[tuple[str, str]], value: str
    ) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            yield Select(options, value=value, allow_blank=False, id=f"f-{key}", compact=True)
        yield Static(id=f"e-{key}", classes="field-error")

    def value(self, key: str) -> str:
        return self.query_one(f"#f-{key}", Input).value.strip()

    def selected(self, key: str) -> str:
        return str(self.query_one(f"#f-{key}", Select).value)

    def _show(self, inp: Input, result: ValidationResult | None) -> bool:
        message = ""
        if result is not None and not result.is_valid:
            message = result.failure_descriptions[0]
        key = (inp.id or "").removeprefix("f-")
        errors = self.query(f"#e-{key}")
        if errors:
            label = errors.first(Static)
            label.update(message)
            label.set_class(bool(message), "-shown")
        return not message

    def _say(self, selector: str, message: str) -> None:
        """A line under the fields, shown only when it says something."""
        label = self.query_one(selector, Static)
        label.update(message)
        label.display = bool(message)

    def fields_valid(self, show: bool) -> Input | None:
        """Check every field; return the first bad one (None when all are good)."""
        first_bad = None
        for inp in self.query("#fields Input").results(Input):
            if not inp.id or not inp.id.startswith("f-"):
                continue
            result = inp.validate(inp.value)
            ok = result is None or result.is_valid
            if show:
                self._show(inp, result)
            if not ok and first_bad is None:
                first_bad = inp
        return first_bad

    def check_record(self) -> bool:
        """The whole-record rules (pydantic), once every field is valid on its own."""
        if not self.query("#form-error"):
            return False  # not composed yet, or already closing (the app is quitting)
        self._say("#form-error", "")
        self._say("#form-note", "")
        if self.fields_valid(show=False) is not None:
            return False
        try:
            rec = self.record()
        except TrackerError as e:
            self._say("#form-error", e.text(self.lang))
            return False
        except ValidationError as e:
            self._say("#form-error", invalid(e).text(self.lang))
            return False
        self._say("#form-note", self.record_note(rec))
        return True

    @on(Input.Changed, "#fields Input")
    def _input_changed(self, event: Input.Changed) -> None:
        self._show(event.input, event.validation_result)
        self.check_record()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        self.check_record()

    @on(Input.Submitted, "#fields Input")
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.SUBMIT_SAVES:
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        if self.ready_to_save():
            self.commit()

    def ready_to_save(self) -> bool:
        """Every field and the whole record checked, the first bad field focused."""
        bad = self.fields_valid(show=True)
        if bad is not None:
            self._say("#form-error", tr("fix_fields", self.lang))
            bad.focus()
            return False
        return self.check_record()

    def commit(self) -> None:
        """Save, say so and close; or show why not and stay open."""
        lang = self.lang
        try:
            result = self.save()
        except Conflict as e:
            # someone saved first: say who, and how to start again from their values
            self._say("#form-error", e.text(lang) + "\n" + tr("conflict_hint", lang))
            self._say("#form-warning", "")  # the error says it all
            self.notify(e.text(lang), title=tr("error", lang), severity="error")
            return
        except TrackerError as e:
            self._say("#form-error", e.text(lang))
            self.notify(e.text(lang), title=tr("error", lang), severity="error")
            return
        except ValidationError as e:
            message = invalid(e).text(lang)
            self._say("#form-error", message)
            self.notify(message, title=tr("error", lang), severity="error")
            return
        self.notify(self.saved_message(result))
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    # -- another planner's change --------------------------------------------------------

    async def action_reload(self) -> None:
        """Start again from the values saved now (after a conflict): the fields show them."""
        current: Indicator | None = getattr(self, "indicator", None)
        if current is None or not self.CHECKS_VERSION:
            return
        try:
            self.indicator = self.store.indicator(current.id)
        except TrackerError as e:
            self._say("#form-error", e.text(self.lang))
            return
        typed = self._typed()
        await self.recompose()
        self.after_reload()
        self.check_record()
        # what the planner typed stays in sight beside the values loaded, to apply again
        now = self._typed()
        kept = [f"{label} {value}" for key, (label, value) in typed.items()
                if value and now.get(key, ("", ""))[1] != value]
        self._say("#form-warning", tr("reloaded_typed", self.lang,
                                      typed=semicolon(self.lang).join(kept))
                  if kept else tr("reloaded", self.lang))
        first = self.query("#fields Input, #fields Select, #fields OptionList")
        if first:
            first.first().focus()

    def _typed(self) -> dict[str, tuple[str, str]]:
        """Each text field's label and what it holds now."""
        out: dict[str, tuple[str, str]] = {}
        for inp in self.query("#fields Input").results(Input):
            if inp.id and inp.id.startswith("f-") and inp.parent is not None:
                labels = inp.parent.query(Label)
                label = str(labels.first().render()) if labels else inp.id[2:]
                out[inp.id[2:]] = (label, inp.value.strip())
        return out

    def on_refresh_data(self, message: RefreshData) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        """Someone else saved (the app's live poll): warn if it is this form's indicator."""
        current: Indicator | None = getattr(self, "indicator", None)
        if current is None or not self.CHECKS_VERSION or not self.query("#form-warning"):
            return
        try:
            now = self.store.indicator(current.id)
            if now.version == current.version:
                return
            last = self.store.audit(entity="indicator", entity_id=current.id, limit=1)
        except TrackerError:
            return
        if last:
            at = last[0].at.strftime("%Y-%m-%d %H:%M")
            self._say(
                "#form-warning",
                tr("changed_meanwhile", self.lang, actor=last[0].actor, at=at),
            )
