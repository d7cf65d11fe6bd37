"""Taking a value back (void) or correcting it (revise), and the check of a value as it is
typed: on the command line, in the indicator's history and in the forms."""

from __future__ import annotations

from tracker.i18n import Catalog

# refusals, as TrackerError messages
VOID_ERRORS = Catalog({
    "no_value": ("no value #{value_id} is recorded", "没有编号为 #{value_id} 的数值"),
    "value_of_other": (
        "value #{value_id} is a value of {other}, not of {id}",
        "数值 #{value_id} 属于指标 {other}，不属于 {id}",
    ),
    "value_voided": (
        "value #{value_id} was already voided by {actor} at {at}: {reason}",
        "数值 #{value_id} 已由 {actor} 于 {at} 作废：{reason}",
    ),
    "void_retired": (
        "{id} is retired: its values are kept as they stand",
        "指标 {id} 已停用，其数值保持原样",
    ),
    "void_reason_needed": ("a reason is required: say why the value no longer counts",
                           "必须填写原因：说明该数值为何不再计入"),
})

VOID = Catalog({
    # the command line
    "voided": ("{id}: value #{value_id} ({year} = {value}) voided: {reason}",
               "{id}：数值 #{value_id}（{year} 年 = {value}）已作废：{reason}"),
    "revised": ("{id}: value #{value_id} ({year} = {old}) revised to {value} (#{new_id})",
                "{id}：数值 #{value_id}（{year} 年 = {old}）已修订为 {value}（#{new_id}）"),
    # a voided value, as its history says it
    "voided_mark": ("voided", "已作废"),
    "voided_by": ("voided by {actor} at {at}: {reason}", "{actor} 于 {at} 作废：{reason}"),
    # the indicator screen
    "void_title": ("Void a value — {name}", "作废数值——{name}"),
    "revise_title": ("Revise a value — {name}", "修订数值——{name}"),
    "the_value": ("Value #{value_id}: {year} = {value}", "数值 #{value_id}：{year} 年 = {value}"),
    "void_hint": (
        "The value stays in the history, struck through; verdicts no longer read it.",
        "该数值仍留在历史中（划线显示），评价不再计入。",
    ),
    "revise_hint": (
        "The value is voided and the new one recorded for the same year, as revised.",
        "原数值作废，同一年份录入新数值（修订数）。",
    ),
    "field_reason": ("Reason", "原因"),
    "field_new_value": ("New value ({unit})", "新数值（{unit}）"),
    "void_button": ("Void", "作废"),
    "revise_button": ("Revise", "修订"),
    "saved_void": ("Voided: {name}, {year} = {value}", "已作废：{name}，{year} 年 = {value}"),
    "saved_revise": ("Revised: {name}, {year} = {value}", "已修订：{name}，{year} 年 = {value}"),
    "select_value": ("Select a value first.", "请先选择一个数值。"),
    "already_voided": ("This value is voided already.", "该数值已作废。"),
    "cmd_void": ("Void the value under the cursor: {name}", "作废所选数值：{name}"),
    "cmd_revise": ("Revise the value under the cursor: {name}", "修订所选数值：{name}"),
    # a value as it will be stored, and a value far from the indicator's own
    "stored_as": ("= {value} {unit}", "= {value} {unit}"),
    "far_off": (
        "that is {times} the {what} ({reference}): did you add or drop a 万?",
        "是{what}（{reference}）的 {times}：是否多输或少输了“万”？",
    ),
    "times_more": ("{n} times", "{n} 倍"),
    "times_less": ("1/{n} of", "{n} 分之一"),
    "latest": ("latest value", "最新值"),
    "baseline": ("baseline", "基期值"),
    "confirm_far_off": (
        "{value} {unit} is {times} the {what} ({reference}). Save it as it is?",
        "{value} {unit}是{what}（{reference}）的 {times}。仍按此保存吗？",
    ),
})
