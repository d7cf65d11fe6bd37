"""The schema: each migration in order, their names as the file records them, and
the schema version they make."""

from __future__ import annotations

import sqlite3

import sqlite_utils
from sqlite_utils.migrations import Migrations

# a snapshot's values as stored: the columns of measurements, in its order
VALUE_COLUMNS = {"id": "INTEGER", "indicator": "TEXT", "year": "INTEGER", "date": "TEXT",
                  "value": "REAL", "source": "TEXT", "quality": "TEXT", "note": "TEXT",
                  "actor": "TEXT", "recorded_at": "TEXT"}
VALUE_LIST = ", ".join(VALUE_COLUMNS)



def m001_initial(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["themes"].create(
        {"id": str, "name_zh": str, "name_en": str, "position": int}, pk="id", not_null={"name_zh"}
    )
    db["achievements"].create(
        {
            "id": str,
            "theme": str,
            "title_zh": str,
            "title_en": str,
            # TEXT keeps the figure exactly as printed ("6.13", "1867.4")
            "value": str,
            "unit": str,
            "qualifier": str,
            "period": str,
            "kind": str,
            "source_quote": str,
            "part_of": str,
            "parts_complete": int,
            "position": int,
        },
        pk="id",
        foreign_keys=[("theme", "themes", "id")],
    )
    db["districts"].create(
        {
            "id": str,
            "name_zh": str,
            "name_en": str,
            "summary_zh": str,
            "summary_en": str,
            "position": int,
        },
        pk="id",
    )
    db["indicators"].create(
        {
            "id": str,
            "district": str,
            "name_zh": str,
            "name_en": str,
            "unit": str,
            "direction": str,
            "attribute": str,
            "target_type": str,
            "band": float,
            "baseline_value": float,
            "baseline_year": int,
            "baseline_achievement": str,
            "baseline_source": str,
            "target_value": float,
            "target_year": int,
            "department": str,
            "notes": str,
            "plausible": str,
            "retired": int,
            "version": int,
            "position": int,
        },
        pk="id",
        foreign_keys=[("district", "districts", "id")],
    )
    db["indicators"].create_index(["district", "position"])
    db["measurements"].create(
        {
            "id": int,
            "indicator": str,
            "year": int,
            "date": str,
            "value": float,
            "source": str,
            "quality": str,
            "note": str,
            "actor": str,
            "recorded_at": str,
        },
        pk="id",
        foreign_keys=[("indicator", "indicators", "id")],
    )
    # latest value per indicator: the highest year, then the latest entry for it
    db["measurements"].create_index(["indicator", "year", "id"])
    db["manual_flags"].create(
        {
            "id": int,
            "achievement": str,
            "note": str,
            "actor": str,
            "created_at": str,
            "cleared_at": str,
            "cleared_by": str,
            "cleared_note": str,
        },
        pk="id",
        foreign_keys=[("achievement", "achievements", "id")],
    )
    # a planner's word that a rule's flag has been checked and does not apply
    db["flag_dismissals"].create(
        {"achievement": str, "code": str, "note": str, "actor": str, "at": str},
        pk=("achievement", "code"),
    )
    db["audit"].create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "action": str,
            "entity": str,
            "entity_id": str,
            "old": str,
            "new": str,
        },
        pk="id",
    )
    db["audit"].create_index(["entity", "entity_id"])


def m002_snapshots(db: sqlite_utils.Database) -> None:
    db["snapshots"].create(
        {
            "id": int,
            "label": str,
            "taken_at": str,
            "actor": str,
            "content_hash": str,
            # the whole SnapshotContent as JSON: frozen, whatever the tables do later
            "content": str,
        },
        pk="id",
    )


def m003_status_cache(db: sqlite_utils.Database) -> None:
    # each indicator's latest value and verdicts, kept current as values arrive, so the
    # plan screen and the verdict counts never read every value of every indicator
    db["indicator_status"].create(
        {
            "indicator": str,
            "latest_year": int,
            "latest_value": float,
            "progress_share": float,
            "time_share": float,
            "schedule_verdict": str,
            "growth_ratio": float,
            "growth_verdict": str,
            "value_count": int,
        },
        pk="indicator",
        foreign_keys=[("indicator", "indicators", "id")],
    )
    db["indicator_status"].create_index(["schedule_verdict"])
    db["indicator_status"].create_index(["growth_verdict"])


