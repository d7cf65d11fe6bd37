"""What the CLI, the UI and the exports show: statuses, roll-ups and labelled rows.

Reads through the Store, computes with progress.py; never touches SQL itself.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from tracker import progress
from tracker.i18n import name_of
from tracker.i18n.exports import STATUS, STATUS_COLUMNS
from tracker.i18n.punctuation import comma
from tracker.i18n.verdicts import verdict_label
from tracker.models import (
    BaselineFlag,
    District,
    Indicator,
    IndicatorState,
    LatestValue,
    Measurement,
)
from tracker.store import Store

T = TypeVar("T")

def fmt_num(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:,.4f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v):,}"


def fmt_point(value: float | None, year: int | None) -> str:
    if value is None:
        return "—"
    return f"{fmt_num(value)} ({year})"


class IndicatorStatus(BaseModel):
    model_config = ConfigDict(frozen=True)

    indicator: Indicator
    measurements: list[Measurement]
    schedule: progress.ScheduleResult
    growth: progress.GrowthResult
    heading: progress.Heading = progress.NO_HEADING
    annual: progress.Annual | None = None

    @property
    def latest(self) -> progress.Point | None:
        return self.schedule.latest or self.growth.latest

    def state(self) -> IndicatorState:
        """The same verdicts in the shape the status cache keeps them."""
        latest, quality = self.latest, "final"
        if latest is not None:
            quality = [m for m in self.measurements if m.year == latest.year][-1].quality
        return IndicatorState(
            indicator=self.indicator,
            latest=None if latest is None else LatestValue(
                year=latest.year, value=latest.value, quality=quality),
            progress_share=self.schedule.progress_share,
            time_share=self.schedule.time_share,
            schedule_verdict=self.schedule.verdict,
            growth_ratio=self.growth.ratio,
            growth_verdict=self.growth.verdict,
            **self.heading._asdict(),
            reason=self.schedule.reason or self.growth.reason,
            annual=self.annual,
            baseline_flags=list(self.schedule.baseline_flags),
        )


def state_json(st: IndicatorState, lang: str = "en") -> dict:
    ind, latest = st.indicator, st.latest
    return {
        "id": ind.id,
        "district": ind.district,
        "name_zh": ind.name_zh,
        "name_en": ind.name_en,
        "unit": ind.unit,
        "direction": ind.direction,
        "attribute": ind.attribute,
        "target_type": ind.target_type,
        "baseline": {"value": ind.baseline_value, "year": ind.baseline_year},
        "target": {"value": ind.target_value, "year": ind.target_year},
        "latest": {"value": latest.value, "year": latest.year} if latest else None,
        "progress_share": st.progress_share,
        "time_share": st.time_share,
        "schedule_verdict": st.schedule_verdict,
        "growth_ratio": st.growth_ratio,
        "growth_verdict": st.growth_verdict,
        "department": ind.department,
        "values_as": ind.values_as,
        "milestone": None if ind.target_type != "milestone" else {
            "state": ind.milestone_state or "not_started", "date": ind.milestone_date,
            "evidence": ind.milestone_evidence},
        "projected_value": st.projected_value,
        "projected_year": st.projected_year,
        "required_rate_remaining": st.required_rate_remaining,
        "required_per_year_remaining": st.required_per_year_remaining,
        "running_total": st.running_total,
        "annual": None if st.annual is None else st.annual.model_dump(),
        "baseline_flags": [{"code": f.code, "message": f.message(lang)}
                           for f in st.baseline_flags],
        "reason": st.reason or None,
    }


plan_of = progress.plan_for


def indicator_status(
    ind: Indicator, measurements: Sequence[Measurement], tolerance: float,
    annual_targets: Mapping[int, float] | None = None,
    baseline_flags: Sequence[BaselineFlag] = (), as_of: int | None = None,
) -> IndicatorStatus:
    """Every reading of one indicator; measurements in entry order (later supersedes).
    A milestone is read in `as_of` (default: this year)."""
    points = [progress.Point(year=m.year, value=m.value) for m in measurements]
    a = progress.assess_all(
        plan_of(ind), points, tolerance, annual_targets=annual_targets,
        as_of=datetime.now(UTC).year if as_of is None else as_of,
        baseline_flags=baseline_flags)
    return IndicatorStatus(
        indicator=ind, measurements=list(measurements), schedule=a.schedule, growth=a.growth,
        heading=a.heading, annual=a.annual,
    )


def statuses(
    store: Store, district: str | None = None, tolerance: float | None = None
) -> list[IndicatorStatus]:
    tol = store.tolerance() if tolerance is None else tolerance
    inds = store.indicators(district)
    ids = [i.id for i in inds]
    values = store.measurements_by_indicator(ids)
    yearly = store.annual_targets_by_indicator(ids)
    flags = store.baseline_flags() if any(i.baseline_achievement for i in inds) else {}
    return [indicator_status(i, values.get(i.id, []), tol, yearly.get(i.id),
                             flags.get(i.baseline_achievement or "", ()))
            for i in inds]


def rollup(items: Sequence[IndicatorState]) -> dict[str, dict[str, Counter]]:
    """Per district: counts per schedule verdict and per growth verdict."""
    out: dict[str, dict[str, Counter]] = {}
    for st in items:
        d = out.setdefault(st.indicator.district, {"schedule": Counter(), "growth": Counter()})
        d["schedule"][st.schedule_verdict] += 1
        d["growth"][st.growth_verdict] += 1
    return out


def rollup_line(counts: dict[str, Counter], lang: str) -> str:
    parts = [
        f"{verdict_label(v, lang)} {counts['schedule'][v]}"
        for v in progress.SCHEDULE_VERDICTS
        if counts["schedule"][v]
    ]
    return comma(lang).join(parts)


# lines a screen or a terminal shows per kind of change: a province's import or diff has
# a hundred thousand, which a screen takes half a minute to lay out and a terminal
# scrolls past; the summary counts them all and a command lists every one
SHOWN_PER_KIND = 100


def sampled(
    items: Sequence[T], line: Callable[[T], str], limit: int | None, more: Callable[[int], str]
) -> list[str]:
    """A line for each item, at most `limit` of them (all when None), then `more(n)` for
    the n left out: a screen shows a sample of a province's hundred thousand changes."""
    shown = items if limit is None else items[:limit]
    lines = [line(x) for x in shown]
    if len(items) > len(shown):
        lines.append(more(len(items) - len(shown)))
    return lines


