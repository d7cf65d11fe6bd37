"""CSV: one row per indicator, every district, for Excel, WPS and scripts."""

from __future__ import annotations

import csv
import io
from itertools import islice
from pathlib import Path

from tracker.formats.plan_table import (
    COLUMNS,
    QUOTE_RISK,
    Rows,
    district_names,
    each_row,
    neutral,
    plan_cells,
)
from tracker.models import PlanRow, SnapshotContent
from tracker.text_format import exact_num
from tracker.work_counts import Progress, counted, unheard


def plain(value: object) -> str:
    """A number written so it reads back exactly and without exponent or separators."""
    # exact type checks, commonest first: this runs for every cell of a province's plan
    kind = type(value)
    if value is None:
        return ""
    if kind is str:
        if value[:1] in QUOTE_RISK:  # type: ignore[index]
            return neutral(value)  # type: ignore[return-value]
        return value  # type: ignore[return-value]
    if kind is float:
        return exact_num(value)  # type: ignore[arg-type]
    if kind is int or kind is bool:
        return str(value)
    return str(neutral(value))


# shares and rates to four decimals (0.3846, a tenth of a percent and more): the float's full
# digits (0.38461538461538464) say nothing more to a reader and clutter a spreadsheet
SHARES = tuple(i for i, c in enumerate(COLUMNS) if c.kind in ("share", "rate"))
SHARE_DIGITS = 4
# the only columns that hold floats (the rest of the numbers, years, are whole), and
# those that hold text: a province's plan has 3 million cells, and no other needs plain()
FLOATS = tuple(i for i, c in enumerate(COLUMNS) if c.kind in ("number", "ratio"))
TEXTS = tuple(i for i, c in enumerate(COLUMNS) if c.kind == "text")


def written(r: PlanRow, lang: str, districts: dict[str, str]) -> list[object]:
    """A row's cells as `plain` writes them, where the csv module would write otherwise
    (it writes None as empty and ints and bools as their text by itself)."""
    cells = list(plan_cells(r, lang, districts))
    exact = exact_num
    for i in SHARES:
        v = cells[i]
        if v.__class__ is float:
            cells[i] = exact(round(v, SHARE_DIGITS))
    for i in FLOATS:
        v = cells[i]
        if v.__class__ is float:
            cells[i] = exact(v)
    for i in TEXTS:
        v = cells[i]
        if v.__class__ is str and v[:1] in QUOTE_RISK:
            cells[i] = neutral(v)
    return cells


def write(content: SnapshotContent, path: Path, lang: str, progress: Progress = unheard,
          rows: Rows | None = None) -> None:
    # held whole, the content's rows go in its own order, whatever their district
    plan = (counted(map(PlanRow.of, content.indicators), progress, len(content.indicators))
            if rows is None else each_row(rows, progress))
    names = district_names(content, lang)
    # utf-8-sig: with the BOM, Excel and WPS read the Chinese instead of guessing GBK
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        fh.write(_lines([[c.header(lang) for c in COLUMNS]]))
        lines = (written(r, lang, names) for r in plan)
        # a page of lines to the file at a time: each write goes through the encoder
        while page := list(islice(lines, PAGE)):
            fh.write(_lines(page))


PAGE = 2_000


def _lines(rows: list[list[object]]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue()
