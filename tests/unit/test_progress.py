"""Tests for tracker.progress: every documented edge case, then properties over any input."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tracker import progress
from tracker.progress import (
    GrowthResult,
    Plan,
    Point,
    ScheduleResult,
    assess_plan,
    assess_status,
    deciding_entries,
    effective_values,
    growth,
    schedule,
)

SCHEDULE_RANK = {"lagging": 0, "on_schedule": 1, "ahead": 2, "achieved": 3}
GROWTH_RANK = {
    "deterioration": 0,
    "limited_progress": 1,
    "acceleration_needed": 2,
    "on_track": 3,
    "target_achieved": 4,
}
FLIP = {"increase": "decrease", "decrease": "increase", "maintain": "maintain"}
FLIP_TYPE = {"at_least": "at_most", "at_most": "at_least"}


def P(year: int, value: float) -> Point:
    return Point(year=year, value=value)


def plan(
    direction: str = "increase",
    target_type: str = "level",
    base: tuple[int, float] | None = (2020, 100.0),
    target: tuple[int, float] | None = (2025, 120.0),
    band: float | None = None,
) -> Plan:
    return Plan(
        direction=direction,
        target_type=target_type,
        baseline=None if base is None else P(*base),
        target=None if target is None else P(*target),
        band=band,
    )


def cagr(start: float, end: float, years: int) -> float:
    return (end / start) ** (1 / years) - 1


REQ = cagr(100, 120, 5)  # required rate of the default plan
REQ_DOWN = cagr(100, 80, 5)
INC, DEC = plan(), plan("decrease", target=(2025, 80.0))
EQUAL = plan(target=(2025, 100.0))
CUM = plan(target_type="cumulative", base=(2020, 9999.0), target=(2025, 50.0))
FLOOR = plan(target_type="at_least", base=(2020, 90.0), target=(2025, 95.0))
FLOOR_MET = plan(target_type="at_least", base=(2020, 98.0), target=(2025, 95.0))
CEILING = plan("decrease", "at_most", base=(2020, 40.0), target=(2025, 35.0))
CEILING_MET = plan("decrease", "at_most", base=(2020, 30.0), target=(2025, 35.0))
HOLD = plan("maintain", "maintain", base=(2020, 95.0), target=(2025, 95.0), band=2.0)
HOLD_EXACT = plan("maintain", "maintain", base=(2020, 95.0), target=(2025, 95.0))
PASSED = "target year passed"
NO_VALUE = "no value after the baseline year"

# (plan, values, verdict, progress share, time share, reason)
SCHEDULE_CASES = [
    pytest.param(INC, [P(2022, 108)], "on_schedule", 0.4, 0.4, "", id="level-on-schedule"),
    pytest.param(INC, [P(2022, 112)], "ahead", 0.6, 0.4, "", id="level-ahead"),
    pytest.param(INC, [P(2022, 102)], "lagging", 0.1, 0.4, "", id="level-lagging"),
    pytest.param(INC, [P(2023, 121)], "achieved", 1.05, 0.6, "", id="level-achieved-early"),
    pytest.param(INC, [P(2022, 95)], "lagging", -0.25, 0.4, "", id="level-went-backwards"),
    pytest.param(INC, [P(2022, 0)], "lagging", -5.0, 0.4, "", id="latest-zero"),
    pytest.param(DEC, [P(2022, 92)], "on_schedule", 0.4, 0.4, "", id="decrease-on-schedule"),
    pytest.param(DEC, [P(2022, 90)], "ahead", 0.5, 0.4, "", id="decrease-ahead"),
    pytest.param(DEC, [P(2022, 105)], "lagging", -0.25, 0.4, "", id="decrease-backwards"),
    pytest.param(DEC, [P(2024, 79)], "achieved", 1.05, 0.8, "", id="decrease-achieved"),
    pytest.param(
        plan(base=(2020, 0.0), target=(2025, 10.0)),
        [P(2022, 4)],
        "on_schedule",
        0.4,
        0.4,
        "",
        id="zero-baseline",
    ),
    pytest.param(
        plan(base=(2020, -10.0), target=(2025, -5.0)),
        [P(2022, -8)],
        "on_schedule",
        0.4,
        0.4,
        "",
        id="negative-values",
    ),
    pytest.param(
        plan("decrease", base=(2020, 5.0), target=(2025, -5.0)),
        [P(2021, 3)],
        "on_schedule",
        0.2,
        0.2,
        "",
        id="decrease-through-zero",
    ),
    pytest.param(
        EQUAL,
        [P(2022, 100)],
        "achieved",
        None,
        0.4,
        "target equals baseline",
        id="equal-held",
    ),
    pytest.param(
        EQUAL,
        [P(2022, 101)],
        "achieved",
        None,
        0.4,
        "target equals baseline",
        id="equal-passed",
    ),
    pytest.param(
        EQUAL,
        [P(2022, 99)],
        "lagging",
        None,
        0.4,
        "target equals baseline",
        id="equal-fell-short",
    ),
    pytest.param(INC, [P(2026, 118)], "lagging", 0.9, 1.0, PASSED, id="target-year-passed"),
    pytest.param(INC, [P(2025, 119)], "lagging", 0.95, 1.0, PASSED, id="at-target-year-short"),
    pytest.param(INC, [P(2025, 120)], "achieved", 1.0, 1.0, "", id="at-target-year-reached"),
    pytest.param(
        INC, [P(2022, 102), P(2022, 108)], "on_schedule", 0.4, 0.4, "", id="later-entry-wins"
    ),
    pytest.param(
        INC, [P(2022, 108), P(2022, 102)], "lagging", 0.1, 0.4, "", id="later-entry-wins-down"
    ),
    pytest.param(
        INC,
        [P(2018, 500), P(2022, 108)],
        "on_schedule",
        0.4,
        0.4,
        "",
        id="before-baseline-ignored",
    ),
    pytest.param(
        INC,
        [P(2022, 108), P(2021, 200)],
        "on_schedule",
        0.4,
        0.4,
        "",
        id="latest-by-year-not-entry",
    ),
    pytest.param(INC, [], "no_data", None, None, NO_VALUE, id="no-values"),
    pytest.param(INC, [P(2020, 105)], "no_data", None, None, NO_VALUE, id="only-baseline-year"),
    pytest.param(INC, [P(2018, 105)], "no_data", None, None, NO_VALUE, id="only-before-baseline"),
    pytest.param(
        plan(base=None), [P(2022, 1)], "no_data", None, None, "no baseline", id="no-baseline"
    ),
    pytest.param(
        plan(target=None), [P(2022, 1)], "to_be_set", None, None, "no target", id="no-target"
    ),
    pytest.param(
        plan(target=(2020, 120.0)),
        [P(2022, 108)],
        "no_data",
        None,
        None,
        "target year not after baseline year",
        id="target-year-equals-baseline-year",
    ),
    pytest.param(
        plan(target=(2019, 120.0)),
        [P(2022, 108)],
        "no_data",
        None,
        None,
        "target year not after baseline year",
        id="target-year-before-baseline-year",
    ),
    pytest.param(
        plan(target=(2025, 80.0)),
        [P(2022, 108)],
        "no_data",
        None,
        None,
        "target is on the wrong side of the baseline for increase",
        id="target-contradicts",
    ),
    pytest.param(CUM, [P(2021, 10), P(2022, 10)], "on_schedule", 0.4, 0.4, "", id="cumulative"),
    pytest.param(
        CUM,
        [P(2021, 15), P(2022, 15), P(2023, 15), P(2024, 15)],
        "achieved",
        1.2,
        0.8,
        "",
        id="cumulative-achieved",
    ),
    pytest.param(
        CUM,
        [P(2021, 10), P(2023, 10)],
        "no_data",
        None,
        None,
        "no value for 2022",
        id="cumulative-gap",
    ),
    pytest.param(
        CUM,
        [P(y, 9) for y in range(2021, 2026)] + [P(2026, 100)],
        "lagging",
        0.9,
        1.0,
        PASSED,
        id="cumulative-after-target-ignored",
    ),
    pytest.param(
        CUM,
        [P(2026, 100)],
        "no_data",
        None,
        None,
        "no value in the plan period",
        id="cumulative-only-after-target",
    ),
    pytest.param(
        plan("decrease", "cumulative", target=(2025, -50.0)),
        [P(2021, -10), P(2022, -10)],
        "on_schedule",
        0.4,
        0.4,
        "",
        id="cumulative-decrease",
    ),
    pytest.param(
        plan(target_type="cumulative", target=(2025, 0.0)),
        [P(2021, 1)],
        "achieved",
        None,
        0.2,
        "target equals baseline",
        id="cumulative-zero-target",
    ),
    pytest.param(
        plan(target_type="cumulative", target=(2025, -5.0)),
        [P(2021, 1)],
        "no_data",
        None,
        None,
        "target is on the wrong side of the baseline for increase",
        id="cumulative-contradicts",
    ),
    pytest.param(FLOOR, [P(2022, 96)], "achieved", 1.2, 0.4, "", id="at-least-met"),
    pytest.param(FLOOR, [P(2022, 92)], "on_schedule", 0.4, 0.4, "", id="at-least-toward"),
    pytest.param(
        FLOOR_MET,
        [P(2022, 97)],
        "achieved",
        None,
        0.4,
        "baseline already meets the target",
        id="at-least-still-met",
    ),
    pytest.param(
        FLOOR_MET,
        [P(2022, 94)],
        "lagging",
        None,
        0.4,
        "baseline already meets the target",
        id="at-least-fell-below",
    ),
    pytest.param(CEILING, [P(2022, 38)], "on_schedule", 0.4, 0.4, "", id="at-most-toward"),
    pytest.param(CEILING, [P(2022, 34)], "achieved", 1.2, 0.4, "", id="at-most-met"),
    pytest.param(
        CEILING_MET,
        [P(2022, 36)],
        "lagging",
        None,
        0.4,
        "baseline already meets the target",
        id="at-most-rose-above",
    ),
    pytest.param(HOLD, [P(2022, 94)], "on_schedule", None, 0.4, "", id="maintain-held"),
    pytest.param(HOLD, [P(2022, 92)], "lagging", None, 0.4, "", id="maintain-outside-band"),
    pytest.param(HOLD, [P(2025, 96)], "achieved", None, 1.0, "", id="maintain-held-to-end"),
    pytest.param(HOLD, [P(2026, 97)], "achieved", None, 1.0, "", id="maintain-band-edge"),
    pytest.param(HOLD_EXACT, [P(2022, 95)], "on_schedule", None, 0.4, "", id="maintain-no-band"),
    pytest.param(HOLD_EXACT, [P(2022, 95.1)], "lagging", None, 0.4, "", id="maintain-off"),
    pytest.param(
        plan("maintain", target=(2025, 100.0), band=1.0),
        [P(2022, 100.5)],
        "on_schedule",
        None,
        0.4,
        "",
        id="maintain-direction-on-level",
    ),
]


@pytest.mark.parametrize(("plan_", "values", "verdict", "p", "s", "reason"), SCHEDULE_CASES)
def test_schedule(plan_, values, verdict, p, s, reason):
    r = schedule(plan_, values)
    assert (r.verdict, r.reason) == (verdict, reason)
    assert r.progress_share == (None if p is None else pytest.approx(p))
    assert r.time_share == (None if s is None else pytest.approx(s))


# (plan, values, verdict, ratio, method, reason)
GROWTH_CASES = [
    pytest.param(
        INC, [P(2022, 108)], "on_track", cagr(100, 108, 2) / REQ, "cagr", "", id="level-on-track"
    ),
    pytest.param(
        INC,
        [P(2022, 106)],
        "acceleration_needed",
        cagr(100, 106, 2) / REQ,
        "cagr",
        "",
        id="level-acceleration",
    ),
    pytest.param(
        INC,
        [P(2022, 102)],
        "limited_progress",
        cagr(100, 102, 2) / REQ,
        "cagr",
        "",
        id="level-limited",
    ),
    pytest.param(
        INC,
        [P(2022, 95)],
        "deterioration",
        cagr(100, 95, 2) / REQ,
        "cagr",
        "",
        id="level-deterioration",
    ),
    pytest.param(
        INC,
        [P(2023, 121)],
        "target_achieved",
        cagr(100, 121, 3) / REQ,
        "cagr",
        "",
        id="level-achieved",
    ),
    pytest.param(
        DEC,
        [P(2022, 90)],
        "on_track",
        cagr(100, 90, 2) / REQ_DOWN,
        "cagr",
        "",
        id="decrease-on-track",
    ),
    pytest.param(
        DEC,
        [P(2022, 92)],
        "acceleration_needed",
        cagr(100, 92, 2) / REQ_DOWN,
        "cagr",
        "",
        id="decrease-acceleration",
    ),
    pytest.param(
        DEC,
        [P(2022, 105)],
        "deterioration",
        cagr(100, 105, 2) / REQ_DOWN,
        "cagr",
        "",
        id="decrease-deterioration",
    ),
    pytest.param(
        DEC,
        [P(2022, 0)],
        "target_achieved",
        (-100 / 2) / (-20 / 5),
        "linear",
        "",
        id="decrease-to-zero",
    ),
    pytest.param(
        INC,
        [P(2022, 0)],
        "deterioration",
        (-100 / 2) / (20 / 5),
        "linear",
        "",
        id="latest-zero-linear",
    ),
    pytest.param(
        plan(base=(2020, 0.0), target=(2025, 10.0)),
        [P(2022, 4)],
        "on_track",
        1.0,
        "linear",
        "",
        id="zero-baseline-linear",
    ),
    pytest.param(
        plan(base=(2020, -10.0), target=(2025, -5.0)),
        [P(2022, -9)],
        "limited_progress",
        0.5,
        "linear",
        "",
        id="negative-linear",
    ),
    pytest.param(
        plan("decrease", base=(2020, 5.0), target=(2025, -5.0)),
        [P(2021, 4)],
        "limited_progress",
        0.5,
        "linear",
        "",
        id="decrease-through-zero-linear",
    ),
    pytest.param(
        EQUAL,
        [P(2022, 100)],
        "target_achieved",
        None,
        "none",
        "target equals baseline",
        id="equal-held",
    ),
    pytest.param(
        EQUAL,
        [P(2022, 99)],
        "deterioration",
        None,
        "none",
        "target equals baseline",
        id="equal-moved-away",
    ),
    pytest.param(
        INC,
        [P(2026, 118)],
        "limited_progress",
        cagr(100, 118, 6) / REQ,
        "cagr",
        PASSED,
        id="target-year-passed",
    ),
    pytest.param(
        INC,
        [P(2025, 119)],
        "limited_progress",
        cagr(100, 119, 5) / REQ,
        "cagr",
        PASSED,
        id="at-target-year-short",
    ),
    pytest.param(
        INC,
        [P(2025, 90)],
        "deterioration",
        cagr(100, 90, 5) / REQ,
        "cagr",
        "",
        id="at-target-year-worse",
    ),
    pytest.param(INC, [P(2020, 105)], "no_data", None, "none", NO_VALUE, id="only-baseline"),
    pytest.param(INC, [P(2018, 105)], "no_data", None, "none", NO_VALUE, id="before-baseline"),
    pytest.param(
        plan(target=(2020, 120.0)),
        [P(2022, 108)],
        "no_data",
        None,
        "none",
        "target year not after baseline year",
        id="target-year-not-after",
    ),
    pytest.param(CUM, [P(2021, 10), P(2022, 10)], "on_track", 1.0, "linear", "", id="cumulative"),
    pytest.param(
        CUM,
        [P(2021, 8), P(2022, 8)],
        "acceleration_needed",
        0.8,
        "linear",
        "",
        id="cumulative-slow",
    ),
    pytest.param(
        CUM, [P(2021, -1)], "deterioration", -0.1, "linear", "", id="cumulative-negative-amount"
    ),
    pytest.param(
        FLOOR,
        [P(2022, 92)],
        "on_track",
        cagr(90, 92, 2) / cagr(90, 95, 5),
        "cagr",
        "",
        id="at-least-toward",
    ),
    pytest.param(
        FLOOR_MET,
        [P(2022, 97)],
        "target_achieved",
        None,
        "none",
        "baseline already meets the target",
        id="at-least-still-met",
    ),
    pytest.param(
        FLOOR_MET,
        [P(2022, 94)],
        "deterioration",
        None,
        "none",
        "baseline already meets the target",
        id="at-least-fell-below",
    ),
    pytest.param(
        CEILING_MET,
        [P(2022, 36)],
        "deterioration",
        None,
        "none",
        "baseline already meets the target",
        id="at-most-rose-above",
    ),
    pytest.param(HOLD, [P(2022, 94)], "on_track", None, "none", "", id="maintain-held"),
    pytest.param(HOLD, [P(2022, 92)], "deterioration", None, "none", "", id="maintain-outside"),
    pytest.param(HOLD, [P(2025, 96)], "target_achieved", None, "none", "", id="maintain-to-end"),
]


@pytest.mark.parametrize(("plan_", "values", "verdict", "ratio", "method", "reason"), GROWTH_CASES)
def test_growth(plan_, values, verdict, ratio, method, reason):
    r = growth(plan_, values)
    assert (r.verdict, r.method, r.reason) == (verdict, method, reason)
    assert r.ratio == (None if ratio is None else pytest.approx(ratio))


def test_decrease_rates_are_both_negative_and_ratio_positive():
    r = growth(DEC, [P(2022, 90)])
    assert r.actual_rate == pytest.approx(0.9**0.5 - 1)
    assert r.required_rate == pytest.approx(0.8**0.2 - 1)
    assert r.actual_rate < 0 and r.required_rate < 0 and r.ratio > 0


def test_cumulative_reports_latest_amount_and_average_rates():
    r = growth(CUM, [P(2021, 10), P(2022, 14)])
    assert r.latest == P(2022, 14)
    assert (r.actual_rate, r.required_rate) == (pytest.approx(12.0), pytest.approx(10.0))


def test_tolerance():
    values = [P(2022, 110)]  # p = 0.5, s = 0.4
    assert schedule(INC, values).verdict == "ahead"
    assert schedule(INC, values, tolerance=0.1).verdict == "on_schedule"
    assert schedule(INC, [P(2022, 108)], tolerance=0).verdict == "on_schedule"
    assert schedule(INC, values, tolerance=-1).verdict == "ahead"  # negative counts as 0
    with pytest.raises(ValueError):
        schedule(INC, values, tolerance=math.nan)


def test_models_refuse_bad_input():
    with pytest.raises(ValidationError):
        Point(year=2020, value=math.inf)
    with pytest.raises(ValidationError):
        plan("maintain", "maintain", band=-1.0)
    with pytest.raises(ValidationError):
        INC.band = 1.0  # type: ignore[misc]


def test_huge_values_stay_finite():
    r = growth(plan(base=(2020, 5e-324), target=(2021, 1.7e308)), [P(2021, 1e308)])
    assert r.actual_rate == r.required_rate == 1.7976931348623157e308
    assert r.ratio == pytest.approx(1e308 / 1.7e308)  # exact in 50 digits, not inf/inf


def test_worked_example():
    """The example in docs/verdicts.md, number for number."""
    example = plan(base=(2020, 73.23), target=(2025, 78.0))
    s = schedule(example, [P(2022, 75.0)])
    assert s.verdict == "on_schedule"
    assert round(s.progress_share, 4) == 0.3711
    assert s.time_share == 0.4
    g = growth(example, [P(2022, 75.0)])
    assert g.verdict == "acceleration_needed"
    assert g.method == "cagr"
    assert round(g.actual_rate, 6) == 0.012013
    assert round(g.required_rate, 6) == 0.012701
    assert round(g.ratio, 4) == 0.9459


# ---- properties ------------------------------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False)
number = st.one_of(finite, st.integers(-200, 200).map(float))
years = st.integers(2010, 2040)
points = st.builds(Point, year=years, value=number)
plans = st.builds(
    Plan,
    direction=st.sampled_from(["increase", "decrease", "maintain"]),
    target_type=st.sampled_from(["level", "cumulative", "at_least", "at_most", "maintain"]),
    baseline=st.none() | points,
    target=st.none() | points,
    band=st.none() | st.floats(min_value=0, allow_infinity=False),
)
# Plans that can be judged: baseline and target present, target year after baseline year.
judged_plans = st.builds(
    lambda p, b, t, span: p.model_copy(
        update={"baseline": P(2020, b), "target": P(2020 + span, t)}
    ),
    plans,
    number,
    number,
    st.integers(1, 10),
)


def _floats(result: ScheduleResult | GrowthResult) -> list[float]:
    return [v for v in result.model_dump().values() if isinstance(v, float)]


@settings(max_examples=300)
@given(plans, st.lists(points, max_size=8), finite)
def test_never_raises_never_non_finite(p, values, tolerance):
    for r in (schedule(p, values, tolerance), growth(p, values)):
        assert all(math.isfinite(x) for x in _floats(r))
        assert (r.verdict == "no_data") <= bool(r.reason)  # no_data always says why


def _mirror(p: Plan) -> Plan:
    def neg(pt: Point | None) -> Point | None:
        return None if pt is None else P(pt.year, -pt.value)

    return p.model_copy(
        update={
            "direction": FLIP[p.direction],
            "target_type": FLIP_TYPE.get(p.target_type, p.target_type),
            "baseline": neg(p.baseline),
            "target": neg(p.target),
        }
    )


@settings(max_examples=300)
@given(judged_plans, st.lists(points, max_size=6))
def test_mirroring_keeps_the_verdict(p, values):
    mirrored = [P(v.year, -v.value) for v in values]
    a, b = schedule(p, values), schedule(_mirror(p), mirrored)
    assert a.verdict == b.verdict
    assert (a.progress_share, a.time_share) == (b.progress_share, b.time_share)
    ga, gb = growth(p, values), growth(_mirror(p), mirrored)
    if "cagr" not in (ga.method, gb.method):  # negating swaps which side may use CAGR
        assert (ga.verdict, ga.ratio) == (gb.verdict, gb.ratio)


def _better(p: Plan, v1: float, v2: float) -> bool:
    """Whether v2 is at least as near the target as v1, in the plan's own sense."""
    if p.target_type == "at_least":
        return v2 >= v1
    if p.target_type == "at_most":
        return v2 <= v1
    if "maintain" in (p.direction, p.target_type):
        goal = Fraction(p.target.value)  # exact: float distances can round into ties
        return abs(Fraction(v2) - goal) <= abs(Fraction(v1) - goal)
    return v2 >= v1 if p.direction == "increase" else v2 <= v1


