"""A table for lists of any length: only the rows on screen are ever fetched.

`VirtualTable` is a Line API widget (a ScrollView that paints each line itself). It knows
how many rows there are (`count_rows`) and asks for a window of them at a time
(`fetch_rows(offset, limit)`): the rows on screen plus a margin, kept until the view
moves out of them or `reload()` forgets them. The count waits too: a window that comes
back short gives it, else it is taken just after the first rows are painted. Column
widths are fixed by `layout(width)` from the space available — never by measuring every
cell — and each cell is cut to its column's width in terminal cells, so wide (CJK)
characters line up.

One module, though long: the window cache, the count and the painting share the same
state, and splitting them would open that state to other modules.

Subclasses say where rows come from and how they look; this module knows nothing of the
tracker's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import perf_counter
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.text_format import middle_cut

RowT = TypeVar("RowT")

MARGIN = 30
"""Rows fetched beyond each edge of the screen, so a few moves need no new query."""

MAX_FETCH = 200
"""The most rows one fetch asks for (unless the screen itself is taller)."""

SCAN_LIMIT = 5_000
"""How far `find_index` reads a list that cannot say where a row is."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    justify: str = "left"  # or "right"
    # where a cell too long for the column is cut: its end, or its middle (a name whose
    # start is shared by its neighbours stays told apart by its end)
    cut: str = "end"


