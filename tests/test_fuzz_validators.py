"""The form validators on random input: a valid result or a reason, never an exception,
and they agree with the command line's parsers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.errors import TrackerError
from tracker.numbers import parse_quantity, parse_year
from tracker.ui.validators import NewId, Quantity, Year

TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["nan", "inf", "-inf", "1e999", "=1+1", "@SUM(A1)", "\ufeff12", "1,234.5",
                     "6.13万", "２０２５", "1" * 500, "\x00", "\r\n", "\t5"]),
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
