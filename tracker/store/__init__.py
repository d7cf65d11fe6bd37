"""The only package that talks to SQLite.

One database file holds the article's record, the plan, the values planners enter and
an audit log of every change. Opening a new file creates the schema and seeds it from
data/; opening an existing file only applies pending migrations.

`Store` is the one door: each of its parts is a module of this package, one concern
each, and every public method puts SQLite's errors in the store's words.
"""

from __future__ import annotations

from tracker.store.achievements import Achievements
from tracker.store.audit import Audit
from tracker.store.connection import BUSY_TIMEOUT_S, now
from tracker.store.departments import Departments
from tracker.store.files import Files, check_file
from tracker.store.indicator_edit import IndicatorEdits
from tracker.store.plan import Plan
from tracker.store.plan_pages import PlanPages
from tracker.store.plan_search import PlanSearch
from tracker.store.rows import ID_CHUNK, SNAPSHOT_JSON
from tracker.store.schema import (
    APPLICATION_ID,
    MIGRATION_NAMES,
    MIGRATION_SET,
    SCHEMA_VERSION,
    migrations,
)
from tracker.store.snapshots import Snapshots, snapshot_label
from tracker.store.starter import StarterPlan
from tracker.store.status_cache import StatusCache
from tracker.store.values import Values
from tracker.store.voids import Voids

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_S",
    "ID_CHUNK",
    "MIGRATION_NAMES",
    "MIGRATION_SET",
    "SCHEMA_VERSION",
    "SNAPSHOT_JSON",
    "Store",
    "check_file",
    "migrations",
    "now",
    "snapshot_label",
]


class Store(Achievements, Plan, Values, Voids, Snapshots, Audit, Files, StatusCache,
            Departments, IndicatorEdits, StarterPlan, PlanPages, PlanSearch):
    """A tracker database. Not thread-safe: use one Store per thread."""
