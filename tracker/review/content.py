"""What the review report says, built once as plain models; each format only lays it out.

Reads the plan now (through the Store) or a stored snapshot, and reuses the verdicts
the status and the snapshots already keep: the counts here are `tracker status`'s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from tracker import plan_text, progress, text_format
from tracker import status as report_status
from tracker.errors import TrackerError
from tracker.i18n import department_label, name_of
from tracker.i18n.codes import choice
from tracker.i18n.punctuation import PUNCTUATION as punctuation
from tracker.i18n.punctuation import comma
from tracker.i18n.quality import SEVERITY
from tracker.i18n.review import counted, t, with_unit
from tracker.i18n.review_year import years_text
from tracker.i18n.verdicts import verdict_label
from tracker.models import (
    Achievement,
    AchievementState,
    IndicatorState,
    Measurement,
    SnapshotContent,
    SnapshotInfo,
)
from tracker.progress import GROWTH_VERDICTS, MONITORING, SCHEDULE_VERDICTS, TO_BE_SET, UNJUDGED
from tracker.snapshot import current_state
from tracker.store import Store

SCHEDULE = SCHEDULE_VERDICTS
GROWTH = GROWTH_VERDICTS
# what the sentences count: the verdicts, then the rows only monitored and those whose
# target is still to be set, so the parts add up to the number of indicators
COUNTED = (*SCHEDULE, MONITORING, TO_BE_SET)
# fields the verdicts may carry: where the indicator is heading at its pace so far
PROJECTION_FIELDS = ("projected_value", "projected_year", "required_rate_remaining")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class Row(_Frozen):
    id: str
    name: str
    unit: str
    baseline: str
    target: str
    latest: str
    progress: str
    time: str
    verdict: str
    verdict_label: str
    growth: str
    growth_label: str
    department: str
    binding: bool
    doubtful: bool


class Section(_Frozen):
    id: str
    name: str
    sentence: str
    rows: list[Row]
    lagging: list[str]  # a sentence per lagging indicator


class ChartRow(_Frozen):
    name: str
    counts: dict[str, int]  # schedule verdict -> indicators


class Problem(_Frozen):
    name: str
    district: str
    reasons: str


class Department(_Frozen):
    name: str
    problems: list[Problem]


class Review(_Frozen):
    lang: str
    title: str
    date: str
    review_year: int
    source: str  # which state the report reads
    meta: list[str]  # date, review year and source, a line each
    problems_lead: str  # the line before the problems, or that there are none
    headings: dict[str, str]
    overall: list[str]  # the counts sentence, then the growth reading, then what is apart
    counts: dict[str, int]  # schedule verdict -> indicators, as `tracker status`
    growth_counts: dict[str, int]
    chart_codes: list[str]  # the chart's columns: the verdicts, then rows not judged
    chart_head: list[str]  # the chart's column labels (the verdicts)
    chart: list[ChartRow]
    columns: list[str]
    sections: list[Section]
    problems: list[Department]
    flagged: list[str]
    doubtful: list[str]
    quality: list[str]
    legend: str


def build(
    store: Store, lang: str, as_of: int | None = None, snapshot_id: int | None = None,
    title: str | None = None,
) -> Review:
    """The report's content from the plan now, or from snapshot `snapshot_id`; read at
    review year `as_of` (values after it set aside) when given."""
    info: SnapshotInfo | None = None
    with store.reading():
        if snapshot_id is None:
            head = current_state(store, values=False, indicators=True)
        else:
            info, head = store.snapshot_head(snapshot_id, indicators=True)
        states = head.indicators
        if as_of is None and snapshot_id is None:
            # the review year the planners set is the one the report reads at
            as_of = store.review_year()
        _check_year(states, as_of, lang)
        projections: dict[str, dict[str, object]] = {}
        if as_of is not None or _results_project():
            # the verdicts worked out afresh: at the review year, or for the projections
            # the results carry and the kept states do not
            values = (store.measurements() if snapshot_id is None else
                      [m for chunk in store.snapshot_values(snapshot_id, 5_000) for m in chunk])
            fresh, projections = _read_at(states, values, as_of, head.tolerance)
            if as_of is not None:
                states = fresh
        # the departments as the report's language names them
        departments = store.department_names()
    year = as_of if as_of is not None else _latest_year(states)
    return _compose(head, info, states, projections, year, as_of is not None, lang, title,
                    departments)


def _results_project() -> bool:
    """Whether the verdict results say where an indicator is heading and the states kept
    by the status and the snapshots do not."""
    results = {*progress.ScheduleResult.model_fields, *progress.GrowthResult.model_fields}
    return any(f in results and f not in IndicatorState.model_fields
               for f in PROJECTION_FIELDS)


def _check_year(states: Sequence[IndicatorState], year: int | None, lang: str) -> None:
    if year is None:
        return
    first = [s.indicator.baseline_year for s in states if s.indicator.baseline_year]
    last = [s.indicator.target_year for s in states if s.indicator.target_year]
    if not first or not last:
        return  # a plan without years has no period to be outside of
    lo, hi = min(first), max(last)
    if not lo <= year <= hi:
        raise TrackerError("review_year_outside", year=year, first=lo, last=hi)


def _read_at(states: Sequence[IndicatorState], values: Sequence[Measurement],
             year: int | None, tolerance: float
             ) -> tuple[list[IndicatorState], dict[str, dict[str, object]]]:
    """The verdicts as they stood in `year` (the values of later years set aside; all of
    them when None), and the projections their results carry, by indicator."""
    by_indicator: dict[str, list[Measurement]] = {}
    for m in values:
        if year is None or m.year <= year:
            by_indicator.setdefault(m.indicator, []).append(m)
    out, projections = [], {}
    for st in states:
        status = report_status.indicator_status(
            st.indicator, by_indicator.get(st.indicator.id, []), tolerance, review_year=year)
        out.append(status.state())
        found = {f: v for f in PROJECTION_FIELDS
                 if (v := _projection(status.schedule, f, _projection(status.growth, f)))
                 is not None}
        if found:
            projections[st.indicator.id] = found
    return out, projections


def _latest_year(states: Sequence[IndicatorState]) -> int:
    years = [s.latest.year for s in states if s.latest is not None]
    return max(years) if years else datetime.now(UTC).year


def _projection(obj: object, name: str, default: object = None) -> object:
    """A projection the verdict carries, when this version of the verdicts has it."""
    value = getattr(obj, name, None)
    return default if value is None else value


def _compose(head: SnapshotContent, info: SnapshotInfo | None,
             states: Sequence[IndicatorState], projections: dict[str, dict[str, object]],
             year: int, overdue_known: bool, lang: str,
             title: str | None, departments: dict[str, str] | None = None) -> Review:
    departments = departments or {}
    flags = {a.achievement.id: a for a in head.achievements if a.flags}
    doubtful = {s.indicator.id for s in states if s.indicator.baseline_achievement in flags}
    # the years each indicator owes, as `tracker status` lists them at the review year
    overdue = {s.indicator.id: years_text(s.overdue, lang) for s in states
               if overdue_known and s.overdue}
    names = {d.id: name_of(d, lang) for d in head.districts}

    def name(st: IndicatorState) -> str:
        return name_of(st.indicator, lang)

    counts = Counter(st.schedule_verdict for st in states)
    growth = Counter(st.growth_verdict for st in states)
    overall = [_overall(states, counts, lang), t("growth_reading", lang, parts=comma(lang).join(
        counted(f"growth_{v}" if v in ("no_data", MONITORING) else v, growth[v], lang)
        for v in (*GROWTH, *UNJUDGED) if growth[v]) or "—")]
    if doubtful:
        overall.append(t("doubtful_apart", lang, n=len(doubtful)))
    if overdue:
        overall.append(t("overdue_apart", lang, n=len(overdue), year=year))

    # monitoring rows and rows whose target is still to be set have a column of their own
    # when there are any, so every row of the plan is in the chart
    columns = (*SCHEDULE, *(v for v in UNJUDGED if counts[v]))
    sections, chart = [], []
    for d in head.districts:
        mine = [st for st in states if st.indicator.district == d.id]
        c = Counter(st.schedule_verdict for st in mine)
        chart.append(ChartRow(name=names[d.id], counts={v: c[v] for v in columns}))
        sentence = (t("district_sentence", lang, name=names[d.id], n=len(mine), parts=comma(
            lang).join(counted(v, c[v], lang) for v in COUNTED if c[v]))
            if mine else t("district_empty", lang, name=names[d.id]))
        sections.append(Section(
            id=d.id, name=names[d.id], sentence=sentence,
            rows=[_row(st, name(st), st.indicator.id in doubtful, lang, departments)
                  for st in mine],
            lagging=[lag_sentence(st, name(st), lang, projections.get(st.indicator.id),
                                  departments)
                     for st in mine
                     if st.schedule_verdict == "lagging"]))
    chart.append(ChartRow(name=t("total_row", lang), counts={v: counts[v] for v in columns}))

    problems = _problems(states, names, overdue, year, lang, departments)
    today = datetime.now(UTC).date().isoformat()
    snapshot = (t("from_snapshot", lang, id=info.id, label=info.label,
                  time=info.taken_at.strftime("%Y-%m-%d %H:%M"), hash=info.content_hash[:12])
                if info else t("from_now", lang))
    return Review(
        lang=lang,
        title=title or t("title", lang),
        date=today,
        review_year=year,
        source=snapshot,
        meta=[t("date", lang, date=today), t("review_year", lang, year=year), snapshot],
        problems_lead=t("problems_intro" if problems else "problems_none", lang),
        headings={k: t(k, lang) for k in ("s1", "s2", "s3", "s4", "chart", "chart_note",
                                          "lagging_head", "flagged_head", "doubtful_head",
                                          "quality_head", "district_col")},
        overall=overall,
        counts={v: counts[v] for v in SCHEDULE},
        growth_counts={v: growth[v] for v in GROWTH},
        chart_codes=list(columns),
        chart_head=[verdict_label(v, lang) for v in columns],
        chart=chart,
        columns=[t(f"col_{c}", lang) for c in ("name", "unit", "baseline", "target", "latest",
                                               "progress", "time", "verdict", "growth",
                                               "department")],
        sections=sections,
        problems=problems,
        flagged=[_flag_note(a, lang) for a in flags.values()] or [t("flagged_none", lang)],
        doubtful=[t("doubtful_item", lang, name=name(st),
                    baseline=text_format.fmt_point(st.indicator.baseline_value,
                                              st.indicator.baseline_year),
                    title=_title(flags[st.indicator.baseline_achievement].achievement, lang))
                  for st in states if st.indicator.id in doubtful]
        or [t("doubtful_none", lang)],
        quality=[t("quality_item", lang, name=name(st), value=_with_unit(
            st.latest.value, st.indicator.unit, lang), year=st.latest.year,
            quality=t(st.latest.quality, lang))
            for st in states if st.latest is not None
            and st.latest.quality in ("provisional", "estimated")]
        or [t("quality_none", lang)],
        legend=t("doubt_legend", lang) if doubtful else "",
    )


def _overall(states: Sequence[IndicatorState], counts: Counter, lang: str) -> str:
    if not states:
        return t("overall_none", lang)
    sep = comma(lang)
    parts = sep.join(counted(v, counts[v], lang) for v in COUNTED if counts[v])
    head = t("overall", lang, n=len(states), parts=parts)
    binding = [st for st in states if st.indicator.attribute == "binding"]
    if not binding:
        return head + punctuation.text("clause_gap", lang) + t("binding_none", lang)
    b = Counter(st.schedule_verdict for st in binding)
    tail = t("binding", lang, k=len(binding),
             parts=sep.join(counted(v, b[v], lang) for v in COUNTED if b[v]))
    return head + punctuation.text("clause_gap", lang) + tail


def _row(st: IndicatorState, name: str, doubtful: bool, lang: str,
         departments: dict[str, str]) -> Row:
    ind = st.indicator
    return Row(
        id=ind.id,
        name=name + (t("binding_mark", lang) if ind.attribute == "binding" else ""),
        unit=ind.unit,
        # each kind as the plan table prints it: a cumulative row's total so far, a
        # milestone's state, 年均增长 7% rather than a bare 7
        baseline=plan_text.baseline_cell(st) + (t("doubt_mark", lang) if doubtful else ""),
        target=plan_text.target_cell(ind, lang),
        latest=plan_text.latest_cell(st, lang),
        progress=text_format.share(st.progress_share) or "—",
        time=text_format.share(st.time_share) or "—",
        verdict=st.schedule_verdict,
        verdict_label=verdict_label(st.schedule_verdict, lang),
        growth=st.growth_verdict,
        growth_label=verdict_label(st.growth_verdict, lang),
        department=department_label(ind.department, departments, lang),
        binding=ind.attribute == "binding",
        doubtful=doubtful,
    )


def _with_unit(value: float | None, unit: str, lang: str) -> str:
    if value is None:
        return "—"
    return with_unit(text_format.fmt_num(value), unit, lang)


def lag_sentence(st: IndicatorState, name: str, lang: str,
                 projection: Mapping[str, object] | None = None,
                 departments: dict[str, str] | None = None) -> str:
    """A lagging indicator in plain planning language: how far it is, how far the time
    is, where its pace leads (when the state or `projection` says) and who answers (in
    `lang`, by its English name from `departments` where it has one)."""
    ind = st.indicator
    dept = department_label(ind.department, departments or {}, lang)
    responsible = t("lag_department", lang, dept=dept or t("no_department", lang))
    if ind.target_type == "milestone":
        state = choice("milestone_state", ind.milestone_state or "not_started", lang)
        return (t("lag_milestone", lang, name=name, year=ind.target_year, state=state)
                + t("lag_end_zh", lang) + responsible)
    projection = projection or {}
    back = st.progress_share is not None and st.progress_share < 0
    out = t("lag_back" if back else "lag", lang, name=name, p=text_format.share(st.progress_share) or "—",
            t=text_format.share(st.time_share) or "—")
    value, year, rate = (_projection(st, f, projection.get(f)) for f in PROJECTION_FIELDS)
    if value is not None and ind.target_year is not None:
        out += t("lag_projected", lang,
                 value=_with_unit(text_format.estimate(float(value)), ind.unit, lang),
                 year=ind.target_year)
    elif year is not None:
        out += t("lag_reach_year", lang, year=year)
    if rate is not None and ind.target_year is not None and st.latest is not None:
        left = ind.target_year - st.latest.year
        if left > 0:
            rate = float(rate)
            out += t("lag_required_up" if rate >= 0 else "lag_required_down", lang,
                     rate=f"{abs(rate):.1%}", n=left)
    if value is None and year is None and rate is None and st.latest is not None:
        out += t("lag_plain", lang,
                 target=_with_unit(ind.target_value, ind.unit, lang), year=ind.target_year,
                 latest=_with_unit(st.latest.value, ind.unit, lang),
                 latest_year=st.latest.year)
    return out + t("lag_end_zh", lang) + responsible


def _problems(states: Sequence[IndicatorState], districts: dict[str, str],
              overdue: dict[str, str], year: int, lang: str,
              departments: dict[str, str]) -> list[Department]:
    by_dept: dict[str, list[Problem]] = {}
    for st in states:
        reasons = []
        if st.schedule_verdict == "lagging":
            reasons.append(t("reason_lagging", lang))
        if st.growth_verdict == "deterioration":
            reasons.append(t("reason_deterioration", lang))
        if st.indicator.id in overdue:
            reasons.append(t("reason_overdue", lang, year=overdue[st.indicator.id]))
        if not reasons:
            continue
        dept = (department_label(st.indicator.department, departments, lang)
                or t("no_department", lang))
        by_dept.setdefault(dept, []).append(Problem(
            name=name_of(st.indicator, lang),
            district=districts.get(st.indicator.district, st.indicator.district),
            reasons=comma(lang).join(reasons)))
    return [Department(name=d, problems=p) for d, p in by_dept.items()]


def _title(a: Achievement, lang: str) -> str:
    return name_of(a, lang)


def _flag_note(state: AchievementState, lang: str) -> str:
    a = state.achievement
    stop = punctuation.text("full_stop", lang)
    # what cannot be right first, each reason led by its severity
    flags = sorted(state.flags, key=lambda f: f.severity != "error")
    why = punctuation.text("sentence_gap", lang).join(
        f"[{SEVERITY.text(f.severity, lang)}] {f.message(lang).rstrip('。.')}{stop}"
        for f in flags)
    value = "—" if a.value is None else _with_unit(float(a.value), a.unit, lang)
    return t("flagged_item", lang, title=_title(a, lang), value=value, why=why,
             quote=a.source_quote)
