"""Keeping an indicator right after it is added: its names, department, notes, kind and
unit edited under the version check, a unit change carrying its figures over by an exact
万/亿 scale, and an indicator retired and brought back."""

from __future__ import annotations

from typing import Any

from tracker.errors import NotFound, TrackerError
from tracker.models import RATE_TYPES, Indicator, Plausible
from tracker.store.connection import Connection, translated
from tracker.units import UnitPlan, unit_change

# what an edit may change: the plan's figures and years have their own forms and commands
EDITABLE = frozenset({"name_zh", "name_en", "department", "notes", "attribute", "direction",
                      "target_type", "band", "unit"})


class IndicatorEdits(Connection):
    """Edits of an indicator as a whole; each in one transaction with its audit entries."""

    @translated
    def unit_plan(self, indicator_id: str, new_unit: str) -> UnitPlan:
        """What changing the unit of `indicator_id` to `new_unit` would do to its figures."""
        return self._unit_plan(self.indicator(indicator_id), new_unit)

    def _unit_plan(self, ind: Indicator, new_unit: str) -> UnitPlan:
        new_unit = new_unit.strip()
        if new_unit == ind.unit:
            return UnitPlan(ind.unit, new_unit, None)
        values = annual = 0
        if not ind.rate_values:
            # values entered as yearly rates are in %, whatever the level's unit
            values = self.db.execute(
                "SELECT count(*) FROM measurements WHERE indicator = ?", [ind.id]).fetchone()[0]
            annual = self.db.execute(
                "SELECT count(*) FROM annual_targets WHERE indicator = ?",
                [ind.id]).fetchone()[0]
        return UnitPlan(
            ind.unit, new_unit, unit_change(ind.unit, new_unit),
            baseline=ind.baseline_value is not None,
            # a growth rate or a reduction is a target in %, not in the unit
            target=ind.target_value is not None and ind.target_type not in RATE_TYPES,
            band=ind.band is not None,
            plausible=ind.plausible is not None,
            values=values, annual=annual)

    @translated
    def edit_indicator(self, indicator_id: str, changes: dict[str, Any],
                       expected_version: int | None = None) -> Indicator:
        """Change what `EDITABLE` names. A new unit carries every figure recorded in the
        old one over by its exact scale, or is refused; a department must be on the
        list (by its Chinese name); a retired indicator is refused until brought back."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValueError(f"not editable here: {sorted(unknown)}")
        with self._tx():
            old: Indicator = self.indicator(indicator_id)
            if old.retired:
                raise TrackerError("indicator_retired", id=indicator_id)
            if expected_version is not None and old.version != expected_version:
                # the same refusal as every other edit's, naming who saved first
                return self.update_indicator(indicator_id, changes, expected_version)
            changes = dict(changes)
            department = changes.get("department")
            if department:
                changes["department"] = self._known_department(department)
            plan = None
            if "unit" in changes:
                changes["unit"] = changes["unit"].strip()
                plan = self._unit_plan(old, changes["unit"])
                if plan.refused:
                    raise TrackerError("unit_not_scale", old=plan.old or "—",
                                       new=plan.new or "—", n=plan.count)
                if plan.converts:
                    changes = self._converted(old, plan, changes)
            new: Indicator = self.update_indicator(indicator_id, changes, expected_version)
            if plan is not None and plan.converts and (plan.values or plan.annual):
                counts = {"values": plan.values, "annual_targets": plan.annual}
                self._audit("convert_unit", "indicator", indicator_id, {"unit": plan.old},
                            {"unit": plan.new, "scale": _scale_text(plan),
                             **{k: n for k, n in counts.items() if n}})
        return new

    def _known_department(self, name: str) -> str:
        row = self.db.execute("SELECT name_zh FROM departments WHERE name_zh = ?",
                              [name.strip()]).fetchone()
        if row is None:
            raise NotFound("no_department", name=name.strip())
        return str(row[0])

    def _converted(self, old: Indicator, plan: UnitPlan, changes: dict[str, Any]
                   ) -> dict[str, Any]:
        """The indicator's figures in the new unit (a band typed in this edit is taken
        as typed, in the new unit), and its values and yearly targets rewritten so."""
        change = plan.change
        assert change is not None
        out = dict(changes)
        if plan.baseline:
            out["baseline_value"] = change.convert(old.baseline_value)
        if plan.target:
            out["target_value"] = change.convert(old.target_value)
        if plan.band and "band" not in changes:
            out["band"] = change.convert(old.band)
        if old.plausible is not None:
            rng = old.plausible
            out["plausible"] = Plausible(
                min=None if rng.min is None else change.convert(rng.min),
                max=None if rng.max is None else change.convert(rng.max),
                basis_zh=rng.basis_zh, basis_en=rng.basis_en).model_dump()
        if plan.values:
            rows = self.db.execute("SELECT id, value FROM measurements WHERE indicator = ?",
                                   [old.id]).fetchall()
            self.db.conn.executemany("UPDATE measurements SET value = ? WHERE id = ?",
                                [(change.convert(v), i) for i, v in rows])
        if plan.annual:
            rows = self.db.execute(
                "SELECT year, value FROM annual_targets WHERE indicator = ?",
                [old.id]).fetchall()
            self.db.conn.executemany(
                "UPDATE annual_targets SET value = ? WHERE indicator = ? AND year = ?",
                [(change.convert(v), old.id, y) for y, v in rows])
        return out

    @translated
    def restore_indicator(self, indicator_id: str, expected_version: int | None = None
                          ) -> Indicator:
        """Bring a retired indicator back into the plan, its values and history as they
        were."""
        with self._tx():
            if not self.indicator(indicator_id).retired:
                raise TrackerError("indicator_not_retired", id=indicator_id)
            return self.update_indicator(
                indicator_id, {"retired": False}, expected_version)

    @translated
    def retire_active_indicator(self, indicator_id: str, expected_version: int | None = None
                                ) -> Indicator:
        """Retire an indicator that is in the plan; one retired already is refused."""
        with self._tx():
            if self.indicator(indicator_id).retired:
                raise TrackerError("indicator_already_retired", id=indicator_id)
            return self.update_indicator(
                indicator_id, {"retired": True}, expected_version)


def _scale_text(plan: UnitPlan) -> str:
    """The scale as the audit log shows it: ×10000 or ÷10000."""
    assert plan.change is not None
    shift = plan.change.shift
    return f"{'×' if shift > 0 else '÷'}{10 ** abs(shift)}"
