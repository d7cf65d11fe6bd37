"""CSV: one row per indicator, every district, for Excel, WPS and scripts."""

from __future__ import annotations

import csv
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


def cells_of(r: PlanRow, lang: str, districts: dict[str, str]) -> list[object]:
    cells = list(plan_cells(r, lang, districts))
    for i in SHARES:
        v = cells[i]
        if type(v) is float:
            cells[i] = round(v, SHARE_DIGITS)  # type: ignore[call-overload]
    return cells


def write(content: SnapshotContent, path: Path, lang: str, progress: Progress = unheard,
          rows: Rows | None = None) -> None:
    # held whole, the content's rows go in its own order, whatever their district
    plan = (counted(map(PlanRow.of, content.indicators), progress, len(content.indicators))
            if rows is None else each_row(rows, progress))
    names = district_names(content, lang)
    # utf-8-sig: with the BOM, Excel and WPS read the Chinese instead of guessing GBK
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([c.header(lang) for c in COLUMNS])
        # csv writes None as empty and ints as digits by itself; only floats and text
        # that could start a formula need plain() (a province's plan has 2 million cells)
        out.writerows(
            [
                plain(v) if type(v) is float or (type(v) is str and v[:1] in QUOTE_RISK)
                else v
                for v in cells_of(r, lang, names)
            ]
            for r in plan
        )
