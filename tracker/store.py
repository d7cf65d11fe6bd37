"""The only module that talks to SQLite.

One database file holds the article's record, the plan, the values planners enter and
an audit log of every change. Opening a new file creates the schema and seeds it from
data/; opening an existing file only applies pending migrations.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils
from pydantic import TypeAdapter, ValidationError
from pydantic_core import to_json
from sqlite_utils.migrations import Migrations

from tracker import progress, quality, safe_files
from tracker.errors import Conflict, NotFound, TrackerError, checked_text, invalid, refused
from tracker.heap import collector_paused
from tracker.models import (
    Achievement,
    AnnualTarget,
    AuditEntry,
    BaselineFlag,
    Compared,
    Dataset,
    District,
    Flag,
    HashedValue,
    Indicator,
    IndicatorState,
    LatestValue,
    Measurement,
    Model,
    NewValue,
    PlanRow,
    SnapshotContent,
    SnapshotInfo,
    Theme,
)
from tracker.numbers import parse_tolerance
from tracker.progress import DEFAULT_TOLERANCE
from tracker.seed import DataError, load_dataset
from tracker.tally import Progress, Tally, unheard

MIGRATION_SET = "tracker"
# SQLite's application_id of every tracker file: "KLPT" (Kaili plan tracker) in ASCII.
# Files from before it was set hold 0 and are recognised by their migrations instead.
APPLICATION_ID = 0x4B4C5054
BUSY_TIMEOUT_S = 10.0

migrations = Migrations(MIGRATION_SET)
T = TypeVar("T")
# one stored value as the status cache reads it: (year, value, quality)
Entry = tuple[int, float, str]


# ids bound per IN (...): well under SQLite's limit on a statement's variables
ID_CHUNK = 500


def _marks(values: Collection[object]) -> str:
    """The "?,?,?" that binds these values."""
    return ",".join("?" * len(values))


_STATUS_COLUMNS = ("indicator", "latest_year", "latest_value", "latest_quality",
                   "progress_share", "time_share", "schedule_verdict", "growth_ratio",
                   "growth_verdict", "value_count", *progress.Heading._fields, "reason",
                   "annual", "baseline_flags", "baseline_flagged")
# an upsert changes the row where it is; a replace deletes and inserts it again, in the
# table and in its key's index (a third slower for a province's import)
_STATUS_UPSERT = (
    f"INSERT INTO indicator_status ({', '.join(_STATUS_COLUMNS)})"
    f" VALUES ({_marks(_STATUS_COLUMNS)}) ON CONFLICT (indicator) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _STATUS_COLUMNS[1:])
)


def _in_chunks(ids: Iterable[str]) -> Iterator[tuple[list[str], str]]:
    """The distinct ids in order, a chunk at a time, each with its placeholders."""
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), ID_CHUNK):
        chunk = wanted[start : start + ID_CHUNK]
        yield chunk, _marks(chunk)


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["themes"].create(
        {"id": str, "name_zh": str, "name_en": str, "position": int}, pk="id", not_null={"name_zh"}
    )
    db["achievements"].create(
        {
            "id": str,
            "theme": str,
            "title_zh": str,
            "title_en": str,
            # TEXT keeps the figure exactly as printed ("6.13", "1867.4")
            "value": str,
            "unit": str,
            "qualifier": str,
            "period": str,
            "kind": str,
            "source_quote": str,
            "part_of": str,
            "parts_complete": int,
            "position": int,
        },
        pk="id",
        foreign_keys=[("theme", "themes", "id")],
    )
    db["districts"].create(
        {
            "id": str,
            "name_zh": str,
            "name_en": str,
            "summary_zh": str,
            "summary_en": str,
            "position": int,
        },
        pk="id",
    )
    db["indicators"].create(
        {
            "id": str,
            "district": str,
            "name_zh": str,
            "name_en": str,
            "unit": str,
            "direction": str,
            "attribute": str,
            "target_type": str,
            "band": float,
            "baseline_value": float,
            "baseline_year": int,
            "baseline_achievement": str,
            "baseline_source": str,
            "target_value": float,
            "target_year": int,
            "department": str,
            "notes": str,
            "plausible": str,
            "retired": int,
            "version": int,
            "position": int,
        },
        pk="id",
        foreign_keys=[("district", "districts", "id")],
    )
    db["indicators"].create_index(["district", "position"])
    db["measurements"].create(
        {
            "id": int,
            "indicator": str,
            "year": int,
            "date": str,
            "value": float,
            "source": str,
            "quality": str,
            "note": str,
            "actor": str,
            "recorded_at": str,
        },
        pk="id",
        foreign_keys=[("indicator", "indicators", "id")],
    )
    # latest value per indicator: the highest year, then the latest entry for it
    db["measurements"].create_index(["indicator", "year", "id"])
    db["manual_flags"].create(
        {
            "id": int,
            "achievement": str,
            "note": str,
            "actor": str,
            "created_at": str,
            "cleared_at": str,
            "cleared_by": str,
            "cleared_note": str,
        },
        pk="id",
        foreign_keys=[("achievement", "achievements", "id")],
    )
    # a planner's word that a rule's flag has been checked and does not apply
    db["flag_dismissals"].create(
        {"achievement": str, "code": str, "note": str, "actor": str, "at": str},
        pk=("achievement", "code"),
    )
    db["audit"].create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "action": str,
            "entity": str,
            "entity_id": str,
            "old": str,
            "new": str,
        },
        pk="id",
    )
    db["audit"].create_index(["entity", "entity_id"])


@migrations()
def m002_snapshots(db: sqlite_utils.Database) -> None:
    db["snapshots"].create(
        {
            "id": int,
            "label": str,
            "taken_at": str,
            "actor": str,
            "content_hash": str,
            # the whole SnapshotContent as JSON: frozen, whatever the tables do later
            "content": str,
        },
        pk="id",
    )


@migrations()
def m003_status_cache(db: sqlite_utils.Database) -> None:
    # each indicator's latest value and verdicts, kept current as values arrive, so the
    # plan screen and the verdict counts never read every value of every indicator
    db["indicator_status"].create(
        {
            "indicator": str,
            "latest_year": int,
            "latest_value": float,
            "progress_share": float,
            "time_share": float,
            "schedule_verdict": str,
            "growth_ratio": float,
            "growth_verdict": str,
            "value_count": int,
        },
        pk="indicator",
        foreign_keys=[("indicator", "indicators", "id")],
    )
    db["indicator_status"].create_index(["schedule_verdict"])
    db["indicator_status"].create_index(["growth_verdict"])


@migrations()
def m004_latest_quality(db: sqlite_utils.Database) -> None:
    db["indicator_status"].add_column("latest_quality", str)
    # the cache is derived: emptied here, it is rebuilt when the store opens
    db.execute("DELETE FROM indicator_status")


@migrations()
def m005_no_verdict_indexes(db: sqlite_utils.Database) -> None:
    # the counts group by district through the join, so no query ever read these two
    # indexes, while every value written had to update both
    db.execute("DROP INDEX IF EXISTS idx_indicator_status_schedule_verdict")
    db.execute("DROP INDEX IF EXISTS idx_indicator_status_growth_verdict")


# a snapshot's values as stored: the columns of measurements, in its order
_VALUE_COLUMNS = {"id": "INTEGER", "indicator": "TEXT", "year": "INTEGER", "date": "TEXT",
                  "value": "REAL", "source": "TEXT", "quality": "TEXT", "note": "TEXT",
                  "actor": "TEXT", "recorded_at": "TEXT"}
_VALUE_LIST = ", ".join(_VALUE_COLUMNS)


@migrations()
def m006_snapshot_rows(db: sqlite_utils.Database) -> None:
    # a snapshot's values and its indicators' states get rows of their own: inside the
    # JSON text, a province's million values made SQLite parse hundreds of MB to read
    # even the head or count them, and an export had to hold every state at once
    db.execute(
        "CREATE TABLE snapshot_values ("
        " snapshot INTEGER NOT NULL REFERENCES snapshots(id), position INTEGER NOT NULL,"
        f" {', '.join(f'{c} {t}' for c, t in _VALUE_COLUMNS.items())},"
        " PRIMARY KEY (snapshot, position)) WITHOUT ROWID")
    # each state as its JSON, with its district beside it: the tables read a district
    # at a time
    db.execute(
        "CREATE TABLE snapshot_states ("
        " snapshot INTEGER NOT NULL REFERENCES snapshots(id), position INTEGER NOT NULL,"
        " district TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (snapshot, position))")
    db.execute("CREATE INDEX idx_snapshot_states_district"
               " ON snapshot_states (snapshot, district, position)")
    for (sid,) in db.execute("SELECT id FROM snapshots ORDER BY id").fetchall():
        # SQLite gives each state back as the text it read: its numbers as written
        db.execute(
            "INSERT INTO snapshot_states (snapshot, position, district, state)"
            " SELECT s.id, v.key, json_extract(v.value, '$.indicator.district'), v.value"
            " FROM snapshots s, json_each(s.content, '$.indicators') v WHERE s.id = ?",
            [sid])
        cursor = db.execute(
            "SELECT v.value FROM snapshots s, json_each(s.content, '$.measurements') v"
            " WHERE s.id = ? ORDER BY v.key", [sid])
        position = 0
        # each value checked by its model on the way, as the store reads every value
        while chunk := [Measurement.model_validate_json(text)
                        for (text,) in cursor.fetchmany(5_000)]:
            _insert_snapshot_values(db, sid, chunk, position)
            position += len(chunk)
        db.execute("UPDATE snapshots SET content = json_set(content, '$.measurements',"
                   " json('[]'), '$.indicators', json('[]')) WHERE id = ?", [sid])


@migrations()
def m007_values_logged_by_import(db: sqlite_utils.Database) -> None:
    # an import's values are logged by the import's one audit entry, which each names: as
    # an entry of its own per value, they were a copy of the value's row (who and when
    # included), three times the size of the values, and a sixth of a province's import.
    # No foreign key: the values are written before their entry, in the same transaction.
    db.execute("ALTER TABLE measurements ADD COLUMN logged_by INTEGER")
    # the values stored before keep their own entries: listing the log need not look
    # through a province's million of them for one an import logs
    db.execute("INSERT INTO meta (key, value)"
               " SELECT 'logged_from', coalesce(max(id), 0) + 1 FROM measurements")


@migrations()
def m008_plan_table_rows(db: sqlite_utils.Database) -> None:
    # every row of a plan table: values entered as yearly rates, a milestone's state,
    # yearly targets; and the status cache keeps where each indicator is heading, why it
    # has no verdict, the latest yearly target's reading and the baseline's open flags
    for column in ("values_as", "milestone_state", "milestone_date", "milestone_evidence"):
        db.execute(f"ALTER TABLE indicators ADD COLUMN {column} TEXT")
    db.execute(
        "CREATE TABLE annual_targets ("
        " indicator TEXT NOT NULL REFERENCES indicators(id), year INTEGER NOT NULL,"
        " value REAL NOT NULL, PRIMARY KEY (indicator, year)) WITHOUT ROWID")
    for column, kind in (("projected_value", "REAL"), ("projected_year", "INTEGER"),
                         ("required_rate_remaining", "REAL"),
                         ("required_per_year_remaining", "REAL"), ("running_total", "REAL"),
                         ("reason", "TEXT"), ("annual", "TEXT"), ("baseline_flags", "TEXT"),
                         ("baseline_flagged", "INTEGER")):
        db.execute(f"ALTER TABLE indicator_status ADD COLUMN {column} {kind}")
    # the cache is derived: emptied here, it is rebuilt when the store opens
    db.execute("DELETE FROM indicator_status")


# what the status cache keeps beyond the verdicts, as IndicatorState names it
_STATUS_EXTRAS = (*progress.Heading._fields, "reason", "annual", "baseline_flags")


def _state_rows(states: Sequence[IndicatorState], start: int) -> list[tuple[int, str, str]]:
    """Each state as a snapshot keeps it: its position (from `start`), district and JSON."""
    return [(start + i, st.indicator.district, st.model_dump_json())
            for i, st in enumerate(states)]


def _insert_snapshot_states(
    db: sqlite_utils.Database, snapshot_id: int, states: Sequence[IndicatorState]
) -> None:
    db.conn.executemany(
        "INSERT INTO snapshot_states (snapshot, position, district, state)"
        " VALUES (?, ?, ?, CAST(? AS TEXT))",
        [(snapshot_id, *row) for row in _state_rows(states, 0)])


def _insert_snapshot_values(
    db: sqlite_utils.Database, snapshot_id: int, values: Sequence[Measurement], start: int
) -> None:
    db.conn.executemany(
        f"INSERT INTO snapshot_values (snapshot, position, {_VALUE_LIST})"
        f" VALUES (?, ?, {_marks(_VALUE_COLUMNS)})",
        [(snapshot_id, start + i, *(row[c] for c in _VALUE_COLUMNS))
         for i, row in enumerate(m.model_dump(mode="json") for m in values)])


SCHEMA_VERSION = len(migrations._migrations)
SNAPSHOT_JSON = TypeAdapter(SnapshotContent)
_WHEN = TypeAdapter(datetime)
# values as rows, a list at a time: one call for a chunk of a province's import, not one each
_VALUE_ROWS = TypeAdapter(list[Measurement])
_PLAN_ROWS = TypeAdapter(list[PlanRow])
_COMPARED = TypeAdapter(list[Compared])
_NEW_VALUES = TypeAdapter(list[NewValue])
_HASHED_VALUES = TypeAdapter(list[HashedValue])


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


def _typed_rows(adapter: TypeAdapter[list[T]], fields: Sequence[str], rows: list,
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


def _plan_row_select() -> str:
    """The columns of a PlanRow, each unset one read as its model's default."""
    status = {
        "latest_value": "s.latest_value",
        "latest_year": "s.latest_year",
        "quality": "CASE WHEN s.latest_year IS NULL THEN ''"
                   f" ELSE coalesce(s.latest_quality, {_sql_text(LatestValue, 'quality')}) END",
    }
    out = []
    for name in PlanRow._fields:
        if name in status:
            out.append(status[name])
            continue
        model, table = ((Indicator, "i") if name in Indicator.model_fields
                        else (IndicatorState, "s"))
        field = model.model_fields[name]
        out.append(f"{table}.{name}" if field.is_required() or field.default is None
                   else f"coalesce({table}.{name}, {_sql_text(model, name)})")
    return ", ".join(out)


