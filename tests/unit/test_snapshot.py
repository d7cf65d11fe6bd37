"""Snapshots: frozen in the database, hashed by content, compared by diff."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import raw
from tracker import snapshot as snap
from tracker.canonical import canonical
from tracker.errors import TrackerError
from tracker.models import (
    QUALITIES,
    HashedValue,
    Indicator,
    IndicatorState,
    Measurement,
    SnapshotContent,
)
from tracker.store import Store
from tracker.store.plan_pages import _STATE_MIDDLE, read_state_dict, read_state_text
from tracker.text_rules import CONTROL_CHAR


def names_of(states: list[IndicatorState]) -> dict[str, tuple[str, str]]:
    return {s.indicator.id: (s.indicator.name_zh, s.indicator.name_en) for s in states}


def take(store: Store, label: str):
    content = snap.current_state(store, label)
    return store.save_snapshot(content, snap.content_hash(content))


def test_snapshot_is_frozen_and_listed(store: Store) -> None:
    first = take(store, "before the meeting")
    store.update_indicator("openness-road-length", {"target_value": 2000.0, "target_year": 2025})
    info, content = store.snapshot(first.id)
    assert info.label == "before the meeting" and info.actor == "tester"
    road = next(s for s in content.indicators if s.indicator.id == "openness-road-length")
    assert road.indicator.target_value is None  # the later edit does not reach back
    assert [s.label for s in store.snapshots()] == ["before the meeting"]
    assert store.audit(entity="snapshot")[0].new["label"] == "before the meeting"


def test_snapshot_is_stored_as_text_that_reads_back_whole(store: Store) -> None:
    store.add_measurement(Measurement(indicator="openness-road-length", year=2021, value=1900.5,
                                      note="含“在建”路段"))
    content = snap.current_state(store, "中期评估")
    info = store.save_snapshot(content, snap.content_hash(content))
    kind, text = raw(store.path, "SELECT typeof(content), content FROM snapshots WHERE id = ?",
                     (info.id,))[0]
    # text, so the sqlite3 shell and other tools read it as JSON, not as a blob
    assert kind == "text"
    assert SnapshotContent.model_validate_json(text) == content.model_copy(
        update={"actor": "tester", "measurements": [], "indicators": []})
    # each indicator's state is a row of JSON text, with its district beside it
    states = raw(store.path, "SELECT position, district, state FROM snapshot_states"
                 " WHERE snapshot = ? ORDER BY position", (info.id,))
    assert [(p, d) for p, d, _ in states] == [
        (i, st.indicator.district) for i, st in enumerate(content.indicators)]
    assert [IndicatorState.model_validate_json(t) for *_, t in states] == content.indicators
    # the values are rows of their own, as the measurements table has them
    assert raw(store.path, "SELECT position, indicator, year, value, note FROM snapshot_values"
               " WHERE snapshot = ?", (info.id,)) == [
        (0, "openness-road-length", 2021, 1900.5, "含“在建”路段")]
    assert store.snapshot(info.id)[1] == content.model_copy(update={"actor": "tester"})


@pytest.mark.parametrize("chunk", [1, 2, 5_000])
def test_a_snapshot_taken_in_chunks_is_the_whole_state(
    store: Store, monkeypatch, chunk
) -> None:
    monkeypatch.setattr(snap, "CHUNK", chunk)
    for year, value in ((2021, 1900.5), (2022, 1950.0), (2022, 1960.0)):
        store.add_measurement(Measurement(indicator="openness-road-length", year=year,
                                          value=value, note="据交通局“年报”"))
    store.add_measurement(Measurement(indicator="openness-urbanisation-rate", year=2022,
                                      value=75.0, quality="provisional"))
    info = snap.take_snapshot(store, "  中期评估 ")
    _, frozen = store.snapshot(info.id)
    whole = snap.current_state(store, "中期评估")
    # the same state, value for value, as the content read whole; the same hash too
    assert frozen == whole.model_copy(update={"taken_at": frozen.taken_at})
    assert len(frozen.measurements) == 4
    assert info.label == "中期评估"
    assert info.content_hash == whole_body_hash(whole)


def test_states_with_more_to_them_are_kept_and_hashed_as_their_models(store: Store) -> None:
    """A snapshot keeps plain states from their rows; a yearly reading, a plausible range,
    a flagged baseline or a field an older file left empty (read as its default) go
    through the models, and the snapshot is the same state either way."""
    ind = "industry-soup-park-enterprises"
    store.update_indicator(ind, {"target_value": 100.0, "target_year": 2025})
    store.add_measurement(Measurement(indicator=ind, year=2022, value=1.0))
    store.set_annual_target(ind, 2022, 2.0)
    store.db.execute("UPDATE indicators SET notes = NULL WHERE id = ?", [ind])
    whole = snap.current_state(store, "t")
    assert any(s.annual for s in whole.indicators)
    assert any(s.baseline_flags for s in whole.indicators)
    assert any(s.indicator.plausible for s in whole.indicators)
    info = snap.take_snapshot(store, "t")
    _, frozen = store.snapshot(info.id)
    assert frozen == whole.model_copy(update={"taken_at": frozen.taken_at})
    assert info.content_hash == whole_body_hash(whole)


def test_a_snapshot_without_values_and_without_a_label(store: Store) -> None:
    info = snap.take_snapshot(store, "empty")
    assert store.snapshot(info.id)[1].measurements == []
    assert info.content_hash == whole_body_hash(snap.current_state(store))
    with pytest.raises(TrackerError) as e:
        snap.take_snapshot(store, "  ")
    assert e.value.key == "invalid" and len(store.snapshots()) == 1


def test_a_snapshot_is_one_state_while_another_planner_writes(
    store: Store, monkeypatch
) -> None:
    monkeypatch.setattr(snap, "CHUNK", 1)
    for year in (2021, 2022):
        store.add_measurement(Measurement(indicator="openness-road-length", year=year,
                                          value=1900.0 + year))
    chunks = store.hashed_value_chunks

    def another_planner_writes_between_chunks(size: int):
        for n, chunk in enumerate(chunks(size)):
            if n < 2:  # twice, so a snapshot that did see them would still end
                with Store(store.path, actor="other") as other:
                    other.add_measurement(Measurement(indicator="openness-road-length",
                                                      year=2023, value=2100.0))
            yield chunk

    monkeypatch.setattr(store, "hashed_value_chunks", another_planner_writes_between_chunks)
    info = snap.take_snapshot(store, "during")
    frozen = store.snapshot(info.id)[1]
    # neither the other planner's values nor the verdicts they moved are half in it
    assert [m.year for m in frozen.measurements] == [2021, 2022]
    road = next(s for s in frozen.indicators if s.indicator.id == "openness-road-length")
    assert road.latest.year == 2022
    assert len(store.measurements("openness-road-length")) == 4  # both writes went in


def test_a_snapshot_keeps_its_plan_a_district_at_a_time_and_keeps_no_one_waiting(
    store: Store, monkeypatch
) -> None:
    read = Store.state_text_pages

    def another_planner_writes_between_districts(self, district=None, *args, **kwargs):  # noqa: ANN001, ANN202
        assert district is not None, "the whole plan was read at once"
        yield from read(self, district, *args, **kwargs)
        if district == "industry":  # after the first district is kept, before the rest
            with Store(store.path, actor="other") as other:
                other.update_indicator("wellbeing-new-urban-jobs",
                                       {"target_value": 9.0, "target_year": 2025})

    monkeypatch.setattr(Store, "state_text_pages", another_planner_writes_between_districts)
    info = snap.take_snapshot(store, "during")
    monkeypatch.undo()
    frozen = store.snapshot(info.id)[1]
    jobs = next(s for s in frozen.indicators if s.indicator.id == "wellbeing-new-urban-jobs")
    # the snapshot is the state before the edit, which was not held up meanwhile
    assert jobs.indicator.target_value is None
    assert store.indicator("wellbeing-new-urban-jobs").target_value == 9.0
    assert [s.indicator.id for s in frozen.indicators] == [
        s.indicator.id for s in snap.current_state(store).indicators]
    # nothing kept for it is left behind on the connection
    assert store.db.execute("SELECT count(*) FROM temp.sqlite_master").fetchone()[0] == 0


def test_hash_depends_on_state_not_on_label_or_time(store: Store) -> None:
    a, b = take(store, "a"), take(store, "b")
    assert a.content_hash == b.content_hash
    store.add_measurement(Measurement(indicator="openness-road-length", year=2021, value=1900))
    assert take(store, "c").content_hash != a.content_hash


def whole_body_hash(content) -> str:
    """The hash as defined: sha256 of the whole body's canonical JSON at once."""
    body = content.model_dump(mode="json", exclude={"label", "taken_at", "actor"})
    for m in body["measurements"]:
        m.pop("recorded_at", None)
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("chunk", [1, 2, 3, 5_000])
def test_hash_fed_in_pieces_is_the_hash_of_the_whole(store: Store, monkeypatch, chunk) -> None:
    # the same hash snapshots taken before had, whatever the piece size
    monkeypatch.setattr(snap, "CHUNK", chunk)
    assert snap.content_hash(snap.current_state(store)) == whole_body_hash(
        snap.current_state(store))
    for year, value in ((2021, 1900.5), (2022, 1950.0), (2023, 2001.25)):
        store.add_measurement(Measurement(indicator="openness-road-length", year=year,
                                          value=value, note="据交通局“年报”", source="统计公报"))
    content = snap.current_state(store)
    assert len(content.measurements) == 3
    assert snap.content_hash(content) == whole_body_hash(content)


