"""Upgrades keep every figure's meaning; backups are consistent; restores are checked."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_process
from tracker import snapshot as snap
from tracker import status as report_status
from tracker.errors import TrackerError
from tracker.models import Measurement
from tracker.store import SCHEMA_VERSION, SNAPSHOT_JSON, Store

FIXTURES = sorted(FIXTURES.glob("schema-*.db"))


def dump(path: Path, like: Path | None = None) -> dict[str, list[tuple]]:
    """Every row of the planner-facing tables, as stored; with `like`, only the columns
    that file has (a later schema adds some)."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for t in ("achievements", "indicators", "measurements", "manual_flags",
                  "flag_dismissals", "audit", "themes", "districts", "meta"):
            columns = "*" if like is None else ", ".join(_columns(like, t))
            out[t] = con.execute(f"SELECT {columns} FROM {t} ORDER BY rowid").fetchall()
        return out
    finally:
        con.close()


def _columns(path: Path, table: str) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
    finally:
        con.close()


# what a record of the article says as a figure; its names, period and quote are the
# tracker's reading of the article, which an upgrade brings up to date
FIGURE = "id, theme, value, unit, qualifier, kind, part_of, parts_complete"


def figures(path: Path) -> set[tuple]:
    con = sqlite3.connect(path)
    try:
        return set(con.execute(f"SELECT {FIGURE} FROM achievements").fetchall())
    finally:
        con.close()