@settings(max_examples=300)
@given(judged_plans, st.lists(points, max_size=5), years, number, number)
def test_nearer_is_never_worse(p, others, year, v1, v2):
    if not _better(p, v1, v2):
        v1, v2 = v2, v1
    worse, nearer = others + [P(year, v1)], others + [P(year, v2)]
    s1, s2 = schedule(p, worse), schedule(p, nearer)
    g1, g2 = growth(p, worse), growth(p, nearer)
    if s1.verdict == "no_data":
        assert s2.verdict == "no_data" and g1.verdict == g2.verdict == "no_data"
        return
    assert SCHEDULE_RANK[s2.verdict] >= SCHEDULE_RANK[s1.verdict]
    assert GROWTH_RANK[g2.verdict] >= GROWTH_RANK[g1.verdict]


@given(st.lists(st.tuples(years, number), max_size=20))
def test_effective_values_keeps_last_entry_per_year(entries):
    values = [P(y, v) for y, v in entries]
    last = {}
    for i, (y, _) in enumerate(entries):
        last[y] = i
    result = effective_values(values)
    assert [pt.year for pt in result] == sorted(last)
    assert all(pt is values[last[pt.year]] for pt in result)


@given(st.sampled_from(["increase", "decrease"]), number, number, st.integers(1, 10), years)
def test_progress_is_exactly_zero_at_baseline_and_one_at_target(direction, a, b, span, year):
    if a == b:
        return
    low, high = sorted((a, b))
    start, goal = (low, high) if direction == "increase" else (high, low)
    p = plan(direction, base=(2000, start), target=(2000 + span, goal))
    at_goal = schedule(p, [P(2001 + year % 30, goal)])
    at_start = schedule(p, [P(2001 + year % 30, start)])
    assert (at_goal.verdict, at_goal.progress_share) == ("achieved", 1.0)
    assert at_start.progress_share == 0.0
    assert at_start.verdict != "achieved"


