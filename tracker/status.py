"""Each indicator's status as the command line, the UI and the exports show it: its
verdicts and heading, the roll-up per district, and the plain-text status table.

Reads through the Store, computes with progress.py; never touches SQL itself.
"""

from __future__ import annotations

import marshal
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from tracker import plan_text, progress
from tracker.i18n import name_of
from tracker.i18n.exports import STATUS, STATUS_COLUMNS
from tracker.i18n.plan_rows import PLAN_ROWS
from tracker.i18n.punctuation import comma
from tracker.i18n.quality import period_mark
from tracker.i18n.review_year import REVIEW_YEAR, years_text
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
from tracker.text_format import ratio_text, share, table_line, table_widths


class IndicatorStatus(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    indicator: Indicator
    measurements: list[Measurement]
    schedule: progress.ScheduleResult
    growth: progress.GrowthResult
    heading: progress.Heading = progress.NO_HEADING
    annual: progress.Annual | None = None
    overdue: list[int] = []

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
            overdue=self.overdue,
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
        "baseline_flags": [{"code": f.code, "severity": f.severity, "message": f.message(lang)}
                           for f in st.baseline_flags],
        "reason": st.reason or None,
        "overdue": list(st.overdue),
    }


plan_of = progress.plan_for


def indicator_status(
    ind: Indicator, measurements: Sequence[Measurement], tolerance: float,
    annual_targets: Mapping[int, float] | None = None,
    baseline_flags: Sequence[BaselineFlag] = (), as_of: int | None = None,
    review_year: int | None = None,
) -> IndicatorStatus:
    """Every reading of one indicator; measurements in entry order (later supersedes).
    A milestone is read in `as_of` (default: this year). With a `review_year`, the
    verdicts are read at it and the years owed up to it are listed."""
    points = [progress.Point(year=m.year, value=m.value) for m in measurements]
    plan = plan_of(ind)
    a = progress.assess_all(
        plan, points, tolerance, annual_targets=annual_targets,
        as_of=datetime.now(UTC).year if as_of is None else as_of,
        baseline_flags=baseline_flags, review_year=review_year)
    return IndicatorStatus(
        indicator=ind, measurements=list(measurements), schedule=a.schedule, growth=a.growth,
        heading=a.heading, annual=a.annual,
        overdue=progress.overdue_years(plan, {p.year for p in points}, review_year),
    )


SAVED = -1  # the review year saved in the store's settings


def statuses(
    store: Store, district: str | None = None, tolerance: float | None = None,
    review_year: int | None = SAVED, department: str | None = None,
) -> list[IndicatorStatus]:
    """Every indicator's readings worked out afresh; at the saved review year unless one
    is given (None: as today)."""
    tol = store.tolerance() if tolerance is None else tolerance
    if review_year == SAVED:
        review_year = store.review_year()
    inds = store.indicators(district)
    if department is not None:
        inds = [i for i in inds if i.department == department]
    ids = [i.id for i in inds]
    values = store.measurements_by_indicator(ids)
    yearly = store.annual_targets_by_indicator(ids)
    flags = store.baseline_flags() if any(i.baseline_achievement for i in inds) else {}
    return [indicator_status(i, values.get(i.id, []), tol, yearly.get(i.id),
                             flags.get(i.baseline_achievement or "", ()),
                             review_year=review_year)
            for i in inds]


def rollup(items: Sequence[IndicatorState]) -> dict[str, dict[str, Counter]]:
    """Per district: counts per schedule verdict and per growth verdict, and under
    "overdue" the indicators that owe a value at the review year."""
    out: dict[str, dict[str, Counter]] = {}
    for st in items:
        d = out.setdefault(st.indicator.district,
                           {"schedule": Counter(), "growth": Counter(), "overdue": Counter(),
                            "flagged": Counter()})
        d["schedule"][st.schedule_verdict] += 1
        d["growth"][st.growth_verdict] += 1
        if st.overdue:
            d["overdue"]["overdue"] += 1
        if st.baseline_flags:
            d["flagged"]["flagged"] += 1
    return out