def test_there_is_a_fixture_for_every_earlier_schema() -> None:
    versions = {int(p.stem.split("-")[1]) for p in FIXTURES}
    assert versions == set(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_upgrade_changes_no_meaning(fixture: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copy(fixture, db)
    before = dump(db)
    figures_before = figures(db)
    with Store(db, actor="upgrader") as s:
        assert s.schema_version() == SCHEMA_VERSION
        after = dump(db, like=fixture)
        # not one stored value moved; the upgrade only adds what it keeps of its own
        assert set(before["meta"]) <= set(after["meta"])
        unread = {"meta": [], "achievements": []}
        assert {**after, **unread} == {**before, **unread}
        # every figure of the article as it was, beside the milestones it had missed,
        # each read as the bundled data reads it now
        assert figures_before <= figures(db)
        by_id = {a.id: a for a in s.achievements()}
        assert by_id["jobs-new-urban-jobs"].period_basis == "congress_term"
        assert by_id["soup-key-enterprises"].scope == "prefecture"
        assert "person-times" in by_id["embroidery-meixiang-training"].title_en
        assert "urban-kaili-majiang-integration" in by_id
        # a value stored before the upgrade has an audit entry of its own
        assert {r[0] for r in s.db.execute("SELECT logged_by FROM measurements")} == {None}
        forest = [st for st in report_status.statuses(s) if st.indicator.id == "forest-cover"][0]
        assert forest.latest.value == 63.4 and forest.latest.year == 2022
        cached = next(x for x in s.indicator_states() if x.indicator.id == "forest-cover")
        assert cached.latest.value == 63.4 and cached.schedule_verdict == forest.schedule.verdict
        assert "urban-parks-squares" in s.flags()
        assert "edu-consolidation-rate" not in s.flags() or all(
            f.code != "rate_over_100" for f in s.flags()["edu-consolidation-rate"])
        assert s.snapshots() == []
    # the file as it was is kept beside it, byte for byte what the old app left
    kept = db.with_name(f"{db.name}.before-schema-{SCHEMA_VERSION}.bak")
    assert kept.exists() and dump(kept) == before


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_upgrade_leaves_only_the_indexes_queries_use(fixture: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copy(fixture, db)
    Store(db, actor="upgrader").close()
    con = sqlite3.connect(db)
    try:
        on_status = [r[1] for r in con.execute("PRAGMA index_list(indicator_status)")]
    finally:
        con.close()
    # the key only: verdict indexes were read by no query and slowed every value written
    assert on_status == ["sqlite_autoindex_indicator_status_1"]


def as_kept_before_snapshot_rows(db: Path, content_by_id: dict[int, object]) -> None:
    """The file as schema 5 kept snapshots: every state and value inside the JSON text."""
    con = sqlite3.connect(db)
    with con:
        for sid, content in content_by_id.items():
            con.execute("UPDATE snapshots SET content = CAST(? AS TEXT) WHERE id = ?",
                        (SNAPSHOT_JSON.dump_json(content), sid))
        con.execute("DROP TABLE snapshot_values")
        con.execute("DROP TABLE snapshot_states")
        con.execute("DELETE FROM _sqlite_migrations WHERE name = 'm006_snapshot_rows'")
        con.execute("PRAGMA user_version = 5")
    con.close()


def test_an_upgrade_gives_each_snapshots_values_rows_of_their_own(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    road, urban = "openness-road-length", "openness-urbanisation-rate"
    with Store(db, actor="planner") as s:
        # floats whose last digit a reading other than Python's could miss
        for year, value, note in ((2021, 0.1 + 0.2, "含“在建”路段\n"), (2022, 1 / 3, ""),
                                  (2022, 1900.123456789012, "revised")):
            s.add_measurement(Measurement(indicator=road, year=year, value=value, note=note))
        first = snap.take_snapshot(s, "中期")
        s.add_measurement(Measurement(indicator=urban, year=2022, value=2.675e-7,
                                      quality="provisional"))
        second = snap.take_snapshot(s, "年终")
        kept = {i.id: s.snapshot(i.id) for i in (first, second)}
    assert len(kept[second.id][1].measurements) == 4
    as_kept_before_snapshot_rows(db, {sid: content for sid, (_, content) in kept.items()})
    with Store(db, actor="planner") as s:
        assert s.schema_version() == SCHEMA_VERSION
        for sid, (info, content) in kept.items():
            assert s.snapshot(sid) == (info, content)
            assert snap.content_hash(content) == info.content_hash
            assert s.snapshot_value_count(sid) == len(content.measurements)
        assert [m.value for m in s.values_since(first.id, second.id)] == [2.675e-7]
    con = sqlite3.connect(db)
    left = con.execute("SELECT json_array_length(content, '$.measurements'),"
                       " json_array_length(content, '$.indicators') FROM snapshots").fetchall()
    con.close()
    assert left == [(0, 0), (0, 0)]  # the text keeps the head only


def test_upgrading_a_restored_old_file_keeps_both_copies(tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    shutil.copy(FIXTURES[-1], db)
    Store(db, actor="upgrader").close()
    first = db.with_name(f"{db.name}.before-schema-{SCHEMA_VERSION}.bak")
    # the planner puts the old file back (say, to try the upgrade again) and opens it
    shutil.copy(FIXTURES[-1], db)
    before = dump(db)
    with Store(db, actor="upgrader") as s:
        assert s.schema_version() == SCHEMA_VERSION
    second = db.with_name(f"{db.name}.before-schema-{SCHEMA_VERSION}.2.bak")
    assert first.exists() and second.exists() and dump(second) == before


def test_no_backup_for_a_new_or_current_file(db_path: Path) -> None:
    Store(db_path, actor="t").close()
    Store(db_path, actor="t").close()
    assert list(db_path.parent.glob("*.bak")) == []


def test_backup_while_another_process_writes(db_path: Path, tmp_path: Path) -> None:
    Store(db_path, actor="t").close()
    stop = threading.Event()

    def write() -> None:
        with Store(db_path, actor="writer") as w:
            i = 0
            while not stop.is_set():
                w.add_measurement(Measurement(indicator="openness-road-length", year=2021,
                                              value=1900 + i))
                i += 1

    t = threading.Thread(target=write)
    t.start()
    try:
        with Store(db_path, actor="t") as s:
            copies = [s.backup(tmp_path / f"b{i}.db") for i in range(5)]
    finally:
        stop.set()
        t.join()
    for c in copies:
        with Store(c, actor="check") as b:
            assert b.integrity_problems() == []
            values = [m.value for m in b.measurements("openness-road-length")]
            assert values == [1900 + i for i in range(len(values))]  # a prefix, no holes


def test_backup_refuses_to_overwrite(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "b.db"
    store.backup(out)
    with pytest.raises(TrackerError):
        store.backup(out)
    store.backup(out, force=True)


def test_restore_brings_back_the_backup_and_keeps_a_safety_copy(run, db_path: Path,
                                                                tmp_path: Path) -> None:
    db = ["--db", str(db_path), "--lang", "en"]
    run("target", "set", "openness-road-length", "--value", "2000", "--year", "2025", *db)
    assert run("backup", "--output", str(tmp_path / "b.db"), *db).exit_code == 0
    run("target", "set", "openness-road-length", "--value", "2500", "--year", "2025", *db)
    r = run("restore", str(tmp_path / "b.db"), "--yes", *db)
    assert r.exit_code == 0, r.output
    with Store(db_path, actor="t") as s:
        assert s.indicator("openness-road-length").target_value == 2000.0
        assert s.audit(limit=1)[0].action == "restore"
    safety = next(db_path.parent.glob("*.before-restore-*.bak"))
    with Store(safety, actor="t") as s:
        assert s.indicator("openness-road-length").target_value == 2500.0


def test_restore_asks_first(db_path: Path, tmp_path: Path) -> None:
    Store(db_path, actor="t").close()
    with Store(db_path, actor="t") as s:
        s.backup(tmp_path / "b.db")
        s.update_indicator("openness-road-length", {"notes": "keep me"})
    r = run_process("restore", str(tmp_path / "b.db"), "--db", str(db_path), "--lang", "en")
    assert r.returncode == 1 and "cancelled" in r.stderr
    with Store(db_path, actor="t") as s:
        assert s.indicator("openness-road-length").notes == "keep me"


@pytest.mark.parametrize("kind", ["garbage", "truncated", "foreign"])
def test_restore_refuses_a_bad_file(store: Store, db_path: Path, tmp_path: Path,
                                    kind: str) -> None:
    bad = tmp_path / "bad.db"
    if kind == "garbage":
        bad.write_bytes(b"\x00" * 5000)
    elif kind == "truncated":
        store.backup(tmp_path / "full.db")
        bad.write_bytes((tmp_path / "full.db").read_bytes()[:20000])
    else:
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE t (x)")
        con.close()
    before = dump(db_path)
    with pytest.raises(TrackerError) as e:
        store.restore_from(bad)
    assert e.value.key == "restore_refused"
    assert dump(db_path) == before
