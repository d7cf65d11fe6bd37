"""Pydantic models: everything the store keeps and every boundary it crosses.

Values from the article are kept as `Decimal` exactly as printed ("6.13" with unit
"万人"), so nothing is rounded; `base_value` gives the number in plain units.

One module, though long: the models refer to one another and share their validators
(names, notes, numbers), so a planner's record is read in one place.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    FiniteFloat,
    Json,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from tracker.i18n import pick
from tracker.text_rules import NOTE_PATTERN, TEXT_PATTERN

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=64),
]
Text = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]
Note = Annotated[str, StringConstraints(pattern=NOTE_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                            pattern=TEXT_PATTERN)]
# the years a plan can name
FIRST_YEAR, LAST_YEAR = 1900, 2200
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
# the schedule tolerance: a share of the plan period either side of the time share
MAX_TOLERANCE = 0.5
Tolerance = Annotated[float, Field(ge=0, le=MAX_TOLERANCE, allow_inf_nan=False)]

Kind = Literal["quantity", "rate", "honour", "milestone"]
# "余" / "多" in the article mean "more than", "左右" means "about", "不到" "fewer than".
Qualifier = Literal["exact", "more_than", "about", "fewer_than"]
DistrictId = Literal["industry", "culture", "ecology", "openness", "wellbeing"]
Direction = Literal["increase", "decrease", "maintain"]
Attribute = Literal["expected", "binding"]
TargetType = Literal["level", "cumulative", "at_least", "at_most", "maintain", "growth_rate",
                     "reduction", "milestone", "monitor"]
# how an indicator's values are entered: as the level itself, or as each year's change in %
ValuesAs = Literal["level", "rate"]
MilestoneState = Literal["not_started", "in_progress", "done"]
Quality = Literal["final", "provisional", "estimated", "revised"]
# a flag's weight: "error" cannot be right as printed, "check" is unusual and to be verified
Severity = Literal["error", "check"]
SEVERITIES: tuple[Severity, ...] = ("error", "check")
# where a record's period comes from: a date printed beside it; "“十三五”期间" (2016-2020);
# "五年来" read as the congress term (2017-2021); "目前 / 如今 / 已有" as of the report
# (its figures stand at 2021); "未来五年" the next term; or no date at all ("起初")
PeriodBasis = Literal["printed", "13th_fyp", "congress_term", "as_of_report", "next_term",
                      "undated"]
PERIOD_BASES: tuple[PeriodBasis, ...] = ("printed", "13th_fyp", "congress_term",
                                         "as_of_report", "next_term", "undated")
# the bases whose years are read into the text rather than printed in it
INFERRED_BASES: frozenset[str] = frozenset({"congress_term", "as_of_report", "next_term"})
# whose figure a record is: the city's own, or the prefecture's (黔东南州)
Scope = Literal["city", "prefecture"]
SCOPES: tuple[Scope, ...] = ("city", "prefecture")

DISTRICT_IDS: tuple[DistrictId, ...] = ("industry", "culture", "ecology", "openness", "wellbeing")
DIRECTIONS: tuple[Direction, ...] = ("increase", "decrease", "maintain")
ATTRIBUTES: tuple[Attribute, ...] = ("expected", "binding")
TARGET_TYPES: tuple[TargetType, ...] = ("level", "cumulative", "at_least", "at_most", "maintain",
                                        "growth_rate", "reduction", "milestone", "monitor")
VALUES_AS: tuple[ValuesAs, ...] = ("level", "rate")
MILESTONE_STATES: tuple[MilestoneState, ...] = ("not_started", "in_progress", "done")
# the target types whose values may be entered as yearly rates
RATE_TYPES: frozenset[str] = frozenset({"growth_rate", "reduction"})
# the target types with no numeric target value
UNNUMBERED_TYPES: frozenset[str] = frozenset({"milestone", "monitor"})
QUALITIES: tuple[Quality, ...] = ("final", "provisional", "estimated", "revised")

# Chinese scale words in a unit, kept in the unit so the printed figure stays as printed.
UNIT_SCALES: dict[str, int] = {"万": 10_000, "亿": 100_000_000}


def unit_scale(unit: str) -> tuple[int, str]:
    """Split a printed unit into its scale and base unit: "万人" -> (10000, "人")."""
    for prefix, scale in UNIT_SCALES.items():
        if unit.startswith(prefix) and len(unit) > 1:
            return scale, unit[len(prefix) :]
    return 1, unit


OTHER_DIGIT = "only the digits 0-9 (or full-width ０-９) are digits"


def other_digit(c: str) -> bool:
    """A character Unicode counts as a number that is not 0-9 or full-width ０-９:
    superscripts, circled numbers, other scripts' digits, fractions, numerals."""
    return not c.isascii() and not "０" <= c <= "９" and unicodedata.category(c)[0] == "N"


