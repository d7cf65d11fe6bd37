"""The plan: districts and their indicators, the plan's windows and rows with their
cached verdicts, and the verdict counts."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from pydantic import ValidationError

from tracker import quality
from tracker.errors import Conflict, NotFound, TrackerError, invalid, refused
from tracker.gc_pause import collector_paused
from tracker.models import (
    AnnualTarget,
    District,
    Indicator,
    IndicatorState,
    LatestValue,
    Model,
    NewIndicator,
    PlanRow,
)
from tracker.store.connection import Connection, now, translated
from tracker.store.plan_pages import STATE_COLUMNS, read_states
from tracker.store.rows import (
    PLAN_ROWS,
    bind_marks,
    dump,
    in_chunks,
    indicator_fields,
    indicator_json,
    indicator_row,
    match_words,
    read_indicator,
    typed_rows,
)


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
# indicators written per statement: a province's table is never all rows at once
_WRITE_CHUNK = 5_000


class Plan(Connection):
    """Districts and indicators, and the plan as its screens and tables read it."""

    @translated
    def districts(self) -> list[District]:
        rows = self.db.query(
            "SELECT id, name_zh, name_en, summary_zh, summary_en FROM districts ORDER BY position"
        )
        return [District(**r) for r in rows]

    @translated
    def district(self, district_id: str) -> District:
        for d in self.districts():
            if d.id == district_id:
                return d
        raise NotFound(
            "no_district", id=district_id, choices=", ".join(d.id for d in self.districts())
        )

    @translated
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
        return [read_indicator(r) for r in self.db.query(sql, params)]

    @translated
    def indicator(self, indicator_id: str) -> Indicator:
        rows = list(self.db.query("SELECT * FROM indicators WHERE id = ?", [indicator_id]))
        if not rows:
            raise NotFound("no_indicator", id=indicator_id)
        return read_indicator(rows[0])

    @translated
    def indicators_by_id(self, ids: Collection[str]) -> dict[str, Indicator]:
        """The indicators among `ids` that exist, retired ones included."""
        out: dict[str, Indicator] = {}
        with collector_paused():
            for chunk, marks in in_chunks(ids):
                cursor = self.db.execute(
                    f"SELECT * FROM indicators WHERE id IN ({marks})", chunk)
                names = [c[0] for c in cursor.description]
                for r in cursor:
                    ind = Indicator.model_validate(
                        indicator_fields(zip(names, r, strict=True)))
                    out[ind.id] = ind
        return out

    @translated
    def indicator_units(self, ids: Collection[str]) -> dict[str, str]:
        """The unit of each indicator among `ids` that exists: all an import of values
        needs to know of an indicator, without building a province's plans as models."""
        out: dict[str, str] = {}
        for chunk, marks in in_chunks(ids):
            out.update(self.db.execute(
                f"SELECT id, unit FROM indicators WHERE id IN ({marks})", chunk).fetchall())
        return out

    @translated
    def add_indicator(self, indicator: Indicator) -> Indicator:
        return self.add_indicators([indicator])[0]

    @translated
    def add_indicators(self, indicators: Sequence[Indicator | NewIndicator]
                       ) -> list[Indicator | NewIndicator]:
        """Add indicators at the end of the plan, each with its audit entry, in one
        transaction: all of them or, at the first refused (in order), none. Written a
        chunk at a time, so a province's plan table costs the same for each row. An
        import's checked indicators may come as flat tuples (NewIndicator), and stay so."""
        if not indicators:
            return []
        inds = [i.model_copy(update={"version": 1, "retired": False})
                if isinstance(i, Indicator)
                else i if (i.version, i.retired) == (1, False)  # as an import's always are
                else i._replace(version=1, retired=False)
                for i in indicators]
        with self._tx(), collector_paused():
            self._check_new(inds)
            pos = self.db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM indicators").fetchone()[0]
            stamp = now()
            for start in range(0, len(inds), _WRITE_CHUNK):
                chunk = inds[start:start + _WRITE_CHUNK]
                rows = [{**indicator_row(ind), "position": pos + start + k}
                        for k, ind in enumerate(chunk)]
                columns = list(rows[0])
                self.db.conn.executemany(
                    f"INSERT INTO indicators ({', '.join(columns)})"
                    f" VALUES ({bind_marks(columns)})",
                    [tuple(r.values()) for r in rows])
                self.db.conn.executemany(
                    "INSERT INTO audit (at, actor, action, entity, entity_id, old, new)"
                    " VALUES (?, ?, 'add', 'indicator', ?, NULL, ?)",
                    [(stamp, self.actor, ind.id, indicator_json(ind)) for ind in chunk])
            for name in dict.fromkeys(ind.department for ind in inds):
                self._adopt_department(name)
            self._refresh_status([ind.id for ind in inds])
        return inds

    def _check_new(self, inds: Sequence[Indicator | NewIndicator]) -> None:
        """Refuse the first indicator (in order) that could not be added: its district
        or baseline figure unknown, or its id taken."""
        districts = {d.id for d in self.districts()}
        wanted = {i.baseline_achievement for i in inds if i.baseline_achievement}
        figures: set[str] = set()
        taken: set[str] = set()
        for chunk, marks in in_chunks(wanted):
            figures |= {r[0] for r in self.db.execute(
                f"SELECT id FROM achievements WHERE id IN ({marks})", chunk)}
        for chunk, marks in in_chunks([i.id for i in inds]):
            taken |= {r[0] for r in self.db.execute(
                f"SELECT id FROM indicators WHERE id IN ({marks})", chunk)}
        for ind in inds:
            if ind.district not in districts:
                self.district(ind.district)  # raises, naming the districts there are
            if ind.baseline_achievement and ind.baseline_achievement not in figures:
                self.achievement(ind.baseline_achievement)  # raises
            if ind.id in taken:
                raise TrackerError("indicator_exists", id=ind.id)
            taken.add(ind.id)

    @translated
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
            before, after = dump(old), dump(new)
            diff_old = {k: v for k, v in before.items() if after[k] != v and k != "version"}
            diff_new = {k: after[k] for k in diff_old}
            if not diff_old:
                return old
            self.db["indicators"].update(indicator_id, indicator_row(new))
            if "department" in diff_old:
                self._adopt_department(new.department)
            self._refresh_status([indicator_id])
            if new.baseline_achievement and "plausible" in diff_old:
                # a declared range can flag the figure other baselines are taken from too
                self._refresh_baselines_of(new.baseline_achievement)
            self._audit("update", "indicator", indicator_id, diff_old, diff_new)
        return new

    @translated
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

    @translated
    def annual_targets(self, indicator_id: str) -> dict[int, float]:
        """An indicator's yearly targets (年度目标), by year."""
        self.indicator(indicator_id)
        return dict(self.db.execute(
            "SELECT year, value FROM annual_targets WHERE indicator = ? ORDER BY year",
            [indicator_id]).fetchall())

    @translated
    def annual_targets_by_indicator(self, ids: Collection[str]) -> dict[str, dict[int, float]]:
        """The yearly targets of each of these indicators that has any."""
        out: dict[str, dict[int, float]] = {}
        for chunk, marks in in_chunks(ids):
            for iid, year, value in self.db.execute(
                    "SELECT indicator, year, value FROM annual_targets"
                    f" WHERE indicator IN ({marks}) ORDER BY indicator, year", chunk):
                out.setdefault(iid, {})[year] = value
        return out

    @translated
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

    @translated
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

    @translated
    def flagged_baseline_counts(self) -> dict[str, int]:
        """Per district, how many of its indicators' verdicts rest on a flagged baseline
        (其中 N 项基期存疑)."""
        return dict(self.db.execute(
            "SELECT i.district, count(*) FROM indicators i"
            " JOIN indicator_status s ON s.indicator = i.id"
            " WHERE i.retired = 0 AND s.baseline_flagged = 1 GROUP BY 1").fetchall())

    @translated
    def retire_indicator(self, indicator_id: str, expected_version: int | None = None) -> Indicator:
        return self.update_indicator(indicator_id, {"retired": True}, expected_version)

    def _plan_where(self, district: str | None, search: str) -> tuple[str, list[Any]]:
        where, params = ["i.retired = 0"], []
        if district is not None:
            where.append("i.district = ?")
            params.append(district)
        match_words(search, ("i.id", "i.name_zh", "i.name_en", "i.department",
                             "(SELECT dp.name_en FROM departments dp"
                             " WHERE dp.name_zh = i.department)"), where, params)
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

    @translated
    def indicator_states(
        self,
        district: str | None = None,
        search: str = "",
        offset: int = 0,
        limit: int | None = None,
    ) -> list[IndicatorState]:
        """A window of the plan in display order, each with its cached verdicts."""
        sql, params = self._plan_query(STATE_COLUMNS, district, search)
        cursor = self.db.execute(
            f"{sql} LIMIT {int(limit) if limit is not None else -1} OFFSET {int(offset)}",
            params)
        return read_states([c[0] for c in cursor.description], cursor)

    @translated
    def plan_rows(self, district: str | None = None) -> list[PlanRow]:
        """The plan in display order, each row as the tables write it: the same figures
        as `indicator_states`, read as typed tuples rather than models."""
        rows = self.db.execute(*self._plan_query(_PLAN_ROW_SELECT, district, "")).fetchall()
        return typed_rows(PLAN_ROWS, PlanRow._fields, rows)

    @translated
    def count_indicators(self, district: str | None = None, search: str = "") -> int:
        where, params = self._plan_where(district, search)
        sql = f"SELECT count(*) FROM indicators i WHERE {where}"
        return self.db.execute(sql, params).fetchone()[0]

    @translated
    def verdict_counts(self) -> dict[str, dict[str, dict[str, int]]]:
        """Per district, the number of indicators per schedule and per growth verdict,
        under "overdue" how many owe values at the review year, and under "flagged" how
        many rest on a baseline in doubt."""
        out: dict[str, dict[str, dict[str, int]]] = {}
        rows = self.db.execute(
            "SELECT i.district, coalesce(s.schedule_verdict, 'no_data'),"
            " coalesce(s.growth_verdict, 'no_data'), count(*)"
            " FROM indicators i LEFT JOIN indicator_status s ON s.indicator = i.id"
            " WHERE i.retired = 0 GROUP BY 1, 2, 3"
        )
        for district, schedule, growth, n in rows:
            d = out.setdefault(district, {"schedule": {}, "growth": {}, "overdue": {}})
            d["schedule"][schedule] = d["schedule"].get(schedule, 0) + n
            d["growth"][growth] = d["growth"].get(growth, 0) + n
        # with a review year: how many indicators owe values (逾期未报)
        for district, n in self.db.execute(
                "SELECT i.district, count(*) FROM indicators i"
                " JOIN indicator_status s ON s.indicator = i.id"
                " WHERE i.retired = 0 AND coalesce(s.overdue, '[]') != '[]' GROUP BY 1"):
            out[district]["overdue"] = {"overdue": n}
        # verdicts resting on a baseline in doubt, counted apart (其中 N 项基期存疑)
        for district, n in self.db.execute(
                "SELECT i.district, count(*) FROM indicators i"
                " JOIN indicator_status s ON s.indicator = i.id"
                " WHERE i.retired = 0 AND coalesce(s.baseline_flags, '[]') != '[]'"
                " GROUP BY 1"):
            out[district]["flagged"] = {"flagged": n}
        return out

    @translated
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

    @translated
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
