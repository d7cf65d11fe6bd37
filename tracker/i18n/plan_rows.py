"""How each kind of plan-table row reads: its cells (a running total, a printed rate, a
milestone's state), where it is heading, and the marks of a suspect baseline. Shared by
the plan screen, the indicator screen and the exports (tracker/plan_text.py)."""

from __future__ import annotations

from tracker.i18n import Catalog

PLAN_ROWS = Catalog({
    # cells of the plan table
    "running_total": ("total {total} / {target}", "累计 {total} / {target}"),
    "running_total_open": ("total {total}", "累计 {total}"),
    "growth_rate": ("{rate}% a year", "年均增长 {rate}%"),
    "reduction": ("down {rate}%", "降低 {rate}%"),
    "monitor": ("monitoring", "监测"),
    "not_counted": ("— (not counted)", "—（不计入）"),
    # the figures' line of the detail
    "year_amount": ("{value} in {year}", "{year}年 {value}"),
    "target_level": ("{rate}, i.e. {level}", "{rate}，即 {level}"),
    # where the indicator is heading, at its pace so far
    "projected": ("at this pace {value} by {year}", "按目前增速预计{year}年达到{value}"),
    "projected_total": ("at this pace a total of {value} by {year}",
                        "按目前进度预计{year}年累计{value}"),
    "projected_year": ("target reached in {year}", "{year}年方可达到目标"),
    "never": ("the target is not reached at this pace", "按目前增速无法达到目标"),
    "needs_rate_up": ("{n} years left: {rate} a year needed",
                      "剩余{n}年需年均增长{rate}"),
    "needs_rate_down": ("{n} years left: down {rate} a year needed",
                        "剩余{n}年需年均降低{rate}"),
    "needs_total": ("{n} years left: {amount} a year needed",
                    "剩余{n}年需年均新增{amount}"),
    "needs_up": ("{n} years left: up {amount} a year needed",
                 "剩余{n}年需年均增加{amount}"),
    "needs_down": ("{n} years left: down {amount} a year needed",
                   "剩余{n}年需年均减少{amount}"),
    # the last year of the plan
    "needs_rate_up_one": ("1 year left: {rate} needed", "剩余1年需增长{rate}"),
    "needs_rate_down_one": ("1 year left: down {rate} needed", "剩余1年需降低{rate}"),
    "needs_total_one": ("1 year left: {amount} needed", "剩余1年需新增{amount}"),
    "needs_up_one": ("1 year left: up {amount} needed", "剩余1年需增加{amount}"),
    "needs_down_one": ("1 year left: down {amount} needed", "剩余1年需减少{amount}"),
    # the growth line of a straight-line (or cumulative) reading, in the unit per year
    "pace": ("{amount} a year", "每年 {amount}"),
    # a baseline taken from a suspect figure
    "flagged": ("! baseline in doubt: {reasons}", "! 基期存疑：{reasons}"),
    "flagged_count": ("{n} with a baseline in doubt", "其中 {n} 项基期存疑"),
    # a milestone's line
    "milestone": ("milestone: {state}", "里程碑：{state}"),
    "milestone_date": ("on {date}", "于 {date}"),
    "milestone_evidence": ("evidence: {evidence}", "佐证：{evidence}"),
    "milestone_no_values": ("A milestone reports its state: press m to record it.",
                            "里程碑类目标报告进展状态：按 m 记录。"),
    # a year's target (年度目标)
    "annual_met": ("{year} target {target}: {value}, met", "{year}年目标 {target}：实际 {value}，已完成"),
    "annual_missed": ("{year} target {target}: {value}, not met",
                      "{year}年目标 {target}：实际 {value}，未完成"),
    "annual_plan": ("yearly targets: {years}", "年度目标：{years}"),
    "year_target": ("year's target", "年度目标"),
    "met": ("met", "已完成"),
    "not_met": ("not met", "未完成"),
    # the Markdown report's note under a district's table
    "flag_note": ("! {name}: baseline in doubt: {reasons}", "! {name}：基期存疑：{reasons}"),
})

# the milestone form (m) and the yearly target form (y)
ROW_FORMS = Catalog({
    "milestone_title": ("Milestone — {name}", "里程碑进展——{name}"),
    "field_state": ("State", "进展状态"),
    "field_date": ("Date reached (YYYY-MM-DD)", "日期（YYYY-MM-DD）"),
    "field_evidence": ("Evidence", "佐证材料"),
    "saved_milestone": ("Saved: {name} — {state}", "已保存：{name}——{state}"),
    "not_milestone": ("{name} is not a milestone: press e to change its kind",
                      "{name} 不是里程碑类目标：按 e 可改目标类型"),
    "annual_title": ("Yearly target — {name}", "年度目标——{name}"),
    "field_year": ("Year ({first}–{last})", "年份（{first}–{last}）"),
    "field_year_open": ("Year", "年份"),
    "field_value": ("Target for the year ({unit})", "当年目标（{unit}）"),
    "annual_terms_rate": ("In the terms the values are entered in: the year's rate in %.",
                          "与录入数值同口径：当年增速（%）。"),
    "annual_terms": ("In the terms the values are entered in.", "与录入数值同口径。"),
    "saved_annual": ("Saved: {name}, target for {year} = {value}",
                     "已保存：{name}，{year}年目标 = {value}"),
    "no_annual": ("A milestone has no yearly numbers", "里程碑类目标没有年度数值"),
    "cmd_milestone": ("Milestone state: {name}", "里程碑进展：{name}"),
    "cmd_annual": ("Yearly target: {name}", "年度目标：{name}"),
})
