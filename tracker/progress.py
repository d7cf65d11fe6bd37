"""Progress verdicts for plan indicators: 时序进度 (schedule) and the growth-rate ratio.

Pure functions, no I/O. The rules, thresholds and every edge case are in the README ("Progress and verdicts").
Every decision is exact. Floats are compared as given (a comparison of floats is exact);
arithmetic is `Fraction` or 50-digit `Decimal`, so no finite input can overflow into inf or
NaN on the way; a threshold is decided in floats only when the float result is clear of it
by far more than rounding could move it. The floats handed back are clamped to the float
range.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from itertools import count
from typing import Any, Generic, Literal, NamedTuple, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat

from tracker.models import Direction, Indicator, TargetType

DEFAULT_TOLERANCE = 0.05
ON_TRACK = Fraction(95, 100)
ACCELERATION_NEEDED = Fraction(60, 100)
# the growth ratios a verdict changes at, as floats for the quick path
_FLOAT_THRESHOLDS = (0.0, float(ACCELERATION_NEEDED), float(ON_TRACK))

ScheduleVerdict = Literal["achieved", "ahead", "on_schedule", "lagging", "no_data"]
GrowthVerdict = Literal[
    "target_achieved",
    "on_track",
    "acceleration_needed",
    "limited_progress",
    "deterioration",
    "no_data",
]
# every verdict, in the order a roll-up lists them
SCHEDULE_VERDICTS: tuple[str, ...] = get_args(ScheduleVerdict)
GROWTH_VERDICTS: tuple[str, ...] = get_args(GrowthVerdict)
Method = Literal["cagr", "linear", "none"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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


class Mark(NamedTuple):
    """A Point's year and value, for a caller whose numbers were checked when they were
    stored: the status cache judges 100,000 plans in a province's import, and building a
    model for each plan and value was a fifth of that import."""

    year: int
    value: float


class Terms(NamedTuple):
    """A Plan's fields as plain values, for the same callers; the verdicts read either."""

    direction: Direction
    target_type: TargetType
    baseline: Mark | None
    target: Mark | None
    band: float | None = None


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


class GrowthResult(_Frozen):
    verdict: GrowthVerdict
    ratio: float | None = None
    actual_rate: float | None = None
    required_rate: float | None = None
    method: Method = "none"
    latest: Point | None = None
    reason: str = ""


def effective_values(values: Sequence[D]) -> list[D]:
    """One point per year, by year; a later entry for the same year supersedes earlier ones."""
    if len(values) < 2:  # a status cache's usual case: the one value that decides
        return list(values)
    by_year = {p.year: p for p in values}
    return [by_year[y] for y in sorted(by_year)]


T = TypeVar("T")


class _cached(Generic[T]):  # noqa: N801 - used as a decorator, like the property it stands for
    """functools.cached_property without the lock it takes on every read before 3.12:
    a province's import works out 100,000 verdicts, and the lock was a tenth of each."""

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
    reason: str
    latest: Dated | None


# not frozen: a frozen init sets each field through object.__setattr__, and a status cache
# makes 100,000 of these; nothing changes one once it is made
@dataclass
class _Frame:
    """What both readings share once the data is known to be usable."""

    # Numbers as given (floats compare exactly); a cumulative total is an exact Fraction.
    # Arithmetic on them goes through _q, so it is exact too.
    sense: int  # +1 higher is better, -1 lower is better, 0 hold within the band
    start: float | Fraction  # baseline value; 0 for a cumulative total
    goal: float
    now: float | Fraction  # latest value; the running total for a cumulative target
    band: float
    elapsed: int  # years from baseline to latest, > 0
    span: int  # years from baseline to target, > 0
    latest: Dated
    cagr_allowed: bool
    note: str  # why progress is undefined, when it is

    @property
    def due(self) -> bool:
        return self.elapsed >= self.span

    @property
    def time(self) -> Fraction:
        """The share of the plan period gone by at the latest value, capped at 1."""
        return Fraction(min(self.elapsed, self.span), self.span)

    @property
    def time_share(self) -> float:
        """The same share as the nearest float: an int division rounds correctly."""
        return min(self.elapsed, self.span) / self.span

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
        if type(self.now) is float and type(self.start) is float:
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


