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
    # the growth line of a straight-line (or cumulative) reading, in the unit per year
    "pace": ("{amount} a year", "每年 {amount}"),
    # a baseline taken from a suspect figure
    "flagged": ("! baseline in doubt: {reasons}", "! 基期存疑：{reasons}"),
    "flagged_count": ("{n} with a baseline in doubt", "其中 {n} 项基期存疑"),
    # a milestone's line
    "milestone": ("milestone: {state}", "里程碑：{state}"),
    "milestone_date": ("on {date}", "于 {date}"),
    "milestone_evidence": ("evidence: {evidence}", "佐证：{evidence}"),
    # a year's target (年度目标)
    "annual_met": ("{year} target {target}: {value}, met", "{year}年目标 {target}：实际 {value}，已完成"),
    "annual_missed": ("{year} target {target}: {value}, not met",
                      "{year}年目标 {target}：实际 {value}，未完成"),
    "annual_plan": ("yearly targets: {years}", "年度目标：{years}"),
})
