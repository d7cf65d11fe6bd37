"""One indicator: its plan, both verdicts, every value recorded, and a chart. On the
values, d voids the one under the cursor and r revises it; a voided value stays in the
history, struck through, with who voided it, when and why under the table.

The chart's widget (textual_plotext, and plotext with it) is imported when the screen
is first built, not with the module: the plan loads this module after its first frame
(see PlanScreen._prepare), long before a chart is drawn."""

from __future__ import annotations

import threading
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static

from tracker import plan_text, text_format
from tracker import status as report_status
from tracker.errors import TrackerError
from tracker.i18n import department_label, name_of, other
from tracker.i18n.codes import choice, district_short
from tracker.i18n.punctuation import colon
from tracker.i18n.quality import BASELINE_NOTES, SCOPE
from tracker.i18n.review_year import REVIEW_YEAR, years_text
from tracker.i18n.ui import tr
from tracker.i18n.void import VOID
from tracker.models import Achievement, Indicator, IndicatorState, Measurement, RecordedValue
from tracker.ui import format as fmt
from tracker.ui.lazy import loaded
from tracker.ui.messages import OpenAudit
from tracker.ui.screens.base import key_footer
from tracker.ui.screens.indicator_actions import INDICATOR_BINDINGS, IndicatorActions
from tracker.ui.widgets.status import status_block
from tracker.ui.widgets.tables import ViTable

HISTORY_COLUMNS = (
    "col_year",
    "col_value",
    "col_quality",
    "col_status",
    "col_who",
    "col_when",
    "col_source",
    "col_note",
)
# series: (plotext colour, plotext marker, the sample shown in the legend)
SERIES_STYLE = {
    "schedule": ("gray", "dot", "••"),
    "actual": ("orange", "hd", "▞▞"),
    "running": ("orange", "hd", "▞▞"),
    "baseline": ("blue", "B", "B"),
    "target": ("green", "T", "T"),
    # where the pace so far leads by the target year: its own colour, apart from the plan
    "projection": ("magenta", "dot", "··"),
}
LEGEND_STYLES = {"gray": "grey62", "orange": "dark_orange", "blue": "blue", "green": "green",
                 "magenta": "magenta"}


def _load_chart() -> None:
    import textual_plotext  # noqa: F401


def preload_chart() -> None:
    """Load the chart's library on a thread of its own while the planner reads the plan:
    the first indicator opened then draws at once, instead of waiting a third of a
    second for plotext. An indicator opened before it is loaded waits for it as before."""
    threading.Thread(target=_load_chart, name="chart-preload", daemon=True).start()