@settings(max_examples=300)
@given(plans, st.lists(points, max_size=8), st.floats(0, 0.5))
def test_the_status_is_what_both_verdicts_say(p, values, tolerance):
    sched, grow = assess_plan(p, values, tolerance)
    assert sched.latest == grow.latest
    assert assess_status(p, values, tolerance) == (
        sched.latest, sched.progress_share, sched.time_share, sched.verdict, grow.ratio,
        grow.verdict)


def _mark(point: Point | None) -> progress.Mark | None:
    return None if point is None else progress.Mark(point.year, point.value)


@settings(max_examples=300)
@given(plans, st.lists(points, max_size=8), st.floats(0, 0.5))
def test_plain_terms_and_marks_are_judged_as_their_models(p, values, tolerance):
    terms = progress.Terms(p.direction, p.target_type, _mark(p.baseline), _mark(p.target),
                           p.band)
    latest, *rest = assess_status(terms, [_mark(v) for v in values], tolerance)
    model_latest, *model_rest = assess_status(p, values, tolerance)
    assert latest == _mark(model_latest)
    assert rest == model_rest


@settings(max_examples=300)
@given(plans, st.lists(points, max_size=8), st.floats(0, 0.5))
def test_the_deciding_entries_decide_alike(p, values, tolerance):
    chosen = deciding_entries(p, [(v.year, v.value) for v in values])
    assert assess_plan(p, [P(y, v) for y, v in chosen], tolerance) == assess_plan(
        p, values, tolerance)