def _sql_text(model: type[Model], name: str) -> str:
    """A text field's default as an SQL literal."""
    default = str(model.model_fields[name].default).replace("'", "''")
    return f"'{default}'"


_PLAN_ROW_SELECT = _plan_row_select()


def _json_text(data: object) -> str:
    """An audit text: JSON, Chinese as itself. pydantic's encoder writes a value's row in
    half the time the json module takes, and an import writes one for every value."""
    return to_json(data).decode()


# a snapshot's columns beside its content, as SnapshotInfo names them
_SNAPSHOT_INFO = ("id", "label", "taken_at", "actor", "content_hash")


def snapshot_label(label: str) -> str:
    """A snapshot's label as stored; refused when there is none."""
    if not label.strip():
        raise refused("label", "a snapshot needs a label", "快照需要一个标签")
    return checked_text("label", label.strip())


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _check_path(path: Path) -> bool:
    """Refuse, before touching anything, paths we cannot use. Returns True when the path
    does not exist yet. Nothing is opened before it is known to be a regular file: a
    fifo would hang the reader, and a device is no place for a plan."""
    found = safe_files.kind(path)
    if found == safe_files.FOLDER:
        raise TrackerError("db_is_folder", path=str(path))
    if found == safe_files.SPECIAL:
        raise TrackerError("db_not_regular", path=str(path))
    if found == safe_files.DANGLING:
        # creating the file would create it wherever the link points
        raise TrackerError("db_dangling_link", path=str(path))
    if not path.parent.is_dir():
        raise TrackerError("db_folder_missing", path=str(path.parent))
    if found == safe_files.REGULAR:
        if not os.access(path, os.R_OK | os.W_OK):
            raise TrackerError("db_read_only", path=str(path))
        try:
            head = safe_files.read_head(path, 16)
        except OSError as e:
            raise TrackerError("db_error", path=str(path), detail=e.strerror or str(e)) from None
        if head and head != b"SQLite format 3\x00":
            raise TrackerError("db_not_sqlite", path=str(path))
        return False
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise TrackerError("db_folder_read_only", path=str(path.parent))
    return True


def _dump(model: Any) -> dict:
    return json.loads(model.model_dump_json())


