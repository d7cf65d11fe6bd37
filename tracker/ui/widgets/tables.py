"""Tables and lists that move with vi keys as well as the arrows."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, OptionList

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

    def move_to(self, key: str | None) -> None:
        """Put the cursor on the row with this key, if there is one."""
        if key is None:
            return
        try:
            self.move_cursor(row=self.get_row_index(key))
        except Exception:  # the row is gone (filtered out, retired)
            return


class IndicatorTable(ViTable):
    """A district's indicators: ←/→ (h/l) go to the neighbouring district."""

    BINDINGS = [
        Binding("enter", "open", "Open", id="open"),
        Binding("left,h", "screen.prev_district", "Prev district", show=False, id="prev_district"),
        Binding("right,l", "screen.next_district", "Next district", show=False, id="next_district"),
        Binding("shift+left", "scroll_left", "Left", show=False, id="scroll_left"),
        Binding("shift+right", "scroll_right", "Right", show=False, id="scroll_right"),
    ]


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
