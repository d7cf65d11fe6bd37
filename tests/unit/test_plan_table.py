"""Every row of a plan table: growth-rate, reduction, milestone and monitoring targets,
yearly targets, where each indicator is heading, and a flagged baseline."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.conftest import FIXTURES, raw
from tracker import progress
from tracker import status as report_status
from tracker.errors import TrackerError
from tracker.models import AnnualTarget, BaselineFlag, Indicator, Measurement
from tracker.progress import Plan, Point, assess_all, assess_cached
from tracker.store import Store

FIXTURE = FIXTURES / "fyp14_main_indicators.json"


def P(year: int, value: float) -> Point:
    return Point(year=year, value=value)


def plan(kind: str, base: tuple[int, float] | None = (2020, 100.0),
         target: tuple[int, float] | None = (2025, 7.0), direction: str = "increase",
         values_as: str | None = None, milestone: str | None = None,
         target_year: int | None = None) -> Plan:
    return Plan(direction=direction, target_type=kind,
                baseline=None if base is None else P(*base),
                target=None if target is None else P(*target), values_as=values_as,
                milestone=milestone, target_year=target_year)


def rates_to(base: float, rate: float, years: int) -> float:
    return base * (1 + rate / 100) ** years


GROWTH = plan("growth_rate")  # 100 growing 7 % a year: 140.26 in 2025
GROWTH_RATES = plan("growth_rate", values_as="rate")
REDUCTION = plan("reduction", target=(2025, 13.5), direction="decrease")  # to 86.5
REDUCTION_RATES = plan("reduction", target=(2025, 13.5), direction="decrease",
                       values_as="rate")
SLOW = "a growth rate needs a baseline above zero, or values entered as yearly rates"

# (plan, values, schedule verdict, growth verdict, reason, method)
CASES = [
    pytest.param(GROWTH, [P(2022, rates_to(100, 7, 2))], "on_schedule", "on_track", "",
                 "cagr", id="growth-level-at-pace"),
    pytest.param(GROWTH, [P(2022, 110.0)], "lagging", "acceleration_needed", "", "cagr",
                 id="growth-level-slow"),
    pytest.param(GROWTH, [P(2022, 95.0)], "lagging", "deterioration", "", "cagr",
                 id="growth-negative-actual-growth"),
    pytest.param(GROWTH, [P(2024, 141.0)], "achieved", "target_achieved", "", "cagr",
                 id="growth-reached-early"),
    pytest.param(GROWTH_RATES, [P(2021, 7.0), P(2022, 7.0)], "on_schedule", "on_track", "",
                 "cagr", id="growth-rates-compound"),
    pytest.param(GROWTH_RATES, [P(2021, -3.0), P(2022, -1.0)], "lagging", "deterioration",
                 "", "cagr", id="growth-rates-negative"),
    pytest.param(GROWTH_RATES, [P(2022, 9.0)], "no_data", "no_data", "no value for 2021",
                 "none", id="growth-rate-with-an-earlier-year-missing"),
    pytest.param(GROWTH_RATES, [P(2021, 8.0), P(2023, 9.0)], "no_data", "no_data",
                 "no value for 2022", "none", id="growth-rate-after-a-gap"),
    pytest.param(plan("growth_rate", base=(2020, 0.0), values_as="rate"),
                 [P(2021, 7.0), P(2022, 7.0)], "on_schedule", "on_track",
                 progress.LINEAR_RATES, "linear", id="growth-zero-baseline-rates-linear"),
    pytest.param(plan("growth_rate", base=(2020, -50.0)), [P(2022, -43.0)], "on_schedule",
                 "on_track", progress.LINEAR_LEVEL, "linear",
                 id="growth-negative-baseline-linear"),
    pytest.param(plan("growth_rate", base=(2020, 0.0)), [P(2022, 5.0)], "no_data",
                 "no_data", SLOW, "none", id="growth-zero-baseline-levels"),
    pytest.param(plan("growth_rate", target=(2025, 0.0)), [P(2022, 100.0)], "achieved",
                 "target_achieved", "target equals baseline", "none",
                 id="growth-zero-rate-equal-baseline-target"),
    pytest.param(plan("growth_rate", target=(2025, -5.0)), [P(2022, 90.0)], "no_data",
                 "no_data", "target is on the wrong side of the baseline for increase",
                 "none", id="growth-negative-rate-said-increase"),
    pytest.param(plan("growth_rate", target=(2025, -5.0), direction="decrease"),
                 [P(2022, rates_to(100, -5, 2))], "on_schedule", "on_track", "", "cagr",
                 id="growth-negative-rate-decrease"),
    pytest.param(REDUCTION, [P(2022, 94.6)], "on_schedule", "on_track", "", "cagr",
                 id="reduction-level-on-schedule"),
    pytest.param(REDUCTION, [P(2025, 90.0)], "lagging", "limited_progress",
                 "target year passed", "cagr", id="reduction-short-at-the-end"),
    pytest.param(REDUCTION, [P(2023, 86.0)], "achieved", "target_achieved", "", "cagr",
                 id="reduction-reached"),
    pytest.param(REDUCTION, [P(2022, 101.0)], "lagging", "deterioration", "", "cagr",
                 id="reduction-going-up"),
    pytest.param(REDUCTION_RATES, [P(2021, 2.7), P(2022, 0.1), P(2023, 0.5)], "lagging",
                 "limited_progress", "", "cagr", id="reduction-rates-behind"),
    pytest.param(plan("reduction", base=(2020, 0.0), target=(2025, 10.0),
                      direction="decrease"), [P(2022, 0.0)], "no_data", "no_data",
                 "a reduction needs a baseline above zero", "none", id="reduction-zero-base"),
    pytest.param(plan("reduction", target=(2025, 0.0), direction="decrease"),
                 [P(2022, 100.0)], "achieved", "target_achieved", "target equals baseline",
                 "none", id="reduction-of-nothing"),
    pytest.param(plan("monitor", target=None, target_year=2025), [P(2022, 5.0)],
                 "monitoring", "monitoring", "", "none", id="monitor"),
    pytest.param(plan("monitor", base=None, target=None), [], "monitoring", "monitoring",
                 "", "none", id="monitor-without-anything"),
]


@pytest.mark.parametrize(("p", "values", "sched", "grow", "reason", "method"), CASES)
def test_each_kind_of_row(p, values, sched, grow, reason, method):
    a = assess_all(p, values)
    assert (a.schedule.verdict, a.growth.verdict) == (sched, grow)
    assert (a.schedule.reason or a.growth.reason) == reason
    assert a.growth.method == method
    if sched == "no_data":
        assert a.schedule.reason and a.growth.reason


def test_a_growth_rate_target_is_the_compounded_level():
    f = progress._frame(GROWTH, [P(2022, 110.0)])
    assert float(f.goal) == pytest.approx(rates_to(100, 7, 5), rel=1e-12)
    f = progress._frame(REDUCTION, [P(2022, 95.0)])
    assert f.goal == 86.5  # exactly 100 × (1 − 13.5 %)
    # rates compound the level path from the baseline
    f = progress._frame(GROWTH_RATES, [P(2021, 10.0), P(2022, 10.0)])
    assert f.now == 121


# (state, year read, schedule, growth): the target year is 2025
MILESTONES = [
    ("done", 2022, "achieved", "target_achieved"),
    ("done", 2027, "achieved", "target_achieved"),
    ("in_progress", 2022, "on_schedule", "on_track"),
    ("in_progress", 2025, "on_schedule", "on_track"),
    ("in_progress", 2026, "lagging", "limited_progress"),
    (None, 2022, "no_data", "no_data"),
    ("not_started", 2023, "no_data", "no_data"),
    ("not_started", 2024, "lagging", "acceleration_needed"),  # the year before: near
    ("not_started", 2026, "lagging", "limited_progress"),
]


@pytest.mark.parametrize(("state", "as_of", "sched", "grow"), MILESTONES)
def test_a_milestone_is_read_from_its_state(state, as_of, sched, grow):
    p = plan("milestone", base=None, target=None, milestone=state, target_year=2025)
    a = assess_all(p, [], as_of=as_of)
    assert (a.schedule.verdict, a.growth.verdict) == (sched, grow)
    assert a.heading == progress.NO_HEADING
    if sched in ("no_data", "lagging"):
        assert a.schedule.reason


@pytest.mark.parametrize("p", [
    plan("milestone", base=None, target=None),
    plan("level", base=None, target=None),
    plan("growth_rate", base=None, target=None, values_as="rate"),
    plan("reduction", base=None, target=None, values_as="rate"),
    plan("cumulative", target=None),
], ids=["milestone", "level", "growth_rate", "reduction", "cumulative"])
def test_a_row_with_no_target_yet_is_to_be_set_not_no_data(p):
    """A starter row waiting for the planners' target reads 待设定 whether or not it has a
    baseline or values, and is not judged."""
    a = assess_all(p, [P(2022, 3.0)], as_of=2023)
    assert (a.schedule.verdict, a.growth.verdict) == ("to_be_set", "to_be_set")
    assert a.schedule.reason and a.heading == progress.NO_HEADING
    assert "to_be_set" not in progress.SCHEDULE_VERDICTS + progress.GROWTH_VERDICTS


def test_heading_at_the_pace_so_far():
    # level 100 → 120 by 2025; 110 in 2022: compound pace 4.88 % a year
    h = assess_all(Plan(direction="increase", target_type="level", baseline=P(2020, 100.0),
                        target=P(2025, 120.0)), [P(2022, 110.0)]).heading
    assert h.projected_value == pytest.approx(100 * 1.1 ** 2.5)
    assert h.projected_year == 2024  # 1.1^(t/2) ≥ 1.2 from t = 3.83
    assert h.required_rate_remaining == pytest.approx((120 / 110) ** (1 / 3) - 1)
    assert h.required_per_year_remaining is None and h.running_total is None
    # a straight line where a number is not above zero
    h = assess_all(Plan(direction="increase", target_type="level", baseline=P(2020, -10.0),
                        target=P(2025, 10.0)), [P(2022, -2.0)]).heading
    assert (h.projected_value, h.projected_year) == (10.0, 2025)
    assert h.required_per_year_remaining == 4.0 and h.required_rate_remaining is None
    # never at this pace
    h = assess_all(GROWTH, [P(2022, 95.0)]).heading
    assert h.projected_year is None and h.projected_value < 100


def test_a_cumulative_row_reads_in_its_unit_per_year():
    p = Plan(direction="increase", target_type="cumulative", baseline=P(2020, 97.0),
             target=P(2025, 5.0))
    a = assess_all(p, [P(2021, 1.2), P(2022, 0.8)])
    assert a.growth.method == "linear"
    assert (a.growth.actual_rate, a.growth.required_rate) == (1.0, 1.0)  # 万人 a year
    h = a.heading
    assert h.running_total == 2.0
    assert h.required_per_year_remaining == 1.0  # 3 more over 3 years
    assert (h.projected_value, h.projected_year) == (5.0, 2025)


def test_yearly_targets_are_a_third_reading():
    p = Plan(direction="increase", target_type="monitor", baseline=P(2020, 2.3), target=None)
    targets = {2021: 6.0, 2022: 5.5, 2023: 5.0}
    a = assess_all(p, [P(2021, 8.1), P(2022, 3.0)], annual_targets=targets)
    assert a.annual == progress.Annual(year=2022, target=5.5, value=3.0, met=False)
    assert assess_all(p, [P(2021, 8.1)], annual_targets={2022: 5.5}).annual is None
    # a reduction entered as rates is met by a reduction at least as large
    a = assess_all(REDUCTION_RATES, [P(2021, 3.1)], annual_targets={2021: 3.0})
    assert a.annual is not None and a.annual.met
    a = assess_all(REDUCTION, [P(2021, 97.5)], annual_targets={2021: 97.0})
    assert a.annual is not None and not a.annual.met


def test_a_flagged_baseline_is_carried_by_both_verdicts():
    flag = BaselineFlag(code="rate_over_100", message_zh="比率超过100%",
                        message_en="a rate above 100%")
    p = Plan(direction="increase", target_type="level", baseline=P(2020, 116.3),
             target=P(2025, 120.0))
    a = assess_all(p, [P(2022, 118.0)], baseline_flags=[flag])
    assert a.schedule.baseline_flags == a.growth.baseline_flags == (flag,)
    cached = assess_cached(p, [P(2022, 118.0)], baseline_flags=[flag])
    assert cached.baseline_flags == (flag,)
    assert assess_all(p, [P(2022, 118.0)]).schedule.baseline_flags == ()


# -- invariants ------------------------------------------------------------------------

rates = st.integers(1, 3000).map(lambda n: n / 100)  # 0.01 % to 30 % a year
bases = st.integers(1, 10**7).map(lambda n: n / 100)


@settings(max_examples=300)
@given(bases, rates, st.integers(2, 10), st.data())
def test_growth_at_the_target_rate_is_on_track_and_gets_there_on_time(base, rate, span, data):
    elapsed = data.draw(st.integers(1, span - 1))
    p = plan("growth_rate", base=(2020, base), target=(2020 + span, rate))
    a = assess_all(p, [P(2020 + elapsed, rates_to(base, rate, elapsed))])
    assert a.growth.verdict == "on_track"
    assert a.heading.projected_year == 2020 + span
    # entered as the yearly rates themselves, the same
    r = plan("growth_rate", base=(2020, base), target=(2020 + span, rate), values_as="rate")
    a = assess_all(r, [P(2020 + y, rate) for y in range(1, elapsed + 1)])
    assert a.growth.verdict == "on_track"
    assert a.heading.projected_year == 2020 + span


@settings(max_examples=300)
@given(bases, rates, st.integers(2, 10), st.data())
def test_a_higher_latest_value_never_needs_a_faster_pace(base, rate, span, data):
    elapsed = data.draw(st.integers(1, span - 1))
    low, high = sorted(data.draw(st.lists(bases, min_size=2, max_size=2)))
    p = plan("growth_rate", base=(2020, base), target=(2020 + span, rate))
    need_low = assess_all(p, [P(2020 + elapsed, low)]).heading.required_rate_remaining
    need_high = assess_all(p, [P(2020 + elapsed, high)]).heading.required_rate_remaining
    if need_high is not None:  # None: reached, nothing more needed
        assert need_low is not None and need_high <= need_low


@settings(max_examples=300)
@given(st.sampled_from(["growth_rate", "reduction"]), st.sampled_from([None, "rate"]),
       st.floats(-1e6, 1e6), st.floats(0, 99.9), st.integers(1, 10),
       st.lists(st.tuples(st.integers(2015, 2035), st.floats(-99, 500)), max_size=6))
def test_rate_rows_never_fail(kind, values_as, base, rate, span, values):
    direction = "decrease" if kind == "reduction" else "increase"
    p = plan(kind, base=(2020, base), target=(2020 + span, rate), direction=direction,
             values_as=values_as)
    a = assess_all(p, [P(y, v) for y, v in values])
    for x in (*a.heading[:1], *a.heading[2:], a.growth.ratio, a.schedule.progress_share):
        assert x is None or math.isfinite(x)
    if a.schedule.verdict == "no_data":
        assert a.schedule.reason
    cached = assess_cached(p, [P(y, v) for y, v in values])
    assert cached.status == (a.schedule.latest, a.schedule.progress_share,
                             a.schedule.time_share, a.schedule.verdict, a.growth.ratio,
                             a.growth.verdict)
    assert cached.heading == a.heading


@settings(max_examples=300)
@given(bases, bases, bases, st.integers(1, 10), st.integers(1, 12),
       st.sampled_from(["level", "at_least", "at_most"]))
def test_the_plain_way_heads_where_the_general_one_does(start, goal, now, span, elapsed, kind):
    direction = "increase" if goal > start else "decrease"
    p = Plan(direction=direction, target_type=kind, baseline=P(2020, start),
             target=P(2020 + span, goal))
    values = [P(2020 + elapsed, now)]
    a = assess_all(p, values)
    cached = assess_cached(p, values)
    assert cached.heading == a.heading
    assert cached.reason == (a.schedule.reason or a.growth.reason)


# -- the models refuse what cannot be a plan --------------------------------------------

IND = {"id": "x", "district": "ecology", "name_zh": "指标", "name_en": "Indicator",
       "baseline_value": 100.0, "baseline_year": 2020, "target_year": 2025}


@pytest.mark.parametrize(("data", "why"), [
    ({"target_type": "growth_rate", "target_value": -100.0}, "above -100%"),
    ({"target_type": "reduction", "target_value": 100.0}, "below 100%"),
    ({"target_type": "reduction", "target_value": 10.0, "direction": "increase"},
     "direction decrease"),
    ({"target_type": "milestone", "baseline_value": None, "baseline_year": None,
      "milestone_state": "finished"}, "not_started"),
    ({"target_type": "milestone", "baseline_value": None, "milestone_state": "done",
      "milestone_date": "2027-01-05"}, "within the plan's years"),
    ({"target_type": "level", "target_value": 5.0, "values_as": "rate"}, "only for"),
    ({"target_type": "level", "target_value": 5.0, "milestone_state": "done"},
     "only for milestone"),
    ({"target_type": "monitor", "target_value": 5.0}, "no target value"),
])
def test_the_models_refuse_what_is_not_a_plan(data, why):
    with pytest.raises(ValidationError, match=why):
        Indicator.model_validate({**IND, **data})


def test_a_row_says_which_way_is_good_by_itself():
    assert Indicator(**IND, target_type="reduction", target_value=13.5).direction == "decrease"
    assert Indicator(**IND, target_type="growth_rate", target_value=-2.0).direction == \
        "decrease"
    ind = Indicator(**IND, target_type="growth_rate", target_value=7.0, values_as="rate")
    assert ind.direction == "increase" and ind.rate_values
    with pytest.raises(ValidationError, match="outside the plan period"):
        AnnualTarget.model_validate({"indicator": "x", "year": 2026, "value": 1.0},
                                    context={"indicator": ind})
    with pytest.raises(ValidationError, match="outside the plan period"):
        AnnualTarget.model_validate({"indicator": "x", "year": 2020, "value": 1.0},
                                    context={"indicator": ind})


# -- the store --------------------------------------------------------------------------

def test_the_store_keeps_every_kind_of_row(store: Store):
    store.add_indicator(Indicator(
        id="gdp", district="industry", name_zh="地区生产总值", name_en="GDP", unit="亿元",
        target_type="growth_rate", values_as="rate", baseline_value=1000.0,
        baseline_year=2020, target_value=7.0, target_year=2025))
    store.add_indicator(Indicator(
        id="eco-city", district="ecology", name_zh="创建国家生态文明建设示范市",
        name_en="National eco-civilisation model city", target_type="milestone",
        target_year=2025))
    for year, rate in ((2021, 8.0), (2022, 6.0)):
        store.add_measurement(Measurement(indicator="gdp", year=year, value=rate))
    store.set_annual_target("gdp", 2022, 6.5)
    store.set_milestone("eco-city", "done", "2024-06-30", "生态环境部命名文件")
    assert store.annual_targets("gdp") == {2022: 6.5}
    eco = store.indicator("eco-city")
    assert (eco.milestone_state, eco.milestone_date, eco.milestone_evidence) == (
        "done", "2024-06-30", "生态环境部命名文件")
    states = {s.indicator.id: s for s in store.indicator_states()}
    gdp = states["gdp"]
    assert gdp.indicator.values_as == "rate"
    assert gdp.annual is not None and (gdp.annual.year, gdp.annual.met) == (2022, False)
    assert gdp.projected_year is not None and gdp.required_rate_remaining is not None
    assert states["eco-city"].schedule_verdict == "achieved"
    assert raw(store.path, "SELECT year, value FROM annual_targets WHERE indicator = 'gdp'"
               ) == [(2022, 6.5)]
    # what the cache keeps is what the readings say from scratch
    fresh = {s.indicator.id: s.state() for s in report_status.statuses(store)}
    assert fresh["gdp"] == gdp and fresh["eco-city"] == states["eco-city"]


def test_the_store_refuses_bad_rows_and_writes_nothing(store: Store):
    store.add_indicator(Indicator(
        id="gdp", district="industry", name_zh="地区生产总值", name_en="GDP",
        target_type="growth_rate", baseline_value=1000.0, baseline_year=2020,
        target_value=7.0, target_year=2025))
    with pytest.raises(TrackerError):
        store.set_annual_target("gdp", 2030, 6.0)
    with pytest.raises(TrackerError):
        store.set_milestone("gdp", "done")
    assert store.annual_targets("gdp") == {}
    assert raw(store.path, "SELECT count(*) FROM annual_targets") == [(0,)]


def test_a_flagged_baseline_marks_the_cached_verdicts(store: Store):
    # the seed's new urban jobs take their baseline from the article's 97万, flagged
    flagged = [s for s in store.indicator_states() if s.baseline_flags]
    assert flagged, "the seed holds a baseline taken from a flagged figure"
    st = flagged[0]
    assert all(f.code and f.message_en and f.message_zh for f in st.baseline_flags)
    district = st.indicator.district
    assert store.flagged_baseline_counts()[district] >= 1
    ach = st.indicator.baseline_achievement
    for flag in st.baseline_flags:
        store.clear_flag(ach, "manual" if flag.code.startswith("manual") else flag.code,
                         "checked against the yearbook")
    after = {s.indicator.id: s for s in store.indicator_states()}[st.indicator.id]
    assert after.baseline_flags == []
    assert raw(store.path, "SELECT baseline_flagged FROM indicator_status WHERE indicator = ?",
               (st.indicator.id,)) == [(0,)]


# -- the national 14th Five-Year Plan's main-indicator table ------------------------------

def _fixture_rows() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["rows"]


def _indicator(row: dict) -> Indicator:
    data = {k: row[k] for k in ("id", "district", "name_zh", "name_en", "unit", "attribute",
                                "target_type") if k in row}
    for k in ("direction", "values_as"):
        if k in row:
            data[k] = row[k]
    data["baseline_year"], data["baseline_value"] = row["baseline"]
    if "target" in row:
        data["target_year"], data["target_value"] = row["target"]
    else:
        data["target_year"] = row["target_year"]
    return Indicator.model_validate(data)


def test_the_national_plan_table_fits_row_by_row(store: Store):
    rows = _fixture_rows()
    assert len(rows) == 20
    kinds = {r["target_type"] for r in rows}
    assert {"monitor", "level", "growth_rate", "reduction", "at_least", "at_most"} <= kinds
    for row in rows:
        store.add_indicator(_indicator(row))
        store.add_measurements([Measurement(indicator=row["id"], year=int(y), value=v)
                                for y, v in row["values"].items()])
        for year, value in row.get("annual", {}).items():
            store.set_annual_target(row["id"], int(year), value)
    states = {s.indicator.id: s for s in store.indicator_states()}
    fresh = {s.indicator.id: s.state() for s in report_status.statuses(store)}
    for row in rows:
        st = states[row["id"]]
        assert [st.schedule_verdict, st.growth_verdict] == row["expect"], row["id"]
        assert st == fresh[row["id"]], row["id"]
        if row["target_type"] == "monitor":
            assert st.projected_year is None
        else:
            assert st.projected_value is not None, row["id"]
        if "expect_annual_met" in row:
            assert st.annual is not None and st.annual.met == row["expect_annual_met"]
    # the energy intensity row: 2.7 %, 0.1 % and 0.5 % reductions leave 96.72 of 100, so
    # the 13.5 % cut needs 3.8 % a year over the two years left
    energy = states["energy-intensity"]
    assert energy.required_rate_remaining == pytest.approx((86.5 / (100 * .973 * .999 * .995))
                                                           ** 0.5 - 1)
    assert energy.projected_year is None or energy.projected_year > 2025
    counts = store.verdict_counts()
    assert counts["industry"]["schedule"]["monitoring"] == 2


# -- the command line -------------------------------------------------------------------

STATUS_FIELDS = {"projected_value", "projected_year", "required_rate_remaining",
                 "required_per_year_remaining", "running_total", "annual", "baseline_flags",
                 "reason"}


def test_each_kind_of_row_from_the_command_line(run, db_path: Path):
    db = ["--db", str(db_path), "--lang", "en"]
    ok = [
        ("indicator", "add", "--district", "industry", "--id", "gdp", "--name-zh", "地区生产总值",
         "--name-en", "GDP", "--unit", "亿元", "--direction", "increase", "--attribute",
         "expected", "--type", "growth_rate", "--values-as", "rate"),
        ("target", "set", "gdp", "--baseline-value", "13.15", "--baseline-year", "2020",
         "--value", "7", "--year", "2025"),
        ("measure", "add", "gdp", "--year", "2021", "--value", "8"),
        ("target", "year", "gdp", "--year", "2021", "--value", "6.5"),
        ("indicator", "add", "--district", "ecology", "--id", "eco", "--name-zh", "示范市",
         "--name-en", "Eco city", "--unit", "项", "--direction", "increase", "--attribute",
         "binding", "--type", "milestone"),
        ("target", "set", "eco", "--year", "2025"),
        ("milestone", "set", "eco", "--state", "done", "--date", "2024-06-30", "--evidence",
         "命名文件"),
    ]
    for args in ok:
        r = run(*db, *args)
        assert r.exit_code == 0, (args, r.output)
    before = raw(db_path, "SELECT count(*) FROM audit")
    refused = [
        ("target", "year", "gdp", "--year", "2026", "--value", "6"),
        ("milestone", "set", "eco", "--state", "finished"),
        ("milestone", "set", "eco", "--state", "done", "--date", "2031-01-01"),
        ("target", "set", "gdp", "--value", "-100", "--year", "2025"),
        ("target", "set", "gdp", "--type", "reduction", "--value", "100", "--year", "2025"),
        ("target", "set", "gdp", "--type", "level", "--values-as", "rate", "--value", "7",
         "--year", "2025"),
    ]
    for args in refused:
        r = run(*db, *args)
        assert r.exit_code == 1, (args, r.output)
        assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
    assert raw(db_path, "SELECT count(*) FROM audit") == before
    rows = {r["id"]: r for r in json.loads(run(*db, "status", "--format", "json").output)}
    assert all(set(r) >= STATUS_FIELDS for r in rows.values())
    assert rows["gdp"]["annual"] == {"year": 2021, "target": 6.5, "value": 8.0, "met": True}
    assert rows["gdp"]["required_rate_remaining"] is not None
    assert rows["eco"]["schedule_verdict"] == "achieved"
    assert rows["eco"]["milestone"] == {"state": "done", "date": "2024-06-30",
                                        "evidence": "命名文件"}
    unjudged = [r for r in rows.values() if r["schedule_verdict"] in ("no_data", "to_be_set")]
    assert unjudged and all(r["reason"] for r in unjudged)
    assert any(r["baseline_flags"] for r in rows.values())


def test_a_slow_pace_entered_as_rates_reaches_its_target_in_the_target_year():
    """A growth of 0.01 % a year, entered as rates: the compounded levels are exact
    fractions, and their logarithms must be as precise as a float's to land on 2027."""
    r = plan("growth_rate", base=(2020, 6.65), target=(2027, 0.01), values_as="rate")
    a = assess_all(r, [P(2021, 0.01)])
    assert a.growth.verdict == "on_track"
    assert a.heading.projected_year == 2027


def test_a_pace_that_creeps_never_gets_there():
    """A pace so slow that the target lies past any year a plan can name is "never":
    no year is projected, rather than a year no calendar holds."""
    p = plan("level", base=(2020, 0.0), target=(2025, 3000.0))
    a = assess_all(p, [P(2021, 2e-173)])
    assert a.heading.projected_year is None
    g = plan("growth_rate", base=(2020, 100.0), target=(2025, 7.0))
    a = assess_all(g, [P(2021, 100.0 * (1 + 1e-15))])
    assert a.heading.projected_year is None
