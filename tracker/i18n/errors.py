"""What a refusal says: every TrackerError's message, and pydantic's reasons, the models'
rules and their fields' names in Chinese (their English is pydantic's and the models')."""

from __future__ import annotations

from tracker.i18n import Catalog, pick
from tracker.i18n.void import VOID_ERRORS

MESSAGES = Catalog({
    # key: (English, Chinese)
    "db_folder_missing": (
        "folder does not exist: {path}",
        "文件夹不存在：{path}",
    ),
    "db_is_folder": ("database path is a folder: {path}", "数据库路径是一个文件夹：{path}"),
    "db_not_regular": (
        "not a regular file (a fifo, device or socket): {path}",
        "不是普通文件（而是管道、设备或套接字）：{path}",
    ),
    "db_dangling_link": (
        "the path is a link to a file that does not exist, and is not followed: {path}",
        "该路径是指向不存在文件的链接，程序不会沿链接创建文件：{path}",
    ),
    "db_read_only": (
        "database file is read-only: {path}",
        "数据库文件只读，无法写入：{path}",
    ),
    "db_folder_read_only": (
        "cannot create the database, folder is read-only: {path}",
        "无法创建数据库，文件夹只读：{path}",
    ),
    "db_not_sqlite": (
        "not a SQLite database: {path}",
        "不是 SQLite 数据库文件：{path}",
    ),
    "db_foreign": (
        "a SQLite database, but not a tracker database: {path}",
        "这是 SQLite 数据库，但不是本程序的数据库：{path}",
    ),
    "db_newer": (
        "database was written by a newer version of tracker (schema {found}, this app knows {known}): {path}",
        "数据库由更新版本的程序写入（结构版本 {found}，本程序支持 {known}）：{path}",
    ),
    "db_damaged": (
        "the database file is damaged ({detail}); restore it from a backup",
        "数据库文件已损坏（{detail}）；请从备份恢复",
    ),
    "disk_full": (
        "the disk is full ({detail}); nothing was saved — free some space and try again",
        "磁盘已满（{detail}）；未保存任何内容，请清理空间后重试",
    ),
    "db_busy": (
        "the database stayed busy with another planner's change ({detail}); try again",
        "数据库正忙于其他人的修改（{detail}）；请稍后重试",
    ),
    "db_error": ("database error: {detail}", "数据库错误：{detail}"),
    "data_error": ("bad data file: {detail}", "数据文件有误：{detail}"),
    "no_achievement": ("no achievement with id {id!r}", "没有编号为 {id!r} 的成就"),
    "no_indicator": ("no indicator with id {id!r}", "没有编号为 {id!r} 的指标"),
    "no_snapshot": ("no snapshot with id {id!r}", "没有编号为 {id!r} 的快照"),
    "snapshot_moved": (
        # the values hashed are not the values copied, or the plan kept is not all there
        "the data changed while the snapshot was taken; nothing was saved, take it again",
        "拍摄快照期间数据有变化，未保存；请重新拍摄",
    ),
    "plan_update_changed": (
        "the plan changed while you were deciding; nothing was changed: run plan update again",
        "决定期间规划已有改动，未作任何更改：请重新运行 plan update",
    ),
    "indicator_exists": ("an indicator with id {id!r} already exists", "编号 {id!r} 的指标已存在"),
    "no_district": (
        "no district {id!r}; choose one of: {choices}",
        "没有 {id!r} 这个新区；可选：{choices}",
    ),
    "no_theme": (
        "no theme {id!r}; choose one of: {choices}",
        "没有 {id!r} 这个主题；可选：{choices}",
    ),
    "no_flag": ("no open flag {code!r} on {id!r}", "{id!r} 上没有标记 {code!r}"),
    "no_annual_target": ("no target for {year} on {id!r}", "{id!r} 没有 {year} 年的年度目标"),
    "invalid": ("{field}: {reason}", "{field}：{reason}"),
    "conflict": (
        "{id!r} was changed by {actor} at {at} (now version {version}); reload and apply your change again",
        "{id!r} 已被 {actor} 于 {at} 修改（当前版本 {version}）；请重新载入后再修改",
    ),
    "not_number": (
        "not a number: {text!r}; write digits like 1234.5 or 1,234.5, optionally followed by 万 or 亿",
        "不是有效数字：{text!r}；请写成 1234.5 或 1,234.5，可带“万”或“亿”",
    ),
    "control_char": (
        "must not contain control characters (tab, carriage return, escape, text-direction marks)",
        "不能含控制字符（制表符、回车、转义符、文字方向控制符等）",
    ),
    "bad_digit": (
        "not a number: {text!r}; only 0-9 (or full-width ０-９) are digits: write 1234.5 or 1,234.5, optionally followed by 万 or 亿",
        "不是有效数字：{text!r}；只有 0-9（或全角 ０-９）算作数字，上标、圈码等不行；请写成 1234.5 或 1,234.5，可带“万”或“亿”",
    ),
    "bad_tolerance": (
        "tolerance {text!r} is not a share between 0 and 0.5 (e.g. 0.05 or 5%)",
        "容差 {text!r} 不是 0 到 0.5 之间的比例（如 0.05 或 5%）",
    ),
    "interrupted": (
        "interrupted (Ctrl+C); a change not finished was not saved",
        "已中断（Ctrl+C）；未完成的改动均未保存",
    ),
    "not_year": (
        "not a year: {text!r}; write a year from 1900 to 2200, like 2025",
        "不是有效年份：{text!r}；请写 1900 至 2200 之间的四位年份，如 2025",
    ),
    "restore_refused": (
        "cannot restore from {path}: {reason}; nothing was changed",
        "无法从 {path} 恢复：{reason}；数据库未作任何改动",
    ),
    "output_not_regular": (
        "will not write over {path}: it is not a regular file (a fifo, device or socket)",
        "不会覆盖 {path}：它不是普通文件（而是管道、设备或套接字）",
    ),
    "backup_failed": (
        "could not write the backup {path} ({detail}); nothing was written",
        "无法写入备份 {path}（{detail}）；未写入任何文件",
    ),
    "file_exists": (
        "{path} already exists; use --force to overwrite",
        "{path} 已存在；如需覆盖请加 --force",
    ),
    # -- exports --
    "export_format": (
        "unknown export format {fmt!r}; choose one of: {choices}",
        "不支持的导出格式 {fmt!r}；可选：{choices}",
    ),
    "export_folder_missing": (
        "cannot export, the folder does not exist: {path}",
        "无法导出，文件夹不存在：{path}",
    ),
    "export_is_folder": (
        "cannot export, the output path is a folder: {path}",
        "无法导出，输出路径是一个文件夹：{path}",
    ),
    "export_failed": (
        "could not write {path} ({detail}); nothing was written",
        "无法写入 {path}（{detail}）；未写入任何文件",
    ),
    # -- the review report --
    "review_format": (
        "cannot tell the report's format from {path}; name it {choices}",
        "无法从文件名 {path} 判断报告格式；请使用扩展名 {choices}",
    ),
    # -- editing an indicator, retiring it and bringing it back --
    "indicator_retired": ("{id} is retired: bring it back before editing it",
                          "指标 {id} 已停用：请先恢复再修改"),
    "indicator_already_retired": ("{id} is retired already", "指标 {id} 已经停用"),
    "indicator_not_retired": ("{id} is not retired", "指标 {id} 未停用"),
    "unit_not_scale": (
        "unit: {old} → {new} is not a 万/亿 scale of one unit, and the {n} figures recorded"
        " in {old} cannot be carried over; nothing was changed",
        "单位：{old} → {new} 不是同一单位的万/亿换算，已按 {old} 记录的 {n} 个数字无法换算；"
        "未作修改"),
    "unit_not_scale_one": (
        "unit: {old} → {new} is not a 万/亿 scale of one unit, and the figure recorded"
        " in {old} cannot be carried over; nothing was changed",
        "单位：{old} → {new} 不是同一单位的万/亿换算，已按 {old} 记录的 1 个数字无法换算；"
        "未作修改"),
    # -- departments --
    "department_exists": ("department {name} already exists", "责任单位 {name} 已存在"),
    "no_department": ("no department {name}; `tracker departments` lists them",
                      "没有责任单位 {name}；可用 `tracker departments` 查看"),
    "review_year_before": (
        "review year {year} is before the plan's baseline years (from {first})",
        "评估年份 {year} 早于规划的基期年份（{first} 年起）",
    ),
    "review_year_outside": (
        "review year {year} is outside the plan ({first}–{last})",
        "评估年份 {year} 不在规划期内（{first}–{last}）",
    ),
    # -- imports --
    "import_format": (
        "cannot import {path}: use a .csv, .xlsx or .json file",
        "无法导入 {path}：请使用 .csv、.xlsx 或 .json 文件",
    ),
    "outside_files": (
        "{path} is outside the folder for files ({root}); use a file in that folder",
        "{path} 不在文件专用文件夹（{root}）内；请使用该文件夹中的文件",
    ),
    "import_not_regular": (
        "{path} is not a file (a folder, fifo, device or socket): nothing was imported",
        "{path} 不是普通文件（而是文件夹、管道、设备或套接字）：未导入任何内容",
    ),
    "import_unreadable": ("cannot read {path}: {detail}", "无法读取 {path}：{detail}"),
    "import_not_text": (
        "{path} is not a readable CSV file; in Excel or WPS save it as “CSV UTF-8” and try again",
        "{path} 不是可读取的 CSV 文件；请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”后重试",
    ),
    "import_not_snapshot": (
        "{path} is not a tracker snapshot (JSON exported with --format json)",
        "{path} 不是本程序导出的快照（--format json 导出的 JSON 文件）",
    ),
    "import_newer": (
        "{path} was written by a newer version of tracker (snapshot schema {found}, this app reads up to {known}); update tracker to import it",
        "{path} 由更新版本的程序导出（快照结构版本 {found}，本程序最高支持 {known}）；请升级后再导入",
    ),
    "import_bad_schema": (
        "{path} names snapshot schema {found}, which no version of tracker wrote (this app reads 1 to {known})",
        "{path} 标注的快照结构版本 {found} 不存在（本程序支持 1 到 {known}）",
    ),
    "import_no_table": (
        "{path} has no sheet with an id column and plan columns; export a file to see the layout",
        "{path} 中没有含 id 列和指标列的表格；可先导出一份文件参照格式",
    ),
    "import_duplicate_column": (
        "two columns mean {column!r}: {headers}",
        "有两列都表示 {column!r}：{headers}",
    ),
    "import_problem": (
        "1 problem in {path}; nothing was imported",
        "{path} 中有 1 处问题；未导入任何数据",
    ),
    "import_problems": (
        "{count} problems in {path}; nothing was imported",
        "{path} 中有 {count} 处问题；未导入任何数据",
    ),
    "import_more": ("… and {count} more", "……另有 {count} 处"),
    "import_required": ("required", "必填"),
    "import_unknown_indicator": (
        "no indicator {id!r}; to create it the row needs {missing}",
        "没有编号为 {id!r} 的指标；如要新建，这一行还需填写 {missing}",
    ),
    "import_duplicate_id": (
        "indicator {id!r} is also on row {other}",
        "指标 {id!r} 在第 {other} 行也出现了",
    ),
    "import_choice": (
        "{text!r} is not one of: {choices}",
        "{text!r} 不是可选的值：{choices}",
    ),
    "import_unit_mismatch": (
        "unit {found!r} differs from the indicator's unit {unit!r}",
        "单位 {found!r} 与指标的单位 {unit!r} 不一致",
    ),
    "import_pair": (
        "{column} and {other} go together",
        "{column} 和 {other} 须同时填写",
    ),
    "import_no_achievement": (
        "baseline achievement {id!r} is not in this database",
        "基期引用的成就 {id!r} 不在本数据库中",
    ),
    "import_nothing": (
        "{path}: nothing to change, the database already has all of it",
        "{path}：没有需要更改的内容，数据库中已全部包含",
    ),
    "import_summary": (
        "{path}: indicators to add {added}, to update {updated}; values to add {values}",
        "{path}：新增指标 {added} 个，修改指标 {updated} 个，新增数值 {values} 条",
    ),
    "import_line_add": ("+ new indicator {id} {name} ({district})", "+ 新增指标 {id} {name}（{district}）"),
    "import_line_update": ("~ {id} {field}: {old} → {new}", "~ {id} {field}：{old} → {new}"),
    "import_line_value": ("+ {id} {year}: {value} ({quality})", "+ {id} {year} 年：{value}（{quality}）"),
    "import_more_lines": (
        "  … and {count} more; `tracker import {path} --dry-run` lists every one",
        "  ……另有 {count} 条；`tracker import {path} --dry-run` 可列出全部",
    ),
    # where in the file a problem is
    "import_at_sheet": ("sheet {sheet}", "工作表“{sheet}”"),
    "import_at_row": ("row {row}", "第 {row} 行"),
    "import_at_column": ("column {column}", "“{column}”列"),
    "import_ignored": ("columns not read: {columns}", "未读取的列：{columns}"),
})
# voiding and revising a value: kept with the texts of those commands
MESSAGES.update(VOID_ERRORS)

