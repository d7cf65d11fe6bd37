"""Forms whose work is slow (a snapshot, an export, an import): it runs in a thread with
its own Store (an SQLite connection belongs to the thread that opened it), the form shows
a progress indicator meanwhile, and the result or the error comes back to the form."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Button, Input, LoadingIndicator, Select

from tracker.errors import TrackerError
from tracker.store import Store
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.i18n import tr

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


def error_text(error: BaseException, lang: str) -> str:
    if isinstance(error, TrackerError):
        return error.text(lang)
    return f"{type(error).__name__}: {error}"


def run_in_thread(
    app: TrackerApp,
    job: Callable[[Store], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None],
) -> None:
    """Run `job(store)` with a Store of its own, then `done(result)` or `failed(error)`
    on the UI thread. Called from inside a thread worker."""
    try:
        with Store(app.db_path, actor=app.actor) as store:
            result = job(store)
    except Exception as e:  # shown in the UI, never a crash of the app
        back: Callable[[Any], None] = failed
        result = e
    else:
        back = done
    with suppress(RuntimeError):  # the app has closed meanwhile
        app.call_from_thread(back, result)


class WorkDialog(FormDialog):
    """A form whose save starts a job in a thread."""

    busy = False
    _focus_after: Widget | None = None

    @property
    def tracker(self) -> TrackerApp:
        return self.app  # type: ignore[return-value]

    def compose_after_fields(self) -> ComposeResult:
        yield LoadingIndicator(id="busy")

    def start(self) -> None:
        """The fields are valid: start the work (usually with `run_job`)."""
        raise NotImplementedError

    def action_save(self) -> None:
        if self.busy:
            self.notify(tr("still_working", self.lang), timeout=2)
            return
        if self.ready_to_save():
            self.start()

    def action_cancel(self) -> None:
        if self.busy:
            self.notify(tr("still_working", self.lang), timeout=2)
            return
        super().action_cancel()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        if not self.is_attached:
            return
        if busy:
            self._focus_after = self.focused  # disabling it takes the focus away
        self.query_one("#busy", LoadingIndicator).set_class(busy, "-shown")
        for widget in self.query("#buttons Button, #fields Input, #fields Select"):
            if isinstance(widget, Button | Input | Select) and widget.id != "cancel":
                widget.disabled = busy
        if busy:
            self._say("#form-error", "")
            self._say("#form-note", tr("working", self.lang))
        else:
            self._say("#form-note", "")
            if self._focus_after is not None and self._focus_after.is_attached:
                self._focus_after.focus()

    def run_job(self, job: Callable[[Store], Any], done: Callable[[Any], None]) -> None:
        """`job(store)` in a thread; `done(result)` back here; a failure is shown in the
        form, which stays open."""
        self.set_busy(True)

        def finished(result: Any) -> None:
            if self.is_attached:
                self.set_busy(False)
                done(result)

        self._thread(self.tracker, job, finished, self._failed)

    @work(thread=True, exclusive=True, group="dialog-job")
    def _thread(
        self,
        app: TrackerApp,
        job: Callable[[Store], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        run_in_thread(app, job, done, failed)

    def _failed(self, error: BaseException) -> None:
        if not self.is_attached:
            return
        self.set_busy(False)
        text = error_text(error, self.lang)
        self._say("#form-error", text)
        self.notify(text, title=tr("error", self.lang), severity="error")
