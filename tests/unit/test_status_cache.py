"""The cached verdicts always equal the verdicts computed from scratch."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from uuid import uuid4

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import raw
from tracker import status as report_status
from tracker.models import DISTRICT_IDS, Measurement, PlanRow
from tracker.store import Store

IDS = ["openness-urbanisation-rate", "openness-road-length", "wellbeing-new-urban-jobs",
       "culture-sport-venue-area"]


def assert_cache_matches(store: Store) -> None:
    fresh = {s.indicator.id: s for s in report_status.statuses(store)}
    cached = {s.indicator.id: s for s in store.indicator_states()}
    assert fresh.keys() == cached.keys()
    for iid, f in fresh.items():
        c = cached[iid]
        got = (c.latest.year, c.latest.value, c.latest.quality) if c.latest else None
        want = None
        if f.latest:
            entries = [m for m in f.measurements if m.year == f.latest.year]
            want = (f.latest.year, f.latest.value, entries[-1].quality)
        assert got == want, iid
        assert (c.schedule_verdict, c.growth_verdict) == (f.schedule.verdict, f.growth.verdict)
        assert c.progress_share == f.schedule.progress_share
        assert c.time_share == f.schedule.time_share
        assert c.growth_ratio == f.growth.ratio
        assert c == f.state()  # and so what `tracker status --tolerance` shows agrees
    assert_rows_match(store)
    stored = dict(raw(store.path, "SELECT indicator, value_count FROM indicator_status"))
    assert {iid: stored[iid] for iid in fresh} == {
        iid: len(f.measurements) for iid, f in fresh.items()}
    counts = store.verdict_counts()
    for district, c in report_status.rollup([f.state() for f in fresh.values()]).items():
        assert counts[district]["schedule"] == dict(c["schedule"])
        assert counts[district]["growth"] == dict(c["growth"])


def assert_rows_match(store: Store) -> None:
    """The tables read the plan as typed rows, not models: the same figures."""
    for district in (None, *DISTRICT_IDS):
        assert store.plan_rows(district) == [
            PlanRow.of(s) for s in store.indicator_states(district)]


op = st.one_of(
    st.tuples(st.just("measure"), st.sampled_from(IDS), st.integers(2019, 2027),
              st.floats(-10, 3000, allow_nan=False)),
    st.tuples(st.just("revise"), st.sampled_from(IDS), st.integers(2019, 2027),
              st.floats(-10, 3000, allow_nan=False)),
    st.tuples(st.just("target"), st.sampled_from(IDS), st.integers(2021, 2030),
              st.floats(0, 3000, allow_nan=False)),
    st.tuples(st.just("tolerance"), st.just(""), st.just(0), st.floats(0, 0.5)),
    st.tuples(st.just("batch"), st.sampled_from(IDS), st.integers(2021, 2025),
              st.floats(0, 3000, allow_nan=False)),
    # several values in one import, some for the same indicator and year
    st.tuples(st.just("values"), st.lists(st.tuples(
        st.sampled_from(IDS), st.integers(2019, 2027), st.floats(-10, 3000, allow_nan=False),
        st.sampled_from(["final", "provisional"])), min_size=1, max_size=6), st.just(0),
        st.just(0.0)),
    st.tuples(st.just("type"), st.sampled_from(IDS), st.just(0),
              st.sampled_from([0.0, 1.0])),
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(op, max_size=8))
def test_cache_follows_every_kind_of_change(tmp_path: Path, ops) -> None:
    db = tmp_path / f"c{uuid4().hex}.db"
    with Store(db, actor="t") as s:
        for kind, iid, year, value in ops:
            if kind in ("measure", "revise"):
                quality = "final" if kind == "measure" else "revised"
                s.add_measurement(Measurement(indicator=iid, year=year, value=value,
                                              quality=quality))
            elif kind == "target":
                s.update_indicator(iid, {"target_value": value, "target_year": year})
            elif kind == "tolerance":
                s.set_tolerance(value)
            elif kind == "values":
                s.import_batch([], [], [Measurement(indicator=i, year=y, value=v, quality=q)
                                        for i, y, v, q in iid], "t")
            elif kind == "type":
                s.update_indicator(iid, {"target_type": "cumulative" if value else "level"})
            else:
                s.import_batch([], [(iid, {"notes": str(value)})],
                               [Measurement(indicator=iid, year=year, value=value)], "t")
        assert_cache_matches(s)
    db.unlink()


def test_retired_indicators_leave_the_counts(store: Store) -> None:
    before = store.verdict_counts()["openness"]["schedule"]["to_be_set"]
    store.retire_indicator("openness-road-length")
    assert store.verdict_counts()["openness"]["schedule"]["to_be_set"] == before - 1
    assert_cache_matches(store)


def test_windows_and_search(store: Store) -> None:
    everything = store.indicator_states()
    assert [s.indicator.id for s in store.indicator_states(offset=3, limit=4)] == [
        s.indicator.id for s in everything[3:7]]
    assert store.count_indicators() == len(everything)
    assert store.count_indicators(district="ecology") == len(
        store.indicator_states(district="ecology"))
    found = store.indicator_states(search="城镇化")
    assert [s.indicator.id for s in found] == ["openness-urbanisation-rate"]
    assert store.count_indicators(search="城镇化") == 1


def test_indicator_index_matches_the_window_order(store: Store) -> None:
    everything = [s.indicator.id for s in store.indicator_states()]
    for i, iid in enumerate(everything):
        assert store.indicator_index(None, "", iid) == i
    eco = [s.indicator.id for s in store.indicator_states(district="ecology")]
    assert store.indicator_index("ecology", "", eco[-1]) == len(eco) - 1
    assert store.indicator_index("ecology", "", everything[0]) is None  # another district
    assert store.indicator_index(None, "城镇化", "openness-urbanisation-rate") == 0
    assert store.indicator_index(None, "nothing-like-this", "openness-urbanisation-rate") is None


def test_opening_writes_nothing(db_path) -> None:
    Store(db_path, actor="t").close()
    with Store(db_path, actor="watcher") as watcher:
        seen = watcher.data_version()
        Store(db_path, actor="another").close()
        assert watcher.data_version() == seen  # no phantom "someone changed something"


def test_a_refresh_counts_each_indicator_once(store: Store) -> None:
    """Named twice, an indicator is judged once, and the count still ends at the total."""
    ids = ["openness-road-length", "openness-urbanisation-rate"]
    told: list[tuple[int, int]] = []
    store._refresh_status([*ids, *ids], tell=lambda d, t: told.append((d, t)))
    assert told[0] == (0, 2) and told[-1] == (2, 2)


def test_rows_read_what_older_versions_left_unset(store: Store, db_path: Path) -> None:
    """A status without a latest value's quality (kept only since a later version), or
    none at all, reads as the models read it: "final", and no verdict."""
    for iid, quality in (("openness-road-length", "provisional"),
                         ("openness-urbanisation-rate", "final")):
        store.add_measurement(Measurement(indicator=iid, year=2022, value=80.0,
                                          quality=quality))
    con = sqlite3.connect(db_path)
    with con:
        con.execute("UPDATE indicator_status SET latest_quality = NULL"
                    " WHERE indicator = 'openness-road-length'")
        con.execute("DELETE FROM indicator_status WHERE indicator = 'culture-sport-venue-area'")
    con.close()
    rows = {r.id: r for r in store.plan_rows()}
    assert rows["openness-road-length"].quality == "final"
    assert rows["openness-urbanisation-rate"].quality == "final"
    bare = rows["culture-sport-venue-area"]
    assert (bare.latest_value, bare.quality, bare.schedule_verdict, bare.growth_verdict) == (
        None, "", "no_data", "no_data")
    assert_rows_match(store)