# Why the system could not read or write a file, by the code's name (errno). The C
# library gives its reason in English whatever the planner reads.
OS_REASONS_ZH = {
    "ENOENT": "文件或文件夹不存在",
    "EACCES": "没有访问权限",
    "EPERM": "不允许此操作",
    "EISDIR": "这是一个文件夹",
    "ENOTDIR": "路径中有一项不是文件夹",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出磁盘配额",
    "EROFS": "文件系统只读",
    "EEXIST": "文件已存在",
    "ENAMETOOLONG": "文件名过长",
    "ELOOP": "符号链接层级过多",
    "EBUSY": "文件正被占用",
    "EIO": "读写出错",
    "ENXIO": "没有这样的设备或地址",
}
# the one reason the tracker gives itself, as the system would
OWN_REASONS_ZH = {"not a regular file": "不是普通文件"}


def system_reasons_said(params: dict[str, object], lang: str,
                        reasons_zh: dict[str, str]) -> dict[str, object]:
    """A message's fields with each reason the system gave (`reasons_zh`: its English
    text, in Chinese) said in `lang`."""
    if pick(("en", "zh"), lang) == "en":
        return params
    return {k: reasons_zh.get(v, v) if isinstance(v, str) else v for k, v in params.items()}


# Pydantic's error types, said in Chinese; anything else falls back to its English text.
REASONS_ZH = {
    "missing": "必填",
    "finite_number": "必须是有限的数字",
    "float_parsing": "必须是数字",
    "float_type": "必须是数字",
    "int_parsing": "必须是整数",
    "int_type": "必须是整数",
    "greater_than_equal": "不能小于 {ge:g}",
    "less_than_equal": "不能大于 {le:g}",
    "greater_than": "须大于 {gt:g}",
    "less_than": "须小于 {lt:g}",
    "string_too_short": "不能为空",
    "string_pattern_mismatch": "只能用小写字母、数字、- 和 _",
    "literal_error": "不是可选的值",
    "extra_forbidden": "不认识的字段",
}


