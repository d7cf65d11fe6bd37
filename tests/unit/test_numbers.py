from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.numbers import NumberError, YearError, parse_decimal, parse_quantity, parse_year


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("1234.5", "", 1234.5),
        ("1,234.5", "", 1234.5),
        ("1,234,567", "", 1234567),
        ("-3.2", "%", -3.2),
        ("+7", "", 7),
        ("73.23%", "%", 73.23),
        ("6.13万", "人", 61300),
        ("6.13万", "万人", 6.13),
        ("128亿", "元", 12_800_000_000),
        ("128亿", "亿元", 128),
        ("2.8亿", "万元", 28000),
        ("１２３", "", 123),  # full-width digits from a Chinese input method
        ("1，234", "", 1234),  # full-width comma
        (" 42 ", "", 42),
    ],
)
def test_accepts(text: str, unit: str, expected: float) -> None:
    assert parse_quantity(text, unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "1,23",
        "12,3456",
        "nan",
        "NaN",
        "inf",
        "-inf",
        "1e5",
        "1.2.3",
        "万",
        "5千",
        "6.13万万",
        "0x10",
        "1_000",
        "١٢٣",
        "1" * 30,
    ],
)
def test_rejects_with_a_message_that_says_what_is_accepted(text: str) -> None:
    with pytest.raises(NumberError) as e:
        parse_quantity(text)
    assert "1,234.5" in e.value.text("en") and "万" in e.value.text("en")
    assert "不是有效数字" in e.value.text("zh")


def test_scale_is_exact() -> None:
    # Decimal arithmetic: 6.13万 is exactly 61300, not 61299.999...
    value, scale = parse_decimal("6.13万")
    assert value * scale == Decimal("61300")
    assert parse_quantity("0.1万", "人") == 1000


@given(
    st.decimals(
        min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False
    )
)
def test_round_trip_plain_and_grouped(d: Decimal) -> None:
    plain = format(d, "f")
    grouped = format(d, ",f")
    assert parse_quantity(plain) == pytest.approx(float(d))
    assert parse_quantity(grouped) == pytest.approx(float(d))


@given(st.from_regex(r"[+-]?[0-9]{1,17}(\.[0-9]{1,20})?", fullmatch=True))
def test_plain_digits_give_the_float_the_exact_path_gives(text: str) -> None:
    # the quick path for plain digits must agree with the Decimal path, to the last bit
    try:
        exact = float(parse_decimal(text)[0])
    except NumberError:
        with pytest.raises(NumberError):
            parse_quantity(text)
        return
    got = parse_quantity(text)
    assert got == exact and math.copysign(1.0, got) == math.copysign(1.0, exact)


@given(st.integers(min_value=0, max_value=9999).map(lambda y: f"{y:04d}"))
def test_four_digit_years_within_range_only(text: str) -> None:
    if 1900 <= int(text) <= 2200:
        assert parse_year(text) == int(text)
    else:
        with pytest.raises(YearError):
            parse_year(text)


@given(st.text(max_size=30))
def test_any_text_gives_a_number_or_a_clear_error(text: str) -> None:
    try:
        v = parse_quantity(text, "万人")
    except NumberError as e:
        assert e.text("zh") and e.text("en")
    else:
        assert v == v and abs(v) < 1e16  # finite, never NaN


@pytest.mark.parametrize(("text", "year"), [("2025", 2025), ("2025年", 2025), ("２０２５", 2025)])
def test_years(text: str, year: int) -> None:
    assert parse_year(text) == year


@pytest.mark.parametrize("text", ["25", "20255", "year", "", "1800", "2025.5"])
def test_bad_years(text: str) -> None:
    with pytest.raises(YearError):
        parse_year(text)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_a_number_shown_exactly_reads_back_as_the_same_number(v: float) -> None:
    """What the command line writes of a value (its csv, its tables and messages) is
    the figure entered, every digit, in a form the importer and a planner read back."""
    from tracker.text_format import exact_num

    plain, grouped = exact_num(v), exact_num(v, grouped=True)
    assert "e" not in plain and "e" not in grouped
    assert float(plain) == v
    assert parse_quantity(grouped) == v
    assert grouped.replace(",", "") == plain


@pytest.mark.parametrize(("v", "plain", "grouped"), [
    (1234567.891, "1234567.891", "1,234,567.891"),
    (0.000012345678, "0.000012345678", "0.000012345678"),
    (81.0, "81", "81"),
    (-2500000.0, "-2500000", "-2,500,000"),
    (1e15, "1000000000000000", "1,000,000,000,000,000"),
])
def test_numbers_shown_exactly(v: float, plain: str, grouped: str) -> None:
    from tracker.text_format import exact_num

    assert (exact_num(v), exact_num(v, grouped=True)) == (plain, grouped)
