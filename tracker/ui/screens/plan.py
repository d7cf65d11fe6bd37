"""The plan: the five districts, each with its indicators and both verdicts."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from tracker import report
from tracker.errors import TrackerError
from tracker.report import IndicatorStatus
from tracker.ui import format as fmt
from tracker.ui.dialogs.new_indicator import NewIndicatorDialog
from tracker.ui.i18n import choice, district_short, name_of, tr
from tracker.ui.screens.base import TrackerScreen
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.screens.indicator_actions import INDICATOR_BINDINGS, IndicatorActions
from tracker.ui.widgets.status import status_block
from tracker.ui.widgets.tables import IndicatorTable

COLUMNS = (
    "col_indicator",
    "col_schedule",
    "col_growth",
    "col_progress",
    "col_baseline",
    "col_latest",
    "col_target",
    "col_unit",
)


class PlanScreen(IndicatorActions, TrackerScreen):
    CSS_PATH = "plan.tcss"
    BINDINGS = [
        *INDICATOR_BINDINGS,
        Binding("n", "new_indicator", "New", id="new_indicator"),
        # also on the screen, so a key typed while the focus moves between tabs still counts
        Binding(
            "left_square_bracket,h",
            "prev_district",
            "Prev district",
            show=False,
            id="prev_district",
        ),
        Binding(
            "right_square_bracket,l",
            "next_district",
            "Next district",
            show=False,
            id="next_district",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._statuses: dict[str, dict[str, IndicatorStatus]] = {}
        self._district_ids: list[str] = []
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Header()
        districts = self.store.districts()
        self._district_ids = [d.id for d in districts]
        with TabbedContent(id="districts"):
            for d in districts:
                with TabPane(district_short(d.id, self.lang), id=f"pane-{d.id}"):
                    yield Static(id=f"summary-{d.id}", classes="summary")
                    yield IndicatorTable(id=f"table-{d.id}", classes="indicators")
        yield Static(id="row-detail")
        yield Footer()

    def on_mount(self) -> None:
        self._width = self.app.size.width
        self.sub_title = tr("plan", self.lang)
        for d in self._district_ids:
            self.load_district(d)
        self.current_table().focus()
        self.show_row_detail()

    # -- data --------------------------------------------------------------------------

    def load_district(self, district: str, select: str | None = None) -> None:
        """(Re)build one district's table and summary from the store."""
        lang = self.lang
        try:
            items = report.statuses(self.store, district)
        except TrackerError as e:
            self.notify(e.text(lang), severity="error")
            return
        self._statuses[district] = {st.indicator.id: st for st in items}
        table = self.query_one(f"#table-{district}", IndicatorTable)
        keep = select or table.current_key
        headers = [tr(key, lang) for key in COLUMNS]
        rows = [self._cells(st) for st in items]
        width = fmt.first_column_width(self._width - 2, rows, headers, 16, 60)
        table.clear(columns=True)
        for key, header in zip(COLUMNS, headers, strict=True):
            table.add_column(header, key=key)
        for st, row in zip(items, rows, strict=True):
            table.add_row(fmt.truncate(str(row[0]), width), *row[1:], key=st.indicator.id)
        table.move_to(keep)
        summary = self.query_one(f"#summary-{district}", Static)
        if not items:
            summary.update(tr("no_indicators", lang))
            return
        counts = report.rollup(items)[district]
        growth = ("，" if lang == "zh" else ", ").join(
            f"{report.verdict_label(v, lang)} {counts['growth'][v]}"
            for v in report.GROWTH_VERDICTS
            if counts["growth"][v]
        )
        summary.update(
            tr(
                "summary",
                lang,
                n=len(items),
                schedule=report.rollup_line(counts, lang),
                growth=growth,
            )
        )

    def _cells(self, st: IndicatorStatus) -> list[object]:
        ind, latest, lang = st.indicator, st.latest, self.lang
        return [
            name_of(ind, lang),
            fmt.verdict_text(st.schedule.verdict, lang),
            fmt.verdict_text(st.growth.verdict, lang),
            fmt.progress_bar(st.schedule.progress_share),
            report.fmt_point(ind.baseline_value, ind.baseline_year),
            report.fmt_point(latest.value, latest.year) if latest else "—",
            report.fmt_point(ind.target_value, ind.target_year),
            ind.unit,
        ]

    def refresh_district(self, district: str, indicator_id: str | None = None) -> None:
        if district in self._district_ids:
            self.load_district(district, select=indicator_id)
            if district == self.current_district():
                self.show_row_detail()

    # -- what is selected --------------------------------------------------------------

    def current_district(self) -> str:
        active = self.query_one(TabbedContent).active
        return active.removeprefix("pane-") if active else self._district_ids[0]

    def current_table(self) -> IndicatorTable:
        return self.query_one(f"#table-{self.current_district()}", IndicatorTable)

    def current_indicator_id(self) -> str | None:
        return self.current_table().current_key

    def current_status(self) -> IndicatorStatus | None:
        ind_id = self.current_indicator_id()
        return self._statuses.get(self.current_district(), {}).get(ind_id or "")

    def show_row_detail(self) -> None:
        detail = self.query_one("#row-detail", Static)
        st, lang = self.current_status(), self.lang
        if st is None:
            detail.update("")
            return
        ind, latest = st.indicator, st.latest
        text = Text()
        text.append(name_of(ind, lang), style="bold")
        text.append(f"  {ind.id}", style="dim")
        if ind.department:
            text.append(f" · {tr('department', lang)} {ind.department}", style="dim")
        text.append(
            f" · {choice('direction', ind.direction, lang)}"
            f" · {choice('attribute', ind.attribute, lang)}"
            f" · {choice('target_type', ind.target_type, lang)}",
            style="dim",
        )
        text.append("\n")
        text.append(
            tr(
                "row_values",
                lang,
                baseline=fmt.point(ind.baseline_value, ind.baseline_year, ind.unit),
                latest=fmt.point(latest.value, latest.year, ind.unit) if latest else "—",
                target=fmt.point(ind.target_value, ind.target_year, ind.unit),
            )
        )
        text.append("\n")
        text.append_text(status_block(st, lang))
        detail.update(text)

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self.current_table():
            self.show_row_detail()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.push_screen(IndicatorScreen(event.row_key.value))

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.current_table().focus()
        self.show_row_detail()

    # -- keys --------------------------------------------------------------------------

    def show_district(self, district: str) -> None:
        if district in self._district_ids:
            self.query_one(TabbedContent).active = f"pane-{district}"
            self.current_table().focus()
            self.show_row_detail()

    def _step_district(self, step: int) -> None:
        ids = self._district_ids
        i = ids.index(self.current_district())
        self.show_district(ids[(i + step) % len(ids)])

    def action_prev_district(self) -> None:
        self._step_district(-1)

    def action_next_district(self) -> None:
        self._step_district(1)

    def action_new_indicator(self) -> None:
        def added(ind: object) -> None:
            if ind is not None:
                district, ind_id = ind.district, ind.id  # type: ignore[attr-defined]
                self.load_district(district, select=ind_id)
                self.show_district(district)

        self.app.push_screen(NewIndicatorDialog(self.current_district()), added)

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width and self._statuses:
            self._width = event.size.width
            for d in self._district_ids:
                self.load_district(d)
            self.show_row_detail()

    def apply_language(self) -> None:
        lang = self.lang
        self.sub_title = tr("plan", lang)
        tabs = self.query_one(TabbedContent)
        for d in self._district_ids:
            tabs.get_tab(f"pane-{d}").label = district_short(d, lang)
            self.load_district(d)
        self.show_row_detail()
        super().apply_language()
