"""The form validators on random input: a valid result or a reason, never an exception,
and they agree with the command line's parsers."""

from __future__ import annotations

import math
import unicodedata
from typing import Annotated

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from tracker import models
from tracker.errors import TrackerError, invalid
from tracker.models import Tolerance
from tracker.numbers import parse_quantity, parse_tolerance, parse_year
from tracker.text_rules import CONTROL_CHAR
from tracker.ui.validators import NewId, Quantity, Year

TOLERANCE = TypeAdapter(Tolerance)
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["nan", "inf", "-inf", "1e999", "=1+1", "@SUM(A1)", "\ufeff12", "1,234.5",
                     "6.13万", "２０２５", "1" * 500, "\x00", "\r\n", "\t5", "10²", "①⓪",
                     "٣", "５\u202e"]),
)


def agrees(validator, parse, text: str, lang: str) -> None:
    result = validator.validate(text)
    try:
        parse(text)
        parsed = True
    except TrackerError:
        parsed = False
    if not text.strip():
        assert not result.is_valid and result.failure_descriptions
        return
    assert result.is_valid == parsed, text
    if not result.is_valid:
        reason = result.failure_descriptions[0]
        assert reason and "\n" not in reason
        if lang == "zh":
            assert any("\u4e00" <= c <= "\u9fff" for c in reason)


@given(text=TEXT, lang=st.sampled_from(["zh", "en"]), unit=st.sampled_from(["", "万人", "%"]))
def test_quantity_field_agrees_with_the_cli(text: str, lang: str, unit: str) -> None:
    agrees(Quantity(lambda: lang, unit), lambda t: parse_quantity(t, unit), text, lang)


@given(text=TEXT, lang=st.sampled_from(["zh", "en"]))
def test_year_field_agrees_with_the_cli(text: str, lang: str) -> None:
    agrees(Year(lambda: lang), parse_year, text, lang)


@given(text=TEXT, lang=st.sampled_from(["zh", "en"]))
def test_new_id_field_never_raises(text: str, lang: str) -> None:
    result = NewId(lambda: lang, taken={"forest-cover"}).validate(text)
    if result.is_valid:
        assert text.strip() != "forest-cover"
    else:
        assert result.failure_descriptions[0]


# -- only 0-9 and full-width ０-９ are digits ------------------------------------------


def _other_digit(c: str) -> bool:
    """A character Unicode counts as a number that is not 0-9 or full-width ０-９."""
    return unicodedata.category(c)[0] == "N" and not ("0" <= c <= "9" or "０" <= c <= "９")


OTHER_DIGITS = st.characters(categories=["Nd", "Nl", "No"]).filter(_other_digit)
NUMBERISH = st.text(alphabet="0123456789０１２３４５６７８９.,．，-+－＋万亿% ", max_size=12)


@given(before=NUMBERISH, digit=OTHER_DIGITS, after=NUMBERISH,
       lang=st.sampled_from(["zh", "en"]))
def test_a_string_with_any_other_digit_is_never_a_number(before: str, digit: str, after: str,
                                                         lang: str) -> None:
    text = before + digit + after
    for parse in (parse_quantity, parse_year, parse_tolerance,
                  lambda t: parse_quantity(t, "万人")):
        with pytest.raises(TrackerError) as e:
            parse(text)
        assert "\n" not in e.value.text(lang)
    assert not Quantity(lambda: lang).validate(text).is_valid
    assert not Year(lambda: lang).validate(text).is_valid


@given(st.text(alphabet="0123456789.,-", min_size=1, max_size=12))
def test_full_width_digits_read_as_their_ascii_twins(text: str) -> None:
    wide = text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789.,-"})
    try:
        expected = parse_quantity(text)
    except TrackerError:
        with pytest.raises(TrackerError):
            parse_quantity(wide)
    else:
        assert parse_quantity(wide) == expected


# -- the tolerance --------------------------------------------------------------------


@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers(-10, 10))
def test_tolerance_accepts_exactly_the_finite_shares_up_to_a_half(value: float) -> None:
    ok = math.isfinite(value) and 0 <= value <= 0.5
    if ok:
        assert parse_tolerance(value) == value
        if "e" not in repr(float(value)):  # as typed: planners do not write 1e-05
            assert parse_tolerance(repr(float(value))) == float(value)
        assert TOLERANCE.validate_python(value) == value
    else:
        with pytest.raises(TrackerError):
            parse_tolerance(value)
        with pytest.raises(TrackerError):
            parse_tolerance(str(value))
        with pytest.raises(ValidationError):
            TOLERANCE.validate_python(value)


# -- no control character in any text a model takes ------------------------------------

CONTROL = st.sampled_from(
    [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F),
                      *range(0x2066, 0x206A))])


def _text_fields() -> list[tuple[str, str, TypeAdapter]]:
    """Every field of every model that takes a string."""
    out = []
    for cls in vars(models).values():
        if not (isinstance(cls, type) and issubclass(cls, models.Model)):
            continue
        for name, info in cls.model_fields.items():
            kind = Annotated[(info.annotation, *info.metadata)] if info.metadata \
                else info.annotation
            adapter = TypeAdapter(kind)
            try:
                adapter.validate_python("abc")
            except ValidationError:
                continue  # a number, a date, a choice: not free text
            out.append((cls.__name__, name, adapter))
    return out


TEXT_FIELDS = _text_fields()
NOTES = {("Indicator", "notes"), ("Measurement", "note"), ("Flag", "note"),
         ("District", "summary_zh"), ("District", "summary_en")}


def test_the_text_fields_are_found() -> None:
    names = {(m, f) for m, f, _ in TEXT_FIELDS}
    assert {("Indicator", "name_zh"), ("Indicator", "department"), ("Measurement", "source"),
            ("SnapshotContent", "label"), ("Flag", "note"), ("Achievement", "unit")} <= names


@given(field=st.sampled_from(TEXT_FIELDS), before=st.text(max_size=10), c=CONTROL,
       after=st.text(max_size=10), lang=st.sampled_from(["zh", "en"]))
def test_every_text_field_refuses_a_control_character(field, before: str, c: str, after: str,
                                                      lang: str) -> None:
    model, name, adapter = field
    text = f"a{before}{c}{after}b"
    allowed = "\n" if (model, name) in NOTES else ""
    if not any(CONTROL_CHAR.match(ch) and ch not in allowed for ch in text):
        assert adapter.validate_python(text) == text  # a line break in a note
        return
    with pytest.raises(ValidationError) as e:
        adapter.validate_python(text)
    reason = invalid(e.value, name).text(lang)
    assert "\n" not in reason
    if "a-z0-9" not in str(e.value.errors()[0].get("ctx")):  # an id says what an id may be
        assert ("控制字符" if lang == "zh" else "control characters") in reason
