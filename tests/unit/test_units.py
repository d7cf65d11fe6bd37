"""The unit rule: a unit change carries figures over only by an exact 万/亿 scale."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.units import unit_change

SCALES = ("", "万", "亿")
BASES = st.sampled_from(["元", "人", "亩", "吨标准煤", "户", "km", "辆", "个"])


@pytest.mark.parametrize(
    ("old", "new", "value", "expected"),
    [
        ("元", "万元", 16200, 1.62),
        ("万元", "亿元", 16200, 1.62),
        ("亿元", "万元", 1.62, 16200),
        ("亿元", "元", 1.62, 162_000_000),
        ("人", "万人", 61300, 6.13),
        ("万人", "人", 6.13, 61300),
        ("万吨标准煤", "吨标准煤", 0.5, 5000),
        ("元", "元", 3.3, 3.3),
    ],
)
def test_the_planners_scales(old: str, new: str, value: float, expected: float) -> None:
    change = unit_change(old, new)
    assert change is not None
    assert change.convert(value) == expected


@pytest.mark.parametrize(
    ("old", "new"),
    [("人", "户"), ("%", "个百分点"), ("万元", "万人"), ("", "元"), ("元", ""), ("万", "亿"),
     ("元", "千元"), ("万元", "万万元")],
)
def test_no_scale_between_other_units(old: str, new: str) -> None:
    assert unit_change(old, new) is None


@given(BASES, st.sampled_from(SCALES), st.sampled_from(SCALES))
def test_units_on_one_base_differ_by_a_power_of_ten(base: str, a: str, b: str) -> None:
    change = unit_change(a + base, b + base)
    assert change is not None
    shift = {"": 0, "万": 4, "亿": 8}
    assert change.factor == Decimal(10) ** (shift[a] - shift[b])


# decimals of up to 15 significant digits: each is exactly one float, as a planner typed it
FIGURES = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3,
                      allow_nan=False, allow_infinity=False).map(float)


@given(FIGURES, BASES, st.sampled_from(SCALES), st.sampled_from(SCALES))
def test_converted_figures_are_exact_and_come_back(value: float, base: str, a: str,
                                                   b: str) -> None:
    there = unit_change(a + base, b + base)
    back = unit_change(b + base, a + base)
    assert there is not None and back is not None
    moved = there.convert(value)
    # the figure in the new unit is the decimal the planner typed, shifted: no float noise
    assert Decimal(repr(moved)) == Decimal(repr(value)) * there.factor
    assert back.convert(moved) == value


@given(BASES, st.sampled_from(SCALES), st.sampled_from(SCALES),
       st.sampled_from(["公顷", "%", "个百分点", "套"]))
def test_a_different_base_is_never_a_scale(base: str, a: str, b: str, other: str) -> None:
    assert unit_change(a + base, b + other) is None
