"""The departments (责任单位), key 5: each with its indicators, how many lag and how many
owe values at the review year; under the table, the highlighted department's indicators
with their verdicts and the years it still owes."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from tracker.errors import TrackerError
from tracker.i18n import name_of
from tracker.i18n.codes import district_short
from tracker.i18n.punctuation import colon
from tracker.i18n.review_year import DEPARTMENTS, REVIEW_YEAR, years_text
from tracker.i18n.ui import tr
from tracker.i18n.verdicts import verdict_label
from tracker.models import DepartmentCounts, IndicatorState
from tracker.ui.dialogs.department import DepartmentDialog
from tracker.ui.format import truncate
from tracker.ui.messages import SetReviewYear
from tracker.ui.screens.base import TrackerScreen, key_footer
from tracker.ui.widgets.tables import ViTable

COLUMNS = ("title", "indicators", "lagging", "overdue", "contact")
# an English name runs long ("Kaili Branch, Qiandongnan Prefecture ..."): cut in the list,
# so the counts stay on an 80-column screen, and whole in the detail below
NAME_MAX = 36


class DepartmentsScreen(TrackerScreen):
    CSS_PATH = "departments.tcss"
    BINDINGS = [
        Binding("a", "add_department", "New", id="add_department"),
        Binding("y", "review_year", "Review year", id="review_year"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, DepartmentCounts] = {}
        self.states: dict[str, list[IndicatorState]] = {}
        self.review_year: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="dep-status", classes="section")
        yield ViTable(id="departments")
        yield Static(id="dep-detail", classes="detail")
        yield key_footer()

    def on_mount(self) -> None:
        self.sub_title = DEPARTMENTS.text("title", self.lang)
        self.load()
        self.query_one(ViTable).focus()

    def load(self) -> None:
        lang = self.lang
        try:
            found = self.store.department_counts()
            states = self.store.indicator_states()
            self.review_year = self.store.review_year()
        except TrackerError as e:
            self.notify(e.text(lang), severity="error")
            return
        self.counts = {c.department.name_zh: c for c in found}
        self.states = {}
        for st in states:
            self.states.setdefault(st.indicator.department, []).append(st)
        self.query_one(ViTable).refill(
            [(key, DEPARTMENTS.text(key, lang)) for key in COLUMNS],
            [(c.department.name_zh, [truncate(name_of(c.department, lang), NAME_MAX), c.indicators, c.lagging,
                                     c.overdue, c.department.contact])
             for c in found],
        )
        status = [DEPARTMENTS.text("count", lang, n=len(found))]
        if self.review_year is not None:
            status.append(REVIEW_YEAR.text("header", lang, year=self.review_year))
        self.query_one("#dep-status", Static).update(" · ".join(status))
        self.show_detail()

    def highlighted(self) -> str | None:
        return self.query_one(ViTable).current_key

    def show_detail(self) -> None:
        lang, name = self.lang, self.highlighted()
        detail = self.query_one("#dep-detail", Static)
        if name is None:
            detail.update(DEPARTMENTS.text("none", lang))
            return
        text = Text()
        mine = self.states.get(name, [])
        owed = [st for st in mine if st.overdue]
        text.append(name_of(self.counts[name].department, lang), style="bold")
        text.append("  ")
        text.append(DEPARTMENTS.text("owes_count", lang, n=len(owed)) if owed
                    else DEPARTMENTS.text("owes_nothing", lang),
                    style="bold red" if owed else "dim")
        for st in mine:
            text.append("\n")
            text.append(f"{name_of(st.indicator, lang)}", style="bold" if st.overdue else "")
            text.append(f" ({district_short(st.indicator.district, lang)})", style="dim")
            # named, as two bare verdicts side by side do not say which reading is which
            sep = colon(lang)
            text.append(f" · {tr('col_schedule', lang)}{sep}"
                        f"{verdict_label(st.schedule_verdict, lang)}"
                        f" · {tr('col_growth', lang)}{sep}"
                        f"{verdict_label(st.growth_verdict, lang)}")
            if st.overdue:
                text.append(" · " + REVIEW_YEAR.text(
                    "overdue_years", lang, years=years_text(st.overdue, lang)), style="red")
        detail.update(text)

    def refresh_data(self) -> None:
        self.load()

    def apply_language(self) -> None:
        self.sub_title = DEPARTMENTS.text("title", self.lang)
        self.load()
        super().apply_language()

    def action_add_department(self) -> None:
        def added(result: object) -> None:
            if result is not None:
                self.load()

        self.app.push_screen(DepartmentDialog(), added)

    def action_review_year(self) -> None:
        self.post_message(SetReviewYear())

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()