def _frame(plan: AnyPlan, values: Sequence[Dated]) -> _Frame | _NoData:
    base, target, sense = plan.baseline, plan.target, _sense(plan)
    cumulative = plan.target_type == "cumulative" and sense != 0
    points = effective_values(values)
    if base is not None:
        # A value dated in the baseline year restates the start; it is not progress.
        points = [p for p in points if p.year > base.year]
    after_baseline = bool(points)
    if cumulative and target is not None:
        # Amounts after the target year belong to no total of this plan.
        points = [p for p in points if p.year <= target.year]
    latest = points[-1] if points else None

    if base is None:
        return _NoData("no baseline", latest)
    if target is None:
        return _NoData("no target", latest)
    if target.year <= base.year:
        return _NoData("target year not after baseline year", latest)
    if latest is None:
        if after_baseline:
            return _NoData("no value in the plan period", None)
        return _NoData("no value after the baseline year", None)

    start: float | Fraction = base.value
    now: float | Fraction = latest.value
    if cumulative:
        # A missing year is unknown, not zero, so a total with a gap is no total at all.
        years = {p.year for p in points}
        gap = next(y for y in count(base.year + 1) if y not in years)
        if gap < latest.year:
            return _NoData(f"no value for {gap}", latest)
        start, now = 0.0, sum((Fraction(p.value) for p in points), Fraction(0))
    goal = target.value

    note = ""
    if sense and goal == start:
        note = "target equals baseline"
    elif sense and _better(sense, start, goal):
        if plan.target_type in ("level", "cumulative"):
            reason = f"target is on the wrong side of the baseline for {plan.direction}"
            return _NoData(reason, latest)
        note = "baseline already meets the target"
    return _Frame(
        sense=sense,
        start=start,
        goal=goal,
        now=now,
        band=plan.band or 0.0,
        elapsed=latest.year - base.year,
        span=target.year - base.year,
        latest=latest,
        cagr_allowed=not cumulative,
        note=note,
    )


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
        return "no_data", None, None, f.reason
    s = f.time_share
    p = f.progress_share
    reason = f.note
    if f.sense == 0:
        # Holding a level is only "achieved" once the target year has been held through.
        verdict = ("achieved" if f.due else "on_schedule") if f.reached else "lagging"
    elif f.reached:
        verdict = "achieved"
    elif p is None or f.due:
        verdict = "lagging"
        reason = reason or "target year passed"
    else:
        verdict = _pace(f, max(tolerance, 0.0))
    return verdict, p, s, reason


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


def _cagr(growth: Fraction, years: int) -> Decimal:
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
        return "no_data", None, None, None, "none", f.reason
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
        # the common case: plain floats, ~100x quicker than 50-digit logarithms; the
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
    reason = "target year passed" if verdict == "limited_progress" and f.due else ""
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
    """Whether the verdicts read every value (a running total), not only the latest."""
    return plan.target_type == "cumulative" and _sense(plan) != 0


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
    )


def assess(
    ind: Indicator, values: Sequence[Point], tolerance: float = DEFAULT_TOLERANCE
) -> tuple[ScheduleResult, GrowthResult]:
    """Both verdicts for an indicator; values in entry order (a later entry supersedes)."""
    return assess_plan(plan_for(ind), values, tolerance)


def assess_plan(
    plan: Plan, values: Sequence[Point], tolerance: float = DEFAULT_TOLERANCE
) -> tuple[ScheduleResult, GrowthResult]:
    """Both verdicts from one look at the data."""
    if not math.isfinite(tolerance):
        raise ValueError("tolerance must be finite")
    frame = _frame(plan, values)
    return _schedule(frame, tolerance), _growth(frame)


# what a status cache keeps of both verdicts: the latest value (a Point or a Mark, as the
# values were given), progress share, time share, schedule verdict, growth ratio and growth
# verdict
Status = tuple[Dated | None, float | None, float | None, ScheduleVerdict, float | None,
               GrowthVerdict]


def assess_status(
    plan: AnyPlan, values: Sequence[Dated], tolerance: float = DEFAULT_TOLERANCE
) -> Status:
    """The parts of `assess_plan` a status cache keeps, the same numbers and verdicts,
    without their result models: a province's import works out 100,000 of them. The plan
    and values may be models or their plain `Terms` and `Mark`s."""
    if not math.isfinite(tolerance):
        raise ValueError("tolerance must be finite")
    plain = _plain_status(plan, values, tolerance)
    if plain is not None:
        return plain
    frame = _frame(plan, values)
    verdict, p, s, _ = _schedule_parts(frame, tolerance)
    growth_verdict, ratio, *_ = _growth_parts(frame)
    return frame.latest, p, s, verdict, ratio, growth_verdict


def _plain_status(plan: AnyPlan, values: Sequence[Dated], tolerance: float) -> Status | None:
    """`assess_status` of the plan a province mostly holds, in floats alone, without the
    frame and exact numbers every other plan needs: a level, floor or ceiling above zero,
    a target beyond its baseline, one value after the baseline year. None for any other
    plan, and where a number is too near a verdict's edge for floats to tell; the general
    way then decides. It halves the verdicts' part of a province's import; a property test
    holds the two ways to the same answers."""
    if len(values) != 1 or plan.target_type == "cumulative":
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
    verdict: ScheduleVerdict | None = "achieved" if reached else "lagging" if due else \
        _pace_in_floats(p, s, max(tolerance, 0.0))
    if verdict is None:
        return None
    _, slow, on_track = _FLOAT_THRESHOLDS
    return latest, p, s, verdict, _out(rates[2]), _paced_growth(reached, due, rates[2], slow,
                                                                on_track)
