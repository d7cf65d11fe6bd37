"""Excel: a summary sheet, the plan table per district, and the article's figures.

Written by xlsxwriter in constant-memory mode: each row goes to the file as it is made,
so a province's plan is never held whole as a workbook in memory (openpyxl, which reads
the files back, wrote them a few times slower).
"""

from __future__ import annotations

import math
import re
import tempfile
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook

from tracker.formats.plan_table import (
    COLUMNS,
    PLAN_COLUMNS,
    QUOTE_RISK,
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
from tracker.progress import GROWTH_VERDICTS, MONITORING, SCHEDULE_VERDICTS, TO_BE_SET
from tracker.text_format import cell_width, fmt_num
from tracker.work_counts import Progress, Tally, unheard

# numbers read with thousands separators and only the decimals they have (each cell its
# own format, see number_format); shares to a tenth of a percent
FORMATS = {"number": "#,##0.##", "share": "0.0%", "rate": "0.0%", "ratio": "0.00", "year": "0"}
# the plan table's estimates (where the pace so far leads), read to three significant digits
ESTIMATES = ("projected_value", "required_per_year_remaining")
# a sum of decimals in floating point carries noise in its 17th digit (0.1 + 0.2 is
# 0.30000000000000004): a cell shows at most ten decimals, which no plan's figure has
MOST_DECIMALS = 10
DECIMALS = ["#,##0", *("#,##0." + "0" * d for d in range(1, MOST_DECIMALS + 1))]
DATE_TIME = "yyyy-mm-dd hh:mm:ss"
UNJUDGED_ROWS = (MONITORING, TO_BE_SET)
# the longest unit a Chinese plan table commonly has: the unit column is never narrower
WIDEST_UNIT = "吨标准煤/万元"
HEADER_FONT = {"bold": True}
HEADER_FILL = {"pattern": 1, "bg_color": "#DDE4EE"}
WRAP = {"text_wrap": True, "valign": "top"}
MAX_WIDTH = 50
WIDTH_SAMPLE = 1000
# the characters Excel refuses in a cell (the XML 1.0 control characters)
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
A4 = 9  # Excel's paper code


class Sheet:
    """A worksheet written a row after another, with the formats its workbook made once."""

    def __init__(self, wb: Workbook, title: str, styles: dict[tuple, Any]) -> None:
        self.wb, self.ws, self.row, self.styles = wb, wb.add_worksheet(title), 0, styles

    def style(self, **props: Any) -> Any:
        """The workbook's format of these properties, made the first time it is asked for."""
        key = tuple(sorted(props.items()))
        if key not in self.styles:
            self.styles[key] = self.wb.add_format(props)
        return self.styles[key]

    def append(self, values: Sequence[object], styles: Sequence[Any] = ()) -> None:
        """One row: text as text (never a formula), numbers as numbers, each cell in the
        format `styles` gives it, if any."""
        ws, r = self.ws, self.row
        for c, v in enumerate(values):
            f = styles[c] if c < len(styles) else None
            kind = type(v)
            if v is None or v == "":  # an empty cell, as openpyxl left it
                if f is not None:
                    ws.write_blank(r, c, None, f)
            elif kind is str:
                ws.write_string(r, c, v, f)
            elif kind is bool:
                ws.write_boolean(r, c, v, f)
            elif kind is int or kind is float:
                ws.write_number(r, c, v, f)
            elif kind is datetime:
                ws.write_datetime(r, c, v, f)
            else:
                ws.write_string(r, c, str(v), f)
        self.row += 1


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
    if not isinstance(value, str):
        return value
    # most text has neither a control character nor a formula's first character: two
    # quick tests in C before the full ones, for a province's million cells
    if not value.isprintable():
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return neutral(value) if value[:1] in QUOTE_RISK else value


def number_format(value: float, estimate: bool = False) -> str:
    """The format that shows `value` with the decimals it has: "#,##0" for 97, "#,##0.000"
    for 1234567.891. Excel and WPS print a format's optional decimals' point even when
    there are none ("#,##0.##" shows 97 as "97." and 0.000078 as "0."), so each cell
    gets exactly its own. An estimate has three significant digits (5.34, 0.0000780)."""
    if value == int(value):
        return DECIMALS[0]
    if estimate:
        decimals = 2 - math.floor(math.log10(abs(value)))
    else:
        text = repr(value)
        decimals = len(text) - text.find(".") - 1
        if decimals > MOST_DECIMALS or "e" in text:
            text = format(Decimal(repr(round(value, MOST_DECIMALS))).normalize(), "f")
            decimals = len(text) - text.find(".") - 1 if "." in text else 0
    return DECIMALS[min(max(decimals, 0), MOST_DECIMALS)]


def shown(value: object, number_format: str | None) -> str:
    """Roughly what the cell displays, to size its column."""
    if value is None:
        return ""
    if isinstance(value, float) and number_format == FORMATS["share"]:
        return f"{value:.1%}"
    if isinstance(value, float):
        return fmt_num(value)
    return str(value)


def put_table(
    ws: Sheet, header: Sequence[str], body: Sequence[Sequence[object]],
    formats: Sequence[str | None] = (), wrap: Sequence[int] = (), freeze: str = "A2",
    tally: Tally | None = None, min_widths: dict[int, int] | None = None,
    estimates: Sequence[int] = (),
) -> None:
    """Header in row 1, frozen above `freeze`; numbers stay numbers, text is made
    formula-safe."""
    formats = list(formats) + [None] * (len(header) - len(formats))
    rows = [[safe(v) for v in values] for values in body]
    widths = [max(cell_width(str(h)), (min_widths or {}).get(i, 0))
              for i, h in enumerate(header)]
    # sized to the header and the first rows: enough to read by, and a province's
    # 100,000 rows are not measured cell by cell
    for values in rows[:WIDTH_SAMPLE]:
        for i, v in enumerate(values):
            widths[i] = max(widths[i], cell_width(shown(v, formats[i])))
    sheet = ws.ws
    for i, w in enumerate(widths):
        sheet.set_column(i, i, 60 if i in wrap else min(w + 2, MAX_WIDTH))
    sheet.freeze_panes(freeze)
    # printed for a meeting: landscape, one page wide, the header row on every page
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    header_style = ws.style(**HEADER_FONT, **HEADER_FILL)
    ws.append([safe(h) for h in header], [header_style] * len(header))
    number_styles = [None if f is None else ws.style(num_format=f) for f in formats]
    wrap_style = ws.style(**WRAP)
    numbers = [i for i, f in enumerate(formats) if f]
    plain = {i for i, f in enumerate(formats) if f == FORMATS["number"]}
    own: dict[str, Any] = {}

    def own_style(v: float, i: int) -> Any:
        f = number_format(v, i in estimates)
        if f not in own:
            own[f] = ws.style(num_format=f)
        return own[f]

    for values in rows:
        styles: list[Any] = []
        if numbers or wrap:
            styles = [
                own_style(v, i)
                if i in plain and type(v) in (int, float)
                else number_styles[i]
                if number_styles[i] is not None and type(v) in (int, float)
                else wrap_style if i in wrap
                else None
                for i, v in enumerate(values)
            ]
        ws.append(values, styles)
        if tally is not None:
            tally.add()


def summary(ws: Sheet, content: SnapshotContent, lang: str,
            counted: list[tuple[District, int, Counter, Counter]]) -> None:
    header = [WORKBOOK.text("district", lang), WORKBOOK.text("total", lang)]
    header += [WORKBOOK.text("schedule", lang) + verdict_label(v, lang) for v in SCHEDULE_VERDICTS]
    header += [WORKBOOK.text("growth", lang) + verdict_label(v, lang) for v in GROWTH_VERDICTS]
    # rows only monitored and rows waiting for their target: each counted once, after both
    # readings, so a district's counts add up to its rows
    header += [verdict_label(v, lang) for v in UNJUDGED_ROWS]
    body = [[district_name(d, lang), n, *(sched[v] for v in SCHEDULE_VERDICTS),
             *(growth[v] for v in GROWTH_VERDICTS), *(sched[v] for v in UNJUDGED_ROWS)]
            for d, n, sched, growth in counted]
    # column B also holds the snapshot's time below the counts: a date too narrow for
    # its column shows as ####
    put_table(ws, header, body, min_widths={1: cell_width("2026-01-01 00:00:00")})
    # the snapshot's identity below the counts, so the counts table keeps row 1 as header
    ws.append([])
    # Excel keeps no time zone: the time is written as UTC, and its label says so
    taken = content.taken_at.astimezone(UTC).replace(tzinfo=None)
    bold = ws.style(**HEADER_FONT)
    value_styles = {"tolerance": ws.style(num_format="0%"),
                    "taken_at": ws.style(num_format=DATE_TIME)}
    for key, value in (("label", content.label), ("actor", content.actor),
                       ("taken_at", taken), ("tolerance", content.tolerance)):
        ws.append([safe(WORKBOOK.text(key, lang)), safe(value)],
                  [bold, value_styles.get(key)])


def district_sheet(ws: Sheet, plan: Sequence[PlanRow], lang: str, tally: Tally,
                   districts: dict[str, str] | None = None) -> None:
    body = [plan_cells(r, lang, districts) for r in plan]
    last = len(body)
    ws.ws.autofilter(0, 0, last, len(COLUMNS) - 1)
    # a printed page shows the plan table; the id (column A) and the machine columns
    # after the table are for imports
    ws.ws.print_area(0, 1, last, len(PLAN_COLUMNS) - 1)
    # C2: id and name stay in view while scrolling right through the figures
    keys = [c.key for c in COLUMNS]
    put_table(ws, [c.header(lang) for c in COLUMNS], body,
              formats=[FORMATS.get(c.kind) for c in COLUMNS], freeze="C2", tally=tally,
              min_widths={keys.index("unit"): cell_width(WIDEST_UNIT)},
              estimates=[keys.index(k) for k in ESTIMATES])


def achievements(ws: Sheet, content: SnapshotContent, lang: str) -> None:
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
    # its rows wait in temporary files in a folder of its own beside the workbook, gone
    # with it whatever happens (an interrupted export leaves nothing behind)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".xlsx-") as tmp:
        _write(content, path, lang, progress, rows, tmp)


def _write(content: SnapshotContent, path: Path, lang: str, progress: Progress,
           rows: Rows | None, tmp: str) -> None:
    rows = rows or rows_of(content)
    # text stays text: a name that begins with "=" or looks like a number or a link is
    # written as the planner typed it (neutral() has quoted what a formula would be)
    wb = Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                              "strings_to_numbers": False, "strings_to_urls": False,
                              "tmpdir": tmp})
    styles: dict[tuple, Any] = {}
    tally = Tally(rows.total, progress)
    taken: set[str] = set()
    # the summary sheet comes first in the workbook but is filled last: its counts are
    # of the districts, which are written (and let go) one at a time
    first = Sheet(wb, sheet_title(WORKBOOK.text("summary", lang), taken), styles)
    counted = []
    names = district_names(content, lang)
    for d, plan in rows.districts:
        district_sheet(Sheet(wb, sheet_title(district_name(d, lang), taken), styles), plan,
                       lang, tally, names)
        counted.append((d, len(plan), *verdict_counts(plan)))
    summary(first, content, lang, counted)
    achievements(Sheet(wb, sheet_title(WORKBOOK.text("achievements", lang), taken), styles),
                 content, lang)
    wb.close()