def m004_latest_quality(db: sqlite_utils.Database) -> None:
    db["indicator_status"].add_column("latest_quality", str)
    # the cache is derived: emptied here, it is rebuilt when the store opens
    db.execute("DELETE FROM indicator_status")


def m005_no_verdict_indexes(db: sqlite_utils.Database) -> None:
    # the counts group by district through the join, so no query ever read these two
    # indexes, while every value written had to update both
    db.execute("DROP INDEX IF EXISTS idx_indicator_status_schedule_verdict")
    db.execute("DROP INDEX IF EXISTS idx_indicator_status_growth_verdict")


def m006_snapshot_rows(db: sqlite_utils.Database) -> None:
    # the models and the data load only for an upgrade, here and in the steps below:
    # opening a current file needs no more than the steps' names (see log_rows)
    from tracker.models import Measurement
    from tracker.store.rows import insert_snapshot_values

    # a snapshot's values and its indicators' states get rows of their own: inside the
    # JSON text, a province's million values made SQLite parse hundreds of MB to read
    # even the head or count them, and an export had to hold every state at once
    db.execute(
        "CREATE TABLE snapshot_values ("
        " snapshot INTEGER NOT NULL REFERENCES snapshots(id), position INTEGER NOT NULL,"
        f" {', '.join(f'{c} {t}' for c, t in VALUE_COLUMNS.items())},"
        " PRIMARY KEY (snapshot, position)) WITHOUT ROWID")
    # each state as its JSON, with its district beside it: the tables read a district
    # at a time
    db.execute(
        "CREATE TABLE snapshot_states ("
        " snapshot INTEGER NOT NULL REFERENCES snapshots(id), position INTEGER NOT NULL,"
        " district TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (snapshot, position))")
    db.execute("CREATE INDEX idx_snapshot_states_district"
               " ON snapshot_states (snapshot, district, position)")
    for (sid,) in db.execute("SELECT id FROM snapshots ORDER BY id").fetchall():
        # SQLite gives each state back as the text it read: its numbers as written
        db.execute(
            "INSERT INTO snapshot_states (snapshot, position, district, state)"
            " SELECT s.id, v.key, json_extract(v.value, '$.indicator.district'), v.value"
            " FROM snapshots s, json_each(s.content, '$.indicators') v WHERE s.id = ?",
            [sid])
        cursor = db.execute(
            "SELECT v.value FROM snapshots s, json_each(s.content, '$.measurements') v"
            " WHERE s.id = ? ORDER BY v.key", [sid])
        position = 0
        # each value checked by its model on the way, as the store reads every value
        while chunk := [Measurement.model_validate_json(text)
                        for (text,) in cursor.fetchmany(5_000)]:
            insert_snapshot_values(db, sid, chunk, position)
            position += len(chunk)
        db.execute("UPDATE snapshots SET content = json_set(content, '$.measurements',"
                   " json('[]'), '$.indicators', json('[]')) WHERE id = ?", [sid])


def m007_values_logged_by_import(db: sqlite_utils.Database) -> None:
    # an import's values are logged by the import's one audit entry, which each names: as
    # an entry of its own per value, they were a copy of the value's row (who and when
    # included), three times the size of the values, and a sixth of a province's import.
    # No foreign key: the values are written before their entry, in the same transaction.
    db.execute("ALTER TABLE measurements ADD COLUMN logged_by INTEGER")
    # the values stored before keep their own entries: listing the log need not look
    # through a province's million of them for one an import logs
    db.execute("INSERT INTO meta (key, value)"
               " SELECT 'logged_from', coalesce(max(id), 0) + 1 FROM measurements")


