"""The plan table's progress cell: a bar and the figure, in a column of fixed width."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker import text_format
from tracker.ui.format import BAR_WIDTH, progress_bar


def test_a_share_in_range_has_the_whole_bar() -> None:
    assert progress_bar(0.5).plain == "████░░░░   50%"
    assert progress_bar(-1.5).plain == "░░░░░░░░ -150%"


def test_a_share_far_off_the_scale_keeps_its_digits_and_the_column_its_width() -> None:
    # the column is BAR_WIDTH + 6 cells: the figure takes cells from an empty bar
    assert progress_bar(-16.5).plain == "░░░░░░░ -1650%"
    assert progress_bar(123.45).plain == "███████ 12345%"


@given(share=st.floats(min_value=-1e4, max_value=1e5), width=st.sampled_from([4, BAR_WIDTH]))
def test_the_cell_is_as_wide_as_the_column_and_shows_the_whole_figure(share: float,
                                                                       width: int) -> None:
    cell = progress_bar(share, width).plain
    assert len(cell) == width + 6
    assert cell.endswith(text_format.share(share))


def test_a_ratio_shown_beside_its_verdict_does_not_cross_the_threshold() -> None:
    assert text_format.ratio_text(0.9459) == "0.94"  # acceleration needed, not "0.95"
    assert text_format.ratio_text(0.95) == "0.95"  # on track at the threshold itself
    assert text_format.ratio_text(0.5999) == "0.59"
    assert text_format.ratio_text(-0.001) == "-0.01"  # deterioration stays below zero
    assert text_format.ratio_text(None) == ""
    assert text_format.ratio_text(-0.0) == "-0.00" and text_format.ratio_text(0.0) == "0.00"


@given(ratio=st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                       st.integers(-10**6, 10**6).map(lambda n: n / 100),
                       st.integers(-10**9, 10**9).map(lambda n: n / 10**6)))
def test_a_ratio_is_the_floor_of_the_decimal_it_prints_as(ratio: float) -> None:
    from decimal import ROUND_FLOOR, Decimal

    floor = (Decimal(repr(ratio)) * 100).to_integral_value(ROUND_FLOOR) / 100
    assert text_format.ratio_text(ratio) == f"{floor:.2f}"


@given(ratio=st.floats(min_value=-50, max_value=50))
def test_a_ratio_shown_reads_the_same_verdict_as_the_ratio(ratio: float) -> None:
    shown = float(text_format.ratio_text(ratio))
    for threshold in (0.95, 0.6, 0.0):
        assert (shown >= threshold) == (ratio >= threshold), (ratio, shown, threshold)


@pytest.mark.parametrize(("value", "shown"), [
    (28.571428, 28.6), (75.130434, 75.1), (1234.56, 1235.0), (0.016218, 0.0162), (-3.14159, -3.14),
    (0.0, 0.0), (100.0, 100.0),
])
def test_a_projection_keeps_three_significant_digits(value: float, shown: float) -> None:
    assert text_format.estimate(value) == shown


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).filter(lambda v: abs(v) > 1e-9))
def test_a_projection_moves_by_less_than_half_a_percent(value: float) -> None:
    assert abs(text_format.estimate(value) - value) <= abs(value) * 0.005 + 1e-12


@pytest.mark.parametrize(("text", "width", "cut"), [
    ("Average annual growth of gross regional product", 16, "Average…product"),
    ("Firms in the sour soup and specialty food park", 20, "Firms in…food park"),
    ("地区生产总值年均增长", 9, "地区…增长"),
    ("short", 16, "short"),
])
def test_a_long_name_keeps_its_start_and_its_end(text: str, width: int, cut: str) -> None:
    assert text_format.middle_cut(text, width) == cut


@given(st.text(min_size=1).filter(lambda t: "…" not in t), st.integers(min_value=1, max_value=40))
def test_a_name_cut_in_the_middle_fits_its_column(text: str, width: int) -> None:
    cut = text_format.middle_cut(text, width)
    assert text_format.cell_width(cut) <= width
    if text_format.cell_width(text) > width:
        head, _, tail = cut.partition("…")
        assert text.startswith(head) and text.endswith(tail)
    else:
        assert cut == text


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_a_number_put_back_in_a_form_is_read_as_the_same_number(v: float) -> None:
    """A form opened on a stored figure (a target to edit, a value to revise) holds text
    the form's own parser reads back as that figure: 1e-05 would be refused."""
    from tracker.numbers import parse_quantity
    from tracker.ui.format import num_text

    assert parse_quantity(num_text(v)) == v
