"""Each indicator's status as the command line, the UI and the exports show it: its
verdicts and heading, the roll-up per district, and the plain-text status table.

Reads through the Store, computes with progress.py; never touches SQL itself.
"""

from __future__ import annotations

import json
import marshal
import tempfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from itertools import chain
from json.encoder import encode_basestring
from operator import add, sub
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from tracker import plan_text, progress
from tracker.formats.plan_table import verdict_label
from tracker.i18n import department_label, name_of
from tracker.i18n.exports import STATUS, STATUS_COLUMNS
from tracker.i18n.plan_rows import PLAN_ROWS
from tracker.i18n.punctuation import comma
from tracker.i18n.review_year import REVIEW_YEAR, years_text
from tracker.models import (
    BaselineFlag,
    District,
    Indicator,
    IndicatorState,
    LatestValue,
    Measurement,
)
from tracker.store import Store
from tracker.text_format import cell_width, ratio_text, share, table_line


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


# a plain state (the store's PLAIN_STATE_FIELDS) as an item of `state_json`'s list
# written by json.dumps(..., ensure_ascii=False, indent=2): each field in its place
_STATE_JSON = """  {
    "id": %s,
    "district": %s,
    "name_zh": %s,
    "name_en": %s,
    "unit": %s,
    "direction": %s,
    "attribute": %s,
    "target_type": %s,
    "baseline": {
      "value": %s,
      "year": %s
    },
    "target": {
      "value": %s,
      "year": %s
    },
    "latest": %s,
    "progress_share": %s,
    "time_share": %s,
    "schedule_verdict": %s,
    "growth_ratio": %s,
    "growth_verdict": %s,
    "department": %s,
    "values_as": %s,
    "milestone": %s,
    "projected_value": %s,
    "projected_year": %s,
    "required_rate_remaining": %s,
    "required_per_year_remaining": %s,
    "running_total": %s,
    "annual": null,
    "baseline_flags": [],
    "reason": %s,
    "overdue": %s
  }"""
_LATEST = """{
      "value": %s,
      "year": %s
    }"""
_MILESTONE = """{
      "state": %s,
      "date": %s,
      "evidence": %s
    }"""


def state_json_items(items: Iterable[tuple | IndicatorState], lang: str) -> list[str]:
    """Each state's `state_json` as json.dumps writes it as an item of a list, indented:
    a plain state (a tuple of the store's PLAIN_STATE_FIELDS) through a template, any
    other through its model. A province's plan is written without a dict of each."""
    out = []
    q = encode_basestring
    for item in items:
        if not isinstance(item, tuple):
            text = json.dumps(state_json(item, lang), ensure_ascii=False, indent=2)
            out.append("  " + text.replace("\n", "\n  "))
            continue
        (iid, district, name_zh, name_en, unit, direction, attribute, kind, b_value, b_year,
         t_value, t_year, department, values_as, m_state, m_date, m_evidence, l_year,
         l_value, progress_share, time_share, schedule, ratio, growth, projected_value,
         projected_year, rate_left, per_year_left, running_total, reason, overdue) = item
        out.append(_STATE_JSON % (
            q(iid), q(district), q(name_zh), q(name_en), q(unit), q(direction),
            q(attribute), q(kind), _num(b_value), _num(b_year), _num(t_value), _num(t_year),
            "null" if l_year is None else _LATEST % (_num(l_value), l_year),
            _num(progress_share), _num(time_share), q(schedule), _num(ratio), q(growth),
            q(department), "null" if values_as is None else q(values_as),
            "null" if kind != "milestone" else _MILESTONE % (
                q(m_state or "not_started"), "null" if m_date is None else q(m_date),
                q(m_evidence)),
            _num(projected_value), _num(projected_year), _num(rate_left),
            _num(per_year_left), _num(running_total), q(reason) if reason else "null",
            "[]" if overdue == "[]" else _years_json(overdue)))
    return out


class _PlainIndicator(NamedTuple):
    """The fields of an Indicator the status table reads, from a plain state's row."""

    id: str
    district: str
    name_zh: str
    name_en: str
    unit: str
    direction: str
    attribute: str
    target_type: str
    baseline_value: float | None
    baseline_year: int | None
    target_value: float | None
    target_year: int | None
    department: str
    values_as: str | None
    milestone_state: str | None
    milestone_date: str | None
    milestone_evidence: str


class _PlainLatest(NamedTuple):
    year: int
    value: float


class _PlainState(NamedTuple):
    """An IndicatorState as the status table reads it, from a plain state's row: made in
    a fraction of a model's time, as nothing in it needs checking again."""

    indicator: _PlainIndicator
    latest: _PlainLatest | None
    progress_share: float | None
    time_share: float | None
    schedule_verdict: str
    growth_ratio: float | None
    growth_verdict: str
    projected_value: float | None
    projected_year: int | None
    required_rate_remaining: float | None
    required_per_year_remaining: float | None
    running_total: float | None
    reason: str
    overdue: list[int]
    baseline_flags: tuple = ()
    annual: None = None


