"""Numbers as planners type them: "1,234.5", "6.13万", "2.8亿", "73.23%".

Scale words are applied exactly (Decimal), then the value is expressed in the
indicator's unit, so "6.13万" entered for a unit of "万人" is stored as 6.13.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from tracker.errors import TrackerError
from tracker.models import UNIT_SCALES, unit_scale

# digits with an optional fraction; thousands separators only in groups of three
_NUMBER = re.compile(
    r"^(?P<sign>[+-]?)(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?(?P<scale>[万亿]?)(?P<pct>%?)$"
)
MAX_ABS = Decimal("1e15")
# what an import file mostly holds: ASCII digits, no separator or scale, under 1e15. For
# these float() gives the very float the Decimal path gives (both round the decimal
# text correctly), a fifth of the time: a province's file has 100,000 of them
_PLAIN = re.compile(r"[+-]?[0-9]{1,15}(?:\.[0-9]+)?")


class NumberError(TrackerError, ValueError):
    """A value that is not a number as planners write them."""

    def __init__(self, text: object) -> None:
        shown = str(text)
        super().__init__("not_number", text=shown if len(shown) <= 40 else shown[:37] + "...")


class YearError(TrackerError, ValueError):
    def __init__(self, text: object) -> None:
        super().__init__("not_year", text=str(text)[:40])


def parse_decimal(text: str) -> tuple[Decimal, int]:
    """The number as written, and the scale of its 万/亿 suffix (1 without one)."""
    if not isinstance(text, str):
        raise NumberError(repr(text))
    # full-width digits and commas from Chinese input methods; spaces are ignored
    norm = unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")
    m = _NUMBER.match(norm)
    if not m:
        raise NumberError(text)
    digits = m["int"].replace(",", "") + ("." + m["frac"] if m["frac"] else "")
    try:
        value = Decimal(m["sign"] + digits)
    except InvalidOperation:
        raise NumberError(text) from None
    scale = UNIT_SCALES.get(m["scale"], 1)
    if abs(value * scale) > MAX_ABS:
        raise NumberError(text)
    return value, scale


def parse_quantity(text: str, unit: str = "") -> float:
    """A typed value in the indicator's unit: a 万/亿 suffix is converted, exactly."""
    if type(text) is str and _PLAIN.fullmatch(text):
        return float(text)
    value, scale = parse_decimal(text)
    if scale != 1:
        unit_factor = unit_scale(unit)[0]
        value = value * scale / unit_factor
    return float(value)


def parse_year(text: str) -> int:
    if type(text) is str and len(text) == 4 and text.isascii() and text.isdigit() \
            and 1900 <= int(text) <= 2200:
        return int(text)  # the common case, without normalising
    norm = unicodedata.normalize("NFKC", str(text)).strip().removesuffix("年")
    if not re.fullmatch(r"\d{4}", norm) or not 1900 <= int(norm) <= 2200:
        raise YearError(text)
    return int(norm)
