"""The plan: the five districts, each with its indicators and both verdicts.

Sized for a province as well as a city: each district's table is virtual (rows come from
the store a window at a time, with the verdicts the store keeps in SQL), and the verdict
counts of the summary lines are one SQL query — on a thread of its own, with its own
connection, when the plan is large enough for it to take a moment.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Header, Static, TabbedContent, TabPane

from tracker import plan_text
from tracker import status as report_status
from tracker.errors import TrackerError
from tracker.gc_pause import drawn
from tracker.i18n import department_label, name_of
from tracker.i18n.codes import choice, district_short
from tracker.i18n.plan_rows import PLAN_ROWS
from tracker.i18n.punctuation import comma
from tracker.i18n.review_year import REVIEW_YEAR, years_text
from tracker.i18n.ui import tr
from tracker.i18n.verdicts import verdict_label
from tracker.models import Indicator, IndicatorState
from tracker.progress import GROWTH_VERDICTS
from tracker.store import Store
from tracker.ui.lazy import loaded
from tracker.ui.screens.base import key_footer
from tracker.ui.screens.indicator_actions import INDICATOR_BINDINGS, IndicatorActions
from tracker.ui.screens.indicator_upkeep import RETIRED_BINDINGS
from tracker.ui.widgets.status import status_block
from tracker.ui.widgets.tables import PLAN_COLUMNS, IndicatorTable
from tracker.ui.widgets.virtual_table import VirtualTable

if TYPE_CHECKING:
    from tracker.ui.dialogs.plan_search import Hit

COLUMNS = PLAN_COLUMNS

# how long after the first frame the indicator's screen and its chart's library are
# loaded (see _prepare): the first frame waits for neither
PRELOAD_AFTER_S = 1.0

COUNT_IN_THREAD = 5_000
"""From this many indicators on, the verdict counts are taken in a worker thread."""

Counts = dict[str, dict[str, dict[str, int]]]


class CountingThread:
    """One thread with its own Store, for the verdict counts of a large plan.

    A Store belongs to the thread that opened it; this one is opened once and kept, so a
    recount opens no new connection (opening a Store writes to the file, which every
    live view would take for another planner's commit). Requests made while a count
    runs are served by one more count after it."""

    def __init__(self, db_path: Path, actor: str) -> None:
        self._path, self._actor = db_path, actor
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plan-counts")
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._running = False
        self._again = False

    @property
    def busy(self) -> bool:
        return self._running

    def request(self, done: Callable[[Counts | TrackerError], None]) -> None:
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        self._pool.submit(self._count, done)

    def _count(self, done: Callable[[Counts | TrackerError], None]) -> None:
        while True:
            try:
                if self._store is None:
                    self._store = Store(self._path, actor=self._actor)
                result: Counts | TrackerError = self._store.verdict_counts()
            except TrackerError as e:
                result = e
            with self._lock:
                again, self._again = self._again, False
            if not again:
                done(result)
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def close(self) -> None:
        self._pool.submit(self._close_store)
        self._pool.shutdown(wait=False)


class PlanScreen(IndicatorActions):
    # plan.tcss, read as the screen's default CSS: a CSS_PATH would have Textual parse
    # every stylesheet of the app once more as the screen starts
    DEFAULT_CSS = (Path(__file__).parent / "plan.tcss").read_text(encoding="utf-8")
    BINDINGS = [
        *INDICATOR_BINDINGS,
        *RETIRED_BINDINGS,
        Binding("n", "new_indicator", "New", id="new_indicator"),
        Binding("slash", "search", "Search", id="search"),
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
        self._district_ids: list[str] = []
        self._counts: Counts | None = None
        self._stale: set[str] = set()  # districts to reload when next shown
        self._tolerance: float | None = None
        # the departments' English names, read with the first detail shown after a load
        self._department_names: dict[str, str] | None = None
        self.search_text = ""  # the last search of the whole plan, offered again
        self._started = False
        self._counter: CountingThread | None = None
        self._large: bool | None = None  # whether the counts are taken on their thread
        # Textual's auto-focus, as the screen is built, would take the first focusable
        # widget (the district tabs), which on_mount then passes on to the table: each
        # focus change restyles the tabs before the first frame. Until mounted it takes
        # the first district's table (the one shown), then it is the app's again.
        self.AUTO_FOCUS = "IndicatorTable"  # type: ignore[misc]

    def compose(self) -> ComposeResult:
        yield Header()
        districts = self.store.districts()
        self._district_ids = [d.id for d in districts]
        with TabbedContent(id="districts"):
            for d in districts:
                with TabPane(district_short(d.id, self.lang), id=f"pane-{d.id}"):
                    yield Static(" ", id=f"summary-{d.id}", classes="summary")
                    yield IndicatorTable(d.id, id=f"table-{d.id}", classes="indicators")
        yield Static(id="row-detail")
        yield key_footer()

    def on_mount(self) -> None:
        vars(self).pop("AUTO_FOCUS", None)  # the class's again (None: the app's) from now
        self.sub_title = tr("plan", self.lang)
        self.current_table().focus()
        # the rows first: the counts and the detail strip follow the first frame
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        drawn()
        self._started = True
        self.load_counts()
        self.show_row_detail()
        self.set_timer(PRELOAD_AFTER_S, self._prepare)

    def _prepare(self) -> None:
        """While the planner reads the plan: the indicator's screen and its chart's
        library, and (for a province's plan) the copy the search across the plan
        filters, each read on a thread."""
        loaded("screens.indicator:preload_chart")()
        # on a refusal the search asks the plan's own query, and says what is wrong then
        with suppress(TrackerError):
            self.store.prepare_plan_search()

    @property
    def ready(self) -> bool:
        """The current district's table has painted its first rows."""
        return self.current_table().painted

    # -- data --------------------------------------------------------------------------

    def table_of(self, district: str) -> IndicatorTable:
        return self.query_one(f"#table-{district}", IndicatorTable)

    def load_counts(self) -> None:
        """The verdict counts of every district, from SQL: at once for a city's plan, on
        the counting thread for a province's (the summaries keep what they said, or say
        "counting", meanwhile)."""
        self._tolerance = None
        self._department_names = None
        try:
            if self._large is None:
                # a rough size, once: the district on screen (counted anyway) × districts
                estimate = self.current_table().row_count * len(self._district_ids)
                self._large = estimate >= COUNT_IN_THREAD
            if not self._large:
                self._counts = self.store.verdict_counts()
                self.show_summaries()
                return
        except TrackerError as e:
            self.notify(e.text(self.lang), severity="error")
            return
        if self._counts is None:
            self.show_summaries()
        if self._counter is None:
            self._counter = CountingThread(self.tracker.db_path, self.tracker.actor)
        self._counter.request(self._counts_from_thread)

    class CountsReady(Message):
        def __init__(self, counts: Counts | TrackerError) -> None:
            super().__init__()
            self.counts = counts

    def _counts_from_thread(self, counts: Counts | TrackerError) -> None:
        """Called on the counting thread: hands the counts to the app's (never waits)."""
        with suppress(RuntimeError):  # the app has closed meanwhile
            self.post_message(self.CountsReady(counts))

    def on_plan_screen_counts_ready(self, message: CountsReady) -> None:
        counts = message.counts
        if isinstance(counts, TrackerError):
            self.notify(counts.text(self.lang), severity="error")
            return
        self._counts = counts
        self.show_summaries()

    @property
    def counting(self) -> bool:
        """The counting thread is at work."""
        return self._counter is not None and self._counter.busy

    def on_unmount(self) -> None:
        if self._counter is not None:
            self._counter.close()
            self._counter = None

    def show_summaries(self) -> None:
        for d in self._district_ids:
            self.show_summary(d)

    def show_summary(self, district: str) -> None:
        lang, table = self.lang, self.table_of(district)
        summary = self.query_one(f"#summary-{district}", Static)
        if self._counts is None:
            summary.update(tr("counting", lang))
            return
        counts = self._counts.get(district, {"schedule": {}, "growth": {}})
        schedule, growth = Counter(counts["schedule"]), Counter(counts["growth"])
        table.set_verdicts(
            frozenset(v for v, k in schedule.items() if k),
            frozenset(v for v, k in growth.items() if k),
        )
        n = sum(schedule.values())
        sep = comma(lang)
        line = tr(
            "summary",
            lang,
            n=n,
            schedule=report_status.rollup_line(
                {"schedule": schedule, "overdue": Counter(counts.get("overdue", {}))}, lang),
            growth=sep.join(
                f"{verdict_label(v, lang)} {growth[v]}"
                for v in GROWTH_VERDICTS
                if growth[v]
            ) or "—",  # no row judged yet: every target still to be set
        )
        if not n:
            summary.update(tr("no_indicators", lang))
            return
        # of all the district's indicators, both verdicts alike: after both counts
        flagged = counts.get("flagged", {}).get("flagged", 0)
        if flagged:
            line += " · " + PLAN_ROWS.text("flagged_count", lang, n=flagged)
        summary.update(line)

    def refresh_data(self) -> None:
        """Someone saved: read the counts and the rows on screen again, the cursor staying
        on the same indicator while it is still listed. Tables not on screen reload when
        they are next shown."""
        current = self.current_district()
        self._stale.update(d for d in self._district_ids if d != current)
        self.current_table().reload()
        self.load_counts()
        self.show_row_detail()

    def refresh_district(self, district: str, indicator_id: str | None = None) -> None:
        if district not in self._district_ids:
            return
        table = self.table_of(district)
        if district == self.current_district():
            table.reload(keep=indicator_id or True)
            self.show_row_detail()
        else:
            self._stale.add(district)
        self.load_counts()

    # -- what is selected --------------------------------------------------------------

    def current_district(self) -> str:
        active = self.query_one(TabbedContent).active
        return active.removeprefix("pane-") if active else self._district_ids[0]

    def current_table(self) -> IndicatorTable:
        return self.table_of(self.current_district())

    def current_indicator_id(self) -> str | None:
        return self.current_table().current_key

    def current_state(self) -> IndicatorState | None:
        return self.current_table().current_row

    def show_row_detail(self) -> None:
        detail = self.query_one("#row-detail", Static)
        row, lang = self.current_state(), self.lang
        if row is None:
            detail.update("")
            return
        ind = row.indicator
        try:
            # one indicator's values, for the reasons behind its verdicts
            if self._tolerance is None:
                self._tolerance = self.store.tolerance()
            st = report_status.indicator_status(ind, self.store.measurements(ind.id),
                                                self._tolerance,
                                                review_year=self.store.review_year())
        except TrackerError as e:
            detail.update(e.text(lang))
            return
        text = Text()
        text.append(name_of(ind, lang), style="bold")
        text.append(f"  {ind.id}", style="dim")
        if ind.department:
            if self._department_names is None:
                self._department_names = self.store.department_names()
            dept = department_label(ind.department, self._department_names, lang)
            text.append(f" · {tr('department', lang)} {dept}", style="dim")
        text.append(
            f" · {choice('direction', ind.direction, lang)}"
            f" · {choice('attribute', ind.attribute, lang)}"
            f" · {choice('target_type', ind.target_type, lang)}",
            style="dim",
        )
        text.append("\n")
        # the cached row: it holds the baseline's flags and the year's target as well
        state = row
        text.append(plan_text.figures(state, lang))
        if st.overdue:
            # on the figures' line: the strip is short, and the department is named above
            text.append(" · " + REVIEW_YEAR.text("overdue_years", lang,
                                                 years=years_text(st.overdue, lang)),
                        style="bold red")
        text.append("\n")
        text.append_text(status_block(st, lang))
        for line in plan_text.detail_lines(state, lang):
            text.append("\n" + line)
        if plan_text.flagged(state):
            # the mark on both verdicts in the table, its reason here
            text.append("\n" + plan_text.flag_line(state, lang), style="bold red")
        detail.update(text)

    @on(VirtualTable.RowHighlighted)
    def _row_highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        if event.table is self.current_table():
            self.show_row_detail()

    @on(VirtualTable.RowSelected)
    def _row_selected(self, event: VirtualTable.RowSelected) -> None:
        self.app.push_screen(loaded("screens.indicator:IndicatorScreen")(event.key))

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._district_shown()

    def _district_shown(self) -> None:
        district, table = self.current_district(), self.current_table()
        if not self._started:  # before the first frame: _after_first_frame follows it
            table.focus()
            return
        if district in self._stale:
            table.reload()
        self._stale.discard(district)
        table.focus()
        self.show_row_detail()

    # -- search ------------------------------------------------------------------------

    def action_search(self) -> None:
        """Every district searched at once; the hit chosen is shown in its district."""

        def chosen(hit: Hit | None) -> None:
            self.search_text = dialog.text
            if hit is not None:
                self.show_hit(*hit)

        dialog = loaded("dialogs.plan_search:PlanSearchDialog")(self.search_text)
        self.app.push_screen(dialog, chosen)

    def show_hit(self, district: str, indicator_id: str) -> None:
        self.show_district(district)
        table = self.current_table()
        table.move_to(indicator_id)
        table.focus()
        self.show_row_detail()

    # -- keys --------------------------------------------------------------------------

    def show_district(self, district: str) -> None:
        if district in self._district_ids:
            self.query_one(TabbedContent).active = f"pane-{district}"
            self._district_shown()

    def _step_district(self, step: int) -> None:
        ids = self._district_ids
        i = ids.index(self.current_district())
        self.show_district(ids[(i + step) % len(ids)])

    def action_prev_district(self) -> None:
        self._step_district(-1)

    def action_next_district(self) -> None:
        self._step_district(1)

    def action_new_indicator(self) -> None:
        def added(ind: Indicator | None) -> None:
            if ind is not None:
                self._show_indicator(ind)

        self.app.push_screen(loaded("dialogs.new_indicator:NewIndicatorDialog")(
            self.current_district()), added)

    def _show_indicator(self, ind: Indicator) -> None:
        """An indicator new to the plan (added, or brought back), under the cursor."""
        district, ind_id = ind.district, ind.id
        self.show_district(district)
        table = self.table_of(district)
        table.reload()
        table.move_to(ind_id)
        self.load_counts()
        self.show_row_detail()

    def restored(self, ind: Indicator) -> None:
        super().restored(ind)
        self._show_indicator(ind)

    def apply_language(self) -> None:
        lang = self.lang
        self.sub_title = tr("plan", lang)
        tabs = self.query_one(TabbedContent)
        for d in self._district_ids:
            tabs.get_tab(f"pane-{d}").label = district_short(d, lang)
            self.table_of(d).relayout()
        self.show_summaries()
        self.show_row_detail()
        super().apply_language()
