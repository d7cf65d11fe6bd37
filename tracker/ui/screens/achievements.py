"""The article's record: themes beside their figures, and a figure's source and flags."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import DataTable, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from tracker.errors import TrackerError
from tracker.i18n import name_of, other
from tracker.i18n.codes import choice
from tracker.i18n.punctuation import colon
from tracker.i18n.quality import SCOPE, SEVERITY, period_mark, period_text
from tracker.i18n.ui import tr
from tracker.models import SEVERITIES, Achievement, Flag
from tracker.ui import format as fmt
from tracker.ui.dialogs.flags import AddFlagDialog, ClearFlagDialog
from tracker.ui.screens.base import TrackerScreen, key_footer
from tracker.ui.widgets.tables import FigureTable, ScrollPane, ThemeList

ALL = "__all__"
# how each severity marks a figure: "!" cannot be right, "?" to check with the source
MARKS = {"error": ("!", "bold red"), "check": ("?", "bold yellow")}
COLUMNS = ("col_title", "col_value", "col_unit", "col_period", "col_flag")


def themes_width(screen_width: int) -> int:
    """As achievements.tcss sets it for the screen's breakpoint."""
    return 22 if screen_width < 100 else 30


def flag_marks(flags: list[Flag]) -> Text | str:
    """A figure's flags as marks in its row: "!" for each that cannot be right, then "?"
    for each to check (at most three)."""
    marks = Text()
    for severity in SEVERITIES:
        mark, style = MARKS[severity]
        n = sum(f.severity == severity for f in flags)
        marks.append(mark * min(n, 3 - len(marks)), style=style)
    return marks if marks else ""


class SearchInput(Input):
    """The search box: typing filters at once, Enter goes to the figures, Esc closes."""

    BINDINGS = [
        Binding("escape", "screen.close_search", "Close search", id="close_search"),
        Binding("down", "screen.focus_figures", "Figures", show=False, id="focus_figures"),
    ]


