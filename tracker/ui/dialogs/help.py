"""Help: every key of the screen below, from its active bindings (not a written list)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tracker.i18n.ui import tr
from tracker.ui.keys import help_rows

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "form.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="dismiss"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False, id="scroll_down"),
        Binding("k,up", "scroll('up')", "Scroll up", show=False, id="scroll_up"),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    @property
    def lang(self) -> str:
        app: TrackerApp = self.app  # type: ignore[assignment]
        return app.language

    def compose(self) -> ComposeResult:
        lang = self.lang
        screen_name = self.under.sub_title or self.app.title
        with Vertical(id="dialog", classes="help"):
            yield Static(tr("help_title", lang, screen=screen_name), id="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(self._table(), id="help-keys")
            yield Static(tr("help_close", lang), id="form-note")

    def _table(self) -> Text:
        groups = help_rows(self.under, self.lang)
        width = max((cell_len(keys) for _, rows in groups for keys, _ in rows), default=0)
        text = Text()
        for group, rows in groups:
            text.append(group + "\n", style="bold underline")
            for keys, label in rows:
                text.append(keys + " " * (width - cell_len(keys) + 3), style="bold")
                text.append(label + "\n")
            text.append("\n")
        text.rstrip()
        return text

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down()
        else:
            body.scroll_up()