shares = st.fractions(min_value=-3, max_value=3, max_denominator=10**6)


def _frame(start: float, goal: float, now: float | Fraction, elapsed: int = 1,
           span: int = 2) -> progress._Frame:
    return progress._Frame(
        sense=1 if goal >= start else -1, start=start, goal=goal, now=now, band=0.0,
        elapsed=elapsed, span=span, latest=P(2020, 0.0), cagr_allowed=False, note="")


@settings(max_examples=500)
@given(shares, st.integers(1, 10), st.integers(1, 10), st.floats(0, 1),
       st.sampled_from([None, -1, 1]))
def test_pace_in_floats_decides_as_exact_arithmetic(p, elapsed, span, tolerance, edge):
    elapsed = min(elapsed, span)
    s = Fraction(elapsed, span)
    if edge is not None:  # right on an edge, where floats alone would guess
        p = s + edge * Fraction(tolerance)
    tol = Fraction(tolerance)
    exact = "ahead" if p > s + tol else "lagging" if p < s - tol else "on_schedule"
    # a running total is a Fraction: progress p exactly, over a goal of 1 from 0
    assert progress._pace(_frame(0.0, 1.0, p, elapsed, span), tolerance) == exact


@settings(max_examples=500)
@given(number, number, number)
def test_progress_share_is_the_exact_share_rounded(start, goal, now):
    f = _frame(start, goal, now)
    if f.progress is None:
        assert f.progress_share is None
    else:
        assert f.progress_share == progress._out(f.progress)


