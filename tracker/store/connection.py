"""Opening a tracker file (made owner-only, refused when foreign or newer, kept before
an upgrade), its transactions and audit writes, and SQLite's errors in the store's words."""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, Self, TypeVar

import sqlite_utils

from tracker import safe_files
from tracker.errors import TrackerError, checked_text
from tracker.gc_pause import collector_paused
from tracker.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrations, owner_of

if TYPE_CHECKING:
    from tracker.models import Dataset

BUSY_TIMEOUT_S = 10.0
P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def moment() -> datetime:
    """Now, to the second: the one clock of the store, for its stamps and recorded times."""
    return datetime.now(UTC).replace(microsecond=0)


def now() -> str:
    return moment().isoformat(timespec="seconds")


# SQLite's locks on a file belong to the process, and closing any handle the process has
# on that file drops them all (POSIX record locks). Reading a file's head while another
# Store of this process has the file open would leave that Store unlocked: another
# planner's program closing its own connection then takes the file for unused, folds
# the -wal in and deletes it, and every commit this Store makes afterwards goes to the
# deleted -wal and is lost. A file this process has open (by device and inode) is
# therefore only ever read through SQLite.
_open_files: Counter[tuple[int, int]] = Counter()
_opening = threading.Lock()


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def check_path(path: Path, read_head: bool = True) -> bool:
    """Refuse, before touching anything, paths we cannot use. Returns True when the path
    does not exist yet. Nothing is opened before it is known to be a regular file: a
    fifo would hang the reader, and a device is no place for a plan. `read_head` False:
    the file is open in this process already, known to be SQLite's, and is not opened."""
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
        if not read_head:
            return False
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


class NotMade(Exception):
    """The file is new or needs an upgrade, which only the whole Store makes: raised, by
    a part that does not make files, before anything is written."""


class Connection:
    """The open file: made, refused or upgraded when opened; its transactions and the
    audit entry every change writes."""

    path: Path
    actor: str
    db: sqlite_utils.Database

    # the file is the tracker's but not yet marked as such (see _open)
    _unstamped = False
    # the file's device and inode while this Store has it open (see _open_files)
    _file: tuple[int, int] | None = None

    def __init__(self, path: Path | str, actor: str, dataset: Dataset | None = None, *,
                 makes_files: bool = True) -> None:
        """`makes_files` False: a part of the store opened on its own, to read (see
        log_rows), which makes no file and upgrades none, and raises NotMade instead."""
        self.path = Path(path)
        self.makes_files = makes_files
        # the name every change is logged under, printed in the log and the exports
        self.actor = checked_text("user", actor)
        made = None
        # one Store of this process at a time looks at the file and connects: a head
        # read while another one connects would drop that one's locks (see _open_files)
        with _opening:
            first = _open_files[_file_id(self.path) or (-1, -1)] == 0
            if check_path(self.path, read_head=first):
                try:
                    # owner-only from the first byte: the plan can hold unpublished figures
                    made = safe_files.create_new(self.path)
                except FileExistsError:  # created meanwhile (another planner): open theirs
                    if check_path(self.path):
                        raise TrackerError(
                            "db_error", path=str(self.path),
                            detail="the file came and went while opening") from None
                except OSError as e:
                    raise TrackerError("db_error", path=str(self.path),
                                       detail=e.strerror or str(e)) from None
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
            self._file = _file_id(self.path)
            if self._file is not None:
                _open_files[self._file] += 1
        # the store uses no sqlite-utils plugins: looking for them reads the metadata of
        # every installed package each time a program first opens a file
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        try:
            self._open(made is not None, dataset)
        except BaseException as e:
            conn.close()
            self._forget_file()
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
        whose, found, stamped = owner_of(self.db.conn)
        if whose == "foreign":
            raise TrackerError("db_foreign", path=str(self.path))
        if whose == "newer":
            raise TrackerError("db_newer", path=str(self.path), found=found,
                               known=SCHEMA_VERSION)
        # a file from before files were marked is marked by the first change made to
        # it (see _tx), so that merely opening it stays read-only
        self._unstamped = not stamped
        tables = set(self.db.table_names())
        if not self.makes_files and (new or not tables or migrations.pending(self.db)):
            raise NotMade
        if new or not tables:
            from tracker.seed import DataError, load_dataset

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

    @translated
    def close(self) -> None:
        try:
            self.db.conn.close()
        finally:
            self._forget_file()

    def _forget_file(self) -> None:
        with _opening:
            if self._file is not None:
                _open_files[self._file] -= 1
                if _open_files[self._file] <= 0:
                    del _open_files[self._file]
                self._file = None

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
        from tracker.store.rows import json_text

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
