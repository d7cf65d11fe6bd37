"""Tables and lists that move with vi keys as well as the arrows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, OptionList

from tracker import plan_text
from tracker.errors import TrackerError
from tracker.i18n import name_of
from tracker.i18n.ui import tr
from tracker.i18n.verdicts import verdict_label
from tracker.models import IndicatorState
from tracker.progress import GROWTH_VERDICTS, SCHEDULE_VERDICTS, UNJUDGED
from tracker.ui import format as fmt
from tracker.ui.widgets.virtual_table import Column, VirtualTable

if TYPE_CHECKING:
    from tracker.store import Store
    from tracker.ui.app import TrackerApp

VI_KEYS = [
    Binding("j", "cursor_down", "Down", show=False, id="cursor_down"),
    Binding("k", "cursor_up", "Up", show=False, id="cursor_up"),
]


class ViTable(DataTable):
    """A row-cursor table: ↑/↓ or j/k move, g/G top and bottom."""

    BINDINGS = [
        *VI_KEYS,
        Binding("g", "scroll_top", "Top", show=False, id="scroll_top"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="scroll_bottom"),
        Binding("enter", "select_cursor", "Select", show=False, id="select_cursor"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def action_open(self) -> None:
        self.action_select_cursor()

    def refill(
        self, columns: Sequence[tuple[str, str]], rows: Sequence[tuple[str, Sequence[object]]]
    ) -> None:
        """Every column (key, header) and row (key, cells) anew, the cursor kept on its row
        if that is still here. Each column is as wide as its widest cell, measured here:
        left to the table, widths are measured when it is next idle, and a frame drawn
        before that (a busy machine) kept every column cut to its header."""
        keep = self.current_key
        self.clear(columns=True)
        for i, (key, header) in enumerate(columns):
            width = max([cell_len(header)] + [cell_len(str(cells[i])) for _, cells in rows])
            self.add_column(header, key=key, width=width)
        for key, cells in rows:
            self.add_row(*cells, key=key)
        self.move_to(keep)

    def move_to(self, key: str | None) -> None:
        """Put the cursor on the row with this key, if there is one."""
        if key is None:
            return
        try:
            self.move_cursor(row=self.get_row_index(key))
        except Exception:  # the row is gone (filtered out, retired)
            return


class FigureTable(ViTable):
    """The achievements of a theme: ← (h) goes back to the themes."""

    BINDINGS = [
        Binding("enter", "open", "Open", id="open"),
        Binding("left,h", "screen.focus_themes", "Themes", show=False, id="focus_themes"),
        Binding("shift+left", "scroll_left", "Left", show=False, id="scroll_left"),
        Binding("shift+right", "scroll_right", "Right", show=False, id="scroll_right"),
    ]


class ViList(OptionList):
    """A list: ↑/↓ or j/k move, g/G first and last."""

    BINDINGS = [
        *VI_KEYS,
        Binding("g", "first", "First", show=False, id="first"),
        Binding("G", "last", "Last", show=False, id="last"),
    ]


class ThemeList(ViList):
    """The themes: → (l) or Enter goes to the figures."""

    BINDINGS = [
        Binding("right,l", "screen.focus_figures", "Figures", show=False, id="focus_figures"),
    ]


class ScrollPane(VerticalScroll):
    """A focusable text pane: ↑/↓ or j/k scroll, Esc goes back."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="scroll_down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="scroll_up"),
        Binding("g", "scroll_home", "Top", show=False, id="scroll_home"),
        Binding("G", "scroll_end", "Bottom", show=False, id="scroll_end"),
    ]


PLAN_COLUMNS = (
    "col_indicator",
    "col_schedule",
    "col_growth",
    "col_progress",
    "col_baseline",
    "col_latest",
    "col_target",
    "col_unit",
)
NAME_MIN, NAME_WANT, NAME_MAX = 16, 22, 60
VALUE_MIN, VALUE_MAX = 12, 22
UNIT_MIN, UNIT_MAX = 4, 12