# The models' own rules (their ValueError texts), said in Chinese.
RULES_ZH = {
    "give at least one of min and max": "最小值和最大值至少要填一个",
    "min is greater than max": "最小值大于最大值",
    "give at least one of error_above, check_above, check_below":
        "error_above、check_above、check_below 至少要填一个",
    "a share is shown in %": "占比的单位须为 %",
    "value must be a finite number": "必须是有限的数字",
    "only the digits 0-9 (or full-width ０-９) are digits": "只有 0-9（或全角 ０-９）算作数字",
    "a quantity needs a value": "数量类成就需要数值",
    "a rate needs a value": "比率类成就需要数值",
    "a rate is given in %": "比率的单位须为 %",
    "a value needs a unit": "有数值就要有单位",
    "an achievement cannot be part of itself": "成就不能是它自己的一部分",
    "baseline value and baseline year go together": "基期值和基期年须同时填写",
    "target value and target year go together": "目标值和目标年须同时填写",
    "the target year must be after the baseline year": "目标年份必须晚于基期年份",
    "a maintain target needs direction maintain": "保持型目标的方向须为“保持”",
    "date must be YYYY-MM-DD": "日期须写成 YYYY-MM-DD",
    "date must fall in the measurement's year": "日期须在该数值所属的年份内",
    "a milestone has a target year and no numbers": "里程碑类目标只填目标年，不填数值",
    "a monitoring indicator has no target value": "监测类指标不设目标值",
    "values as rates are only for growth_rate and reduction targets":
        "按年增速录入只适用于年均增长和降低类目标",
    "a growth rate must be above -100%": "年均增长率须大于 -100%",
    "a growth_rate target needs direction increase or decrease": "年均增长类目标的方向须为增加或减少",
    "a reduction is at least 0% and below 100%": "降低幅度须不小于 0% 且小于 100%",
    "a reduction target needs direction decrease": "降低类目标的方向须为“减少”",
    "a milestone state is only for milestone targets": "只有里程碑类目标才有进展状态",
    "the milestone date must be YYYY-MM-DD": "里程碑日期须写成 YYYY-MM-DD",
    "the milestone date must fall within the plan's years": "里程碑日期须在规划期内",
    "a milestone has no yearly numbers": "里程碑类目标没有年度数值",
    "the year is outside the plan period": "该年份不在规划期内",
}

