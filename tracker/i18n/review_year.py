"""The review year (the year whose values are due) and the values overdue at it, and the
departments (责任单位) that owe them: on the command line, in the status text and the UI."""

from __future__ import annotations

from tracker.i18n import Catalog

REVIEW_YEAR = Catalog({
    "setting": ("review year = {year}", "评估年份 = {year}"),
    "unset": ("review year: not set (verdicts read as today)",
              "评估年份：未设置（按当前数据评价）"),
    "overdue_count": ("overdue {n}", "逾期未报 {n}"),
    "overdue_years": ("overdue: {years}", "逾期未报：{years}"),
    "overdue_owed": ("overdue: {years} ({department})", "逾期未报：{years}（{department}）"),
    # one indicator's overdue years and who owes them
    "overdue_line": ("overdue: {who} — {years} ({department})",
                     "逾期未报：{who} — {years}（{department}）"),
    "no_department": ("no department", "未指定责任单位"),
    "header": ("review year {year}", "评估年份 {year}"),
    "form_title": ("Review year", "评估年份"),
    "cmd_review_year": ("Set the review year", "设置评估年份"),
    "cmd_departments": ("Show the departments and what they owe", "查看责任单位及逾期未报"),
    "field": ("Review year", "评估年份"),
    "form_hint": ("The year whose values are due: verdicts are read at it, and values missing"
                  " up to it are overdue. Leave empty to read as today.",
                  "应报数据的年份：按该年评价进度，截至该年缺报的数据记为逾期未报。"
                  "留空则按当前数据评价。"),
    "year_sep": (", ", "、"),
    "both": ("give --review-year or --clear-review-year, not both",
             "--review-year 与 --clear-review-year 只能选一个"),
})

DEPARTMENTS = Catalog({
    "name_zh": ("name (zh)", "名称（中文）"),
    "name_en": ("name (en)", "名称（英文）"),
    "contact": ("contact", "联系方式"),
    "indicators": ("indicators", "指标数"),
    "lagging": ("lagging", "滞后"),
    "overdue": ("overdue", "逾期未报"),
    "added": ("department added: {name}", "已添加责任单位：{name}"),
    "title": ("Departments", "责任单位"),
    "owes_count": ("{n} indicators overdue", "{n} 项指标逾期未报"),
    "count": ("{n} departments", "共 {n} 个责任单位"),
    "owes_count_one": ("1 indicator overdue", "1 项指标逾期未报"),
    "count_one": ("1 department", "共 1 个责任单位"),
    "owes_nothing": ("nothing overdue", "无逾期未报"),
    "none": ("no departments yet", "尚无责任单位"),
    "new": ("+ new department…", "+ 新增责任单位…"),
    "field": ("Department", "责任单位"),
    "none_picked": ("(none)", "（未指定）"),
    "add_title": ("New department", "新增责任单位"),
    # the form's labels, capitalised as every other form's
    "field_name_zh": ("Name in Chinese", "名称（中文）"),
    "field_name_en": ("Name in English", "名称（英文）"),
    "field_contact": ("Contact", "联系方式"),
    "save": ("Save", "保存"),
    "cancel": ("Cancel", "取消"),
})


def years_text(years: list[int], lang: str) -> str:
    """Years owed, as a planner reads a list of them: 2022、2023."""
    return REVIEW_YEAR.text("year_sep", lang).join(str(y) for y in years)
