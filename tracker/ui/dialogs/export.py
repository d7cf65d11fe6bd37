"""Export the current state or a snapshot: format, file, language; written in a thread.

An existing file is overwritten only after the planner says yes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Select, Static

from tracker import snapshot as snap
from tracker.errors import TrackerError
from tracker.i18n import LANGUAGE_NAMES
from tracker.i18n.codes import choices
from tracker.i18n.ui import tr
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.work import WorkDialog
from tracker.ui.files import inside
from tracker.ui.validators import InFolder, Required

# tracker.exporters is imported where it is used, not here: the app imports this dialog
# at start, and the exporters (the shared plan table, markdown) would slow every start.

NOW = "now"


def default_path(fmt: str, today: date | None = None) -> str:
    """kaili-plan-YYYYMMDD.xlsx, in the folder the app was started from."""
    day = (today or date.today()).strftime("%Y%m%d")
    return f"kaili-plan-{day}.{fmt}"


def with_format(path: str, fmt: str) -> str:
    """The path with the extension of `fmt` (the one it had is replaced if it named a
    format or there was none; another is kept and the new one added)."""
    from tracker import exporters

    p = Path(path)
    if not path.strip():
        return path
    if exporters.format_for(p) is not None or not p.suffix:
        return str(p.with_suffix(f".{fmt}"))
    return f"{path}.{fmt}"


def resolve(path: str, root: Path | None = None) -> Path:
    """The file a typed path names: from the folder the app was started in, or inside
    `root` (a served session's folder for files) and refused outside it."""
    if root is not None:
        return inside(root, path)
    p = Path(path).expanduser()
    return p if p.is_absolute() else Path.cwd() / p


class ExportDialog(WorkDialog):
    AUTO_FOCUS = "#f-format"
    BINDINGS = [Binding("ctrl+s", "export", "Export", id="save")]

    def __init__(self, snapshot_id: int | None = None) -> None:
        super().__init__()
        self.snapshot_id = snapshot_id
        self.written: Path | None = None

    def title_text(self) -> str:
        return tr("export_title", self.lang)

    def compose_fields(self) -> ComposeResult:
        lang = self.lang

        def lang_now() -> str:
            return self.lang

        content = [(tr("current_state", lang), NOW)]
        try:
            content += [
                (tr("diff_snapshot", lang, id=s.id, label=s.label), str(s.id))
                for s in reversed(self.store.snapshots())
            ]
        except TrackerError as e:
            self.notify(e.text(lang), severity="error")
        chosen = str(self.snapshot_id) if self.snapshot_id is not None else NOW
        if chosen not in {v for _, v in content}:
            chosen = NOW
        root = self.files_root
        if root is not None:
            yield Static(tr("files_folder", lang, root=root), classes="hint")
        yield from self.select_field(
            "format", tr("field_format", lang), choices("format", lang), "xlsx"
        )
        yield from self.text_field(
            "path", tr("field_path", lang), default_path("xlsx"),
            [Required(lang_now), InFolder(lang_now, root)],
        )
        yield from self.select_field("language", tr("field_language", lang),
                                     list(LANGUAGE_NAMES), lang)
        yield from self.select_field("content", tr("field_content", lang), content, chosen)

    def compose_buttons(self) -> ComposeResult:
        yield Button(tr("export_button", self.lang), id="save", variant="primary", compact=True)
        yield Button(tr("cancel", self.lang), id="cancel", compact=True)

    def record(self) -> tuple[str, Path, str, int | None]:
        content = self.selected("content")
        return (
            self.selected("format"),
            resolve(self.value("path"), self.files_root),
            self.selected("language"),
            None if content == NOW else int(content),
        )

    @on(Select.Changed, "#f-format")
    def _format_changed(self, event: Select.Changed) -> None:
        from tracker import exporters

        path = self.query_one("#f-path", Input)
        fmt = str(event.value)
        if exporters.format_for(Path(path.value)) != fmt:
            path.value = with_format(path.value, fmt)

    @on(Input.Changed, "#f-path")
    def _path_changed(self, event: Input.Changed) -> None:
        from tracker import exporters

        # a file name that says its format chooses it
        fmt = exporters.format_for(Path(event.value.strip()))
        select = self.query_one("#f-format", Select)
        if fmt is not None and select.value != fmt:
            select.value = fmt

    def action_export(self) -> None:
        self.action_save()

    def start(self) -> None:
        fmt, path, lang, snapshot_id = self.record()
        if path.exists() and not path.is_dir():

            def answered(yes: bool | None) -> None:
                if yes:
                    self._run(fmt, path, lang, snapshot_id, force=True)

            self.app.push_screen(ConfirmDialog(tr("overwrite", self.lang, path=path)), answered)
            return
        self._run(fmt, path, lang, snapshot_id, force=False)

    def _run(self, fmt: str, path: Path, lang: str, snapshot_id: int | None, force: bool) -> None:
        label = tr("current_label", lang)
        # json counts the values it carries; the tables count the plan's rows
        progress = self.progress_for(
            "values_written" if fmt == "json" else "rows_written")
        self.run_job(
            lambda store: snap.export(store, snapshot_id, fmt, path, lang, label, force,
                                      progress),
            self._written,
        )

    def _written(self, path: Path) -> None:
        self.written = path
        self.notify(tr("exported", self.lang, path=path), timeout=8)
        self.dismiss(None)