# Field names as an English-reading planner reads them, where the stored name is not
# already a word ("target_value" is "target value"); an unlisted one is shown as it is.
FIELDS_EN = {
    "name_zh": "Chinese name",
    "name_en": "English name",
    "target_type": "target type",
    "baseline_value": "baseline value",
    "baseline_year": "baseline year",
    "baseline_achievement": "baseline achievement",
    "target_value": "target value",
    "target_year": "target year",
    "values_as": "values entered as",
    "milestone_state": "milestone state",
    "milestone_date": "milestone date",
    "milestone_evidence": "evidence",
}

# Field names as a Chinese planner reads them; an unlisted one is shown as it is.
FIELDS_ZH = {
    "id": "编号",
    "district": "新区",
    "name_zh": "中文名称",
    "name_en": "英文名称",
    "unit": "单位",
    "direction": "方向",
    "attribute": "属性",
    "target_type": "目标类型",
    "band": "允许偏差",
    "baseline_value": "基期值",
    "baseline_year": "基期年",
    "baseline_achievement": "基期所取成就",
    "target_value": "目标值",
    "target_year": "目标年",
    "values_as": "数值录入方式",
    "milestone_state": "进展状态",
    "milestone_date": "完成日期",
    "milestone_evidence": "佐证材料",
    "department": "责任单位",
    "notes": "备注",
    "note": "说明",
    "indicator": "指标",
    "year": "年份",
    "date": "日期",
    "value": "数值",
    "source": "来源",
    "quality": "质量",
    "label": "标签",
    "user": "用户",
    "tolerance": "容差",
    "plausible": "合理范围",
    "min": "最小值",
    "max": "最大值",
    "reason": "原因",
}
