"""The store on real SQLite files in temporary folders."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import raw
from tracker.errors import Conflict, NotFound, TrackerError
from tracker.models import Indicator, Measurement
from tracker.seed import load_dataset
from tracker.store import SCHEMA_VERSION, Store
from tracker.store.schema import TRACKER_TABLES, tables_made_by_migrations

DATASET = load_dataset()


def test_new_database_is_seeded(store: Store, db_path: Path) -> None:
    assert len(store.achievements()) == len(DATASET.achievements)
    assert [d.id for d in store.districts()] == [d.id for d in DATASET.districts]
    assert raw(db_path, "SELECT count(*) FROM indicators")[0][0] == len(DATASET.indicators)
    # values stay exactly as printed
    assert raw(db_path, "SELECT value FROM achievements WHERE id = 'poverty-population'") == [
        ("6.13",)
    ]
    assert store.achievement("poverty-population") == next(
        a for a in DATASET.achievements if a.id == "poverty-population"
    )
    seeds = store.audit(entity="database")
    assert len(seeds) == 1 and seeds[0].action == "seed"


def test_wal_schema_version_and_migrations(store: Store, db_path: Path) -> None:
    assert raw(db_path, "PRAGMA journal_mode")[0][0] == "wal"
    assert store.schema_version() == SCHEMA_VERSION
    names = raw(db_path, "SELECT name FROM _sqlite_migrations WHERE migration_set = 'tracker'")
    assert len(names) == SCHEMA_VERSION


def test_new_file_is_owner_only(store: Store, db_path: Path) -> None:
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_reopening_never_reseeds_or_overwrites(db_path: Path) -> None:
    with Store(db_path, actor="ana") as s:
        s.update_indicator(
            "openness-urbanisation-rate", {"target_value": 78.0, "target_year": 2025}
        )
        s.add_measurement(
            Measurement(indicator="openness-urbanisation-rate", year=2022, value=75.1)
        )
    before = raw(db_path, "SELECT count(*) FROM audit")[0][0]
    for _ in range(2):
        with Store(db_path, actor="bo") as s:
            ind = s.indicator("openness-urbanisation-rate")
            assert (ind.target_value, ind.target_year) == (78.0, 2025)
            assert len(s.achievements()) == len(DATASET.achievements)
    assert raw(db_path, "SELECT count(*) FROM audit")[0][0] == before
    assert raw(db_path, "SELECT count(*) FROM achievements")[0][0] == len(DATASET.achievements)
    assert raw(db_path, "SELECT count(*) FROM measurements")[0][0] == 1


def test_update_is_audited_with_old_and_new(store: Store) -> None:
    store.update_indicator("culture-sport-venue-area", {"target_value": 15.0, "target_year": 2025})
    entry = store.audit(entity="indicator", entity_id="culture-sport-venue-area")[0]
    assert entry.actor == "tester" and entry.action == "update"
    assert entry.old == {"target_value": None, "target_year": None}
    assert entry.new == {"target_value": 15.0, "target_year": 2025}
    assert store.indicator("culture-sport-venue-area").version == 2


def test_recorded_values_and_their_audit_entries_hold_the_whole_value(
        store: Store, db_path: Path) -> None:
    first = Measurement(indicator="ecology-forest-coverage", year=2023, value=63.5, source="统计公报",
                        quality="provisional", note="初步")
    second = Measurement(indicator="ecology-forest-coverage", year=2024, value=64.0)
    recs = store.add_measurements([first, second])
    # ids in order, who and when filled in, everything else as given
    assert [r.id for r in recs] == [recs[0].id, recs[0].id + 1]
    assert {r.actor for r in recs} == {"tester"} and recs[0].recorded_at is not None
    assert recs[0].model_dump(exclude={"id", "actor", "recorded_at"}) == first.model_dump(
        exclude={"id", "actor", "recorded_at"})
    assert store.measurements("ecology-forest-coverage")[-2:] == recs
    stamp = recs[0].recorded_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert raw(db_path, "SELECT * FROM measurements WHERE id = ?", [recs[0].id]) == [
        (recs[0].id, "ecology-forest-coverage", 2023, None, 63.5, "统计公报", "provisional", "初步", "tester",
         # logged by an audit entry of its own, not an import's; in force, not voided
         stamp, None, None, None, None)]
    entries = [e for e in store.audit(entity="indicator", entity_id="ecology-forest-coverage")
               if e.action == "measure"]
    assert [e.new for e in entries[:2]] == [r.model_dump(mode="json") for r in recs[::-1]]


def test_invalid_update_writes_nothing(store: Store, db_path: Path) -> None:
    before = raw(db_path, "SELECT * FROM indicators WHERE id = 'openness-road-length'")
    audits = len(store.audit())
    with pytest.raises(TrackerError) as e:
        # target year must come after the 2020 baseline year
        store.update_indicator(
            "openness-road-length", {"target_value": 2000.0, "target_year": 2019}
        )
    assert "target year" in e.value.text("en")
    assert raw(db_path, "SELECT * FROM indicators WHERE id = 'openness-road-length'") == before
    assert len(store.audit()) == audits


def test_version_check_refuses_a_stale_save(db_path: Path) -> None:
    with Store(db_path, actor="ana") as a, Store(db_path, actor="bo") as b:
        seen = a.indicator("openness-road-length").version
        assert b.indicator("openness-road-length").version == seen
        b.update_indicator("openness-road-length", {"notes": "bo's note"}, expected_version=seen)
        with pytest.raises(Conflict) as e:
            a.update_indicator(
                "openness-road-length", {"notes": "ana's note"}, expected_version=seen
            )
        assert "bo" in e.value.text("en") and "bo" in e.value.text("zh")
        assert a.indicator("openness-road-length").notes == "bo's note"


def test_add_and_retire_indicator_keeps_history(store: Store) -> None:
    store.add_indicator(
        Indicator(
            id="forest", district="ecology", name_zh="森林覆盖率", name_en="Forest cover", unit="%"
        )
    )
    store.add_measurement(Measurement(indicator="forest", year=2021, value=65.0))
    with pytest.raises(TrackerError, match="already exists"):
        store.add_indicator(Indicator(id="forest", district="ecology", name_zh="x", name_en="x"))
    store.retire_indicator("forest")
    assert "forest" not in {i.id for i in store.indicators()}
    assert store.indicator("forest").retired
    assert len(store.measurements("forest")) == 1
    assert [e.action for e in store.audit(entity="indicator", entity_id="forest")] == [
        "update",
        "measure",
        "add",
    ]


def test_measurements_keep_entry_order_and_actor(store: Store) -> None:
    store.add_measurement(Measurement(indicator="openness-road-length", year=2021, value=1900))
    store.add_measurement(
        Measurement(indicator="openness-road-length", year=2021, value=1910, quality="revised")
    )
    ms = store.measurements("openness-road-length")
    assert [m.value for m in ms] == [1900, 1910]
    assert all(m.actor == "tester" and m.recorded_at for m in ms)
    with pytest.raises(NotFound):
        store.add_measurement(Measurement(indicator="nope", year=2021, value=1))


def test_baseline_from_achievement_converts_units(store: Store) -> None:
    assert store.baseline_from_achievement("poverty-population", "人") == (61300.0, 2021)
    assert store.baseline_from_achievement("poverty-population", "万人") == (6.13, 2021)
    with pytest.raises(TrackerError):
        store.baseline_from_achievement("poverty-population", "公里")


def test_tolerance_setting(store: Store) -> None:
    assert store.tolerance() == 0.05
    store.set_tolerance(0.1)
    assert store.tolerance() == 0.1
    with pytest.raises(TrackerError):
        store.set_tolerance(2)


# -- files we must refuse, untouched ---------------------------------------------------


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(TrackerError) as e:
        Store(tmp_path / "no" / "such" / "x.db", actor="t")
    assert e.value.key == "db_folder_missing"
    assert not (tmp_path / "no").exists()


def other_planner(db_path: Path, code: str) -> str:
    """Run `code` with `s`, a Store of another planner's program (another process)."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys\nfrom tracker.store import Store\n"
         f"with Store(sys.argv[1], actor='other') as s:\n    {code}", str(db_path)],
        capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def test_a_second_store_in_a_process_keeps_the_firsts_commits(db_path: Path) -> None:
    """The app keeps a Store open and opens one more for each slow job. Opening the second
    must not drop the first one's hold on the file: another planner's program closing its
    connection would take the file for unused and delete its -wal, and the first Store's
    later commits would go to the deleted -wal, lost to everyone else."""
    Store(db_path, actor="seed").close()
    first = Store(db_path, actor="tester")
    try:
        first.indicator("culture-sport-venue-area")  # a read: the file is held
        Store(db_path, actor="job").close()
        other_planner(db_path, "s.update_indicator('culture-sport-venue-area', "
                               "{'target_value': 14.0, 'target_year': 2025})")
        first.update_indicator("industry-grain-capacity", {"target_value": 70.0, "target_year": 2025})
        seen = other_planner(db_path, "print(s.indicator('industry-grain-capacity').target_value, "
                                      "s.indicator('culture-sport-venue-area').target_value)")
    finally:
        first.close()
    assert seen == "70.0 14.0"