class IndicatorScreen(IndicatorActions):
    # indicator.tcss, read as the screen's default CSS (as the plan screen's is): a
    # CSS_PATH would have Textual parse every stylesheet of the app once more when the
    # first indicator is opened
    DEFAULT_CSS = (Path(__file__).parent / "indicator.tcss").read_text(encoding="utf-8")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        *INDICATOR_BINDINGS,
        Binding("d", "void_value", "Void", id="void_value"),
        Binding("r", "revise_value", "Revise", id="revise_value"),
        Binding("o", "audit_log", "Log", id="audit_log"),
        Binding("escape,q", "back", "Back", id="back"),
    ]

    def __init__(self, indicator_id: str) -> None:
        super().__init__()
        self.indicator_id = indicator_id
        # every value shown, voided ones too, by the key of its row
        self.recorded: dict[str, RecordedValue] = {}
        self.unit = ""

    def compose(self) -> ComposeResult:
        from tracker.ui.widgets.value_chart import ValueChart

        yield Header()
        yield Static(id="ind-head")
        yield Static(id="ind-status")
        with Horizontal(id="ind-body"):
            with Vertical(id="history-box"):
                yield Static(id="history-title", classes="section")
                yield ViTable(id="history")
                yield Static(id="value-detail")
            with Vertical(id="chart-box"):
                yield ValueChart(id="chart")
                yield Static(id="chart-legend")
                yield Static(id="chart-empty")
        yield key_footer()

    def on_mount(self) -> None:
        self.load()
        self.query_one("#history", ViTable).focus()

    def current_indicator_id(self) -> str | None:
        return self.indicator_id

    def load(self) -> None:
        lang = self.lang
        try:
            ind = self.store.indicator(self.indicator_id)
            history = self.store.value_history(self.indicator_id)
            # the values in force: a voided one is shown, and counts for nothing
            values = [r.value for r in history if r.void is None]
            yearly = self.store.annual_targets(ind.id)
            flags = (self.store.baseline_flags().get(ind.baseline_achievement, ())
                     if ind.baseline_achievement else ())
            st = report_status.indicator_status(ind, values, self.store.tolerance(), yearly,
                                                flags, review_year=self.store.review_year())
            dept = department_label(ind.department, self.store.department_names(), lang)
        except TrackerError as e:
            self.notify(e.text(lang), severity="error")
            return
        state = st.state()
        self.sub_title = f"{tr('indicator', lang)} {ind.id}"
        self.query_one("#ind-head", Static).update(self._head(ind, dept))
        block = status_block(st, lang)
        # the kind's own lines: a milestone, where it is heading, the yearly plan beside
        # the values, and why the baseline is in doubt
        for line in [*plan_text.detail_lines(state, lang), plan_text.annual_plan(yearly, lang)]:
            if line:
                block.append("\n" + line)
        if plan_text.flagged(state):
            block.append("\n" + plan_text.flag_line(state, lang), style="bold red")
        if st.overdue:
            block.append("\n")
            block.append(REVIEW_YEAR.text(
                "overdue_owed", lang, years=years_text(st.overdue, lang),
                department=dept or REVIEW_YEAR.text("no_department", lang)),
                style="bold red")
        self.query_one("#ind-status", Static).update(block)
        title = tr("history", lang) if history else tr("no_values", lang)
        if not history and ind.target_type == "milestone":
            # a milestone reports its state, not yearly values
            title = plan_text.text("milestone_no_values", lang)
        self.query_one("#history-title", Static).update(title)
        self._history(ind, history, values, yearly)
        self._chart(ind, values, state)

    def _head(self, ind: Indicator, dept: str) -> Text:
        """The indicator's name and plan; `dept` its department as the UI's language
        reads it."""
        lang = self.lang
        sep = colon(lang)
        text = Text()
        text.append(name_of(ind, lang), style="bold")
        text.append(f"  {name_of(ind, other(lang))}", style="dim")
        text.append("\n")
        text.append(
            f"{ind.id} · {district_short(ind.district, lang)}"
            f" · {tr('col_unit', lang)}{sep}{ind.unit or '—'}"
            f" · {choice('direction', ind.direction, lang)}"
            f" · {choice('attribute', ind.attribute, lang)}"
            f" · {choice('target_type', ind.target_type, lang)}"
        )
        if ind.band is not None:
            text.append(f" ± {text_format.fmt_num(ind.band)}")
        if ind.department:
            text.append(f" · {tr('department', lang)}{sep}{dept}")
        text.append("\n")
        text.append(tr("col_baseline", lang) + sep, style="bold")
        if plan_text.is_cumulative(ind):
            text.append(plan_text.text("not_counted", lang) + " ")
        text.append(fmt.point(ind.baseline_value, ind.baseline_year, ind.unit))
        if ind.baseline_achievement:
            # the figure as planners know it, by its name; its id only if it is gone
            try:
                figure: Achievement | None = self.store.achievement(ind.baseline_achievement)
            except TrackerError:
                figure = None
            source = name_of(figure, lang) if figure else ind.baseline_achievement
            text.append(f" ({tr('linked_to', lang, name=source)})", style="dim")
            # a prefecture's figure standing as the city's baseline, or a year read into
            # the text, is said where the baseline is read
            if figure is not None and figure.scope == "prefecture":
                text.append(f" {SCOPE.text('prefecture_baseline', lang)}", style="bold yellow")
            if figure is not None and figure.period_inferred:
                text.append(f" {BASELINE_NOTES.text('inferred_short', lang)}", style="italic")
        text.append("   ")
        text.append(tr("col_target", lang) + sep, style="bold")
        if ind.target_type in ("growth_rate", "reduction", "milestone", "monitor"):
            text.append(plan_text.target_text(ind, lang))
        else:
            text.append(fmt.point(ind.target_value, ind.target_year, ind.unit))
        return text

    def _history(self, ind: Indicator, history: list[RecordedValue],
                 values: list[Measurement], yearly: dict[int, float]) -> None:
        lang = self.lang
        marks = dict(zip((m.id for m in values), fmt.history_marks(values, ind), strict=True))
        rows: list[tuple[str, list[object]]] = []
        self.recorded = {str(r.value.id): r for r in history}
        self.unit = ind.unit
        # newest first: the figure a planner just typed is on top
        for r in reversed(history):
            m = r.value
            if r.void is not None:
                style, label = "dim strike", VOID.text("voided_mark", lang)
            else:
                mark = marks[m.id]
                style = "dim strike" if mark == "superseded" else \
                    "dim" if mark == "not_counted" else ""
                label = tr(mark, lang)
            when = m.recorded_at.strftime("%Y-%m-%d %H:%M") if m.recorded_at else ""
            cells: list[object] = [
                Text(str(m.year), style="dim strike" if r.void else ""),
                # every digit stored: a mistyped 0.000162 must not read as 0.0002
                Text(text_format.exact_num(m.value, grouped=True), style=style),
                choice("quality", m.quality, lang),
                Text(label, style="dim" if r.void else style),
                m.actor,
                when,
                m.source,
                m.note,
            ]
            if yearly:
                # the year's target beside its value (年度目标)
                cells.insert(2, text_format.fmt_num(yearly.get(m.year)))
            rows.append((str(m.id), cells))
        columns = [(key, tr(key, lang)) for key in HISTORY_COLUMNS]
        if yearly:
            columns.insert(2, ("col_year_target", plan_text.text("year_target", lang)))
        self.query_one("#history", ViTable).refill(columns, rows)
        self.show_value_detail()

    def current_value(self) -> RecordedValue | None:
        """The value under the cursor of the values table."""
        table = self.query_one("#history", ViTable)
        return self.recorded.get(table.current_key or "")

    def show_value_detail(self) -> None:
        """Under a voided value: who voided it, when and why. Only then, as at 80x24 a
        line here is a row fewer of the values."""
        detail = self.query_one("#value-detail", Static)
        r = self.current_value()
        detail.display = r is not None and r.void is not None
        if r is None or r.void is None:
            detail.update("")
            return
        lang, m = self.lang, r.value
        figure = text_format.exact_num(m.value, grouped=True)
        text = Text(VOID.text("the_value", lang, value_id=m.id, year=m.year,
                              value=f"{figure} {self.unit}".strip()),
                    style="dim strike")
        text.append("  ")
        text.append(VOID.text("voided_by", lang, actor=r.void.by,
                              at=r.void.at.strftime("%Y-%m-%d %H:%M"),
                              reason=r.void.reason), style="yellow")
        detail.update(text)

    @on(DataTable.RowHighlighted, "#history")
    def _value_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_value_detail()

    def _value_to_change(self) -> tuple[Indicator, Measurement] | None:
        """The indicator and the value under the cursor, if that value is in force."""
        r = self.current_value()
        if r is None:
            self.notify(VOID.text("select_value", self.lang), severity="warning")
            return None
        if r.void is not None:
            self.notify(VOID.text("already_voided", self.lang), severity="warning")
            return None
        ind = self._indicator()
        return None if ind is None else (ind, r.value)

    def action_void_value(self) -> None:
        found = self._value_to_change()
        if found is not None:
            self.app.push_screen(loaded("dialogs.void:VoidDialog")(*found), self._saved)

    def action_revise_value(self) -> None:
        found = self._value_to_change()
        if found is not None:
            self.app.push_screen(loaded("dialogs.void:ReviseDialog")(*found), self._saved)

    def _chart(self, ind: Indicator, values: list[Measurement], state: IndicatorState
               ) -> None:
        """The plan, the actual values and where they are heading. plotext counts every
        character as one cell, so nothing Chinese goes inside the plot: the legend is a
        Textual line under it."""
        from tracker.ui.widgets.value_chart import ValueChart

        lang = self.lang
        plot = self.query_one("#chart", ValueChart)
        plot.too_short = tr("chart_too_short", lang)
        legend = self.query_one("#chart-legend", Static)
        empty = self.query_one("#chart-empty", Static)
        series = plan_text.chart_series(fmt.chart_series(ind, values), state)
        drawn = [s for s in series.values() if s]
        plot.display = legend.display = bool(drawn)
        empty.display = not drawn
        empty.update(tr("chart_empty", lang))
        plt = plot.plt
        plt.clear_figure()
        key_text = Text()
        if not drawn:
            plot.refresh()
            return
        years = sorted({y for s in drawn for y, _ in s})
        for key, (color, marker, sample) in SERIES_STYLE.items():
            pts = series.get(key) or []
            if not pts:
                continue
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            if len(pts) == 1 or key in ("baseline", "target"):
                plt.scatter(xs, ys, marker=marker, color=color)
            else:
                plt.plot(xs, ys, marker=marker, color=color)
            key_text.append(sample, style=LEGEND_STYLES[color])
            key_text.append(f" {tr(f'chart_{key}', lang)}   ")
        if ind.unit:
            key_text.append(f"({ind.unit})", style="dim")
        legend.update(key_text)
        step = max(1, (years[-1] - years[0]) // 8 + 1) if len(years) > 1 else 1
        plt.xticks(list(range(years[0], years[-1] + 1, step)))
        if len(years) == 1:
            plt.xlim(years[0] - 1, years[0] + 1)
        plot.refresh()

    def refresh_district(self, district: str, indicator_id: str | None = None) -> None:
        if indicator_id == self.indicator_id:
            self.load()

    def refresh_data(self) -> None:
        """Another planner saved: the plan, verdicts, values and chart again."""
        self.load()

    def action_audit_log(self) -> None:
        self.post_message(OpenAudit(self.indicator_id))

    def apply_language(self) -> None:
        self.load()
        super().apply_language()

    def retired(self, ind: Indicator) -> None:
        # it has left the plan: back to where it was listed
        super().retired(ind)
        self.action_back()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_quit(self) -> None:
        self.action_back()