class IndicatorTable(VirtualTable[IndicatorState]):
    """A district's indicators, a window at a time from the store's cached verdicts.
    ←/→ (h/l) go to the neighbouring district."""

    BINDINGS = [
        Binding("enter", "open", "Open", id="open"),
        Binding("left,h", "screen.prev_district", "Prev district", show=False, id="prev_district"),
        Binding("right,l", "screen.next_district", "Next district", show=False, id="next_district"),
        Binding("shift+left", "scroll_left", "Left", show=False, id="scroll_left"),
        Binding("shift+right", "scroll_right", "Right", show=False, id="scroll_right"),
    ]

    def __init__(
        self, district: str, *, id: str | None = None, classes: str | None = None  # noqa: A002
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.district = district
        # the widest value and unit seen in a fetched window: columns only ever widen
        self._value_width = VALUE_MIN
        self._unit_width = UNIT_MIN
        # a fetched row's verdicts carry the mark of a suspect baseline: one cell more
        self._marked = False
        self._bar = fmt.BAR_WIDTH
        # the verdicts the district has (from the store's counts): their labels set the
        # verdict columns' widths; None: every verdict
        self._verdicts: tuple[frozenset[str], frozenset[str]] | None = None

    @property
    def tracker(self) -> TrackerApp:
        return cast("TrackerApp", self.app)

    @property
    def store(self) -> Store:
        return self.tracker.store

    @property
    def lang(self) -> str:
        return self.tracker.language

    # -- rows from the store -----------------------------------------------------------

    def count_rows(self) -> int:
        try:
            return self.store.count_indicators(self.district)
        except TrackerError as e:
            self.notify(e.text(self.lang), severity="error")
            return 0

    def fetch_rows(self, offset: int, limit: int) -> list[IndicatorState]:
        try:
            return self.store.indicator_states(self.district, offset=offset, limit=limit)
        except TrackerError as e:
            self.notify(e.text(self.lang), severity="error")
            return []

    def find_index(self, key: str) -> int | None:
        # the store says where a row is without reading the list
        try:
            return self.store.indicator_index(self.district, "", key)
        except TrackerError as e:
            self.notify(e.text(self.lang), severity="error")
            return None

    def finds_cheaply(self) -> bool:
        return True

    def row_key(self, row: IndicatorState) -> str:
        return row.indicator.id

    def set_verdicts(self, schedule: frozenset[str], growth: frozenset[str]) -> None:
        """The verdicts found in the district: the verdict columns need room for no others."""
        if self._verdicts != (schedule, growth):
            self._verdicts = (schedule, growth)
            self.relayout()

    # -- how rows look -----------------------------------------------------------------

    def row_cells(self, row: IndicatorState) -> list[Text]:
        ind, lang = row.indicator, self.lang
        schedule = fmt.verdict_text(row.schedule_verdict, lang)
        growth = fmt.verdict_text(row.growth_verdict, lang)
        if plan_text.flagged(row):
            # both verdicts rest on a suspect baseline: each says so where it is read
            schedule.append(plan_text.mark(row), style="bold red")
            growth.append(plan_text.mark(row), style="bold red")
        return [
            Text(name_of(ind, lang)),
            schedule,
            growth,
            fmt.progress_bar(row.progress_share, self._bar),
            Text(plan_text.baseline_cell(row)),
            Text(plan_text.latest_cell(row, lang)),
            Text(plan_text.target_cell(ind, lang)),
            Text(ind.unit),
        ]

    def rows_fetched(self, rows: list[IndicatorState]) -> bool:
        values, units, lang = self._value_width, self._unit_width, self.lang
        marked = self._marked
        for st in rows:
            ind = st.indicator
            units = max(units, cell_len(ind.unit))
            values = max(
                values,
                cell_len(plan_text.baseline_cell(st)),
                cell_len(plan_text.target_cell(ind, lang)),
                cell_len(plan_text.latest_cell(st, lang)),
            )
            marked = marked or plan_text.flagged(st)
        values, units = min(values, VALUE_MAX), min(units, UNIT_MAX)
        if (values, units, marked) == (self._value_width, self._unit_width, self._marked):
            return False
        self._value_width, self._unit_width, self._marked = values, units, marked
        return True

    def layout(self, width: int) -> list[Column]:
        """Every column but the name has a width known in advance (the labels of the
        district's verdicts, a progress bar, the widest values and units fetched so far);
        the name takes what is left, within NAME_MIN..NAME_MAX. Too narrow a screen
        scrolls sideways (shift+←/→)."""
        lang = self.lang
        head = {key: tr(key, lang) for key in PLAN_COLUMNS}

        def at_least(key: str, width: int) -> int:
            return max(cell_len(head[key]), width)

        def labels(codes: tuple[str, ...], found: frozenset[str] | None) -> int:
            codes = tuple(c for c in codes if found is None or c in found)
            widest = max((cell_len(verdict_label(c, lang)) for c in codes), default=0)
            return widest + len("!") if self._marked else widest

        schedule, growth = self._verdicts or (None, None)
        widths = {
            # rows not judged (monitoring, a target to be set) show their word there too
            "col_schedule": at_least("col_schedule",
                                     labels((*SCHEDULE_VERDICTS, *UNJUDGED), schedule)),
            "col_growth": at_least("col_growth", labels((*GROWTH_VERDICTS, *UNJUDGED), growth)),
            "col_baseline": at_least("col_baseline", self._value_width),
            "col_latest": at_least("col_latest", self._value_width),
            "col_target": at_least("col_target", self._value_width),
            "col_unit": at_least("col_unit", self._unit_width),
        }
        # narrower, step by step, until the name has room: columns one cell apart
        # instead of two, then a shorter progress bar; else the table scrolls sideways
        for gap, bar in ((2, fmt.BAR_WIDTH), (1, fmt.BAR_WIDTH), (1, fmt.BAR_WIDTH // 2)):
            self.gap, self._bar = gap, bar
            # "████░░░░ -150%": a value that fell back past the baseline keeps its sign and digits
            widths["col_progress"] = at_least("col_progress", bar + 1 + fmt.FIGURE_WIDTH)
            name = width - self.line_width([0, *widths.values()])
            if name >= NAME_WANT:
                break
        widths["col_indicator"] = max(NAME_MIN, min(NAME_MAX, name))
        return [Column(key, head[key], widths[key],
                       cut="middle" if key == "col_indicator" else "end")
                for key in PLAN_COLUMNS]