# Schemas are built on first use, not at import: a command pays only for the models it
# reads, and the UI's first screen does not wait for every model of every report.
DEFERRED = ConfigDict(defer_build=True)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Theme(Model):
    id: Slug
    name_zh: NonEmpty
    name_en: NonEmpty


class Plausible(Model):
    """A declared plausible range for an indicator, with the reason it holds."""

    min: FiniteFloat | None = None
    max: FiniteFloat | None = None
    basis_zh: NonEmpty
    basis_en: NonEmpty

    @model_validator(mode="after")
    def _bounds(self) -> Plausible:
        if self.min is None and self.max is None:
            raise ValueError("give at least one of min and max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is greater than max")
        return self


class Achievement(Model):
    id: Slug
    theme: Slug
    title_zh: NonEmpty
    title_en: NonEmpty
    value: Decimal | None = None
    unit: Text = ""
    qualifier: Qualifier = "exact"
    period: NonEmpty
    kind: Kind
    source_quote: NonEmpty
    # The achievement this one is a part of (绣娘 of whom 专业绣娘 ...).
    part_of: Slug | None = None
    # True when the parts listed with part_of are meant to add up to this whole.
    parts_complete: bool = False
    # what the period is read from; the data file names it for every record, the default
    # is for records kept before it was recorded
    period_basis: PeriodBasis = "printed"
    scope: Scope = "city"

    @field_validator("value", mode="before")
    @classmethod
    def _plain_digits(cls, v: object) -> object:
        # Decimal() reads other scripts' digits ("١٢" is 12): only 0-9 and ０-９ are digits
        if isinstance(v, str) and any(other_digit(c) for c in v):
            raise ValueError(OTHER_DIGIT)
        return v

    @field_validator("value")
    @classmethod
    def _finite(cls, v: Decimal | None) -> Decimal | None:
        if v is not None and not v.is_finite():
            raise ValueError("value must be a finite number")
        return v

    @model_validator(mode="after")
    def _kind_rules(self) -> Achievement:
        if self.kind in ("quantity", "rate") and self.value is None:
            raise ValueError(f"a {self.kind} needs a value")
        if self.kind == "rate" and self.unit != "%":
            raise ValueError("a rate is given in %")
        if self.value is not None and not self.unit:
            raise ValueError("a value needs a unit")
        if self.part_of == self.id:
            raise ValueError("an achievement cannot be part of itself")
        return self

    @property
    def base_value(self) -> Decimal | None:
        """The value in plain units: 6.13 万人 -> 61300 人."""
        if self.value is None:
            return None
        return self.value * unit_scale(self.unit)[0]

    @property
    def base_unit(self) -> str:
        return unit_scale(self.unit)[1]

    @property
    def period_inferred(self) -> bool:
        """Whether the period's years are read into the text rather than printed in it."""
        return self.period_basis in INFERRED_BASES


class ReferenceFigure(Model):
    """A figure about the city (or the province, or the country) a rule judges against,
    with where it comes from; `verified` is False where it could not be checked."""

    id: Slug
    name_zh: NonEmpty
    name_en: NonEmpty
    value: Decimal
    unit: NonEmpty
    year: Year
    source_zh: NonEmpty
    source_en: NonEmpty
    verified: bool
    note: Note = ""

    @property
    def base_value(self) -> Decimal:
        return self.value * unit_scale(self.unit)[0]

    @property
    def base_unit(self) -> str:
        return unit_scale(self.unit)[1]


