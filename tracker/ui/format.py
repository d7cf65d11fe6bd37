"""How values, verdicts and progress look on screen: pure functions, no textual.

The verdicts themselves come from tracker.status / tracker.progress; this only paints
them (colour AND a text label, so they read right without colour).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

from tracker import text_format
from tracker.i18n.verdicts import verdict_label
from tracker.models import Achievement, Indicator, Measurement
from tracker.progress import Point as ProgressPoint
from tracker.progress import effective_values

VERDICT_STYLES: dict[str, str] = {
    "achieved": "bold green",
    "ahead": "green",
    "on_schedule": "green",
    "lagging": "bold red",
    "target_achieved": "bold green",
    "on_track": "green",
    "acceleration_needed": "yellow",
    "limited_progress": "dark_orange",
    "deterioration": "bold red",
    "no_data": "dim",
    "monitoring": "cyan",
    "to_be_set": "italic",
}

QUALIFIER_MARKS = {"exact": "", "more_than": ">", "about": "~", "fewer_than": "<"}
BAR_WIDTH = 8
# the figure after the bar: "-150%" fits; a wider one takes cells from the bar
FIGURE_WIDTH = 5


def verdict_text(code: str, lang: str) -> Text:
    return Text(verdict_label(code, lang), style=VERDICT_STYLES.get(code, ""))


def progress_bar(share: float | None, width: int = BAR_WIDTH) -> Text:
    """██████░░ 62%: the bar is clamped to 0–100 %, the figure is not. A figure wider
    than FIGURE_WIDTH cells (-1650 %) takes cells from the bar, which is empty or full
    at such a share anyway: the column keeps its width and the figure all its digits."""
    if share is None or not math.isfinite(share):
        return Text("")
    figure = text_format.share(share)
    width = max(0, width - max(0, len(figure) - FIGURE_WIDTH))
    filled = round(min(max(share, 0.0), 1.0) * width)
    bar = Text("█" * filled, style="green" if share >= 0 else "red")
    bar.append("░" * (width - filled), style="dim")
    bar.append(" " + figure.rjust(FIGURE_WIDTH))
    return bar


def first_column_width(
    available: int, rows: Sequence[Sequence[object]], headers: Sequence[str], lo: int, hi: int
) -> int:
    """What a table's first column may take: the width left after the other columns (each
    as wide as its widest cell, plus DataTable's padding of one cell each side)."""
    others = 0
    for i in range(1, len(headers)):
        cells = [cell_len(str(headers[i]))] + [cell_len(str(row[i])) for row in rows]
        others += max(cells) + 2
    return max(lo, min(hi, available - others - 2))


def truncate(text: str, width: int) -> str:
    """Cut to `width` terminal cells (CJK counts two), ending in … when cut."""
    if text_format.cell_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = text_format.cell_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def num_text(v: float | None) -> str:
    """A stored number as a planner would type it back, without losing digits and never
    in exponent form, which the forms refuse (0.00001, not 1e-05)."""
    return "" if v is None else text_format.exact_num(float(v))


def point(value: float | None, year: int | None, unit: str = "") -> str:
    """A baseline or target where a planner reads the one they set: with every digit it
    was entered with, as the values beside it are."""
    if value is None:
        return "—"
    figure = text_format.exact_num(value, grouped=True)
    return f"{figure} {unit} ({year})" if unit else f"{figure} ({year})"


def figure_value(a: Achievement) -> str:
    """An achievement's value as printed, with a mark for 余/左右/不到."""
    if a.value is None:
        return "—"
    return QUALIFIER_MARKS.get(a.qualifier, "") + format(a.value, "f")


def history_marks(measurements: Sequence[Measurement], ind: Indicator) -> list[str]:
    """For each entry: "superseded" (a later entry for its year), "not_counted" (in or
    before the baseline year) or "counts" — the same reading progress.py uses."""
    last_for_year = {m.year: i for i, m in enumerate(measurements)}
    marks = []
    for i, m in enumerate(measurements):
        if last_for_year[m.year] != i:
            marks.append("superseded")
        elif ind.baseline_year is not None and m.year <= ind.baseline_year:
            marks.append("not_counted")
        else:
            marks.append("counts")
    return marks


def chart_series(
    ind: Indicator, measurements: Sequence[Measurement]
) -> dict[str, list[tuple[int, float]]]:
    """What the chart draws: the baseline and target points, the straight schedule line
    between them, and the actual values (one per year, the last entry for the year). For a
    cumulative target the actual line is the running total and the schedule starts at 0."""
    points = effective_values([ProgressPoint(year=m.year, value=m.value) for m in measurements])
    cumulative = ind.target_type == "cumulative"
    out: dict[str, list[tuple[int, float]]] = {"baseline": [], "target": [], "schedule": []}
    if cumulative:
        total, actual = 0.0, []
        for p in points:
            if ind.baseline_year is None or p.year > ind.baseline_year:
                total += p.value
                actual.append((p.year, total))
        out["running"] = actual
    else:
        out["actual"] = [(p.year, p.value) for p in points]
    if ind.baseline_year is not None and ind.baseline_value is not None:
        out["baseline"] = [(ind.baseline_year, 0.0 if cumulative else ind.baseline_value)]
    if ind.target_year is not None and ind.target_value is not None:
        out["target"] = [(ind.target_year, ind.target_value)]
    if out["baseline"] and out["target"]:
        out["schedule"] = [out["baseline"][0], out["target"][0]]
    return out