@settings(max_examples=300)
@given(judged_plans, st.lists(points, max_size=5))
def test_growth_in_floats_decides_as_exact_arithmetic(p, values):
    fast = growth(p, values)
    original = progress._float_rates
    progress._float_rates = lambda f: None  # every reading the exact way
    try:
        exact = growth(p, values)
    finally:
        progress._float_rates = original
    assert fast.verdict == exact.verdict
    if fast.ratio is not None and math.isfinite(exact.ratio) and abs(exact.ratio) < 1e300:
        assert fast.ratio == pytest.approx(exact.ratio, rel=1e-9, abs=1e-300)


# the plans a province mostly holds: a level, floor or ceiling above zero, figures of a
# few decimals, one value; the value also lands on the pace's edges and on the target,
# where floats alone cannot tell
figures = st.integers(1, 10**8).map(lambda n: n / 100)


def _plain_plan(direction: str, kind: str, a: float, times: int, span: int, turn: bool
                ) -> Plan:
    # within a factor of two, as most plans are: their differences are exact in floats
    low, high = sorted((a, round(a * times / 100, 2)))
    # the target beyond the baseline in the plan's sense, but now and then not
    up = kind == "at_least" or (kind == "level" and direction == "increase")
    start, goal = (low, high) if up != turn else (high, low)
    return plan(direction, base=(2020, start), target=(2020 + span, goal), target_type=kind)