# share: a part over its whole (same unit), shown in %; against_population: a count over
# the residents, in %; per_resident, per_km2, per_unit: an amount per resident, per km²
# of land, per unit of another figure, in `ratio_unit`
RatioKind = Literal["share", "against_population", "per_resident", "per_km2", "per_unit"]
RATIO_KINDS: tuple[RatioKind, ...] = ("share", "against_population", "per_resident",
                                      "per_km2", "per_unit")


class RatioRule(Model):
    """A figure judged against another (a reference figure or a record of the article):
    above `error_above` it cannot be right; above `check_above` or below `check_below` it
    is unusual. Thresholds are in `ratio_unit`."""

    id: Slug
    kind: RatioKind
    achievement: Slug
    basis: Slug
    ratio_unit: NonEmpty
    error_above: FiniteFloat | None = None
    check_above: FiniteFloat | None = None
    check_below: FiniteFloat | None = None
    measure_zh: NonEmpty
    measure_en: NonEmpty
    reason_zh: NonEmpty
    reason_en: NonEmpty

    @model_validator(mode="after")
    def _some_threshold(self) -> RatioRule:
        if self.error_above is None and self.check_above is None and self.check_below is None:
            raise ValueError("give at least one of error_above, check_above, check_below")
        if self.kind in ("share", "against_population") and self.ratio_unit != "%":
            raise ValueError("a share is shown in %")
        return self


class RateOver100(Model):
    """A rate that can rightly exceed 100% by how it is defined: a figure of it above 100%
    is unusual rather than impossible. Matched by the term in a record's Chinese name."""

    term_zh: NonEmpty
    reason_zh: NonEmpty
    reason_en: NonEmpty


class Reference(Model):
    """What data/reference.toml holds: the figures the rules judge against, and the rules."""

    figures: list[ReferenceFigure] = []
    rules: list[RatioRule] = []
    rates_over_100: list[RateOver100] = []


class District(Model):
    id: DistrictId
    name_zh: NonEmpty
    name_en: NonEmpty
    summary_zh: Note = ""
    summary_en: Note = ""


class Department(Model):
    """A department (责任单位) that owes an indicator's values; indicators name it by its
    Chinese name."""

    name_zh: NonEmpty
    # empty for a department taken from the indicators before the list existed
    name_en: Text = ""
    contact: Text = ""


class DepartmentCounts(NamedTuple):
    department: Department
    indicators: int
    lagging: int
    overdue: int


