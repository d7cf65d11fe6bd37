"""The only package that talks to SQLite.

One database file holds the article's record, the plan, the values planners enter and
an audit log of every change. Opening a new file creates the schema and seeds it from
data/; opening an existing file only applies pending migrations.

`Store` is the one door: each of its parts is a module of this package, one concern
each, and every public method puts SQLite's errors in the store's words. The names
below load with the module that holds them, when first asked for: a command that only
reads plain rows (see log_rows) does not wait for the models every other part imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.store.connection import BUSY_TIMEOUT_S, Connection, NotMade, now
    from tracker.store.files import check_file
    from tracker.store.log_rows import LogRows
    from tracker.store.plan_pages import INDICATOR_FIELDS, INDICATOR_FLOAT_AT
    from tracker.store.record import ArticleRecord
    from tracker.store.rows import ID_CHUNK, SNAPSHOT_JSON
    from tracker.store.schema import (
        APPLICATION_ID,
        MIGRATION_NAMES,
        MIGRATION_SET,
        SCHEMA_VERSION,
        migrations,
    )
    from tracker.store.snapshots import snapshot_label
    from tracker.store.whole import Store

_HOMES = {
    "APPLICATION_ID": "schema",
    "ArticleRecord": "record",
    "BUSY_TIMEOUT_S": "connection",
    "Connection": "connection",
    "ID_CHUNK": "rows",
    "INDICATOR_FIELDS": "plan_pages",
    "INDICATOR_FLOAT_AT": "plan_pages",
    "LogRows": "log_rows",
    "MIGRATION_NAMES": "schema",
    "MIGRATION_SET": "schema",
    "NotMade": "connection",
    "SCHEMA_VERSION": "schema",
    "SNAPSHOT_JSON": "rows",
    "Store": "whole",
    "check_file": "files",
    "migrations": "schema",
    "now": "connection",
    "snapshot_label": "snapshots",
}

__all__ = [
    "APPLICATION_ID",
    "ArticleRecord",
    "BUSY_TIMEOUT_S",
    "ID_CHUNK",
    "INDICATOR_FIELDS",
    "INDICATOR_FLOAT_AT",
    "MIGRATION_NAMES",
    "MIGRATION_SET",
    "Connection",
    "LogRows",
    "NotMade",
    "SCHEMA_VERSION",
    "SNAPSHOT_JSON",
    "Store",
    "check_file",
    "migrations",
    "now",
    "snapshot_label",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"tracker.store.{_HOMES[name]}"), name)
    globals()[name] = value
    return value
