"""The departments (责任单位) planners keep: their names and contacts, and what each owes."""

from __future__ import annotations

from pydantic import ValidationError

from tracker.errors import NotFound, TrackerError, invalid
from tracker.models import Department, DepartmentCounts
from tracker.store.connection import Connection, translated


class Departments(Connection):
    """The list of departments; an indicator names its department by the Chinese name."""

    @translated
    def departments(self) -> list[Department]:
        rows = self.db.execute(
            "SELECT name_zh, name_en, contact FROM departments ORDER BY position, name_zh")
        return [Department(name_zh=z, name_en=e or "", contact=c or "") for z, e, c in rows]

    @translated
    def department_names(self) -> dict[str, str]:
        """Each department's English name by its Chinese one, for those that have one:
        read once by a screen or report that shows departments in English."""
        return dict(self.db.execute(
            "SELECT name_zh, name_en FROM departments WHERE name_en != ''").fetchall())

    @translated
    def add_department(self, name_zh: str, name_en: str = "", contact: str = "") -> Department:
        try:
            dep = Department(name_zh=name_zh, name_en=name_en.strip(), contact=contact.strip())
        except ValidationError as e:
            raise invalid(e) from None
        with self._tx():
            if self._department_row(dep.name_zh) is not None or (
                    dep.name_en and self.db.execute(
                        "SELECT 1 FROM departments WHERE lower(name_en) = lower(?)",
                        [dep.name_en]).fetchone()):
                raise TrackerError("department_exists", name=dep.name_zh)
            self._insert_department(dep)
            self._audit("add", "department", dep.name_zh, None, dep.model_dump())
        return dep

    def _department_row(self, name_zh: str) -> tuple | None:
        return self.db.execute(
            "SELECT name_zh FROM departments WHERE name_zh = ?", [name_zh]).fetchone()

    def _insert_department(self, dep: Department) -> None:
        pos = self.db.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM departments").fetchone()[0]
        self.db.execute(
            "INSERT INTO departments (name_zh, name_en, contact, position) VALUES (?, ?, ?, ?)",
            [dep.name_zh, dep.name_en, dep.contact, pos])

    def _adopt_department(self, name_zh: str) -> None:
        """A department an indicator names joins the list, if it is not on it yet: a
        plan loaded or imported keeps its departments pickable."""
        name = name_zh.strip()
        if name and self._department_row(name) is None:
            self._insert_department(Department(name_zh=name))

    @translated
    def department_name(self, text: str) -> str:
        """The department a planner names, by its Chinese or English name: its Chinese
        name, as indicators keep it."""
        wanted = text.strip()
        row = self.db.execute(
            "SELECT name_zh FROM departments WHERE name_zh = ? OR"
            " (name_en != '' AND lower(name_en) = lower(?))", [wanted, wanted]).fetchone()
        if row is None:
            raise NotFound("no_department", name=wanted)
        return row[0]

    @translated
    def department_counts(self) -> list[DepartmentCounts]:
        """Each department with its indicators, how many lag, and how many owe values at
        the review year."""
        counts = {name: (n, lag, late) for name, n, lag, late in self.db.execute(
            "SELECT i.department, count(*),"
            " sum(coalesce(s.schedule_verdict, '') = 'lagging'),"
            " sum(coalesce(s.overdue, '[]') != '[]')"
            " FROM indicators i LEFT JOIN indicator_status s ON s.indicator = i.id"
            " WHERE i.retired = 0 GROUP BY 1")}
        return [DepartmentCounts(d, *counts.get(d.name_zh, (0, 0, 0)))
                for d in self.departments()]
