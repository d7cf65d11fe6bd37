"""Editing an indicator in the store: names, department, kind and unit under the version
check, figures carried over by an exact 万/亿 scale, retire and bring back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import raw
from tracker.errors import Conflict, NotFound, TrackerError
from tracker.models import Indicator, Measurement
from tracker.store import Store

GDP = "industry-test-output"


def add_output(store: Store, **extra: object) -> Indicator:
    fields: dict = {
        "id": GDP, "district": "industry", "name_zh": "测试产值", "name_en": "Test output",
        "unit": "亿元", "baseline_value": 1.62, "baseline_year": 2020,
        "target_value": 2.5, "target_year": 2025, **extra}
    return store.add_indicator(Indicator(**fields))


def snapshot_of(db_path: Path) -> list[tuple]:
    """Everything an edit could touch, read from the file."""
    return (raw(db_path, "SELECT * FROM indicators WHERE id = ?", (GDP,))
            + raw(db_path, "SELECT id, value FROM measurements WHERE indicator = ? ORDER BY id",
                  (GDP,))
            + raw(db_path, "SELECT year, value FROM annual_targets WHERE indicator = ?", (GDP,))
            + raw(db_path, "SELECT count(*) FROM audit"))


def test_names_notes_and_kind_are_saved_with_an_audit_entry(store: Store, db_path: Path
                                                             ) -> None:
    ind = add_output(store)
    new = store.edit_indicator(GDP, {"name_zh": "规上工业产值", "name_en": "Industrial output",
                                     "notes": "按现价", "attribute": "binding"},
                               expected_version=ind.version)
    assert new.version == ind.version + 1
    assert raw(db_path, "SELECT name_zh, name_en, notes, attribute FROM indicators WHERE id = ?",
               (GDP,)) == [("规上工业产值", "Industrial output", "按现价", "binding")]
    last = store.audit(entity="indicator", entity_id=GDP, limit=1)[0]
    assert last.action == "update"
    assert last.old == {"name_zh": "测试产值", "name_en": "Test output", "notes": "",
                        "attribute": "expected"}
    assert last.new["name_zh"] == "规上工业产值"


def test_a_department_on_the_list_is_taken_and_an_unknown_one_refused(store: Store,
                                                                      db_path: Path) -> None:
    add_output(store)
    store.add_department("工信局", "Industry Bureau")
    assert store.edit_indicator(GDP, {"department": "工信局"}).department == "工信局"
    before = snapshot_of(db_path)
    with pytest.raises(NotFound):
        store.edit_indicator(GDP, {"department": "不存在的局"})
    assert snapshot_of(db_path) == before
    assert store.edit_indicator(GDP, {"department": ""}).department == ""


@pytest.mark.parametrize("changes", [
    {"name_zh": "   "},
    {"name_en": ""},
    {"name_zh": "产值\x1b[2J"},
    {"notes": "a\tb"},
    {"target_type": "maintain"},  # a maintain target needs direction maintain
])
def test_bad_edits_are_refused_and_nothing_is_written(store: Store, db_path: Path,
                                                      changes: dict) -> None:
    add_output(store)
    before = snapshot_of(db_path)
    with pytest.raises(TrackerError):
        store.edit_indicator(GDP, changes)
    assert snapshot_of(db_path) == before


def test_someone_elses_save_first_is_a_conflict(store: Store, db_path: Path) -> None:
    ind = add_output(store)
    store.edit_indicator(GDP, {"notes": "first"}, expected_version=ind.version)
    before = snapshot_of(db_path)
    with pytest.raises(Conflict):
        store.edit_indicator(GDP, {"unit": "万元"}, expected_version=ind.version)
    assert snapshot_of(db_path) == before


def test_a_retired_indicator_is_not_edited_until_brought_back(store: Store,
                                                              db_path: Path) -> None:
    add_output(store)
    store.retire_active_indicator(GDP)
    before = snapshot_of(db_path)
    with pytest.raises(TrackerError) as e:
        store.edit_indicator(GDP, {"name_en": "Output"})
    assert "retired" in e.value.text("en") and "已停用" in e.value.text("zh")
    with pytest.raises(TrackerError):
        store.retire_active_indicator(GDP)
    assert snapshot_of(db_path) == before
    back = store.restore_indicator(GDP)
    assert not back.retired
    assert GDP in {i.id for i in store.indicators("industry")}
    assert raw(db_path, "SELECT retired FROM indicators WHERE id = ?", (GDP,)) == [(0,)]
    with pytest.raises(TrackerError):
        store.restore_indicator(GDP)
    assert store.edit_indicator(GDP, {"name_en": "Output"}).name_en == "Output"


def test_a_unit_change_by_an_exact_scale_carries_every_figure_over(store: Store,
                                                                   db_path: Path) -> None:
    add_output(store)
    store.add_measurement(Measurement(indicator=GDP, year=2021, value=1.8))
    store.add_measurement(Measurement(indicator=GDP, year=2022, value=2.05))
    store.set_annual_target(GDP, 2023, 2.2)
    verdict_before = store.indicator_states("industry")
    plan = store.unit_plan(GDP, "万元")
    assert (plan.baseline, plan.target, plan.values, plan.annual) == (True, True, 2, 1)
    assert plan.converts and not plan.refused

    new = store.edit_indicator(GDP, {"unit": "万元"})
    assert (new.unit, new.baseline_value, new.target_value) == ("万元", 16200.0, 25000.0)
    assert raw(db_path, "SELECT year, value FROM measurements WHERE indicator = ? ORDER BY year",
               (GDP,)) == [(2021, 18000.0), (2022, 20500.0)]
    assert raw(db_path, "SELECT year, value FROM annual_targets WHERE indicator = ?",
               (GDP,)) == [(2023, 22000.0)]
    # the same figures in another unit: the same verdicts
    after = {s.indicator.id: s for s in store.indicator_states("industry")}[GDP]
    before = {s.indicator.id: s for s in verdict_before}[GDP]
    assert (after.schedule_verdict, after.growth_verdict) == (before.schedule_verdict,
                                                              before.growth_verdict)
    assert after.progress_share == pytest.approx(before.progress_share)
    entries = store.audit(entity="indicator", entity_id=GDP, limit=2)
    assert [e.action for e in entries] == ["convert_unit", "update"]
    assert entries[0].new == {"unit": "万元", "scale": "×10000", "values": 2,
                              "annual_targets": 1}
    assert entries[0].old == {"unit": "亿元"}
    assert entries[1].old["unit"] == "亿元" and entries[1].new["baseline_value"] == 16200.0

    # and back again: the figures as they were typed
    store.edit_indicator(GDP, {"unit": "亿元"})
    assert raw(db_path, "SELECT value FROM measurements WHERE indicator = ? ORDER BY year",
               (GDP,)) == [(1.8,), (2.05,)]
    assert store.indicator(GDP).baseline_value == 1.62


def test_a_unit_change_that_is_no_scale_is_refused_when_figures_exist(store: Store,
                                                                      db_path: Path) -> None:
    add_output(store)
    store.add_measurement(Measurement(indicator=GDP, year=2021, value=1.8))
    before = snapshot_of(db_path)
    plan = store.unit_plan(GDP, "万人")
    assert plan.refused and plan.count == 3
    with pytest.raises(TrackerError) as e:
        store.edit_indicator(GDP, {"unit": "万人"})
    assert "3" in e.value.text("zh") and "万/亿" in e.value.text("en")
    assert snapshot_of(db_path) == before


def test_a_unit_without_figures_changes_freely(store: Store) -> None:
    store.add_indicator(Indicator(id="industry-new-one", district="industry",
                                  name_zh="新指标", name_en="New one", unit="个"))
    assert store.unit_plan("industry-new-one", "家").count == 0
    assert store.edit_indicator("industry-new-one", {"unit": "家"}).unit == "家"
    # only the update: no values were converted
    assert [e.action for e in store.audit(entity="indicator",
                                          entity_id="industry-new-one", limit=1)] == ["update"]


def test_a_growth_rate_target_is_in_percent_and_stays(store: Store) -> None:
    store.add_indicator(Indicator(
        id="industry-growth", district="industry", name_zh="增速", name_en="Growth",
        unit="亿元", target_type="growth_rate", baseline_value=100, baseline_year=2020,
        target_value=7, target_year=2025, values_as="rate"))
    store.add_measurement(Measurement(indicator="industry-growth", year=2021, value=6.5))
    plan = store.unit_plan("industry-growth", "万元")
    assert (plan.baseline, plan.target, plan.values) == (True, False, 0)
    new = store.edit_indicator("industry-growth", {"unit": "万元"})
    assert (new.baseline_value, new.target_value) == (1_000_000, 7)
    assert store.measurements("industry-growth")[0].value == 6.5
