"""Data-quality rules over the article's achievements. Pure functions, no I/O.

The record is kept as published; these rules say why a figure is suspect, each flag
with its severity: "error" (cannot be right as printed) or "check" (unusual, verify):
- rate_over_100         a rate above 100%: an error, but a check for a rate that can
                        exceed 100% by its definition (reference.toml names them)
- parts_sum_mismatch    listed parts meant to make up a whole do not add up to it
- part_exceeds_whole    a part larger than its whole
- outside_plausible     a value outside the plausible range declared by an
                        indicator whose baseline is this achievement
- a ratio rule's id     the figure against the city's size or another figure (per
                        resident, per km², a share of a whole, an amount per unit):
                        reference.toml declares each with its thresholds and reasons
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from tracker.i18n.quality import FLAGS
from tracker.models import (
    Achievement,
    Flag,
    Indicator,
    RatioRule,
    Reference,
    ReferenceFigure,
    unit_scale,
)

RULE_CODES = ("rate_over_100", "parts_sum_mismatch", "part_exceeds_whole", "outside_plausible")


def _num(d: Decimal) -> str:
    # 7362 rather than 7.362E+3, 6.13 rather than 6.130
    return format(d.normalize(), "f")


def _messages(key: str, **fields: object) -> dict[str, str]:
    """A flag's message in both languages, kept with the flag."""
    return {"message_en": FLAGS.text(key, "en", **fields),
            "message_zh": FLAGS.text(key, "zh", **fields)}


def _grouped(n: Decimal) -> str:
    # 709,057 and 1,569.7: a basis reads as the sources print it
    return f"{n.normalize():,f}"


def _ratio_shown(r: Decimal) -> str:
    """A ratio to the digits that tell: 0.16, 1.06, 88.9, 371."""
    if abs(r) < 10:
        return _num(r.quantize(Decimal("0.01")))
    if abs(r) < 100:
        return _num(r.quantize(Decimal("0.1")))
    return _grouped(r.quantize(Decimal(1)))


def _amount(number: str, unit: str, space: str) -> str:
    # "469%" in both languages; "371 万元/人" in English, "371万元/人" in Chinese
    return f"{number}{'' if unit == '%' else space}{unit}"


def _rate_over_100(a: Achievement, reference: Reference) -> Flag | None:
    if a.kind != "rate" or a.value is None or a.value <= 100:
        return None
    defined = next((r for r in reference.rates_over_100 if r.term_zh in a.title_zh), None)
    if defined is not None:
        return Flag(achievement=a.id, code="rate_over_100", severity="check",
                    **_messages("rate_over_100_defined", value=_num(a.value),
                                reason_zh=defined.reason_zh, reason_en=defined.reason_en))
    return Flag(
        achievement=a.id,
        code="rate_over_100",
        severity="error",
        **_messages("rate_over_100", value=_num(a.value)),
    )


def _ratio(rule: RatioRule, a: Achievement, basis: Achievement | ReferenceFigure
           ) -> Decimal | None:
    """The rule's ratio in its ratio_unit, or None where it cannot be taken."""
    top, bottom = a.base_value, basis.base_value
    if top is None or bottom is None or bottom == 0:
        return None
    if rule.kind in ("share", "against_population"):
        if rule.kind == "share" and a.base_unit != basis.base_unit:
            return None
        return top / bottom * 100
    scale, unit = unit_scale(rule.ratio_unit.split("/")[0])
    if unit != a.base_unit:
        return None
    return top / bottom / scale


def _ratio_rules(achievements: Sequence[Achievement], reference: Reference) -> Iterable[Flag]:
    by_id = {a.id: a for a in achievements}
    figures = {f.id: f for f in reference.figures}
    for rule in reference.rules:
        a = by_id.get(rule.achievement)
        basis = figures.get(rule.basis) or by_id.get(rule.basis)
        if a is None or basis is None or basis.value is None:
            continue
        ratio = _ratio(rule, a, basis)
        if ratio is None:
            continue
        if rule.error_above is not None and ratio > Decimal(str(rule.error_above)):
            severity, limit, bound = "error", "limit_error_above", rule.error_above
        elif rule.check_above is not None and ratio > Decimal(str(rule.check_above)):
            severity, limit, bound = "check", "limit_check_above", rule.check_above
        elif rule.check_below is not None and ratio < Decimal(str(rule.check_below)):
            severity, limit, bound = "check", "limit_check_below", rule.check_below
        else:
            continue
        if isinstance(basis, ReferenceFigure):
            basis_zh, basis_en = basis.name_zh, basis.name_en
        else:
            basis_zh, basis_en = f"“{basis.title_zh}”", f"'{basis.title_en}'"
        fields = {"value": _num(a.value), "unit": a.unit,
                  "basis_value": _grouped(basis.value), "basis_unit": basis.unit}
        shown, bound_text = _ratio_shown(ratio), f"{bound:g}"
        yield Flag(
            achievement=a.id,
            code=rule.id,
            severity=severity,
            message_en=FLAGS.text(
                "ratio", "en", **fields, measure_en=rule.measure_en, basis_en=basis_en,
                reason_en=rule.reason_en, amount=_amount(shown, rule.ratio_unit, " "),
                limit=FLAGS.text(limit, "en", bound=_amount(bound_text, rule.ratio_unit, " "))),
            message_zh=FLAGS.text(
                "ratio", "zh", **fields, measure_zh=rule.measure_zh, basis_zh=basis_zh,
                reason_zh=rule.reason_zh, amount=_amount(shown, rule.ratio_unit, ""),
                limit=FLAGS.text(limit, "zh", bound=_amount(bound_text, rule.ratio_unit, ""))),
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
                    severity="error",
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
                severity="error",
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
            # the range is declared as one a true value must lie in
            severity="error",
            **_messages("below_plausible" if low else "above_plausible", value=_num(v),
                        unit=ind.unit, bound=f"{bound:g}", name_zh=ind.name_zh,
                        name_en=ind.name_en, basis_zh=rng.basis_zh, basis_en=rng.basis_en),
        )


def compute_flags(
    achievements: Sequence[Achievement], indicators: Sequence[Indicator] = (),
    reference: Reference | None = None,
) -> list[Flag]:
    """Every rule's flags, in achievement order, errors before checks, then rule order."""
    reference = reference or Reference()
    flags: list[Flag] = [f for a in achievements if (f := _rate_over_100(a, reference))]
    flags += _parts_rules(achievements)
    flags += _plausible_rules(achievements, indicators)
    flags += _ratio_rules(achievements, reference)
    order = {a.id: i for i, a in enumerate(achievements)}
    codes = {code: i for i, code in enumerate(
        (*RULE_CODES, *(r.id for r in reference.rules)))}
    flags.sort(key=lambda f: (order.get(f.achievement, 0), f.severity != "error",
                              codes.get(f.code, len(codes))))
    return flags