class Indicator(Model):
    id: Slug
    district: DistrictId
    name_zh: NonEmpty
    name_en: NonEmpty
    unit: Text = ""
    direction: Direction = "increase"
    attribute: Attribute = "expected"
    target_type: TargetType = "level"
    # For target_type "maintain": how far from the target still counts as held.
    band: FiniteFloat | None = Field(default=None, ge=0)
    baseline_value: FiniteFloat | None = None
    baseline_year: Year | None = None
    baseline_achievement: Slug | None = None
    baseline_source: Text = ""
    target_value: FiniteFloat | None = None
    target_year: Year | None = None
    department: Text = ""
    notes: Note = ""
    plausible: Plausible | None = None
    retired: bool = False
    # growth_rate and reduction: values entered as the level (default) or as yearly rates
    values_as: ValuesAs | None = None
    # milestone: where it stands, when it got there, and what shows it
    milestone_state: MilestoneState | None = None
    milestone_date: Text | None = None
    milestone_evidence: Note = ""
    # Optimistic concurrency: bumped on every edit.
    version: int = 1

    @model_validator(mode="before")
    @classmethod
    def _implied_direction(cls, data: object) -> object:
        # a plan table prints "降低 13.5%" or "年均增长 −2%": the kind of row says which
        # way is good, so a planner need not say it twice
        if isinstance(data, dict) and data.get("direction") is None:
            kind = data.get("target_type")
            if kind == "reduction":
                data = {**data, "direction": "decrease"}
            elif kind == "growth_rate" and isinstance(data.get("target_value"), int | float):
                data = {**data, "direction": "decrease" if data["target_value"] < 0
                        else "increase"}
        return data

    @model_validator(mode="after")
    def _years(self) -> Indicator:
        kind = self.target_type
        if kind == "milestone":
            if self.baseline_value is not None or self.target_value is not None:
                raise ValueError("a milestone has a target year and no numbers")
        elif (self.baseline_value is None) != (self.baseline_year is None):
            raise ValueError("baseline value and baseline year go together")
        if kind == "monitor":
            if self.target_value is not None:
                raise ValueError("a monitoring indicator has no target value")
        elif kind != "milestone" and (self.target_value is None) != (self.target_year is None):
            raise ValueError("target value and target year go together")
        if (
            self.baseline_year is not None
            and self.target_year is not None
            and self.target_year <= self.baseline_year
        ):
            raise ValueError("the target year must be after the baseline year")
        if self.target_type == "maintain" and self.direction != "maintain":
            raise ValueError("a maintain target needs direction maintain")
        self._kind_rules()
        return self

    def _kind_rules(self) -> None:
        kind, value = self.target_type, self.target_value
        if self.values_as is not None and kind not in RATE_TYPES:
            raise ValueError("values as rates are only for growth_rate and reduction targets")
        if kind == "growth_rate":
            if value is not None and value <= -100:
                raise ValueError("a growth rate must be above -100%")
            if self.direction == "maintain":
                raise ValueError("a growth_rate target needs direction increase or decrease")
        if kind == "reduction":
            if value is not None and not 0 <= value < 100:
                raise ValueError("a reduction is at least 0% and below 100%")
            if self.direction != "decrease":
                raise ValueError("a reduction target needs direction decrease")
        if kind != "milestone" and (self.milestone_state is not None
                                    or self.milestone_date is not None
                                    or self.milestone_evidence):
            raise ValueError("a milestone state is only for milestone targets")
        if self.milestone_date is not None:
            try:
                year = datetime.strptime(self.milestone_date, "%Y-%m-%d").year
            except ValueError:
                raise ValueError("the milestone date must be YYYY-MM-DD") from None
            if not self.in_plan_years(year, first=self.baseline_year):
                raise ValueError("the milestone date must fall within the plan's years")

    def in_plan_years(self, year: int, first: int | None = None) -> bool:
        """Whether a year lies in the plan: from `first` (default: the year after the
        baseline year) to the target year, each bound only where the plan has one."""
        if first is None and self.baseline_year is not None:
            first = self.baseline_year + 1
        if first is not None and year < first:
            return False
        return self.target_year is None or year <= self.target_year

    @property
    def rate_values(self) -> bool:
        """Whether the values are yearly rates in %, compounded from the baseline."""
        return self.values_as == "rate" and self.target_type in RATE_TYPES


# an indicator a plan table's import adds, once checked as an Indicator: its fields in
# their order, flat, for the reason ImportedValue is
NewIndicator = NamedTuple(  # type: ignore[misc]
    "NewIndicator", [(name, object) for name in Indicator.model_fields])


class AnnualTarget(Model):
    """A year's target from the plan's yearly breakdown (年度目标分解), in the terms the
    values are entered in. Checked against its indicator, passed as the validation
    context ({"indicator": Indicator}), when there is one."""

    indicator: Slug
    year: Year
    value: FiniteFloat

    @model_validator(mode="after")
    def _in_plan(self, info: ValidationInfo) -> AnnualTarget:
        ind = (info.context or {}).get("indicator")
        if isinstance(ind, Indicator):
            if ind.target_type == "milestone":
                raise ValueError("a milestone has no yearly numbers")
            if not ind.in_plan_years(self.year):
                raise ValueError("the year is outside the plan period")
        return self


class AnnualReading(Model):
    """A year's value against that year's target (年度目标): the latest year with both."""

    year: int
    target: float
    value: float | None = None
    met: bool | None = None


class BaselineFlag(Model):
    """A quality flag on the figure an indicator's baseline was taken from."""

    code: Text
    message_zh: Text
    message_en: Text
    # flags kept before severities were recorded were all read as errors
    severity: Severity = "error"

    def message(self, lang: str) -> str:
        return pick((self.message_en, self.message_zh), lang)


