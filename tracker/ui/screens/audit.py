"""The audit log: who changed what, when, from what to what — the newest first.

As a mode (key 4) it lists every change; opened from an indicator (key o) only that
indicator's. The highlighted entry's values are shown whole under the table."""

from __future__ import annotations

from functools import partial

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import DataTable, Header, Static

from tracker import text_format
from tracker.errors import TrackerError
from tracker.i18n import name_of
from tracker.i18n.codes import choice, field_label, field_value
from tracker.i18n.punctuation import colon
from tracker.i18n.ui import tr
from tracker.models import AuditEntry
from tracker.ui import format as fmt
from tracker.ui.screens.base import TrackerScreen, key_footer
from tracker.ui.widgets.tables import ViTable

LIMIT = 500
COLUMNS = ("col_when", "col_who", "col_action", "col_entity", "col_entity_id", "col_change")
CHANGE_MIN = 24


def change_line(e: AuditEntry, width: int = 120, lang: str = "zh") -> str:
    """old → new in `width` cells, the room shared between them, fields named in `lang`."""
    label = partial(field_label, lang=lang)
    show = partial(field_value, lang=lang)
    if e.old and e.new:
        half = max(8, (width - 3) // 2)
        old, new = (text_format.change_text(e.old, half, label, show),
                    text_format.change_text(e.new, half, label, show))
    else:
        old, new = (text_format.change_text(e.old, width - 2, label, show),
                    text_format.change_text(e.new, width - 2, label, show))
    if old and new:
        return f"{old} → {new}"
    return f"→ {new}" if new else f"{old} →" if old else ""


class AuditScreen(TrackerScreen):
    CSS_PATH = "reports.tcss"

    def __init__(self, indicator_id: str | None = None) -> None:
        super().__init__()
        self.indicator_id = indicator_id
        self.entries: dict[str, AuditEntry] = {}
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="audit-status", classes="section")
        yield ViTable(id="audit")
        yield Static(id="audit-detail", classes="detail")
        yield key_footer()

    def on_mount(self) -> None:
        self._width = self.app.size.width
        self.load()
        self.query_one(ViTable).focus()

    def _title(self) -> str:
        lang = self.lang
        if self.indicator_id is None:
            return tr("audit", lang)
        try:
            name = name_of(self.store.indicator(self.indicator_id), lang)
        except TrackerError:
            name = self.indicator_id
        return tr("audit_of", lang, name=name)

    def load(self) -> None:
        lang = self.lang
        self.sub_title = self._title()
        try:
            if self.indicator_id is None:
                found = self.store.audit(limit=LIMIT)
            else:
                found = self.store.audit(
                    entity="indicator", entity_id=self.indicator_id, limit=LIMIT
                )
        except TrackerError as e:
            self.notify(e.text(lang), severity="error")
            return
        self.entries = {e.key: e for e in found}
        table = self.query_one(ViTable)
        headers = [tr(key, lang) for key in COLUMNS]
        rows = [
            [
                e.at.strftime("%Y-%m-%d %H:%M"),
                e.actor,
                choice("audit_action", e.action, lang),
                choice("entity", e.entity, lang),
                e.entity_id,
            ]
            for e in found
        ]
        # the change takes what the other columns leave (each padded by one cell a side)
        used = sum(
            max([cell_len(headers[i])] + [cell_len(r[i]) for r in rows]) + 2 for i in range(5)
        )
        width = max(CHANGE_MIN, self._width - used - 4)
        table.refill(
            list(zip(COLUMNS, headers, strict=True)),
            [(e.key, [*row, fmt.truncate(change_line(e, width, lang), width)])
             for e, row in zip(found, rows, strict=True)],
        )
        status = [tr("audit_count", lang, n=len(found))]
        if self.indicator_id is not None:
            status.append(tr("audit_filtered", lang, id=self.indicator_id))
        text = tr("no_audit", lang) if not found else " · ".join(status)
        self.query_one("#audit-status", Static).update(text)
        self.show_detail()

    def refresh_data(self) -> None:
        """New entries appear on top; the cursor stays on the entry it was on."""
        self.load()

    def show_detail(self) -> None:
        lang = self.lang
        detail = self.query_one("#audit-detail", Static)
        e = self.entries.get(self.query_one(ViTable).current_key or "")
        if e is None:
            detail.update("")
            return
        sep = colon(lang)
        label = partial(field_label, lang=lang)
        show = partial(field_value, lang=lang)
        text = Text()
        text.append(
            f"{e.at.strftime('%Y-%m-%d %H:%M:%S')} UTC · {e.actor} · "
            f"{choice('audit_action', e.action, lang)} · {choice('entity', e.entity, lang)} "
            f"{e.entity_id}\n",
            style="bold",
        )
        text.append(tr("audit_old", lang) + sep, style="bold")
        text.append((text_format.change_text(e.old, 10_000, label, show) or "—") + "\n")
        text.append(tr("audit_new", lang) + sep, style="bold")
        text.append(text_format.change_text(e.new, 10_000, label, show) or "—")
        detail.update(text)

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self.load()

    def apply_language(self) -> None:
        self.load()
        super().apply_language()


class IndicatorAuditScreen(AuditScreen):
    """One indicator's changes, opened over its screen: Esc or q goes back."""

    BINDINGS = [Binding("escape,q", "back", "Back", id="back")]

    def __init__(self, indicator_id: str) -> None:
        super().__init__(indicator_id)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_quit(self) -> None:
        self.action_back()
