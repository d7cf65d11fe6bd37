"""What the UI shows: its labels, the descriptions of its keys, and verdicts' reasons.

The labels of the data's codes are in tracker.i18n.codes, verdicts in
tracker.i18n.verdicts, messages in tracker.i18n.errors.
"""

from __future__ import annotations

import functools
import re

from tracker.i18n import Catalog, pick

STRINGS = Catalog({
    # key: (English, Chinese)
    "app_title": ("Kaili plan tracker", "凯里规划跟踪"),
    "plan": ("Plan", "规划"),
    "achievements": ("Achievements", "成就"),
    "indicator": ("Indicator", "指标"),
    # plan screen
    "col_indicator": ("indicator", "指标"),
    "col_unit": ("unit", "单位"),
    "col_baseline": ("baseline", "基期"),
    "col_latest": ("latest", "最新"),
    "col_target": ("target", "目标"),
    "col_progress": ("progress", "进度"),
    "col_schedule": ("schedule", "时序评价"),
    "col_growth": ("growth", "增速评价"),
    "summary": (
        "{n} indicators · schedule: {schedule} · growth: {growth}",
        "共 {n} 项指标 · 时序：{schedule} · 增速：{growth}",
    ),
    "summary_one": (
        "{n} indicator · schedule: {schedule} · growth: {growth}",
        "共 {n} 项指标 · 时序：{schedule} · 增速：{growth}",
    ),
    "no_indicators": (
        "No indicators in this district yet: press n to add one.",
        "本新区暂无指标：按 n 新增。",
    ),
    "counting": ("Counting the verdicts…", "正在统计评价…"),
    "row_values": (
        "baseline {baseline} → latest {latest} → target {target}",
        "基期 {baseline} → 最新 {latest} → 目标 {target}",
    ),
    "schedule": ("Schedule", "时序进度"),
    "growth": ("Growth rate", "增速"),
    "department": ("department", "责任单位"),
    "progress_detail": ("progress {p}, time {s}", "进度 {p}，时间 {s}"),
    "growth_detail": (
        "ratio {r} (actual {a} / required {q} a year, {m})",
        "增速比 {r}（实际 {a}／所需 {q} 每年，{m}）",
    ),
    "growth_detail_linear": (
        "ratio {r} (actual {a} / required {q}, {m})",
        "增速比 {r}（实际{a}／所需{q}，{m}）",
    ),
    "method_cagr": ("compound", "复合增长"),
    "method_linear": ("linear", "线性"),
    "method_none": ("—", "—"),
    # achievements screen
    "all_themes": ("All themes", "全部主题"),
    "themes": ("Themes", "主题"),
    "col_title": ("figure", "名称"),
    "col_value": ("value", "数值"),
    "col_period": ("period", "时期"),
    "col_flag": ("flag", "存疑"),
    "figures_count": ("{n} figures", "共 {n} 项"),
    "figures_count_one": ("{n} figure", "共 {n} 项"),
    "flagged_only_on": ("flagged only", "只看存疑"),
    "search_placeholder": (
        "Search names and source sentences (Esc closes)",
        "搜索名称与原文（Esc 关闭）",
    ),
    "searching": ("search: {text}", "搜索：{text}"),
    "no_figures": ("No figure matches.", "没有符合的数字。"),
    "source": ("Source", "原文"),
    "period": ("Period", "时期"),
    "qualifier": ("Qualifier", "限定"),
    "kind": ("Kind", "类别"),
    "value": ("Value", "数值"),
    "part_of": ("Part of", "属于"),
    "flags_title": ("Quality flags", "数据质量标记"),
    "no_flags": ("No quality flag.", "无数据质量标记。"),
    "manual_flag_by": ("(by {actor})", "（{actor} 标记）"),
    # indicator screen
    "history": ("Values recorded", "历史数值"),
    "col_year": ("year", "年份"),
    "col_quality": ("quality", "质量"),
    "col_source": ("source", "来源"),
    "col_note": ("note", "备注"),
    "col_who": ("who", "录入人"),
    "col_when": ("when (UTC)", "录入时间（UTC）"),
    "col_status": ("status", "状态"),
    "superseded": ("superseded", "已被替代"),
    "not_counted": ("baseline year or before", "基期年或之前，不计"),
    "counts": ("counts", "有效"),
    "no_values": ("No value recorded yet: press a to add one.", "尚无数值：按 a 录入。"),
    "chart_baseline": ("baseline", "基期"),
    "chart_target": ("target", "目标"),
    "chart_actual": ("actual", "实际"),
    "chart_running": ("running total", "累计"),
    "chart_schedule": ("schedule line", "时序线"),
    "chart_projection": ("at this pace", "按目前增速"),
    "chart_empty": ("No baseline or target to chart.", "没有基期或目标，无法作图。"),
    "field_direction": ("Direction", "方向"),
    "field_attribute": ("Attribute", "属性"),
    "field_type": ("Target type", "目标类型"),
    "field_values_as": ("Values entered as", "数值录入方式"),
    "linked_to": ("from “{name}”", "取自“{name}”"),
    # forms
    "save": ("Save", "保存"),
    "cancel": ("Cancel", "取消"),
    # an example in an empty field, worded so it is never read as a value already there
    "example": ("e.g. {text}", "例：{text}"),
    "edit_target_title": ("Target — {name}", "设定目标——{name}"),
    "add_measurement_title": ("Add a value — {name}", "录入数值——{name}"),
    "new_indicator_title": ("New indicator", "新增指标"),
    "link_baseline_title": ("Baseline from an achievement — {name}", "以成就数字作基期——{name}"),
    "field_target_value": ("Target value ({unit})", "目标值（{unit}）"),
    "field_target_year": ("Target year", "目标年份"),
    "field_baseline_value": ("Baseline value ({unit})", "基期值（{unit}）"),
    "field_baseline_year": ("Baseline year", "基期年份"),
    "field_band": ("Band ± for maintain ({unit})", "保持类偏差 ±（{unit}）"),
    "field_year": ("Year", "年份"),
    "field_value": ("Value ({unit})", "数值（{unit}）"),
    "field_quality": ("Quality", "数据质量"),
    "field_source": ("Source", "来源"),
    "field_note": ("Note", "备注"),
    "field_district": ("District", "新区"),
    "field_id": ("Id (lowercase letters, digits, - and _)", "编号（小写字母、数字、- 和 _）"),
    "field_name_zh": ("Name in Chinese", "中文名称"),
    "field_name_en": ("Name in English", "英文名称"),
    "field_unit": ("Unit", "单位"),
    "field_search": ("Search the achievements", "搜索成就"),
    "required": ("required", "必填"),
    "id_taken": ("an indicator with id {id!r} already exists", "编号 {id!r} 的指标已存在"),
    "bad_id": (
        "use lowercase letters, digits, - and _, starting with a letter or digit",
        "只能用小写字母、数字、- 和 _，以字母或数字开头",
    ),
    "fix_fields": ("Fix the marked fields first.", "请先修正标出的字段。"),
    "nothing_changed": ("Nothing changed.", "没有改动。"),
    "saved_target": ("Saved: {name}, target {target}", "已保存：{name}，目标 {target}"),
    "saved_measurement": (
        "Recorded: {name}, {year} = {value}",
        "已录入：{name}，{year} 年 = {value}",
    ),
    "saved_indicator": ("Added indicator {id}", "已新增指标 {id}"),
    "saved_baseline": (
        "Baseline of {name}: {baseline} from “{source}”",
        "{name} 的基期：{baseline}，取自“{source}”",
    ),
    "baseline_preview": ("Baseline would be {baseline}", "基期将为 {baseline}"),
    "baseline_preview_flagged": (
        "Baseline would be {baseline}. ! This figure is in doubt: {reasons}",
        "基期将为 {baseline}。! 该数字存疑：{reasons}",
    ),
    "pick_achievement": (
        "Pick a figure with ↑/↓; Enter takes it.",
        "用 ↑/↓ 选择数字，Enter 选定。",
    ),
    "hidden_other_units": (
        "({n} figures in other units than {unit} are not listed.)",
        "（另有 {n} 项单位不是 {unit}，未列出。）",
    ),
    "select_indicator": ("Select an indicator first.", "请先选择一个指标。"),
    "error": ("Error", "错误"),
    "language_switched": ("Language: English", "语言：中文"),
    # help
    "help_title": ("Keys — {screen}", "按键——{screen}"),
    "help_focused": ("The focused part", "当前部件"),
    "help_screen": ("This screen", "本屏"),
    "help_app": ("Everywhere", "任何时候"),
    "help_close": ("Esc, q or ? closes this list.", "按 Esc、q 或 ? 关闭。"),
    # palette
    "cmd_theme_title": ("Colours", "配色"),
    "cmd_theme_help": ("Choose the colour theme", "选择界面配色"),
    "palette_placeholder": ("Search for commands…", "搜索命令……"),
    "palette_no_match": ("No matching command", "没有匹配的命令"),
    "cmd_district": ("Go to district: {name}", "转到新区：{name}"),
    "cmd_theme": ("Go to theme: {name}", "转到主题：{name}"),
    "cmd_edit_target": ("Edit target: {name}", "设定目标：{name}"),
    "cmd_add_measurement": ("Add measurement: {name}", "录入数值：{name}"),
    "cmd_link_baseline": ("Link baseline to an achievement: {name}", "基期关联成就：{name}"),
    "cmd_open_indicator": ("Open indicator: {name}", "打开指标：{name}"),
    "cmd_new_indicator": ("Add indicator", "新增指标"),
    "cmd_language": ("Switch language (中文 / English)", "切换语言（中文 / English）"),
    "cmd_flagged": ("Toggle flagged figures only", "只看存疑数字（开／关）"),
    "cmd_help": ("Help: keys of this screen", "帮助：本屏按键"),
    "cmd_quit": ("Quit", "退出"),
    "cmd_plan": ("Show the plan (five districts)", "查看规划（五新建设）"),
    "cmd_achievements": ("Show the achievements", "查看成就"),
    "cmd_search": ("Search the achievements", "搜索成就"),
    # snapshots, exports, imports, the audit log, flags (reports)
    "snapshots": ("Snapshots", "快照"),
    "audit": ("Audit log", "修改记录"),
    "audit_of": ("Audit log — {name}", "修改记录——{name}"),
    "group_screens": ("Views", "视图"),
    "take_snapshot_title": ("Take a snapshot", "保存快照"),
    "field_label": ("Label", "标签"),
    "snapshot_placeholder": ("2024 mid-term review", "2024 年中期评估"),
    "snapshot_hint": (
        "Freezes the whole state: figures, indicators, values and both verdicts.",
        "冻结当前全部状态：成就数字、指标、数值和两种评价。",
    ),
    "snapshot_saved": ("Snapshot #{id} saved: {label}", "快照 #{id}「{label}」已保存"),
    "working": ("Working…", "处理中……"),
    # a count that is complete while its job goes on (a commit, a file put in place, the
    # next step of an import before its own count starts)
    "count_still_working": ("{count}; still working…", "{count}，仍在处理……"),
    "still_working": ("Still working; wait a moment.", "仍在处理中，请稍候。"),
    "col_mark": ("✓", "✓"),
    "col_id": ("#", "#"),
    "col_label": ("label", "标签"),
    "col_taken": ("taken (UTC)", "保存时间（UTC）"),
    "col_hash": ("hash", "哈希"),
    "snapshots_count": ("{n} snapshots", "共 {n} 个快照"),
    "snapshots_count_one": ("{n} snapshot", "共 {n} 个快照"),
    "snapshots_marked": ("marked: {ids}", "已选：{ids}"),
    "snapshots_hint": (
        "space marks · d compares the two marked · D compares with now",
        "空格选中 · d 比较所选两个 · D 与当前比较",
    ),
    "no_snapshots": ("No snapshot yet: press s to take one.", "尚无快照：按 s 保存一个。"),
    "mark_two": (
        "Mark two snapshots with space (or Enter) first.",
        "请先用空格（或 Enter）选中两个快照。",
    ),
    "select_snapshot": ("Select a snapshot first.", "请先选择一个快照。"),
    "snapshot_detail": (
        "#{id} {label} · taken {at} by {actor} · hash {hash}",
        "#{id}「{label}」· {actor} 于 {at} 保存 · 哈希 {hash}",
    ),
    "diff_title": ("Changes from {a} to {b}", "从 {a} 到 {b} 的变化"),
    "diff_snapshot": ("#{id} {label}", "#{id}「{label}」"),
    "now": ("now", "当前"),
    "diff_close": ("Esc or q closes; j/k scroll.", "按 Esc 或 q 关闭；j/k 滚动。"),
    "current_state": ("The current state", "当前状态"),
    "current_label": ("current", "当前"),
    "files_folder": (
        "Files are read and written in {root} only.",
        "文件只能在 {root} 中读写。",
    ),
    "export_title": ("Export", "导出"),
    "field_format": ("Format", "格式"),
    "field_path": ("File", "文件"),
    "field_language": ("Language", "语言"),
    "field_content": ("What", "内容"),
    "export_button": ("Export", "导出"),
    "exported": ("Exported {path}", "已导出 {path}"),
    "overwrite": ("{path} already exists. Overwrite it?", "{path} 已存在。要覆盖吗？"),
    "import_title": ("Import a file", "导入文件"),
    "field_import_path": ("File (.csv, .xlsx, .json)", "文件（.csv、.xlsx、.json）"),
    "preview": ("Preview", "预览"),
    "apply": ("Apply", "确认导入"),
    "import_hint": (
        "Enter previews what would change; nothing is written until you press Apply.",
        "按 Enter 预览将要修改的内容；按“确认导入”之前不会写入任何数据。",
    ),
    "import_applied": ("Imported {path}", "已导入 {path}"),
    "import_changed_since": (
        "The database changed since the preview: check the new preview and apply again.",
        "预览之后数据库已有变动：请查看新的预览后再确认导入。",
    ),
    "col_action": ("action", "操作"),
    "col_entity": ("entity", "对象"),
    "col_entity_id": ("id", "编号"),
    "col_change": ("old → new", "原值 → 新值"),
    "audit_count": ("the latest {n} changes, newest first", "最近 {n} 条修改，最新的在前"),
    "audit_filtered": ("indicator {id}", "指标 {id}"),
    "no_audit": ("No change recorded.", "没有修改记录。"),
    "audit_old": ("Before", "修改前"),
    "audit_new": ("After", "修改后"),
    "add_flag_title": ("Flag a figure — {name}", "标记存疑——{name}"),
    "clear_flag_title": ("Clear a flag — {name}", "清除存疑标记——{name}"),
    "field_flag": ("Flag", "标记"),
    "field_flag_note": ("Why (note)", "原因（说明）"),
    "field_clear_note": ("Note (optional)", "说明（可选）"),
    "flag_added": ("Flagged {id}: {note}", "已标记 {id}：{note}"),
    "flag_cleared": ("Cleared {code} on {id}", "已清除 {id} 的标记 {code}"),
    "confirm_clear_flag": ("Clear “{flag}” on {name}?", "确定清除 {name} 的标记“{flag}”？"),
    "no_flag_to_clear": ("This figure has no open flag.", "该数字没有存疑标记。"),
    "select_figure": ("Select a figure first.", "请先选择一个数字。"),
    "confirm_title": ("Please confirm", "请确认"),
    "yes": ("Yes", "是"),
    "no": ("No", "否"),
    "conflict_hint": (
        "ctrl+r reloads the values saved now; then apply your change again.",
        "按 ctrl+r 载入现在保存的值，再重新修改。",
    ),
    "reloaded": (
        "Reloaded: the form shows the values saved now.",
        "已重新载入：表单显示现在保存的值。",
    ),
    "reloaded_typed": (
        "Reloaded: the form shows the values saved now. You had typed: {typed}",
        "已重新载入：表单显示现在保存的值。你刚才输入的：{typed}",
    ),
    "changed_meanwhile": (
        "{actor} changed this indicator at {at}; ctrl+r reloads.",
        "{actor} 已于 {at} 修改此指标；按 ctrl+r 重新载入。",
    ),
    "cmd_take_snapshot": ("Take a snapshot", "保存快照"),
    "cmd_snapshots": ("Show the snapshots", "查看快照"),
    "cmd_diff": ("Compare the two marked snapshots", "比较所选的两个快照"),
    "cmd_diff_now": ("Compare with now: {name}", "与当前比较：{name}"),
    "cmd_export": ("Export…", "导出……"),
    "cmd_import": ("Import file…", "导入文件……"),
    "cmd_audit": ("Show the audit log (who changed what)", "查看修改记录（谁改了什么）"),
    "cmd_audit_indicator": ("Audit log: {name}", "修改记录：{name}"),
    "cmd_add_flag": ("Add a quality flag: {name}", "标记存疑：{name}"),
    "cmd_clear_flag": ("Clear a quality flag: {name}", "清除存疑标记：{name}"),
})

