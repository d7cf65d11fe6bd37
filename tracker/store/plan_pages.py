"""The plan a page at a time, in display order: what a command or a snapshot reads when
it writes a province's plan as it reads it, never holding it all."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import TypeVar, get_args

from tracker import progress
from tracker.canonical import SCALAR, canonical, object_template, quoted
from tracker.gc_pause import collector_paused
from tracker.models import Indicator, IndicatorState
from tracker.store.connection import Connection, pages, translated
from tracker.store.rows import in_chunks, indicator_fields

T = TypeVar("T")
# what the status cache keeps beyond the verdicts, as IndicatorState names it
STATUS_EXTRAS = (*progress.Heading._fields, "reason", "annual", "baseline_flags", "overdue")
# rows read at a time
PAGE = 2_000
# an indicator's columns, then its cached status's, as `read_states` reads them
STATE_COLUMNS = (
    "i.*, s.latest_year, s.latest_value, s.latest_quality, s.progress_share,"
    " s.time_share, s.schedule_verdict, s.growth_ratio, s.growth_verdict, "
    + ", ".join(f"s.{c}" for c in STATUS_EXTRAS))


def read_states(names: list[str], rows: Iterable[Sequence]) -> list[IndicatorState]:
    """States from rows of the indicator's columns, then the status's as
    STATE_COLUMNS reads them."""
    n = names.index("latest_year")  # the indicator's columns come first
    plan_names = names[:n]
    out = []
    with collector_paused():
        for r in rows:
            year, value, q, progress_share, time_share, schedule, ratio, growth = r[n:n + 8]
            extras = dict(zip(STATUS_EXTRAS, r[n + 8:], strict=True))
            extras["reason"] = extras["reason"] or ""
            extras["annual"] = extras["annual"] and json.loads(extras["annual"])
            extras["baseline_flags"] = json.loads(extras["baseline_flags"] or "[]")
            extras["overdue"] = json.loads(extras["overdue"] or "[]")
            # one validation per row, nested: a third of the cost of three models
            out.append(IndicatorState.model_validate({
                **extras,
                "indicator": indicator_fields(zip(plan_names, r[:n], strict=True)),
                "latest": None if year is None else {
                    "year": year, "value": value, "quality": q or "final"},
                "progress_share": progress_share,
                "time_share": time_share,
                "schedule_verdict": schedule or "no_data",
                "growth_ratio": ratio,
                "growth_verdict": growth or "no_data",
            }))
    return out


# an indicator's fields as Indicator dumps them, in its order; and when SQLite finds a
# row plain: every field that has a default set, no nested model (a plausible range)
INDICATOR_FIELDS = tuple(Indicator.model_fields)
_DEFAULTED = [f for f, info in Indicator.model_fields.items()
              if not info.is_required() and info.default is not None]
_REQUIRED = [f for f, info in Indicator.model_fields.items() if info.is_required()]
_PLAIN_PLAN = (" AND ".join(f"i.{f} IS NOT NULL" for f in [*_REQUIRED, *_DEFAULTED])
               + " AND i.plausible IS NULL")
# and a status's: no yearly reading, no flagged baseline
_PLAIN_STATUS = "s.annual IS NULL AND coalesce(s.baseline_flags, '[]') = '[]'"
_PLAIN_INDICATOR = ", ".join(f"i.{f}" for f in INDICATOR_FIELDS) + f", ({_PLAIN_PLAN}) AS plain"


def read_indicator_dicts(names: list[str], rows: Iterable[Sequence]) -> list[dict]:
    """Rows of _PLAIN_INDICATOR as `Indicator.model_dump(mode="json")` gives them. A plain
    row was checked when it was saved and is only put in the model's shape; any other
    (a field left to its default, a plausible range) is read through the model."""
    out = []
    fields, last = INDICATOR_FIELDS, len(INDICATOR_FIELDS)
    with collector_paused():
        for r in rows:
            if r[last]:
                d = dict(zip(fields, r, strict=False))  # r ends with "plain"
                d["retired"] = bool(d["retired"])
            else:
                ind = Indicator.model_validate(indicator_fields(zip(fields, r, strict=False)))
                d = ind.model_dump(mode="json")
            out.append(d)
    return out


# where Indicator keeps a float: SQLite gives these columns as floats (REAL), and every
# other one of a plain row as the text or whole number it was saved as
def _holds_float(annotation: object) -> bool:
    return annotation is float or any(_holds_float(a) for a in get_args(annotation))


INDICATOR_FLOAT_AT = tuple(i for i, info in enumerate(Indicator.model_fields.values())
                           if _holds_float(info.annotation))
_RETIRED = INDICATOR_FIELDS.index("retired")


def read_indicator_rows(names: list[str], rows: Iterable[Sequence]) -> list[list | dict]:
    """Rows of _PLAIN_INDICATOR: a plain one as the list of `read_indicator_dicts`'s
    values (a CSV line is written from it without a dict made of each row), any other
    as the dict its model dumps."""
    out: list[list | dict] = []
    last, retired = len(INDICATOR_FIELDS), _RETIRED
    with collector_paused():
        for r in rows:
            if r[last]:
                row = list(r)
                del row[last:]
                row[retired] = bool(row[retired])
                out.append(row)
            else:
                out.append(Indicator.model_validate(indicator_fields(
                    zip(INDICATOR_FIELDS, r, strict=False))).model_dump(mode="json"))
    return out


# what a command writes of each state of a province's plan, as `plain_state_pages` hands
# a plain row out: the indicator's fields, then its status's with their defaults in place
PLAIN_STATE_FIELDS = (
    "id", "district", "name_zh", "name_en", "unit", "direction", "attribute", "target_type",
    "baseline_value", "baseline_year", "target_value", "target_year", "department",
    "values_as", "milestone_state", "milestone_date", "milestone_evidence",
    "latest_year", "latest_value", "progress_share", "time_share", "schedule_verdict",
    "growth_ratio", "growth_verdict", *STATUS_EXTRAS[:-4], "reason", "overdue")
_STATUS_DEFAULTS = {"schedule_verdict": "'no_data'", "growth_verdict": "'no_data'",
                    "reason": "''", "overdue": "'[]'"}
_PLAIN_STATE = (
    ", ".join(f"i.{f}" if f in Indicator.model_fields
              else f"coalesce(s.{f}, {_STATUS_DEFAULTS[f]})" if f in _STATUS_DEFAULTS
              else f"s.{f}" for f in PLAIN_STATE_FIELDS)
    + f", ({_PLAIN_PLAN} AND {_PLAIN_STATUS}) AS plain")


# a state's columns in IndicatorState's order, its indicator's first (`read_state_dicts`)
_STATE_DICT = (
    ", ".join(f"i.{f}" for f in INDICATOR_FIELDS)
    + ", s.latest_year, s.latest_value, coalesce(s.latest_quality, 'final'),"
    " s.progress_share, s.time_share, coalesce(s.schedule_verdict, 'no_data'),"
    " s.growth_ratio, coalesce(s.growth_verdict, 'no_data'), "
    + ", ".join(f"s.{f}" for f in STATUS_EXTRAS[:-4])
    + ", coalesce(s.reason, ''), coalesce(s.overdue, '[]'),"
    f" ({_PLAIN_PLAN} AND {_PLAIN_STATUS}) AS plain")
# the fields of a state between its latest value and its reason, as _STATE_DICT reads them
_STATE_MIDDLE = ("progress_share", "time_share", "schedule_verdict", "growth_ratio",
                 "growth_verdict", *STATUS_EXTRAS[:-4])


def read_state_dict(r: Sequence) -> dict:
    """A plain row of _STATE_DICT as `IndicatorState.model_dump(mode="json")` gives it."""
    n = len(INDICATOR_FIELDS)
    ind = dict(zip(INDICATOR_FIELDS, r[:n], strict=True))
    ind["retired"] = bool(ind["retired"])
    year, overdue = r[n], r[-2]
    state = {"indicator": ind,
             "latest": None if year is None else {
                 "year": year, "value": r[n + 1], "quality": r[n + 2]}}
    state.update(zip(_STATE_MIDDLE, r[n + 3:-3], strict=True))
    state["reason"] = r[-3]
    state["annual"] = None
    state["baseline_flags"] = []
    state["overdue"] = [] if overdue == "[]" else json.loads(overdue)
    return state


# read_state_dict's state as canonical text, written from the row: its fields put in
# their keys' order, each a slot of one template
_N = len(INDICATOR_FIELDS)
_INDICATOR_TEXT = object_template(INDICATOR_FIELDS)
_INDICATOR_AT = itemgetter(*sorted(range(_N), key=INDICATOR_FIELDS.__getitem__))
_RETIRED_AT = INDICATOR_FIELDS.index("retired")
_RETIRED_SLOT = sorted(INDICATOR_FIELDS).index("retired")
_STATE_AT = {"reason": -3, **{f: _N + 3 + i for i, f in enumerate(_STATE_MIDDLE)}}
_STATE_TEXT = object_template(
    ["annual", "baseline_flags", "indicator", "latest", "overdue", *_STATE_AT],
    literal={"annual": "null", "baseline_flags": "[]"})
_LATEST_TEXT = object_template(("year", "value", "quality"))
# the state's other slots, in their order; its indicator, latest value and overdue years
# sort together, after the first _OWN_SLOT of them
_STATE_REST = itemgetter(*(_STATE_AT[k] for k in sorted(_STATE_AT)))
_OWN_SLOT = sum(k < "indicator" for k in _STATE_AT)
if any("indicator" < k < "overdue" for k in _STATE_AT):
    raise RuntimeError("a state's field sorts among its indicator, latest and overdue")


def read_state_text(r: Sequence) -> str:
    """`canonical(read_state_dict(r))`, written straight from the row: a province's plan is
    hashed and kept without a dict made, sorted and encoded for each of its states. Text
    is the most of a row, so it is told apart first."""
    q, scalar = quoted, SCALAR
    ind = [q(x) if x.__class__ is str else "null" if x is None else scalar[x.__class__](x)
           for x in _INDICATOR_AT(r)]
    ind[_RETIRED_SLOT] = "true" if r[_RETIRED_AT] else "false"
    year, overdue = r[_N], r[-2]
    slots = [q(x) if x.__class__ is str else "null" if x is None else scalar[x.__class__](x)
             for x in _STATE_REST(r)]
    slots[_OWN_SLOT:_OWN_SLOT] = (
        _INDICATOR_TEXT % tuple(ind),
        "null" if year is None else _LATEST_TEXT % tuple(
            scalar[x.__class__](x) for x in (r[_N + 2], r[_N + 1], year)),
        "[]" if overdue == "[]" else canonical(json.loads(overdue)))
    return _STATE_TEXT % tuple(slots)


class PlanPages(Connection):
    """Windows of the plan keyed on where the last one ended; its districts are the
    plan's (`Plan.districts`, beside it in `Store`)."""

    @translated
    def indicator_state_pages(self, district: str | None = None, size: int | None = None
                              ) -> Iterator[list[IndicatorState]]:
        """The plan in display order, `size` states at a time, as `indicator_states` reads
        them: a command writes a province's plan without holding it all. Inside
        `reading()` the pages are one state of the file."""
        return self._pages(
            "SELECT i.position, i.id, " + STATE_COLUMNS + " FROM indicators i"
            " LEFT JOIN indicator_status s ON s.indicator = i.id WHERE i.retired = 0",
            read_states, district, size)

    @translated
    def plain_state_pages(self, district: str | None = None, size: int | None = None
                          ) -> Iterator[list[tuple | IndicatorState]]:
        """`indicator_state_pages`, each plain state as the tuple of PLAIN_STATE_FIELDS
        rather than a model: a command writes a province's plan without checking again
        100,000 rows checked when they were saved. A state with more to it (a yearly
        reading, a flagged baseline, a field left to its default) is its model."""
        return self._pages(
            "SELECT i.position, i.id, " + _PLAIN_STATE + " FROM indicators i"
            " LEFT JOIN indicator_status s ON s.indicator = i.id WHERE i.retired = 0",
            self._read_plain_states, district, size)

    def _read_plain_states(self, names: list[str], rows: Iterable[Sequence]
                           ) -> list[tuple | IndicatorState]:
        """Rows of _PLAIN_STATE: a plain one as the tuple of PLAIN_STATE_FIELDS (only put
        in order), any other read again, whole, as its IndicatorState."""
        n = len(PLAIN_STATE_FIELDS)
        out: list[tuple | IndicatorState] = []
        others: dict[str, int] = {}
        for r in rows:
            if not r[n]:
                others[r[0]] = len(out)
            out.append(r[:n])
        for st in self._states_of(others):
            out[others[st.indicator.id]] = st
        return out

    @translated
    def state_dict_pages(self, district: str | None = None, size: int | None = None
                         ) -> Iterator[list[dict]]:
        """`indicator_state_pages` as the dicts their models dump (mode "json"): a plain
        state put in that shape from its row, any other read whole through its model. A
        snapshot keeps and hashes a province's plan without a model made of each state."""
        return self._pages(
            "SELECT i.position, i.id, " + _STATE_DICT + " FROM indicators i"
            " LEFT JOIN indicator_status s ON s.indicator = i.id WHERE i.retired = 0",
            self._read_state_dicts, district, size)

    def _read_state_dicts(self, names: list[str], rows: Iterable[Sequence]) -> list[dict]:
        return self._plain_or_dumped(rows, read_state_dict,
                                     lambda st: st.model_dump(mode="json"))

    @translated
    def state_text_pages(self, district: str | None = None, size: int | None = None
                         ) -> Iterator[list[str]]:
        """`state_dict_pages` as each dict's canonical JSON text (`canonical`): a plain
        state written from its row, any other dumped by its model. A snapshot hashes and
        keeps a province's plan as these texts."""
        return self._pages(
            "SELECT i.position, i.id, " + _STATE_DICT + " FROM indicators i"
            " LEFT JOIN indicator_status s ON s.indicator = i.id WHERE i.retired = 0",
            lambda names, rows: self._plain_or_dumped(
                rows, read_state_text, lambda st: canonical(st.model_dump(mode="json"))),
            district, size)

    def _plain_or_dumped(self, rows: Iterable[Sequence], plain: Callable[[Sequence], T],
                         dumped: Callable[[IndicatorState], T]) -> list[T]:
        """Rows of _STATE_DICT, a plain one as `plain` reads it, any other read again,
        whole, as its IndicatorState and `dumped`."""
        out: list = []
        others: dict[str, int] = {}
        for r in rows:
            if r[-1]:
                out.append(plain(r))
            else:
                others[r[0]] = len(out)
                out.append(None)
        for st in self._states_of(others):
            out[others[st.indicator.id]] = dumped(st)
        return out

    def _states_of(self, ids: Iterable[str]) -> list[IndicatorState]:
        """These indicators' states, whole, in no particular order."""
        states: list[IndicatorState] = []
        for chunk, marks in in_chunks(ids):
            cursor = self.db.execute(
                f"SELECT {STATE_COLUMNS} FROM indicators i LEFT JOIN indicator_status s"
                f" ON s.indicator = i.id WHERE i.id IN ({marks})", chunk)
            states += read_states([c[0] for c in cursor.description], cursor.fetchall())
        return states

    @translated
    def indicator_dict_pages(self, district: str | None = None, *, with_retired: bool = False,
                             size: int | None = None) -> Iterator[list[dict]]:
        """The indicators of a district, or of the plan, in display order and `size` at a
        time, each as the dict its model dumps (mode "json"): what a command writes of a
        province's plan, without a model made of each row."""
        return self._indicator_pages(read_indicator_dicts, district, with_retired, size)

    @translated
    def indicator_row_pages(self, district: str | None = None, *, with_retired: bool = False,
                            size: int | None = None) -> Iterator[list[list | dict]]:
        """`indicator_dict_pages` with each plain row as the list of INDICATOR_FIELDS
        (`read_indicator_rows`): what a command writes as CSV."""
        return self._indicator_pages(read_indicator_rows, district, with_retired, size)

    def _indicator_pages(self, read: Callable[[list[str], Iterable[tuple]], list[T]],
                         district: str | None, with_retired: bool, size: int | None
                         ) -> Iterator[list[T]]:
        if district is not None:
            self.district(district)
        return self._pages(
            f"SELECT i.position, i.id, {_PLAIN_INDICATOR} FROM indicators i WHERE "
            + ("1" if with_retired else "i.retired = 0"),
            read, district, size)

    def _pages(self, select: str, read: Callable[[list[str], Iterable[tuple]], list[T]],
               district: str | None, size: int | None) -> Iterator[list[T]]:
        """Rows of `select` (which begins with the position and id) in display order,
        `size` at a time: a district after another, each page beginning after the last
        row of the one before, so every page costs the same however far it is."""
        left = [district] if district is not None else [d.id for d in self.districts()]
        after: tuple[int, str] | None = None
        size = size or PAGE

        def next_chunk() -> list[T]:
            nonlocal after
            while left:
                where, params = " AND i.district = ?", [left[0]]
                if after is not None:
                    where += " AND (i.position, i.id) > (?, ?)"
                    params += after
                cursor = self.db.execute(
                    f"{select}{where} ORDER BY i.position, i.id LIMIT {int(size)}", params)
                rows = cursor.fetchall()
                if rows:
                    after = (rows[-1][0], rows[-1][1])
                    return read([c[0] for c in cursor.description[2:]],
                                (r[2:] for r in rows))
                left.pop(0)
                after = None
            return []

        return pages(next_chunk)
