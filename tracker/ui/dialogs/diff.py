"""What changed between two snapshots, or between a snapshot and now: indicators added
or removed, targets, new values, verdicts — worked out in a thread, one change a line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import LoadingIndicator, ProgressBar, Static

from tracker import snapshot as snap
from tracker.i18n.exports import DIFF
from tracker.i18n.ui import tr
from tracker.models import SnapshotInfo
from tracker.text_format import SHOWN_PER_KIND
from tracker.ui.dialogs.work import error_text, run_in_thread, show_count, shown_in_ui
from tracker.ui.keys import localize_bindings
from tracker.ui.messages import LanguageChanged
from tracker.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


class DiffScreen(ModalScreen[None]):
    CSS_PATH = "form.tcss"
    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="dismiss"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False, id="scroll_down"),
        Binding("k,up", "scroll('up')", "Scroll up", show=False, id="scroll_up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="scroll_top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="scroll_bottom"),
    ]

    def __init__(self, a: int, b: int | None) -> None:
        super().__init__()
        # the older first, as the comparison reads them
        self.a, self.b = (b, a) if b is not None and b < a else (a, b)
        self.result: snap.Comparison | None = None
        self.error: BaseException | None = None

    @property
    def lang(self) -> str:
        app: TrackerApp = self.app  # type: ignore[assignment]
        return app.language

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="diff"):
            yield Static(id="dialog-title")
            yield LoadingIndicator(id="busy", classes="-shown")
            yield ProgressBar(id="progress", show_eta=True)
            yield Static(id="diff-progress")
            with VerticalScroll(id="diff-body"):
                yield Static(id="diff-text")
            yield Static(tr("diff_close", self.lang), id="form-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.refresh_bindings()
        self._title()
        app: TrackerApp = self.app  # type: ignore[assignment]
        self._compare(app)

    @work(thread=True, exclusive=True)
    def _compare(self, app: TrackerApp) -> None:
        progress = shown_in_ui(app, self._show_progress)
        run_in_thread(app, lambda store: snap.compare(store, self.a, self.b, progress),
                      self._done, self._failed)

    def _show_progress(self, done: int, total: int) -> None:
        if not self.is_attached or self.result is not None or self.error is not None \
                or total <= 0:
            return
        # a count and a bar say more than the dots (a province's comparison takes a while)
        self.query_one("#busy").remove_class("-shown")
        bar = self.query_one("#progress", ProgressBar).add_class("-shown")
        self.query_one("#diff-progress", Static).add_class("-shown").update(
            show_count(bar, "indicators_compared", self.lang, done, total))

    def _done(self, result: snap.Comparison) -> None:
        self.result = result
        self._show()

    def _failed(self, error: BaseException) -> None:
        self.error = error
        self._show()

    def _snapshot_name(self, info: SnapshotInfo | None) -> str:
        if info is None:
            return tr("now", self.lang)
        return tr("diff_snapshot", self.lang, id=info.id, label=info.label)

    def _title(self) -> None:
        if not self.is_attached:
            return
        if self.result is not None:
            a, b = self._snapshot_name(self.result.older), self._snapshot_name(self.result.newer)
        else:
            a = f"#{self.a}"
            b = tr("now", self.lang) if self.b is None else f"#{self.b}"
        self.query_one("#dialog-title", Static).update(tr("diff_title", self.lang, a=a, b=b))

    def text(self) -> str:
        """The changes as shown (empty while they are being worked out)."""
        if self.error is not None:
            return error_text(self.error, self.lang)
        if self.result is None:
            return ""
        if self.b is None and self.result.diff.empty:
            # compared with now: there is only the one snapshot
            return DIFF.text("no_changes_since", self.lang)
        return snap.diff_text(self.result.diff, self.result.names, self.lang,
                              SHOWN_PER_KIND)

    def _show(self) -> None:
        if not self.is_attached:
            return
        self._title()
        self.query_one("#busy").remove_class("-shown")
        self.query_one("#progress").remove_class("-shown")
        self.query_one("#diff-progress").remove_class("-shown")
        body = Text()
        for line in self.text().splitlines():
            style = "bold red" if self.error is not None else ""
            if " → " in line and self.error is None:
                before, _, after = line.rpartition(" → ")
                body.append(before + " → ", style=style)
                body.append(after + "\n", style="bold")
            else:
                body.append(line + "\n", style=style)
        body.rstrip()
        self.query_one("#diff-text", Static).update(body)

    def on_language_changed(self, message: LanguageChanged) -> None:
        self.apply_language()

    def apply_language(self) -> None:
        localize_bindings(self, self.lang)
        self.refresh_bindings()
        self.query_one("#form-note", Static).update(tr("diff_close", self.lang))
        if self.result is not None or self.error is not None:
            self._show()
        else:
            self._title()

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#diff-body", VerticalScroll)
        {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }[where]()