plain_plans = st.builds(
    _plain_plan, st.sampled_from(["increase", "decrease", "maintain"]),
    st.sampled_from(["level", "at_least", "at_most"]), figures, st.integers(51, 199),
    st.integers(1, 10), st.integers(0, 9).map(lambda n: n == 0))


@st.composite
def plain_values(draw: st.DrawFn, p: Plan, tolerance: float) -> list[Point]:
    year = draw(st.sampled_from(range(2020, 2033)))
    start, goal = p.baseline.value, p.target.value
    s = min(year - 2020, p.target.year - 2020) / (p.target.year - 2020)
    share = draw(st.sampled_from([s - tolerance, s + tolerance, 1.0, 0.0, None, None, None]))
    if share is None:
        value = round(start * draw(st.integers(51, 199)) / 100, 2)
    else:
        value = start + (goal - start) * share
    return [P(year, value)] if value > 0 else []


@settings(max_examples=500)
@given(st.data())
def test_the_plain_way_decides_as_the_general_one(data):
    p, tolerance = data.draw(plain_plans), data.draw(st.sampled_from([0.0, 0.05, 0.1, 0.25]))
    values = data.draw(plain_values(p, tolerance))
    sched, grow = assess_plan(p, values, tolerance)
    assert assess_status(p, values, tolerance) == (
        sched.latest, sched.progress_share, sched.time_share, sched.verdict, grow.ratio,
        grow.verdict)


def test_a_plain_plan_is_judged_the_plain_way():
    # so the property above compares two ways, not the general one with itself
    p = plan("increase", base=(2020, 60.0), target=(2025, 80.0))
    status, heading, reason = progress._plain_status(p, [P(2022, 68.0)], 0.05)
    assert status == (
        P(2022, 68.0), 0.4, 0.4, "on_schedule", pytest.approx(1.0905, abs=1e-4), "on_track")
    assert heading == progress._heading(progress._frame(p, [P(2022, 68.0)]))
    assert reason == ""
    # and the general way takes what it does not know, or cannot tell in floats
    assert progress._plain_status(plan("increase", base=(2020, 0.0), target=(2025, 80.0)),
                                  [P(2022, 7.0)], 0.05) is None
    assert progress._plain_status(p, [P(2020, 67.0)], 0.05) is None
    assert progress._plain_status(p, [P(2022, 67.0)], 0.05) is None  # p = 0.35 = s - tol
