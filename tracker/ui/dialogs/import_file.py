"""Import a file in two steps: a preview of what would change (or every problem, with its
row and column), then Apply. Nothing is written before Apply; both steps run in a thread.

Apply reads and plans the file again: if the database changed since the preview, the new
preview is shown and nothing is applied until the planner has seen it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Input, Static

from tracker.errors import TrackerError
from tracker.i18n.ui import tr
from tracker.store import Store
from tracker.text_format import SHOWN_PER_KIND
from tracker.ui.dialogs.export import resolve
from tracker.ui.dialogs.work import WorkDialog
from tracker.ui.validators import InFolder, Required
from tracker.work_counts import Progress, unheard

# tracker.importer is imported where it is used, not here: the app imports this dialog
# at start, and the importer with the exporters' tables would slow every start.
if TYPE_CHECKING:
    from tracker.importer import ImportPlan

# after Apply is refused for a changed database, how long Apply stays disabled: longer
# than the slowest double click a desktop allows (0.9 s) or a key's repeat delay, so the
# second click or Enter lands on a disabled button, not on a preview nobody has read
REFUSED_HOLD_S = 1.5


@dataclass
class Preview:
    """What the planner is shown of an import: its changes as text in each language (at
    most SHOWN_PER_KIND lines of each kind), or the file's problems. Not the plan
    itself: a province's 100,000 values are not held while the dialog stays open."""

    texts: dict[str, str] = field(default_factory=dict)
    error: TrackerError | None = None
    empty: bool = True
    applied: bool = False
    # every change, as a digest of a text that does not depend on the language: what
    # "the planner saw" means when Apply checks the file and the database again
    key: str = ""


def _planned(store: Store, path: str, checked: Progress,
             root: Path | None = None) -> tuple[ImportPlan | None, Preview]:
    from tracker import importer

    try:
        plan = importer.plan_import(store, importer.read_import(resolve(path, root)), checked)
    except TrackerError as e:
        return None, Preview(error=e, key=e.text("en"))
    return plan, Preview(
        texts={lang: importer.describe(plan, lang, SHOWN_PER_KIND) for lang in ("zh", "en")},
        empty=plan.empty,
        key=_digest(importer.describe_lines(plan, "en")),
    )


def _digest(lines: Iterator[str]) -> str:
    """The sha256 of the lines joined by newlines, taken a line at a time: a province's
    import is a million lines, never held as one text."""
    h = hashlib.sha256()
    for i, line in enumerate(lines):
        h.update((b"\n" if i else b"") + line.encode())
    return h.hexdigest()


def preview(store: Store, path: str, checked: Progress = unheard,
            root: Path | None = None) -> Preview:
    return _planned(store, path, checked, root)[1]


def apply(store: Store, path: str, seen: str, checked: Progress = unheard,
          judged: Progress = unheard, written: Progress = unheard,
          root: Path | None = None) -> Preview:
    """Plan again; apply only if it is still what the planner saw."""
    from tracker import importer

    plan, again = _planned(store, path, checked, root)
    if plan is None or again.key != seen:
        return again
    importer.apply_import(store, plan, judged, written)
    again.applied = True
    return again


class ImportDialog(WorkDialog):
    AUTO_FOCUS = "#f-path"
    SUBMIT_SAVES = True  # Enter previews
    BINDINGS = [Binding("ctrl+s", "preview", "Preview", id="preview")]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.path = path
        self.shown: Preview | None = None
        self.imported = False
        self._hold: Timer | None = None

    def title_text(self) -> str:
        return tr("import_title", self.lang)

    def compose_fields(self) -> ComposeResult:
        def lang_now() -> str:
            return self.lang

        yield Static(tr("import_hint", self.lang), classes="hint")
        if self.files_root is not None:
            yield Static(tr("files_folder", self.lang, root=self.files_root), classes="hint")
        yield from self.text_field(
            "path",
            tr("field_import_path", self.lang),
            self.path,
            [Required(lang_now), InFolder(lang_now, self.files_root)],
            example="kaili-plan.xlsx",
        )

    def compose_after_fields(self) -> ComposeResult:
        yield from super().compose_after_fields()
        with VerticalScroll(id="preview-box"):
            yield Static(id="preview")

    def compose_buttons(self) -> ComposeResult:
        yield Button(tr("preview", self.lang), id="save", compact=True)
        yield Button(
            tr("apply", self.lang), id="apply", variant="primary", compact=True, disabled=True
        )
        yield Button(tr("cancel", self.lang), id="cancel", compact=True)

    def record(self) -> str:
        return self.value("path")

    def action_preview(self) -> None:
        self.action_save()

    def start(self) -> None:
        path = self.record()
        checked = self.progress_for("rows_checked")
        root = self.files_root
        self.run_job(lambda store: preview(store, path, checked, root), self._show_preview)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        if self.is_attached:
            self.query_one("#apply", Button).disabled = busy or not self._can_apply()

    def _can_apply(self) -> bool:
        shown = self.shown
        return (shown is not None and shown.error is None and not shown.empty
                and self._hold is None)

    def _show_preview(self, result: Preview, note: str = "", refused: bool = False) -> None:
        self.shown = result
        self._release_apply()
        box = self.query_one("#preview-box", VerticalScroll)
        text = self.query_one("#preview", Static)
        box.add_class("-shown")
        if result.error is not None:
            text.update(result.error.text(self.lang))
            text.add_class("-problems")
        else:
            text.update(result.texts[self.lang])
            text.remove_class("-problems")
        box.scroll_home(animate=False)
        self._say("#form-warning", note)
        if refused:
            # the keys go to the new preview, to scroll it; Apply waits a moment and is not
            # focused after, so neither a second click nor a second Enter applies unread
            self._hold = self.set_timer(REFUSED_HOLD_S, self._release_apply)
            box.focus()
        apply_button = self.query_one("#apply", Button)
        apply_button.disabled = not self._can_apply()
        if not apply_button.disabled:
            apply_button.focus()

    def _release_apply(self) -> None:
        if self._hold is not None:
            self._hold.stop()
            self._hold = None
        if self.is_attached:
            self.query_one("#apply", Button).disabled = self.busy or not self._can_apply()

    @on(Input.Changed, "#f-path")
    def _path_changed(self, event: Input.Changed) -> None:
        # a preview is of one file: another path needs its own
        if self.shown is not None:
            self.shown = None
            self.query_one("#preview-box").remove_class("-shown")
            self.query_one("#apply", Button).disabled = True

    @on(Button.Pressed, "#apply")
    def _apply_pressed(self, event: Button.Pressed) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        if self.busy or not self._can_apply():
            return
        assert self.shown is not None
        seen, path = self.shown.key, self.record()
        checked = self.progress_for("rows_checked")
        judged = self.progress_for("verdicts")
        written = self.progress_for("values_written")
        root = self.files_root
        self.run_job(lambda store: apply(store, path, seen, checked, judged, written, root),
                     self._applied)

    def _applied(self, result: Preview) -> None:
        if not result.applied:
            self._show_preview(result, tr("import_changed_since", self.lang), refused=True)
            return
        self.imported = True
        self.notify(tr("import_applied", self.lang, path=self.record()), timeout=8)
        self.dismiss(True)  # type: ignore[arg-type]
