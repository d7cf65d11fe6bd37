"""The review year and the departments: verdicts read at the year whose values are due,
the years each indicator still owes, and the departments that owe them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import raw
from tracker import progress
from tracker.errors import TrackerError
from tracker.models import Indicator, Measurement
from tracker.store import Store

FOREST = Indicator(id="forest-cover", district="ecology", name_zh="森林覆盖率",
                   name_en="Forest cover", unit="%", attribute="binding",
                   baseline_value=62.1, baseline_year=2020, target_value=65.0,
                   target_year=2025, department="市林业局")


def _plan(store) -> None:
    store.add_indicator(FOREST)
    for year, value in ((2021, 62.6), (2023, 64.0)):
        store.add_measurement(Measurement(indicator="forest-cover", year=year, value=value))


def _forest(run, db: Path, *args: str) -> dict:
    r = run("status", "--format", "json", "--db", str(db), *args)
    assert r.exit_code == 0, r.output
    return next(s for s in json.loads(r.output) if s["id"] == "forest-cover")


def test_time_share_at_the_review_year_progress_at_the_latest_value_up_to_it() -> None:
    plan = progress.plan_for(FOREST)
    pts = [progress.Point(year=2021, value=62.6), progress.Point(year=2023, value=64.0)]
    a = progress.assess_all(plan, pts, 0.05, review_year=2022)
    assert a.schedule.latest == pts[0]  # 2023 is not yet due
    assert a.schedule.time_share == pytest.approx(2 / 5)
    assert a.schedule.progress_share == pytest.approx(0.5 / 2.9)
    assert a.schedule.verdict == "lagging"
    # unset: read as today, time at the latest value
    today = progress.assess_all(plan, pts, 0.05)
    assert today.schedule.time_share == pytest.approx(3 / 5)
    assert progress.overdue_years(plan, {2021, 2023}, 2024) == [2022, 2024]
    assert progress.overdue_years(plan, {2021}, None) == []
    # no later than the target year
    assert progress.overdue_years(plan, set(range(2021, 2025)), 2030) == [2025]


def test_review_year_set_and_cleared_recomputes_the_cache(run, store, db_path: Path) -> None:
    _plan(store)
    store.close()
    before = _forest(run, db_path)
    assert before["overdue"] == [] and before["latest"]["year"] == 2023
    r = run("settings", "--review-year", "2022", "--db", str(db_path))
    assert r.exit_code == 0 and "2022" in r.output
    assert raw(db_path, "SELECT value FROM meta WHERE key = 'review_year'") == [("2022",)]
    st = _forest(run, db_path)
    assert st["latest"] == {"value": 62.6, "year": 2021}
    assert st["time_share"] == pytest.approx(0.4)
    assert st["overdue"] == [2022]
    assert raw(db_path, "SELECT overdue FROM indicator_status WHERE indicator = 'forest-cover'"
               ) == [("[2022]",)]
    text = run("status", "--district", "ecology", "--db", str(db_path)).output
    assert "逾期未报 2" in text and "逾期未报：forest-cover 森林覆盖率 — 2022（市林业局）" in text
    # in English the department reads by its English name, both when the cached
    # verdicts are streamed and when they are worked out afresh; json keeps the key
    for args in ((), ("--as-of", "2022")):
        text = run("status", "--district", "ecology", "--lang", "en", "--db", str(db_path),
                   *args).output
        assert "forest-cover Forest cover — 2022 (City Forestry Bureau)" in text
    assert _forest(run, db_path, "--lang", "en")["department"] == "市林业局"
    # a value reported for the year owed clears it, without a full re-read
    assert run("measure", "add", "forest-cover", "--year", "2022", "--value", "63",
               "--db", str(db_path)).exit_code == 0
    assert _forest(run, db_path)["overdue"] == []
    # --as-of reads another year without changing the setting
    assert _forest(run, db_path, "--as-of", "2025")["overdue"] == [2024, 2025]
    assert raw(db_path, "SELECT value FROM meta WHERE key = 'review_year'") == [("2022",)]
    r = run("settings", "--clear-review-year", "--db", str(db_path), "--lang", "en")
    assert r.exit_code == 0 and "not set" in r.output
    assert raw(db_path, "SELECT value FROM meta WHERE key = 'review_year'") == []
    st = _forest(run, db_path)
    assert st["overdue"] == [] and st["latest"]["year"] == 2023
    assert raw(db_path, "SELECT count(*) FROM audit WHERE entity_id = 'review_year'"
               ) == [(2,)]


def test_a_review_year_before_the_baseline_years_is_refused(run, store, db_path: Path
                                                             ) -> None:
    _plan(store)
    store.close()
    audit = raw(db_path, "SELECT count(*) FROM audit")
    for args in (("settings", "--review-year", "2010"), ("status", "--as-of", "2010")):
        r = run(*args, "--db", str(db_path))
        assert r.exit_code == 1
        assert r.output.strip().count("\n") == 0 and "早于规划的基期年份" in r.output
    assert raw(db_path, "SELECT value FROM meta WHERE key = 'review_year'") == []
    assert raw(db_path, "SELECT count(*) FROM audit") == audit
    with Store(db_path, actor="t") as s, pytest.raises(TrackerError):
        s.set_review_year(2010)


def test_departments_seeded_listed_added_and_filtered(run, store, db_path: Path) -> None:
    _plan(store)
    store.set_review_year(2022)
    names = [d.name_zh for d in store.departments()]
    assert "市林业局" in names and len(names) == len(set(names))
    store.close()
    r = run("departments", "--format", "json", "--db", str(db_path))
    forest = next(d for d in json.loads(r.output) if d["name_zh"] == "市林业局")
    # the seed's forest indicator and the one added here, one of them owing 2022
    assert forest["indicators"] == 2 and forest["overdue"] >= 1
    for bad in ("", "   "):
        r = run("departments", "add", "--name-zh", bad, "--name-en", "X", "--db", str(db_path))
        assert r.exit_code == 1 and r.output.count("\n") == 1
    r = run("departments", "add", "--name-zh", " 市审计局 ", "--name-en", "Audit Bureau",
            "--contact", "0855-8221234", "--db", str(db_path))
    assert r.exit_code == 0, r.output
    assert raw(db_path, "SELECT name_en, contact FROM departments WHERE name_zh = '市审计局'"
               ) == [("Audit Bureau", "0855-8221234")]
    r = run("departments", "add", "--name-zh", "市审计局", "--name-en", "S", "--db", str(db_path))
    assert r.exit_code == 1 and "已存在" in r.output
    r = run("status", "--department", "市林业局", "--format", "json", "--db", str(db_path))
    assert {s["department"] for s in json.loads(r.output)} == {"市林业局"}
    r = run("status", "--department", "audit bureau", "--db", str(db_path))
    assert r.exit_code == 0
    r = run("status", "--department", "nobody", "--db", str(db_path))
    assert r.exit_code == 1 and "没有责任单位" in r.output


def test_a_new_indicators_department_joins_the_list(store) -> None:
    store.add_indicator(FOREST.model_copy(update={"id": "x1", "department": "市新部门"}))
    assert "市新部门" in [d.name_zh for d in store.departments()]
