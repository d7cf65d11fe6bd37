"""Forms whose work is slow (a snapshot, an export, an import): it runs in a thread with
its own Store (an SQLite connection belongs to the thread that opened it), the form shows
that it is working, and how far it has got where the work counts itself, and the result
or the error comes back to the form."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Button, Input, LoadingIndicator, ProgressBar, Select

from tracker.errors import TrackerError
from tracker.i18n.ui import tr
from tracker.store import Store
from tracker.ui.dialogs.form import FormDialog
from tracker.work_counts import Progress, progress_line

if TYPE_CHECKING:
    from tracker.ui.app import TrackerApp


def error_text(error: BaseException, lang: str) -> str:
    if isinstance(error, TrackerError):
        return error.text(lang)
    return f"{type(error).__name__}: {error}"


def shown_in_ui(app: TrackerApp, show: Callable[[int, int], None]) -> Progress:
    """For a job's thread: how far it has got, handed to `show(done, total)` on the UI
    thread at most ten times a second (each showing waits for the screen), and always at
    the end."""
    told = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal told
        now = time.monotonic()
        if done < total and now - told < 0.1:
            return
        told = now
        with suppress(RuntimeError):  # the app has closed meanwhile
            app.call_from_thread(show, done, total)

    return progress


def show_count(bar: ProgressBar, counting: str, lang: str, done: int, total: int) -> str:
    """Fill `bar` to `done` of `total` and give the line that says so (`counting`: a key of
    tracker.i18n.work.WORK)."""
    line = progress_line(counting, lang, done, total)
    going_on = done >= total
    # all counted, but the job goes on (a province's snapshot copies its values for
    # seconds; an import checks its plan against the preview before it writes): a full
    # bar standing still would look stuck, so it pulses, with no share or time
    for part in bar.query("#percentage, #eta"):
        part.display = not going_on
    if going_on:
        bar.update(total=None)
        return tr("count_still_working", lang, count=line)
    bar.update(total=total, progress=done)
    return line


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

    @property
    def files_root(self) -> Path | None:
        """The only folder a served session may read or write (None: any folder)."""
        return getattr(self.app, "files_root", None)

    def compose_after_fields(self) -> ComposeResult:
        yield LoadingIndicator(id="busy")
        yield ProgressBar(id="progress", show_eta=True)

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
        bar = self.query_one("#progress", ProgressBar)
        bar.remove_class("-shown")
        bar.update(total=None, progress=0)
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

    def progress_for(self, counting: str) -> Progress:
        """For the job's thread: how far it has got, shown under a bar with the line
        `counting` (a key of tracker.i18n.work.WORK)."""
        return shown_in_ui(self.tracker,
                           lambda done, total: self._show_progress(counting, done, total))

    def _show_progress(self, counting: str, done: int, total: int) -> None:
        if not (self.is_attached and self.busy) or total <= 0:
            return
        # a count and a bar say more than the dots: the dots go
        self.query_one("#busy", LoadingIndicator).remove_class("-shown")
        bar = self.query_one("#progress", ProgressBar)
        bar.add_class("-shown")
        self._say("#form-note", show_count(bar, counting, self.lang, done, total))

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
