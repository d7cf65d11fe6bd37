"""Copies of the file: a backup taken while others write, a restore from a checked
copy, and the check itself."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tracker import safe_files
from tracker.errors import TrackerError
from tracker.store.connection import Connection, moment, translated
from tracker.store.schema import owner_of


class Files(Connection):
    """Backups of the open file, and a restore from one."""

    @translated
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
        # a backup from before files were marked: marked with the restore's audit entry
        self._unstamped = True
        self._audit_now("restore", str(source), safety)
        return safety

    def _audit_now(self, action: str, source: str, safety: Path) -> None:
        with self._tx():
            self._audit(action, "database", self.path.name, None,
                        {"source": source, "previous_content_saved_to": str(safety)})


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
        whose = owner_of(con)[0]
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
