"""Excel: a summary sheet, the plan table per district, and the article's figures.

Written in openpyxl's write-only mode: rows stream to the file as they are made, so a
province's plan is never held whole as a workbook in memory.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from tracker.formats.plan_table import (
    COLUMNS,
    PLAN_COLUMNS,
    Rows,
    district_name,
    district_names,
    neutral,
    plan_cells,
    rows_of,
    verdict_counts,
)
from tracker.i18n import name_of
from tracker.i18n.codes import choice
from tracker.i18n.exports import WORKBOOK, WORKBOOK_QUALIFIERS
from tracker.i18n.quality import SCOPE, SEVERITY, period_mark, period_text
from tracker.i18n.verdicts import verdict_label
from tracker.models import District, PlanRow, SnapshotContent
from tracker.progress import GROWTH_VERDICTS, SCHEDULE_VERDICTS, TO_BE_SET
from tracker.text_format import cell_width, fmt_num
from tracker.work_counts import Progress, Tally, unheard

# numbers read with thousands separators and only the decimals they have; shares to a
# tenth of a percent
FORMATS = {"number": "#,##0.##", "share": "0.0%", "rate": "0.0%", "ratio": "0.00", "year": "0"}
DATE_TIME = "yyyy-mm-dd hh:mm:ss"
# the longest unit a Chinese plan table commonly has: the unit column is never narrower
WIDEST_UNIT = "吨标准煤/万元"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 50
WIDTH_SAMPLE = 1000

def sheet_title(name: str, taken: set[str]) -> str:
    # Excel refuses these characters and titles over 31 characters
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Sheet"
    title, n = base, 2
    while title.casefold() in taken:
        title = f"{base[:27]} ({n})"
        n += 1
    taken.add(title.casefold())
    return title


def safe(value: object) -> object:
    """Text Excel will store as text: formula-safe, without the control characters it refuses."""
    if isinstance(value, str):
        return neutral(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def shown(value: object, number_format: str | None) -> str:
    """Roughly what the cell displays, to size its column."""
    if value is None:
        return ""
    if isinstance(value, float) and number_format == FORMATS["share"]:
        return f"{value:.1%}"
    if isinstance(value, float):
        return fmt_num(value)
    return str(value)


def styled(ws: WriteOnlyWorksheet, value: object, **style: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value)
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


def put_table(
    ws: WriteOnlyWorksheet, header: Sequence[str], body: Sequence[Sequence[object]],
    formats: Sequence[str | None] = (), wrap: Sequence[int] = (), freeze: str = "A2",
    tally: Tally | None = None, min_widths: dict[int, int] | None = None,
) -> None:
    """Header in row 1, frozen above `freeze`; numbers stay numbers, text is made
    formula-safe. Widths, panes and page setup go first: a streamed sheet writes them
    with its first row, and ignores them after."""
    formats = list(formats) + [None] * (len(header) - len(formats))
    rows = [[safe(v) for v in values] for values in body]
    widths = [max(cell_width(str(h)), (min_widths or {}).get(i, 0))
              for i, h in enumerate(header)]
    # sized to the header and the first rows: enough to read by, and a province's
    # 100,000 rows are not measured cell by cell
    for values in rows[:WIDTH_SAMPLE]:
        for i, v in enumerate(values):
            widths[i] = max(widths[i], cell_width(shown(v, formats[i])))
    for i, w in enumerate(widths):
        width = 60 if i in wrap else min(w + 2, MAX_WIDTH)
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.freeze_panes = freeze
    # printed for a meeting: landscape, one page wide, the header row on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"
    ws.append([styled(ws, safe(h), font=HEADER_FONT, fill=HEADER_FILL) for h in header])
    numbers = {i for i, f in enumerate(formats) if f}
    for values in rows:
        if numbers or wrap:
            values = [
                styled(ws, v, number_format=formats[i])
                if i in numbers and isinstance(v, int | float) and not isinstance(v, bool)
                else styled(ws, v, alignment=WRAP) if i in wrap
                else v
                for i, v in enumerate(values)
            ]
        ws.append(values)
        if tally is not None:
            tally.add()


def summary(ws: WriteOnlyWorksheet, content: SnapshotContent, lang: str,
            counted: list[tuple[District, int, Counter, Counter]]) -> None:
    header = [WORKBOOK.text("district", lang), WORKBOOK.text("total", lang)]
    header += [WORKBOOK.text("schedule", lang) + verdict_label(v, lang) for v in SCHEDULE_VERDICTS]
    header += [WORKBOOK.text("growth", lang) + verdict_label(v, lang) for v in GROWTH_VERDICTS]
    # rows waiting for their target: counted once, after both readings
    header.append(verdict_label(TO_BE_SET, lang))
    body = [[district_name(d, lang), n, *(sched[v] for v in SCHEDULE_VERDICTS),
             *(growth[v] for v in GROWTH_VERDICTS), sched[TO_BE_SET]]
            for d, n, sched, growth in counted]
    # column B also holds the snapshot's time below the counts: a date too narrow for
    # its column shows as ####
    put_table(ws, header, body, min_widths={1: cell_width("2026-01-01 00:00:00")})
    # the snapshot's identity below the counts, so the counts table keeps row 1 as header
    ws.append([])
    # Excel keeps no time zone: the time is written as UTC, and its label says so
    taken = content.taken_at.astimezone(UTC).replace(tzinfo=None)
    for key, value in (("label", content.label), ("actor", content.actor),
                       ("taken_at", taken), ("tolerance", content.tolerance)):
        shown_value = (styled(ws, value, number_format="0%") if key == "tolerance"
                       else styled(ws, value, number_format=DATE_TIME) if key == "taken_at"
                       else safe(value))
        ws.append([styled(ws, WORKBOOK.text(key, lang), font=HEADER_FONT), shown_value])


def district_sheet(ws: WriteOnlyWorksheet, plan: Sequence[PlanRow], lang: str, tally: Tally,
                   districts: dict[str, str] | None = None) -> None:
    body = [plan_cells(r, lang, districts) for r in plan]
    last = len(body) + 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    # a printed page shows the plan table; the id (column A) and the machine columns
    # after the table are for imports
    ws.print_area = f"B1:{get_column_letter(len(PLAN_COLUMNS))}{last}"
    # C2: id and name stay in view while scrolling right through the figures
    unit = [c.key for c in COLUMNS].index("unit")
    put_table(ws, [c.header(lang) for c in COLUMNS], body,
              formats=[FORMATS.get(c.kind) for c in COLUMNS], freeze="C2", tally=tally,
              min_widths={unit: cell_width(WIDEST_UNIT)})


def achievements(ws: WriteOnlyWorksheet, content: SnapshotContent, lang: str) -> None:
    keys = ("a_id", "a_title", "a_value", "a_unit", "a_qualifier", "a_period", "a_kind",
            "a_flags", "a_source", "a_period_basis", "a_scope")
    body = []
    for item in content.achievements:
        a = item.achievement
        # what cannot be right first, each reason led by its severity
        flags = sorted(item.flags, key=lambda f: f.severity != "error")
        body.append([
            a.id, name_of(a, lang),
            None if a.value is None else float(a.value), a.unit,
            WORKBOOK_QUALIFIERS.text(a.qualifier, lang),
            period_mark(a.period, a.period_inferred), choice("kind", a.kind, lang),
            "\n".join(f"[{SEVERITY.text(f.severity, lang)}] {f.message(lang)}" for f in flags),
            a.source_quote,
            period_text(a.period, a.period_basis, a.period_inferred, lang),
            SCOPE.text(a.scope, lang),
        ])
    put_table(ws, [WORKBOOK.text(k, lang) for k in keys], body, wrap=(7, 8))


def write(content: SnapshotContent, path: Path, lang: str, progress: Progress = unheard,
          rows: Rows | None = None) -> None:
    rows = rows or rows_of(content)
    wb = Workbook(write_only=True)
    tally = Tally(rows.total, progress)
    taken: set[str] = set()
    # the summary sheet comes first in the workbook but is filled last: its counts are
    # of the districts, which are written (and let go) one at a time
    first = wb.create_sheet(sheet_title(WORKBOOK.text("summary", lang), taken))
    counted = []
    names = district_names(content, lang)
    for d, plan in rows.districts:
        district_sheet(wb.create_sheet(sheet_title(district_name(d, lang), taken)),
                       plan, lang, tally, names)
        counted.append((d, len(plan), *verdict_counts(plan)))
    summary(first, content, lang, counted)
    achievements(wb.create_sheet(sheet_title(WORKBOOK.text("achievements", lang), taken)),
                 content, lang)
    wb.save(path)
