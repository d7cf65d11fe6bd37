"""Planning an import: what a file would change in the store, checked row by row (or every
problem, and no change), then written as one audited transaction; and the dry-run report."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from operator import attrgetter
from typing import Any

from pydantic import ValidationError

from tracker.errors import TrackerError, invalid
from tracker.formats.plan_table import ATTRIBUTE_LABELS, BY_KEY
from tracker.gc_pause import collector_paused
from tracker.i18n import name_of
from tracker.i18n.codes import field_value
from tracker.importer.columns import ValueColumns
from tracker.importer.files import ImportFile, ImportProblems, Problem, Row, Snapshot, id_text
from tracker.models import (
    ATTRIBUTES,
    DIRECTIONS,
    QUALITIES,
    TARGET_TYPES,
    ImportedValue,
    Indicator,
    Measurement,
    NewIndicator,
)
from tracker.numbers import (
    NumberError,
    YearError,
    bounded,
    parse_quantity,
    parse_year,
    plain,
)
from tracker.store import Store
from tracker.text_format import exact_num, sampled_lines
from tracker.work_counts import Progress, Tally, unheard

# the plan fields an import may change on an indicator that already exists
UPDATABLE = ("baseline_value", "baseline_year", "target_value", "target_year", "direction",
             "target_type", "band", "attribute", "department")
NEEDED_TO_CREATE = ("district", "name_zh", "name_en", "unit", "direction", "attribute")
# an attribute may be written as its code or as either label
ATTRIBUTE_ALIASES = {label.casefold(): code for code, pair in ATTRIBUTE_LABELS.items()
                     for label in pair}
# a checked indicator's fields, in their order, as one tuple
_FIELDS_OF = attrgetter(*Indicator.model_fields)
# rows checked per read of the stored plans they may change
_BATCH = 2_000
SCIENTIFIC = re.compile(r"^[+-]?[0-9]+(\.[0-9]*)?[eE][+-]?[0-9]{1,3}$")


# -- planning -----------------------------------------------------------------------


@dataclass
class ImportPlan:
    source: str
    # a file's records become flat tuples once checked (NewIndicator, ImportedValue), a
    # snapshot's values columns of them
    new_indicators: list[Indicator | NewIndicator] = field(default_factory=list)
    updates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    previous: dict[str, dict[str, Any]] = field(default_factory=dict)  # for the report
    measurements: list[Measurement | ImportedValue] | ValueColumns = field(
        default_factory=list)
    ignored: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.new_indicators or self.updates or self.measurements)


def plan_import(store: Store, parsed: ImportFile, progress: Progress = unheard) -> ImportPlan:
    """What importing `parsed` would change; raises ImportProblems listing every problem.
    `progress` hears how many of a table's rows are checked."""
    planner = _Planner(store, parsed)
    with collector_paused():
        if parsed.snapshot is not None:
            planner.snapshot(parsed.snapshot)
        tally = Tally(len(parsed.rows), progress, step=1)
        for rows in batched(parsed.rows, _BATCH):
            planner.rows(rows)
            tally.add(len(rows))
        if tally.done != tally.total:
            # a workbook's rows were counted from its sheets' sizes, blank rows too
            progress(tally.done, tally.done)
    planner.skip_stored()
    if planner.problems:
        raise ImportProblems(parsed.path, planner.problems)
    return planner.plan


def apply_import(store: Store, plan: ImportPlan, progress: Progress = unheard,
                 written: Progress = unheard) -> bool:
    """Write the plan in one transaction; False (and nothing audited) when there is nothing.
    `written` hears how many of its values are written, then `progress` how many of the
    indicators it touches have their verdicts judged."""
    if plan.empty:
        return False
    store.import_batch(plan.new_indicators, plan.updates, plan.measurements, plan.source,
                       progress, written)
    return True


