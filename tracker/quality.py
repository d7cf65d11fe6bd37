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

from tracker.i18n.quality import FLAGS
from tracker.models import Achievement, Flag, Indicator, unit_scale

RULE_CODES = ("rate_over_100", "parts_sum_mismatch", "part_exceeds_whole", "outside_plausible")


def _num(d: Decimal) -> str:
    # 7362 rather than 7.362E+3, 6.13 rather than 6.130
    return format(d.normalize(), "f")


def _messages(key: str, **fields: object) -> dict[str, str]:
    """A flag's message in both languages, kept with the flag."""
    return {"message_en": FLAGS.text(key, "en", **fields),
            "message_zh": FLAGS.text(key, "zh", **fields)}


def _rate_over_100(a: Achievement) -> Flag | None:
    if a.kind != "rate" or a.value is None or a.value <= 100:
        return None
    return Flag(
        achievement=a.id,
        code="rate_over_100",
        **_messages("rate_over_100", value=_num(a.value)),
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
                    **_messages("part_exceeds_whole", value=_num(p.value), unit=p.unit,
                                whole_zh=whole.title_zh, whole_en=whole.title_en,
                                whole_value=_num(whole.value), whole_unit=whole.unit),
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
                **_messages("parts_sum_mismatch", total=shown, unit=whole.unit,
                            value=_num(whole.value)),
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
        yield Flag(
            achievement=a.id,
            code="outside_plausible",
            **_messages("below_plausible" if low else "above_plausible", value=_num(v),
                        unit=ind.unit, bound=f"{bound:g}", name_zh=ind.name_zh,
                        name_en=ind.name_en, basis_zh=rng.basis_zh, basis_en=rng.basis_en),
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
