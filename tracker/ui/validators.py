"""Field validators for the forms: the same rules as the command line, checked as the
planner types, with the reason in the UI language."""

from __future__ import annotations

from collections.abc import Callable, Collection

from pydantic import TypeAdapter, ValidationError
from textual.validation import ValidationResult, Validator

from tracker.errors import TrackerError
from tracker.i18n.ui import tr
from tracker.models import Slug
from tracker.numbers import parse_quantity, parse_year

_SLUG = TypeAdapter(Slug)


class _Rule(Validator):
    """A validator whose reason is said in the language of the moment."""

    def __init__(self, lang: Callable[[], str], required: bool = True) -> None:
        super().__init__()
        self.lang = lang
        self.required = required

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.failure(tr("required", self.lang())) if self.required else self.success()
        try:
            self.check(value)
        except TrackerError as e:
            return self.failure(e.text(self.lang()))
        return self.success()

    def check(self, value: str) -> None:
        """Raise a TrackerError for a bad value."""


class Quantity(_Rule):
    """A number as planners write it (1,234.5 / 6.13万), in the indicator's unit."""

    def __init__(self, lang: Callable[[], str], unit: str = "", required: bool = True) -> None:
        super().__init__(lang, required)
        self.unit = unit

    def check(self, value: str) -> None:
        parse_quantity(value, self.unit)


class Year(_Rule):
    def check(self, value: str) -> None:
        parse_year(value)


class Required(_Rule):
    pass


class NewId(_Rule):
    """An indicator id: the model's pattern, and not one already used."""

    def __init__(self, lang: Callable[[], str], taken: Collection[str]) -> None:
        super().__init__(lang, required=True)
        self.taken = taken

    def validate(self, value: str) -> ValidationResult:
        result = super().validate(value)
        if not result.is_valid:
            return result
        try:
            _SLUG.validate_python(value.strip())
        except ValidationError:
            return self.failure(tr("bad_id", self.lang()))
        if value.strip() in self.taken:
            return self.failure(tr("id_taken", self.lang(), id=value.strip()))
        return self.success()
