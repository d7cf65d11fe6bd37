"""The audit log read as plain rows: what `tracker log` prints, without the models.

An entry whose fields are as the store writes them (its time to the second in UTC, its
texts plain, its old and new values JSON objects of finite numbers) is given as the
audit entry model would write it in JSON; any other entry goes through the model, so
what is printed is the model's, whichever way it was read."""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from typing import Any

from tracker.store.connection import Connection, translated
from tracker.store.schema import VALUE_LIST
from tracker.text_rules import plain

# a time as the store writes it, to the second in UTC: an entry's (connection.now) or a
# value's (values.add_measurements)
_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\+00:00|Z)")
_TEXTS = ("actor", "action", "entity", "entity_id")


class LogRows(Connection):
    """The audit log, newest first, as plain rows."""

    @translated
    def log_rows(self, entity: str | None = None, entity_id: str | None = None,
                 limit: int | None = None) -> list[dict]:
        """Each entry as AuditEntry.model_dump(mode="json") gives it."""
        return [_json_row(r) for r in self._log_entries(entity, entity_id, limit)]

    def _log_entries(self, entity: str | None, entity_id: str | None,
                     limit: int | None) -> list[dict]:
        """The entries' fields as read. An import's values are logged by its one entry:
        each is listed as a value typed in is, just under that entry."""
        where, params = [], []
        if entity is not None:
            where.append("entity = ?")
            params.append(entity)
        if entity_id is not None:
            where.append("entity_id = ?")
            params.append(entity_id)
        sql = "SELECT * FROM audit"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        out = []
        for r in self.db.query(sql, params):
            r["old"] = json.loads(r["old"]) if r["old"] else None
            r["new"] = json.loads(r["new"]) if r["new"] else None
            out.append(r)
        if entity not in (None, "indicator"):
            return out
        logged = self._logged_values(entity_id, limit)
        # an import's values are older than its entry, and in entry order among themselves
        merged = sorted(out + logged, reverse=True,
                        key=lambda e: (e["id"], e.get("value_id") is None,
                                       e.get("value_id") or 0))
        return merged if limit is None else merged[:limit]

    def _logged_values(self, indicator_id: str | None, limit: int | None) -> list[dict]:
        """The values imports logged (of one indicator), newest first, as audit entries."""
        sql = f"SELECT {VALUE_LIST}, logged_by FROM measurements" \
            " WHERE id >= ? AND logged_by IS NOT NULL"
        params: list[object] = [int(self._meta("logged_from") or 0)]
        if indicator_id is not None:
            sql += " AND indicator = ?"
            params.append(indicator_id)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        out = []
        for r in self.db.query(sql, params):
            entry = r.pop("logged_by")
            out.append({"id": entry, "value_id": r["id"], "at": r["recorded_at"],
                        "actor": r["actor"], "action": "measure", "entity": "indicator",
                        "entity_id": r["indicator"], "new": r})
        return out


def _json_row(r: dict) -> dict:
    if not _plain_entry(r):
        from tracker.models import AuditEntry

        return AuditEntry(**r).model_dump(mode="json")
    return {"id": r["id"], "at": _STAMP.fullmatch(r["at"])[1] + "Z", **{k: r[k] for k in _TEXTS},
            "old": r.get("old"), "new": r.get("new"), "value_id": r.get("value_id")}


def _plain_entry(r: dict) -> bool:
    if type(r["id"]) is not int or type(r.get("value_id", 0)) not in (int, type(None)):
        return False
    at = r["at"]
    if type(at) is not str or not _STAMP.fullmatch(at):
        return False
    try:
        datetime.fromisoformat(at)
    except ValueError:
        return False
    return all(plain(r[k]) for k in _TEXTS) and all(
        r.get(k) is None or (type(r[k]) is dict and _plain_json(r[k])) for k in ("old", "new"))


def _plain_json(v: Any) -> bool:
    """JSON the model writes back as it is: no number it would turn into null."""
    if type(v) is float:
        return math.isfinite(v)
    if type(v) is dict:
        return all(type(k) is str and _plain_json(x) for k, x in v.items())
    if type(v) is list:
        return all(_plain_json(x) for x in v)
    return v is None or type(v) in (str, int, bool)
