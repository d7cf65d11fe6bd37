"""Progress verdicts for plan indicators: 时序进度 (schedule) and the growth-rate ratio.

Pure functions, no I/O. The rules, thresholds and every edge case are in the README ("Progress and verdicts").
Every decision is exact. Floats are compared as given (a comparison of floats is exact);
arithmetic is `Fraction` or 50-digit `Decimal`, so no finite input can overflow into inf or
NaN on the way; a threshold is decided in floats only when the float result is clear of it
by far more than rounding could move it. The floats handed back are clamped to the float
range.

One module, though long: the schedule, growth, projection and milestone rules are one chain
that the status cache and every report call; split up, a rule would soon exist twice.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from itertools import count
from typing import Any, Generic, Literal, NamedTuple, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat

from tracker.models import (
    LAST_YEAR,
    RATE_TYPES,
    AnnualReading,
    BaselineFlag,
    Direction,
    Indicator,
    MilestoneState,
    TargetType,
    ValuesAs,
)

DEFAULT_TOLERANCE = 0.05
ON_TRACK = Fraction(95, 100)
ACCELERATION_NEEDED = Fraction(60, 100)
# the growth ratios a verdict changes at, as floats for the quick path
_FLOAT_THRESHOLDS = (0.0, float(ACCELERATION_NEEDED), float(ON_TRACK))

# near: from the last year before the target year on, a milestone not started is late
MILESTONE_NEAR_YEARS = 1
# a projected year is the first whole year the pace reaches the target; a float pace that
# lands on a year by construction may miss it by rounding, so this much is forgiven
_YEAR_SLACK = 1e-9

ScheduleVerdict = Literal["achieved", "ahead", "on_schedule", "lagging", "no_data",
                          "monitoring", "to_be_set"]
GrowthVerdict = Literal[
    "target_achieved",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
    "no_data",
    "monitoring",
    "to_be_set",
]
# a row with no numeric target: watched, not judged, and counted on its own
MONITORING = "monitoring"
# a row whose target the planners have not set yet (待设定): a plan table's row waiting
# for its target is not a row missing data, so it is not judged and is counted on its own
TO_BE_SET = "to_be_set"
UNJUDGED: tuple[str, ...] = (MONITORING, TO_BE_SET)
# the verdicts a judged row can have, in the order a roll-up lists them
SCHEDULE_VERDICTS: tuple[str, ...] = tuple(v for v in get_args(ScheduleVerdict)
                                           if v not in UNJUDGED)
GROWTH_VERDICTS: tuple[str, ...] = tuple(v for v in get_args(GrowthVerdict) if v not in UNJUDGED)
Method = Literal["cagr", "linear", "none"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Point(_Frozen):
    year: int
    value: FiniteFloat


class Plan(_Frozen):
    direction: Direction
    target_type: TargetType
    baseline: Point | None
    target: Point | None
    # For maintain: how far from the target still counts as held (None means exactly).
    band: FiniteFloat | None = Field(default=None, ge=0)
    # growth_rate and reduction: values entered as levels (None: levels) or yearly rates
    values_as: ValuesAs | None = None
    # milestone: its state (None: not started)
    milestone: MilestoneState | None = None
    # the target year of a plan with no target value (milestone, monitor)
    target_year: int | None = None


class Mark(NamedTuple):
    """A Point's year and value, for a caller whose numbers were checked when they were
    stored: the status cache judges every plan of a province's import, and building a
    model for each plan and value would weigh on that import."""

    year: int
    value: float


class Terms(NamedTuple):
    """A Plan's fields as plain values, for the same callers; the verdicts read either."""

    direction: Direction
    target_type: TargetType
    baseline: Mark | None
    target: Mark | None
    band: float | None = None
    values_as: ValuesAs | None = None
    milestone: MilestoneState | None = None
    target_year: int | None = None


# what the verdicts read: a plan and dated values, as models or as plain checked values
AnyPlan = Plan | Terms
Dated = Point | Mark
D = TypeVar("D", Point, Mark)


class ScheduleResult(_Frozen):
    verdict: ScheduleVerdict
    progress_share: float | None = None
    time_share: float | None = None
    latest: Point | None = None
    reason: str = ""
    # the open quality flags of the figure the baseline was taken from: a verdict built
    # on a suspect baseline says so
    baseline_flags: tuple[BaselineFlag, ...] = ()


class GrowthResult(_Frozen):
    verdict: GrowthVerdict
    ratio: float | None = None
    actual_rate: float | None = None
    required_rate: float | None = None
    method: Method = "none"
    latest: Point | None = None
    reason: str = ""
    baseline_flags: tuple[BaselineFlag, ...] = ()


