"""Every text the review report prints, in English and Chinese, keyed.

The English is written for English readers, not put word for word: a Chinese review's
set phrases ("方能实现目标") read stiffly when translated literally.
"""

from __future__ import annotations

from tracker.i18n import Catalog, pick
from tracker.i18n.punctuation import PUNCTUATION

TEXTS: dict[str, tuple[str, str]] = {
    # key: (English, Chinese)
    "title": ("Kaili “Five New Districts” Plan: Mid-term Review",
              "凯里市“五新建设”规划实施中期评估"),
    "date": ("Date: {date}", "日期：{date}"),
    "review_year": ("Review year: {year}", "评估年份：{year}"),
    "from_snapshot": ("From snapshot #{id} “{label}”, taken {time}, content hash {hash}",
                      "依据快照 #{id}「{label}」，拍摄于 {time}，内容校验码 {hash}"),
    "from_now": ("From the plan as it stood when this report was made",
                 "依据生成本报告时的规划数据"),
    "s1": ("1. Overall progress", "一、总体进展"),
    "s2": ("2. Progress by district", "二、分领域进展"),
    "s3": ("3. Problems", "三、存在的问题"),
    "s4": ("4. Notes on the data", "四、数据说明"),
    "chart": ("Progress chart: districts by verdict", "进展总览：各领域评价分布"),
    "chart_note": ("Each cell gives the verdict and the number of indicators it applies to.",
                   "每格注明评价及对应指标数。"),
    "district_col": ("District", "领域"),
    "total_row": ("All districts", "合计"),
    # the overall sentence
    "overall": ("Of the {n} indicators monitored, {parts}.",
                "纳入监测的{n}项指标中，{parts}"),
    "overall_none": ("No indicators are monitored yet.", "尚无纳入监测的指标。"),
    "binding": ("Of the {k} binding indicators, {parts}.", "约束性指标{k}项，其中{parts}。"),
    "binding_none": ("None of them is binding.", "无约束性指标。"),
    "growth_reading": ("By the growth-rate reading: {parts}.", "按增速评价：{parts}。"),
    "doubtful_apart": (
        "Baselines in doubt: {n} (counted above as well); read those verdicts with care.",
        "{n}项指标的基期数据存疑（已计入上述各项），其评价仅供参考。"),
    "overdue_apart": ("Up to {year}, the review year, {n} indicators have values overdue.",
                      "截至评估年份{year}年，{n}项指标有数据逾期未报。"),
    # the district's sentence
    "district_sentence": ("{name} monitors {n} indicators: {parts}.",
                          "{name}纳入监测指标{n}项，其中{parts}。"),
    "district_empty": ("{name} has no indicators yet.", "{name}暂无纳入监测的指标。"),
    "lagging_head": ("Lagging indicators", "滞后指标"),
    # a lagging indicator
    "lag": ("{name} is lagging: {p} of the way to its target with {t} of the period gone.",
            "{name}滞后：进度{p}，时间已过{t}"),
    # a lagging indicator now further from its target than at the baseline
    "lag_back": ("{name} is lagging: it has moved away from its target since the baseline"
                 " (progress {p}) with {t} of the period gone.",
                 "{name}滞后：较基期不进反退（进度{p}），时间已过{t}"),
    "lag_projected": (" At its pace so far it would reach {value} by {year}.",
                      "；按目前增速预计{year}年达到{value}"),
    "lag_reach_year": (" At its pace so far it would reach the target in {year}.",
                       "；按目前增速预计{year}年实现目标"),
    "lag_never": (" At its pace so far it would not reach the target.",
                  "；按目前增速难以实现目标"),
    "lag_required_up": (" Meeting the target needs {rate} growth a year over the remaining {n} years.",
                        "，剩余{n}年需年均增长{rate}方能实现目标"),
    "lag_required_down": (" Meeting the target needs a {rate} fall a year over the remaining {n} years.",
                          "，剩余{n}年需年均下降{rate}方能实现目标"),
    "lag_required_up_one": (" Meeting the target needs {rate} growth in the one year left.",
                            "，剩余1年需增长{rate}方能实现目标"),
    "lag_required_down_one": (" Meeting the target needs a {rate} fall in the one year left.",
                              "，剩余1年需下降{rate}方能实现目标"),
    # a milestone has no share of the way: its due year and the state it is in
    "lag_milestone": ("{name} is lagging: due by {year}, now {state}.",
                      "{name}滞后：目标为{year}年完成，目前{state}"),
    "lag_plain": (" The target is {target} by {year}; the latest value is {latest} ({latest_year}).",
                  "；目标为{year}年达到{target}，最新为{latest_year}年{latest}"),
    "lag_end_zh": ("", "。"),
    "lag_department": (" Responsible: {dept}.", "责任单位：{dept}。"),
    "no_department": ("no department named", "未明确责任单位"),
    # problems
    "problems_none": ("No indicator lags, deteriorates or is overdue.",
                      "暂无滞后、倒退或逾期未报的指标。"),
    "problems_intro": ("Indicators that lag, deteriorate or are overdue, by responsible department:",
                       "滞后、出现倒退或数据逾期的指标，按责任单位列示如下："),
    "reason_lagging": ("lagging", "滞后"),
    "reason_deterioration": ("moving away from the target", "出现倒退"),
    "reason_overdue": ("{year} value overdue", "{year}年数据逾期未报"),
    # data notes
    "flagged_head": ("Figures flagged as suspect", "存疑数据"),
    "flagged_none": ("No figure from the article is flagged.", "文章数据中暂无存疑项。"),
    "flagged_item": ("{title}: {value}. Why: {why} Source: “{quote}”",
                     "{title}：{value}。存疑原因：{why}原文：“{quote}”"),
    "doubtful_head": ("Baselines in doubt", "基期存疑的指标"),
    "doubtful_none": ("No indicator's baseline is in doubt.", "暂无基期存疑的指标。"),
    "doubtful_item": ("{name}: baseline {baseline}, taken from a flagged figure ({title}).",
                      "{name}：基期{baseline}，取自存疑数据（{title}）。"),
    "quality_head": ("Provisional and estimated values", "初步数与估计数"),
    "quality_none": ("Every latest value is final or revised.", "各指标最新值均为正式数或修订数。"),
    "quality_item": ("{name}: {value} ({year}) is {quality}.", "{name}：{year}年{value}为{quality}。"),
    "provisional": ("provisional", "初步数"),
    "estimated": ("estimated", "估计数"),
    # the indicator table
    "col_name": ("Indicator", "指标"),
    "col_unit": ("Unit", "单位"),
    "col_baseline": ("Baseline", "基期"),
    "col_target": ("Target", "目标"),
    "col_latest": ("Latest", "最新"),
    "col_progress": ("Done", "进度"),
    "col_time": ("Time", "时序进度"),
    "col_verdict": ("Schedule", "评价"),
    "col_growth": ("Growth", "增速评价"),
    "col_department": ("Responsible", "责任单位"),
    "binding_mark": (" (binding)", "（约束性）"),
    "doubt_mark": (" †", "†"),
    "problem_place": (" ({district}): ", "（{district}）："),
    "doubt_legend": ("† baseline in doubt: see the notes on the data.",
                     "† 基期存疑，见“数据说明”。"),
}