class Store:
    """A tracker database. Not thread-safe: use one Store per thread."""

    # the file is the tracker's but not yet marked as such (see _open)
    _unstamped = False

    def __init__(self, path: Path | str, actor: str, dataset: Dataset | None = None) -> None:
        self.path = Path(path)
        # the name every change is logged under, printed in the log and the exports
        self.actor = checked_text("user", actor)
        made = None
        if _check_path(self.path):
            try:
                # owner-only from the first byte: the plan can hold unpublished figures
                made = safe_files.create_new(self.path)
            except FileExistsError:  # created meanwhile (another planner): open theirs
                if _check_path(self.path):
                    raise TrackerError("db_error", path=str(self.path),
                                       detail="the file came and went while opening") from None
            except OSError as e:
                raise TrackerError("db_error", path=str(self.path),
                                   detail=e.strerror or str(e)) from None
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        self.db = sqlite_utils.Database(conn)
        try:
            self._open(made is not None, dataset)
        except BaseException as e:
            conn.close()
            if made is not None:
                # a file this run created and could not finish is removed, never left
                # half made; any other file, even an empty one, is the planner's
                safe_files.remove_created(self.path, made, ("-wal", "-shm", "-journal"))
            if isinstance(e, sqlite3.OperationalError):
                key = "db_read_only" if "readonly" in str(e) else "db_error"
                raise TrackerError(key, path=str(self.path), detail=str(e)) from None
            if isinstance(e, sqlite3.DatabaseError):
                key = "db_not_sqlite" if "not a database" in str(e) else "db_damaged"
                raise TrackerError(key, path=str(self.path), detail=str(e)) from None
            raise

    def _open(self, new: bool, dataset: Dataset | None) -> None:
        # nothing is written before the file is known to be ours: another program's
        # file is refused as it was, to the byte
        whose, found, stamped = _whose(self.db.conn)
        if whose == "foreign":
            raise TrackerError("db_foreign", path=str(self.path))
        if whose == "newer":
            raise TrackerError("db_newer", path=str(self.path), found=found,
                               known=SCHEMA_VERSION)
        # a file from before files were marked is marked by the first change made to
        # it (see _tx), so that merely opening it stays read-only
        self._unstamped = not stamped
        tables = set(self.db.table_names())
        if new or not tables:
            # load data/ before creating anything, so a bad data file leaves no file behind
            try:
                dataset = dataset or load_dataset()
            except DataError as e:
                raise TrackerError("data_error", detail=str(e)) from None
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.enable_wal()
        self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        pending = migrations.pending(self.db)
        if pending and tables:
            # an upgrade rewrites tables: keep the file as it was, first, beside any copy
            # an earlier upgrade kept (the planner may have put that one back)
            kept = self.path.with_name(f"{self.path.name}.before-schema-{SCHEMA_VERSION}.bak")
            n = 1
            while kept.exists():
                n += 1
                kept = kept.with_name(
                    f"{self.path.name}.before-schema-{SCHEMA_VERSION}.{n}.bak")
            self.backup(kept)
        if not pending:
            # opening is read-only: a write here would look like another planner's commit
            # to every open view, and costs time on a large plan
            return
        # marked before the first table is made, so even a creation cut short is
        # recognised as the tracker's next time
        self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        self._unstamped = False
        migrations.apply(self.db)
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        if not self._meta("seeded_at"):
            assert dataset is not None
            self._seed(dataset)
        missing = self.db.execute(
            "SELECT count(*) FROM indicators WHERE id NOT IN (SELECT indicator FROM indicator_status)"
        ).fetchone()[0]
        if missing:  # an upgrade from before the cache existed, or one that emptied it
            with self._tx():
                self._refresh_status(None)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and audit ------------------------------------------------------

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """One transaction; nested calls become savepoints so a batch commits as a whole."""
        conn = self.db.conn
        if conn.in_transaction:
            conn.execute("SAVEPOINT nested")
            try:
                yield
            except BaseException:
                # some errors (a full disk) have already rolled the whole transaction back
                if conn.in_transaction:
                    conn.execute("ROLLBACK TO nested")
                    conn.execute("RELEASE nested")
                raise
            conn.execute("RELEASE nested")
            return
        # IMMEDIATE takes the write lock up front, so a read-then-write never deadlocks
        conn.execute("BEGIN IMMEDIATE")
        stamping = self._unstamped
        try:
            if stamping:  # the header's page is written by any commit anyway
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        if stamping:
            self._unstamped = False

    def _audit(
        self, action: str, entity: str, entity_id: str, old: dict | None, new: dict | None,
        entry: int | None = None,
    ) -> None:
        """Record a change; `entry` is the id it must have (its values already name it)."""
        self.db["audit"].insert(
            {
                **({} if entry is None else {"id": entry}),
                "at": now(),
                "actor": self.actor,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "old": _json_text(old) if old is not None else None,
                "new": _json_text(new) if new is not None else None,
            }
        )

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    # -- the status cache ------------------------------------------------------------

    # Within a batch: the touched indicators, each with the values appended to it, or
    # None when its plan changed and its whole history must be read again.
    _deferred: dict[str, list[Entry] | None] | None = None

    @contextmanager
    def _deferred_status(self, tell: Progress = unheard) -> Iterator[None]:
        """Within a batch, refresh each touched indicator once, at the end."""
        if self._deferred is not None:
            yield
            return
        self._deferred = {}
        try:
            yield
            touched, self._deferred = self._deferred, None
            self._refresh_status(sorted(touched), touched, tell)
        finally:
            self._deferred = None

    def _refresh_status(
        self,
        indicator_ids: Sequence[str] | None,
        appended: dict[str, list[Entry] | None] | None = None,
        tell: Progress = unheard,
    ) -> None:
        """Recompute the cached verdicts of these indicators (None: all of them).
        `appended` gives, per indicator, the values just added to an unchanged plan;
        `tell` hears how many are done (`progress` is the verdicts' module here)."""
        if self._deferred is not None and indicator_ids is not None:
            for iid in indicator_ids:
                new = (appended or {}).get(iid)
                if iid not in self._deferred:
                    self._deferred[iid] = None if new is None else list(new)
                elif new is None:
                    self._deferred[iid] = None
                elif self._deferred[iid] is not None:
                    self._deferred[iid] += new  # type: ignore[operator]
            return
        tol = self.tolerance()
        if indicator_ids is None:
            indicator_ids = [r[0] for r in self.db.execute("SELECT id FROM indicators")]
        # counted as _in_chunks hands them out: each indicator once
        tally = Tally(len(set(indicator_ids)), tell, step=1)
        # read once, and only if a refreshed indicator takes its baseline from a figure
        flags: dict[str, tuple[BaselineFlag, ...]] | None = None
        with collector_paused():
            for chunk, marks in _in_chunks(indicator_ids):
                if flags is None and self.db.execute(
                        f"SELECT 1 FROM indicators WHERE id IN ({marks})"
                        " AND baseline_achievement IS NOT NULL LIMIT 1", chunk).fetchone():
                    flags = self.baseline_flags()
                self._refresh_chunk(chunk, marks, tol, appended or {}, flags or {})
                tally.add(len(chunk))

    def baseline_flags(self) -> dict[str, tuple[BaselineFlag, ...]]:
        """Each flagged achievement's open flags, as a baseline taken from it carries them."""
        return {aid: tuple(BaselineFlag(code=f.code, message_zh=f.message_zh,
                                        message_en=f.message_en) for f in found)
                for aid, found in self.flags().items() if found}

    _PLAN_COLUMNS = ("id", "direction", "target_type", "band", "baseline_value",
                     "baseline_year", "target_value", "target_year", "values_as",
                     "milestone_state", "baseline_achievement")

    def _refresh_chunk(
        self, ids: list[str], marks: str, tol: float, appended: dict[str, list[Entry] | None],
        flags: dict[str, tuple[BaselineFlag, ...]],
    ) -> None:
        plans: dict[str, progress.Terms] = {}
        sources: dict[str, str] = {}
        plan_rows = self.db.execute(
            f"SELECT {', '.join(self._PLAN_COLUMNS)} FROM indicators WHERE id IN ({marks})", ids
        )
        Mark = progress.Mark  # noqa: N806 - the class, looked up once for 100,000 rows
        for (iid, direction, target_type, band, b_value, b_year, t_value, t_year, values_as,
             milestone, source) in plan_rows:
            # plain terms, not a Plan model: every row was checked by Indicator when it
            # was written, and a model for each was a fifth of a province's import
            plans[iid] = progress.Terms(
                direction, target_type,
                None if b_value is None else Mark(b_year, b_value),
                None if t_value is None else Mark(t_year, t_value),
                band, values_as, milestone, t_year,
            )
            if source is not None:
                sources[iid] = source
        yearly: dict[str, dict[int, float]] = {}
        for iid, year, value in self.db.execute(
                f"SELECT indicator, year, value FROM annual_targets WHERE indicator IN ({marks})",
                ids):
            yearly.setdefault(iid, {})[year] = value
        # a milestone is read in the year it is refreshed
        this_year = datetime.now(UTC).year
        # per indicator: the entries its verdicts may read, and how many values it has
        entries: dict[str, list[Entry]] = {}
        counts: dict[str, int] = {}
        history = list(plans)
        if any(appended.get(iid) is not None for iid in plans):
            # values appended to an unchanged plan: the cached latest value and the new
            # ones decide, unless the verdict reads the whole history (a running total)
            history = []
            cached = {r[0]: r[1:] for r in self.db.execute(
                "SELECT indicator, latest_year, latest_value, latest_quality, value_count"
                f" FROM indicator_status WHERE indicator IN ({marks})", ids)}
            for iid, plan in plans.items():
                new, old = appended.get(iid), cached.get(iid)
                if (new is None or old is None or old[3] is None or iid in yearly
                        or progress.reads_history(plan)):
                    history.append(iid)
                    continue
                year, value, quality, count = old
                entries[iid] = ([] if year is None else [(year, value, quality)]) + new
                counts[iid] = count + len(new)
        if history:
            for iid, year, value, q in self.db.execute(
                "SELECT indicator, year, value, quality FROM measurements"
                f" WHERE indicator IN ({_marks(history)}) ORDER BY indicator, id",
                history,
            ):
                entries.setdefault(iid, []).append((year, value, q))
            for iid in history:
                counts[iid] = len(entries.get(iid, []))
        rows = []
        for iid, plan in plans.items():
            found = entries.get(iid, [])
            # a point only for each value the verdicts read, not for a whole long history
            targets = yearly.get(iid)
            # a yearly target reads that year's value, not only the ones deciding
            chosen = found if targets else progress.deciding_entries(plan, found)
            pts = [Mark(y, v) for y, v, _ in chosen]
            baseline_flags = flags.get(sources.get(iid, ""), ())
            (latest, share, time_share, verdict, ratio, growth), heading, reason, annual, \
                _ = progress.assess_cached(plan, pts, tol, annual_targets=targets,
                                           as_of=this_year, baseline_flags=baseline_flags)
            # the later entry for a year wins, as for the value
            quality = {y: q for y, _, q in found}
            rows.append((
                iid,
                latest.year if latest else None,
                latest.value if latest else None,
                quality.get(latest.year) if latest else None,
                share,
                time_share,
                verdict,
                ratio,
                growth,
                counts[iid],
                *heading,
                reason or None,
                None if annual is None else annual.model_dump_json(),
                _json_text([f.model_dump() for f in baseline_flags]) if baseline_flags
                else None,
                int(bool(baseline_flags)),
            ))
        self.db.conn.executemany(_STATUS_UPSERT, rows)

    # -- seeding ---------------------------------------------------------------------

    def _seed(self, ds: Dataset) -> None:
        with self._tx():
            self.db["themes"].insert_all(
                {**t.model_dump(), "position": i} for i, t in enumerate(ds.themes)
            )
            self.db["achievements"].insert_all(
                {**_achievement_row(a), "position": i} for i, a in enumerate(ds.achievements)
            )
            self.db["districts"].insert_all(
                {**d.model_dump(), "position": i} for i, d in enumerate(ds.districts)
            )
            self.db["indicators"].insert_all(
                {**_indicator_row(ind), "position": i} for i, ind in enumerate(ds.indicators)
            )
            self._refresh_status(None)
            self.db["meta"].insert({"key": "seeded_at", "value": now()})
            self._audit(
                "seed",
                "database",
                str(self.path.name),
                None,
                {"achievements": len(ds.achievements), "indicators": len(ds.indicators)},
            )

    # -- achievements and flags ------------------------------------------------------

    def themes(self) -> list[Theme]:
        rows = self.db.query("SELECT id, name_zh, name_en FROM themes ORDER BY position")
        return [Theme(**r) for r in rows]

    def achievements(self, theme: str | None = None, search: str = "") -> list[Achievement]:
        """In display order; `search` matches names (zh/en) and source sentences."""
        if theme is not None and theme not in {t.id for t in self.themes()}:
            raise NotFound("no_theme", id=theme, choices=", ".join(t.id for t in self.themes()))
        where, params = [], []
        if theme is not None:
            where.append("theme = ?")
            params.append(theme)
        _match_words(search, ("title_zh", "title_en", "source_quote"), where, params)
        sql = "SELECT * FROM achievements"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_achievement(r) for r in self.db.query(sql + " ORDER BY position", params)]

    def achievement(self, achievement_id: str) -> Achievement:
        rows = list(self.db.query("SELECT * FROM achievements WHERE id = ?", [achievement_id]))
        if not rows:
            raise NotFound("no_achievement", id=achievement_id)
        return _achievement(rows[0])

    def flags(self) -> dict[str, list[Flag]]:
        """Open flags per achievement id: the rules' (less those dismissed) and manual ones."""
        dismissed = {
            (r["achievement"], r["code"]) for r in self.db.query("SELECT * FROM flag_dismissals")
        }
        out: dict[str, list[Flag]] = {}
        # only indicators that declare a range about an achievement can flag one; reading
        # just those keeps this cheap on a province-sized plan
        judges = [
            _indicator(r)
            for r in self.db.query(
                "SELECT * FROM indicators"
                " WHERE plausible IS NOT NULL AND baseline_achievement IS NOT NULL"
            )
        ]
        computed = quality.compute_flags(self.achievements(), judges)
        for f in computed:
            if (f.achievement, f.code) not in dismissed:
                out.setdefault(f.achievement, []).append(f)
        for r in self.db.query("SELECT * FROM manual_flags WHERE cleared_at IS NULL ORDER BY id"):
            out.setdefault(r["achievement"], []).append(
                Flag(
                    id=r["id"],
                    achievement=r["achievement"],
                    code="manual",
                    message_zh=f"人工标记：{r['note']}",
                    message_en=f"flagged by hand: {r['note']}",
                    manual=True,
                    note=r["note"],
                    actor=r["actor"],
                )
            )
        return out

    def add_flag(self, achievement_id: str, note: str) -> Flag:
        self.achievement(achievement_id)
        note = checked_text("note", note.strip(), note=True)
        if not note:
            raise refused("note", "a manual flag needs a note", "人工标记需要填写说明")
        with self._tx():
            row = {
                "achievement": achievement_id,
                "note": note,
                "actor": self.actor,
                "created_at": now(),
            }
            flag_id = self.db["manual_flags"].insert(row).last_pk
            self._audit(
                "flag", "achievement", achievement_id, None, {"flag": flag_id, "note": note}
            )
            self._refresh_baselines_of(achievement_id)
        return next(f for f in self.flags()[achievement_id] if f.id == flag_id)

    def clear_flag(self, achievement_id: str, code: str, note: str = "") -> None:
        """Clear an open flag: a manual one by its id ("manual:ID" or "manual"), a rule's by code."""
        open_flags = self.flags().get(achievement_id, [])
        self.achievement(achievement_id)
        note = checked_text("note", note, note=True)
        with self._tx():
            if code.startswith("manual"):
                wanted = code.partition(":")[2]
                match = [f for f in open_flags if f.manual and (not wanted or str(f.id) == wanted)]
                if not match:
                    raise NotFound("no_flag", id=achievement_id, code=code)
                for f in match:
                    self.db["manual_flags"].update(
                        f.id, {"cleared_at": now(), "cleared_by": self.actor, "cleared_note": note}
                    )
                    self._audit(
                        "clear_flag",
                        "achievement",
                        achievement_id,
                        {"flag": f.id, "note": f.note},
                        {"cleared_note": note},
                    )
            else:
                if not any(f.code == code for f in open_flags):
                    raise NotFound("no_flag", id=achievement_id, code=code)
                self.db["flag_dismissals"].insert(
                    {
                        "achievement": achievement_id,
                        "code": code,
                        "note": note,
                        "actor": self.actor,
                        "at": now(),
                    }
                )
                self._audit(
                    "clear_flag",
                    "achievement",
                    achievement_id,
                    {"code": code},
                    {"cleared_note": note},
                )
            self._refresh_baselines_of(achievement_id)

    def _refresh_baselines_of(self, achievement_id: str) -> None:
        """The verdicts of the indicators whose baseline is this figure carry its flags."""
        self._refresh_status([r[0] for r in self.db.execute(
            "SELECT id FROM indicators WHERE baseline_achievement = ?", [achievement_id])])

    # -- districts and indicators ----------------------------------------------------

    def districts(self) -> list[District]:
        rows = self.db.query(
            "SELECT id, name_zh, name_en, summary_zh, summary_en FROM districts ORDER BY position"
        )
        return [District(**r) for r in rows]

    def district(self, district_id: str) -> District:
        for d in self.districts():
            if d.id == district_id:
                return d
        raise NotFound(
            "no_district", id=district_id, choices=", ".join(d.id for d in self.districts())
        )

    def indicators(
        self, district: str | None = None, *, with_retired: bool = False
    ) -> list[Indicator]:
        where, params = [], []
        if district is not None:
            self.district(district)
            where.append("district = ?")
            params.append(district)
        if not with_retired:
            where.append("retired = 0")
        sql = "SELECT i.* FROM indicators i JOIN districts d ON d.id = i.district"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.position, i.position"
        return [_indicator(r) for r in self.db.query(sql, params)]

    def indicator(self, indicator_id: str) -> Indicator:
        rows = list(self.db.query("SELECT * FROM indicators WHERE id = ?", [indicator_id]))
        if not rows:
            raise NotFound("no_indicator", id=indicator_id)
        return _indicator(rows[0])

    def indicators_by_id(self, ids: Collection[str]) -> dict[str, Indicator]:
        """The indicators among `ids` that exist, retired ones included."""
        out: dict[str, Indicator] = {}
        with collector_paused():
            for chunk, marks in _in_chunks(ids):
                cursor = self.db.execute(
                    f"SELECT * FROM indicators WHERE id IN ({marks})", chunk)
                names = [c[0] for c in cursor.description]
                for r in cursor:
                    ind = Indicator.model_validate(
                        _indicator_fields(zip(names, r, strict=True)))
                    out[ind.id] = ind
        return out

    def indicator_units(self, ids: Collection[str]) -> dict[str, str]:
        """The unit of each indicator among `ids` that exists: all an import of values
        needs to know of an indicator, without building a province's plans as models."""
        out: dict[str, str] = {}
        for chunk, marks in _in_chunks(ids):
            out.update(self.db.execute(
                f"SELECT id, unit FROM indicators WHERE id IN ({marks})", chunk).fetchall())
        return out

    def add_indicator(self, indicator: Indicator) -> Indicator:
        self.district(indicator.district)
        if indicator.baseline_achievement:
            self.achievement(indicator.baseline_achievement)
        ind = indicator.model_copy(update={"version": 1, "retired": False})
        with self._tx():
            if self.db.execute("SELECT 1 FROM indicators WHERE id = ?", [ind.id]).fetchone():
                raise TrackerError("indicator_exists", id=ind.id)
            pos = self.db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM indicators"
            ).fetchone()[0]
            self.db["indicators"].insert({**_indicator_row(ind), "position": pos})
            self._refresh_status([ind.id])
            self._audit("add", "indicator", ind.id, None, _dump(ind))
        return ind

    def update_indicator(
        self, indicator_id: str, changes: dict[str, Any], expected_version: int | None = None
    ) -> Indicator:
        """Apply field changes, validated as a whole; refuse if someone else saved first."""
        with self._tx():
            old = self.indicator(indicator_id)
            if expected_version is not None and old.version != expected_version:
                last = self.audit(entity="indicator", entity_id=indicator_id, limit=1)
                raise Conflict(
                    "conflict",
                    id=indicator_id,
                    actor=last[0].actor if last else "?",
                    at=last[0].at.isoformat(timespec="seconds") if last else "?",
                    version=old.version,
                )
            if changes.get("baseline_achievement"):
                self.achievement(changes["baseline_achievement"])
            try:
                new = Indicator.model_validate(
                    {**old.model_dump(), **changes, "id": old.id, "version": old.version + 1}
                )
            except ValidationError as e:
                raise invalid(e) from None
            before, after = _dump(old), _dump(new)
            diff_old = {k: v for k, v in before.items() if after[k] != v and k != "version"}
            diff_new = {k: after[k] for k in diff_old}
            if not diff_old:
                return old
            self.db["indicators"].update(indicator_id, _indicator_row(new))
            self._refresh_status([indicator_id])
            if new.baseline_achievement and "plausible" in diff_old:
                # a declared range can flag the figure other baselines are taken from too
                self._refresh_baselines_of(new.baseline_achievement)
            self._audit("update", "indicator", indicator_id, diff_old, diff_new)
        return new

    def set_milestone(self, indicator_id: str, state: str, date: str | None = None,
                      evidence: str | None = None, expected_version: int | None = None
                      ) -> Indicator:
        """Record where a milestone stands; the date and evidence stay unless given."""
        if self.indicator(indicator_id).target_type != "milestone":
            raise refused("target_type", "the indicator is not a milestone",
                          "该指标不是里程碑类目标")
        changes: dict[str, Any] = {"milestone_state": state}
        if date is not None:
            changes["milestone_date"] = date or None
        if evidence is not None:
            changes["milestone_evidence"] = evidence.strip()
        return self.update_indicator(indicator_id, changes, expected_version)

    def annual_targets(self, indicator_id: str) -> dict[int, float]:
        """An indicator's yearly targets (年度目标), by year."""
        self.indicator(indicator_id)
        return dict(self.db.execute(
            "SELECT year, value FROM annual_targets WHERE indicator = ? ORDER BY year",
            [indicator_id]).fetchall())

    def annual_targets_by_indicator(self, ids: Collection[str]) -> dict[str, dict[int, float]]:
        """The yearly targets of each of these indicators that has any."""
        out: dict[str, dict[int, float]] = {}
        for chunk, marks in _in_chunks(ids):
            for iid, year, value in self.db.execute(
                    "SELECT indicator, year, value FROM annual_targets"
                    f" WHERE indicator IN ({marks}) ORDER BY indicator, year", chunk):
                out.setdefault(iid, {})[year] = value
        return out

    def set_annual_target(self, indicator_id: str, year: int, value: float) -> AnnualTarget:
        """Set (or replace) the target of one year of the plan period."""
        with self._tx():
            ind = self.indicator(indicator_id)
            try:
                target = AnnualTarget.model_validate(
                    {"indicator": indicator_id, "year": year, "value": value},
                    context={"indicator": ind})
            except ValidationError as e:
                raise invalid(e) from None
            old = self.db.execute(
                "SELECT value FROM annual_targets WHERE indicator = ? AND year = ?",
                [indicator_id, year]).fetchone()
            if old is not None and old[0] == target.value:
                return target
            self.db.execute(
                "INSERT INTO annual_targets (indicator, year, value) VALUES (?, ?, ?)"
                " ON CONFLICT (indicator, year) DO UPDATE SET value = excluded.value",
                [indicator_id, target.year, target.value])
            self._refresh_status([indicator_id])
            self._audit("annual_target", "indicator", indicator_id,
                        None if old is None else {"year": year, "value": old[0]},
                        {"year": target.year, "value": target.value})
        return target

    def remove_annual_target(self, indicator_id: str, year: int) -> None:
        with self._tx():
            self.indicator(indicator_id)
            old = self.db.execute(
                "SELECT value FROM annual_targets WHERE indicator = ? AND year = ?",
                [indicator_id, year]).fetchone()
            if old is None:
                raise NotFound("no_annual_target", id=indicator_id, year=year)
            self.db.execute("DELETE FROM annual_targets WHERE indicator = ? AND year = ?",
                            [indicator_id, year])
            self._refresh_status([indicator_id])
            self._audit("remove_annual_target", "indicator", indicator_id,
                        {"year": year, "value": old[0]}, None)

    def flagged_baseline_counts(self) -> dict[str, int]:
        """Per district, how many of its indicators' verdicts rest on a flagged baseline
        (其中 N 项基期存疑)."""
        return dict(self.db.execute(
            "SELECT i.district, count(*) FROM indicators i"
            " JOIN indicator_status s ON s.indicator = i.id"
            " WHERE i.retired = 0 AND s.baseline_flagged = 1 GROUP BY 1").fetchall())

    def retire_indicator(self, indicator_id: str, expected_version: int | None = None) -> Indicator:
        return self.update_indicator(indicator_id, {"retired": True}, expected_version)

    def _plan_where(self, district: str | None, search: str) -> tuple[str, list[Any]]:
        where, params = ["i.retired = 0"], []
        if district is not None:
            where.append("i.district = ?")
            params.append(district)
        _match_words(search, ("i.id", "i.name_zh", "i.name_en"), where, params)
        return " AND ".join(where), params

    def _plan_query(self, columns: str, district: str | None, search: str
                    ) -> tuple[str, list[Any]]:
        """The plan under this filter, in display order, each indicator beside its cached
        status (`s`): the query the plan's windows and its table rows share."""
        where, params = self._plan_where(district, search)
        return (
            f"SELECT {columns} FROM indicators i JOIN districts d ON d.id = i.district"
            " LEFT JOIN indicator_status s ON s.indicator = i.id"
            f" WHERE {where} ORDER BY d.position, i.position", params)

    def indicator_states(
        self,
        district: str | None = None,
        search: str = "",
        offset: int = 0,
        limit: int | None = None,
    ) -> list[IndicatorState]:
        """A window of the plan in display order, each with its cached verdicts."""
        sql, params = self._plan_query(
            "i.*, s.latest_year, s.latest_value, s.latest_quality, s.progress_share,"
            " s.time_share, s.schedule_verdict, s.growth_ratio, s.growth_verdict, "
            + ", ".join(f"s.{c}" for c in _STATUS_EXTRAS),
            district, search)
        cursor = self.db.execute(
            f"{sql} LIMIT {int(limit) if limit is not None else -1} OFFSET {int(offset)}",
            params)
        names = [c[0] for c in cursor.description]
        n = names.index("latest_year")  # the indicator's columns come first
        plan_names = names[:n]
        out = []
        with collector_paused():
            for r in cursor:
                year, value, q, progress_share, time_share, schedule, ratio, growth = r[n:n + 8]
                extras = dict(zip(_STATUS_EXTRAS, r[n + 8:], strict=True))
                extras["reason"] = extras["reason"] or ""
                extras["annual"] = extras["annual"] and json.loads(extras["annual"])
                extras["baseline_flags"] = json.loads(extras["baseline_flags"] or "[]")
                # one validation per row, nested: a third of the cost of three models
                out.append(IndicatorState.model_validate({
                    **extras,
                    "indicator": _indicator_fields(zip(plan_names, r[:n], strict=True)),
                    "latest": None if year is None else {
                        "year": year, "value": value, "quality": q or "final"},
                    "progress_share": progress_share,
                    "time_share": time_share,
                    "schedule_verdict": schedule or "no_data",
                    "growth_ratio": ratio,
                    "growth_verdict": growth or "no_data",
                }))
        return out

    def plan_rows(self, district: str | None = None) -> list[PlanRow]:
        """The plan in display order, each row as the tables write it: the same figures
        as `indicator_states`, read as typed tuples rather than models."""
        rows = self.db.execute(*self._plan_query(_PLAN_ROW_SELECT, district, "")).fetchall()
        return _typed_rows(_PLAN_ROWS, PlanRow._fields, rows)

    def count_indicators(self, district: str | None = None, search: str = "") -> int:
        where, params = self._plan_where(district, search)
        sql = f"SELECT count(*) FROM indicators i WHERE {where}"
        return self.db.execute(sql, params).fetchone()[0]

    def verdict_counts(self) -> dict[str, dict[str, dict[str, int]]]:
        """Per district, the number of indicators per schedule and per growth verdict."""
        out: dict[str, dict[str, dict[str, int]]] = {}
        rows = self.db.execute(
            "SELECT i.district, coalesce(s.schedule_verdict, 'no_data'),"
            " coalesce(s.growth_verdict, 'no_data'), count(*)"
            " FROM indicators i LEFT JOIN indicator_status s ON s.indicator = i.id"
            " WHERE i.retired = 0 GROUP BY 1, 2, 3"
        )
        for district, schedule, growth, n in rows:
            d = out.setdefault(district, {"schedule": {}, "growth": {}})
            d["schedule"][schedule] = d["schedule"].get(schedule, 0) + n
            d["growth"][growth] = d["growth"].get(growth, 0) + n
        return out

    def indicator_index(
        self, district: str | None, search: str, indicator_id: str
    ) -> int | None:
        """Where an indicator stands in the plan's order under this filter (None: not in it)."""
        where, params = self._plan_where(district, search)
        base = " FROM indicators i JOIN districts d ON d.id = i.district"
        here = self.db.execute(
            f"SELECT d.position, i.position{base} WHERE {where} AND i.id = ?",
            [*params, indicator_id],
        ).fetchone()
        if here is None:
            return None
        return self.db.execute(
            f"SELECT count(*){base} WHERE {where} AND (d.position, i.position) < (?, ?)",
            [*params, *here],
        ).fetchone()[0]

    def baseline_from_achievement(self, achievement_id: str, unit: str) -> tuple[float, int]:
        """An achievement's value in an indicator's unit, and the last year of its period."""
        a = self.achievement(achievement_id)
        value = quality.value_in_unit(a, unit)
        if value is None:
            raise TrackerError(
                "invalid",
                field="baseline_achievement",
                reason=f"{a.id} ({a.unit or 'no value'}) cannot be read in unit {unit!r}",
            )
        digits = [int(p) for p in a.period.replace("–", "-").split("-") if p.isdigit()]
        years = [y for y in digits if y > 1900]
        if not years:
            raise TrackerError(
                "invalid",
                field="baseline_achievement",
                reason=f"{a.id} has no year in its period {a.period!r}",
            )
        return float(value), max(years)

    # -- measurements ----------------------------------------------------------------

    def add_measurement(self, m: Measurement) -> Measurement:
        return self.add_measurements([m])[0]

    def add_measurements(self, ms: Sequence[Measurement], kept: bool = True,
                         written: Progress = unheard, logged_by: int | None = None
                         ) -> list[Measurement]:
        """Record values, each with its audit entry, in one transaction; the values as
        recorded (with their ids) come back unless not `kept` (an import of a province's
        100,000 values has no use for them). `written` hears how many are written. With
        `logged_by` (an import's audit entry, written next), each value names that entry
        and has none of its own."""
        if not ms:
            return []
        # the rows made hold no cycles for the collector to look for
        with self._tx(), collector_paused():
            wanted = sorted({m.indicator for m in ms})
            known: set[str] = set()
            for chunk, marks in _in_chunks(wanted):
                known |= {r[0] for r in self.db.execute(
                    f"SELECT id FROM indicators WHERE id IN ({marks})", chunk)}
            for iid in wanted:
                if iid not in known:
                    raise NotFound("no_indicator", id=iid)
            # ids are handed out here, under the write lock, so each audit entry names its row
            next_id = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM measurements"
                                      ).fetchone()[0]
            at = datetime.now(UTC).replace(microsecond=0)
            stamp = now()
            recs: list[Measurement] = []
            new: dict[str, list[Entry] | None] = {}
            tally = Tally(len(ms), written, step=1)
            # 5,000 at a time: a province's import never holds each value's row and audit
            # text all at once
            for start in range(0, len(ms), 5_000):
                chunk = ms[start:start + 5_000]
                rows = self._insert_values(chunk, next_id + start, at, stamp, logged_by)
                tally.add(len(chunk))
                for m in chunk:
                    new.setdefault(m.indicator, []).append(  # type: ignore[union-attr]
                        (m.year, m.value, m.quality))
                if kept:
                    # each value was validated when it was made; its id, who and when are
                    # of the right types here, so a copy need not check it again
                    recs += [m.model_copy(update={"id": r["id"], "actor": self.actor,
                                                  "recorded_at": at})
                             for m, r in zip(chunk, rows, strict=True)]
            self._refresh_status(wanted, new)
        return recs

    def _insert_values(self, ms: Sequence[Measurement], first_id: int, at: datetime,
                       stamp: str, logged_by: int | None) -> list[dict[str, Any]]:
        """Write these values as recorded now, ids from `first_id` on, each with its audit
        entry or naming the one that logs them; their rows come back."""
        recorded = _WHEN.dump_python(at, mode="json")  # as a model dumps it: ...Z
        rows = _VALUE_ROWS.dump_python(ms, mode="json")
        for i, row in enumerate(rows):
            row["id"], row["actor"], row["recorded_at"] = first_id + i, self.actor, recorded
        # executemany, not insert_all: a province's import is tens of thousands of rows and
        # sqlite-utils would rebuild the statement and inspect every value again
        columns = [*rows[0], "logged_by"]
        self.db.conn.executemany(
            f"INSERT INTO measurements ({', '.join(columns)}) VALUES ({_marks(columns)})",
            [(*r.values(), logged_by) for r in rows],
        )
        if logged_by is not None:
            return rows
        self.db.conn.executemany(
            "INSERT INTO audit (at, actor, action, entity, entity_id, old, new)"
            " VALUES (?, ?, 'measure', 'indicator', ?, NULL, ?)",
            [(stamp, self.actor, r["indicator"], _json_text(r)) for r in rows],
        )
        return rows

    def measurements(self, indicator_id: str | None = None) -> list[Measurement]:
        """Values in entry order; a later entry for a year supersedes an earlier one."""
        sql, params = f"SELECT {_VALUE_LIST} FROM measurements", []
        if indicator_id is not None:
            self.indicator(indicator_id)
            sql += " WHERE indicator = ?"
            params.append(indicator_id)
        with collector_paused():
            return [Measurement.model_validate(r)
                    for r in self.db.query(sql + " ORDER BY id", params)]

    def count_values(self) -> int:
        return self.db.execute("SELECT count(*) FROM measurements").fetchone()[0]

    def measurement_chunks(self, size: int) -> Iterator[list[Measurement]]:
        """Every value in entry order, `size` at a time: a province's million values need
        not all be models at once. Inside `reading()` they are one consistent state."""
        return self._value_pages(
            list(_VALUE_COLUMNS), lambda rows: [_snapshot_value(r) for r in rows], size)

    def hashed_value_chunks(self, size: int) -> Iterator[list[HashedValue]]:
        """Every value in entry order, `size` at a time, as a snapshot's hash reads it:
        typed tuples, not models, for a province's million values."""
        return self._value_pages(
            HashedValue._fields,
            lambda rows: _typed_rows(_HASHED_VALUES, HashedValue._fields, rows), size)

    def _value_pages(self, columns: Sequence[str], read: Callable[[list[tuple]], list[T]],
                     size: int) -> Iterator[list[T]]:
        """Every value in entry order, `size` rows of these columns at a time, each page
        as `read` makes it; a page begins after the last id of the one before."""
        at_id, after = columns.index("id"), 0

        def next_chunk() -> list[T]:
            nonlocal after
            rows = self.db.execute(
                f"SELECT {', '.join(columns)} FROM measurements WHERE id > ?"
                " ORDER BY id LIMIT ?", [after, size]).fetchall()
            if rows:
                after = rows[-1][at_id]
            return read(rows)

        return _chunks(next_chunk)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Reads that see one state of the file, whatever other planners commit meanwhile.
        A read transaction: it takes no lock that would keep them from writing."""
        if self.db.conn.in_transaction:
            yield
            return
        self.db.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            if self.db.conn.in_transaction:
                self.db.execute("COMMIT")

    def value_keys(
        self, ids: Collection[str], years: Collection[int] | None = None
    ) -> list[tuple[str, int, float, str]]:
        """(indicator, year, value, quality) of the values of these indicators (in these
        years), in entry order: enough to tell whether an imported value is already here."""
        in_years = ""
        if years is not None:
            in_years = f" AND year IN ({','.join(str(int(y)) for y in sorted(set(years)))})"
        out: list[tuple[str, int, float, str]] = []
        for chunk, marks in _in_chunks(ids):
            out += self.db.execute(
                "SELECT indicator, year, value, quality FROM measurements"
                f" WHERE indicator IN ({marks}){in_years} ORDER BY id",
                chunk,
            ).fetchall()
        return out

    def measurements_by_indicator(
        self, indicator_ids: Sequence[str] | None = None
    ) -> dict[str, list[Measurement]]:
        out: dict[str, list[Measurement]] = {}
        wanted = set(indicator_ids) if indicator_ids is not None else None
        for m in self.measurements():
            if wanted is None or m.indicator in wanted:
                out.setdefault(m.indicator, []).append(m)
        return out

    def import_batch(
        self,
        new_indicators: Sequence[Indicator],
        updates: Sequence[tuple[str, dict[str, Any]]],
        measurements: Sequence[Measurement],
        source: str,
        tell: Progress = unheard,
        written: Progress = unheard,
    ) -> None:
        """All of an import or none of it, each change audited, the batch itself too.
        `written` hears how many values are written, then `tell` how many touched
        indicators have their verdicts judged."""
        with self._tx(), self._deferred_status(tell):
            for ind in new_indicators:
                self.add_indicator(ind)
            for indicator_id, changes in updates:
                self.update_indicator(indicator_id, changes)
            # the import's entry logs its values: the id it will have, under the write lock
            entry = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM audit").fetchone()[0]
            self.add_measurements(measurements, kept=False, written=written, logged_by=entry)
            self._audit("import", "database", self.path.name, None, {
                "source": source, "indicators_added": len(new_indicators),
                "indicators_updated": len(updates), "values_added": len(measurements)},
                entry=entry)

    # -- snapshots -------------------------------------------------------------------

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
                    _insert_snapshot_states(self.db, sid, content.indicators)
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

    def stage_snapshot_states(self, states: Sequence[IndicatorState], start: int) -> None:
        """Keep these states, at positions from `start` on, for the snapshot about to be
        saved (`save_snapshot(states_staged=...)`): a snapshot's plan need not be held
        whole until then. They go to a temporary table of this connection, which takes no
        lock other planners would wait on; `start` 0 begins again."""
        if start == 0:
            self.db.execute("DROP TABLE IF EXISTS temp.staged_states")
            self.db.execute("CREATE TEMP TABLE staged_states (position INTEGER PRIMARY KEY,"
                            " district TEXT NOT NULL, state TEXT NOT NULL)")
        self.db.conn.executemany(
            "INSERT INTO temp.staged_states (position, district, state) VALUES (?, ?, ?)",
            _state_rows(states, start))

    def _save_values(
        self, sid: int, content: SnapshotContent, values_read: tuple[int, int] | None
    ) -> None:
        if values_read is None:
            _insert_snapshot_values(self.db, sid, content.measurements, 0)
            return
        # values are only ever added, so the ids up to the last one read are exactly the
        # values hashed; a file put back meanwhile would show here
        last, count = values_read
        copied = self.db.execute(
            f"INSERT INTO snapshot_values (snapshot, position, {_VALUE_LIST})"
            f" SELECT ?, id, {_VALUE_LIST} FROM measurements WHERE id <= ?"
            " ORDER BY id", [sid, last]).rowcount
        if copied != count or (count and self.db.execute(
                "SELECT max(position) FROM snapshot_values WHERE snapshot = ?",
                [sid]).fetchone()[0] != last):
            raise TrackerError("snapshot_moved")

    def snapshots(self) -> list[SnapshotInfo]:
        rows = self.db.query(
            f"SELECT {', '.join(_SNAPSHOT_INFO)} FROM snapshots ORDER BY id"
        )
        return [SnapshotInfo(**r) for r in rows]

    def snapshot(self, snapshot_id: int) -> tuple[SnapshotInfo, SnapshotContent]:
        info, head = self.snapshot_head(snapshot_id)
        values = [m for chunk in self.snapshot_values(snapshot_id, 5_000) for m in chunk]
        return info, head.model_copy(update={"measurements": values})

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
        return _typed_rows(_COMPARED, Compared._fields, rows)

    def snapshot_indicators(self, snapshot_id: int) -> list[str]:
        """The id of each indicator of a stored snapshot, in its order: what a comparison
        needs to know of a whole plan before reading it a district at a time."""
        self._snapshot_exists(snapshot_id)
        return [r[0] for r in self.db.execute(
            "SELECT json_extract(state, '$.indicator.id') FROM snapshot_states"
            " WHERE snapshot = ? ORDER BY position", [snapshot_id])]

    def snapshot_state_count(self, snapshot_id: int) -> int:
        self._snapshot_exists(snapshot_id)
        return self.db.execute(
            "SELECT count(*) FROM snapshot_states WHERE snapshot = ?", [snapshot_id]
        ).fetchone()[0]

    def snapshot_values(self, snapshot_id: int, size: int) -> Iterator[list[Measurement]]:
        """A snapshot's values in its order, `size` at a time: a province's million are
        never all models at once."""
        self._snapshot_exists(snapshot_id)
        after = -1

        def next_chunk() -> list[Measurement]:
            nonlocal after
            cursor = self.db.execute(
                f"SELECT position, {_VALUE_LIST} FROM snapshot_values"
                " WHERE snapshot = ? AND position > ? ORDER BY position LIMIT ?",
                [snapshot_id, after, size])
            rows = cursor.fetchall()
            if rows:
                after = rows[-1][0]
            return [_snapshot_value(r[1:]) for r in rows]

        return _chunks(next_chunk)

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

    def snapshot_value_count(self, snapshot_id: int) -> int:
        self._snapshot_exists(snapshot_id)
        return self.db.execute(
            "SELECT count(*) FROM snapshot_values WHERE snapshot = ?", [snapshot_id]
        ).fetchone()[0]

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
                f" WHERE id NOT IN ({held}) ORDER BY id", [snapshot_id]).fetchall()
        else:
            rows = self.db.execute(
                "SELECT indicator, year, value FROM snapshot_values WHERE snapshot = ?"
                f" AND id NOT IN ({held}) ORDER BY position", [later, snapshot_id]).fetchall()
        return _typed_rows(_NEW_VALUES, NewValue._fields, rows, key="indicator")

    def _snapshot_exists(self, snapshot_id: int) -> None:
        if self.db.execute("SELECT 1 FROM snapshots WHERE id = ?", [snapshot_id]).fetchone() \
                is None:
            raise NotFound("no_snapshot", id=snapshot_id)

    # -- audit and health ------------------------------------------------------------

    def audit(
        self, entity: str | None = None, entity_id: str | None = None, limit: int | None = None
    ) -> list[AuditEntry]:
        """Newest first. An import's values are logged by its one entry: each is listed
        as a value typed in is, just under that entry."""
        where, params = [], []
        if entity is not None:
            where.append("entity = ?")
            params.append(entity)
        if entity_id is not None:
            where.append("entity_id = ?")
            params.append(entity_id)
        sql = "SELECT * FROM audit"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        out = []
        for r in self.db.query(sql, params):
            r["old"] = json.loads(r["old"]) if r["old"] else None
            r["new"] = json.loads(r["new"]) if r["new"] else None
            out.append(AuditEntry(**r))
        if entity not in (None, "indicator"):
            return out
        logged = self._logged_values(entity_id, limit)
        # an import's values are older than its entry, and in entry order among themselves
        merged = sorted(out + logged, reverse=True,
                        key=lambda e: (e.id, e.value_id is None, e.value_id or 0))
        return merged if limit is None else merged[:limit]

    def _logged_values(self, indicator_id: str | None, limit: int | None) -> list[AuditEntry]:
        """The values imports logged (of one indicator), newest first, as audit entries."""
        sql = f"SELECT {_VALUE_LIST}, logged_by FROM measurements" \
            " WHERE id >= ? AND logged_by IS NOT NULL"
        params: list[object] = [int(self._meta("logged_from") or 0)]
        if indicator_id is not None:
            sql += " AND indicator = ?"
            params.append(indicator_id)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        out = []
        for r in self.db.query(sql, params):
            entry = r.pop("logged_by")
            out.append(AuditEntry(
                id=entry, value_id=r["id"], at=r["recorded_at"], actor=r["actor"],
                action="measure", entity="indicator", entity_id=r["indicator"], new=r))
        return out

    def integrity_problems(self) -> list[str]:
        """SQLite's own integrity and foreign-key checks; empty when the file is sound."""
        try:
            rows = [r[0] for r in self.db.execute("PRAGMA integrity_check").fetchall()]
            fk = self.db.execute("PRAGMA foreign_key_check").fetchall()
        except sqlite3.DatabaseError as e:
            return [str(e)]
        problems = [r for r in rows if r != "ok"]
        problems += [f"foreign key: {t} row {rowid} -> {parent}" for t, rowid, parent, _ in fk]
        return problems

    def tolerance(self) -> float:
        value = self._meta("tolerance")
        return float(value) if value is not None else DEFAULT_TOLERANCE

    def set_tolerance(self, value: float) -> None:
        value = parse_tolerance(value)
        with self._tx():
            old = self.tolerance()
            self.db["meta"].upsert({"key": "tolerance", "value": repr(value)}, pk="key")
            # no plan and no value changed: each cached latest value decides again, and a
            # province's history is read only for running totals
            ids = [r[0] for r in self.db.execute("SELECT id FROM indicators")]
            self._refresh_status(ids, {iid: [] for iid in ids})
            self._audit("update", "setting", "tolerance", {"tolerance": old}, {"tolerance": value})

    def backup(self, dest: Path | str, force: bool = False) -> Path:
        """A consistent copy through SQLite's online backup, safe while others write.
        Owner-only, like the database: it holds the same figures."""
        dest = Path(dest)
        if os.path.lexists(dest) and not force:
            raise TrackerError("file_exists", path=str(dest))
        found = safe_files.kind(dest)
        if found == safe_files.FOLDER:
            raise TrackerError("db_is_folder", path=str(dest))
        if found == safe_files.SPECIAL:  # --force replaces a file, never a device or a pipe
            raise TrackerError("output_not_regular", path=str(dest))
        if not dest.parent.is_dir():
            raise TrackerError("db_folder_missing", path=str(dest.parent))
        try:
            with safe_files.written_whole(dest, force, mode=0o600) as tmp:
                target = sqlite3.connect(tmp)
                try:
                    # no journal: a copy cut short is thrown away whole, and a journal
                    # file would be one more name beside it to plant a link at
                    target.execute("PRAGMA journal_mode = OFF")
                    self.db.conn.backup(target)
                    target.execute("PRAGMA journal_mode = DELETE")
                finally:
                    target.close()
        except OSError as e:
            raise TrackerError("backup_failed", path=str(dest),
                               detail=e.strerror or str(e)) from None
        except sqlite3.OperationalError as e:
            if "full" in str(e) or "locked" in str(e) or "busy" in str(e):
                raise
            # the copy could not be written where it was asked (a name SQLite needs
            # beside it is taken): nothing was written
            raise TrackerError("backup_failed", path=str(dest), detail=str(e)) from None
        return dest

    def restore_from(self, source: Path | str) -> Path:
        """Replace this database's content with a checked tracker backup; the current
        content is backed up first. Returns where that safety copy went."""
        source = Path(source)
        problems = check_file(source)
        if problems:
            raise TrackerError("restore_refused", path=str(source), reason=problems)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        safety = self.backup(self.path.with_name(f"{self.path.name}.before-restore-{stamp}.bak"))
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            src.backup(self.db.conn)
        finally:
            src.close()
        self.db.execute("PRAGMA journal_mode = WAL")
        # a backup from before files were marked: marked with the restore's audit entry
        self._unstamped = True
        self._audit_now("restore", str(source), safety)
        return safety

    def _audit_now(self, action: str, source: str, safety: Path) -> None:
        with self._tx():
            self._audit(action, "database", self.path.name, None,
                        {"source": source, "previous_content_saved_to": str(safety)})

    def data_version(self) -> int:
        """Changes when another connection commits: a cheap poll for live views."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]


def check_file(path: Path) -> str:
    """Why a file cannot be restored from ("" when it is a sound tracker database)."""
    if safe_files.kind(path) != safe_files.REGULAR:
        return "no such file"
    try:
        head = safe_files.read_head(path, 16)
    except OSError as e:
        return e.strerror or str(e)
    if head != b"SQLite format 3\x00":
        return "not a SQLite database"
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            return "integrity check failed: " + "; ".join(rows[:3])
        whose = _whose(con)[0]
        if whose == "newer":
            return "written by a newer version of tracker"
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if whose != "ours" or "indicators" not in names:
            return "not a tracker database"
    except sqlite3.DatabaseError as e:
        return str(e)
    finally:
        con.close()
    return ""


@functools.cache
def _tracker_tables() -> frozenset[str]:
    """Every table some version of the schema has had, found by running the migrations
    on an empty database in memory."""
    db = sqlite_utils.Database(memory=True)
    migrations.ensure_migrations_table(db)
    seen = set(db.table_names())
    for m in migrations._migrations:
        m.fn(db)
        seen |= set(db.table_names())
    return frozenset(seen)


def _whose(con: sqlite3.Connection) -> tuple[str, int, bool]:
    """Whose file this is, by reading it only: ("ours" | "blank" | "newer" | "foreign",
    the tracker migrations it has had, whether it is marked as the tracker's). Blank is
    a file with no tables that no program has claimed: it becomes a new tracker file."""
    app = con.execute("PRAGMA application_id").fetchone()[0]
    version = con.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if not r[0].startswith("sqlite_")}
    stamped = app == APPLICATION_ID
    if app not in (0, APPLICATION_ID):
        return "foreign", 0, stamped
    if not tables:
        return ("blank" if stamped or version == 0 else "foreign"), 0, stamped
    if "_sqlite_migrations" not in tables:
        return "foreign", 0, stamped
    try:
        rows = con.execute("SELECT migration_set, name FROM _sqlite_migrations").fetchall()
    except sqlite3.OperationalError:  # a table of that name, but not sqlite-utils'
        return "foreign", 0, stamped
    if any(kept != MIGRATION_SET for kept, _ in rows):
        return "foreign", 0, stamped
    names = {name for _, name in rows}
    if names - {m.name for m in migrations._migrations} or version > SCHEMA_VERSION:
        return "newer", max(len(names), version), stamped
    if tables - _tracker_tables():
        return "foreign", len(names), stamped
    if not names and not stamped and tables != {"_sqlite_migrations"}:
        # tables named like the tracker's, but no tracker migration ever ran on them
        return "foreign", 0, stamped
    return "ours", len(names), stamped


def _translate_errors(fn: Any) -> Any:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except sqlite3.DatabaseError as e:
            raise _translated(e) from None

    return wrapper


def _chunks(next_chunk: Callable[[], list[T]]) -> Iterator[list[T]]:
    """Chunks of models until one comes back empty. A generator runs after the public
    method that made it has returned, so its errors are put in the store's words here."""
    while True:
        try:
            with collector_paused():
                chunk = next_chunk()
        except sqlite3.DatabaseError as e:
            raise _translated(e) from None
        if not chunk:
            return
        yield chunk


def _translated(e: sqlite3.DatabaseError) -> TrackerError:
    if isinstance(e, sqlite3.OperationalError):
        return _operational(e)
    if "full" in str(e):
        return TrackerError("disk_full", detail=str(e))
    return TrackerError("db_damaged", detail=str(e))


def _operational(e: sqlite3.OperationalError) -> TrackerError:
    text = str(e)
    if "full" in text:
        return TrackerError("disk_full", detail=text)
    if "locked" in text or "busy" in text:
        return TrackerError("db_busy", detail=text)
    return TrackerError("db_error", detail=text)


# every public method speaks TrackerError, so no caller needs to know about sqlite3
for _name, _fn in list(vars(Store).items()):
    if callable(_fn) and not _name.startswith("_"):
        setattr(Store, _name, _translate_errors(_fn))


def _match_words(
    search: str, columns: Sequence[str], where: list[str], params: list[Any]
) -> None:
    """Each typed word must appear in one of the columns, taken literally (% and _ too)."""
    for word in search.split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        params += [pattern] * len(columns)


def _achievement_row(a: Achievement) -> dict:
    row = a.model_dump()
    row["value"] = str(a.value) if a.value is not None else None
    row["parts_complete"] = int(a.parts_complete)
    return row


def _achievement(row: dict) -> Achievement:
    row = {k: v for k, v in row.items() if k != "position" and v is not None}
    if "value" in row:
        row["value"] = Decimal(row["value"])
    row["parts_complete"] = bool(row.get("parts_complete"))
    return Achievement(**row)


def _indicator_row(ind: Indicator) -> dict:
    row = ind.model_dump()
    row["plausible"] = ind.plausible.model_dump_json() if ind.plausible else None
    row["retired"] = int(ind.retired)
    return row


def _snapshot_value(row: Sequence[Any]) -> Measurement:
    """A value from a row of _VALUE_COLUMNS: the store's, or a snapshot's copy of it."""
    return Measurement.model_validate(dict(zip(_VALUE_COLUMNS, row, strict=True)))


def _indicator_fields(items: Iterable[tuple[str, Any]]) -> dict:
    """A stored indicator row as the fields Indicator validates (nulls left to defaults)."""
    row = {k: v for k, v in items if v is not None and k != "position"}
    if "plausible" in row:
        row["plausible"] = json.loads(row["plausible"])
    row["retired"] = bool(row.get("retired"))
    return row


def _indicator(row: dict) -> Indicator:
    return Indicator.model_validate(_indicator_fields(row.items()))
