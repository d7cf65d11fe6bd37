"""Searching the whole plan from the plan screen (/): every district at once."""

from __future__ import annotations

from tracker.i18n import Catalog

PLAN_SEARCH = Catalog({
    "title": ("Search the whole plan", "搜索全部指标"),
    "placeholder": ("name, id or department (↑/↓ choose, Enter goes to it, Esc closes)",
                    "名称、编号或责任单位（↑/↓ 选择，回车前往，Esc 关闭）"),
    "found": ("{n} indicators found in the whole plan", "全部新区共找到 {n} 项"),
    "found_one": ("1 indicator found in the whole plan", "全部新区共找到 1 项"),
    "counting": ("searching…", "正在搜索…"),
    "all": ("{n} indicators in the plan: type to narrow", "全部 {n} 项指标：输入以筛选"),
    "all_one": ("1 indicator in the plan: type to narrow", "全部 1 项指标：输入以筛选"),
    "none": ("Nothing in any district matches “{text}”.", "各新区均无符合“{text}”的指标。"),
    "col_district": ("district", "新区"),
    "col_indicator": ("indicator", "指标"),
    "col_department": ("department", "责任单位"),
    "col_schedule": ("schedule", "时序评价"),
    "no_department": ("no department", "未指定责任单位"),
})
