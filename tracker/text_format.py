"""Numbers, shares and plain-text tables as the command line, the exports and the UI write
them; how many lines of a long list a screen or terminal shows."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import ROUND_FLOOR, Decimal
from typing import TypeVar

T = TypeVar("T")


def fmt_num(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:,.4f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v):,}"


def exact_num(v: float, grouped: bool = False) -> str:
    """A number with every digit it was entered with and never in exponent form: the
    shortest text that reads back as the same float (1234567.891, 0.000012345678), with
    thousands separators when `grouped` (1,234,567.891). A record of what was entered
    is checked against the statistics it came from, digit for digit; "1.23457e+06" is
    neither the figure nor a form the importer reads back."""
    if v.is_integer():
        return f"{int(v):,}" if grouped else str(int(v))
    text = repr(v)
    if grouped:
        return format(Decimal(text), ",f")
    return format(Decimal(text), "f") if "e" in text else text


def estimate(v: float, digits: int = 3) -> float:
    """A projection kept to `digits` significant digits: it is a reading of a pace, and
    "28.5714 家" would claim a precision no forecast has (28.6 家; 1,235; 0.0162)."""
    if v == 0 or not math.isfinite(v):
        return v
    return round(v, max(0, digits - 1 - math.floor(math.log10(abs(v)))))


def middle_cut(text: str, width: int) -> str:
    """`text` in at most `width` terminal cells, its middle replaced by "…": the start and
    the end both stay ("Average annual…industrial value added"), wide characters counted
    as two cells."""
    if cell_width(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    room = width - 1
    head_room, tail_room = room - room // 2, room // 2
    head, used = "", 0
    for ch in text:
        w = cell_width(ch)
        if used + w > head_room:
            break
        head, used = head + ch, used + w
    tail, used = "", 0
    for ch in reversed(text[len(head):]):
        w = cell_width(ch)
        if used + w > tail_room:
            break
        tail, used = ch + tail, used + w
    # in words (English), neither piece ends inside a word when a whole one can be kept
    rest = text[len(head):]
    if head and rest[:1].isalnum() and head[-1].isalnum() and " " in head.strip():
        head = head[:head.rstrip().rfind(" ")]
    start = len(text) - len(tail)
    if tail and tail[0].isalnum() and text[start - 1].isalnum() and " " in tail:
        tail = tail[tail.find(" ") + 1:]
    return head.rstrip() + "…" + tail.lstrip()


def ratio_text(ratio: float | None) -> str:
    """A growth ratio in two decimals, rounded down: its verdict's thresholds (0.95, 0.6,
    0) are two-decimal numbers, so the figure shown never lands on the far side of the
    threshold its verdict was read against (0.9459 reads 0.94, beside "acceleration
    needed", not 0.95)."""
    if ratio is None:
        return ""
    # the float's own arithmetic is within a millionth of a hundredth of the decimal's
    # below a billion: where it is clear of a whole hundredth, its floor is the decimal's
    # (a province's status table writes 100,000 ratios)
    hundredths = ratio * 100
    if -1e9 < hundredths < 1e9:
        floor = math.floor(hundredths)
        if 1e-6 < hundredths - floor < 1 - 1e-6:
            return f"{floor / 100:.2f}"
    # the decimal the float prints as, so 0.95 stays 0.95 and is not 0.9499999...
    return f"{(Decimal(repr(ratio)) * 100).to_integral_value(ROUND_FLOOR) / 100:.2f}"


def fmt_point(value: float | None, year: int | None) -> str:
    if value is None:
        return "—"
    return f"{fmt_num(value)} ({year})"


def share(v: float | None) -> str:
    return "" if v is None else f"{v:.0%}"


class _Extra(dict):
    """The column each character takes beyond one (1 for CJK, else 0), looked up once."""

    def __missing__(self, c: str) -> int:
        self[c] = extra = 1 if unicodedata.east_asian_width(c) in "WF" else 0
        return extra


_EXTRA = _Extra()


def cell_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    if text.isascii():
        return len(text)
    # each character's extra read in C, not a Python loop: a province's status table
    # measures two million cells
    return len(text) + sum(map(_EXTRA.__getitem__, text))


def text_table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    widths = table_widths(rows, header)
    sep = "  ".join("-" * w for w in widths)
    return "\n".join([table_line(header, widths), sep, *(table_line(r, widths) for r in rows)])


def table_widths(rows: Iterable[Sequence[str]], header: Sequence[str],
                 widths: list[int] | None = None) -> list[int]:
    """Each column's width in a text table of these rows (and those already measured in
    `widths`): a table streamed a page at a time is measured before it is written."""
    widths = widths or [cell_width(h) for h in header]
    for r in rows:
        widths = [max(w, cell_width(c)) for w, c in zip(widths, r, strict=True)]
    return widths


def table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(
        c + " " * (w - cell_width(c)) for c, w in zip(cells, widths, strict=True)
    ).rstrip()


def _field_value(v: object) -> str:
    if isinstance(v, float):
        return fmt_num(v)
    # an empty field reads as a dash, as it does in every table, not as "None"
    return "—" if v is None or v == "" else str(v)


def change_text(values: dict | None, limit: int = 60,
                label: Callable[[str], str] = str,
                show: Callable[[str, object], object] = lambda _field, v: v) -> str:
    """An audit entry's old or new values on one line, each field named by `label` and
    each value read through `show`: "目标值=78, 数据性质=初步数"."""
    if not values:
        return ""
    text = ", ".join(f"{label(k)}={_field_value(show(k, v))}" for k, v in values.items())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# lines a screen or a terminal shows per kind of change: a province's import or diff has
# a hundred thousand, more than a screen can lay out in good time or a terminal can
# show; the summary counts them all and a command lists every one
SHOWN_PER_KIND = 100


def sampled(
    items: Sequence[T], line: Callable[[T], str], limit: int | None, more: Callable[[int], str]
) -> list[str]:
    """A line for each item, at most `limit` of them (all when None), then `more(n)` for
    the n left out: a screen shows a sample of a province's hundred thousand changes."""
    return list(sampled_lines(items, line, limit, more))


def sampled_lines(
    items: Sequence[T], line: Callable[[T], str], limit: int | None, more: Callable[[int], str]
) -> Iterator[str]:
    """sampled's lines, each made as it is asked for: every change of a province's
    snapshot is a million lines, too many to hold before they are written."""
    shown = items if limit is None else items[:limit]
    for x in shown:
        yield line(x)
    if len(items) > len(shown):
        yield more(len(items) - len(shown))