# Binding descriptions, by action name: footer and help.
ACTIONS = Catalog({
    "help": ("Help", "帮助"),
    "switch_language": ("中文", "English"),
    "quit": ("Quit", "退出"),
    "back": ("Back", "返回"),
    "show_plan": ("Plan", "规划"),
    "show_achievements": ("Achievements", "成就"),
    "command_palette": ("Commands", "命令"),
    "open": ("Open", "打开"),
    "edit_target": ("Target", "设目标"),
    "add_measurement": ("Add value", "录入"),
    "new_indicator": ("New", "新增"),
    "edit_indicator": ("Edit indicator", "修改指标"),
    "retire_indicator": ("Retire indicator", "停用指标"),
    "show_retired": ("Retired indicators", "已停用的指标"),
    "link_baseline": ("Baseline", "基期"),
    "set_milestone": ("Milestone", "里程碑"),
    "set_annual_target": ("Yearly target", "年度目标"),
    "prev_district": ("Prev district", "上一新区"),
    "next_district": ("Next district", "下一新区"),
    "search": ("Search", "搜索"),
    "toggle_flagged": ("Flagged", "存疑"),
    "close_search": ("Close search", "关闭搜索"),
    "goto_hit": ("Go to", "前往"),
    "focus_themes": ("Themes", "主题"),
    "focus_figures": ("Figures", "数字"),
    "focus_table": ("Indicators", "指标"),
    "cursor_up": ("Up", "上移"),
    "cursor_down": ("Down", "下移"),
    "cursor_left": ("Left", "左移"),
    "cursor_right": ("Right", "右移"),
    "scroll_up": ("Scroll up", "上滚"),
    "scroll_down": ("Scroll down", "下滚"),
    "scroll_top": ("Top", "顶部"),
    "scroll_left": ("Scroll left", "左滚"),
    "scroll_right": ("Scroll right", "右滚"),
    "page_left": ("Page left", "左翻页"),
    "page_right": ("Page right", "右翻页"),
    "scroll_bottom": ("Bottom", "底部"),
    "scroll_home": ("Home", "行首"),
    "scroll_end": ("End", "行尾"),
    "first": ("First", "第一项"),
    "last": ("Last", "最后一项"),
    "page_up": ("Page up", "上一页"),
    "page_down": ("Page down", "下一页"),
    "select_cursor": ("Open", "打开"),
    "select": ("Select", "选择"),
    "save": ("Save", "保存"),
    "cancel": ("Cancel", "取消"),
    "use": ("Use", "采用"),
    "previous_tab": ("Previous tab", "上一页签"),
    "next_tab": ("Next tab", "下一页签"),
    "help_quit": ("Quit", "退出"),
    "copy_text": ("Copy selected text", "复制所选文字"),
    "dismiss": ("Close", "关闭"),
    "focus_next": ("Next field", "下一项"),
    "focus_previous": ("Previous field", "上一项"),
    "take_snapshot": ("Snapshot", "快照"),
    "export": ("Export", "导出"),
    "show_snapshots": ("Snapshots", "快照列表"),
    "show_audit": ("Audit log", "修改记录"),
    "show_departments": ("Departments", "责任单位"),
    "show_review": ("Mid-term review", "中期评估"),
    "review_report": ("Report", "生成报告"),
    "generate": ("Generate", "生成"),
    "add_department": ("New", "新增"),
    "review_year": ("Review year", "评估年份"),
    "toggle_mark": ("Mark", "选中"),
    "diff": ("Compare", "比较"),
    "diff_now": ("Compare with now", "与当前比较"),
    "import_file": ("Import", "导入"),
    "audit_log": ("Log", "记录"),
    "void_value": ("Void", "作废"),
    "revise_value": ("Revise", "修订"),
    "add_flag": ("Flag", "标记"),
    "clear_flag": ("Clear flag", "清除标记"),
    "reload": ("Reload", "重新载入"),
    "preview": ("Preview", "预览"),
    "yes": ("Yes", "是"),
    "no": ("No", "否"),
})