def plain_states(items: Iterable[tuple | IndicatorState]) -> list[IndicatorState]:
    """States as the status table reads them from the store's `plain_state_pages`: a
    plain one's row as a stand-in with the same fields, any other as its model."""
    make_ind, n = _PlainIndicator._make, len(_PlainIndicator._fields)
    out: list = []
    for r in items:
        if not isinstance(r, tuple):
            out.append(r)
            continue
        overdue = r[n + 13]
        out.append(_PlainState(
            make_ind(r[:n]), None if r[n] is None else _PlainLatest(r[n], r[n + 1]),
            *r[n + 2:n + 13], [] if overdue == "[]" else json.loads(overdue)))
    return out


def _num(v: float | None) -> str:
    # json.dumps writes a finite float as its repr, as an int's; the store keeps no others
    return "null" if v is None else repr(v)


def _years_json(text: str) -> str:
    years = json.loads(text)
    if not years:
        return "[]"
    return "[\n" + ",\n".join(f"      {int(y)}" for y in years) + "\n    ]"


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
        d = out.get(st.indicator.district)
        if d is None:  # not setdefault: its four counters would be made for every row
            d = out[st.indicator.district] = {"schedule": Counter(), "growth": Counter(),
                                              "overdue": Counter(), "flagged": Counter()}
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


def overdue_line(st: IndicatorState, lang: str,
                 departments: dict[str, str] | None = None) -> str:
    """逾期未报：the indicator — the years it owes (the department that owes them, by its
    English name from `departments` in English where it has one)."""
    ind = st.indicator
    dept = department_label(ind.department, departments or {}, lang)
    return REVIEW_YEAR.text(
        "overdue_line", lang, who=f"{ind.id} {name_of(ind, lang)}",
        years=years_text(st.overdue, lang),
        department=dept or REVIEW_YEAR.text("no_department", lang))


def status_text(items: Sequence[IndicatorState], districts: Sequence[District], lang: str,
                departments: dict[str, str] | None = None) -> str:
    return "".join(status_pieces(
        districts, lambda did: [[st for st in items if st.indicator.district == did]], lang,
        departments))


def status_cells(st: IndicatorState, lang: str) -> list[str]:
    """Each kind of row as the plan table prints it, the same cells as the UI's: a running
    total against its target, a printed rate, a milestone's state, a ! on verdicts that
    rest on a suspect baseline."""
    ind, mark = st.indicator, plan_text.mark(st)
    return [
        f"{ind.id} {name_of(ind, lang)}",
        ind.unit,
        plan_text.baseline_cell(st),
        plan_text.latest_cell(st, lang),
        plan_text.target_cell(ind, lang),
        share(st.progress_share),
        share(st.time_share),
        verdict_label(st.schedule_verdict, lang) + mark,
        ratio_text(st.growth_ratio),
        verdict_label(st.growth_verdict, lang) + mark,
        plan_text.reason(st, lang) if st.reason else "",
    ]


def status_pieces(
    districts: Sequence[District],
    pages_of: Callable[[str], Iterable[Sequence[IndicatorState]]],
    lang: str,
    departments: dict[str, str] | None = None,
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
                # each cell measured once, for the widths and again for its padding
                sizes = [_measured(col) for col in zip(*cells, strict=True)]
                widths = [max(w, max(col)) for w, col in zip(
                    widths or [cell_width(h) for h in header], sizes, strict=True)]
                # each page's bytes after their length (marshal.load on a file reads it a
                # few bytes at a time): a row as one text, its cells apart by a character
                # no cell holds (text is kept free of control characters), and the sizes
                # as numbers in a row, read back in far fewer pieces than a list of cells
                data = marshal.dumps((["\x00".join(row) for row in cells],
                                      array("I", chain.from_iterable(zip(*sizes, strict=True))).tobytes()))
                kept.write(len(data).to_bytes(8, "little") + data)
                owing += [overdue_line(st, lang, departments) for st in page if st.overdue]
            if widths is None:
                continue
            title = STATUS.text("district_title", lang, name=name_of(d, lang),
                                counts=rollup_line(counts, lang))
            sep = "  ".join("-" * w for w in widths)
            head = "\n".join([title, table_line(header, widths), sep])
            yield head if first else "\n\n" + head
            first = False
            spaces = [" " * k for k in range(max(widths) + 1)]
            end = kept.tell()
            kept.seek(0)
            while kept.tell() < end:
                size = int.from_bytes(kept.read(8), "little")
                rows, measured = marshal.loads(kept.read(size))
                page_sizes = array("I")
                page_sizes.frombytes(measured)
                n = len(widths)
                yield "".join(
                    "\n" + _padded(row.split("\x00"), page_sizes[i:i + n], widths, spaces)
                    for i, row in zip(range(0, len(page_sizes), n), rows, strict=True))
        yield "".join("\n" + line for line in owing)


def _measured(column: Sequence[str]) -> list[int]:
    """`cell_width` of each cell of a column: by length alone when all of it is ASCII (a
    column of figures), else once for each cell it holds (a verdict, a unit)."""
    if "".join(column).isascii():
        return list(map(len, column))
    size = {c: cell_width(c) for c in set(column)}
    return list(map(size.__getitem__, column))


def _padded(cells: Sequence[str], sizes: Sequence[int], widths: Sequence[int],
            spaces: Sequence[str]) -> str:
    """`table_line` of cells already measured, `spaces[k]` being k spaces: each cell padded
    in C, with no Python step per cell (a province's table pads a million)."""
    return "  ".join(map(add, cells, map(spaces.__getitem__, map(sub, widths, sizes)))
                     ).rstrip()
