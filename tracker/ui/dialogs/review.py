"""Write the mid-term review report from the UI: format, file, language, review year,
and the plan now or a snapshot; written in a thread, as exports are.

An existing file is overwritten only after the planner says yes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Label, Select, Static

from tracker.errors import TrackerError
from tracker.i18n import LANGUAGE_NAMES
from tracker.i18n.review_screen import REPORT_FORMATS, REVIEW_SCREEN
from tracker.i18n.ui import tr
from tracker.numbers import parse_year
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.export import NOW, resolve
from tracker.ui.dialogs.review_year import InPlan
from tracker.ui.dialogs.work import WorkDialog
from tracker.ui.validators import InFolder, Required

# tracker.review is imported where it is used: python-docx loads only when a report is made


def default_path(fmt: str, today: date | None = None) -> str:
    """kaili-review-YYYYMMDD.docx, in the folder the app was started from."""
    day = (today or date.today()).strftime("%Y%m%d")
    return f"kaili-review-{day}.{fmt}"


def with_format(path: str, fmt: str) -> str:
    """The path with the extension of `fmt` (a report format's or none replaced; any
    other kept and the new one added)."""
    from tracker.review import format_for

    p = Path(path)
    if not path.strip():
        return path
    if format_for(p) is not None or not p.suffix:
        return str(p.with_suffix(f".{fmt}"))
    return f"{path}.{fmt}"


class ReviewDialog(WorkDialog):
    AUTO_FOCUS = "#f-format"
    BINDINGS = [Binding("ctrl+s", "generate", "Generate", id="save")]

    def __init__(self) -> None:
        super().__init__()
        self.written: Path | None = None

    def title_text(self) -> str:
        return REVIEW_SCREEN.text("form_title", self.lang)

    def compose_fields(self) -> ComposeResult:
        lang = self.lang

        def lang_now() -> str:
            return self.lang

        content = [(tr("current_state", lang), NOW)]
        year = None
        try:
            content += [
                (tr("diff_snapshot", lang, id=s.id, label=s.label), str(s.id))
                for s in reversed(self.store.snapshots())
            ]
            year = self.store.review_year()
        except TrackerError as e:
            self.notify(e.text(lang), severity="error")
        root = self.files_root
        if root is not None:
            yield Static(tr("files_folder", lang, root=root), classes="hint")
        yield from self.select_field(
            "format", tr("field_format", lang),
            [(REPORT_FORMATS.text(f, lang), f) for f in REPORT_FORMATS], "docx")
        yield from self.text_field(
            "path", tr("field_path", lang), default_path("docx"),
            [Required(lang_now), InFolder(lang_now, root)],
        )
        yield from self.select_field("language", tr("field_language", lang),
                                     list(LANGUAGE_NAMES), lang)
        yield from self.text_field(
            "review_year", REVIEW_SCREEN.text("field_year", lang),
            "" if year is None else str(year),
            [InPlan(lang_now, lambda: self.store)],
        )
        yield Label(REVIEW_SCREEN.text("year_hint", lang), classes="hint")
        yield from self.select_field("content", tr("field_content", lang), content, NOW)

    def compose_buttons(self) -> ComposeResult:
        yield Button(REVIEW_SCREEN.text("generate", self.lang), id="save", variant="primary",
                     compact=True)
        yield Button(tr("cancel", self.lang), id="cancel", compact=True)

    def record(self) -> tuple[Path, str, int | None, int | None]:
        content = self.selected("content")
        year = self.value("review_year")
        return (
            resolve(self.value("path"), self.files_root),
            self.selected("language"),
            parse_year(year) if year else None,
            None if content == NOW else int(content),
        )

    @on(Select.Changed, "#f-format")
    def _format_changed(self, event: Select.Changed) -> None:
        from tracker.review import format_for

        path = self.query_one("#f-path", Input)
        fmt = str(event.value)
        if format_for(Path(path.value)) != fmt:
            path.value = with_format(path.value, fmt)

    @on(Input.Changed, "#f-path")
    def _path_changed(self, event: Input.Changed) -> None:
        from tracker.review import format_for

        # a file name that says its format chooses it
        fmt = format_for(Path(event.value.strip()))
        select = self.query_one("#f-format", Select)
        if fmt is not None and select.value != fmt:
            select.value = fmt

    def action_generate(self) -> None:
        self.action_save()

    def start(self) -> None:
        path, lang, year, snapshot_id = self.record()
        if path.exists() and not path.is_dir():

            def answered(yes: bool | None) -> None:
                if yes:
                    self._run(path, lang, year, snapshot_id, force=True)

            self.app.push_screen(ConfirmDialog(tr("overwrite", self.lang, path=path)), answered)
            return
        self._run(path, lang, year, snapshot_id, force=False)

    def _run(self, path: Path, lang: str, year: int | None, snapshot_id: int | None,
             force: bool) -> None:
        from tracker.review import write_review

        progress = self.progress_for("review_steps")
        self.run_job(
            lambda store: write_review(store, path, lang, as_of=year, snapshot_id=snapshot_id,
                                       force=force, progress=progress),
            self._written,
        )

    def _written(self, path: Path) -> None:
        self.written = path
        self.notify(REVIEW_SCREEN.text("written", self.lang, path=path), timeout=8)
        self.dismiss(None)
