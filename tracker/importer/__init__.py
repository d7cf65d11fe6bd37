"""Imports: a plan table (csv or xlsx, as exported) or a JSON snapshot.

Three steps, so a planner can look before anything changes: `read_import` turns a file
into rows or a validated snapshot, `plan_import` checks every row against the store and
says what would change (or lists every problem and changes nothing), `apply_import`
writes the plan through `Store.import_batch`, one audited transaction.

An empty cell never erases anything: imports add and change, they do not clear.
"""

from tracker.importer.files import ImportFile, ImportProblems, Problem, Row, read_import
from tracker.importer.planning import (
    ImportPlan,
    apply_import,
    describe,
    describe_lines,
    plan_import,
)

__all__ = [
    "ImportFile",
    "ImportPlan",
    "ImportProblems",
    "Problem",
    "Row",
    "apply_import",
    "describe",
    "describe_lines",
    "plan_import",
    "read_import",
]
