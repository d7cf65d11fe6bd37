"""Data-quality rules over the article's achievements. Pure functions, no I/O.

The record is kept as published; these rules say why a figure is suspect:
- rate_over_100         a rate above 100%
- parts_sum_mismatch    listed parts meant to make up a whole do not add up to it
- part_exceeds_whole    a part larger than its whole
- outside_plausible     a value outside the plausible range declared by an
                        indicator whose baseline is this achievement
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from tracker.models import Achievement, Flag, Indicator, unit_scale

RULE_CODES = ("rate_over_100", "parts_sum_mismatch", "part_exceeds_whole", "outside_plausible")


def _num(d: Decimal) -> str:
    # 7362 rather than 7.362E+3, 6.13 rather than 6.130
    return format(d.normalize(), "f")


def _rate_over_100(a: Achievement) -> Flag | None:
    if a.kind != "rate" or a.value is None or a.value <= 100:
        return None
    return Flag(
        achievement=a.id,
        code="rate_over_100",
        message_zh=f"比率为 {_num(a.value)}%，超过 100%",
        message_en=f"a rate of {_num(a.value)}% is above 100%",
    )


def _parts_rules(achievements: Sequence[Achievement]) -> Iterable[Flag]:
    by_id = {a.id: a for a in achievements}
    parts: dict[str, list[Achievement]] = defaultdict(list)
    for a in achievements:
        if a.part_of in by_id:
            parts[a.part_of].append(a)
    for whole_id, members in parts.items():
        whole = by_id[whole_id]
        if whole.base_value is None:
            continue
        for p in members:
            comparable = p.base_value is not None and p.base_unit == whole.base_unit
            if comparable and p.base_value > whole.base_value:
                yield Flag(
                    achievement=p.id,
                    code="part_exceeds_whole",
                    message_zh=(
                        f"部分 {_num(p.value)}{p.unit} 大于整体"
                        f"“{whole.title_zh}” {_num(whole.value)}{whole.unit}"
                    ),
                    message_en=(
                        f"part {_num(p.value)} {p.unit} is larger than its whole "
                        f"'{whole.title_en}' {_num(whole.value)} {whole.unit}"
                    ),
                )
        exact = [p for p in members if p.qualifier == "exact" and p.base_value is not None]
        if not whole.parts_complete or whole.qualifier != "exact" or len(exact) != len(members):
            continue
        if any(p.base_unit != whole.base_unit for p in exact):
            continue
        total = sum((p.base_value for p in exact), Decimal(0))
        if total != whole.base_value:
            scale = unit_scale(whole.unit)[0]
            shown = _num(total / scale)
            yield Flag(
                achievement=whole.id,
                code="parts_sum_mismatch",
                message_zh=f"各部分合计 {shown}{whole.unit}，与总数 {_num(whole.value)}{whole.unit} 不符",
                message_en=(
                    f"its parts add up to {shown} {whole.unit}, "
                    f"not the {_num(whole.value)} {whole.unit} printed"
                ),
            )


def value_in_unit(a: Achievement, unit: str) -> Decimal | None:
    """The achievement's value in another unit of the same kind: 6.13 万人 in 人 is 61300."""
    if a.base_value is None:
        return None
    scale, base = unit_scale(unit)
    if base != a.base_unit:
        return None
    return a.base_value / scale


def _plausible_rules(
    achievements: Sequence[Achievement], indicators: Sequence[Indicator]
) -> Iterable[Flag]:
    by_id = {a.id: a for a in achievements}
    for ind in indicators:
        rng = ind.plausible
        a = by_id.get(ind.baseline_achievement or "")
        if rng is None or a is None:
            continue
        v = value_in_unit(a, ind.unit)
        if v is None:
            continue
        low = rng.min is not None and v < Decimal(str(rng.min))
        high = rng.max is not None and v > Decimal(str(rng.max))
        if not (low or high):
            continue
        bound = rng.min if low else rng.max
        word_zh, word_en = (
            ("低于下限", "below the plausible minimum")
            if low
            else (
                "高于上限",
                "above the plausible maximum",
            )
        )
        yield Flag(
            achievement=a.id,
            code="outside_plausible",
            message_zh=(
                f"{_num(v)}{ind.unit} {word_zh} {bound:g}{ind.unit}"
                f"（指标“{ind.name_zh}”）：{rng.basis_zh}"
            ),
            message_en=(
                f"{_num(v)} {ind.unit} is {word_en} of {bound:g} {ind.unit} "
                f"(indicator '{ind.name_en}'): {rng.basis_en}"
            ),
        )


def compute_flags(
    achievements: Sequence[Achievement], indicators: Sequence[Indicator] = ()
) -> list[Flag]:
    """Every rule's flags, in achievement order then rule order."""
    flags: list[Flag] = [f for a in achievements if (f := _rate_over_100(a))]
    flags += _parts_rules(achievements)
    flags += _plausible_rules(achievements, indicators)
    order = {a.id: i for i, a in enumerate(achievements)}
    flags.sort(key=lambda f: (order.get(f.achievement, 0), RULE_CODES.index(f.code)))
    return flags
