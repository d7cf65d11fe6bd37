"""What `tracker plan update` says: the starter plan's offer to an existing database."""

from __future__ import annotations

from tracker.i18n import Catalog

PLAN_UPDATE = Catalog({
    "heading": ("The starter plan offers these changes, to rows no planner has touched:",
                "初始规划提出以下更改（只涉及规划人员未改动过的指标）："),
    "add": ("add {n} indicators:", "新增 {n} 项指标："),
    "add_one": ("add 1 indicator:", "新增 1 项指标："),
    "retype": ("retype {n} indicators:", "更改 {n} 项指标的目标类型："),
    "retype_one": ("retype 1 indicator:", "更改 1 项指标的目标类型："),
    "update": ("update {n} indicators:", "更新 {n} 项指标："),
    "update_one": ("update 1 indicator:", "更新 1 项指标："),
    "retire": ("retire {n} indicators the starter plan no longer has (their history stays):",
               "停用 {n} 项已不在初始规划中的指标（历史数据保留）："),
    "retire_one": ("retire 1 indicator the starter plan no longer has (its history stays):",
                   "停用 1 项已不在初始规划中的指标（历史数据保留）："),
    "districts": ("update the text of {n} districts:", "更新 {n} 个新区的说明："),
    "districts_one": ("update the text of 1 district:", "更新 1 个新区的说明："),
    "departments": ("give {n} departments the starter plan's English name:",
                    "为 {n} 个责任单位补上初始规划中的英文名称："),
    "departments_one": ("give 1 department the starter plan's English name:",
                        "为 1 个责任单位补上初始规划中的英文名称："),
    "kept": ("kept as the planners have them ({n}):", "保留规划人员的录入，不作更改（{n} 项）："),
    "kept_touched": ("changed by a planner", "规划人员已改动"),
    "kept_retired": ("retired by a planner", "规划人员已停用"),
    "kept_missing_figure": ("its baseline figure {id} is not in this database",
                            "本数据库中没有其基期所取的数据 {id}"),
    "kind_change": ("type {old} → {new}", "目标类型 {old} → {new}"),
    "field_change": ("{field} {old} → {new}", "{field} {old} → {new}"),
    "up_to_date": ("The database already has the starter plan: nothing to change.",
                   "数据库已与初始规划一致，无需更改。"),
    "dry_run": ("Dry run: nothing was changed.", "试运行：未作任何更改。"),
    "ask": ("Apply these changes?", "是否应用以上更改？"),
    "cancelled": ("cancelled; nothing was changed", "已取消，未作任何更改"),
    "applied": ("applied: {added} added, {retyped} retyped, {updated} updated, {retired} retired",
                "已应用：新增 {added} 项，改类型 {retyped} 项，更新 {updated} 项，停用 {retired} 项"),
    # after "applied", what else the update changed, when it did
    "applied_districts": (", {n} district texts", "，新区说明 {n} 个"),
    "applied_districts_one": (", 1 district text", "，新区说明 1 个"),
    "applied_departments": (", {n} departments named in English", "，补英文名称的责任单位 {n} 个"),
    "applied_departments_one": (", 1 department named in English",
                                "，补英文名称的责任单位 1 个"),
})
