"""Copies of the file: a backup taken while others write, a restore from a checked
copy, and the check itself."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path

from tracker.errors import TrackerError
from tracker.store.connection import Connection, moment, translated
from tracker.store.schema import MIGRATION_NAMES, MIGRATION_SET


class Files(Connection):
    """Backups of the open file, and a restore from one."""

    @translated
    def backup(self, dest: Path | str, force: bool = False) -> Path:
        """A consistent copy through SQLite's online backup, safe while others write."""
        dest = Path(dest)
        if dest.exists() and not force:
            raise TrackerError("file_exists", path=str(dest))
        if not dest.parent.is_dir():
            raise TrackerError("db_folder_missing", path=str(dest.parent))
        tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            os.close(fd)
            target = sqlite3.connect(tmp)
            try:
                self.db.conn.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
            os.replace(tmp, dest)
        finally:
            with suppress(OSError):
                tmp.unlink()
        return dest

    @translated
    def restore_from(self, source: Path | str) -> Path:
        """Replace this database's content with a checked tracker backup; the current
        content is backed up first. Returns where that safety copy went."""
        source = Path(source)
        problems = check_file(source)
        if problems:
            raise TrackerError("restore_refused", path=str(source), reason=problems)
        stamp = moment().strftime("%Y%m%d-%H%M%S")
        safety = self.backup(self.path.with_name(f"{self.path.name}.before-restore-{stamp}.bak"))
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            src.backup(self.db.conn)
        finally:
            src.close()
        self.db.execute("PRAGMA journal_mode = WAL")
        self._audit_now("restore", str(source), safety)
        return safety

    def _audit_now(self, action: str, source: str, safety: Path) -> None:
        with self._tx():
            self._audit(action, "database", self.path.name, None,
                        {"source": source, "previous_content_saved_to": str(safety)})


def check_file(path: Path) -> str:
    """Why a file cannot be restored from ("" when it is a sound tracker database)."""
    if not path.is_file():
        return "no such file"
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            return "not a SQLite database"
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            return "integrity check failed: " + "; ".join(rows[:3])
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "_sqlite_migrations" not in names or "indicators" not in names:
            return "not a tracker database"
        applied = {r[0] for r in con.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])}
        if applied - set(MIGRATION_NAMES):
            return "written by a newer version of tracker"
    except sqlite3.DatabaseError as e:
        return str(e)
    finally:
        con.close()
    return ""
