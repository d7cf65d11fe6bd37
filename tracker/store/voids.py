"""Taking a value back: voided, never deleted, with who, when and why; and a revision,
which voids a value and records the right one for the same year in one transaction."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from tracker.errors import Conflict, NotFound, TrackerError, invalid
from tracker.models import Measurement, RecordedValue, Void
from tracker.store.connection import Connection, moment, translated
from tracker.store.rows import VALUE_LIST, WHEN

_HISTORY = f"SELECT {VALUE_LIST}, voided_at, voided_by, void_reason FROM measurements"


def _recorded(row: dict[str, Any]) -> RecordedValue:
    at, by, reason = row.pop("voided_at"), row.pop("voided_by"), row.pop("void_reason")
    void = None if at is None else Void(at=at, by=by or "", reason=reason or "?")
    return RecordedValue(value=Measurement.model_validate(row), void=void)


def _logged(m: Measurement) -> dict[str, Any]:
    """A value as the audit log names it."""
    return {"value_id": m.id, "year": m.year, "value": m.value, "quality": m.quality}


class Voids(Connection):
    """Voided values and revisions."""

    @translated
    def value_history(self, indicator_id: str) -> list[RecordedValue]:
        """Every value recorded for an indicator, voided ones included, in entry order."""
        self.indicator(indicator_id)
        return [_recorded(r) for r in self.db.query(
            _HISTORY + " WHERE indicator = ? ORDER BY id", [indicator_id])]

    @translated
    def recorded_value(self, value_id: int) -> RecordedValue:
        rows = list(self.db.query(_HISTORY + " WHERE id = ?", [value_id]))
        if not rows:
            raise NotFound("no_value", value_id=value_id)
        return _recorded(rows[0])

    @translated
    def void_value(self, indicator_id: str, value_id: int, reason: str) -> RecordedValue:
        """Void a value of this indicator: it stays in the history, and the indicator's
        verdicts are judged again without it."""
        with self._tx():
            voided = self._void(indicator_id, value_id, reason)
            self._refresh_status([indicator_id])
            self._audit("void", "indicator", indicator_id, _logged(voided.value),
                        {"reason": voided.void.reason if voided.void else reason})
        return voided

    @translated
    def revise_value(self, indicator_id: str, value_id: int, value: float, reason: str,
                     source: str | None = None, note: str = ""
                     ) -> tuple[RecordedValue, Measurement]:
        """Void a value and record `value` for the same year, as revised, in one
        transaction: both or neither. The new value keeps the old one's source unless
        another is given. Returns the voided value and the new one."""
        with self._tx(), self._deferred_status():
            voided = self._void(indicator_id, value_id, reason)
            old = voided.value
            try:
                new = Measurement(indicator=indicator_id, year=old.year, value=value,
                                  quality="revised",
                                  source=old.source if source is None else source, note=note)
            except ValidationError as e:
                raise invalid(e) from None
            # one entry logs the revision, and names the new value, as an import's does
            entry = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM audit").fetchone()[0]
            [recorded] = self.add_measurements([new], logged_by=entry)
            self._refresh_status([indicator_id])
            self._audit("revise", "indicator", indicator_id, _logged(old), {
                **_logged(recorded), "reason": voided.void.reason if voided.void else reason},
                entry=entry)
        return voided, recorded

    def _void(self, indicator_id: str, value_id: int, reason: str) -> RecordedValue:
        """Mark the value voided, within the caller's transaction, after every check."""
        if not isinstance(reason, str) or not reason.strip():
            raise TrackerError("void_reason_needed")
        ind = self.indicator(indicator_id)
        if ind.retired:
            raise TrackerError("void_retired", id=indicator_id)
        found = self.recorded_value(value_id)
        if found.value.indicator != indicator_id:
            raise NotFound("value_of_other", value_id=value_id, other=found.value.indicator,
                           id=indicator_id)
        if found.void is not None:
            # someone voided it first: the optimistic check values have, as they are
            # never changed otherwise
            raise Conflict("value_voided", value_id=value_id, actor=found.void.by,
                           at=found.void.at.isoformat(timespec="seconds"),
                           reason=found.void.reason)
        try:
            void = Void(at=moment(), by=self.actor, reason=reason)
        except ValidationError as e:
            raise invalid(e, "reason") from None
        changed = self.db.execute(
            "UPDATE measurements SET voided_at = ?, voided_by = ?, void_reason = ?"
            " WHERE id = ? AND voided_at IS NULL",
            [WHEN.dump_python(void.at, mode="json"), void.by, void.reason, value_id]).rowcount
        if changed != 1:  # not reached under the write lock, kept as the rule it is
            raise Conflict("value_voided", value_id=value_id, actor="?", at="?", reason="?")
        return found.model_copy(update={"void": void})
