"""How each kind of plan-table row reads, as plain text: the cells of the plan table, the
figures' line, where the indicator is heading and the pace still needed, a suspect
baseline, a milestone and a year's target. Pure: the plan screen, the indicator screen and
the exports all read an indicator's row through these, so it reads alike everywhere.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from tracker import progress
from tracker.i18n.codes import choice
from tracker.i18n.plan_rows import PLAN_ROWS
from tracker.i18n.punctuation import comma, reasons, semicolon
from tracker.i18n.ui import reason as uncached_reason
from tracker.i18n.ui import tr
from tracker.models import Indicator, IndicatorState
from tracker.text_format import fmt_num, fmt_point

text = PLAN_ROWS.text
# a province's plan gives the same few reasons tens of thousands of times
reason_text = functools.lru_cache(maxsize=1024)(uncached_reason)


def rate(fraction: float) -> str:
    """A rate kept as a fraction (0.081) as a planner reads it: 8.1%."""
    return f"{fmt_num(round(abs(fraction) * 100, 1))}%"


def with_unit(value: float | None, unit: str) -> str:
    figure = fmt_num(value)
    return f"{figure} {unit}" if unit and figure else figure


def flagged(st: IndicatorState) -> bool:
    """Whether the verdicts rest on a baseline taken from a suspect figure."""
    return bool(st.baseline_flags)


def mark(st: IndicatorState) -> str:
    """The mark a verdict carries when its baseline is in doubt."""
    return "!" if flagged(st) else ""


def is_cumulative(ind: Indicator) -> bool:
    return ind.target_type == "cumulative" and ind.direction != "maintain"


def printed_target(ind: Indicator, lang: str) -> str | None:
    """A rate target as the plan table prints it (年均增长 7%, 降低 13.5%); None for
    the other kinds."""
    if ind.target_value is None or ind.target_type not in ("growth_rate", "reduction"):
        return None
    return text(ind.target_type, lang, rate=fmt_num(ind.target_value))


# -- the plan table's cells --------------------------------------------------------------

def baseline_cell(st: IndicatorState) -> str:
    """A cumulative total starts from nothing: its baseline is not counted."""
    ind = st.indicator
    if is_cumulative(ind):
        return "—"
    return fmt_point(ind.baseline_value, ind.baseline_year)


def latest_cell(st: IndicatorState, lang: str) -> str:
    ind, latest = st.indicator, st.latest
    if ind.target_type == "milestone":
        return choice("milestone_state", ind.milestone_state or "not_started", lang)
    if is_cumulative(ind) and st.running_total is not None:
        if ind.target_value is None:
            return text("running_total_open", lang, total=fmt_num(st.running_total))
        return text("running_total", lang, total=fmt_num(st.running_total),
                    target=fmt_num(ind.target_value))
    return fmt_point(latest.value, latest.year) if latest else "—"


def target_cell(ind: Indicator, lang: str) -> str:
    printed = printed_target(ind, lang)
    if printed is not None:
        return f"{printed} ({ind.target_year})"
    if ind.target_type == "monitor":
        return text("monitor", lang)
    if ind.target_type == "milestone":
        return "—" if ind.target_year is None else str(ind.target_year)
    return fmt_point(ind.target_value, ind.target_year)


# -- the detail ----------------------------------------------------------------------------

def figures(st: IndicatorState, lang: str) -> str:
    """基期 … → 最新 … → 目标 …, each kind in its own terms."""
    ind, latest, unit = st.indicator, st.latest, st.indicator.unit

    def point(value: float | None, year: int | None) -> str:
        return "—" if value is None else f"{with_unit(value, unit)} ({year})"

    baseline = point(ind.baseline_value, ind.baseline_year)
    now = point(latest.value, latest.year) if latest else "—"
    target = point(ind.target_value, ind.target_year)
    if is_cumulative(ind):
        baseline = text("not_counted", lang)
        if latest is not None:
            now = text("year_amount", lang, value=with_unit(latest.value, unit),
                       year=latest.year)
            if st.running_total is not None:
                now += " · " + latest_cell(st, lang) + (f" {unit}" if unit else "")
    elif ind.target_type == "milestone":
        now = latest_cell(st, lang)
        target = "—" if ind.target_year is None else str(ind.target_year)
    elif ind.target_type == "monitor":
        target = text("monitor", lang)
    if printed_target(ind, lang) is not None:
        target = target_text(ind, lang)
    return tr("row_values", lang, baseline=baseline, latest=now, target=target)


def target_text(ind: Indicator, lang: str) -> str:
    """A rate target as printed, and the level it comes to where the values are levels:
    年均增长 7% (2025)，即 140.26 亿元. Other kinds: their target cell."""
    printed = printed_target(ind, lang)
    if printed is None:
        return target_cell(ind, lang)
    target = f"{printed} ({ind.target_year})"
    level = progress.target_level(progress.plan_for(ind))
    if level is None or ind.rate_values:
        return target
    return text("target_level", lang, rate=target,
                level=with_unit(round(level, 2), ind.unit))


def pace(amount: float | None, unit: str, lang: str) -> str:
    """A straight-line pace in the indicator's unit per year, never as a percentage."""
    if amount is None:
        return "—"
    return text("pace", lang, amount=with_unit(round(amount, 4), unit))


