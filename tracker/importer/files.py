"""Reading an import: a plan table (csv or xlsx, as exported) or a JSON snapshot, into rows
or a validated snapshot, with every problem named by sheet, row and column."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from tracker.errors import TrackerError, invalid
from tracker.formats.plan_table import COLUMNS, unneutral
from tracker.gc_pause import collector_paused
from tracker.i18n.errors import MESSAGES
from tracker.i18n.punctuation import colon, comma
from tracker.importer.columns import ValueColumns
from tracker.importer.json_stream import Elements, NotJson, members
from tracker.models import (
    EXPORT_ONLY,
    SNAPSHOT_SCHEMA_VERSION,
    ImportedValue,
    Indicator,
    IndicatorState,
    Measurement,
    NewIndicator,
    SnapshotContent,
)
from tracker.numbers import NumberError, bounded
from tracker.safe_files import NotRegular, open_regular, read_regular

# a sheet with an id and one of these is a plan table; others (summary, achievements) are not
PLAN_SIGNS = {"district", "baseline_value", "target_value", "latest_value", "target_year"}
HEADERS = {h.casefold(): c.key for c in COLUMNS for h in c.read_as}
MAX_LISTED = 50


# -- what a file holds --------------------------------------------------------------


# slots: a province's file is 100,000 rows, and a dict per row to hold four fields
# would cost more than the fields
@dataclass(frozen=True, slots=True)
class Row:
    number: int  # as the spreadsheet shows it: the header is row 1
    cells: dict[str, Any]
    headers: dict[str, str]  # column key -> the header as written in the file
    sheet: str | None = None


@dataclass(frozen=True)
class Table:
    """One plan table of a file: its header, and a way to read its records again."""

    sheet: str | None
    keys: dict[int, str]  # the position of each column the importer reads -> its key
    headers: dict[str, str]  # column key -> the header as written in the file
    records: Callable[[], Iterator[Sequence[Any]]]  # the records below the header


class Rows:
    """A file's rows, read from the file's text as they are checked, not held: a province's
    table is 100,000 rows of 30 cells, and holding them as cells took more memory than all
    the rest of an import. How many there are is known before: a csv file is read through
    once to count them; a workbook's sheets say how many rows they have (blank ones too)."""

    def __init__(self, tables: Sequence[Table] = (), count: int = 0) -> None:
        self.tables, self.count = tuple(tables), count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Row]:
        for t in self.tables:
            sheet, keys, headers = t.sheet, t.keys.items(), t.headers
            for number, record in enumerate(t.records(), start=2):
                size = len(record)
                cells = {k: _cell(record[i]) for i, k in keys if i < size}
                if any(v is not None for v in cells.values()):
                    yield Row(number, cells, headers, sheet)

    @property
    def headers(self) -> set[str]:
        """The keys of every column the tables have."""
        return {k for t in self.tables for k in t.headers}


@dataclass(frozen=True)
class Snapshot:
    """A JSON snapshot's indicators and values, each checked as its model, then kept as
    the flat tuple an import writes: a province's snapshot is a million values, and its
    models (or the objects json.loads makes) held to the end took gigabytes. Only what an
    import reads is kept: the plans, not the verdicts they had."""

    indicators: list[NewIndicator] = field(default_factory=list)
    measurements: ValueColumns = field(default_factory=ValueColumns)


@dataclass(frozen=True)
class ImportFile:
    path: Path
    fmt: str
    rows: Rows = Rows()
    snapshot: Snapshot | None = None
    ignored: tuple[str, ...] = ()  # columns the importer does not read


@dataclass(frozen=True)
class Problem:
    error: TrackerError
    row: int | None = None
    column: str | None = None
    sheet: str | None = None
    where: str | None = None

    def text(self, lang: str) -> str:
        parts = []
        if self.sheet:
            parts.append(MESSAGES.text("import_at_sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(MESSAGES.text("import_at_row", lang, row=self.row))
        if self.column:
            parts.append(MESSAGES.text("import_at_column", lang, column=self.column))
        if self.where:
            parts.append(self.where)
        place = comma(lang).join(parts)
        return f"{place}{colon(lang)}{self.error.text(lang)}" if place \
            else self.error.text(lang)


class ImportProblems(TrackerError):
    """Every problem found in a file, one per line; nothing was imported."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.problems = problems
        key = "import_problem" if len(problems) == 1 else "import_problems"
        super().__init__(key, path=str(path), count=len(problems))

    def text(self, lang: str = "en") -> str:
        lines = [super().text(lang)]
        lines += [p.text(lang) for p in self.problems[:MAX_LISTED]]
        if len(self.problems) > MAX_LISTED:
            more = TrackerError("import_more", count=len(self.problems) - MAX_LISTED)
            lines.append(more.text(lang))
        return "\n".join(lines)


# -- reading ------------------------------------------------------------------------


def read_import(path: Path) -> ImportFile:
    """Read a .csv, .xlsx or .json file; refuses files it cannot read with one message."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx", "json"):
        raise TrackerError("import_format", path=str(path))
    try:
        # a snapshot is read from the file as it is checked, a table from its bytes
        fh = open_regular(path) if fmt == "json" else None
        data = b"" if fh else read_regular(path)
    except NotRegular:
        raise TrackerError("import_not_regular", path=str(path)) from None
    except OSError as e:
        raise TrackerError("import_unreadable", path=str(path), detail=e.strerror or e) from None
    # a province's file is 100,000 rows of small containers, none in a cycle: the
    # collector would walk them again and again as they are read
    with collector_paused():
        if fh is not None:
            with fh:
                try:
                    return ImportFile(path, fmt, snapshot=_snapshot(path, fh))
                except OSError as e:
                    raise TrackerError("import_unreadable", path=str(path),
                                       detail=e.strerror or e) from None
        return _table_file(path, fmt, data)


def _encoding(path: Path, data: bytes) -> str:
    """How CSV text is encoded: UTF-8 (with or without BOM), UTF-16 from Excel's "Unicode
    text", or the GBK/GB18030 older Excel and WPS save by default in China."""
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) \
        else ("utf-8-sig", "gb18030")
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        # gb18030 decodes much binary without complaint: control characters give it away
        if enc != "gb18030" or not any(
            unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text
        ):
            return enc
    raise TrackerError("import_not_text", path=str(path))


