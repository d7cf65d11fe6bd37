"""Snapshots: a frozen state of the plan and its values, written as rows of their own
and read back a district or a page at a time."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Any

from tracker.errors import NotFound, TrackerError, checked_text, refused
from tracker.gc_pause import collector_paused
from tracker.models import (
    Compared,
    Indicator,
    IndicatorState,
    Measurement,
    NewValue,
    SnapshotContent,
    SnapshotInfo,
)
from tracker.store.connection import Connection, pages, translated
from tracker.store.rows import (
    COMPARED,
    NEW_VALUES,
    SNAPSHOT_JSON,
    VALUE_LIST,
    insert_snapshot_states,
    insert_snapshot_values,
    read_value,
    state_rows,
    typed_rows,
)

# a snapshot's columns beside its content, as SnapshotInfo names them
_SNAPSHOT_INFO = ("id", "label", "taken_at", "actor", "content_hash")


def snapshot_label(label: str) -> str:
    """A snapshot's label as stored; refused when there is none."""
    if not label.strip():
        raise refused("label", "a snapshot needs a label", "快照需要一个标签")
    return checked_text("label", label.strip())


def _compared_reads() -> tuple[str, list[tuple[int, Any]]]:
    """The JSON paths of a Compared in a stored state; and, by place, the default of each
    field a snapshot by an older version may lack, as its model would read it."""
    paths, defaults = [], []
    for i, name in enumerate(Compared._fields):
        on_state = name in IndicatorState.model_fields
        paths.append(f"'$.{name}'" if on_state else f"'$.indicator.{name}'")
        default = (IndicatorState if on_state else Indicator).model_fields[name].default
        if isinstance(default, str | int | float):
            defaults.append((i, default))
    return ", ".join(paths), defaults


_COMPARED_PATHS, _COMPARED_DEFAULTS = _compared_reads()


