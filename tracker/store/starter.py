"""The starter plan offered to an existing file: which rows planners have touched, and
the offer applied in one transaction with its audit entries."""

from __future__ import annotations

from pydantic import ValidationError

from tracker.errors import Conflict, invalid
from tracker.models import Dataset, Indicator
from tracker.plan_update import Offer, offer
from tracker.store.connection import Connection, translated
from tracker.store.rows import dump, english_names_filled, indicator_row

# the audit action of every change the plan update makes: a row whose entries are all of
# this action has not been touched by a planner
PLAN_UPDATE = "plan_update"


class StarterPlan(Connection):
    """`tracker plan update`: the starter plan reaching a file as an offer."""

    @translated
    def planner_touched(self) -> set[str]:
        """The indicators a planner has changed: an audit entry other than the plan
        update's (an edit, a target, a retirement, a value typed in), a value or a yearly
        target stored, or a version the plan update's entries do not account for."""
        touched = {r[0] for r in self.db.execute(
            "SELECT DISTINCT entity_id FROM audit WHERE entity = 'indicator' AND action != ?",
            [PLAN_UPDATE])}
        touched |= {r[0] for r in self.db.execute("SELECT DISTINCT indicator FROM measurements")}
        touched |= {r[0] for r in self.db.execute(
            "SELECT DISTINCT indicator FROM annual_targets")}
        ours = dict(self.db.execute(
            "SELECT entity_id, count(*) FROM audit WHERE entity = 'indicator' AND action = ?"
            " AND old IS NOT NULL GROUP BY entity_id", [PLAN_UPDATE]).fetchall())
        for iid, version in self.db.execute("SELECT id, version FROM indicators"):
            if version != 1 + ours.get(iid, 0):
                touched.add(iid)
        return touched

    @translated
    def plan_update_offer(self, starter: Dataset) -> Offer:
        """What the starter plan would add, retype, update or retire here, and what it
        leaves as the planners have it."""
        with self.reading():
            figures = {r[0] for r in self.db.execute("SELECT id FROM achievements")}
            return offer(starter.indicators, starter.districts,
                         self.indicators(with_retired=True), self.districts(),
                         self.planner_touched(), figures, starter.departments,
                         self.departments())

    @translated
    def apply_plan_update(self, starter: Dataset, shown: Offer) -> Offer:
        """Apply the offer the planner saw, in one transaction. Refused, with nothing
        written, when the file changed meanwhile so that the offer is no longer that one."""
        with self._tx():
            now = self.plan_update_offer(starter)
            if now != shown:
                raise Conflict("plan_update_changed")
            if now.empty:
                return now
            changed: list[str] = []
            pos = self.db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM indicators").fetchone()[0]
            for c in now.changes:
                iid = c.indicator.id
                changed.append(iid)
                if c.action == "add":
                    ind = c.indicator.model_copy(update={"version": 1, "retired": False})
                    self.db["indicators"].insert({**indicator_row(ind), "position": pos})
                    pos += 1
                    self._adopt_department(ind.department)
                    self._audit(PLAN_UPDATE, "indicator", iid, None, dump(ind))
                    continue
                old = self.indicator(iid)
                try:
                    new = Indicator.model_validate({
                        **old.model_dump(), **{f: n for f, (_, n) in c.fields.items()},
                        "version": old.version + 1})
                except ValidationError as e:
                    raise invalid(e) from None
                self.db["indicators"].update(iid, indicator_row(new))
                if "department" in c.fields:
                    self._adopt_department(new.department)
                self._audit(PLAN_UPDATE, "indicator", iid,
                            {f: o for f, (o, _) in c.fields.items()},
                            {f: n for f, (_, n) in c.fields.items()})
            if now.count("add"):
                self._starter_order([i.id for i in starter.indicators])
            for d in now.districts:
                self.db["districts"].update(d.district.id,
                                            {f: n for f, (_, n) in d.fields.items()})
                self._audit(PLAN_UPDATE, "district", d.district.id,
                            {f: o for f, (o, _) in d.fields.items()},
                            {f: n for f, (_, n) in d.fields.items()})
            # after the rows, whose new departments join the list unnamed
            for d in now.departments:
                if english_names_filled(self.db, [d]):
                    self._audit(PLAN_UPDATE, "department", d.name_zh, {"name_en": ""},
                                {"name_en": d.name_en})
            # the changed rows, and every row with no target yet: a file's cached verdicts
            # may say "no data" where a row only waits for its target
            waiting = [r[0] for r in self.db.execute(
                "SELECT id FROM indicators WHERE target_year IS NULL")]
            self._refresh_status(sorted(set(changed) | set(waiting)))
            self._audit(PLAN_UPDATE, "database", self.path.name, None, {
                "added": now.count("add"), "retyped": now.count("retype"),
                "updated": now.count("update"), "retired": now.count("retire"),
                "districts": len(now.districts), "departments": len(now.departments)})
        return now

    def _starter_order(self, starter_ids: list[str]) -> None:
        """Rows in the starter plan's order, so a row it adds stands where the plan table
        prints it rather than at the end; a planner's own row stays after the row it
        followed."""
        rank = {iid: k for k, iid in enumerate(starter_ids)}
        keyed, anchor = [], -1
        for n, (iid,) in enumerate(self.db.execute(
                "SELECT id FROM indicators ORDER BY position").fetchall()):
            if iid in rank:
                anchor = rank[iid]
                keyed.append(((anchor, 0, 0), iid))
            else:
                keyed.append(((anchor, 1, n), iid))
        self.db.conn.executemany(
            "UPDATE indicators SET position = ? WHERE id = ?",
            [(pos, iid) for pos, (_, iid) in enumerate(sorted(keyed))])