def test_not_sqlite_file_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(TrackerError) as e:
        Store(path, actor="t")
    assert e.value.key == "db_not_sqlite"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_the_written_out_table_list_is_what_the_migrations_make() -> None:
    assert tables_made_by_migrations() == TRACKER_TABLES


def test_foreign_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    raw(path, "CREATE TABLE things (x)")
    before = path.read_bytes()
    with pytest.raises(TrackerError) as e:
        Store(path, actor="t")
    assert e.value.key == "db_foreign"
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only files")
def test_read_only_file(db_path: Path) -> None:
    Store(db_path, actor="t").close()
    db_path.chmod(0o400)
    with pytest.raises(TrackerError) as e:
        Store(db_path, actor="t")
    assert e.value.key == "db_read_only"


def test_read_only_file_even_as_root(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(db_path, actor="t").close()
    # root ignores mode bits, so ask the same question the OS would for anyone else
    monkeypatch.setattr(os, "access", lambda p, mode: not (mode & os.W_OK))
    with pytest.raises(TrackerError) as e:
        Store(db_path, actor="t")
    assert e.value.key == "db_read_only"


def test_newer_schema_is_refused(db_path: Path) -> None:
    Store(db_path, actor="t").close()
    raw_con = sqlite3.connect(db_path)
    raw_con.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('tracker', 'm999_future', 'later')"
    )
    raw_con.commit()
    raw_con.close()
    with pytest.raises(TrackerError) as e:
        Store(db_path, actor="t")
    assert e.value.key == "db_newer"


