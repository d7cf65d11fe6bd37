"""The starter plan offered to an existing database (`tracker plan update`).

A database keeps what its planners entered. When the starter plan in data/ changes, the
rows no planner has touched may follow it: rows new to the starter plan are added, rows
whose starter definition changed are retyped, and starter rows the plan no longer has are
retired (their history stays). A row a planner has touched (any edit, value or yearly
target in the audit log, or a version the plan update did not make) is kept as it is and
only listed. This module works out that offer; the store applies it.
"""

from __future__ import annotations

import string
from collections.abc import Collection, Sequence
from typing import Any, Literal, NamedTuple

from tracker.models import Department, District, Indicator

# the fields of a row the starter plan defines; targets, milestone states and values are
# the planners' own and never part of an offer
STARTER_FIELDS: tuple[str, ...] = (
    "district", "name_zh", "name_en", "unit", "direction", "attribute", "target_type", "band",
    "baseline_value", "baseline_year", "baseline_achievement", "baseline_source",
    "department", "notes", "plausible", "values_as",
)
DISTRICT_FIELDS: tuple[str, ...] = ("name_zh", "name_en", "summary_zh", "summary_en")
# the store matches English names as SQLite's lower() does: ASCII letters only
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

Action = Literal["add", "retype", "update", "retire"]
# why a row the starter plan would change is left as it is
KeptWhy = Literal["touched", "retired", "missing_figure"]


class Change(NamedTuple):
    """One row the offer changes: the action, the row as it would be, and the fields that
    change (old, new) for a retype, update or retire."""

    action: Action
    indicator: Indicator
    fields: dict[str, tuple[Any, Any]]


class Kept(NamedTuple):
    """A row the starter plan would change, left as it is, and why."""

    indicator: Indicator
    why: KeptWhy
    detail: str = ""


class DistrictChange(NamedTuple):
    district: District
    fields: dict[str, tuple[Any, Any]]


class Offer(NamedTuple):
    changes: list[Change]
    kept: list[Kept]
    districts: list[DistrictChange]
    # departments given the English name the starter plan has for them
    departments: list[Department]

    @property
    def empty(self) -> bool:
        return not self.changes and not self.districts and not self.departments

    def count(self, action: Action) -> int:
        return sum(c.action == action for c in self.changes)


def _value(ind: Indicator, name: str) -> Any:
    v = getattr(ind, name)
    return v.model_dump() if hasattr(v, "model_dump") else v


def differences(old: Indicator, new: Indicator) -> dict[str, tuple[Any, Any]]:
    """The starter fields that differ between two definitions of a row, as (old, new)."""
    return {f: (_value(old, f), _value(new, f)) for f in STARTER_FIELDS
            if _value(old, f) != _value(new, f)}


def english_names(starter_departments: Sequence[Department],
                  departments: Sequence[Department], changes: Sequence[Change]
                  ) -> list[Department]:
    """The English names the starter plan gives departments that have none: those the
    database holds and those the changes bring with their rows. As when a database was
    first brought up to date, a planner's name is never replaced and a name another
    department goes by is not given twice."""
    held = {d.name_zh: d.name_en for d in departments}
    brought = {c.indicator.department.strip() for c in changes
               if c.action == "add" or (c.action != "retire" and "department" in c.fields)}
    for name in brought - {""}:
        held.setdefault(name, "")
    taken = {e.translate(_ASCII_LOWER) for e in held.values() if e}
    named = []
    for d in starter_departments:
        key = d.name_en.translate(_ASCII_LOWER)
        if d.name_en and held.get(d.name_zh) == "" and key not in taken:
            named.append(Department(name_zh=d.name_zh, name_en=d.name_en))
            taken.add(key)
    return named


def offer(starter: Sequence[Indicator], starter_districts: Sequence[District],
          current: Sequence[Indicator], districts: Sequence[District],
          touched: Collection[str], figures: Collection[str],
          starter_departments: Sequence[Department] = (),
          departments: Sequence[Department] = ()) -> Offer:
    """What the starter plan offers a database holding `current` (retired rows included):
    `touched` are the ids of rows a planner has changed, `figures` the ids of the article's
    figures the database holds (a baseline can only be linked to one of them),
    `departments` the departments it lists."""
    have = {i.id: i for i in current}
    changes: list[Change] = []
    kept: list[Kept] = []
    for ind in starter:
        old = have.get(ind.id)
        if ind.baseline_achievement and ind.baseline_achievement not in figures:
            kept.append(Kept(old or ind, "missing_figure", ind.baseline_achievement))
            continue
        if old is None:
            changes.append(Change("add", ind, {}))
            continue
        diff = differences(old, ind)
        if not diff:
            continue
        if old.id in touched:
            kept.append(Kept(old, "touched"))
        elif old.retired:
            kept.append(Kept(old, "retired"))
        else:
            action: Action = "retype" if "target_type" in diff else "update"
            new = old.model_copy(update={f: getattr(ind, f) for f in diff})
            changes.append(Change(action, new, diff))
    wanted = {i.id for i in starter}
    for old in current:
        if old.id in wanted or old.retired:
            continue
        # a row a planner added has its own audit entry, so it is touched: only a row the
        # starter plan once brought is retired
        if old.id in touched:
            continue
        changes.append(Change("retire", old, {"retired": (False, True)}))
    by_id = {d.id: d for d in districts}
    district_changes = []
    for d in starter_districts:
        mine = by_id.get(d.id)
        if mine is None:
            continue
        diff = {f: (getattr(mine, f), getattr(d, f)) for f in DISTRICT_FIELDS
                if getattr(mine, f) != getattr(d, f)}
        if diff:
            district_changes.append(DistrictChange(d, diff))
    return Offer(changes, kept, district_changes,
                 english_names(starter_departments, departments, changes))
