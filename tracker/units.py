"""A change of an indicator's unit: which ones keep the figures' meaning, and the figures
in the new unit.

A unit printed with a Chinese scale word (万元, 亿元, 万人) is its base unit (元, 人)
times 10^4 or 10^8. Two units built on the same base differ by an exact power of ten, so
every figure can be carried over exactly: 1.62 亿元 is 16200 万元. Any other change
(人 to 户, % to 个百分点) says nothing about how the figures relate, and no figure can be
carried over. Pure: no I/O, no store.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from tracker.i18n.upkeep import EDIT, figures_text
from tracker.models import unit_scale

# 10^4 and 10^8 as powers of ten, so a figure is moved by its exponent alone (exact)
_POWERS = {1: 0, 10_000: 4, 100_000_000: 8}


class UnitChange(NamedTuple):
    """How figures in `old` are read in `new`: times 10^`shift` (shift may be negative)."""

    old: str
    new: str
    shift: int

    def convert(self, value: float) -> float:
        """`value`, in `old`, read in `new`: exact in decimal, then the nearest float."""
        if self.shift == 0:
            return value
        return float(Decimal(repr(value)).scaleb(self.shift))

    @property
    def factor(self) -> Decimal:
        return Decimal(1).scaleb(self.shift)


def unit_change(old: str, new: str) -> UnitChange | None:
    """The exact scale from `old` to `new` (元 → 万元: ÷10^4), or None when the two are
    not the same base unit under a scale word: then no figure can be carried over."""
    old_scale, old_base = unit_scale(old.strip())
    new_scale, new_base = unit_scale(new.strip())
    if not old_base or old_base != new_base:
        return None
    return UnitChange(old, new, _POWERS[old_scale] - _POWERS[new_scale])


class UnitPlan(NamedTuple):
    """What changing an indicator's unit does to the figures recorded in it: which there
    are, and the scale that carries them over (None: there is none)."""

    old: str
    new: str
    change: UnitChange | None
    baseline: bool = False
    target: bool = False
    band: bool = False
    plausible: bool = False
    values: int = 0
    annual: int = 0

    @property
    def count(self) -> int:
        """How many figures are in the old unit (a range counts as one)."""
        return (self.baseline + self.target + self.band + self.plausible + self.values
                + self.annual)

    @property
    def refused(self) -> bool:
        """Figures are recorded and no exact scale carries them over."""
        return self.count > 0 and self.change is None

    @property
    def converts(self) -> bool:
        """Figures are recorded and each is moved to the new unit's scale."""
        return self.count > 0 and self.change is not None and self.change.shift != 0


def unit_line(plan: UnitPlan, lang: str) -> str:
    """What a unit change does to the figures recorded: 单位 亿元 → 万元：基期值、目标值和
    2 个数值将乘以 10000. (A change refused is said by the store's refusal.)"""
    old, new = plan.old or "—", plan.new or "—"
    if not plan.converts or plan.change is None:
        return EDIT.text("unit_plain", lang, old=old, new=new)
    shift = plan.change.shift
    how = EDIT.text("multiplied" if shift > 0 else "divided", lang, factor=10 ** abs(shift))
    what = figures_text(plan.baseline, plan.target, plan.band, plan.plausible, plan.values,
                        plan.annual, lang)
    return EDIT.text("unit_convert", lang, old=old, new=new, what=what, how=how)
