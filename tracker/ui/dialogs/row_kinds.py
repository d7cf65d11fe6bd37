"""The forms of the rows a plan table holds beside its numbers: a milestone's state, date
and evidence (m), and a year's target from the plan's yearly breakdown (y). Each field is
checked as it is typed by the same models the command line fills, with the reason under
the field."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError
from textual.app import ComposeResult

from tracker.errors import invalid
from tracker.i18n import name_of
from tracker.i18n.codes import choice, choices
from tracker.i18n.plan_rows import ROW_FORMS
from tracker.models import AnnualTarget, Indicator
from tracker.numbers import parse_quantity, parse_year
from tracker.text_format import fmt_num
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.format import num_text
from tracker.ui.validators import Quantity, Year, _Rule

text = ROW_FORMS.text


def _checked(build: Callable[[], object]) -> None:
    """Build a model; its refusal as the TrackerError a field shows."""
    try:
        build()
    except ValidationError as e:
        raise invalid(e) from None


class MilestoneDate(_Rule):
    """A date as YYYY-MM-DD, within the milestone's plan years (the model's rule)."""

    def __init__(self, lang: Callable[[], str], indicator: Indicator) -> None:
        super().__init__(lang, required=False)
        self.indicator = indicator

    def check(self, value: str) -> None:
        _checked(lambda: Indicator.model_validate(
            {**self.indicator.model_dump(), "milestone_date": value.strip()}))


class PlanYear(Year):
    """A year of the plan period (after the baseline year, up to the target year)."""

    def __init__(self, lang: Callable[[], str], indicator: Indicator) -> None:
        super().__init__(lang)
        self.indicator = indicator

    def check(self, value: str) -> None:
        year = parse_year(value)
        _checked(lambda: AnnualTarget.model_validate(
            {"indicator": self.indicator.id, "year": year, "value": 0},
            context={"indicator": self.indicator}))


class MilestoneDialog(FormDialog):
    """Where a milestone stands: not started, in progress, done; when, and what shows it."""

    CHECKS_VERSION = True

    def __init__(self, indicator: Indicator) -> None:
        super().__init__()
        self.indicator = indicator

    def title_text(self) -> str:
        return text("milestone_title", self.lang, name=name_of(self.indicator, self.lang))

    def compose_fields(self) -> ComposeResult:
        ind, lang = self.indicator, self.lang

        def lang_now() -> str:
            return self.lang

        yield from self.select_field("state", text("field_state", lang),
                                     choices("milestone_state", lang),
                                     ind.milestone_state or "not_started")
        yield from self.text_field("date", text("field_date", lang), ind.milestone_date or "",
                                   [MilestoneDate(lang_now, ind)], example="2024-06-30")
        yield from self.text_field("evidence", text("field_evidence", lang),
                                   ind.milestone_evidence)

    def record(self) -> Indicator:
        return Indicator.model_validate({
            **self.indicator.model_dump(),
            "milestone_state": self.selected("state"),
            "milestone_date": self.value("date") or None,
            "milestone_evidence": self.value("evidence"),
        })

    def save(self) -> Indicator:
        ind = self.indicator
        return self.store.set_milestone(ind.id, self.selected("state"), self.value("date"),
                                        self.value("evidence"), expected_version=ind.version)

    def saved_message(self, result: Indicator) -> str:
        state = choice("milestone_state", result.milestone_state or "not_started", self.lang)
        return text("saved_milestone", self.lang, name=name_of(result, self.lang), state=state)


class AnnualTargetDialog(FormDialog):
    """One year's target (年度目标分解), in the terms the values are entered in; a year
    outside the plan period is refused under the year."""

    def __init__(self, indicator: Indicator, targets: dict[int, float]) -> None:
        super().__init__()
        self.indicator = indicator
        self.targets = targets

    def title_text(self) -> str:
        return text("annual_title", self.lang, name=name_of(self.indicator, self.lang))

    def _first_open_year(self) -> str:
        """The first year of the plan with no target yet, to start from."""
        ind = self.indicator
        if ind.baseline_year is None or ind.target_year is None:
            return ""
        for year in range(ind.baseline_year + 1, ind.target_year + 1):
            if year not in self.targets:
                return str(year)
        return str(ind.target_year)

    def compose_fields(self) -> ComposeResult:
        ind, lang = self.indicator, self.lang

        def lang_now() -> str:
            return self.lang

        first = None if ind.baseline_year is None else ind.baseline_year + 1
        label = (text("field_year", lang, first=first, last=ind.target_year)
                 if first is not None and ind.target_year is not None
                 else text("field_year_open", lang))
        year = self._first_open_year()
        yield from self.text_field("year", label, year, [PlanYear(lang_now, ind)])
        unit = "%" if ind.rate_values else (ind.unit or "—")
        value = self.targets.get(int(year)) if year else None
        yield from self.text_field("value", text("field_value", lang, unit=unit),
                                   num_text(value), [Quantity(lang_now, ind.unit)])

    def record_note(self, record: object) -> str:
        key = "annual_terms_rate" if self.indicator.rate_values else "annual_terms"
        return text(key, self.lang)

    def record(self) -> AnnualTarget:
        return AnnualTarget.model_validate(
            {"indicator": self.indicator.id, "year": parse_year(self.value("year")),
             "value": parse_quantity(self.value("value"), self.indicator.unit)},
            context={"indicator": self.indicator})

    def save(self) -> Indicator:
        t = self.record()
        self.store.set_annual_target(t.indicator, t.year, t.value)
        self._saved = t
        return self.store.indicator(t.indicator)

    def saved_message(self, result: Indicator) -> str:
        t = self._saved
        return text("saved_annual", self.lang, name=name_of(result, self.lang), year=t.year,
                    value=fmt_num(t.value))