class _Planner:
    def __init__(self, store: Store, parsed: ImportFile) -> None:
        self.plan = ImportPlan(source=str(parsed.path), ignored=parsed.ignored)
        self.problems: list[Problem] = []
        # only what this file names is read from the store, a batch of rows or records at
        # a time (see rows() and snapshot()), so a province's plans are never all models at
        # once; a plan table's rows need only the units before their own checks
        self.known: dict[str, Indicator | NewIndicator] = {}
        self.units: dict[str, str] = {}
        self.added: dict[str, NewIndicator] = {}  # what a snapshot adds, by id
        # a table whose columns may change a plan reads the stored plans its rows name a
        # batch at a time; a table of values alone reads only their units
        self.plans = parsed.snapshot is None and bool(parsed.rows.headers & set(UPDATABLE))
        # a district may be written as its id or either name
        self.districts: dict[str, str] = {}
        for d in store.districts():
            self.districts |= {d.id: d.id, d.name_zh.casefold(): d.id, d.name_en.casefold(): d.id}
        # only a snapshot's indicators name the achievement their baseline comes from
        self.achievements = ({a.id for a in store.achievements()}
                             if parsed.snapshot is not None else set())
        self.store = store
        # the row (and sheet) each id was first read on
        self.seen: dict[str, tuple[int, str | None]] = {}
        self.name = parsed.path.name
        self.source = f"import: {self.name}"  # one text, not one per value

    # -- the rows of a plan table

    def rows(self, rows: Sequence[Row]) -> None:
        """Check a batch of rows, the stored indicators they name read for the batch."""
        wanted = {id_text(r.cells.get("id")) for r in rows} - self.units.keys()
        wanted.discard("")
        self.units |= self.store.indicator_units(wanted)
        if self.plans:
            self.known = self.store.indicators_by_id([i for i in wanted if i in self.units])
        for r in rows:
            self.row(r)

    def row(self, r: Row) -> None:
        cells = _Cells(r, self.problems)
        iid = cells.text("id")
        if not iid:
            cells.fail("id", TrackerError("import_required"))
            return
        if iid in self.seen:
            number, sheet = self.seen[iid]
            cells.fail("id", TrackerError(
                "import_duplicate_id", id=iid,
                other=f"{number} ({sheet})" if sheet else str(number)))
            return
        self.seen[iid] = (r.number, r.sheet)
        stored_unit, given_unit = self.units.get(iid), cells.text("unit")
        unit = given_unit if stored_unit is None else stored_unit
        if stored_unit is not None and given_unit and given_unit != stored_unit:
            cells.fail("unit", TrackerError("import_unit_mismatch", found=given_unit,
                                            unit=stored_unit))
        fields = cells.plan_fields(unit)
        value, year = cells.number("latest_value", unit), cells.year("latest_year")
        quality = cells.choice("quality", QUALITIES) or "final"
        if (value is None) != (year is None):
            missing, other = ("latest_value", "latest_year") if value is None \
                else ("latest_year", "latest_value")
            cells.fail(missing, TrackerError("import_pair", column=r.headers.get(missing, missing),
                                             other=r.headers.get(other, other)))
        if cells.failed:
            return
        if stored_unit is None:
            if self._create(iid, cells, fields) is None:
                return
        elif fields:
            self._update(self._model(iid), fields, cells)
        # one value at most per row, and one row per id (a second is refused above), so
        # no value of the file is another's twin
        if value is not None and year is not None:
            # checked as a value is, then kept as the flat tuple its row is written from
            m = Measurement(indicator=iid, year=year, value=value, quality=quality,
                            source=self.source)
            self.plan.measurements.append(ImportedValue(
                m.indicator, m.year, m.value, m.quality, self.source))

    def skip_stored(self) -> None:
        """Drop the values already stored, so a re-import adds nothing. Only the years the
        file has are read: a province's history stays on disk."""
        ms = self.plan.measurements
        if not ms:
            return
        if isinstance(ms, ValueColumns):
            ids, years = ms.indicators(), set(ms.years)
        else:
            ids, years = {m.indicator for m in ms}, {m.year for m in ms}
        stored = {(i, y, v) for i, y, v, _ in self.store.value_keys(ids, years=years)}
        if not stored:  # nothing to drop: a snapshot's million values are not copied
            return
        kept = (m for m in ms if (m.indicator, m.year, m.value) not in stored)
        self.plan.measurements = ValueColumns(kept) if isinstance(ms, ValueColumns) \
            else list(kept)

    def _create(self, iid: str, cells: _Cells, fields: dict) -> Indicator | None:
        district = cells.choice("district", (), self.districts)
        missing = [k for k in NEEDED_TO_CREATE if k not in cells.row.headers
                   or (k != "unit" and cells.raw(k) is None)]
        if missing or cells.failed:
            if missing:
                names = [k if BY_KEY[k].zh == k else f"{BY_KEY[k].zh}/{BY_KEY[k].en}"
                         for k in missing]
                cells.fail("id", TrackerError("import_unknown_indicator", id=iid,
                                              missing=", ".join(names)))
            return None
        data = {"id": iid, "district": district, "name_zh": cells.text("name_zh"),
                "name_en": cells.text("name_en"), "unit": cells.text("unit"), **fields}
        try:
            ind = Indicator.model_validate(data)
        except ValidationError as e:
            cells.fail(_column_of(e), invalid(e))
            return None
        self.plan.new_indicators.append(NewIndicator._make(_FIELDS_OF(ind)))
        self.units[iid] = ind.unit
        return ind

    def _model(self, iid: str) -> Indicator:
        if iid not in self.known:  # read with its batch, but a snapshot's come one by one
            self.known[iid] = self.store.indicator(iid)
        return self.known[iid]

    def _update(self, current: Indicator | NewIndicator, fields: dict,
                cells: _Cells | None = None, where: str | None = None) -> None:
        changes = {k: v for k, v in fields.items() if v is not None and getattr(current, k) != v}
        if not changes:
            return
        # a snapshot may name an indicator it adds a second time
        was = current.model_dump() if isinstance(current, Indicator) else current._asdict()
        try:
            Indicator.model_validate({**was, **changes})
        except ValidationError as e:
            if cells is not None:
                cells.fail(_column_of(e), invalid(e))
            else:
                self.problems.append(Problem(invalid(e), where=where))
            return
        self.plan.updates.append((current.id, changes))
        self.plan.previous[current.id] = {k: getattr(current, k) for k in changes}

    # -- a JSON snapshot

    def snapshot(self, snap: Snapshot) -> None:
        inds, added = snap.indicators, self.added
        for start in range(0, len(inds), _BATCH):
            batch = inds[start:start + _BATCH]
            # the stored plans a batch may change, read for the batch
            stored = self.store.indicators_by_id({ind.id for ind in batch})
            for i, ind in enumerate(batch, start):
                where = f"indicators[{i}] ({ind.id})"
                current = stored.get(ind.id) or added.get(ind.id)
                if current is not None:
                    self._update(current, {k: getattr(ind, k) for k in UPDATABLE
                                           if getattr(ind, k) not in (None, "")}, where=where)
                    continue
                if ind.district not in self.districts.values():
                    choices = ", ".join(dict.fromkeys(self.districts.values()))
                    self.problems.append(Problem(TrackerError(
                        "no_district", id=ind.district, choices=choices), where=where))
                elif ind.baseline_achievement and \
                        ind.baseline_achievement not in self.achievements:
                    self.problems.append(Problem(TrackerError(
                        "import_no_achievement", id=ind.baseline_achievement), where=where))
                else:
                    new = ind if (ind.retired, ind.version) == (False, 1) \
                        else ind._replace(retired=False, version=1)
                    self.plan.new_indicators.append(new)
                    added[ind.id] = new
        # the indicators a value may be of: those stored and those the file adds
        values = snap.measurements
        known = added.keys() | self.store.indicator_units(values.indicators()).keys()
        # an identical value already stored is matched once, so re-importing adds nothing
        # and a value entered twice on purpose (a revision undone) still comes across
        twins = self._stored_twins(values, known)
        kept = self.plan.measurements = ValueColumns()
        for i, m in enumerate(values):
            if m.indicator not in known:
                self.problems.append(Problem(TrackerError("no_indicator", id=m.indicator),
                                             where=f"measurements[{i}]"))
            elif not twins[i]:
                kept.append(m)

    def _stored_twins(self, values: ValueColumns, known: Collection[str]) -> bytearray:
        """Which of the values (by place) are already stored, each stored value matching
        one of them, the first in the file's order. The stored values are read a batch of
        indicators at a time: a province's are a million."""
        twins = bytearray(len(values))
        places = values.by_indicator()
        ids = [i for i in places if i in known]
        for start in range(0, len(ids), _BATCH):
            batch = ids[start:start + _BATCH]
            have = Counter(self.store.value_keys(batch))
            if not have:
                continue
            for iid in batch:
                for k in places[iid]:
                    m = values[k]
                    key = (m.indicator, m.year, m.value, m.quality)
                    if have[key]:
                        have[key] -= 1
                        twins[k] = 1
        return twins


