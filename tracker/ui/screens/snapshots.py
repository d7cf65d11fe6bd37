"""The snapshots taken so far: mark two and compare them, or compare one with now; export
the highlighted one; import a file."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from tracker.errors import TrackerError
from tracker.i18n.ui import tr
from tracker.models import SnapshotInfo
from tracker.ui.dialogs.diff import DiffScreen
from tracker.ui.messages import CompareWithNow, OpenImport
from tracker.ui.screens.base import TrackerScreen, key_footer
from tracker.ui.widgets.tables import ViTable

COLUMNS = ("col_mark", "col_id", "col_label", "col_taken", "col_who", "col_hash")
HASH_SHOWN = 12


class SnapshotsScreen(TrackerScreen):
    CSS_PATH = "reports.tcss"
    BINDINGS = [
        Binding("space", "toggle_mark", "Mark", id="toggle_mark"),
        Binding("d", "diff", "Compare", id="diff"),
        Binding("D", "diff_now", "Compare with now", id="diff_now"),
        Binding("i", "import_file", "Import", id="import_file"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.snapshots: dict[str, SnapshotInfo] = {}
        self.marked: list[int] = []  # in the order marked; at most two

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="snap-status", classes="section")
        yield ViTable(id="snapshots")
        yield Static(id="snap-detail", classes="detail")
        yield key_footer()

    def on_mount(self) -> None:
        self.sub_title = tr("snapshots", self.lang)
        self.load()
        self.query_one(ViTable).focus()

    # -- data --------------------------------------------------------------------------

    def load(self) -> None:
        lang = self.lang
        try:
            found = self.store.snapshots()
        except TrackerError as e:
            self.notify(e.text(lang), severity="error")
            return
        self.snapshots = {str(s.id): s for s in found}
        self.marked = [m for m in self.marked if str(m) in self.snapshots]
        self.query_one(ViTable).refill(
            [(key, tr(key, lang)) for key in COLUMNS],
            [(str(s.id), self._cells(s)) for s in reversed(found)],  # the newest first
        )
        self._show_status()
        self.show_detail()

    def _cells(self, s: SnapshotInfo) -> list[object]:
        mark = Text("✓", style="bold green") if s.id in self.marked else ""
        return [
            mark,
            str(s.id),
            s.label,
            s.taken_at.strftime("%Y-%m-%d %H:%M"),
            s.actor,
            s.content_hash[:HASH_SHOWN],
        ]

    def refresh_data(self) -> None:
        """Another planner (or a worker) saved: reload, keeping the cursor and the marks."""
        self.load()

    def _show_status(self) -> None:
        lang = self.lang
        if not self.snapshots:
            text = tr("no_snapshots", lang)
        else:
            parts = [tr("snapshots_count", lang, n=len(self.snapshots))]
            if self.marked:
                ids = ", ".join(f"#{m}" for m in self.marked)
                parts.append(tr("snapshots_marked", lang, ids=ids))
            parts.append(tr("snapshots_hint", lang))
            text = " · ".join(parts)
        self.query_one("#snap-status", Static).update(text)

    def show_detail(self) -> None:
        s = self.highlighted()
        detail = self.query_one("#snap-detail", Static)
        if s is None:
            detail.update("")
            return
        detail.update(
            tr(
                "snapshot_detail",
                self.lang,
                id=s.id,
                label=s.label,
                at=s.taken_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
                actor=s.actor,
                hash=s.content_hash,
            )
        )

    def highlighted(self) -> SnapshotInfo | None:
        return self.snapshots.get(self.query_one(ViTable).current_key or "")

    def export_snapshot_id(self) -> int | None:
        s = self.highlighted()
        return s.id if s is not None else None

    # -- marking and comparing ---------------------------------------------------------

    def action_toggle_mark(self) -> None:
        s = self.highlighted()
        if s is None:
            return
        if s.id in self.marked:
            self.marked.remove(s.id)
        else:
            self.marked.append(s.id)
            self.marked = self.marked[-2:]  # a third mark replaces the oldest
        table = self.query_one(ViTable)
        for key in self.snapshots:
            table.update_cell(key, "col_mark", self._cells(self.snapshots[key])[0])
        self._show_status()

    def pair(self) -> tuple[int, int] | None:
        """The two snapshots to compare: the two marked, or the one marked and the one
        under the cursor."""
        if len(self.marked) == 2:
            return self.marked[0], self.marked[1]
        s = self.highlighted()
        if len(self.marked) == 1 and s is not None and s.id != self.marked[0]:
            return self.marked[0], s.id
        return None

    def action_diff(self) -> None:
        pair = self.pair()
        if pair is None:
            self.notify(tr("mark_two", self.lang), severity="warning")
            return
        self.app.push_screen(DiffScreen(*pair))

    def action_diff_now(self) -> None:
        s = self.highlighted()
        if s is None:
            self.notify(tr("select_snapshot", self.lang), severity="warning")
            return
        self.post_message(CompareWithNow(s.id))

    def action_import_file(self) -> None:
        self.post_message(OpenImport())

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_toggle_mark()

    def apply_language(self) -> None:
        self.sub_title = tr("snapshots", self.lang)
        self.load()
        super().apply_language()