def m008_plan_table_rows(db: sqlite_utils.Database) -> None:
    # every row of a plan table: values entered as yearly rates, a milestone's state,
    # yearly targets; and the status cache keeps where each indicator is heading, why it
    # has no verdict, the latest yearly target's reading and the baseline's open flags
    for column in ("values_as", "milestone_state", "milestone_date", "milestone_evidence"):
        db.execute(f"ALTER TABLE indicators ADD COLUMN {column} TEXT")
    db.execute(
        "CREATE TABLE annual_targets ("
        " indicator TEXT NOT NULL REFERENCES indicators(id), year INTEGER NOT NULL,"
        " value REAL NOT NULL, PRIMARY KEY (indicator, year)) WITHOUT ROWID")
    for column, kind in (("projected_value", "REAL"), ("projected_year", "INTEGER"),
                         ("required_rate_remaining", "REAL"),
                         ("required_per_year_remaining", "REAL"), ("running_total", "REAL"),
                         ("reason", "TEXT"), ("annual", "TEXT"), ("baseline_flags", "TEXT"),
                         ("baseline_flagged", "INTEGER")):
        db.execute(f"ALTER TABLE indicator_status ADD COLUMN {column} {kind}")
    # the cache is derived: emptied here, it is rebuilt when the store opens
    db.execute("DELETE FROM indicator_status")


def m009_review_year_departments(db: sqlite_utils.Database) -> None:
    # with a review year set, the status cache keeps the years each indicator still owes
    db.execute("ALTER TABLE indicator_status ADD COLUMN overdue TEXT")
    db.execute("DELETE FROM indicator_status")
    # the departments planners pick from, starting with those the indicators name
    db.execute(
        "CREATE TABLE departments (name_zh TEXT PRIMARY KEY, name_en TEXT NOT NULL DEFAULT '',"
        " contact TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL)")
    db.execute(
        "INSERT INTO departments (name_zh, position)"
        " SELECT department, min(rowid) FROM indicators WHERE trim(department) != ''"
        " GROUP BY department ORDER BY min(rowid)")


def m010_void_values(db: sqlite_utils.Database) -> None:
    # a wrong value is taken back, never deleted: it stays in the history with who voided
    # it, when and why, and no verdict, latest value or snapshot reads it again
    for column in ("voided_at", "voided_by", "void_reason"):
        db.execute(f"ALTER TABLE measurements ADD COLUMN {column} TEXT")
    # the few voided values, found without reading every value of a province
    db.execute("CREATE INDEX idx_measurements_voided ON measurements (voided_at)"
               " WHERE voided_at IS NOT NULL")


def m011_achievement_period_basis_scope(db: sqlite_utils.Database) -> None:
    # each record of the article says what its period is read from and whose figure it
    # is; the status cache keeps each baseline flag's severity, so it is rebuilt
    db.execute("ALTER TABLE achievements ADD COLUMN period_basis TEXT")
    db.execute("ALTER TABLE achievements ADD COLUMN scope TEXT")
    db.execute("DELETE FROM indicator_status")
    _article_brought_up_to_date(db)


def _article_brought_up_to_date(db: sqlite_utils.Database) -> None:
    """A file seeded before: the article's records as the tracker now reads them (their
    periods, names, bases and scopes, and the milestones it had missed). Planners never
    edit these records, and ids are kept, so their flags and baselines still hold."""
    if not db.execute("SELECT count(*) FROM achievements").fetchone()[0]:
        return  # a new file: seeded after its migrations
    from tracker.seed import DataError, load_dataset
    from tracker.store.rows import achievement_row

    try:
        dataset = load_dataset()
    except DataError:
        return  # the records stay as they were; the defaults read for what is missing
    themes = {r[0] for r in db.execute("SELECT id FROM themes")}
    kept = {r[0] for r in db.execute("SELECT id FROM achievements")}
    described = ("title_zh", "title_en", "period", "period_basis", "scope", "source_quote")
    for position, a in enumerate(dataset.achievements):
        row = {**achievement_row(a), "position": position}
        if a.id in kept:
            db.execute(
                f"UPDATE achievements SET {', '.join(f'{c} = ?' for c in described)},"
                " position = ? WHERE id = ?",
                [*(row[c] for c in described), position, a.id])
        elif a.theme in themes and (a.part_of is None or a.part_of in kept):
            db["achievements"].insert(row)


