"""A plan table of new indicators is written a chunk at a time: the database it leaves is
the one the indicator-at-a-time import left (rows, positions, departments, audit)."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import raw
from tracker.errors import TrackerError
from tracker.formats.plan_table import COLUMNS
from tracker.importer import apply_import, plan_import, read_import
from tracker.models import Indicator
from tracker.store import Store

EXPECTED = Path(__file__).parent.parent / "fixtures" / "import_plan_table.json"
DISTRICTS = ("industry", "culture", "ecology", "openness", "wellbeing")


def plan_table(path: Path, n: int = 40) -> Path:
    """n new indicators in the export's own columns (Chinese headers), of several kinds and
    departments, with a latest value on most; and one stored indicator's new target."""
    header = [c.zh for c in COLUMNS]
    keys = [c.key for c in COLUMNS]
    rows = []
    for i in range(n):
        decrease = i % 7 == 0
        base = 10.0 + i * 3.5
        row = {
            "id": f"new-{i:03d}", "name": f"新指标{i:03d}", "unit": "%" if i % 3 else "万元",
            "baseline_value": base, "baseline_year": 2020,
            "target_value": round(base * (0.8 if decrease else 1.3), 2), "target_year": 2025,
            "latest_value": None if i % 5 == 4 else round(base * 1.1, 2),
            "latest_year": None if i % 5 == 4 else 2023,
            "attribute": "约束性" if i % 4 == 0 else "预期性",
            "department": ("市统计局", "市新部门甲", "市新部门乙")[i % 3],
            "district": DISTRICTS[i % 5], "direction": "decrease" if decrease else "increase",
            "target_type": "level", "name_zh": f"新指标{i:03d}", "name_en": f"New indicator {i}",
            "quality": "provisional" if i % 2 else "final",
        }
        rows.append(["" if row.get(k) is None else row.get(k, "") for k in keys])
    rows.append(["openness-urbanisation-rate", "", "%", "", "", 80, 2025] + [""] * (len(keys) - 7))
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def database_rows(db: Path, folder: Path) -> dict[str, list]:
    """What an import leaves, without the clock's stamps or the temporary folder's name."""
    con = sqlite3.connect(db)
    try:
        def rows(sql: str) -> list:
            return [[str(v).replace(str(folder), "<tmp>") if isinstance(v, str) else v
                     for v in r] for r in con.execute(sql)]

        return {
            "indicators": rows("SELECT * FROM indicators ORDER BY id"),
            "departments": rows("SELECT * FROM departments ORDER BY name_zh"),
            "measurements": rows(
                "SELECT indicator, year, value, source, quality, note, actor, logged_by"
                " FROM measurements ORDER BY id"),
            "audit": rows("SELECT actor, action, entity, entity_id, old, new FROM audit"
                          " ORDER BY id"),
        }
    finally:
        con.close()


def imported(folder: Path) -> dict[str, list]:
    """What the import changed: the rows it added or rewrote, and those it took away. The
    starter plan's own rows are left out, so reshaping data/plan.toml leaves this alone;
    positions count from the last one before the import."""
    db = folder / "plan.db"
    with Store(db, actor="tester") as s:
        before = database_rows(db, folder)
        last = raw(db, "SELECT max(position) FROM indicators")[0][0]
        apply_import(s, plan_import(s, read_import(plan_table(folder / "plan.csv"))))
    after = database_rows(db, folder)
    at = [c[1] for c in raw(db, "PRAGMA table_info(indicators)")].index("position")

    def placed(table: str, row: list) -> list:
        if table == "indicators" and row not in before[table]:
            row = [*row[:at], row[at] - last, *row[at + 1:]]
        return row

    return {table: {"added": [placed(table, r) for r in rows if r not in before[table]],
                    "removed": [r for r in before[table] if r not in rows]}
            for table, rows in after.items()}


def test_import_writes_the_database_it_always_wrote(tmp_path: Path) -> None:
    # the expected rows were written by the import as it was before it wrote in chunks
    got = imported(tmp_path)
    assert got == json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert len(got["indicators"]["added"]) == 41  # 40 new, and one with its new target
    assert got["indicators"]["removed"][0][0] == "openness-urbanisation-rate"


def test_one_taken_id_in_a_batch_writes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "plan.db", actor="tester") as s:
        before = database_rows(tmp_path / "plan.db", tmp_path)
        new = [Indicator(id=f"n-{i}", district="ecology", name_zh=f"新{i}", name_en=f"N {i}",
                         department="市某新局") for i in range(3)]
        taken = Indicator(id="openness-urbanisation-rate", district="ecology", name_zh="重",
                          name_en="Again")
        with pytest.raises(TrackerError) as e:
            s.add_indicators([*new, taken])
        assert e.value.key == "indicator_exists"
        with pytest.raises(TrackerError) as e:
            s.add_indicators([*new, new[0]])
        assert e.value.key == "indicator_exists"
        with pytest.raises(TrackerError) as e:
            s.add_indicators([*new, new[0].model_copy(update={"id": "x", "district": "moon"})])
        assert e.value.key == "no_district"
    assert database_rows(tmp_path / "plan.db", tmp_path) == before


def test_a_batch_goes_at_the_end_of_the_plan_in_order(tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    with Store(db, actor="tester") as s:
        last = raw(db, "SELECT max(position) FROM indicators")[0][0]
        s.add_indicators([Indicator(id=f"n-{i}", district=DISTRICTS[i % 5], name_zh=f"新{i}",
                                    name_en=f"N {i}") for i in range(12_000)])
    positions = dict(raw(db, "SELECT id, position FROM indicators WHERE id LIKE 'n-%'"))
    assert [positions[f"n-{i}"] for i in range(12_000)] == list(range(last + 1, last + 12_001))
    # each judged, and each audited once
    assert raw(db, "SELECT count(*) FROM indicator_status WHERE indicator LIKE 'n-%'"
               " AND schedule_verdict IS NOT NULL") == [(12_000,)]
    assert raw(db, "SELECT count(*) FROM audit WHERE action = 'add'"
               " AND entity_id LIKE 'n-%'") == [(12_000,)]
