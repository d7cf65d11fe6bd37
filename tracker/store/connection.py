"""Opening a tracker file (made owner-only, refused when foreign or newer, kept before
an upgrade), its transactions and audit writes, and SQLite's errors in the store's words."""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import ParamSpec, Self, TypeVar

import sqlite_utils

from tracker.errors import TrackerError
from tracker.heap import collector_paused
from tracker.models import Dataset
from tracker.seed import DataError, load_dataset
from tracker.store.rows import json_text
from tracker.store.schema import MIGRATION_NAMES, SCHEMA_VERSION, migrations

BUSY_TIMEOUT_S = 10.0
P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def moment() -> datetime:
    """Now, to the second: the one clock of the store, for its stamps and recorded times."""
    return datetime.now(UTC).replace(microsecond=0)


def now() -> str:
    return moment().isoformat(timespec="seconds")


def check_path(path: Path) -> bool:
    """Refuse, before touching anything, paths we cannot use. Returns True for a new file."""
    if path.is_dir():
        raise TrackerError("db_is_folder", path=str(path))
    if not path.parent.is_dir():
        raise TrackerError("db_folder_missing", path=str(path.parent))
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise TrackerError("db_read_only", path=str(path))
        with path.open("rb") as fh:
            head = fh.read(16)
        if head and head != b"SQLite format 3\x00":
            raise TrackerError("db_not_sqlite", path=str(path))
        return not head
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise TrackerError("db_folder_read_only", path=str(path.parent))
    return True


@contextmanager
def translating() -> Iterator[None]:
    """SQLite's errors put in the store's words, so no caller needs to know about sqlite3."""
    try:
        yield
    except sqlite3.DatabaseError as e:
        raise _translated(e) from None


def translated(fn: Callable[P, R]) -> Callable[P, R]:
    """A public method of the store: it raises TrackerError, never sqlite3's errors."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translating():
            return fn(*args, **kwargs)

    return wrapper


def pages(next_chunk: Callable[[], list[T]]) -> Iterator[list[T]]:
    """Chunks of models until one comes back empty. A generator runs after the public
    method that made it has returned, so its errors are put in the store's words here."""
    while True:
        with translating(), collector_paused():
            chunk = next_chunk()
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


class Connection:
    """The open file: made, refused or upgraded when opened; its transactions and the
    audit entry every change writes."""

    path: Path
    actor: str
    db: sqlite_utils.Database

    def __init__(self, path: Path | str, actor: str, dataset: Dataset | None = None) -> None:
        self.path = Path(path)
        self.actor = actor
        new = check_path(self.path)
        if new and not self.path.exists():
            # owner-only from the first byte: the plan can hold unpublished figures
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        self.db = sqlite_utils.Database(conn)
        try:
            self._open(new, dataset)
        except BaseException as e:
            conn.close()
            if new:
                # a file we created and could not finish is removed, never left half made
                for suffix in ("", "-wal", "-shm"):
                    with suppress(OSError):
                        Path(f"{self.path}{suffix}").unlink()
            if isinstance(e, sqlite3.OperationalError):
                key = "db_read_only" if "readonly" in str(e) else "db_error"
                raise TrackerError(key, path=str(self.path), detail=str(e)) from None
            if isinstance(e, sqlite3.DatabaseError):
                key = "db_not_sqlite" if "not a database" in str(e) else "db_damaged"
                raise TrackerError(key, path=str(self.path), detail=str(e)) from None
            raise

    def _open(self, new: bool, dataset: Dataset | None) -> None:
        tables = set(self.db.table_names())
        if not new and tables and "_sqlite_migrations" not in tables:
            raise TrackerError("db_foreign", path=str(self.path))
        if "_sqlite_migrations" in tables:
            known = set(MIGRATION_NAMES)
            applied = {m.name for m in migrations.applied(self.db)}
            if applied - known:
                raise TrackerError(
                    "db_newer", path=str(self.path), found=len(applied), known=len(known)
                )
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

    @translated
    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

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
                "old": json_text(old) if old is not None else None,
                "new": json_text(new) if new is not None else None,
            }
        )

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    @translated
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

    @translated
    def data_version(self) -> int:
        """Changes when another connection commits: a cheap poll for live views."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    @translated
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]