def batched(items: Iterable[Row], size: int) -> Iterator[list[Row]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _column_of(e: ValidationError) -> str:
    """The column a model's complaint is about; cross-field rules name no field."""
    loc = e.errors()[0]["loc"]
    if loc:
        return str(loc[0])
    msg = e.errors()[0]["msg"]
    for words, key in (("target", "target_year"), ("baseline", "baseline_year"),
                       ("maintain", "direction")):
        if words in msg:
            return key
    return "id"


class _Cells:
    """Typed reads of one row's cells; each failure is recorded with row and column."""

    def __init__(self, row: Row, problems: list[Problem]) -> None:
        self.row, self.problems, self.failed = row, problems, False

    def fail(self, key: str, error: TrackerError) -> None:
        self.failed = True
        self.problems.append(Problem(error, self.row.number, self.row.headers.get(key, key),
                                     self.row.sheet))

    def raw(self, key: str) -> Any:
        return self.row.cells.get(key)

    def text(self, key: str) -> str:
        v = self.raw(key)
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        # already trimmed by _cell: what is left (a leading tab) is part of the text
        return "" if v is None else str(v)

    def number(self, key: str, unit: str) -> float | None:
        v = self.raw(key)
        if v is None:
            return None
        try:
            # a spreadsheet's number cell obeys the bounds a typed number does
            if isinstance(v, int | float) and not isinstance(v, bool):
                return bounded(float(v))
            if isinstance(v, str):
                try:
                    return parse_quantity(v, unit)
                except NumberError:
                    # 1.2e+20, as a spreadsheet writes a long number; plain() refuses
                    # other digits again, so they never reach float()
                    if not SCIENTIFIC.match(plain(v)):
                        raise
                return bounded(float(plain(v)), v)
            raise NumberError(v)
        except (NumberError, OverflowError) as e:
            self.fail(key, e if isinstance(e, NumberError) else NumberError(v))
        return None

    def year(self, key: str) -> int | None:
        v = self.raw(key)
        if v is None:
            return None
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        try:
            if isinstance(v, int) and not isinstance(v, bool):
                return parse_year(str(v))
            if isinstance(v, str):
                return parse_year(v)
        except YearError:
            pass
        self.fail(key, YearError(v))
        return None

    def choice(self, key: str, codes: tuple[str, ...], aliases: dict | None = None) -> Any:
        if self.raw(key) is None:
            return None
        text = self.text(key)
        table = {c: c for c in codes} | (aliases or {})
        found = table.get(unicodedata.normalize("NFKC", text).casefold())
        if found is None:
            choices = ", ".join(dict.fromkeys(table.values()))
            self.fail(key, TrackerError("import_choice", text=text[:40], choices=choices))
        return found

    def plan_fields(self, unit: str) -> dict[str, Any]:
        fields = {}
        # only the columns the file has: a file of values alone has none of them
        headers = self.row.headers
        for key, read in _PLAN_FIELDS.items():
            if key not in headers:
                continue
            value = read(self, key, unit)
            if value is not None:
                fields[key] = value
        return fields


# how each plan field is read from its cell, given the indicator's unit
_PLAN_FIELDS: dict[str, Callable[[_Cells, str, str], Any]] = {
    "baseline_value": _Cells.number,
    "baseline_year": lambda c, k, _: c.year(k),
    "target_value": _Cells.number,
    "target_year": lambda c, k, _: c.year(k),
    "band": _Cells.number,
    "direction": lambda c, k, _: c.choice(k, DIRECTIONS),
    "target_type": lambda c, k, _: c.choice(k, TARGET_TYPES),
    "attribute": lambda c, k, _: c.choice(k, ATTRIBUTES, ATTRIBUTE_ALIASES),
    "department": lambda c, k, _: c.text(k) or None,
}


# -- the dry-run report ---------------------------------------------------------------


def _shown(value: Any, field: str = "", lang: str = "zh") -> str:
    """A value of the preview as the planner checks it before applying: every digit of a
    number (the preview is read against the file), a code by its label (初步数, 约束性)."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return exact_num(value, grouped=True)
    return str(field_value(field, value, lang))


def describe(plan: ImportPlan, lang: str, limit: int | None = None) -> str:
    """What applying the plan would change, one line each, in zh or en. With `limit`, each
    kind of change lists at most that many lines and says how many more there are: a
    province's import is a hundred thousand lines, more than a screen can lay out."""
    return "\n".join(describe_lines(plan, lang, limit))


def describe_lines(plan: ImportPlan, lang: str, limit: int | None = None) -> Iterator[str]:
    """describe's lines, each made as it is asked for, for a report written as it is made."""
    if plan.empty:
        yield TrackerError("import_nothing", path=plan.source).text(lang)
    else:
        yield TrackerError("import_summary", path=plan.source, added=len(plan.new_indicators),
                           updated=len(plan.updates), values=len(plan.measurements)).text(lang)

    def more(n: int) -> str:
        return TrackerError("import_more_lines", count=n, path=plan.source).text(lang)

    def listed(items: Sequence, line: Any) -> Iterator[str]:
        return sampled_lines(items, lambda x: "  " + line(x).text(lang), limit, more)

    yield from listed(plan.new_indicators, lambda ind: TrackerError(
        "import_line_add", id=ind.id, name=name_of(ind, lang),
        district=ind.district))
    yield from listed(
        [(iid, key, new) for iid, changes in plan.updates for key, new in changes.items()],
        lambda change: TrackerError(
            "import_line_update", id=change[0],
            field=BY_KEY[change[1]].header(lang) if change[1] in BY_KEY else change[1],
            old=_shown(plan.previous[change[0]].get(change[1]), change[1], lang),
            new=_shown(change[2], change[1], lang)))
    yield from listed(plan.measurements, lambda m: TrackerError(
        "import_line_value", id=m.indicator, year=m.year, value=_shown(m.value),
        quality=_shown(m.quality, "quality", lang)))
    if plan.ignored:
        yield TrackerError("import_ignored", columns=", ".join(plan.ignored)).text(lang)
