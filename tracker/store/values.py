"""The values planners record: adding them (one, or an import's batch), and reading
them back whole or a page at a time."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

from tracker.errors import NotFound
from tracker.gc_pause import collector_paused
from tracker.models import (
    HashedValue,
    ImportedValue,
    Indicator,
    Measurement,
    NewIndicator,
)
from tracker.store.connection import Connection, moment, now, pages, translated
from tracker.store.rows import (
    HASHED_VALUES,
    VALUE_COLUMNS,
    VALUE_LIST,
    VALUE_ROWS,
    WHEN,
    Entry,
    bind_marks,
    in_chunks,
    json_text,
    read_value,
    typed_rows,
)
from tracker.work_counts import Progress, Tally, unheard

T = TypeVar("T")


class Values(Connection):
    """The values planners record, and an import's batch of changes."""

    @translated
    def add_measurement(self, m: Measurement) -> Measurement:
        return self.add_measurements([m])[0]

    @translated
    def add_measurements(self, ms: Sequence[Measurement | ImportedValue], kept: bool = True,
                         written: Progress = unheard, logged_by: int | None = None
                         ) -> list[Measurement]:
        """Record values, each with its audit entry, in one transaction; the values as
        recorded (with their ids) come back unless not `kept` (an import of a province's
        100,000 values has no use for them). `written` hears how many are written. With
        `logged_by` (an import's audit entry, written next), each value names that entry
        and has none of its own. An import's checked values may come as flat tuples
        (ImportedValue), which are not kept."""
        if not ms:
            return []
        # the rows made hold no cycles for the collector to look for
        with self._tx(), collector_paused():
            wanted = sorted({m.indicator for m in ms})
            known: set[str] = set()
            for chunk, marks in in_chunks(wanted):
                known |= {r[0] for r in self.db.execute(
                    f"SELECT id FROM indicators WHERE id IN ({marks})", chunk)}
            for iid in wanted:
                if iid not in known:
                    raise NotFound("no_indicator", id=iid)
            # ids are handed out here, under the write lock, so each audit entry names its row
            next_id = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM measurements"
                                      ).fetchone()[0]
            at = moment()
            stamp = now()
            recs: list[Measurement] = []
            new: dict[str, list[Entry] | None] = {}
            # within a batch that judges an indicator again from all its values (one it
            # adds), the values added to it need not be listed: a province's snapshot
            # brings a million
            whole = {i for i, e in (self._deferred or {}).items() if e is None}
            tally = Tally(len(ms), written, step=1)
            # 5,000 at a time: a province's import never holds each value's row and audit
            # text all at once
            for start in range(0, len(ms), 5_000):
                chunk = ms[start:start + 5_000]
                rows = self._insert_values(chunk, next_id + start, at, stamp, logged_by)
                tally.add(len(chunk))
                for m in chunk:
                    if m.indicator not in whole:
                        new.setdefault(m.indicator, []).append(  # type: ignore[union-attr]
                            (m.year, m.value, m.quality))
                if kept:
                    # each value was validated when it was made; its id, who and when are
                    # of the right types here, so a copy need not check it again
                    recs += [m.model_copy(update={"id": r["id"], "actor": self.actor,
                                                  "recorded_at": at})
                             for m, r in zip(chunk, rows, strict=True)
                             if isinstance(m, Measurement)]
            self._refresh_status(wanted, new)
        return recs

    def _insert_values(self, ms: Sequence[Measurement | ImportedValue], first_id: int,
                       at: datetime,
                       stamp: str, logged_by: int | None) -> list[dict[str, Any]]:
        """Write these values as recorded now, ids from `first_id` on, each with its audit
        entry or naming the one that logs them; their rows come back."""
        recorded = WHEN.dump_python(at, mode="json")  # as a model dumps it: ...Z
        rows = (VALUE_ROWS.dump_python(ms, mode="json") if isinstance(ms[0], Measurement)
                # the row a Measurement of these fields dumps, its defaults as it has them
                else [{"id": None, "indicator": i, "year": y, "date": d, "value": v,
                       "source": src, "quality": q, "note": n, "actor": "",
                       "recorded_at": None} for i, y, v, q, src, d, n in ms])
        for i, row in enumerate(rows):
            row["id"], row["actor"], row["recorded_at"] = first_id + i, self.actor, recorded
        # executemany, not insert_all: a province's import is tens of thousands of rows and
        # sqlite-utils would rebuild the statement and inspect every value again
        columns = [*rows[0], "logged_by"]
        self.db.conn.executemany(
            f"INSERT INTO measurements ({', '.join(columns)}) VALUES ({bind_marks(columns)})",
            [(*r.values(), logged_by) for r in rows],
        )
        if logged_by is not None:
            return rows
        self.db.conn.executemany(
            "INSERT INTO audit (at, actor, action, entity, entity_id, old, new)"
            " VALUES (?, ?, 'measure', 'indicator', ?, NULL, ?)",
            [(stamp, self.actor, r["indicator"], json_text(r)) for r in rows],
        )
        return rows

    @translated
    def measurements(self, indicator_id: str | None = None) -> list[Measurement]:
        """Values in force, in entry order; a later entry for a year supersedes an earlier
        one. A voided value is not one of them (`value_history` has it)."""
        sql, params = f"SELECT {VALUE_LIST} FROM measurements WHERE voided_at IS NULL", []
        if indicator_id is not None:
            self.indicator(indicator_id)
            sql += " AND indicator = ?"
            params.append(indicator_id)
        with collector_paused():
            return [Measurement.model_validate(r)
                    for r in self.db.query(sql + " ORDER BY id", params)]

    @translated
    def count_values(self) -> int:
        """How many values are in force: all of them less the few voided, which their own
        index counts, so a province's million values are counted as quickly as before."""
        return self.db.execute(
            "SELECT (SELECT count(*) FROM measurements)"
            " - (SELECT count(*) FROM measurements WHERE voided_at IS NOT NULL)").fetchone()[0]

    @translated
    def measurement_chunks(self, size: int) -> Iterator[list[Measurement]]:
        """Every value in force in entry order, `size` at a time: a province's million
        values need not all be models at once. Inside `reading()` they are one consistent
        state."""
        return self._value_pages(
            list(VALUE_COLUMNS), lambda rows: [read_value(r) for r in rows], size)

    @translated
    def plain_value_chunks(self, size: int) -> Iterator[list[tuple | Measurement]]:
        """`measurement_chunks`, each plain value as the tuple of VALUE_COLUMNS rather than
        a model: a JSON export writes a province's million values as they were checked when
        saved. Plain: no field left to its model's default, the moment recorded as a
        Measurement writes it (UTC, whole seconds), the value a number written alike by
        json and pydantic (no exponent); any other value is its model."""
        plain = (
            " AND ".join(f"{c} IS NOT NULL" for c in VALUE_COLUMNS
                         if c not in ("date", "recorded_at"))
            + " AND (value = 0 OR abs(value) >= 0.0001 AND abs(value) < 1e16)"
            " AND (recorded_at IS NULL OR recorded_at GLOB '????-??-??T??:??:??Z')")
        n = len(VALUE_COLUMNS)
        return self._value_pages(
            [*VALUE_COLUMNS, f"({plain}) AS plain"],
            lambda rows: [r[:n] if r[n] else read_value(r[:n]) for r in rows], size)

    @translated
    def hashed_value_chunks(self, size: int) -> Iterator[list[tuple]]:
        """Every value in force in entry order, `size` at a time, as a snapshot's hash reads
        it: tuples of HashedValue's fields, not models, for a province's million values."""
        # a value checked when it was saved (each field of its kind) is its row as it comes,
        # not even put in a HashedValue; any other (a field an older file left empty, a
        # number no model would take) is checked as it is read. SQLite finds those few.
        fields = HashedValue._fields
        at_id = fields.index("id")
        plain = " AND ".join(
            f"typeof({f}) = '{VALUE_COLUMNS[f].lower()}'" for f in fields if f != "date"
        ) + " AND typeof(date) IN ('text', 'null') AND abs(value) < 9e999"

        def read(rows: list[tuple]) -> list[tuple]:
            if not rows or not self.db.execute(
                    "SELECT count(*) FROM measurements WHERE id BETWEEN ? AND ?"
                    f" AND voided_at IS NULL AND coalesce(NOT ({plain}), 1)",
                    [rows[0][at_id], rows[-1][at_id]]).fetchone()[0]:
                return rows
            return typed_rows(HASHED_VALUES, fields, rows)

        return self._value_pages(fields, read, size)

    def _value_pages(self, columns: Sequence[str], read: Callable[[list[tuple]], list[T]],
                     size: int) -> Iterator[list[T]]:
        """Every value in entry order, `size` rows of these columns at a time, each page
        as `read` makes it; a page begins after the last id of the one before."""
        at_id, after = columns.index("id"), 0

        def next_chunk() -> list[T]:
            nonlocal after
            rows = self.db.execute(
                f"SELECT {', '.join(columns)} FROM measurements WHERE id > ?"
                " AND voided_at IS NULL ORDER BY id LIMIT ?", [after, size]).fetchall()
            if rows:
                after = rows[-1][at_id]
            return read(rows)

        return pages(next_chunk)
    @translated
    def value_keys(
        self, ids: Collection[str], years: Collection[int] | None = None
    ) -> list[tuple[str, int, float, str]]:
        """(indicator, year, value, quality) of the values of these indicators (in these
        years), in entry order: enough to tell whether an imported value is already here.
        A voided value counts as here: importing a file again does not bring it back."""
        in_years = ""
        if years is not None:
            in_years = f" AND year IN ({','.join(str(int(y)) for y in sorted(set(years)))})"
        out: list[tuple[str, int, float, str]] = []
        for chunk, marks in in_chunks(ids):
            out += self.db.execute(
                "SELECT indicator, year, value, quality FROM measurements"
                f" WHERE indicator IN ({marks}){in_years} ORDER BY id",
                chunk,
            ).fetchall()
        return out

    @translated
    def measurements_by_indicator(
        self, indicator_ids: Sequence[str] | None = None
    ) -> dict[str, list[Measurement]]:
        out: dict[str, list[Measurement]] = {}
        wanted = set(indicator_ids) if indicator_ids is not None else None
        for m in self.measurements():
            if wanted is None or m.indicator in wanted:
                out.setdefault(m.indicator, []).append(m)
        return out

    @translated
    def import_batch(
        self,
        new_indicators: Sequence[Indicator | NewIndicator],
        updates: Sequence[tuple[str, dict[str, Any]]],
        measurements: Sequence[Measurement | ImportedValue],
        source: str,
        tell: Progress = unheard,
        written: Progress = unheard,
    ) -> None:
        """All of an import or none of it, each change audited, the batch itself too.
        `written` hears how many values are written, then `tell` how many touched
        indicators have their verdicts judged. New indicators may come as the flat tuples
        of their checked fields (NewIndicator), and are written as they are."""
        with self._tx(), self._deferred_status(tell):
            self.add_indicators(new_indicators)
            for indicator_id, changes in updates:
                self.update_indicator(indicator_id, changes)
            # the import's entry logs its values: the id it will have, under the write lock
            entry = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM audit").fetchone()[0]
            self.add_measurements(measurements, kept=False, written=written, logged_by=entry)
            self._audit("import", "database", self.path.name, None, {
                "source": source, "indicators_added": len(new_indicators),
                "indicators_updated": len(updates), "values_added": len(measurements)},
                entry=entry)