class VirtualTable(ScrollView, Generic[RowT], can_focus=True):
    """A row-cursor table over a window of a long list: ↑/↓ or j/k, g/G, PgUp/PgDn, Enter."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("up,k", "cursor_up", "Up", show=False, id="cursor_up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page_down"),
        Binding("home,g", "scroll_top", "Top", show=False, id="scroll_top"),
        Binding("end,G", "scroll_bottom", "Bottom", show=False, id="scroll_bottom"),
        Binding("enter", "select_cursor", "Open", id="select_cursor"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--even-row",
    }

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        &:focus {
            background-tint: $foreground 5%;
            & > .virtual-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .virtual-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark {
            & > .virtual-table--even-row {
                background: $surface-darken-1 40%;
            }
        }
        & > .virtual-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .virtual-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .virtual-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class _TableMessage(Message):
        """A message from one table; `@on(..., "#id")` matches it by that table."""

        def __init__(self, table: VirtualTable[Any]) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> VirtualTable[Any]:
            return self.table

    class RowHighlighted(_TableMessage):
        """The cursor moved to another row (or the rows under it changed)."""

        def __init__(self, table: VirtualTable[Any], row: int, key: str | None) -> None:
            super().__init__(table)
            self.row = row
            self.key = key

    class RowSelected(_TableMessage):
        """Enter (or a click on the cursor row) chose a row."""

        def __init__(self, table: VirtualTable[Any], row: int, key: str) -> None:
            super().__init__(table)
            self.row = row
            self.key = key

    class Counted(_TableMessage):
        """The rows have been counted (after a reload, possibly a frame later)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.cursor_row = 0
        self.columns: list[Column] = []
        self._count: int | None = None
        self._count_pending = False
        self._start = 0  # the window: rows [_start, _start + len(_rows))
        self._rows: list[RowT] = []
        self._lines: dict[tuple[int, bool], Strip] = {}  # row index, cursor → painted line
        self._header: Strip | None = None
        self._styles: tuple[Style, Style, Style, Style] | None = None
        self._combined: dict[tuple[Any, Style, Style | None], Style] = {}
        self._layout_width = -1
        self.gap = 2
        self.painted = False
        """True once the table has painted rows on screen (or found it has none)."""
        self.painted_at: float | None = None
        """When it first did (time.perf_counter): start-up is measured to here."""
        self.paint_count = 0

    # -- what subclasses provide -------------------------------------------------------

    def count_rows(self) -> int:
        raise NotImplementedError

    def fetch_rows(self, offset: int, limit: int) -> list[RowT]:
        raise NotImplementedError

    def row_key(self, row: RowT) -> str:
        raise NotImplementedError

    def row_cells(self, row: RowT) -> list[Text]:
        raise NotImplementedError

    def layout(self, width: int) -> list[Column]:
        """The columns for this many cells of width: a line is one cell of margin, the
        columns `gap` cells apart, and one cell of margin (see `line_width`)."""
        raise NotImplementedError

    def find_index(self, key: str) -> int | None:
        """Where the row with this key is, when it is not near the cursor (None: not
        found). This default reads the first SCAN_LIMIT rows a window at a time and gives
        up beyond: a subclass should ask its source instead."""
        total = min(self.row_count, SCAN_LIMIT)
        for start in range(0, total, MAX_FETCH):
            for i, row in enumerate(self.fetch_rows(start, MAX_FETCH)):
                if self.row_key(row) == key:
                    return start + i
        return None

    def rows_fetched(self, rows: list[RowT]) -> bool:
        """Called with each new window; True if a column must be wider for it."""
        return False

    # -- the rows ----------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows there are (counted now if the windows have not told yet)."""
        if self._count is None:
            self._set_count(self.count_rows())
        return self._count  # type: ignore[return-value]

    @property
    def known_count(self) -> int | None:
        return self._count

    def _set_count(self, count: int) -> None:
        self._count = max(0, count)
        if self.cursor_row >= self._count:
            self.cursor_row = max(0, self._count - 1)
        self._update_virtual_size()

    def _count_after_frame(self) -> None:
        self._count_pending = False
        if self._count is None:
            self.row_count  # noqa: B018 — counts, sizes the scroll bar
            self.refresh()
            self.post_message(self.Counted(self))

    def _ensure(self, first: int, end: int) -> None:
        """Make rows [first, end) available, fetching one window around them if not.

        Until the rows are counted, a window that comes back short says where the list
        ends; else the count is taken after the frame is painted, so the first rows show
        without waiting for it."""
        total = self._count
        first = max(0, first)
        if total is not None:
            end = min(end, total)
        if first >= end or (self._start <= first and end <= self._start + len(self._rows)):
            return
        span = end - first
        margin = max(0, min(MARGIN, (MAX_FETCH - span) // 2))
        start = max(0, first - margin)
        stop = end + margin if total is None else min(total, end + margin)
        self._rows = self.fetch_rows(start, stop - start)
        self._start = start
        self._lines.clear()
        if total is None:
            if len(self._rows) < stop - start and (self._rows or start == 0):
                self._set_count(start + len(self._rows))
                self.post_message(self.Counted(self))
            else:
                self._update_virtual_size()
                if not self._count_pending:
                    self._count_pending = True
                    self.call_after_refresh(self._count_after_frame)
        if self._rows and self.rows_fetched(self._rows):
            self._relayout(force=True)

    def row_at(self, index: int) -> RowT | None:
        if index < 0 or (self._count is not None and index >= self._count):
            return None
        i = index - self._start
        if not 0 <= i < len(self._rows):
            self._ensure(index - MARGIN, index + MARGIN)
            i = index - self._start
        return self._rows[i] if 0 <= i < len(self._rows) else None

    def held_key(self, index: int) -> str | None:
        """The key of row `index` if it is in the window (never fetches)."""
        i = index - self._start
        return self.row_key(self._rows[i]) if 0 <= i < len(self._rows) else None

    def is_row_visible(self, index: int) -> bool:
        top = round(self.scroll_y)
        return top <= index < top + self._page()

    @property
    def current_row(self) -> RowT | None:
        return self.row_at(self.cursor_row)

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor."""
        row = self.current_row
        return None if row is None else self.row_key(row)

    def index_of(self, key: str, anywhere: bool = True) -> int | None:
        """The row index of `key`: looked for in the window, around the cursor, at the
        end (where new rows go), then — if `anywhere` — by `find_index`."""
        total = self.row_count
        if not total:
            return None
        for first, end in (
            (0, 0),  # the window as it is
            (self.cursor_row - MAX_FETCH // 2, self.cursor_row + MAX_FETCH // 2),
            (total - MAX_FETCH, total),
        ):
            if first < end:
                self._ensure(first, end)
            for i, row in enumerate(self._rows):
                if self.row_key(row) == key:
                    return self._start + i
        if anywhere or self.finds_cheaply():
            return self.find_index(key)
        return None

    def finds_cheaply(self) -> bool:
        """Whether `find_index` answers without reading the list."""
        return False

    def reload(self, keep: str | None | bool = True) -> None:
        """Forget the count and the window (the data changed) and repaint. The cursor stays
        on the row `keep` (True: the current one) if it is still there, else it stays at
        the same place."""
        key = self.current_key if keep is True else keep or None
        self._count = None
        self._rows, self._start = [], 0
        self._relayout(force=True)
        index = self.index_of(key, anywhere=False) if key is not None else None
        if index is not None:
            self.cursor_row = index
        else:  # the same place; the window around it may say how many rows there are
            self._ensure(self.cursor_row - MARGIN, self.cursor_row + MARGIN)
            if self._count is not None or not self._rows:
                self.cursor_row = min(self.cursor_row, max(0, self.row_count - 1))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.RowHighlighted(self, self.cursor_row, self.current_key))

    def move_to(self, key: str | None) -> bool:
        """Put the cursor on the row with this key, if there is one."""
        if key is None:
            return False
        index = self.index_of(key)
        if index is None:
            return False
        self.move_cursor(index)
        return True

    # -- the cursor --------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        total = self.row_count
        row = max(0, min(row, total - 1)) if total else 0
        old, self.cursor_row = self.cursor_row, row
        self._scroll_to_cursor()
        if old != row:
            self._refresh_row(old)
            self._refresh_row(row)
            self.post_message(self.RowHighlighted(self, row, self.current_key))

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        page = self._page()
        top = round(self.scroll_y)
        row = self.cursor_row
        if row < top:
            y = row
        elif row >= top + page:
            y = row - page + 1
        else:
            return
        self.scroll_to(y=y, animate=False, force=True)

    def _refresh_row(self, index: int) -> None:
        self._lines.pop((index, True), None)
        self._lines.pop((index, False), None)
        self.refresh_line(index + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        page = self._page()
        self.scroll_to(y=max(0, round(self.scroll_y) - page), animate=False, force=True)
        self.move_cursor(self.cursor_row - page)

    def action_page_down(self) -> None:
        page = self._page()
        self.scroll_to(y=round(self.scroll_y) + page, animate=False, force=True)
        self.move_cursor(self.cursor_row + page)

    def action_scroll_top(self) -> None:
        self.move_cursor(0)

    def action_scroll_bottom(self) -> None:
        self.move_cursor(self.row_count - 1)

    def action_select_cursor(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(self.RowSelected(self, self.cursor_row, key))

    def action_open(self) -> None:
        self.action_select_cursor()

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = round(self.scroll_y) + offset.y - 1
        if row >= self.row_count:
            return
        event.stop()
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.move_cursor(row)

    # -- painting ----------------------------------------------------------------------

    def _available_width(self) -> int:
        return max(0, self.size.width - self.styles.scrollbar_size_vertical)

    def _relayout(self, force: bool = False) -> None:
        width = self._available_width()
        if width == self._layout_width and not force:
            return
        self._layout_width = width
        self.columns = self.layout(width)
        self._forget_paint()
        self._update_virtual_size()

    def relayout(self) -> None:
        """Recompute the columns (the language or a column's width changed) and repaint."""
        self._relayout(force=True)
        self.refresh()

    def line_width(self, widths: list[int] | None = None) -> int:
        widths = [c.width for c in self.columns] if widths is None else widths
        return sum(widths) + self.gap * max(0, len(widths) - 1) + 2

    def _update_virtual_size(self) -> None:
        width = self.line_width()
        rows = self._start + len(self._rows) if self._count is None else self._count
        height = rows + 1
        if self.virtual_size != Size(width, height):
            self.virtual_size = Size(width, height)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._scroll_to_cursor()

    def on_mount(self) -> None:
        self._relayout(force=True)

    def _forget_paint(self, styles: bool = False) -> None:
        """Forget the painted lines (and, when the styles changed, the styles)."""
        self._lines.clear()
        self._header = None
        if styles:
            self._styles = None
            self._combined.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_paint(styles=True)

    def on_focus(self, event: events.Focus) -> None:
        self._forget_paint(styles=True)
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self._forget_paint(styles=True)
        self.refresh()

    def _row_styles(self) -> tuple[Style, Style, Style, Style]:
        """base, header, even row, cursor: read once per change of style or focus."""
        if self._styles is None:
            base = self.rich_style
            self._styles = (
                base,
                base + self.get_component_rich_style("virtual-table--header"),
                base + self.get_component_rich_style("virtual-table--even-row"),
                self.get_component_rich_style("virtual-table--cursor"),
            )
        return self._styles

    def _paint(self, cells: list[Text], style: Style, post: Style | None = None) -> Strip:
        """One line: each cell cut or padded to its column's width in terminal cells (a
        wide character that would straddle the edge becomes a space), with the row's
        style under the cells' own and the cursor's over them."""
        console = self.app.console
        combined = self._combined

        def final(cell_style: Style | str | None) -> Style:
            key = (cell_style, style, post)
            found = combined.get(key)
            if found is None:
                own = console.get_style(cell_style) if isinstance(cell_style, str) else cell_style
                found = style + own if own else style
                if post is not None:
                    found += post
                combined[key] = found
            return found

        pieces: list[list[Any]] = []  # [text, style], neighbours of one style merged

        def add(text: str, piece_style: Style) -> None:
            if pieces and pieces[-1][1] is piece_style:
                pieces[-1][0] += text
            elif text:
                pieces.append([text, piece_style])

        blank = final(None)
        add(" ", blank)
        gap = " " * self.gap
        for n, (cell, column) in enumerate(zip(cells, self.columns, strict=False)):
            if n:
                add(gap, blank)
            width, plain, right = column.width, cell.plain, column.justify == "right"
            if "\n" in plain:
                cell = Text(plain.replace("\n", " "), style=cell.style, spans=cell.spans)
                plain = cell.plain
            size = cell_len(plain)
            if not cell.spans and size <= width:  # the usual case: one style, fits
                pad = " " * (width - size)
                if right:
                    add(pad, blank)
                add(plain, final(cell.style))
                if not right:
                    add(pad, blank)
                continue
            if size > width and column.cut == "middle":
                cell = Text(middle_cut(plain, width), style=cell.style)
                size = cell.cell_len
            elif size > width:
                cell = cell.copy()
                cell.truncate(width, overflow="ellipsis")
                size = cell.cell_len
            if right:
                add(" " * (width - size), blank)
            for segment in cell.render(console):
                add(segment.text, final(segment.style))
            if not right:
                add(" " * (width - size), blank)
        add(" ", blank)
        return Strip([Segment(text, piece_style) for text, piece_style in pieces],
                     self.line_width())

    def render_lines(self, crop: Region) -> list[Strip]:
        self._relayout()
        top = round(self.scroll_y)
        self._ensure(top + max(crop.y, 1) - 1, top + crop.bottom - 1)
        lines = super().render_lines(crop)
        if not self.painted:
            self.painted, self.painted_at = True, perf_counter()
        self.paint_count += 1
        return lines

    def render_line(self, y: int) -> Strip:
        base, header, even, cursor_style = self._row_styles()
        scroll_x, width = round(self.scroll_x), self.size.width
        if y == 0:
            if self._header is None:
                self._header = self._paint([Text(c.label) for c in self.columns], header)
            return self._header.crop_extend(scroll_x, scroll_x + width, header)
        index = round(self.scroll_y) + y - 1
        cursor = index == self.cursor_row
        strip = self._lines.get((index, cursor))
        if strip is None:
            i = index - self._start
            if not 0 <= i < len(self._rows):
                return Strip.blank(width, base)
            # zebra stripes as DataTable's: rows 0, 2, 4 … shaded
            style = even if index % 2 == 0 else base
            post = cursor_style if cursor else None
            strip = self._paint(self.row_cells(self._rows[i]), style, post)
            self._lines[(index, cursor)] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    # -- what tests and callers read, as DataTable offered it ---------------------------

    @property
    def ordered_columns(self) -> list[Column]:
        return self.columns

    def get_cell_at(self, coordinate: tuple[int, int]) -> Text:
        row, column = coordinate
        found = self.row_at(row)
        if found is None:
            raise IndexError(f"no row {row}")
        return self.row_cells(found)[column]

    def get_cell(self, key: str, column_key: str) -> Text:
        index = self.index_of(key)
        if index is None:
            raise KeyError(key)
        keys = [c.key for c in self.columns]
        return self.get_cell_at((index, keys.index(column_key)))
