"""How the store's rows and the models meet: the adapters and codecs between them, and
the helpers that bind a long list of ids a chunk at a time."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

import sqlite_utils
from pydantic import TypeAdapter, ValidationError
from pydantic_core import to_json

from tracker.errors import invalid
from tracker.models import (
    DEFERRED,
    Achievement,
    Compared,
    Department,
    HashedValue,
    Indicator,
    IndicatorState,
    Measurement,
    NewIndicator,
    NewValue,
    PlanRow,
    SnapshotContent,
)
from tracker.store.schema import VALUE_COLUMNS, VALUE_LIST

T = TypeVar("T")
# one stored value as the status cache reads it: (year, value, quality)
Entry = tuple[int, float, str]


# ids bound per IN (...): well under SQLite's limit on a statement's variables
ID_CHUNK = 500


def bind_marks(values: Collection[object]) -> str:
    """The "?,?,?" that binds these values."""
    return ",".join("?" * len(values))


def in_chunks(ids: Iterable[str]) -> Iterator[tuple[list[str], str]]:
    """The distinct ids in order, a chunk at a time, each with its placeholders."""
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), ID_CHUNK):
        chunk = wanted[start : start + ID_CHUNK]
        yield chunk, bind_marks(chunk)


SNAPSHOT_JSON = TypeAdapter(SnapshotContent)
WHEN = TypeAdapter(datetime, config=DEFERRED)
# values as rows, a list at a time: one call for a chunk of a province's import, not one each
VALUE_ROWS = TypeAdapter(list[Measurement], config=DEFERRED)
PLAN_ROWS = TypeAdapter(list[PlanRow], config=DEFERRED)
COMPARED = TypeAdapter(list[Compared], config=DEFERRED)
NEW_VALUES = TypeAdapter(list[NewValue], config=DEFERRED)
HASHED_VALUES = TypeAdapter(list[HashedValue], config=DEFERRED)


def typed_rows(adapter: TypeAdapter[list[T]], fields: Sequence[str], rows: list,
                key: str = "id") -> list[T]:
    """Rows as typed tuples, each of them checked; a row the models refuse is named by
    its `key` (an indicator's id, a value's number) and the field, not by its place in
    a list."""
    try:
        return adapter.validate_python(rows)
    except ValidationError as e:
        row, column = e.errors()[0]["loc"][:2]
        name = rows[int(row)][fields.index(key)]
        raise invalid(e, f"{name}.{fields[int(column)]}") from None


def json_text(data: object) -> str:
    """An audit text: JSON, Chinese as itself. pydantic's encoder writes a value's row in
    half the time the json module takes, and an import writes one for every value."""
    return to_json(data).decode()


def dump(model: Any) -> dict:
    return json.loads(model.model_dump_json())


def match_words(
    search: str, columns: Sequence[str], where: list[str], params: list[Any]
) -> None:
    """Each typed word must appear in one of the columns, taken literally (% and _ too)."""
    for word in search.split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        params += [pattern] * len(columns)


def english_names_filled(db: sqlite_utils.Database, departments: Iterable[Department]) -> int:
    """Each listed department's English name, where the file has the department but no
    English name for it yet: a name a planner set is never replaced, and a name another
    department already goes by is not given twice. How many were named."""
    named = 0
    for dep in departments:
        if not dep.name_en:
            continue
        named += db.execute(
            "UPDATE departments SET name_en = ? WHERE name_zh = ? AND name_en = ''"
            " AND NOT EXISTS (SELECT 1 FROM departments WHERE lower(name_en) = lower(?))",
            [dep.name_en, dep.name_zh, dep.name_en]).rowcount
    return named


def achievement_row(a: Achievement) -> dict:
    row = a.model_dump()
    row["value"] = str(a.value) if a.value is not None else None
    row["parts_complete"] = int(a.parts_complete)
    return row


def read_achievement(row: dict) -> Achievement:
    row = {k: v for k, v in row.items() if k != "position" and v is not None}
    if "value" in row:
        row["value"] = Decimal(row["value"])
    row["parts_complete"] = bool(row.get("parts_complete"))
    return Achievement(**row)


def indicator_row(ind: Indicator | NewIndicator) -> dict:
    row = ind.model_dump() if isinstance(ind, Indicator) else ind._asdict()
    row["plausible"] = ind.plausible.model_dump_json() if ind.plausible else None
    row["retired"] = int(ind.retired)
    return row


def indicator_json(ind: Indicator | NewIndicator) -> str:
    """An indicator's audit text, as `dump` writes a model's. An import's checked fields
    (a NewIndicator) are the model's own values: without a range, they are already
    what its JSON holds, and a province's 100,000 need not become models again."""
    if isinstance(ind, Indicator) or ind.plausible is not None:
        model = ind if isinstance(ind, Indicator) else Indicator.model_construct(**ind._asdict())
        return json_text(dump(model))
    return json_text(ind._asdict())


def read_value(row: Sequence[Any]) -> Measurement:
    """A value from a row of VALUE_COLUMNS: the store's, or a snapshot's copy of it."""
    return Measurement.model_validate(dict(zip(VALUE_COLUMNS, row, strict=True)))


def indicator_fields(items: Iterable[tuple[str, Any]]) -> dict:
    """A stored indicator row as the fields Indicator validates (nulls left to defaults)."""
    row = {k: v for k, v in items if v is not None and k != "position"}
    if "plausible" in row:
        row["plausible"] = json.loads(row["plausible"])
    row["retired"] = bool(row.get("retired"))
    return row


def read_indicator(row: dict) -> Indicator:
    return Indicator.model_validate(indicator_fields(row.items()))


def state_rows(states: Sequence[IndicatorState | dict], start: int
               ) -> list[tuple[int, str, str | bytes]]:
    """Each state as a snapshot keeps it: its position (from `start`), district and JSON.
    A state may come as the dict its model dumps (mode "json"), which pydantic's encoder
    writes as the same text."""
    return [(start + i, st["indicator"]["district"], to_json(st)) if isinstance(st, dict)
            else (start + i, st.indicator.district, st.model_dump_json())
            for i, st in enumerate(states)]


def insert_snapshot_states(
    db: sqlite_utils.Database, snapshot_id: int, states: Sequence[IndicatorState]
) -> None:
    db.conn.executemany(
        "INSERT INTO snapshot_states (snapshot, position, district, state)"
        " VALUES (?, ?, ?, CAST(? AS TEXT))",
        [(snapshot_id, *row) for row in state_rows(states, 0)])


def insert_snapshot_values(
    db: sqlite_utils.Database, snapshot_id: int, values: Sequence[Measurement], start: int
) -> None:
    db.conn.executemany(
        f"INSERT INTO snapshot_values (snapshot, position, {VALUE_LIST})"
        f" VALUES (?, ?, {bind_marks(VALUE_COLUMNS)})",
        [(snapshot_id, start + i, *(row[c] for c in VALUE_COLUMNS))
         for i, row in enumerate(m.model_dump(mode="json") for m in values)])
