"""Exports carry every kind of plan-table row: where each indicator is heading, its latest
yearly target, a suspect baseline and why there is no verdict (csv/xlsx columns with
headers in the export's language), every yearly target (json), a note for each suspect
baseline (md); and a file exported still imports back with nothing to change."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from tracker import snapshot
from tracker.importer import apply_import, plan_import
from tracker.importer.files import read_import
from tracker.models import Indicator, Measurement
from tracker.store import Store

TOURISM = "culture-tourism-revenue-growth"  # 年均增长, entered as the level here
JOBS = "wellbeing-new-urban-jobs"  # a five-year total whose baseline (97万) is flagged
ENERGY = "ecology-energy-intensity"


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "plan.db", actor="tester") as s:
        s.update_indicator(TOURISM, {"target_type": "growth_rate", "target_value": 7,
                                     "target_year": 2025, "baseline_value": 100,
                                     "baseline_year": 2020, "values_as": "level"})
        s.add_measurement(Measurement(indicator=TOURISM, year=2021, value=105))
        s.add_measurement(Measurement(indicator=TOURISM, year=2022, value=111))
        s.set_annual_target(TOURISM, 2022, 110)
        s.set_annual_target(TOURISM, 2023, 118)
        s.update_indicator(JOBS, {"target_value": 5, "target_year": 2025})
        # the plan's years after its base year (2021, the year the 97万 record supports)
        s.add_measurement(Measurement(indicator=JOBS, year=2022, value=0.9))
        s.add_measurement(Measurement(indicator=JOBS, year=2023, value=1.1))
        s.add_indicator(Indicator(id=ENERGY, district="ecology", name_zh="单位GDP能耗",
                                  name_en="Energy use per unit of GDP", unit="吨标煤/万元",
                                  attribute="binding", target_type="reduction",
                                  baseline_value=0.8, baseline_year=2020, target_value=13.5,
                                  target_year=2025))
        s.add_measurement(Measurement(indicator=ENERGY, year=2022, value=0.75))
        yield s


def export(store: Store, tmp_path: Path, fmt: str, lang: str) -> Path:
    return snapshot.export_state(store, fmt, tmp_path / f"out-{lang}.{fmt}", lang, "now")


def csv_rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


def test_csv_columns_in_chinese(store: Store, tmp_path: Path) -> None:
    rows = csv_rows(export(store, tmp_path, "csv", "zh"))
    tourism, jobs = rows[TOURISM], rows[JOBS]
    assert tourism["年度目标年份"] == "2022" and tourism["年度目标"] == "110"
    assert tourism["年度目标完成情况"] == "已完成"
    assert tourism["按目前增速达标年份"] == "2027"
    assert abs(float(tourism["剩余年份需年均增速"]) - 0.0811) < 1e-3
    assert abs(float(tourism["按目前增速预计目标年达到"]) - 129.81) < 1e-2
    # 3 万人 still to come in the 2 years left
    assert jobs["累计完成"] == "2" and jobs["剩余年份需年均完成"] == "1.5"
    assert jobs["剩余年份需年均增速"] == ""
    assert "相当于常住人口的137%" in jobs["基期存疑"]
    assert tourism["基期存疑"] == ""
    assert rows["ecology-forest-coverage"]["无评价原因"] == "尚未设定目标"
    assert rows[ENERGY]["剩余年份需年均增速"].startswith("-0.02")


def test_csv_columns_in_english(store: Store, tmp_path: Path) -> None:
    rows = csv_rows(export(store, tmp_path, "csv", "en"))
    assert rows[TOURISM]["Yearly target met"] == "met"
    assert rows[JOBS]["Total so far"] == "2"
    assert "137% of the resident population" in rows[JOBS]["Baseline in doubt"]
    assert rows["ecology-forest-coverage"]["Why no verdict"] == "no target"


def test_xlsx_columns_keep_numbers_as_numbers(store: Store, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(export(store, tmp_path, "xlsx", "zh"))
    sheet = wb["文化新区"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == TOURISM)
    cells = dict(zip(header, row, strict=True))
    rate = cells["剩余年份需年均增速"]
    assert isinstance(rate.value, float) and rate.number_format == "0.0%"
    assert cells["年度目标"].value == 110 and cells["年度目标完成情况"].value == "已完成"
    assert cells["按目前增速达标年份"].value == 2027


def test_json_carries_every_yearly_target(store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path, "json", "zh")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["annual_targets"] == {TOURISM: {"2022": 110.0, "2023": 118.0}}
    state = next(i for i in data["indicators"] if i["indicator"]["id"] == TOURISM)
    assert state["annual"] == {"year": 2022, "target": 110.0, "value": 111.0, "met": True}
    assert state["projected_year"] == 2027
    # the file still imports: nothing to change
    plan = plan_import(store, read_import(path))
    assert plan.empty
    apply_import(store, plan)


def test_tables_import_back_unchanged(store: Store, tmp_path: Path) -> None:
    for fmt in ("csv", "xlsx"):
        plan = plan_import(store, read_import(export(store, tmp_path, fmt, "zh")))
        assert plan.empty, fmt


def test_markdown_notes_each_suspect_baseline(store: Store, tmp_path: Path) -> None:
    text = export(store, tmp_path, "md", "zh").read_text(encoding="utf-8")
    assert "- ! 城镇新增就业（五年累计）：基期存疑：相当于常住人口的137%" in text
    english = export(store, tmp_path, "md", "en").read_text(encoding="utf-8")
    assert "- ! New urban jobs (five-year total): baseline in doubt: " in english