# what the served app answers a request it refuses
SERVE_REFUSALS = Catalog({
    "origin": ("forbidden: this socket is for the tracker's own page only",
               "禁止访问：此连接只接受本程序自己的页面"),
    "user": ("forbidden: the proxy did not name a planner in {header}",
             "禁止访问：代理未在 {header} 中给出规划人员的名字"),
})

# progress.py gives its reasons in English; these are said in Chinese.
_REASONS_ZH: list[tuple[str, str]] = [
    (r"no baseline", "没有基期值"),
    (r"no target", "尚未设定目标"),
    (r"target year not after baseline year", "目标年份不晚于基期年份"),
    (r"no value in the plan period", "规划期内没有数值"),
    (r"no value after the baseline year", "基期之后还没有数值"),
    (r"no value for (\d+)", r"缺少 \1 年的数值"),
    (
        r"target is on the wrong side of the baseline for increase",
        "目标值低于基期值，与“提高”方向相反",
    ),
    (
        r"target is on the wrong side of the baseline for decrease",
        "目标值高于基期值，与“降低”方向相反",
    ),
    (r"target equals baseline", "目标值等于基期值"),
    (r"baseline already meets the target", "基期值已达到目标"),
    (r"target year passed", "已过目标年份"),
    (r"no target year", "尚未设定目标年份"),
    (r"not started yet", "尚未启动"),
    (r"not started, and the target year is near", "尚未启动，目标年份临近"),
    (r"a reduction needs a baseline above zero", "降低率目标需要大于零的基期值"),
    (
        r"a growth rate needs a baseline above zero, or values entered as yearly rates",
        "年均增长目标需要大于零的基期值，或按当年增速录入数值",
    ),
    (
        r"baseline not above zero: the yearly rates are added, not compounded",
        "基期值不大于零：各年增速按累加而非复合计算",
    ),
    (
        r"baseline below zero: the rate is applied to its size each year, not compounded",
        "基期值小于零：增长率按其绝对值逐年线性计算，不复合",
    ),
]


# the UI's one lookup: a label by key
tr = STRINGS.text


def action_label(action: str, lang: str, fallback: str = "") -> str:
    name = action.rpartition(".")[2].partition("(")[0]
    return ACTIONS.get_text(name, lang, fallback or name.replace("_", " "))


# a province's plan gives the same few reasons tens of thousands of times
@functools.lru_cache(maxsize=1024)
def reason(text: str, lang: str) -> str:
    """A verdict's reason from tracker.progress, in the UI language."""
    if not text:
        return text
    # a reason may join two ("baseline not above zero: …; target equals baseline")
    return pick((text, "；".join(_reason_zh(part) for part in text.split("; "))), lang)


def _reason_zh(text: str) -> str:
    for pattern, zh in _REASONS_ZH:
        if re.fullmatch(pattern, text):
            return re.sub(pattern, zh, text)
    return text
