"""Search the whole plan (/ on the plan screen): every district at once, by name (zh or
en), id or department. Each hit names its district; Enter goes there with the indicator
selected.

The hits are a virtual table over the store's search, a window at a time, so a province's
plan is searched as quickly as a city's."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tracker.errors import TrackerError
from tracker.i18n import department_label, name_of
from tracker.i18n.codes import district_short
from tracker.i18n.plan_search import PLAN_SEARCH
from tracker.i18n.verdicts import verdict_label
from tracker.models import IndicatorState
from tracker.progress import SCHEDULE_VERDICTS
from tracker.ui import format as fmt
from tracker.ui.keys import localize_bindings
from tracker.ui.widgets.key_footer import KeyFooter
from tracker.ui.widgets.virtual_table import Column, VirtualTable

if TYPE_CHECKING:
    from tracker.store import Store
    from tracker.ui.app import TrackerApp

NAME_MIN = 16
DEPARTMENT_MIN, DEPARTMENT_MAX = 8, 20

# where a hit is: its district and its id
Hit = tuple[str, str]


class PlanHits(VirtualTable[IndicatorState]):
    """The plan's indicators that match `search`, in the plan's order, each with its
    district, name, department and schedule verdict."""

    BINDINGS = [
        Binding("enter", "goto_hit", "Go to", id="goto_hit"),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.search = ""
        self._department_width = DEPARTMENT_MIN
        # the departments' English names, read with the first hits shown
        self._department_names: dict[str, str] | None = None

    @property
    def tracker(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    @property
    def store(self) -> Store:
        return self.tracker.store

    @property
    def lang(self) -> str:
        return self.tracker.language

    def count_rows(self) -> int:
        try:
            return self.store.count_hits(self.search)
        except TrackerError as e:
            self.notify(e.text(self.lang), severity="error")
            return 0

    def fetch_rows(self, offset: int, limit: int) -> list[IndicatorState]:
        try:
            return self.store.hit_states(self.search, offset, limit)
        except TrackerError as e:
            self.notify(e.text(self.lang), severity="error")
            return []

    def find_index(self, key: str) -> int | None:
        try:
            return self.store.hit_index(self.search, key)
        except TrackerError as e:
            self.notify(e.text(self.lang), severity="error")
            return None

    def finds_cheaply(self) -> bool:
        return True

    def row_key(self, row: IndicatorState) -> str:
        return row.indicator.id

    def action_goto_hit(self) -> None:
        self.action_select_cursor()

    def set_search(self, text: str) -> None:
        if text == self.search:
            return
        self.search = text
        self.cursor_row = 0
        self.scroll_to(y=0, animate=False, force=True)
        self.reload(keep=None)

    def department(self, row: IndicatorState) -> str:
        if not row.indicator.department:
            return PLAN_SEARCH.text("no_department", self.lang)
        if self._department_names is None:
            self._department_names = self.store.department_names()
        return department_label(row.indicator.department, self._department_names, self.lang)

    def row_cells(self, row: IndicatorState) -> list[Text]:
        ind, lang = row.indicator, self.lang
        return [
            Text(district_short(ind.district, lang), style="bold"),
            Text(name_of(ind, lang)),
            Text(self.department(row), style="" if ind.department else "dim"),
            fmt.verdict_text(row.schedule_verdict, lang),
        ]

    def rows_fetched(self, rows: list[IndicatorState]) -> bool:
        width = min(DEPARTMENT_MAX, max([self._department_width]
                                        + [cell_len(self.department(r)) for r in rows]))
        if width == self._department_width:
            return False
        self._department_width = width
        return True

    def layout(self, width: int) -> list[Column]:
        lang = self.lang
        head = {key: PLAN_SEARCH.text(key, lang) for key in
                ("col_district", "col_indicator", "col_department", "col_schedule")}
        districts = ("industry", "culture", "ecology", "openness", "wellbeing")
        widths = {
            "col_district": max(cell_len(head["col_district"]),
                                *(cell_len(district_short(d, lang)) for d in districts)),
            "col_department": max(cell_len(head["col_department"]), self._department_width),
            "col_schedule": max(cell_len(head["col_schedule"]),
                                *(cell_len(verdict_label(v, lang))
                                  for v in (*SCHEDULE_VERDICTS, "monitoring"))),
        }
        self.gap = 2
        widths["col_indicator"] = max(NAME_MIN, width - self.line_width([0, *widths.values()]))
        return [Column(key, head[key], widths[key]) for key in
                ("col_district", "col_indicator", "col_department", "col_schedule")]


class SearchBox(Input):
    """The words searched for: ↑/↓ and PgUp/PgDn choose among the hits while typing,
    Enter goes to the one chosen."""

    BINDINGS = [
        Binding("enter", "screen.goto_hit", "Go to", id="goto_hit"),
        Binding("up", "screen.cursor_up", "Up", show=False, id="cursor_up"),
        Binding("down", "screen.cursor_down", "Down", show=False, id="cursor_down"),
        Binding("pageup", "screen.page_up", "Page up", show=False, id="page_up"),
        Binding("pagedown", "screen.page_down", "Page down", show=False, id="page_down"),
    ]


class PlanSearchDialog(ModalScreen[Hit | None]):
    """Returns the chosen hit's (district, indicator id), or None when closed."""

    DEFAULT_CSS = """
    PlanSearchDialog {
        align: center middle;
    }
    PlanSearchDialog #search-dialog {
        width: 100%;
        max-width: 120;
        height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    PlanSearchDialog #search-title {
        text-style: bold;
    }
    PlanSearchDialog #search-box {
        background: $boost;
    }
    PlanSearchDialog #search-count {
        color: $text-muted;
    }
    PlanSearchDialog #search-hits {
        height: 1fr;
    }
    PlanSearchDialog #search-detail {
        height: auto;
        max-height: 3;
        border-top: solid $primary-muted;
    }
    """
    AUTO_FOCUS = "#search-box"
    BINDINGS = [
        Binding("escape", "close_search", "Close search", id="close_search"),
    ]

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.text = text

    @property
    def lang(self) -> str:
        return cast("TrackerApp", self.app).language

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog"):
            yield Static(PLAN_SEARCH.text("title", self.lang), id="search-title")
            yield SearchBox(self.text, placeholder=PLAN_SEARCH.text("placeholder", self.lang),
                            id="search-box", compact=True)
            yield Static(id="search-count")
            yield PlanHits(id="search-hits")
            yield Static(id="search-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        for node in (self, self.query_one(SearchBox), self.hits):
            localize_bindings(node, self.lang)
        self.hits.search = self.text
        self.hits.reload(keep=None)
        self.refresh_bindings()

    @property
    def hits(self) -> PlanHits:
        return self.query_one(PlanHits)

    def show_count(self) -> None:
        lang, hits = self.lang, self.hits
        n = hits.known_count
        if n is None:
            line = PLAN_SEARCH.text("counting", lang)
        elif not hits.search:
            line = PLAN_SEARCH.text("all", lang, n=n)
        elif n == 0:
            line = PLAN_SEARCH.text("none", lang, text=hits.search)
        else:
            line = PLAN_SEARCH.text("found", lang, n=n)
        self.query_one("#search-count", Static).update(line)

    def show_detail(self) -> None:
        """The highlighted hit whole: its name, id, district and department."""
        row, lang = self.hits.current_row, self.lang
        detail = self.query_one("#search-detail", Static)
        if row is None:
            detail.update("")
            return
        ind = row.indicator
        text = Text()
        text.append(name_of(ind, lang), style="bold")
        text.append(f"  {ind.id}", style="dim")
        text.append(f" · {district_short(ind.district, lang)}")
        text.append(f" · {self.hits.department(row)}")
        detail.update(text)

    @on(Input.Changed, "#search-box")
    def _changed(self, event: Input.Changed) -> None:
        self.text = event.value
        self.hits.set_search(event.value.strip())
        self.show_count()

    @on(VirtualTable.Counted)
    def _counted(self, event: VirtualTable.Counted) -> None:
        self.show_count()

    @on(VirtualTable.RowHighlighted)
    def _highlighted(self, event: VirtualTable.RowHighlighted) -> None:
        self.show_count()
        self.show_detail()

    @on(VirtualTable.RowSelected)
    def _selected(self, event: VirtualTable.RowSelected) -> None:
        row = self.hits.current_row
        if row is not None:
            self.dismiss((row.indicator.district, row.indicator.id))

    def action_goto_hit(self) -> None:
        self.hits.action_select_cursor()

    def action_cursor_up(self) -> None:
        self.hits.action_cursor_up()

    def action_cursor_down(self) -> None:
        self.hits.action_cursor_down()

    def action_page_up(self) -> None:
        self.hits.action_page_up()

    def action_page_down(self) -> None:
        self.hits.action_page_down()

    def action_close_search(self) -> None:
        self.dismiss(None)