def test_integrity_ok(store: Store) -> None:
    assert store.integrity_problems() == []


def test_search_matches_names_and_sentences(store: Store) -> None:
    ids = [a.id for a in store.achievements(search="绣娘")]
    assert "embroidery-professional-embroiderers" in ids
    assert all("绣娘" in (a.title_zh + a.source_quote) for a in store.achievements(search="绣娘"))
    assert {a.id for a in store.achievements(search="school")} >= {"edu-new-school-places"}
    # LIKE wildcards typed by a planner are taken literally
    assert all("%" in a.source_quote + a.title_zh + a.title_en
               for a in store.achievements(search="%"))
    assert store.achievements(search="5_") == []
    assert store.achievements(theme="education", search="school")


def test_a_full_disk_saves_nothing_half(store: Store, db_path: Path) -> None:
    # SQLite's page limit stands in for a full disk: same error, same code path
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(TrackerError) as e:
        for i in range(10_000):
            store.add_measurement(Measurement(indicator="openness-road-length", year=2021,
                                              value=i, note="x" * 2000))
    assert e.value.key == "disk_full"
    assert "磁盘已满" in e.value.text("zh")
    kept = raw(db_path, "SELECT count(*) FROM measurements")[0][0]
    audited = raw(db_path, "SELECT count(*) FROM audit WHERE action = 'measure'")[0][0]
    assert kept == audited  # each value with its audit entry, or neither
    assert store.integrity_problems() == []