class AchievementsScreen(TrackerScreen):
    CSS_PATH = "achievements.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("slash", "search", "Search", id="search"),
        Binding("f", "toggle_flagged", "Flagged", id="toggle_flagged"),
        Binding("m", "add_flag", "Flag", id="add_flag"),
        Binding("c", "clear_flag", "Clear flag", id="clear_flag"),
        Binding("escape", "close_search", "Close search", show=False, id="close_search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.theme: str | None = None
        self.search_text = ""
        self.flagged_only = False
        self._flags: dict[str, list[Flag]] = {}
        self._figures: dict[str, Achievement] = {}
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchInput(id="search", classes="hidden", compact=True)
        with Horizontal(id="ach-body"):
            with Vertical(id="themes-box"):
                yield Static(id="themes-title", classes="section")
                yield ThemeList(id="themes")
            with Vertical(id="figures-box"):
                yield Static(id="figures-status", classes="section")
                yield FigureTable(id="figures")
                with ScrollPane(id="figure-detail"):
                    yield Static(id="figure-text")
        yield key_footer()

    def on_mount(self) -> None:
        self._width = self.app.size.width
        self.sub_title = tr("achievements", self.lang)
        self._load_flags()
        self._fill_themes()
        self.load_figures()
        self.query_one(FigureTable).focus()

    # -- data --------------------------------------------------------------------------

    def _load_flags(self) -> None:
        try:
            self._flags = self.store.flags()
        except TrackerError as e:
            self.notify(e.text(self.lang), severity="error")

    def _fill_themes(self) -> None:
        lang = self.lang
        themes = self.query_one(ThemeList)
        highlighted = self.theme or ALL
        themes.clear_options()
        themes.add_option(Option(tr("all_themes", lang), id=ALL))
        for t in self.store.themes():
            themes.add_option(Option(name_of(t, lang), id=t.id))
        themes.highlighted = themes.get_option_index(highlighted)
        self.query_one("#themes-title", Static).update(tr("themes", lang))
        self.query_one("#search", SearchInput).placeholder = tr("search_placeholder", lang)

    def load_figures(self) -> None:
        """Fill the figures table for the theme, the search text and the flag filter."""
        lang = self.lang
        try:
            found = self.store.achievements(self.theme, search=self.search_text)
        except TrackerError as e:
            self.notify(e.text(lang), severity="error")
            return
        if self.flagged_only:
            found = [a for a in found if self._flags.get(a.id)]
        self._figures = {a.id: a for a in found}
        headers = [tr(key, lang) for key in COLUMNS]
        rows = []
        for a in found:
            rows.append([name_of(a, lang), fmt.figure_value(a), a.unit,
                         period_mark(a.period, a.period_inferred),
                         flag_marks(self._flags.get(a.id, []))])
        available = self._width - themes_width(self._width) - 2
        width = fmt.first_column_width(available, rows, headers, 12, 60)
        self.query_one(FigureTable).refill(
            list(zip(COLUMNS, headers, strict=True)),
            [(a.id, [fmt.truncate(str(row[0]), width), *row[1:]])
             for a, row in zip(found, rows, strict=True)],
        )
        self._show_status()
        self.show_figure()

    def _show_status(self) -> None:
        lang = self.lang
        parts = [tr("figures_count", lang, n=len(self._figures))]
        if self.flagged_only:
            parts.append(tr("flagged_only_on", lang))
        if self.search_text:
            parts.append(tr("searching", lang, text=self.search_text))
        self.query_one("#figures-status", Static).update(" · ".join(parts))

    def show_figure(self) -> None:
        """The detail pane: the whole record, its source sentence and its flags."""
        lang = self.lang
        out = self.query_one("#figure-text", Static)
        key = self.query_one(FigureTable).current_key
        a = self._figures.get(key or "")
        if a is None:
            out.update(tr("no_figures", lang))
            return
        sep = colon(lang)
        text = Text()
        text.append(name_of(a, lang), style="bold")
        text.append(f"  {name_of(a, other(lang))}  [{a.id}]\n", style="dim")
        value = "—" if a.value is None else f"{format(a.value, 'f')} {a.unit}"
        text.append(tr("value", lang) + sep, style="bold")
        text.append(f"{value} ({choice('qualifier', a.qualifier, lang)}) · ")
        text.append(tr("kind", lang) + sep, style="bold")
        text.append(choice("kind", a.kind, lang))
        if a.part_of:
            text.append(f" · {tr('part_of', lang)}{sep}{a.part_of}")
        text.append("\n")
        text.append(tr("period", lang) + sep, style="bold")
        text.append(period_text(a.period, a.period_basis, a.period_inferred, lang),
                    style="italic" if a.period_inferred else "")
        text.append(" · ")
        text.append(SCOPE.text("label", lang) + sep, style="bold")
        text.append(SCOPE.text(a.scope, lang), style="bold yellow" if a.scope != "city" else "")
        text.append("\n")
        flags = self._flags.get(a.id, [])
        if flags:
            text.append(f"{tr('flags_title', lang)} ({len(flags)}){sep}\n", style="bold")
            for severity in SEVERITIES:
                these = [f for f in flags if f.severity == severity]
                if not these:
                    continue
                mark, style = MARKS[severity]
                text.append(SEVERITY.text(f"{severity}_head", lang, n=len(these)) + "\n",
                            style=style)
                for f in these:
                    text.append(f" {mark} ", style=style)
                    text.append(f.message(lang))
                    if f.manual and f.actor:
                        text.append(" " + tr("manual_flag_by", lang, actor=f.actor),
                                    style="dim")
                    text.append(f"  [{f.code}]\n", style="dim")
        else:
            text.append(tr("no_flags", lang) + "\n", style="dim")
        text.append(tr("source", lang) + sep, style="bold")
        text.append(f"“{a.source_quote}”")  # always as published, in Chinese
        out.update(text)

    def refresh_district(self, district: str, indicator_id: str | None = None) -> None:
        # a plan change can change a flag (a baseline's plausible range)
        self._load_flags()
        self.load_figures()

    def refresh_data(self) -> None:
        """Another planner saved: flags and figures again, the cursor where it was."""
        self._load_flags()
        self.load_figures()

    def current_figure(self) -> Achievement | None:
        return self._figures.get(self.query_one(FigureTable).current_key or "")

    # -- events ------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#themes")
    def _theme_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        theme = None if event.option.id == ALL else event.option.id
        if theme != self.theme:
            self.theme = theme
            self.load_figures()

    @on(OptionList.OptionSelected, "#themes")
    def _theme_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_focus_figures()

    @on(DataTable.RowHighlighted, "#figures")
    def _figure_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_figure()

    @on(DataTable.RowSelected, "#figures")
    def _figure_selected(self, event: DataTable.RowSelected) -> None:
        # Enter opens the source: the detail pane takes the focus, to scroll a long one
        self.query_one("#figure-detail").focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_text = event.value.strip()
        self.load_figures()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.action_focus_figures()

    # -- keys --------------------------------------------------------------------------

    def action_search(self) -> None:
        box = self.query_one("#search", SearchInput)
        box.remove_class("hidden")
        box.focus()

    def action_close_search(self) -> None:
        box = self.query_one("#search", SearchInput)
        if box.has_class("hidden"):
            if self.focused is self.query_one("#figure-detail"):
                self.action_focus_figures()
            return
        box.add_class("hidden")
        if box.value:
            box.value = ""  # Input.Changed reloads the figures
        self.action_focus_figures()

    def action_toggle_flagged(self) -> None:
        self.flagged_only = not self.flagged_only
        self.load_figures()

    def action_add_flag(self) -> None:
        a = self.current_figure()
        if a is None:
            self.notify(tr("select_figure", self.lang), severity="warning")
            return
        self.app.push_screen(AddFlagDialog(a), self._flags_changed)

    def action_clear_flag(self) -> None:
        a = self.current_figure()
        if a is None:
            self.notify(tr("select_figure", self.lang), severity="warning")
            return
        flags = self._flags.get(a.id, [])
        if not flags:
            self.notify(tr("no_flag_to_clear", self.lang), severity="warning")
            return
        self.app.push_screen(ClearFlagDialog(a, flags), self._flags_changed)

    def _flags_changed(self, result: object) -> None:
        if result is not None:
            self.refresh_data()

    def action_focus_themes(self) -> None:
        self.query_one(ThemeList).focus()

    def action_focus_figures(self) -> None:
        self.query_one(FigureTable).focus()

    def show_theme(self, theme: str | None) -> None:
        themes = self.query_one(ThemeList)
        themes.highlighted = themes.get_option_index(theme or ALL)
        self.theme = theme
        self.load_figures()
        self.action_focus_figures()

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width and self._figures:
            self._width = event.size.width
            self.load_figures()

    def apply_language(self) -> None:
        self.sub_title = tr("achievements", self.lang)
        self._load_flags()
        self._fill_themes()
        self.load_figures()
        super().apply_language()
