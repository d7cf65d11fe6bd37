"""Numbers as planners type them: "1,234.5", "6.13万", "2.8亿", "73.23%".

Scale words are applied exactly (Decimal), then the value is expressed in the
indicator's unit, so "6.13万" entered for a unit of "万人" is stored as 6.13.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from tracker.errors import TrackerError
from tracker.models import MAX_TOLERANCE, UNIT_SCALES, other_digit, unit_scale

# digits with an optional fraction; thousands separators only in groups of three
_NUMBER = re.compile(
    r"^(?P<sign>[+-]?)(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?(?P<scale>[万亿]?)(?P<pct>%?)$"
)
MAX_ABS = Decimal("1e15")
# what an import file mostly holds: ASCII digits, no separator or scale, under 1e15. For
# these float() gives the very float the Decimal path gives (both round the decimal
# text correctly), much sooner: a province's file has 100,000 of them
_PLAIN = re.compile(r"[+-]?[0-9]{1,15}(?:\.[0-9]+)?")


class NumberError(TrackerError, ValueError):
    """A value that is not a number as planners write them."""

    def __init__(self, text: object) -> None:
        super().__init__("not_number", text=_shown(text))


class DigitError(NumberError):
    """Superscript, circled, other scripts' digits: never read as digits."""

    def __init__(self, text: object) -> None:
        TrackerError.__init__(self, "bad_digit", text=_shown(text))


class ToleranceError(TrackerError, ValueError):
    def __init__(self, text: object) -> None:
        super().__init__("bad_tolerance", text=_shown(text))


def _shown(text: object) -> str:
    shown = str(text)
    return shown if len(shown) <= 40 else shown[:37] + "..."


# Full-width forms (０-９, ．, －, ＋, ，, ％ ...) as Chinese input methods type them, and
# the ideographic space, read as their ASCII selves; nothing else is folded. NFKC would
# also turn "10²" into 102 and "①⓪" into 10.
_FULL_WIDTH = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20}


def plain(text: str) -> str:
    """Full-width forms as ASCII, spaces (any width) dropped; refuses a string holding a
    digit of any other kind, so it is never read as another number."""
    if not text.isascii():
        text = text.translate(_FULL_WIDTH)
        if any(other_digit(c) for c in text):
            raise DigitError(text)
        text = "".join(c for c in text if unicodedata.category(c) != "Zs")
    return text.replace(" ", "")


def bounded(value: float, text: object = None) -> float:
    """A number read from a file obeys the bounds of a typed one: finite, at most 1e15."""
    if not math.isfinite(value) or abs(value) > MAX_ABS:
        raise NumberError(value if text is None else text)
    return value


class YearError(TrackerError, ValueError):
    def __init__(self, text: object) -> None:
        super().__init__("not_year", text=str(text)[:40])


def parse_decimal(text: str) -> tuple[Decimal, int]:
    """The number as written, and the scale of its 万/亿 suffix (1 without one)."""
    if not isinstance(text, str):
        raise NumberError(repr(text))
    try:
        norm = plain(text)
    except DigitError:
        raise DigitError(text) from None
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
    try:
        norm = plain(str(text)).strip().removesuffix("年")
    except DigitError:
        raise YearError(text) from None
    if not re.fullmatch(r"[0-9]{4}", norm) or not 1900 <= int(norm) <= 2200:
        raise YearError(text)
    return int(norm)


def parse_tolerance(text: str | float) -> float:
    """The schedule tolerance, typed ("0.05", "5%") or given as a number: finite, within
    0 and 0.5. One rule for the command line, the settings and every form."""
    if isinstance(text, str):
        try:
            value, scale = parse_decimal(text)
        except NumberError:
            raise ToleranceError(text) from None
        if scale != 1:
            raise ToleranceError(text)
        share = float(value / 100 if plain(text).endswith("%") else value)
    elif isinstance(text, int | float) and not isinstance(text, bool):
        share = float(text)
    else:
        raise ToleranceError(text)
    if not (math.isfinite(share) and 0 <= share <= MAX_TOLERANCE):
        raise ToleranceError(text)
    return share


# A value more than this many times an indicator's own figure, or less than this share of
# it, was most likely typed with a 万 (or 亿) too many or too few: 1.62万 for 1.62 亿元
# is 1/10,000 of it. Ordinary changes of a plan's figures stay well inside it.
SCALE_GAP = 100


class Gap(NamedTuple):
    """How far a value is from the figure it was checked against (`name` says which)."""

    name: str
    reference: float
    ratio: float


def scale_gap(value: float, references: Sequence[tuple[str, float]]) -> Gap | None:
    """Whether `value` is far from every one of the named figures it is checked against
    (more than SCALE_GAP times, or less than a SCALE_GAP-th): then the gap to the first,
    else None. A zero compares with nothing: its ratio says nothing of a 万; signs are
    left aside, as a 万 changes only the size."""
    usable = [(name, ref) for name, ref in references if ref and math.isfinite(ref)]
    if not value or not math.isfinite(value) or not usable:
        return None
    ratios = [(name, ref, abs(value / ref)) for name, ref in usable]
    if any(1 / SCALE_GAP <= ratio <= SCALE_GAP for _, _, ratio in ratios):
        return None
    return Gap(*ratios[0])