# the Chinese review lists with the full-width comma
SEP = {lang: PUNCTUATION.text("comma", lang) for lang in ("en", "zh")}
# units that only count things (measure words): an English sentence reads better without
# them, where "30 家" would puzzle; units with a scale (万人) or a measure stay
COUNTING_UNITS = frozenset("个家人户所项座处名")


# English says "1 indicator has", not "1 indicators have"
SINGULAR = (("indicators have", "indicator has"), ("indicators:", "indicator:"),
            ("indicators monitored", "indicator monitored"),
            ("binding indicators", "binding indicator"))


class ReviewCatalog(Catalog):
    """The review's texts: English counts of one take the singular, and a text with a
    form of its own for one (`key_one`) takes that form in both languages."""

    def text(self, key: str, lang: str, **fields: object) -> str:
        if fields.get("n") == 1 and f"{key}_one" in self:
            key = f"{key}_one"
        en, zh = self[key]
        if fields.get("n") == 1 or fields.get("k") == 1:
            for many, one in SINGULAR:
                en = en.replace(many, one)
        return pick((en, zh), lang).format(**fields)


REVIEW = ReviewCatalog(TEXTS)
t = REVIEW.text

# a verdict as it reads inside a sentence of counts (the table's labels are report's)
IN_SENTENCE = Catalog({
    "achieved": ("{n} have already met their target", "{n}项已提前实现"),
    "ahead": ("{n} are ahead of schedule", "{n}项快于预期"),
    "on_schedule": ("{n} are on schedule", "{n}项基本符合预期"),
    "lagging": ("{n} are lagging", "{n}项滞后"),
    "no_data": ("{n} have no data yet", "{n}项暂无数据"),
    "to_be_set": ("{n} have no target set yet", "{n}项目标待设定"),
    "monitoring": ("{n} are monitored without a target", "{n}项仅作监测"),
    "target_achieved": ("{n} have met the target", "已实现目标{n}项"),
    "on_track": ("{n} are on track", "有望按期实现{n}项"),
    "acceleration_needed": ("{n} need to speed up", "需加快推进{n}项"),
    "limited_progress": ("{n} show limited progress", "进展有限{n}项"),
    "deterioration": ("{n} are moving away from the target", "出现倒退{n}项"),
    "growth_no_data": ("{n} have no data yet", "暂无数据{n}项"),
    "growth_monitoring": ("{n} are monitored without a target", "仅作监测{n}项"),
})


def counted(code: str, n: int, lang: str) -> str:
    en, zh = IN_SENTENCE[code]
    if n == 1:
        # one indicator "has", "is"
        en = en.replace(" have ", " has ").replace(" are ", " is ").replace(
            " their ", " its ").replace(" need ", " needs ").replace(" show ", " shows ")
    return pick((en, zh), lang).format(n=n)


def with_unit(number: str, unit: str, lang: str) -> str:
    """A number with its unit in a sentence: English leaves out a unit that only counts
    things and spaces the others (but %); Chinese writes them together."""
    en = number if unit in COUNTING_UNITS else f"{number}{'' if unit == '%' else ' '}{unit}"
    return pick((en, f"{number}{unit}"), lang)