def heading(st: IndicatorState, lang: str) -> str:
    """Where the indicator is heading at its pace so far, and the pace still needed:
    按目前增速预计2025年达到X；剩余N年需年均增长Y%. Empty where there is no pace yet."""
    ind, latest, unit = st.indicator, st.latest, st.indicator.unit
    if latest is None or ind.target_year is None or ind.target_type in ("milestone", "monitor"):
        return ""
    parts = []
    if st.projected_value is not None and not ind.rate_values:
        key = "projected_total" if is_cumulative(ind) else "projected"
        parts.append(text(key, lang, value=with_unit(round(st.projected_value, 2), unit),
                          year=ind.target_year))
    if st.schedule_verdict != "achieved" and st.projected_value is not None:
        if st.projected_year is None:
            parts.append(text("never", lang))
        elif st.projected_year != ind.target_year:
            parts.append(text("projected_year", lang, year=st.projected_year))
    n = ind.target_year - latest.year
    if st.required_rate_remaining is not None:
        key = "needs_rate_down" if st.required_rate_remaining < 0 else "needs_rate_up"
        parts.append(text(key, lang, n=n, rate=rate(st.required_rate_remaining)))
    elif st.required_per_year_remaining is not None:
        amount = st.required_per_year_remaining
        key = ("needs_total" if is_cumulative(ind)
               else "needs_down" if amount < 0 else "needs_up")
        parts.append(text(key, lang, n=n, amount=with_unit(round(abs(amount), 4), unit)))
    return semicolon(lang).join(parts)


def flag_line(st: IndicatorState, lang: str) -> str:
    if not st.baseline_flags:
        return ""
    return text("flagged", lang,
                reasons=reasons([f.message(lang) for f in st.baseline_flags], lang))


def milestone_line(ind: Indicator, lang: str) -> str:
    if ind.target_type != "milestone":
        return ""
    parts = [text("milestone", lang,
                  state=choice("milestone_state", ind.milestone_state or "not_started", lang))]
    if ind.milestone_date:
        parts.append(text("milestone_date", lang, date=ind.milestone_date))
    if ind.milestone_evidence:
        parts.append(text("milestone_evidence", lang, evidence=ind.milestone_evidence))
    return " · ".join(parts)


def annual_line(st: IndicatorState, lang: str) -> str:
    a = st.annual
    if a is None:
        return ""
    key = "annual_met" if a.met else "annual_missed"
    return text(key, lang, year=a.year, target=fmt_num(a.target), value=fmt_num(a.value))


def annual_plan(targets: Mapping[int, float], lang: str) -> str:
    """Every year's target: 年度目标：2022 110，2023 118."""
    if not targets:
        return ""
    years = comma(lang).join(f"{y} {fmt_num(v)}" for y, v in sorted(targets.items()))
    return text("annual_plan", lang, years=years)


def reason(st: IndicatorState, lang: str) -> str:
    """Why there is no verdict, or what a verdict rests on, in the reader's language."""
    return reason_text(st.reason, lang)


def detail_lines(st: IndicatorState, lang: str) -> list[str]:
    """The lines a detail adds under the verdicts, each only when it says something (a
    suspect baseline's reason apart: `flag_line`, shown in its own colour)."""
    # where it is heading and the year's target share a line: a detail strip is short
    pace_line = semicolon(lang).join(p for p in (heading(st, lang), annual_line(st, lang)) if p)
    return [line for line in (milestone_line(st.indicator, lang), pace_line) if line]


Series = dict[str, list[tuple[int, float]]]


def chart_series(series: Series, st: IndicatorState) -> Series:
    """The chart's series (tracker.ui.format.chart_series) in the kind's own terms: a rate
    target drawn at the level it comes to (or, for values entered as yearly rates, the
    rate beside them, without the level's baseline), and "projection", from the latest
    value to where the pace so far leads by the target year."""
    ind, latest = st.indicator, st.latest
    out = dict(series)
    if printed_target(ind, "en") is not None:
        if ind.rate_values:
            out["baseline"], out["schedule"] = [], []
            return out
        level = progress.target_level(progress.plan_for(ind))
        target = [] if level is None or ind.target_year is None else [(ind.target_year, level)]
        out["target"] = target
        out["schedule"] = out["baseline"] + target if out["baseline"] and target else []
    if (st.projected_value is not None and latest is not None and ind.target_year is not None
            and latest.year < ind.target_year):
        now = st.running_total if is_cumulative(ind) and st.running_total is not None \
            else latest.value
        out["projection"] = [(latest.year, now), (ind.target_year, st.projected_value)]
    return out
