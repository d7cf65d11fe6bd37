"""Ask before a destructive action: y or the Yes button goes ahead; n, Esc or No does not
(No has the focus, so a stray Enter changes nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tracker.i18n.ui import tr
from tracker.ui.keys import localize_bindings
from tracker.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class ConfirmDialog(ModalScreen[bool]):
    CSS_PATH = "form.tcss"
    AUTO_FOCUS = "#no"
    BINDINGS = [
        Binding("y", "yes", "Yes", id="yes"),
        Binding("n,escape", "no", "No", id="no"),
        Binding("left,h", "app.focus_previous", "Previous field", show=False,
                id="previous_field"),
        Binding("right,l", "app.focus_next", "Next field", show=False,
                id="next_field"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    @property
    def lang(self) -> str:
        app: TrackerApp = self.app  # type: ignore[assignment]
        return app.language

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="confirm"):
            yield Static(tr("confirm_title", self.lang), id="dialog-title")
            yield Static(self.message, id="confirm-text")
            with Horizontal(id="buttons"):
                yield Button(tr("yes", self.lang), id="yes", variant="warning", compact=True)
                yield Button(tr("no", self.lang), id="no", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.refresh_bindings()

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)