def share(v: float | None) -> str:
    return "" if v is None else f"{v:.0%}"


def status_text(items: Sequence[IndicatorState], districts: Sequence[District], lang: str) -> str:
    header = [STATUS.text(key, lang) for key in STATUS_COLUMNS]
    counts = rollup(items)
    blocks = []
    for d in districts:
        mine = [st for st in items if st.indicator.district == d.id]
        if not mine:
            continue
        rows = []
        for st in mine:
            ind, latest = st.indicator, st.latest
            rows.append(
                [
                    f"{ind.id} {name_of(ind, lang)}",
                    ind.unit,
                    fmt_point(ind.baseline_value, ind.baseline_year),
                    fmt_point(latest.value, latest.year) if latest else "—",
                    fmt_point(ind.target_value, ind.target_year),
                    share(st.progress_share),
                    share(st.time_share),
                    verdict_label(st.schedule_verdict, lang),
                    "" if st.growth_ratio is None else f"{st.growth_ratio:.2f}",
                    verdict_label(st.growth_verdict, lang),
                ]
            )
        title = STATUS.text("district_title", lang, name=name_of(d, lang),
                            counts=rollup_line(counts[d.id], lang))
        blocks.append(title + "\n" + text_table(rows, header))
    return "\n\n".join(blocks)


def achievement_rows(
    store: Store, lang: str, theme: str | None = None, flagged_only: bool = False
) -> list[dict]:
    flags = store.flags()
    rows = []
    for a in store.achievements(theme):
        fl = flags.get(a.id, [])
        if flagged_only and not fl:
            continue
        rows.append(
            {
                "id": a.id,
                "theme": a.theme,
                "title_zh": a.title_zh,
                "title_en": a.title_en,
                "title": name_of(a, lang),
                "value": None if a.value is None else format(a.value, "f"),
                "unit": a.unit,
                "qualifier": a.qualifier,
                "period": a.period,
                "kind": a.kind,
                "source_quote": a.source_quote,
                "flags": [
                    {"code": f.code, "message": f.message(lang), "manual": f.manual} for f in fl
                ],
            }
        )
    return rows


def cell_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text_table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    widths = [cell_width(h) for h in header]
    for r in rows:
        widths = [max(w, cell_width(c)) for w, c in zip(widths, r, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c + " " * (w - cell_width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep, *(line(r) for r in rows)])


def change_text(values: dict | None, limit: int = 60) -> str:
    """An audit entry's old or new values on one line: "target_value=78, target_year=2025"."""
    if not values:
        return ""
    text = ", ".join(f"{k}={fmt_num(v) if isinstance(v, float) else v}" for k, v in values.items())
    return text if len(text) <= limit else text[: limit - 1] + "…"
