"""The whole store: every part of the package in one class."""

from __future__ import annotations

from tracker.store.achievements import Achievements
from tracker.store.audit import Audit
from tracker.store.departments import Departments
from tracker.store.files import Files
from tracker.store.indicator_edit import IndicatorEdits
from tracker.store.plan import Plan
from tracker.store.plan_pages import PlanPages
from tracker.store.plan_search import PlanSearch
from tracker.store.snapshots import Snapshots
from tracker.store.starter import StarterPlan
from tracker.store.status_cache import StatusCache
from tracker.store.values import Values
from tracker.store.voids import Voids


class Store(Achievements, Plan, Values, Voids, Snapshots, Audit, Files, StatusCache,
            Departments, IndicatorEdits, StarterPlan, PlanPages, PlanSearch):
    """A tracker database. Not thread-safe: use one Store per thread."""
