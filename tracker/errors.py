"""Errors a user can read, in Chinese or English.

Every failure that reaches a planner is a TrackerError: a message key with its
parameters, rendered in the UI language as one line.
"""

from __future__ import annotations

import errno
import os
from functools import cache
from typing import TYPE_CHECKING

from tracker.i18n import pick
from tracker.i18n.errors import (
    FIELDS_EN,
    FIELDS_ZH,
    MESSAGES,
    OS_REASONS_ZH,
    OWN_REASONS_ZH,
    REASONS_ZH,
    RULES_ZH,
    system_reasons_said,
)
from tracker.text_rules import NOTE_PATTERN, TEXT_PATTERN, plain

if TYPE_CHECKING:
    from pydantic import TypeAdapter, ValidationError


# the system's reason for each code, as strerror gives it, said in Chinese
_SYSTEM_REASONS_ZH = {
    **{os.strerror(getattr(errno, name)): zh for name, zh in OS_REASONS_ZH.items()
       if hasattr(errno, name)},
    **OWN_REASONS_ZH,
}


class TrackerError(Exception):
    """A failure with a message for the user, in either language."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        # a file's reason comes from the system in English
        params = system_reasons_said(self.params, lang, _SYSTEM_REASONS_ZH)
        return MESSAGES.text(self.key, lang, **params)


class NotFound(TrackerError):
    pass


class Conflict(TrackerError):
    pass


# the field of a rule across fields: the record as a whole, so no field is named
WHOLE_RECORD = "record"


def invalid(e: ValidationError, field: str | None = None) -> TrackerError:
    """The first problem of a pydantic error, as a one-line TrackerError naming its field
    (or `field`, when its place in the data says less than a name would)."""
    err = e.errors()[0]
    field = field or ".".join(str(p) for p in err["loc"]) or WHOLE_RECORD
    reason = err["msg"].removeprefix("Value error, ")
    if err["type"] == "string_pattern_mismatch" and \
            err.get("ctx", {}).get("pattern") in (TEXT_PATTERN, NOTE_PATTERN):
        # the pattern itself would mean nothing to a planner
        en, zh = MESSAGES["control_char"]
        return _Invalid(field, en, zh)
    if err["type"] == "value_error":
        zh = RULES_ZH.get(reason, reason)
    elif err["type"] in REASONS_ZH:
        # a bound, where the reason has one: 不能小于 1900
        zh = REASONS_ZH[err["type"]].format(**err.get("ctx", {}))
    else:
        zh = reason
    return _Invalid(field, reason, zh)


@cache
def _adapter(note: bool) -> TypeAdapter[str]:
    # pydantic loads only for text the plain check cannot pass: a command that reads
    # and builds no model does not wait for it
    from pydantic import TypeAdapter

    from tracker.models import DEFERRED, Note, Text

    return TypeAdapter(Note if note else Text, config=DEFERRED)


def checked_text(field: str, text: str, note: bool = False) -> str:
    """Text a store method takes outside a model, under the models' rule for text."""
    if plain(text, note):
        return text
    from pydantic import ValidationError

    try:
        return _adapter(note).validate_python(text)
    except ValidationError as e:
        raise invalid(e, field) from None


def refused(field: str, reason_en: str, reason_zh: str) -> TrackerError:
    """A field's value refused by a rule of ours, its reason in both languages."""
    return _Invalid(field, reason_en, reason_zh)


class _Invalid(TrackerError):
    def __init__(self, field: str, reason_en: str, reason_zh: str) -> None:
        self.reason_zh = reason_zh
        super().__init__("invalid", field=field, reason=reason_en)

    def text(self, lang: str = "en") -> str:
        field = self.params["field"]
        reason = pick((self.params["reason"], self.reason_zh), lang)
        if field == WHOLE_RECORD:
            return reason
        names = pick((FIELDS_EN, FIELDS_ZH), lang)
        field = ".".join(names.get(part, part) for part in field.split("."))
        return MESSAGES.text("invalid", lang, field=field, reason=reason)
