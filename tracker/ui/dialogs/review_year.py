"""The review year: the year whose values are due. Empty reads the verdicts as today."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Label

from tracker.i18n.review_year import REVIEW_YEAR
from tracker.numbers import parse_year
from tracker.store import Store
from tracker.ui.dialogs.form import FormDialog
from tracker.ui.validators import Year


class InPlan(Year):
    """A year, and one the plan can be reviewed at: not before its baseline years."""

    def __init__(self, lang: Callable[[], str], store: Callable[[], Store]) -> None:
        super().__init__(lang, required=False)
        self.store = store

    def check(self, value: str) -> None:
        self.store().check_review_year(parse_year(value))


class ReviewYearDialog(FormDialog):
    SUBMIT_SAVES = True

    def title_text(self) -> str:
        return REVIEW_YEAR.text("form_title", self.lang)

    def compose_fields(self) -> ComposeResult:
        year = self.store.review_year()
        yield Label(REVIEW_YEAR.text("form_hint", self.lang), classes="hint")
        yield from self.text_field(
            "review_year", REVIEW_YEAR.text("field", self.lang),
            value="" if year is None else str(year),
            validators=[InPlan(lambda: self.lang, lambda: self.store)])

    def record(self) -> int | None:
        text = self.value("review_year")
        return parse_year(text) if text else None

    def save(self) -> int:  # type: ignore[override]
        year = self.record()
        self.store.set_review_year(year)
        return 0 if year is None else year

    def saved_message(self, result: int) -> str:  # type: ignore[override]
        if not result:
            return REVIEW_YEAR.text("unset", self.lang)
        return REVIEW_YEAR.text("setting", self.lang, year=result)