def m012_department_english_names(db: sqlite_utils.Database) -> None:
    # the departments the starter plan names read in English on the English screens and
    # reports; only where a file has no English name for them, so a planner's name stays
    from tracker.seed import DataError, load_dataset
    from tracker.store.rows import english_names_filled

    try:
        dataset = load_dataset()
    except DataError:
        return  # the names stay blank, and the Chinese is shown, as before
    english_names_filled(db, dataset.departments)


# The order is the schema's history: a file records the name of each step it has had, so
# a name, once released, never changes and a new step goes at the end.
STEPS = (
    m001_initial,
    m002_snapshots,
    m003_status_cache,
    m004_latest_quality,
    m005_no_verdict_indexes,
    m006_snapshot_rows,
    m007_values_logged_by_import,
    m008_plan_table_rows,
    m009_review_year_departments,
    m010_void_values,
    m011_achievement_period_basis_scope,
    m012_department_english_names,
)
MIGRATION_NAMES = tuple(step.__name__ for step in STEPS)
SCHEMA_VERSION = len(STEPS)
MIGRATION_SET = "tracker"
# SQLite's application_id of every tracker file: "KLPT" (Kaili plan tracker) in ASCII.
# Files from before it was set hold 0 and are recognised by their migrations instead.
APPLICATION_ID = 0x4B4C5054

migrations = Migrations(MIGRATION_SET)
for _step in STEPS:
    migrations(name=_step.__name__)(_step)


# Every table some version of the schema has had. Written out rather than found by
# running every migration in memory, which each open would pay for; a test runs the
# migrations and checks this list against what they make.
TRACKER_TABLES = frozenset({
    "_sqlite_migrations", "achievements", "annual_targets", "audit", "departments",
    "districts", "flag_dismissals", "indicator_status", "indicators", "manual_flags",
    "measurements", "meta", "snapshot_states", "snapshot_values", "snapshots", "themes",
})


def tables_made_by_migrations() -> frozenset[str]:
    """Every table the migrations make on their way, run on an empty database in memory."""
    db = sqlite_utils.Database(memory=True)
    migrations.ensure_migrations_table(db)
    seen = set(db.table_names())
    for step in STEPS:
        step(db)
        seen |= set(db.table_names())
    return frozenset(seen)


def owner_of(con: sqlite3.Connection) -> tuple[str, int, bool]:
    """Whose file this is, by reading it only: ("ours" | "blank" | "newer" | "foreign",
    the tracker migrations it has had, whether it is marked as the tracker's). Blank is
    a file with no tables that no program has claimed: it becomes a new tracker file."""
    app = con.execute("PRAGMA application_id").fetchone()[0]
    version = con.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if not r[0].startswith("sqlite_")}
    stamped = app == APPLICATION_ID
    if app not in (0, APPLICATION_ID):
        return "foreign", 0, stamped
    if not tables:
        return ("blank" if stamped or version == 0 else "foreign"), 0, stamped
    if "_sqlite_migrations" not in tables:
        return "foreign", 0, stamped
    try:
        rows = con.execute("SELECT migration_set, name FROM _sqlite_migrations").fetchall()
    except sqlite3.OperationalError:  # a table of that name, but not sqlite-utils'
        return "foreign", 0, stamped
    if any(kept != MIGRATION_SET for kept, _ in rows):
        return "foreign", 0, stamped
    names = {name for _, name in rows}
    if names - set(MIGRATION_NAMES) or version > SCHEMA_VERSION:
        return "newer", max(len(names), version), stamped
    if tables - TRACKER_TABLES:
        return "foreign", len(names), stamped
    if not names and not stamped and tables != {"_sqlite_migrations"}:
        # tables named like the tracker's, but no tracker migration ever ran on them
        return "foreign", 0, stamped
    return "ours", len(names), stamped
