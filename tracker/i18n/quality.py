"""Why a figure of the article is suspect, as its quality flag says it."""

from __future__ import annotations

from tracker.i18n import Catalog

FLAGS = Catalog({
    "rate_over_100": ("a rate of {value}% is above 100%", "比率为 {value}%，超过 100%"),
    "part_exceeds_whole": (
        "part {value} {unit} is larger than its whole '{whole_en}' {whole_value} {whole_unit}",
        "部分 {value}{unit} 大于整体“{whole_zh}” {whole_value}{whole_unit}",
    ),
    "parts_sum_mismatch": (
        "its parts add up to {total} {unit}, not the {value} {unit} printed",
        "各部分合计 {total}{unit}，与总数 {value}{unit} 不符",
    ),
    "below_plausible": (
        "{value} {unit} is below the plausible minimum of {bound} {unit} "
        "(indicator '{name_en}'): {basis_en}",
        "{value}{unit} 低于下限 {bound}{unit}（指标“{name_zh}”）：{basis_zh}",
    ),
    "above_plausible": (
        "{value} {unit} is above the plausible maximum of {bound} {unit} "
        "(indicator '{name_en}'): {basis_en}",
        "{value}{unit} 高于上限 {bound}{unit}（指标“{name_zh}”）：{basis_zh}",
    ),
})
