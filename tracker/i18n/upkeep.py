"""Keeping an indicator right after it is added: editing it, changing its unit (and what
that does to its figures), retiring it and bringing it back; and the command line run
without a terminal."""

from __future__ import annotations

from tracker.i18n import Catalog

EDIT = Catalog({
    "no_department": ("no department {name}; choose one of: {choices}",
                      "没有责任单位 {name}；可选：{choices}"),
    "no_departments": ("no department {name}, and none is on the list yet;"
                       " add one with `tracker departments add`",
                       "没有责任单位 {name}，目前也还没有任何责任单位；"
                       "请先用 `tracker departments add` 添加"),
    "nothing_to_edit": ("say what to change (--name-zh, --unit, ...)",
                        "请指定要修改的内容（--name-zh、--unit 等）"),
    # what a unit change does
    "unit_plain": ("unit {old} → {new}: no figures to convert",
                   "单位 {old} → {new}：没有需要换算的数字"),
    "unit_convert": ("unit {old} → {new}: {what} will be {how}",
                     "单位 {old} → {new}：{what}将{how}"),
    "multiplied": ("multiplied by {factor}", "乘以 {factor}"),
    "divided": ("divided by {factor}", "除以 {factor}"),
    "baseline": ("the baseline", "基期值"),
    "target": ("the target", "目标值"),
    "band": ("the band", "允许幅度"),
    "plausible": ("the plausible range", "合理范围"),
    "values": ("{n} values", "{n} 个数值"),
    "values_one": ("1 value", "1 个数值"),
    "annual": ("{n} yearly targets", "{n} 个年度目标"),
    "annual_one": ("1 yearly target", "1 个年度目标"),
    "and": (" and ", "和"),
    "sep": (", ", "、"),
    # the command line
    "ask": ("Save?", "是否保存？"),
    "not_saved": ("nothing was changed (--yes saves without asking)",
                  "未作修改（加 --yes 可不经询问直接保存）"),
    "edited": ("{id}: saved ({fields})", "{id}：已保存（{fields}）"),
    "unchanged": ("{id}: nothing changed", "{id}：没有改动"),
    "restored": ("{id} is back in the plan", "指标 {id} 已恢复"),
    # the UI
    "form_title": ("Edit indicator: {name}", "修改指标：{name}"),
    "field_notes": ("Notes", "备注"),
    "saved": ("Saved: {name}", "已保存：{name}"),
    "confirm_unit": ("{line}\nSave?", "{line}\n是否保存？"),
    "confirm_retire": ("Retire {name}? It leaves the plan; its values and history stay,"
                       " and R on the plan brings it back.",
                       "停用“{name}”？指标将移出规划，数值与修改记录保留，"
                       "可在规划界面按 R 恢复。"),
    "retired_done": ("Retired: {name}", "已停用：{name}"),
    "confirm_restore": ("Bring {name} back into the plan?", "将“{name}”恢复到规划中？"),
    "restored_done": ("Back in the plan: {name}", "已恢复：{name}"),
    "retired_title": ("Retired indicators", "已停用的指标"),
    "retired_hint": ("Enter brings the indicator back (asks first); Esc closes.",
                     "按 Enter 恢复所选指标（会先询问）；按 Esc 关闭。"),
    "none_retired": ("No indicator is retired.", "没有已停用的指标。"),
    "cmd_edit": ("Edit indicator: {name}", "修改指标：{name}"),
    "cmd_retire": ("Retire indicator: {name}", "停用指标：{name}"),
    "cmd_retired": ("Show the retired indicators (bring one back)",
                    "查看已停用的指标（可恢复）"),
})

# the command line run with no terminal to show the UI in
NO_TTY = Catalog({
    "no_terminal": (
        "tracker needs a terminal to show its screens (stdin or stdout is not one);"
        " give a command (tracker --help lists them)",
        "tracker 需要在终端中显示界面（标准输入或输出不是终端）；"
        "请给出命令（tracker --help 可列出全部命令）"),
    "stdout_format": ("say --format {choices} to write to stdout (--output -)",
                      "写到标准输出（--output -）时请用 --format 指定格式（{choices}）"),
    "stdout_binary": ("{fmt} is a binary file and is not written to stdout; give a file name",
                      "{fmt} 是二进制文件，不能写到标准输出；请给出文件名"),
})


def figures_text(baseline: bool, target: bool, band: bool, plausible: bool, values: int,
                 annual: int, lang: str) -> str:
    """The figures a unit change touches, as a planner reads a list of them:
    基期值、目标值和 12 个数值."""
    parts = [EDIT.text(key, lang) for key, on in (
        ("baseline", baseline), ("target", target), ("band", band),
        ("plausible", plausible)) if on]
    if values:
        parts.append(EDIT.text("values", lang, n=values))
    if annual:
        parts.append(EDIT.text("annual", lang, n=annual))
    if len(parts) < 2:
        return "".join(parts)
    return EDIT.text("sep", lang).join(parts[:-1]) + EDIT.text("and", lang) + parts[-1]


