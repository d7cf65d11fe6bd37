"""The audit log as planners read it, the file's health, and the settings."""

from __future__ import annotations

import sqlite3

from tracker.errors import TrackerError
from tracker.models import (
    AuditEntry,
)
from tracker.numbers import parse_tolerance
from tracker.store.connection import translated
from tracker.store.log_rows import LogRows


class Audit(LogRows):
    """The audit log as planners read it, the file's health, and the tolerance."""

    @translated
    def audit(
        self, entity: str | None = None, entity_id: str | None = None, limit: int | None = None
    ) -> list[AuditEntry]:
        """Newest first. An import's values are logged by its one entry: each is listed
        as a value typed in is, just under that entry."""
        return [AuditEntry(**r) for r in self._log_entries(entity, entity_id, limit)]

    @translated
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

    @translated
    def tolerance(self) -> float:
        value = self._meta("tolerance")
        if value is not None:
            return float(value)
        # the verdicts' module loads only for the default: the log and the checks need none
        from tracker.progress import DEFAULT_TOLERANCE

        return DEFAULT_TOLERANCE

    @translated
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

    @translated
    def review_year(self) -> int | None:
        """The year whose values are due (None: verdicts read as today)."""
        value = self._meta("review_year")
        return int(value) if value else None

    @translated
    def plan_years(self) -> tuple[int | None, int | None]:
        """The plan's first baseline year and last target year (None where none is set)."""
        lo, hi = self.db.execute(
            "SELECT min(baseline_year), max(target_year) FROM indicators WHERE retired = 0"
        ).fetchone()
        return lo, hi

    @translated
    def check_review_year(self, year: int) -> None:
        """Refuse a review year outside the plan: before its baseline years nothing is
        due, after its target years nothing of it is."""
        lo, hi = self.plan_years()
        if lo is not None and year < lo:
            raise TrackerError("review_year_before", year=year, first=lo)
        if hi is not None and year > hi:
            raise TrackerError("review_year_outside", year=year, first=lo or hi, last=hi)

    @translated
    def set_review_year(self, year: int | None) -> None:
        """Set (or, with None, clear) the review year; every verdict is read again."""
        with self._tx():
            old = self.review_year()
            if year is not None:
                self.check_review_year(year)
            if old == year:
                return
            if year is None:
                self.db.execute("DELETE FROM meta WHERE key = 'review_year'")
            else:
                self.db["meta"].upsert({"key": "review_year", "value": str(year)}, pk="key")
            # the window of values the verdicts read moved: each history is read again
            self._refresh_status([r[0] for r in self.db.execute("SELECT id FROM indicators")])
            self._audit("update", "setting", "review_year", {"review_year": old},
                        {"review_year": year})