# each sheet's title, records and (when the file says) how many records it has
Sheet = tuple[str | None, Iterator[Sequence[Any]], int | None]
Sheets = Callable[[], Iterator[Sheet]]


def _csv_sheets(path: Path, data: bytes) -> Sheets:
    """The csv file as one sheet with no name, decoded again from its bytes as it is read
    each time: a province's file held as text (or as a reader's copy of the text) takes
    two to four times its bytes."""
    encoding = _encoding(path, data)
    with io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="") as fh:
        first = fh.readline()
    delimiter = max(",\t;", key=first.count)

    def sheets() -> Iterator[Sheet]:
        with io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="") as fh:
            yield None, csv.reader(fh, delimiter=delimiter), None

    return sheets


def _xlsx_sheets(data: bytes) -> Sheets:
    """Each sheet's title and records, from the workbook opened again each time."""
    from openpyxl import load_workbook  # only an xlsx import pays for loading openpyxl

    def sheets() -> Iterator[Sheet]:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for ws in wb.worksheets:
                yield ws.title, ws.iter_rows(values_only=True), ws.max_row
        finally:
            wb.close()

    return sheets


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = unneutral(value.strip())
        return value or None
    return value


def id_text(value: Any) -> str:
    """An id cell as text: a spreadsheet's whole number without its ".0"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # already trimmed by _cell: what is left (a leading tab) is part of the text
    return "" if value is None else str(value)


def _header(records: Iterator[Sequence[Any]]) -> tuple[dict[int, str], dict[str, str],
                                                       list[str], TrackerError | None]:
    """The columns a table's first record names: position -> key, key -> header, the
    headers not read, and the complaint about a column named twice."""
    keys: dict[int, str] = {}
    headers: dict[str, str] = {}
    skipped, twice = [], None
    for i, h in enumerate(next(iter(records), ())):
        text = "" if h is None else str(_cell(h) or "")
        key = HEADERS.get(unicodedata.normalize("NFKC", text).casefold())
        if key is None:
            skipped.append(text)
        elif key in headers:
            twice = twice or TrackerError("import_duplicate_column", column=key,
                                          headers=f"{headers[key]}, {text}")
        else:
            keys[i], headers[key] = key, text
    return keys, headers, skipped, twice


def _table_file(path: Path, fmt: str, data: bytes) -> ImportFile:
    """The plan tables of a csv or xlsx file: their columns and how many rows they have
    (a csv file is read through to count them, a workbook's sheets say); the rows
    themselves are read as they are checked."""
    sheets = _csv_sheets(path, data) if fmt == "csv" else _xlsx_sheets(data)
    tables: list[Table] = []
    ignored: list[str] = []
    count = 0
    try:
        for sheet, records, size in sheets():
            keys, headers, skipped, twice = _header(records)
            if "id" not in headers or not PLAN_SIGNS & set(headers):
                continue  # a summary or notes sheet, not a plan table
            if twice:
                raise twice
            ignored += [s for s in skipped if s and s not in ignored]
            tables.append(Table(sheet, keys, headers, _records_of(path, sheets, sheet)))
            if size is not None:  # parsing a workbook twice would double its import
                count += max(0, size - 1)
                continue
            positions = tuple(keys)
            for record in records:
                n = len(record)
                # a row of empty cells is not read, as Rows does not yield it
                if any(v is not None and (not isinstance(v, str) or v.strip())
                       for v in (record[i] for i in positions if i < n)):
                    count += 1
    except TrackerError:
        raise
    except csv.Error as e:
        raise TrackerError("import_unreadable", path=str(path), detail=str(e)) from None
    # a damaged workbook fails in many ways inside zipfile, lxml and openpyxl
    except Exception as e:
        if fmt == "csv":
            raise
        raise TrackerError("import_unreadable", path=str(path), detail=str(e)[:200]) from None
    if not tables:
        raise TrackerError("import_no_table", path=str(path))
    return ImportFile(path, fmt, rows=Rows(tables, count), ignored=tuple(ignored))


def _records_of(path: Path, sheets: Sheets, sheet: str | None
                ) -> Callable[[], Iterator[Sequence[Any]]]:
    """The records below one table's header, read again from the file."""
    def records() -> Iterator[Sequence[Any]]:
        try:
            for title, it, _ in sheets():
                if title == sheet:
                    next(it, None)
                    yield from it
                    return
        # a workbook is read through for the first time here (see _table_file)
        except Exception as e:
            raise TrackerError("import_unreadable", path=str(path),
                               detail=str(e)[:200]) from None
    return records


def _numbers(record: IndicatorState | Measurement) -> list[tuple[str, float]]:
    if isinstance(record, Measurement):
        return [("value", record.value)]
    ind = record.indicator
    return [(f"indicator.{k}", v) for k in ("baseline_value", "target_value", "band")
            if (v := getattr(ind, k)) is not None]


# the arrays of a snapshot read an element at a time, in the order their problems are listed
_RECORDS = {"indicators": IndicatorState, "measurements": Measurement}
_FIELDS_OF = attrgetter(*Indicator.model_fields)
# how many distinct texts (and whole numbers) one import shares between its records
_SHARED = 10_000


class _Kept:
    """What a snapshot's checked records keep: each indicator's plan, flat, with the texts
    and years many of them repeat (a district, a unit, 2025) held once, not once per
    record; and each value's row, in columns."""

    def __init__(self) -> None:
        self.seen: dict[Any, Any] = {}

    def share(self, v: Any) -> Any:
        if type(v) is not str and type(v) is not int:  # bool is not int here: True == 1
            return v
        got = self.seen.get(v)
        if got is not None:
            return got
        if len(self.seen) < _SHARED:
            self.seen[v] = v
        return v

    def indicators(self, states: list[NewIndicator], st: IndicatorState) -> None:
        states.append(NewIndicator._make(map(self.share, _FIELDS_OF(st.indicator))))

    def value(self, values: ValueColumns, m: Measurement) -> None:
        values.append(ImportedValue(m.indicator, m.year, m.value, m.quality, m.source,
                                    m.date, m.note))


def _records(name: str, elements: Elements, kept: _Kept
             ) -> tuple[list[NewIndicator] | ValueColumns, list[Problem]]:
    """One array's records, each checked as it is read, and its problems, each named by
    the record's place."""
    model = _RECORDS[name]
    out: Any = [] if name == "indicators" else ValueColumns()
    keep: Any = kept.indicators if name == "indicators" else kept.value
    problems: list[Problem] = []
    for i, item in enumerate(elements):
        try:
            record = model.model_validate(item)
        except ValidationError as e:
            problems.append(Problem(invalid(e), where=f"{name}[{i}]"))
            continue
        # the numbers a planner could not have typed are not taken from a file either
        for field_name, value in _numbers(record):
            try:
                bounded(value)
            except NumberError as e:
                problems.append(Problem(e, where=f"{name}[{i}].{field_name}"))
        if not problems:  # a file with a problem imports nothing: what is kept is moot
            keep(out, record)
    return out, problems


def _snapshot(path: Path, fh: BinaryIO) -> Snapshot:
    head: dict[str, Any] = {}
    read: dict[str, tuple[list, list[Problem]]] = {}
    kept = _Kept()
    try:
        for name, value in members(fh, streamed=_RECORDS):
            if isinstance(value, Elements):
                read[name] = _records(name, value, kept)
                value = []
            else:
                read.pop(name, None)  # as json.loads, the last of a name given twice counts
            head[name] = value
    except NotJson:
        raise TrackerError("import_not_snapshot", path=str(path)) from None
    if not isinstance(head.get("indicators"), list) \
            or not isinstance(head.get("measurements"), list):
        raise TrackerError("import_not_snapshot", path=str(path))
    version = head.get("schema_version")
    if type(version) is not int:
        raise TrackerError("import_not_snapshot", path=str(path))
    if version < 1:
        raise TrackerError("import_bad_schema", path=str(path), found=version,
                           known=SNAPSHOT_SCHEMA_VERSION)
    if version > SNAPSHOT_SCHEMA_VERSION:
        raise TrackerError("import_newer", path=str(path), found=version,
                           known=SNAPSHOT_SCHEMA_VERSION)
    # record by record, so every bad record is named, not just the first; an array the
    # file gave as elements ([] when it was empty) was read as it came
    states, state_problems = read.get("indicators", ([], []))
    values, value_problems = read.get("measurements", (ValueColumns(), []))
    problems = state_problems + value_problems
    try:
        # what an export adds after the content (every yearly target) is not read back
        own = {k: v for k, v in head.items() if k not in EXPORT_ONLY}
        SnapshotContent.model_validate({**own, "indicators": [], "measurements": []})
    except ValidationError as e:
        problems.append(Problem(invalid(e)))
    if problems:
        raise ImportProblems(path, problems)
    return Snapshot(states, values)  # type: ignore[arg-type]