class Measurement(Model):
    id: int | None = None
    indicator: Slug
    year: Year
    date: Text | None = None  # ISO date within the year, when known
    value: FiniteFloat
    source: Text = ""
    quality: Quality = "final"
    note: Note = ""
    actor: Text = ""
    recorded_at: datetime | None = None

    @model_validator(mode="after")
    def _date_in_year(self) -> Measurement:
        if self.date is not None:
            try:
                d = datetime.strptime(self.date, "%Y-%m-%d")
            except ValueError:
                raise ValueError("date must be YYYY-MM-DD") from None
            if d.year != self.year:
                raise ValueError("date must fall in the measurement's year")
        return self


class ImportedValue(NamedTuple):
    """A value an import adds, once checked as a Measurement: what its row is written
    from. Flat: a province's plan table brings 100,000 of them and its snapshot a million,
    and a model of each held until the write costs several times the tuple."""

    indicator: str
    year: int
    value: float
    quality: str
    source: str
    # a plan table has neither; a snapshot's values may
    date: str | None = None
    note: str = ""


# why a value was taken back: one line a planner reads in the history and the log
VoidReason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                              max_length=500, pattern=TEXT_PATTERN)]


class Void(Model):
    """A value taken back: who took it back, when, and why. The value stays in the
    history; verdicts, the latest value and snapshots no longer read it."""

    at: datetime
    by: Text
    reason: VoidReason


class RecordedValue(Model):
    """A value as its indicator's history shows it: in force, or voided and why."""

    value: Measurement
    void: Void | None = None


class HashedValue(NamedTuple):
    """A stored value as a snapshot's hash reads it: each field a Measurement dumps but
    when it was typed in, typed as there and in the hash's (sorted) order. Flat, as for
    PlanRow: a province's snapshot hashes a million of them."""

    actor: str
    date: str | None
    id: int
    indicator: Slug
    note: str
    quality: Quality
    source: str
    value: FiniteFloat
    year: Year


class Flag(Model):
    """A data-quality flag on an achievement: computed by a rule, or set by a planner."""

    achievement: Slug
    code: Text
    message_zh: Text
    message_en: Text
    # flags kept (in snapshots) before severities were recorded were all read as errors
    severity: Severity = "error"
    manual: bool = False
    note: Note = ""
    actor: Text = ""
    id: int | None = None

    def message(self, lang: str) -> str:
        return pick((self.message_en, self.message_zh), lang)


class AuditEntry(Model):
    id: int
    at: datetime
    actor: Text
    action: Text
    entity: Text
    entity_id: Text
    old: dict | None = None
    new: dict | None = None
    # the id of the value an import's entry (`id`) logs, listed as an entry of its own
    value_id: int | None = None

    @property
    def key(self) -> str:
        """Tells apart the entries of one import's values, which share its id."""
        return str(self.id) if self.value_id is None else f"{self.id}/{self.value_id}"


class Dataset(Model):
    """What data/ holds: the article's record and the starter plan."""

    themes: list[Theme]
    achievements: list[Achievement]
    districts: list[District]
    indicators: list[Indicator]
    reference: Reference = Field(default_factory=Reference)
    # the departments the plan names, with their English names
    departments: list[Department] = Field(default_factory=list)


# -- snapshots ------------------------------------------------------------------------

SNAPSHOT_SCHEMA_VERSION = 1


class LatestValue(Model):
    year: int
    value: float
    quality: Quality = "final"


class IndicatorState(Model):
    """An indicator as it stood at a snapshot: its plan, latest value and both verdicts."""

    indicator: Indicator
    latest: LatestValue | None = None
    progress_share: float | None = None
    time_share: float | None = None
    schedule_verdict: Text = "no_data"
    growth_ratio: float | None = None
    growth_verdict: Text = "no_data"
    # where it is heading at its pace so far (progress.Heading), each None where it does
    # not apply
    projected_value: float | None = None
    projected_year: int | None = None
    required_rate_remaining: float | None = None
    required_per_year_remaining: float | None = None
    running_total: float | None = None
    # why there is no verdict, or what a verdict rests on ("target year passed")
    reason: Text = ""
    annual: AnnualReading | None = None
    baseline_flags: list[BaselineFlag] = []
    # with a review year: the years after the baseline, up to it, with no value (逾期未报)
    overdue: list[int] = []


