"""The plan table every tabular export shares, and the importer reads back.

Layout: `id` first (the key an import matches on), then the columns of a Chinese plan
indicator table, then the machine columns an import reads back (codes, not labels, so a
file can be imported whatever language it was exported in). Every header is in the
export's language; an import reads either language's header, a machine column's key, and
the headers earlier exports wrote (PLAN_HEADER_ALIASES).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from tracker.i18n import name_of, pick
from tracker.i18n.codes import CHOICES
from tracker.i18n.exports import PLAN_HEADER_ALIASES, PLAN_HEADERS
from tracker.i18n.plan_rows import PLAN_ROWS
from tracker.i18n.punctuation import reasons
from tracker.i18n.verdicts import verdict_label as uncached_verdict_label
from tracker.models import AchievementState, District, PlanRow, SnapshotContent
from tracker.plan_text import reason_text as reason
from tracker.work_counts import Progress, counted

# text a spreadsheet would read as a formula (or strip in front of one)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# first characters of the text `neutral` may have to change: a quick test before the full one
QUOTE_RISK = frozenset((*FORMULA_START, "'"))


@dataclass(frozen=True)
class Column:
    key: str
    # text | number | year | share | rate | ratio: how a cell is written and read back
    kind: str = "text"

    @property
    def headers(self) -> tuple[str, str]:
        """(English, Chinese): a labelled column's header, a machine column's key."""
        return PLAN_HEADERS.get(self.key, (self.key, self.key))

    @property
    def en(self) -> str:
        return self.headers[0]

    @property
    def zh(self) -> str:
        return self.headers[1]

    def header(self, lang: str) -> str:
        return pick(self.headers, lang)

    @property
    def read_as(self) -> tuple[str, ...]:
        """Every header an import takes for this column: its key, both languages', and
        what earlier exports wrote."""
        return (self.key, *self.headers, *PLAN_HEADER_ALIASES.get(self.key, ()))


PLAN_COLUMNS = (
    Column("id"),
    Column("name"),
    Column("unit"),
    Column("baseline_value", "number"),
    Column("baseline_year", "year"),
    Column("target_value", "number"),
    Column("target_year", "year"),
    Column("latest_value", "number"),
    Column("latest_year", "year"),
    Column("progress_share", "share"),
    Column("time_share", "share"),
    Column("schedule_verdict"),
    Column("growth_label"),
    Column("attribute"),
    Column("department"),
)
# what a report reads beside the plan table: where each indicator is heading at its pace
# so far, its latest yearly target, its suspect baseline, and why it has no verdict.
# Worked out, never read back by an import.
REPORT_COLUMNS = (
    Column("running_total", "number"),
    Column("projected_value", "number"),
    Column("projected_year", "year"),
    Column("required_rate_remaining", "rate"),
    Column("required_per_year_remaining", "number"),
    Column("annual_year", "year"),
    Column("annual_target", "number"),
    Column("annual_met"),
    Column("baseline_flags"),
    Column("reason"),
)
# machine columns: codes (and the district's name), read back whatever the language
MACHINE_COLUMNS = (
    Column("district"),
    Column("direction"),
    Column("target_type"),
    Column("band", "number"),
    Column("name_zh"),
    Column("name_en"),
    Column("growth_ratio", "ratio"),
    Column("growth_verdict"),
    # quality of the latest value, so a round trip keeps "provisional" provisional
    Column("quality"),
)
COLUMNS = PLAN_COLUMNS + REPORT_COLUMNS + MACHINE_COLUMNS
KEYS = tuple(c.key for c in COLUMNS)
BY_KEY = {c.key: c for c in COLUMNS}

ATTRIBUTE_LABELS = CHOICES["attribute"]
# two labels a row, for each of a province's 100,000 rows, from a dozen codes
verdict_label = functools.lru_cache(maxsize=256)(uncached_verdict_label)


@functools.lru_cache(maxsize=64)
def attribute_label(code: str, lang: str) -> str:
    return ATTRIBUTE_LABELS.text(code, lang)


def needs_quote(text: str) -> bool:
    """True for text a spreadsheet would run as a formula, or that already carries our quote."""
    if text[:1] == "'":
        return needs_quote(text[1:])
    return text[:1] in FORMULA_START


def neutral(value: object) -> object:
    """A text cell made inert by a leading quote; numbers pass as they are."""
    if isinstance(value, str) and needs_quote(value):
        return "'" + value
    return value


def unneutral(text: str) -> str:
    """Undo `neutral`: drop only the quote it would have added."""
    if text[:1] == "'" and needs_quote(text[1:]):
        return text[1:]
    return text


def plan_cells(r: PlanRow, lang: str, districts: Mapping[str, str] | None = None
               ) -> tuple[object, ...]:
    """One indicator's cells in COLUMNS order, labels in `lang`; the district by its name
    in `districts` (district id -> name) when given, else by its id."""
    return (
        r.id,
        pick((r.name_en, r.name_zh), lang),
        r.unit,
        r.baseline_value,
        r.baseline_year,
        r.target_value,
        r.target_year,
        r.latest_value,
        r.latest_year,
        r.progress_share,
        r.time_share,
        verdict_label(r.schedule_verdict, lang),
        verdict_label(r.growth_verdict, lang),
        attribute_label(r.attribute, lang),
        r.department,
        *report_cells(r, lang),
        districts.get(r.district, r.district) if districts else r.district,
        r.direction,
        r.target_type,
        r.band,
        r.name_zh,
        r.name_en,
        r.growth_ratio,
        r.growth_verdict,
        r.quality,
    )


def report_cells(r: PlanRow, lang: str) -> tuple[object, ...]:
    """The REPORT_COLUMNS of one indicator: numbers as numbers, texts in `lang`."""
    a = r.annual
    return (
        r.running_total,
        r.projected_value,
        r.projected_year,
        r.required_rate_remaining,
        r.required_per_year_remaining,
        None if a is None else a.year,
        None if a is None else a.target,
        None if a is None or a.met is None else PLAN_ROWS.text("met" if a.met else "not_met",
                                                                lang),
        reasons([f.message(lang) for f in r.baseline_flags], lang) or None
        if r.baseline_flags else None,
        reason(r.reason, lang) or None,
    )


def row(r: PlanRow, lang: str) -> dict[str, object]:
    return dict(zip(KEYS, plan_cells(r, lang), strict=True))


def by_district(content: SnapshotContent) -> list[tuple[District, list[PlanRow]]]:
    """Districts in display order with their indicators' rows; empty districts stay, so a
    report shows all five."""
    return [
        (d, [PlanRow.of(st) for st in content.indicators if st.indicator.district == d.id])
        for d in content.districts
    ]


@dataclass(frozen=True)
class Rows:
    """The plan's rows as the tables are written: a district at a time, in display order
    (empty districts too), and how many there are in all. A store hands them out as they
    are written, so a province's plan is never all held at once."""

    total: int
    districts: Iterable[tuple[District, Sequence[PlanRow]]]
    # each department's English name by its Chinese one, for a report read in English;
    # the department column an import reads back keeps the Chinese name
    departments: dict[str, str] = field(default_factory=dict)


def rows_of(content: SnapshotContent) -> Rows:
    """The rows of a content held whole."""
    return Rows(len(content.indicators), by_district(content))


def each_row(rows: Rows, progress: Progress) -> Iterator[PlanRow]:
    """Every row in order, each counted once the caller has dealt with it."""
    return counted((r for _, district in rows.districts for r in district), progress, rows.total)


def verdict_counts(rows: Sequence[PlanRow]) -> tuple[Counter, Counter]:
    return (
        Counter(r.schedule_verdict for r in rows),
        Counter(r.growth_verdict for r in rows),
    )


def district_name(d: District, lang: str) -> str:
    return name_of(d, lang)


def district_names(content: SnapshotContent, lang: str) -> dict[str, str]:
    """Each district's name in `lang`, by id: what the district column holds."""
    return {d.id: district_name(d, lang) for d in content.districts}


def flagged(content: SnapshotContent) -> list[AchievementState]:
    return [a for a in content.achievements if a.flags]

