"""A wrong value is taken back, never deleted: voided with who, when and why, or revised
(voided, and the right value recorded for the same year). The store, checked on the
database file afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import raw
from tracker import snapshot as snap
from tracker.errors import Conflict, NotFound, TrackerError
from tracker.models import Measurement
from tracker.store import Store

URBAN = "openness-urbanisation-rate"  # baseline 73.23 % (2020)
ROADS = "openness-road-length"


@pytest.fixture
def planned(store: Store) -> Store:
    """Urbanisation aimed at 78 % in 2025, with 75 (2022) and a mistyped 2023 value."""
    store.update_indicator(URBAN, {"target_value": 78, "target_year": 2025})
    store.add_measurement(Measurement(indicator=URBAN, year=2022, value=75))
    store.add_measurement(Measurement(indicator=URBAN, year=2023, value=0.0076,
                                      source="统计公报"))
    return store


def state(db_path: Path, indicator: str = URBAN) -> tuple:
    """The cached latest value and verdict, as stored."""
    return raw(db_path, "SELECT latest_year, latest_value, latest_quality, schedule_verdict,"
                        " value_count FROM indicator_status WHERE indicator = ?",
               (indicator,))[0]


def everything(db_path: Path) -> list[list[tuple]]:
    """The rows a refused change must leave as they were."""
    return [raw(db_path, f"SELECT * FROM {t} ORDER BY rowid")
            for t in ("measurements", "audit", "indicator_status")]




def test_a_voided_value_stays_in_the_history_and_no_longer_counts(
        planned: Store, db_path: Path) -> None:
    assert state(db_path)[:2] == (2023, 0.0076)
    voided = planned.void_value(URBAN, 2, "  多输了一个小数点  ")
    assert voided.void is not None and voided.void.reason == "多输了一个小数点"
    # still there, with who, when and why
    [(at, by, why)] = raw(db_path, "SELECT voided_at, voided_by, void_reason FROM measurements"
                                   " WHERE id = 2")
    assert at and by == "tester" and why == "多输了一个小数点"
    assert raw(db_path, "SELECT count(*) FROM measurements") == [(2,)]
    # the verdicts read again at once, without it
    assert state(db_path) == (2022, 75.0, "final", "on_schedule", 1)
    assert [m.id for m in planned.measurements(URBAN)] == [1]
    history = planned.value_history(URBAN)
    assert [(r.value.id, r.void is not None) for r in history] == [(1, False), (2, True)]
    assert planned.count_values() == 1
    # the log says who voided which value, and why
    last = planned.audit(entity="indicator", entity_id=URBAN, limit=1)[0]
    assert (last.action, last.actor) == ("void", "tester")
    assert last.old == {"value_id": 2, "year": 2023, "value": 0.0076, "quality": "final"}
    assert last.new == {"reason": "多输了一个小数点"}


def test_a_revision_voids_and_records_in_one_step(planned: Store, db_path: Path) -> None:
    old, new = planned.revise_value(URBAN, 2, 76.0, "统计局修订")
    assert old.void is not None and old.value.id == 2
    assert (new.year, new.value, new.quality, new.source) == (2023, 76.0, "revised", "统计公报")
    rows = raw(db_path, "SELECT id, year, value, quality, voided_at IS NOT NULL, void_reason"
                        " FROM measurements ORDER BY id")
    assert rows == [(1, 2022, 75.0, "final", 0, None), (2, 2023, 0.0076, "final", 1, "统计局修订"),
                    (3, 2023, 76.0, "revised", 0, None)]
    assert state(db_path)[:3] == (2023, 76.0, "revised")
    # one entry for the revision, the new value listed under it as an import's are
    entries = planned.audit(entity="indicator", entity_id=URBAN, limit=2)
    assert [(e.action, e.value_id) for e in entries] == [("revise", None), ("measure", 3)]
    assert entries[0].old == {"value_id": 2, "year": 2023, "value": 0.0076, "quality": "final"}
    assert entries[0].new == {"value_id": 3, "year": 2023, "value": 76.0,
                              "quality": "revised", "reason": "统计局修订"}


@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda s: s.void_value(URBAN, 99, "x"), NotFound, "no value #99"),
    (lambda s: s.void_value(ROADS, 2, "x"), NotFound, f"a value of {URBAN}, not of {ROADS}"),
    (lambda s: s.void_value(URBAN, 2, "   "), TrackerError, "a reason is required"),
    (lambda s: s.void_value(URBAN, 2, ""), TrackerError, "a reason is required"),
    (lambda s: s.void_value(URBAN, 2, "x" * 501), TrackerError, "reason"),
    (lambda s: s.void_value(URBAN, 2, "a\x1bb"), TrackerError, "reason"),
    (lambda s: s.void_value("nope", 2, "x"), NotFound, "no indicator"),
    (lambda s: s.revise_value(URBAN, 2, float("nan"), "x"), TrackerError, "value"),
    (lambda s: s.revise_value(URBAN, 99, 76.0, "x"), NotFound, "no value #99"),
    (lambda s: s.revise_value(URBAN, 2, 76.0, " "), TrackerError, "a reason is required"),
])
def test_refusals_write_nothing(planned: Store, db_path: Path, call, error, words) -> None:
    before = everything(db_path)
    with pytest.raises(error) as e:
        call(planned)
    assert words in e.value.text("en")
    assert everything(db_path) == before


def test_a_value_is_voided_once(planned: Store, db_path: Path) -> None:
    planned.void_value(URBAN, 2, "typo")
    before = everything(db_path)
    with Store(db_path, actor="other") as other:
        for call in (lambda: other.void_value(URBAN, 2, "again"),
                     lambda: other.revise_value(URBAN, 2, 76.0, "again")):
            with pytest.raises(Conflict) as e:
                call()
            assert "already voided by tester" in e.value.text("en")
            assert "已由 tester" in e.value.text("zh") and "typo" in e.value.text("zh")
    assert everything(db_path) == before


def test_a_retired_indicators_values_stay_as_they_are(planned: Store, db_path: Path) -> None:
    planned.retire_indicator(URBAN)
    before = everything(db_path)
    for call in (lambda: planned.void_value(URBAN, 2, "x"),
                 lambda: planned.revise_value(URBAN, 2, 76.0, "x")):
        with pytest.raises(TrackerError) as e:
            call()
        assert "retired" in e.value.text("en")
    assert everything(db_path) == before


def test_snapshots_and_exports_hold_the_values_in_force(planned: Store, tmp_path: Path) -> None:
    planned.void_value(URBAN, 2, "typo")
    info = snap.take_snapshot(planned, "after the void")
    _, content = planned.snapshot(info.id)
    assert [m.id for m in content.measurements] == [1]
    st = next(s for s in content.indicators if s.indicator.id == URBAN)
    assert (st.latest.year, st.latest.value) == (2022, 75.0)
    # the hash is the one the same state would give read whole
    assert info.content_hash == snap.content_hash(snap.current_state(planned, "after the void"))
    out = snap.export_state(planned, "json", tmp_path / "plan.json", "en", "now")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [m["id"] for m in data["measurements"]] == [1]
    assert planned.values_since(info.id) == []


def test_a_reimport_does_not_bring_a_voided_value_back(planned: Store, tmp_path: Path) -> None:
    from tracker import importer

    before = snap.export_state(planned, "json", tmp_path / "before.json", "en", "before")
    planned.revise_value(URBAN, 2, 76.0, "typo")
    plan = importer.plan_import(planned, importer.read_import(before))
    assert plan.measurements == []