class Snapshots(Connection):
    """Snapshots saved as rows, and read back a district or a page at a time."""

    @translated
    def save_snapshot(
        self, content: SnapshotContent, content_hash: str,
        values_read: tuple[int, int] | None = None, states_staged: int | None = None,
    ) -> SnapshotInfo:
        """Store a snapshot: its head as JSON text, its indicators' states and its values
        as rows of their own. With `values_read` (the last id and the number of the
        store's values that were hashed), the values are the store's own, copied by SQLite
        (`content` then leaves them out): a province's million values are not handed back
        through Python. With `states_staged` (how many were), the indicators' states are
        the ones `stage_snapshot_states` kept, and `content` leaves them out too."""
        label = snapshot_label(content.label)
        row = {
            "label": label,
            "taken_at": content.taken_at.isoformat(),
            "actor": self.actor,
            "content_hash": content_hash,
        }
        head = SNAPSHOT_JSON.dump_json(content.model_copy(
            update={"label": label, "actor": self.actor, "measurements": [], "indicators": []}))
        try:
            with self._tx():
                sid = self.db.execute(
                    "INSERT INTO snapshots (label, taken_at, actor, content_hash, content)"
                    " VALUES (?, ?, ?, ?, CAST(? AS TEXT))", [*row.values(), head]).lastrowid
                if states_staged is None:
                    insert_snapshot_states(self.db, sid, content.indicators)
                elif states_staged and self.db.execute(
                        "INSERT INTO snapshot_states (snapshot, position, district, state)"
                        " SELECT ?, position, district, state FROM temp.staged_states"
                        " WHERE position < ? ORDER BY position",
                        [sid, states_staged]).rowcount != states_staged:
                    raise TrackerError("snapshot_moved")
                self._save_values(sid, content, values_read)
                info = SnapshotInfo(id=sid, **row)
                self._audit("snapshot", "snapshot", str(sid), None,
                            {"label": label, "content_hash": content_hash})
        finally:
            if states_staged is not None:
                self.db.execute("DROP TABLE IF EXISTS temp.staged_states")
        return info

    @translated
    def stage_snapshot_states(self, states: Sequence[IndicatorState | dict], start: int
                              ) -> None:
        """Keep these states, at positions from `start` on, for the snapshot about to be
        saved (`save_snapshot(states_staged=...)`): a snapshot's plan need not be held
        whole until then. They go to a temporary table of this connection, which takes no
        lock other planners would wait on; `start` 0 begins again."""
        self._stage(state_rows(states, start), start)

    def _stage(self, rows: Iterable[tuple[int, str, str | bytes]], start: int) -> None:
        if start == 0:
            self.db.execute("DROP TABLE IF EXISTS temp.staged_states")
            self.db.execute("CREATE TEMP TABLE staged_states (position INTEGER PRIMARY KEY,"
                            " district TEXT NOT NULL, state TEXT NOT NULL)")
        self.db.conn.executemany(
            "INSERT INTO temp.staged_states (position, district, state)"
            " VALUES (?, ?, CAST(? AS TEXT))", rows)

    @translated
    def staged_plan_states(self, district_ids: Sequence[str]) -> Iterator[list[str]]:
        """The plan now, a page of a district at a time, each page's states kept for the
        snapshot about to be saved as they are handed out (`save_snapshot(states_staged=
        ...)` with how many there were): the states leave the store once, to be hashed,
        and need not be handed back to it. Each is the canonical JSON text of the dict its
        model dumps (`state_text_pages`), kept as it is hashed: a province's plan was
        checked as it was saved, and is not made into models."""
        return self._staging(district_ids)

    def _staging(self, district_ids: Sequence[str]) -> Iterator[list[str]]:
        start = 0
        self._stage([], 0)  # an empty plan is staged too
        for district in district_ids:
            # a page at a time: a province's district is 20,000 states
            # (public: it puts its own errors in the store's words)
            for texts in self.state_text_pages(district):
                self._stage_texts(district, texts, start)
                start += len(texts)
                yield texts

    @translated
    def _stage_texts(self, district: str, texts: Sequence[str], start: int) -> None:
        self._stage(((start + i, district, t) for i, t in enumerate(texts)), start)

    def _save_values(
        self, sid: int, content: SnapshotContent, values_read: tuple[int, int] | None
    ) -> None:
        if values_read is None:
            insert_snapshot_values(self.db, sid, content.measurements, 0)
            return
        # values are only ever added, so the ids in force up to the last one read are
        # exactly the values hashed; a file put back or a value voided meanwhile would
        # show here
        last, count = values_read
        copied = self.db.execute(
            f"INSERT INTO snapshot_values (snapshot, position, {VALUE_LIST})"
            f" SELECT ?, id, {VALUE_LIST} FROM measurements WHERE id <= ?"
            " AND voided_at IS NULL ORDER BY id", [sid, last]).rowcount
        if copied != count or (count and self.db.execute(
                "SELECT max(position) FROM snapshot_values WHERE snapshot = ?",
                [sid]).fetchone()[0] != last):
            raise TrackerError("snapshot_moved")

    @translated
    def snapshots(self) -> list[SnapshotInfo]:
        rows = self.db.query(
            f"SELECT {', '.join(_SNAPSHOT_INFO)} FROM snapshots ORDER BY id"
        )
        return [SnapshotInfo(**r) for r in rows]

    @translated
    def snapshot(self, snapshot_id: int) -> tuple[SnapshotInfo, SnapshotContent]:
        info, head = self.snapshot_head(snapshot_id)
        values = [m for chunk in self.snapshot_values(snapshot_id, 5_000) for m in chunk]
        return info, head.model_copy(update={"measurements": values})

    @translated
    def snapshot_head(
        self, snapshot_id: int, indicators: bool = True
    ) -> tuple[SnapshotInfo, SnapshotContent]:
        """A snapshot without its values: the plan, verdicts and record as they were.
        Without `indicators`, the plan is left out too (`snapshot_states` reads it a
        district at a time)."""
        row = self.db.execute(
            f"SELECT {', '.join(_SNAPSHOT_INFO)}, content FROM snapshots WHERE id = ?",
            [snapshot_id]).fetchone()
        if row is None:
            raise NotFound("no_snapshot", id=snapshot_id)
        *info, text = row
        content = SnapshotContent.model_validate_json(text)
        if indicators:
            content = content.model_copy(
                update={"indicators": self._snapshot_states(snapshot_id, None)})
        return SnapshotInfo(**dict(zip(_SNAPSHOT_INFO, info, strict=True))), content

    @translated
    def snapshot_states(self, snapshot_id: int, district: str) -> list[IndicatorState]:
        """A stored snapshot's indicator states in one district, in its order."""
        self._snapshot_exists(snapshot_id)
        return self._snapshot_states(snapshot_id, district)

    def _snapshot_states(self, snapshot_id: int, district: str | None) -> list[IndicatorState]:
        where, params = "snapshot = ?", [snapshot_id]
        if district is not None:
            where, params = where + " AND district = ?", [snapshot_id, district]
        # the UTF-8 bytes as stored: a province's plan is tens of MB of mostly Chinese
        # text, which as Python strs would be twice that again
        with collector_paused():
            return [IndicatorState.model_validate_json(state) for (state,) in self.db.execute(
                f"SELECT CAST(state AS BLOB) FROM snapshot_states WHERE {where}"
                " ORDER BY position", params)]

    @translated
    def snapshot_compared(self, snapshot_id: int, district: str) -> list[Compared]:
        """What a comparison reads of a stored snapshot's indicators in one district, in
        its order. SQLite picks the fields out of each state's JSON, so a province's
        plan does not become models; the numbers come back as the JSON wrote them."""
        self._snapshot_exists(snapshot_id)
        rows = []
        for (text,) in self.db.execute(
                f"SELECT json_extract(state, {_COMPARED_PATHS}) FROM snapshot_states"
                " WHERE snapshot = ? AND district = ? ORDER BY position",
                [snapshot_id, district]):
            row = json.loads(text)
            for i, default in _COMPARED_DEFAULTS:
                if row[i] is None:
                    row[i] = default
            rows.append(row)
        return typed_rows(COMPARED, Compared._fields, rows)

    @translated
    def snapshot_indicators(self, snapshot_id: int) -> list[str]:
        """The id of each indicator of a stored snapshot, in its order: what a comparison
        needs to know of a whole plan before reading it a district at a time."""
        self._snapshot_exists(snapshot_id)
        return [r[0] for r in self.db.execute(
            "SELECT json_extract(state, '$.indicator.id') FROM snapshot_states"
            " WHERE snapshot = ? ORDER BY position", [snapshot_id])]

    @translated
    def snapshot_state_count(self, snapshot_id: int) -> int:
        self._snapshot_exists(snapshot_id)
        return self.db.execute(
            "SELECT count(*) FROM snapshot_states WHERE snapshot = ?", [snapshot_id]
        ).fetchone()[0]

    @translated
    def snapshot_values(self, snapshot_id: int, size: int) -> Iterator[list[Measurement]]:
        """A snapshot's values in its order, `size` at a time: a province's million are
        never all models at once."""
        self._snapshot_exists(snapshot_id)
        after = -1

        def next_chunk() -> list[Measurement]:
            nonlocal after
            cursor = self.db.execute(
                f"SELECT position, {VALUE_LIST} FROM snapshot_values"
                " WHERE snapshot = ? AND position > ? ORDER BY position LIMIT ?",
                [snapshot_id, after, size])
            rows = cursor.fetchall()
            if rows:
                after = rows[-1][0]
            return [read_value(r[1:]) for r in rows]

        return pages(next_chunk)

    @translated
    def snapshot_qualities(
        self, snapshot_id: int, keys: Collection[tuple[str, int]]
    ) -> dict[tuple[str, int], str]:
        """The quality of the value in force for each (indicator, year) of `keys`, from a
        snapshot's stored values. SQLite finds those few; no value becomes a model."""
        self._snapshot_exists(snapshot_id)
        out: dict[tuple[str, int], str] = {}
        # in entry order, so the later entry for a year wins, as it does for the value
        for iid, year, q in self.db.execute(
            "WITH wanted(indicator, year) AS ("
            "  SELECT json_extract(k.value, '$[0]'), json_extract(k.value, '$[1]')"
            "  FROM json_each(:keys) k)"
            " SELECT indicator, year, coalesce(quality, 'final') FROM snapshot_values"
            " WHERE snapshot = :id AND (indicator, year) IN (SELECT indicator, year FROM wanted)"
            " ORDER BY position", {"id": snapshot_id, "keys": json.dumps(sorted(keys))}):
            out[(iid, year)] = q
        return out

    @translated
    def snapshot_value_count(self, snapshot_id: int) -> int:
        self._snapshot_exists(snapshot_id)
        return self.db.execute(
            "SELECT count(*) FROM snapshot_values WHERE snapshot = ?", [snapshot_id]
        ).fetchone()[0]

    @translated
    def values_since(self, snapshot_id: int, later: int | None = None) -> list[NewValue]:
        """The values snapshot `later` holds (the store, when None) that snapshot
        `snapshot_id` does not, in entry order. SQLite compares the ids; a province's
        year of new values is 100,000 of them, so none becomes a model."""
        for sid in (snapshot_id, later):
            if sid is not None:
                self._snapshot_exists(sid)
        held = "SELECT id FROM snapshot_values WHERE snapshot = ? AND id IS NOT NULL"
        if later is None:
            rows = self.db.execute(
                "SELECT indicator, year, value FROM measurements"
                f" WHERE voided_at IS NULL AND id NOT IN ({held}) ORDER BY id",
                [snapshot_id]).fetchall()
        else:
            rows = self.db.execute(
                "SELECT indicator, year, value FROM snapshot_values WHERE snapshot = ?"
                f" AND id NOT IN ({held}) ORDER BY position", [later, snapshot_id]).fetchall()
        return typed_rows(NEW_VALUES, NewValue._fields, rows, key="indicator")

    def _snapshot_exists(self, snapshot_id: int) -> None:
        if self.db.execute("SELECT 1 FROM snapshots WHERE id = ?", [snapshot_id]).fetchone() \
                is None:
            raise NotFound("no_snapshot", id=snapshot_id)