def rollup_line(counts: dict[str, Counter], lang: str) -> str:
    parts = [
        f"{verdict_label(v, lang)} {counts['schedule'][v]}"
        for v in progress.SCHEDULE_VERDICTS
        if counts["schedule"][v]
    ]
    # monitoring rows are watched, not judged: their own count, after the verdicts
    watched = counts["schedule"][progress.MONITORING]
    if watched:
        parts.append(f"{verdict_label(progress.MONITORING, lang)} {watched}")
    # rows waiting for their target are not judged: counted on their own, after the verdicts
    waiting = counts["schedule"][progress.TO_BE_SET]
    if waiting:
        parts.append(f"{verdict_label(progress.TO_BE_SET, lang)} {waiting}")
    owing = counts.get("overdue", Counter())["overdue"]
    if owing:
        parts.append(REVIEW_YEAR.text("overdue_count", lang, n=owing))
    flagged = counts.get("flagged", Counter())["flagged"]
    if flagged:
        parts.append(PLAN_ROWS.text("flagged_count", lang, n=flagged))
    return comma(lang).join(parts)


def overdue_line(st: IndicatorState, lang: str) -> str:
    """逾期未报：the indicator — the years it owes (the department that owes them)."""
    ind = st.indicator
    return REVIEW_YEAR.text(
        "overdue_line", lang, who=f"{ind.id} {name_of(ind, lang)}",
        years=years_text(st.overdue, lang),
        department=ind.department or REVIEW_YEAR.text("no_department", lang))


def status_text(items: Sequence[IndicatorState], districts: Sequence[District], lang: str) -> str:
    return "".join(status_pieces(
        districts, lambda did: [[st for st in items if st.indicator.district == did]], lang))


def status_cells(st: IndicatorState, lang: str) -> list[str]:
    """Each kind of row as the plan table prints it, the same cells as the UI's: a running
    total against its target, a printed rate, a milestone's state, a ! on verdicts that
    rest on a suspect baseline."""
    ind = st.indicator
    return [
        f"{ind.id} {name_of(ind, lang)}",
        ind.unit,
        plan_text.baseline_cell(st),
        plan_text.latest_cell(st, lang),
        plan_text.target_cell(ind, lang),
        share(st.progress_share),
        share(st.time_share),
        verdict_label(st.schedule_verdict, lang) + plan_text.mark(st),
        ratio_text(st.growth_ratio),
        verdict_label(st.growth_verdict, lang) + plan_text.mark(st),
        plan_text.reason(st, lang) if st.reason else "",
    ]


def status_pieces(
    districts: Sequence[District],
    pages_of: Callable[[str], Iterable[Sequence[IndicatorState]]],
    lang: str,
) -> Iterator[str]:
    """The status table, a district's block after another, in pieces that join to the
    whole text. `pages_of(district)` hands out a district's states a page at a time: as
    they come, the verdicts are counted, the columns measured and the rows' cells set
    aside in a temporary file (on disk only when large), to be written padded once the
    widths are known. A province's plan is never held."""
    header = [STATUS.text(key, lang) for key in STATUS_COLUMNS]
    first = True
    for d in districts:
        counts: dict[str, Counter] = {"schedule": Counter(), "growth": Counter(),
                                      "overdue": Counter(), "flagged": Counter()}
        widths: list[int] | None = None
        owing: list[str] = []
        with tempfile.SpooledTemporaryFile(max_size=8 << 20) as kept:
            for page in pages_of(d.id):
                part = rollup(page).get(d.id)
                if part is None:
                    continue
                for key in counts:
                    counts[key].update(part[key])
                cells = [status_cells(st, lang) for st in page]
                widths = table_widths(cells, header, widths)
                marshal.dump(cells, kept)
                owing += [overdue_line(st, lang) for st in page if st.overdue]
            if widths is None:
                continue
            title = STATUS.text("district_title", lang, name=name_of(d, lang),
                                counts=rollup_line(counts, lang))
            sep = "  ".join("-" * w for w in widths)
            head = "\n".join([title, table_line(header, widths), sep])
            yield head if first else "\n\n" + head
            first = False
            end = kept.tell()
            kept.seek(0)
            while kept.tell() < end:
                yield "".join("\n" + table_line(c, widths) for c in marshal.load(kept))
        yield "".join("\n" + line for line in owing)


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
                "period_basis": a.period_basis,
                "period_inferred": a.period_inferred,
                "period_shown": period_mark(a.period, a.period_inferred),
                "scope": a.scope,
                "kind": a.kind,
                "source_quote": a.source_quote,
                "flags": [
                    {"code": f.code, "severity": f.severity, "message": f.message(lang),
                     "manual": f.manual} for f in fl
                ],
            }
        )
    return rows
