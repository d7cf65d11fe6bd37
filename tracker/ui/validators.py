"""Field validators for the forms: the same rules as the command line, checked as the
planner types, with the reason in the UI language."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from pydantic import TypeAdapter, ValidationError
from textual.validation import ValidationResult, Validator

from tracker.errors import TrackerError
from tracker.i18n.ui import tr
from tracker.models import DEFERRED, Slug
from tracker.numbers import parse_quantity, parse_year
from tracker.text_rules import CONTROL_CHAR
from tracker.ui.files import inside

_SLUG = TypeAdapter(Slug, config=DEFERRED)


class _Rule(Validator):
    """A validator whose reason is said in the language of the moment."""

    def __init__(self, lang: Callable[[], str], required: bool = True) -> None:
        super().__init__()
        self.lang = lang
        self.required = required

    def validate(self, value: str) -> ValidationResult:
        if CONTROL_CHAR.search(value):
            # pasted text may carry them; the models refuse them too, named by field
            return self.failure(TrackerError("control_char").text(self.lang()))
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


class InFolder(_Rule):
    """A file inside the served session's folder for files; anything when there is none."""

    def __init__(self, lang: Callable[[], str], root: Path | None) -> None:
        super().__init__(lang, required=False)
        self.root = root

    def check(self, value: str) -> None:
        if self.root is not None:
            inside(self.root, value.strip())


class PlainText(_Rule):
    """Any text, or none, without a control character: a field with no rule of its own."""

    def __init__(self, lang: Callable[[], str]) -> None:
        super().__init__(lang, required=False)


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
