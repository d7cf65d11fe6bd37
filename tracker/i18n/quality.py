"""Why a figure of the article is suspect, as its quality flag says it."""

from __future__ import annotations

from tracker.i18n import Catalog, pick

FLAGS = Catalog({
    "rate_over_100": ("a rate of {value}% is above 100%", "比率为 {value}%，超过 100%"),
    "rate_over_100_defined": (
        "a rate of {value}% is above 100%, which this rate can be: {reason_en}",
        "比率为 {value}%，超过 100%，此类比率可以如此：{reason_zh}",
    ),
    "ratio": (
        "{amount} {measure_en} ({value} {unit} against {basis_en} {basis_value}"
        " {basis_unit}); {limit}: {reason_en}",
        "{measure_zh}{amount}（{value}{unit}，对照{basis_zh}{basis_value}"
        "{basis_unit}）；{limit}：{reason_zh}",
    ),
    "limit_error_above": ("cannot be above {bound}", "不可能高于{bound}"),
    "limit_check_above": ("unusual above {bound}", "高于{bound}不寻常"),
    "limit_check_below": ("unusual below {bound}", "低于{bound}不寻常"),
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

# a flag's severity, where flags are shown apart
SEVERITY = Catalog({
    "error": ("cannot be right", "不可能成立"),
    "check": ("to check", "需核实"),
    "error_head": ("Cannot be right as printed ({n}):", "按原文不可能成立（{n}）："),
    "check_head": ("Unusual, to check with the source ({n}):", "不寻常，需与来源核实（{n}）："),
})

# where a record's period comes from
PERIOD_BASIS = Catalog({
    "printed": ("as printed", "原文所载"),
    "13th_fyp": ("the 13th five-year plan, 十三五", "“十三五”期间"),
    "congress_term": ("五年来 read as the congress term", "“五年来”按党代会届期理解"),
    "as_of_report": ("as of the report, April 2022: 目前 / 如今 / 已",
                     "截至2022年4月报道时：目前、如今、已"),
    "next_term": ("未来五年 read as the next term", "“未来五年”按下一届期理解"),
    "undated": ("no date in the text", "原文无日期"),
    "inferred": ("inferred", "推定"),
})

SCOPE = Catalog({
    "label": ("Scope", "口径"),
    "city": ("Kaili city", "凯里市"),
    "prefecture": ("Qiandongnan prefecture", "黔东南州"),
    "prefecture_baseline": ("[a prefecture (黔东南州) figure]", "［黔东南州口径］"),
})

# what a baseline taken from a record carries with it
BASELINE_NOTES = Catalog({
    "inferred_year": ("; its year is inferred from the text", "；其年份系据原文推定"),
    "prefecture": ("; a prefecture (黔东南州) figure, not the city's own",
                   "；为黔东南州口径，非凯里市本级数字"),
    "inferred_short": ("[year inferred]", "［年份推定］"),
})


def period_mark(period: str, inferred: bool) -> str:
    """A period as a table cell: "~" before one read into the text rather than printed."""
    return f"~{period}" if inferred else period


def period_text(period: str, basis: str, inferred: bool, lang: str) -> str:
    """A period with what it is read from: "2017-2021 (inferred; read as the congress
    term: 五年来, 2017-2021)"."""
    why = PERIOD_BASIS.text(basis, lang)
    if inferred:
        why = f"{PERIOD_BASIS.text('inferred', lang)}{pick(('; ', '；'), lang)}{why}"
    return f"{period}{pick((f' ({why})', f'（{why}）'), lang)}"