class PlanRow(NamedTuple):
    """One indicator as the plan tables write it: its plan, latest value and verdicts as
    codes, flat. A tuple typed for pydantic rather than a model: the tables of a
    province's plan are 100,000 of them, and an IndicatorState costs many times as much
    to make. The rules across fields were checked when the indicator was saved."""

    id: Slug
    name_zh: str
    name_en: str
    unit: str
    baseline_value: FiniteFloat | None
    baseline_year: Year | None
    target_value: FiniteFloat | None
    target_year: Year | None
    latest_value: FiniteFloat | None
    latest_year: Year | None
    # the latest value's quality; "" with no value
    quality: Quality | Literal[""]
    progress_share: float | None
    time_share: float | None
    schedule_verdict: str
    growth_ratio: float | None
    growth_verdict: str
    district: DistrictId
    direction: Direction
    attribute: Attribute
    target_type: TargetType
    band: FiniteFloat | None
    department: str
    # what a report reads beside the verdicts: where it is heading, the year's target, the
    # suspect baseline and why there is no verdict (the status cache keeps the last three
    # as JSON and text)
    running_total: float | None = None
    projected_value: float | None = None
    projected_year: int | None = None
    required_rate_remaining: float | None = None
    required_per_year_remaining: float | None = None
    annual: Json[AnnualReading] | None = None
    baseline_flags: Json[tuple[BaselineFlag, ...]] = ()
    reason: str = ""

    @classmethod
    def of(cls, st: IndicatorState) -> PlanRow:
        """The row of a state held as a model (a snapshot's, or a content's)."""
        ind, latest = st.indicator, st.latest
        return cls(
            ind.id, ind.name_zh, ind.name_en, ind.unit,
            ind.baseline_value, ind.baseline_year, ind.target_value, ind.target_year,
            latest.value if latest else None, latest.year if latest else None,
            latest.quality if latest else "",
            st.progress_share, st.time_share, st.schedule_verdict,
            st.growth_ratio, st.growth_verdict,
            ind.district, ind.direction, ind.attribute, ind.target_type, ind.band,
            ind.department,
            st.running_total, st.projected_value, st.projected_year,
            st.required_rate_remaining, st.required_per_year_remaining, st.annual,
            tuple(st.baseline_flags), st.reason,
        )


class Compared(NamedTuple):
    """What a comparison of two plans reads of one indicator: who it is, then the plan
    and the verdicts it compares (`fields`). Flat, as for PlanRow: a province's two
    plans are 200,000 of these, read from a snapshot's JSON or the plan's rows."""

    id: str
    name_zh: str
    name_en: str
    target_value: float | None
    target_year: int | None
    baseline_value: float | None
    baseline_year: int | None
    target_type: str
    direction: str
    band: float | None
    schedule_verdict: str
    growth_verdict: str

    @property
    def fields(self) -> tuple:
        return self[3:]

    @classmethod
    def of(cls, r: PlanRow) -> Compared:
        return cls(r.id, r.name_zh, r.name_en, r.target_value, r.target_year,
                   r.baseline_value, r.baseline_year, r.target_type, r.direction, r.band,
                   r.schedule_verdict, r.growth_verdict)


class NewValue(NamedTuple):
    """What a comparison reads of a value one side holds and the other does not."""

    indicator: str
    year: int
    value: float


class AchievementState(Model):
    achievement: Achievement
    flags: list[Flag] = []


class SnapshotContent(Model):
    """The whole state, frozen: what exports are made from and snapshots compare."""

    schema_version: int = SNAPSHOT_SCHEMA_VERSION
    label: Text = ""
    taken_at: datetime
    actor: Text = ""
    tolerance: Tolerance
    districts: list[District]
    indicators: list[IndicatorState]
    measurements: list[Measurement]
    achievements: list[AchievementState]


# keys a JSON export writes after a snapshot's content (each indicator's yearly targets);
# an import of the file sets them aside
EXPORT_ONLY = ("annual_targets",)


class SnapshotInfo(Model):
    id: int
    label: Text
    taken_at: datetime
    actor: Text
    content_hash: Text