class Heading(NamedTuple):
    """Where an indicator is heading at its pace so far. Estimates, not verdicts: floats."""

    projected_value: float | None = None  # at the target year
    projected_year: int | None = None  # the first year the target is reached; None: never
    required_rate_remaining: float | None = None  # compound, per year, as a fraction
    required_per_year_remaining: float | None = None  # linear or cumulative, in the unit
    running_total: float | None = None  # cumulative: the total so far


NO_HEADING = Heading()


# a year's value against that year's target
Annual = AnnualReading


class Assessment(_Frozen):
    """Every reading of one indicator."""

    schedule: ScheduleResult
    growth: GrowthResult
    heading: Heading = NO_HEADING
    annual: Annual | None = None
    baseline_flags: tuple[BaselineFlag, ...] = ()


def effective_values(values: Sequence[D]) -> list[D]:
    """One point per year, by year; a later entry for the same year supersedes earlier ones."""
    if len(values) < 2:  # a status cache's usual case: the one value that decides
        return list(values)
    by_year = {p.year: p for p in values}
    return [by_year[y] for y in sorted(by_year)]


T = TypeVar("T")


class _cached(Generic[T]):  # noqa: N801 - used as a decorator, like the property it stands for
    """functools.cached_property without the lock it takes on every read before 3.12:
    a province's import works out a verdict per indicator, and the lock weighs on each."""

    def __init__(self, fn: Callable[[Any], T]) -> None:
        self.fn, self.name = fn, fn.__name__

    def __get__(self, obj: Any, cls: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        # kept in the instance: read from there next time, past this descriptor
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass(frozen=True)
class _NoData:
    """A plan the numbers cannot judge: no data, or a kind whose verdict its kind decides
    (a milestone by its state, a monitoring indicator by having no target)."""

    reason: str
    latest: Dated | None
    schedule: ScheduleVerdict = "no_data"
    growth: GrowthVerdict = "no_data"


# not frozen: a frozen init sets each field through object.__setattr__, and a status cache
# makes 100,000 of these; nothing changes one once it is made
@dataclass
class _Frame:
    """What both readings share once the data is known to be usable."""

    # Numbers as given (floats compare exactly); a cumulative total is an exact Fraction.
    # Arithmetic on them goes through _q, so it is exact too.
    sense: int  # +1 higher is better, -1 lower is better, 0 hold within the band
    start: float | Fraction  # baseline value; 0 for a cumulative total
    goal: float | Fraction  # a target level worked out from a rate is exact
    now: float | Fraction  # latest value; the running total for a cumulative target
    band: float
    elapsed: int  # years from baseline to latest, > 0
    span: int  # years from baseline to target, > 0
    latest: Dated
    cagr_allowed: bool
    note: str  # why progress is undefined, when it is
    cumulative: bool = False
    # years from baseline to the review year, when one is set: time is read there, while
    # progress stays at the latest value up to it
    clock: int | None = None

    @property
    def gone(self) -> int:
        """Years of the plan period gone by: to the review year, else to the latest value."""
        return self.elapsed if self.clock is None else max(self.clock, self.elapsed)

    @property
    def due(self) -> bool:
        return self.gone >= self.span

    @property
    def time(self) -> Fraction:
        """The share of the plan period gone by, capped at 1."""
        return Fraction(min(self.gone, self.span), self.span)

    @property
    def time_share(self) -> float:
        """The same share as the nearest float: an int division rounds correctly."""
        return min(self.gone, self.span) / self.span

    # cached: both readings ask, and exact arithmetic is the bulk of a verdict's cost
    @_cached
    def reached(self) -> bool:
        if self.sense == 0:
            return abs(_q(self.now) - _q(self.goal)) <= _q(self.band)
        return self.now >= self.goal if self.sense > 0 else self.now <= self.goal

    @property
    def has_progress(self) -> bool:
        return self.sense != 0 and _better(self.sense, self.goal, self.start)

    @_cached
    def progress(self) -> Fraction | None:
        """(now - start) / (goal - start), exactly."""
        if not self.has_progress:
            return None
        start = _q(self.start)
        return (_q(self.now) - start) / (_q(self.goal) - start)

    @_cached
    def progress_share(self) -> float | None:
        """The progress as the nearest float. When both differences are exact in floats
        (the common case: values of one indicator are of one size), one float division
        rounds the exact quotient correctly, and no Fraction is needed."""
        if not self.has_progress:
            return None
        if type(self.now) is float and type(self.start) is float and type(self.goal) is float:
            share = _share_in_floats(self.now, self.start, self.goal)
            if share is not None:
                return share
        return _out(self.progress)  # type: ignore[arg-type]


def _share_in_floats(now: float, start: float, goal: float) -> float | None:
    """(now - start) / (goal - start) as the nearest float, or None when a difference is
    not exact in floats or the share overflows."""
    done, whole = _exact_difference(now, start), _exact_difference(goal, start)
    if done is None or whole is None:
        return None
    share = done / whole
    return share if math.isfinite(share) else None


def _exact_difference(a: float, b: float) -> float | None:
    """a - b when floats hold it exactly (Knuth's TwoSum leaves no error); else None."""
    d = a - b
    back = d - a
    err = (a - (d - back)) + (-b - back)
    return d if err == 0.0 and math.isfinite(d) else None


def _q(x: float | Fraction) -> Fraction:
    """The exact value of a number."""
    return x if type(x) is Fraction else Fraction(x)


def _better(sense: int, a: float | Fraction, b: float | Fraction) -> bool:
    """Whether a is strictly better than b in this sense (compared exactly, no arithmetic)."""
    return a > b if sense > 0 else a < b


def _sense(plan: AnyPlan) -> int:
    # The target type says which side is good for floors and ceilings, whatever the direction.
    if plan.target_type == "at_least":
        return 1
    if plan.target_type == "at_most":
        return -1
    if "maintain" in (plan.target_type, plan.direction):
        return 0
    return 1 if plan.direction == "increase" else -1


def _frame(plan: AnyPlan, values: Sequence[Dated], as_of: int | None = None,
           review_year: int | None = None) -> _Frame | _NoData:
    kind = plan.target_type
    if kind == "milestone":
        return _milestone(plan, as_of if review_year is None else review_year)
    if review_year is not None:
        # the values of years after the review year are not yet due: set aside
        values = [p for p in values if p.year <= review_year]
    base, target, sense = plan.baseline, plan.target, _sense(plan)
    cumulative = kind == "cumulative" and sense != 0
    rates = plan.values_as == "rate" and kind in RATE_TYPES
    points = effective_values(values)
    if base is not None:
        # A value dated in the baseline year restates the start; it is not progress.
        points = [p for p in points if p.year > base.year]
    after_baseline = bool(points)
    if cumulative and target is not None:
        # Amounts after the target year belong to no total of this plan.
        points = [p for p in points if p.year <= target.year]
    latest = points[-1] if points else None

    if kind == "monitor":
        return _NoData("", latest, "monitoring", "monitoring")
    if target is None:
        return _NoData("no target", latest, TO_BE_SET, TO_BE_SET)
    if base is None:
        return _NoData("no baseline", latest)
    if target.year <= base.year:
        return _NoData("target year not after baseline year", latest)
    if latest is None:
        if after_baseline:
            return _NoData("no value in the plan period", None)
        return _NoData("no value after the baseline year", None)

    start: float | Fraction = base.value
    now: float | Fraction = latest.value
    goal: float | Fraction = target.value
    span = target.year - base.year
    if cumulative or rates:
        # A missing year is unknown, not zero: a total, or a level compounded from yearly
        # rates, with a gap is no total or level at all.
        years = {p.year for p in points}
        gap = next(y for y in count(base.year + 1) if y not in years)
        if gap < latest.year:
            return _NoData(f"no value for {gap}", latest)
    if cumulative:
        start, now = 0.0, sum((Fraction(p.value) for p in points), Fraction(0))
    note, compound = "", not cumulative
    if kind in RATE_TYPES:
        levels = _rate_levels(kind, start, goal, span, points if rates else None)
        if isinstance(levels, str):
            return _NoData(levels, latest)
        start, goal, level, note, compound = levels
        if level is not None:
            now = level

    if sense and goal == start:
        note = _joined(note, "target equals baseline")
    elif sense and _better(sense, start, goal):
        if kind in ("level", "cumulative", "growth_rate", "reduction"):
            reason = f"target is on the wrong side of the baseline for {plan.direction}"
            return _NoData(reason, latest)
        note = _joined(note, "baseline already meets the target")
    return _Frame(
        sense=sense,
        start=start,
        goal=goal,
        now=now,
        band=plan.band or 0.0,
        elapsed=latest.year - base.year,
        span=span,
        latest=latest,
        cagr_allowed=compound,
        note=note,
        cumulative=cumulative,
        clock=None if review_year is None else review_year - base.year,
    )


def _joined(a: str, b: str) -> str:
    return f"{a}; {b}" if a else b


LINEAR_RATES = "baseline not above zero: the yearly rates are added, not compounded"
LINEAR_LEVEL = "baseline below zero: the rate is applied to its size each year, not compounded"


def _rate_levels(kind: str, base: float | Fraction, rate: float | Fraction, span: int,
                 rates: Sequence[Dated] | None
                 ) -> tuple[Fraction, Fraction, Fraction | None, str, bool] | str:
    """The start, target level, latest level (None: the value is the level), note and
    whether compound rates apply, for a target given as a rate: growth_rate (年均增长 r%,
    compounded over the plan years) or reduction (降低 r% over the plan). `rates` are the
    yearly rates in %, from the year after the baseline, when the values are rates. A
    reason (str) when no level can be had."""
    b, r = Fraction(base), Fraction(rate) / 100
    if kind == "reduction":
        if b <= 0:
            return "a reduction needs a baseline above zero"
        level = None
        if rates is not None:
            level = b
            for p in rates:
                level *= 1 - Fraction(p.value) / 100
        return b, b * (1 - r), level, "", True
    if b > 0:
        level = None
        if rates is not None:
            level = b
            for p in rates:
                level *= 1 + Fraction(p.value) / 100
        return b, b * (1 + r) ** span, level, "", True
    # no level to compound from: the rate is read linearly, and the reason says so
    if rates is not None:
        total = sum((Fraction(p.value) for p in rates), Fraction(0))
        return Fraction(0), Fraction(rate) * span, total, LINEAR_RATES, False
    if b == 0:
        return "a growth rate needs a baseline above zero, or values entered as yearly rates"
    return b, b + abs(b) * r * span, None, LINEAR_LEVEL, False


def target_level(plan: AnyPlan) -> float | None:
    """The level a rate target (growth_rate, reduction) comes to in its target year, by
    the same rule the verdicts read; None for other kinds, or where no level can be had."""
    base, target = plan.baseline, plan.target
    if plan.target_type not in RATE_TYPES or base is None or target is None:
        return None
    if target.year <= base.year:
        return None
    levels = _rate_levels(plan.target_type, base.value, target.value,
                          target.year - base.year, None)
    return None if isinstance(levels, str) else _out(levels[1])


def _milestone(plan: AnyPlan, as_of: int | None) -> _NoData:
    """A milestone's verdicts, from its state and the year it is read in (`as_of`; None:
    unknown, so never late). Not started is late from the last year before the target
    year (MILESTONE_NEAR_YEARS) on; before that it is too early to say."""
    state = plan.milestone or "not_started"
    year = plan.target.year if plan.target is not None else plan.target_year
    if state == "done":
        return _NoData("", None, "achieved", "target_achieved")
    if year is None:
        return _NoData("no target year", None, TO_BE_SET, TO_BE_SET)
    if as_of is not None and as_of > year:
        return _NoData("target year passed", None, "lagging", "limited_progress")
    if state == "in_progress":
        return _NoData("", None, "on_schedule", "on_track")
    if as_of is not None and as_of >= year - MILESTONE_NEAR_YEARS:
        return _NoData("not started, and the target year is near", None, "lagging",
                       "acceleration_needed")
    return _NoData("not started yet", None)


_MAX = sys.float_info.max


def _out(x: Fraction | Decimal | float) -> float:
    if type(x) is float and -_MAX <= x <= _MAX:  # most are: nothing to convert or clamp
        return x
    try:
        f = float(x)
    except OverflowError:  # Fraction refuses what Decimal turns into inf
        f = math.inf if x > 0 else -math.inf
    return min(max(f, -_MAX), _MAX)


def schedule(
    plan: Plan, values: Sequence[Point], tolerance: float = DEFAULT_TOLERANCE
) -> ScheduleResult:
    """时序进度: progress share p against time share s at the latest value's year."""
    if not math.isfinite(tolerance):
        raise ValueError("tolerance must be finite")
    return _schedule(_frame(plan, values), tolerance)


def _schedule(f: _Frame | _NoData, tolerance: float) -> ScheduleResult:
    verdict, p, s, reason = _schedule_parts(f, tolerance)
    return ScheduleResult(verdict=verdict, progress_share=p, time_share=s, latest=f.latest,
                          reason=reason)


def _schedule_parts(f: _Frame | _NoData, tolerance: float
                    ) -> tuple[ScheduleVerdict, float | None, float | None, str]:
    """The verdict, progress share, time share and reason."""
    if isinstance(f, _NoData):
        return f.schedule, None, None, f.reason
    s = f.time_share
    p = f.progress_share
    verdict = _schedule_rule(f.sense, f.reached, f.due, p is not None) or _pace(
        f, max(tolerance, 0.0))
    return verdict, p, s, _schedule_reason(f.note, f.sense, f.reached, p is not None, f.due)


def _schedule_reason(note: str, sense: int, reached: bool, has_progress: bool, due: bool
                     ) -> str:
    if sense and not reached and (not has_progress or due):
        return note or PASSED
    return note


def _growth_reason(verdict: GrowthVerdict, due: bool) -> str:
    return PASSED if verdict == "limited_progress" and due else ""


PASSED = "target year passed"


def _schedule_rule(sense: int, reached: bool, due: bool, has_progress: bool
                   ) -> ScheduleVerdict | None:
    """The schedule verdict's chain of rules, for every way of reading a plan; None where
    the pace decides (ahead / on schedule / lagging)."""
    if sense == 0:
        # Holding a level is only "achieved" once the target year has been held through.
        return ("achieved" if due else "on_schedule") if reached else "lagging"
    if reached:
        return "achieved"
    if not has_progress or due:
        return "lagging"
    return None


def _pace(f: _Frame, tolerance: float) -> ScheduleVerdict:
    """ahead / on schedule / lagging: progress share p against time share s, give or take
    the tolerance. Decided in floats when clear of both edges by far more than their
    rounding; exactly otherwise."""
    pf = f.progress_share
    assert pf is not None
    quick = _pace_in_floats(pf, f.time_share, tolerance)
    if quick is not None:
        return quick
    p, s, tol = f.progress, f.time, Fraction(tolerance)
    assert p is not None
    return "ahead" if p > s + tol else "lagging" if p < s - tol else "on_schedule"


def _pace_in_floats(p: float, s: float, tolerance: float) -> ScheduleVerdict | None:
    """The pace verdict of progress share p against time share s, or None when p is too
    near an edge for floats to tell."""
    upper, lower = s + tolerance, s - tolerance
    margin = 1e-9 * max(1.0, abs(p), abs(upper), abs(lower))
    if abs(p - upper) > margin and abs(p - lower) > margin:
        return "ahead" if p > upper else "lagging" if p < lower else "on_schedule"
    return None


def _cagr_float(g: float, years: int) -> float | None:
    """The same rate in floating point, when the growth factor is well inside float range."""
    # near 1 the logarithm magnifies the quotient's rounding past the margin the verdict
    # thresholds are guarded by, so those growth factors go the exact way
    if not 1e-250 < g < 1e250 or abs(g - 1.0) < 1e-6:
        return None
    # expm1 keeps the digits of a small rate that exp(x) - 1 would cancel
    return math.expm1(math.log(g) / years)


def _float_rates(f: _Frame) -> tuple[float, float, float] | None:
    """actual and required CAGR and their ratio in floats; None when a threshold is too
    close to call in floats (the exact path decides those) or the numbers are out of
    float's comfortable range."""
    return _rates_in_floats(_out(f.start), _out(f.now), _out(f.goal), f.elapsed, f.span)


def _rates_in_floats(start: float, now: float, goal: float, elapsed: int, span: int
                     ) -> tuple[float, float, float] | None:
    """`_float_rates` of these numbers."""
    # float quotients: a rounding here moves the rate far less than the margin below
    if start == 0.0:
        return None
    actual = _cagr_float(now / start, elapsed)
    required = _cagr_float(goal / start, span)
    if actual is None or required is None or required == 0.0:
        return None
    ratio = actual / required
    margin = 1e-9 * max(1.0, abs(ratio))
    for t in _FLOAT_THRESHOLDS:
        if abs(ratio - t) <= margin:
            return None
    return actual, required, ratio


_TINY = Decimal("1e-20")


def _cagr(growth: Fraction, years: int) -> Decimal:
    x = Decimal(growth.numerator - growth.denominator) / growth.denominator
    if abs(x) < _TINY:
        # a target level worked out from a tiny rate is 1 + x with x far below 50 digits:
        # ln(1 + x) by its series, where the quotient itself would round to exactly 1
        log_rate = (x - x * x / 2 + x * x * x / 3) / years
    else:
        log_rate = (Decimal(growth.numerator) / growth.denominator).ln() / years
    # exp(x) - 1 cancels the leading digits of a tiny x; widen the precision to keep them.
    with localcontext(prec=50 + max(0, -log_rate.adjusted())):
        return log_rate.exp() - 1


def growth(plan: Plan, values: Sequence[Point]) -> GrowthResult:
    """Growth-rate ratio (Statistics Canada / Open SDG): actual rate over required rate."""
    return _growth(_frame(plan, values))


def _growth(f: _Frame | _NoData) -> GrowthResult:
    verdict, ratio, actual, required, method, reason = _growth_parts(f)
    return GrowthResult(verdict=verdict, ratio=ratio, actual_rate=actual,
                        required_rate=required, method=method, latest=f.latest, reason=reason)


def _growth_parts(f: _Frame | _NoData) -> tuple[
        GrowthVerdict, float | None, float | None, float | None, Method, str]:
    """The verdict, ratio, actual and required rates, method and reason."""
    if isinstance(f, _NoData):
        return f.growth, None, None, None, "none", f.reason
    if f.sense == 0:
        verdict = ("target_achieved" if f.due else "on_track") if f.reached else "deterioration"
        return verdict, None, None, None, "none", ""
    if not f.has_progress:
        verdict = "target_achieved" if f.reached else "deterioration"
        return verdict, None, None, None, "none", f.note

    compound = f.cagr_allowed and min(f.start, f.now, f.goal) > 0
    fast = _float_rates(f) if compound else None
    actual: Fraction | Decimal | float
    required: Fraction | Decimal | float
    slow, on_track = ACCELERATION_NEEDED, ON_TRACK
    if fast is not None:
        # the common case: plain floats, far quicker than 50-digit logarithms; the
        # ratio is known to be clear of every threshold, so float thresholds decide alike
        method: Method = "cagr"
        actual, required, ratio = fast
        _, slow, on_track = _FLOAT_THRESHOLDS
    else:
        start = _q(f.start)
        with localcontext(prec=50):
            if compound:
                method = "cagr"
                actual = _cagr(_q(f.now) / start, f.elapsed)
                required = _cagr(_q(f.goal) / start, f.span)
            else:
                method = "linear"
                actual = (_q(f.now) - start) / f.elapsed
                required = (_q(f.goal) - start) / f.span
            ratio = actual / required

    verdict = _paced_growth(f.reached, f.due, ratio, slow, on_track)
    reason = _growth_reason(verdict, f.due)
    return verdict, _out(ratio), _out(actual), _out(required), method, reason


def _paced_growth(reached: bool, due: bool, ratio: Any, slow: Any, on_track: Any
                  ) -> GrowthVerdict:
    """The growth verdict of a plan with progress to make, from its rates' ratio and the
    thresholds, both exact or both floats."""
    if reached:
        return "target_achieved"
    if ratio < 0:
        return "deterioration"
    if ratio < slow or due:
        # Past the deadline there is no pace left to be on or to speed up to.
        return "limited_progress"
    return "acceleration_needed" if ratio < on_track else "on_track"


Entry = TypeVar("Entry", bound=tuple)


def reads_history(plan: AnyPlan) -> bool:
    """Whether the verdicts read every value (a running total, or a level compounded from
    yearly rates), not only the latest."""
    return (plan.target_type == "cumulative" and _sense(plan) != 0) or (
        plan.values_as == "rate" and plan.target_type in RATE_TYPES)


def deciding_entries(plan: AnyPlan, entries: Sequence[Entry]) -> list[Entry]:
    """Of a history of entries (year first, in entry order), the ones the verdicts read:
    every one for a cumulative total; otherwise only the one in force for the latest year
    after the baseline year (any year, without a baseline). `assess_plan` gives the same
    verdicts on these as on all of them, and a store need not build a point for each."""
    if reads_history(plan):
        return list(entries)
    after = plan.baseline.year if plan.baseline is not None else None
    chosen: Entry | None = None
    for e in entries:
        if (after is None or e[0] > after) and (chosen is None or e[0] >= chosen[0]):
            chosen = e
    return [] if chosen is None else [chosen]


def plan_for(ind: Indicator) -> Plan:
    """The plan of an indicator, as the verdict functions read it."""

    def point(value: float | None, year: int | None) -> Point | None:
        return None if value is None or year is None else Point(year=year, value=value)

    return Plan(
        direction=ind.direction,
        target_type=ind.target_type,
        baseline=point(ind.baseline_value, ind.baseline_year),
        target=point(ind.target_value, ind.target_year),
        band=ind.band,
        values_as=ind.values_as,
        milestone=ind.milestone_state,
        target_year=ind.target_year,
    )


def assess(
    ind: Indicator, values: Sequence[Point], tolerance: float = DEFAULT_TOLERANCE,
    *, as_of: int | None = None, baseline_flags: Sequence[BaselineFlag] = (),
) -> tuple[ScheduleResult, GrowthResult]:
    """Both verdicts for an indicator; values in entry order (a later entry supersedes)."""
    return assess_plan(plan_for(ind), values, tolerance, as_of=as_of,
                       baseline_flags=baseline_flags)


def assess_plan(
    plan: Plan, values: Sequence[Point], tolerance: float = DEFAULT_TOLERANCE,
    *, as_of: int | None = None, baseline_flags: Sequence[BaselineFlag] = (),
) -> tuple[ScheduleResult, GrowthResult]:
    """Both verdicts from one look at the data. `as_of` is the year a milestone is read
    in; `baseline_flags` the open flags of the baseline's source, which both carry."""
    a = assess_all(plan, values, tolerance, as_of=as_of, baseline_flags=baseline_flags)
    return a.schedule, a.growth


def assess_all(
    plan: Plan, values: Sequence[Point], tolerance: float = DEFAULT_TOLERANCE,
    *, annual_targets: Mapping[int, float] | None = None, as_of: int | None = None,
    baseline_flags: Sequence[BaselineFlag] = (), review_year: int | None = None,
) -> Assessment:
    """Every reading: both verdicts, where the indicator is heading, and the latest year
    with both a yearly target and a value. With a `review_year`, the time share is taken
    at it and the values of later years are set aside."""
    if not math.isfinite(tolerance):
        raise ValueError("tolerance must be finite")
    if review_year is not None:
        values = [p for p in values if p.year <= review_year]
    frame = _frame(plan, values, as_of, review_year)
    flags = tuple(baseline_flags)
    sched, grow = _schedule(frame, tolerance), _growth(frame)
    if flags:
        sched = sched.model_copy(update={"baseline_flags": flags})
        grow = grow.model_copy(update={"baseline_flags": flags})
    return Assessment(schedule=sched, growth=grow, heading=_heading(frame),
                      annual=annual(plan, annual_targets or {}, values),
                      baseline_flags=flags)


def _heading(f: _Frame | _NoData) -> Heading:
    if isinstance(f, _NoData) or f.sense == 0:
        return NO_HEADING
    compound = f.cagr_allowed and min(f.start, f.now, f.goal) > 0
    return _heading_parts(f.sense, f.start, f.now, f.goal, f.elapsed, f.span,
                          f.latest.year, f.reached, compound, f.cumulative)


def _heading_parts(sense: int, start: float | Fraction, now: float | Fraction,
                   goal: float | Fraction, elapsed: int, span: int, latest_year: int,
                   reached: bool, compound: bool, cumulative: bool) -> Heading:
    """Where a plan with a side to move to is heading at its pace so far: compound when
    `compound` (every number above zero), else a straight line (linear)."""
    remaining = span - elapsed
    needed = not reached and remaining > 0
    total = _out(now) if cumulative else None
    if compound:
        # in logarithms: no quotient or power of finite numbers overflows on the way
        if type(start) is type(now) is type(goal) is float:
            lo_start, lo_now, lo_goal = math.log(start), math.log(now), math.log(goal)
        else:
            lo_start, lo_now, lo_goal = _ln(start), _ln(now), _ln(goal)
        per_year = (lo_now - lo_start) / elapsed
        projected = _exp(lo_start + per_year * span)
        year = latest_year if reached else None
        if not reached and per_year * sense > 0:
            year = _year_at(latest_year, (lo_goal - lo_now) / per_year - _YEAR_SLACK)
        rate = _out(math.expm1(min((lo_goal - lo_now) / remaining, 709.0))) if needed \
            else None
        return Heading(projected, year, rate, None, total)
    a, n, g = _q(start), _q(now), _q(goal)
    pace = (n - a) / elapsed
    year = latest_year if reached else None
    if not reached and pace * sense > 0:
        year = _year_at(latest_year, (g - n) / pace)
    per = _out((g - n) / remaining) if needed else None
    return Heading(_out(a + pace * span), year, None, per, total)


def _year_at(latest_year: int, years_more: float | Fraction) -> int | None:
    """The year a pace gets there, or None past any year a plan can name: a pace that
    creeps takes longer than the calendar a plan is written in, which is never."""
    if years_more > LAST_YEAR - latest_year:
        return None
    return latest_year + math.ceil(years_more)


def _ln(x: float | Fraction) -> float:
    """log of a number above zero, whatever its size."""
    if type(x) is float:
        return math.log(x)
    x = _q(x)
    # a correctly rounded float keeps the log as exact as a float log can be; the two
    # logs of a large numerator and denominator each lose more than a slow pace can spare
    f = float(x) if x < _MAX else math.inf
    if sys.float_info.min <= f < math.inf:
        return math.log(f)
    return math.log(x.numerator) - math.log(x.denominator)


def _exp(x: float) -> float:
    return _MAX if x > 709.0 else math.exp(x)


def _value_sense(plan: AnyPlan) -> int:
    """Which side of a yearly target a value is good on: as the plan's, but a yearly
    reduction entered as a rate (降低 3%) is better the larger it is."""
    if plan.values_as == "rate" and plan.target_type == "reduction":
        return 1
    return _sense(plan)


def annual(plan: AnyPlan, targets: Mapping[int, float], values: Sequence[Dated]
           ) -> Annual | None:
    """The latest year with both a yearly target and a value, and whether it was met;
    None when no year has both. A yearly target is in the terms the values are entered
    in (a level, a year's amount, a year's rate)."""
    if not targets or plan.target_type == "milestone":
        return None
    by_year = {p.year: p.value for p in effective_values(values)}
    both = [y for y in targets if y in by_year]
    if not both:
        return None
    year = max(both)
    return Annual(year=year, target=targets[year], value=by_year[year],
                  met=meets(plan, by_year[year], targets[year]))


def meets(plan: AnyPlan, value: float, target: float) -> bool:
    """Whether a value meets a target, in the plan's sense (exactly)."""
    sense = _value_sense(plan)
    if sense == 0:
        return abs(_q(value) - _q(target)) <= _q(plan.band or 0.0)
    return value >= target if sense > 0 else value <= target


# what a status cache keeps of both verdicts: the latest value (a Point or a Mark, as the
# values were given), progress share, time share, schedule verdict, growth ratio and growth
# verdict
Status = tuple[Dated | None, float | None, float | None, ScheduleVerdict, float | None,
               GrowthVerdict]


class CachedStatus(NamedTuple):
    """All a status cache keeps of one indicator: `status` as `assess_status` gives it,
    where it is heading, why it has no verdict (or what the verdict rests on), the latest
    yearly target's reading and the baseline's open flags."""

    status: Status
    heading: Heading
    reason: str
    annual: Annual | None
    baseline_flags: tuple[BaselineFlag, ...]


def assess_status(
    plan: AnyPlan, values: Sequence[Dated], tolerance: float = DEFAULT_TOLERANCE
) -> Status:
    """The parts of `assess_plan` a status cache keeps, the same numbers and verdicts,
    without their result models: a province's import works out 100,000 of them. The plan
    and values may be models or their plain `Terms` and `Mark`s."""
    return assess_cached(plan, values, tolerance).status


def assess_cached(
    plan: AnyPlan, values: Sequence[Dated], tolerance: float = DEFAULT_TOLERANCE,
    *, annual_targets: Mapping[int, float] | None = None, as_of: int | None = None,
    baseline_flags: Sequence[BaselineFlag] = (), review_year: int | None = None,
) -> CachedStatus:
    """`assess_all` as a status cache keeps it, as plain tuples."""
    if not math.isfinite(tolerance):
        raise ValueError("tolerance must be finite")
    if review_year is not None:
        values = [p for p in values if p.year <= review_year]
    flags = tuple(baseline_flags) if baseline_flags else ()
    yearly = annual(plan, annual_targets, values) if annual_targets else None
    # the quick way reads time at the latest value; a review year reads it elsewhere
    plain = None if review_year is not None else _plain_status(plan, values, tolerance)
    if plain is not None:
        return CachedStatus(*plain, yearly, flags)
    frame = _frame(plan, values, as_of, review_year)
    verdict, p, s, reason = _schedule_parts(frame, tolerance)
    growth_verdict, ratio, *_, growth_reason = _growth_parts(frame)
    return CachedStatus((frame.latest, p, s, verdict, ratio, growth_verdict),
                        _heading(frame), reason or growth_reason, yearly, flags)


def _plain_status(plan: AnyPlan, values: Sequence[Dated], tolerance: float
                  ) -> tuple[Status, Heading, str] | None:
    """`assess_cached`'s status, heading and reason for the plan a province mostly holds, in
    floats alone, without the frame and exact numbers every other plan needs: a level,
    floor or ceiling above zero, a target beyond its baseline, one value after the
    baseline year. None for any other plan, and where a number is too near a verdict's
    edge for floats to tell; the general way then decides. It halves the verdicts' part
    of a province's import; a property test holds the two ways to the same answers. The
    verdicts and the heading come from the same rules the general way reads."""
    if len(values) != 1 or plan.target_type not in _PLAIN_TYPES:
        return None
    sense, base, target, latest = _sense(plan), plan.baseline, plan.target, values[0]
    if not sense or base is None or target is None:
        return None
    start, goal, now = base.value, target.value, latest.value
    elapsed, span = latest.year - base.year, target.year - base.year
    # where `_frame` finds no data or a note: the value not after the baseline year, the
    # target not after it, or no progress to make
    if elapsed <= 0 or span <= 0 or not _better(sense, goal, start):
        return None
    if not (type(start) is type(goal) is type(now) is float and min(start, goal, now) > 0):
        return None
    p, s = _share_in_floats(now, start, goal), min(elapsed, span) / span
    rates = _rates_in_floats(start, now, goal, elapsed, span)
    if p is None or rates is None:
        return None
    reached, due = (now >= goal if sense > 0 else now <= goal), elapsed >= span
    verdict = _schedule_rule(sense, reached, due, True) or _pace_in_floats(
        p, s, max(tolerance, 0.0))
    if verdict is None:
        return None
    _, slow, on_track = _FLOAT_THRESHOLDS
    growth_verdict = _paced_growth(reached, due, rates[2], slow, on_track)
    status: Status = (latest, p, s, verdict, _out(rates[2]), growth_verdict)
    reason = _schedule_reason("", sense, reached, True, due) or _growth_reason(
        growth_verdict, due)
    return status, _heading_parts(sense, start, now, goal, elapsed, span, latest.year,
                                  reached, True, False), reason


_PLAIN_TYPES = frozenset({"level", "at_least", "at_most"})


def overdue_years(plan: AnyPlan, value_years: Collection[int], review_year: int | None
                  ) -> list[int]:
    """The years after the baseline year, up to the review year (and no later than the
    target year), with no value (逾期未报). None without a review year, a baseline year,
    or for a milestone, whose state is its report."""
    if review_year is None or plan.target_type == "milestone" or plan.baseline is None:
        return []
    last = review_year if plan.target_year is None else min(review_year, plan.target_year)
    return [y for y in range(plan.baseline.year + 1, last + 1) if y not in value_years]
