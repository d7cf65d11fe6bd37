"""A plan table that may change stored plans reads them a batch of rows at a time, not one
indicator per row: what it plans, the problems it finds and the database it leaves are
those of reading each plan as its row is checked."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

from tests.unit.test_import import write_csv
from tests.unit.test_import_batch import database_rows
from tracker.importer import ImportProblems, apply_import, plan_import, planning, read_import
from tracker.models import Indicator
from tracker.store import Store

# the read of one stored plan (as traced, its id written in), which a batch read replaces
ONE_PLAN = "SELECT * FROM indicators WHERE id = '"
HEADER = ["id", "district", "name_zh", "name_en", "unit", "direction", "attribute",
          "target_value", "target_year", "department", "band", "latest_value", "latest_year"]


@pytest.fixture
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with thirty plans of the planners' own beside the starter plan's."""
    path = tmp_path_factory.mktemp("seed") / "plan.db"
    with Store(path, actor="tester") as s:
        s.add_indicators([Indicator(
            id=f"p-{i:02d}", district="ecology", name_zh=f"指标{i:02d}", name_en=f"Plan {i}",
            unit="%", baseline_value=50.0, baseline_year=2020, target_value=60.0,
            target_year=2025, department="市统计局") for i in range(30)])
    return path


def changes(folder: Path) -> Path:
    """Rows that change targets, departments, attributes and bands of stored plans, rows
    that change nothing, a value, and a new indicator."""
    rows = [HEADER]
    for i in range(30):
        rows.append([
            f"p-{i:02d}", "", "", "", "", "", "expected" if i % 4 else "binding",
            60.0 + i % 3, 2025, "市新部门" if i % 6 == 0 else "市统计局",
            "" if i % 5 else 1.5, 55.0 if i % 2 else "", 2023 if i % 2 else ""])
    rows.append(["openness-urbanisation-rate", "", "", "", "", "", "", 80, 2025, "", "", "",
                 ""])
    rows.append(["p-new", "ecology", "新指标", "New plan", "万元", "increase", "expected",
                 10, 2025, "市新部门", "", 3, 2023])
    return write_csv(folder / "plan.csv", rows)


def imported(seeded: Path, folder: Path, file: Path | None = None,
             monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[object, int]:
    """Import `changes` (or `file`) into a copy of `seeded`: the plan (or the problems'
    text), and how many stored plans were read one at a time. Given `monkeypatch`, the
    planner reads each stored plan as its row is checked, none with its batch."""
    folder.mkdir()
    shutil.copy(seeded, folder / "plan.db")
    source = changes(folder) if file is None else shutil.copy(file, folder / file.name)
    reads: list[str] = []
    with Store(folder / "plan.db", actor="tester") as s:
        s.db.conn.set_trace_callback(reads.append)
        try:
            with monkeypatch.context() if monkeypatch else contextlib.nullcontext() as m:
                if m is not None:
                    m.setattr(Store, "indicators_by_id", lambda self, ids: {})
                plan = plan_import(s, read_import(source))
        except ImportProblems as e:
            plan = e.text("en")
        finally:
            s.db.conn.set_trace_callback(None)
        if isinstance(plan, str):
            return plan.replace(str(folder), "<tmp>"), _one_by_one(reads)
        apply_import(s, plan)
    plan.source = plan.source.replace(str(folder), "<tmp>")
    return plan, _one_by_one(reads)


def _one_by_one(reads: list[str]) -> int:
    return sum(r.startswith(ONE_PLAN) for r in reads)


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(planning, "_BATCH", 7)  # rows in several batches


def test_a_table_reads_its_stored_plans_a_batch_at_a_time(
        seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    batched, one_by_one = imported(seeded, tmp_path / "batched")
    batched_rows = database_rows(tmp_path / "batched" / "plan.db", tmp_path / "batched")
    single, one_by_one_then = imported(seeded, tmp_path / "single", monkeypatch=monkeypatch)
    single_rows = database_rows(tmp_path / "single" / "plan.db", tmp_path / "single")
    # 31 stored plans named: each read once, with its batch or on its own
    assert (one_by_one, one_by_one_then) == (0, 31)
    assert batched == single
    # four of the thirty change nothing; the starter plan's row its target
    assert len(batched.updates) == 27 and len(batched.new_indicators) == 1
    assert batched.previous["p-06"] == {"department": "市统计局"}
    assert batched.previous["p-04"] == {"attribute": "expected", "target_value": 60.0}
    assert "p-03" not in batched.previous
    assert batched_rows == single_rows
    rows = {r[0]: r for r in batched_rows["indicators"]}
    assert "市新部门" in rows["p-06"] and 61.0 in rows["p-01"]


def test_a_table_s_problems_are_the_same_read_either_way(
        seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = write_csv(tmp_path / "bad.csv", [
        ["id", "target_value", "target_year", "direction"],
        *[[f"p-{i:02d}", 70, 2025, ""] for i in range(10)],
        ["p-11", 70, 2019, ""],  # a target before the baseline
        ["p-12", 70, 2025, "maintain"],
        ["p-13", 70, 2018, ""],
    ])
    batched, _ = imported(seeded, tmp_path / "batched", bad)
    single, _ = imported(seeded, tmp_path / "single", bad, monkeypatch)
    assert batched == ("2 problems in <tmp>/bad.csv; nothing was imported\n"
                       "row 12, column target_year: the target year must be after the"
                       " baseline year\n"
                       "row 14, column target_year: the target year must be after the"
                       " baseline year")
    assert batched == single
    assert database_rows(tmp_path / "batched" / "plan.db", tmp_path / "batched") == \
        database_rows(seeded, seeded.parent)