# text as planners type it: quotes, backslashes, any script (not lone surrogates, which
# no UTF-8 file holds, nor control characters, which no text may hold), and line breaks
# in a note
_CHARS = st.characters(blacklist_categories=("Cs",)).filter(lambda c: not CONTROL_CHAR.match(c))
_TEXT = st.text(_CHARS, max_size=12)
_NOTE = st.text(_CHARS | st.just("\n"), max_size=12)
_VALUES = st.builds(
    lambda indicator, year, day, value, quality, source, note, actor, n: Measurement(
        id=n, indicator=indicator, year=year, value=value, quality=quality, source=source,
        note=note, actor=actor, date=None if day is None else f"{year}-{day[0]:02}-{day[1]:02}"),
    st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True),
    st.integers(1900, 2200),
    st.none() | st.tuples(st.integers(1, 12), st.integers(1, 28)),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(QUALITIES), _TEXT, _NOTE, _TEXT, st.integers(1, 2**62))


@given(st.lists(_VALUES, min_size=1, max_size=8))
@settings(max_examples=300, deadline=None)
def test_values_read_as_rows_hash_as_their_models_do(values: list[Measurement]) -> None:
    rows = [HashedValue(**m.model_dump(exclude={"recorded_at"})) for m in values]
    assert snap._values_text(rows) == snap._values_text(values)
    dumped = [m.model_dump(mode="json", exclude={"recorded_at"}) for m in values]
    assert f"[{snap._values_text(rows)}]" == json.dumps(
        dumped, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def test_a_value_row_is_what_the_hash_reads_of_a_value_in_its_order() -> None:
    assert list(HashedValue._fields) == sorted(set(Measurement.model_fields) - {"recorded_at"})


@given(st.lists(_VALUES, min_size=1, max_size=4))
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_snapshot_s_hash_of_stored_values_is_the_hash_as_defined(
    store: Store, values: list[Measurement]
) -> None:
    # the values go to the store as a planner's would (the store numbers them); each
    # example adds to those before it
    ids = [i.id for i in store.indicators()]
    store.add_measurements([m.model_copy(update={"id": None, "indicator": ids[i % len(ids)]})
                            for i, m in enumerate(values)])
    info = snap.take_snapshot(store, "t")
    assert info.content_hash == whole_body_hash(snap.current_state(store))



def test_a_value_another_program_stored_as_text_is_refused_in_words(store: Store) -> None:
    """A value column another program filled with text (SQLite keeps it as text) is read
    through the model, which refuses it by the value's number: no snapshot, no traceback."""
    store.add_measurement(Measurement(indicator="openness-road-length", year=2021,
                                      value=1900.5))
    (vid,) = raw(store.path, "SELECT id FROM measurements")[0]
    con = sqlite3.connect(store.path)
    con.execute("UPDATE measurements SET value = 'n/a' WHERE id = ?", (vid,))
    con.commit()
    con.close()
    with pytest.raises(TrackerError) as e:
        snap.take_snapshot(store, "t")
    assert e.value.key == "invalid" and f"{vid}.value" in e.value.text("en")
    assert store.snapshots() == []

def test_diff_shows_exactly_the_two_changed_targets(store: Store) -> None:
    before = take(store, "before")
    store.update_indicator("openness-road-length", {"target_value": 2000.0, "target_year": 2025})
    store.update_indicator("culture-sport-venue-area", {"target_value": 15.0,
                                                        "target_year": 2025})
    after = take(store, "after")
    d = snap.diff(store.snapshot(before.id)[1], store.snapshot(after.id)[1])
    assert [(c.indicator, c.field) for c in d.targets] == [
        ("culture-sport-venue-area", "target"), ("openness-road-length", "target")]
    assert d.targets[1].new == {"value": 2000.0, "year": 2025}
    assert not (d.added or d.removed or d.values)


def test_diff_shows_every_digit_of_a_change(store: Store) -> None:
    # a change past the fourth decimal was listed as "75.1235 (2025) → 75.1235 (2025)"
    store.update_indicator("openness-urbanisation-rate", {"target_value": 75.12345,
                                                          "target_year": 2025})
    a = snap.current_state(store)
    store.update_indicator("openness-urbanisation-rate", {"target_value": 75.12349})
    store.add_measurement(Measurement(indicator="openness-urbanisation-rate", year=2022,
                                      value=1234567.891234))
    d = snap.diff(a, snap.current_state(store))
    text = snap.diff_text(d, names_of(snap.current_state(store).indicators), "en")
    assert "75.12345 (2025) → 75.12349 (2025)" in text, text
    assert "new value for 2022 = 1,234,567.891234" in text, text


def test_diff_added_removed_values_and_verdicts(store: Store) -> None:
    store.update_indicator("openness-urbanisation-rate", {"target_value": 78.0,
                                                          "target_year": 2025})
    a = snap.current_state(store)
    store.add_indicator(Indicator(id="forest", district="ecology", name_zh="森林覆盖率",
                                  name_en="Forest cover", unit="%"))
    store.retire_indicator("openness-road-length")
    store.add_measurement(Measurement(indicator="openness-urbanisation-rate", year=2022,
                                      value=75.0))
    d = snap.diff(a, snap.current_state(store))
    assert d.added == ["forest"] and d.removed == ["openness-road-length"]
    assert [(c.indicator, c.field, c.new) for c in d.values] == [
        ("openness-urbanisation-rate", "2022", 75.0)]
    assert {(c.field, c.old, c.new) for c in d.verdicts} == {
        ("schedule_verdict", "no_data", "ahead"),
        ("growth_verdict", "no_data", "on_track"),
    }
    text = snap.diff_text(d, names_of(snap.current_state(store).indicators), "zh")
    assert "新增指标 forest 森林覆盖率" in text and "时序评价 暂无数据 → 快于预期" in text
    # Chinese lines take the Chinese colon, as every other Chinese line does
    assert "城镇化率：新值 2022 年 = 75" in text and "城镇化率：时序评价" in text
    english = snap.diff_text(d, names_of(snap.current_state(store).indicators), "en")
    assert ": new value for 2022 = 75" in english and "：" not in english


def test_cli_snapshot_take_list_diff(run, db_path: Path) -> None:
    db = ["--db", str(db_path), "--lang", "en"]
    assert run("snapshot", "take", "--label", "before", *db).exit_code == 0
    run("target", "set", "openness-road-length", "--value", "2000", "--year", "2025", *db)
    run("target", "set", "culture-sport-venue-area", "--value", "15", "--year", "2025", *db)
    assert run("snapshot", "take", "--label", "after", *db).exit_code == 0
    listed = json.loads(run("snapshot", "list", "--format", "json", *db).output)
    assert [s["label"] for s in listed] == ["before", "after"]
    out = run("snapshot", "diff", "1", "2", *db).output
    assert out.count("target") == 2 and "2,000 (2025)" in out and "15 (2025)" in out
    d = json.loads(run("snapshot", "diff", "1", "2", "--format", "json", *db).output)
    assert len(d["targets"]) == 2 and d["values"] == []
    r = run("snapshot", "diff", "1", "9", *db)
    assert r.exit_code == 1


def test_a_diff_says_every_digit_of_what_changed(run, db_path: Path) -> None:
    """A diff is read to see what changed: 1,234,567.891234 was said 1,234,567.8912, and a
    value of 0.00001234 was said 0."""
    db = ["--db", str(db_path), "--lang", "en"]
    assert run("snapshot", "take", "--label", "before", *db).exit_code == 0
    for args in (("target", "set", "openness-road-length", "--value", "1234567.891234",
                  "--year", "2025"),
                 ("measure", "add", "openness-road-length", "--year", "2023",
                  "--value", "0.00001234")):
        assert run(*args, *db).exit_code == 0
    assert run("snapshot", "take", "--label", "after", *db).exit_code == 0
    out = run("snapshot", "diff", "1", "2", *db).output
    assert "target — → 1,234,567.891234 (2025)" in out
    assert "new value for 2023 = 0.00001234" in out


def test_blank_label_refused(run, db_path: Path) -> None:
    r = run("snapshot", "take", "--label", "  ", "--db", str(db_path), "--lang", "en")
    assert r.exit_code == 1
    assert json.loads(run("snapshot", "list", "--format", "json", "--db",
                          str(db_path)).output) == []


def test_compare_reads_only_new_values_and_agrees_with_the_whole_diff(store: Store) -> None:
    store.add_measurement(Measurement(indicator="openness-road-length", year=2021, value=1900.0))
    first = take(store, "first")
    store.update_indicator("openness-urbanisation-rate", {"target_value": 78.0,
                                                          "target_year": 2025})
    for year, value in ((2022, 75.0), (2022, 75.5), (2023, 76.0)):
        store.add_measurement(Measurement(indicator="openness-urbanisation-rate", year=year,
                                          value=value, note="据“公报”"))
    store.retire_indicator("openness-expressway-length")
    second = take(store, "second")
    store.add_measurement(Measurement(indicator="openness-road-length", year=2022, value=1950.0))
    whole = {i: store.snapshot(i)[1] for i in (first.id, second.id)}
    now = snap.current_state(store)
    for a, b, later in ((first.id, second.id, whole[second.id]), (second.id, first.id,
                        whole[second.id]), (first.id, None, now), (second.id, None, now)):
        older = whole[min(a, b) if b is not None else a]
        c = snap.compare(store, a, b)
        assert c.diff == snap.diff(older, later), (a, b)
        # the name of each indicator the diff names, as the newer side has it
        named = {ch.indicator for ch in c.diff.targets + c.diff.values + c.diff.verdicts}
        assert c.names == {i: n for i, n in names_of(later.indicators).items()
                           if i in named | set(c.diff.added)}
    # against now: the one value since the second snapshot, by its id, not its year
    assert [(v.indicator, v.field, v.new) for v in snap.compare(store, second.id, None).diff.values
            ] == [("openness-road-length", "2022", 1950.0)]
    assert len(snap.compare(store, first.id, second.id).diff.values) == 3
    with pytest.raises(TrackerError) as e:
        snap.compare(store, first.id, 99)
    assert e.value.key == "no_snapshot"


def test_compare_reads_a_district_at_a_time_and_lists_what_a_whole_diff_lists(
    store: Store, monkeypatch
) -> None:
    first = take(store, "first")
    # one indicator moves to a district read earlier, one to a district read later, and
    # each of them and one that stays have their target set
    store.update_indicator("openness-road-length", {"district": "culture",
                                                    "target_value": 2000.0,
                                                    "target_year": 2025})
    store.update_indicator("culture-sport-venue-area", {"district": "wellbeing",
                                                        "target_value": 15.0,
                                                        "target_year": 2025})
    store.update_indicator("ecology-forest-coverage", {"district": "industry"})
    store.update_indicator("industry-soup-output", {"target_value": 13.0, "target_year": 2025})
    store.update_indicator("ecology-good-air-days", {"target_value": 350.0,
                                                     "target_year": 2025})
    store.retire_indicator("wellbeing-new-school-places")
    store.add_indicator(Indicator(id="forest", district="culture", name_zh="森林覆盖率",
                                  name_en="Forest cover", unit="%"))
    store.add_measurement(Measurement(indicator="openness-urbanisation-rate", year=2022,
                                      value=75.0))
    second = take(store, "second")
    whole = {i: store.snapshot(i)[1] for i in (first.id, second.id)}
    expected = snap.diff(whole[first.id], whole[second.id])
    # the plans are read a district at a time, never whole
    monkeypatch.setattr(Store, "plan_rows", _one_district(Store.plan_rows))
    monkeypatch.setattr(Store, "snapshot_compared", _one_district(Store.snapshot_compared, 1))
    for b in (second.id, None):
        d = snap.compare(store, first.id, b).diff
        assert d == expected, b
    assert [c.indicator for c in expected.targets] == [
        "industry-soup-output", "openness-road-length", "ecology-good-air-days",
        "culture-sport-venue-area"]
    assert expected.added == ["forest"] and expected.removed == ["wellbeing-new-school-places"]
    names = snap.compare(store, first.id, second.id).names
    assert names["forest"] == ("森林覆盖率", "Forest cover")
    assert "ecology-forest-coverage" not in names  # moved, and nothing else changed


def test_compare_counts_the_indicators_of_both_plans_as_it_reads_them(store: Store) -> None:
    first = take(store, "first")
    store.retire_indicator("openness-road-length")
    heard: list[tuple[int, int]] = []
    snap.compare(store, first.id, None, lambda done, total: heard.append((done, total)))
    total = len(store.snapshot(first.id)[1].indicators) + store.count_indicators()
    assert total == 67  # the starter plan's 34 rows, then 33
    assert heard[0] == (0, total) and heard[-1] == (total, total)
    # a count a district, only ever going up
    assert len(heard) == 1 + len(store.districts())
    assert [d for d, _ in heard] == sorted({d for d, _ in heard})


def test_compare_reads_a_snapshot_by_an_older_version_as_its_models_do(store: Store) -> None:
    store.update_indicator("openness-urbanisation-rate", {"target_value": 78.0,
                                                          "target_year": 2025})
    first = take(store, "first")
    # as an older version wrote its states: without a target type, band, the way values
    # are entered or verdicts
    con = sqlite3.connect(store.path)
    with con:
        con.execute("UPDATE snapshot_states SET state = json_remove(state,"
                    " '$.indicator.target_type', '$.indicator.band', '$.indicator.values_as',"
                    " '$.schedule_verdict', '$.growth_verdict') WHERE snapshot = ?",
                    [first.id])
    con.close()
    store.update_indicator("openness-road-length", {"target_value": 2000.0,
                                                    "target_year": 2025})
    store.add_measurement(Measurement(indicator="openness-urbanisation-rate", year=2022,
                                      value=75.0))
    older, now = store.snapshot(first.id)[1], snap.current_state(store)
    assert {s.schedule_verdict for s in older.indicators} == {"no_data"}
    d = snap.compare(store, first.id, None).diff
    assert d == snap.diff(older, now)
    # what is missing reads as the models' defaults: a level target, no verdict yet
    assert {(c.indicator, c.field, c.old) for c in d.targets} == {
        ("openness-road-length", "target", None)} | {
        (s.indicator.id, "target_type", "level") for s in now.indicators
        if s.indicator.target_type != "level"}
    assert {(c.indicator, c.field, c.old) for c in d.verdicts} == {
        (s.indicator.id, f, "no_data") for s in now.indicators
        for f in ("schedule_verdict", "growth_verdict") if getattr(s, f) != "no_data"}
    assert ("openness-urbanisation-rate", "schedule_verdict", "no_data") in {
        (c.indicator, c.field, c.old) for c in d.verdicts}


def test_compare_reads_a_snapshot_s_numbers_exactly_as_they_were_kept(store: Store) -> None:
    # numbers whose shortest text is long or far from 1: a comparison that read them
    # back a digit off would list a target that never moved
    tricky = (0.1 + 0.2, 1 / 3, 2.675e-7, 1.7976931348623157e308, 5e-324, 1900.123456789012)
    ids = [i.id for i in store.indicators()
           if i.target_type in ("level", "at_least", "at_most")][:len(tricky)]
    for iid, value in zip(ids, tricky, strict=True):
        store.update_indicator(iid, {"target_value": value, "target_year": 2035})
    first = take(store, "first")
    assert snap.compare(store, first.id, None).diff.empty
    store.update_indicator(ids[0], {"target_value": 0.3, "target_year": 2035})
    d = snap.compare(store, first.id, None).diff
    assert [(c.indicator, c.old, c.new) for c in d.targets] == [
        (ids[0], {"value": 0.1 + 0.2, "year": 2035}, {"value": 0.3, "year": 2035})]


def test_compare_names_the_stored_state_the_models_refuse(store: Store) -> None:
    first = take(store, "first")
    con = sqlite3.connect(store.path)
    with con:
        con.execute("UPDATE snapshot_states SET state = json_set(state,"
                    " '$.indicator.target_year', 'soon') WHERE snapshot = ?"
                    " AND json_extract(state, '$.indicator.id') = 'openness-road-length'",
                    [first.id])
    con.close()
    with pytest.raises(TrackerError) as e:
        snap.compare(store, first.id, None)
    assert "openness-road-length.target year" in e.value.text("en")


def _one_district(read, at: int = 0):  # noqa: ANN001, ANN202
    """The store's own read, refusing to read every district at once (`at`: where the
    district is among the arguments)."""
    def one(self, *args, **kwargs):  # noqa: ANN001, ANN202
        assert len(args) > at and args[at] is not None, "a whole plan was read at once"
        return read(self, *args, **kwargs)
    return one


def test_a_snapshot_whose_values_moved_meanwhile_is_not_saved(store: Store) -> None:
    store.add_measurement(Measurement(indicator="openness-road-length", year=2021, value=1900.5))
    head = snap.current_state(store, "中期", values=False)
    last = store.measurements()[-1].id
    before = (store.snapshots(), len(store.audit()))
    # as if a file put back while the values were hashed had one value fewer
    with pytest.raises(TrackerError) as e:
        store.save_snapshot(head, "0" * 64, values_read=(last, 2))
    assert e.value.text("en").startswith("the data changed while the snapshot was taken")
    assert (store.snapshots(), len(store.audit())) == before
    assert raw(store.path, "SELECT count(*) FROM snapshot_values") == [(0,)]


def test_a_snapshot_whose_kept_plan_is_not_all_there_is_not_saved(store: Store) -> None:
    head = snap.current_state(store, "中期", values=False, indicators=False)
    states = store.indicator_states()
    store.stage_snapshot_states(states[:3], 0)
    before = (store.snapshots(), len(store.audit()))
    # as if the plan had been kept again from the start after more was counted
    with pytest.raises(TrackerError) as e:
        store.save_snapshot(head, "0" * 64, values_read=(0, 0), states_staged=len(states))
    assert e.value.text("zh") == "拍摄快照期间数据有变化，未保存；请重新拍摄"
    assert (store.snapshots(), len(store.audit())) == before
    assert raw(store.path, "SELECT count(*) FROM snapshot_states") == [(0,)]


# what SQLite hands back of a column: text (any but lone surrogates, which no UTF-8 file
# holds), a float (an infinity too; a NaN is stored as null), an integer, or null
_SCALAR = (st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
           | st.floats(allow_nan=False) | st.integers(-2**63, 2**63 - 1) | st.none())
_OVERDUE = st.none() | st.lists(st.integers(1900, 2200), max_size=3).map(
    lambda years: json.dumps(years, separators=(", ", ": ")) if years else "[]")


@given(st.data())
@settings(max_examples=300, deadline=None)
def test_a_plain_state_s_text_is_the_canonical_json_of_its_dict(data) -> None:
    """The plan's states are hashed and kept as texts written from their rows: each the
    text the hash's definition makes of the state's dict, whatever a column holds."""
    width = len(Indicator.model_fields) + 3 + len(_STATE_MIDDLE) + 1
    row = [*data.draw(st.lists(_SCALAR, min_size=width, max_size=width)),
           data.draw(_OVERDUE) or "[]", 1]
    if data.draw(st.booleans()):
        row[len(Indicator.model_fields)] = None  # no latest value
    assert read_state_text(row) == canonical(read_state_dict(row))
