"""What the command line says: its results, its refusals and a mistyped line."""

from __future__ import annotations

import re

from tracker.i18n import Catalog, pick

CLI = Catalog({
    "error": ("error: {message}", "错误：{message}"),
    "db_damaged": ("database is damaged: {problems}", "数据库已损坏：{problems}"),
    "db_ok": ("database integrity: ok", "数据库完好"),
    "flag_count": ("{count} quality flags:", "{count} 条质量标记："),
    "flag_cleared": ("{id}: {code} cleared", "{id}: {code} 已清除"),
    "indicator_added": ("added indicator {id}", "已添加指标 {id}"),
    "indicator_retired": ("retired {id}", "已停用指标 {id}"),
    "target_set": ("{id}: target {target}", "{id}: 目标 {target}"),
    "target_value_missing": ("give the target value (--value)", "请填写目标值（--value）"),
    "annual_target_set": ("{id}: target for {year} {value}", "{id}: {year} 年度目标 {value}"),
    "value_recorded": ("recorded {id} {year}: {value} {unit}", "{id} {year}: {value}{unit} 已记录"),
    "snapshot_taken": ("snapshot #{id} '{label}' taken ({hash})",
                       "快照 #{id}「{label}」已保存（{hash}）"),
    "export_which_format": ("say --format csv, json, md or xlsx (the file name does not tell)",
                            "请用 --format 指定格式（csv、json、md、xlsx）"),
    "current": ("current", "当前"),
    "exported": ("exported {path}", "已导出 {path}"),
    "review_written": ("review written to {path}", "已生成评估报告 {path}"),
    "imported": ("imported", "已导入"),
    "backed_up": ("backed up to {path}", "已备份到 {path}"),
    "restore_ask": ("Replace everything in {db} with {source}?", "用 {source} 替换 {db} 的全部内容？"),
    "restore_cancelled": ("cancelled; nothing was changed", "已取消，未作改动"),
    "restored": ("restored; the previous content is in {path}", "已恢复；原内容保存在 {path}"),
    "serve_needs_public_url": (
        "serving on every address needs --public-url, the address planners open",
        "在所有地址上提供服务时须用 --public-url 给出规划人员打开的地址",
    ),
    "serve_bad_public_url": (
        "--public-url must be an http:// or https:// address (no user name, no query): {url}",
        "--public-url 须为 http:// 或 https:// 地址（不含用户名和查询参数）：{url}",
    ),
    "serve_bad_user_header": (
        "--user-header must be a header name such as X-Remote-User: {header}",
        "--user-header 须为请求头名称，如 X-Remote-User：{header}",
    ),
    "serve_header_needs_url": (
        "--user-header needs --public-url, the proxy's address",
        "--user-header 须与 --public-url（代理的地址）一起使用",
    ),
    "serve_address": ("{url}  ({db}; files: {files})", "{url}  ({db}; 文件: {files})"),
    "not_a_folder": ("not a folder: {path}", "不是文件夹：{path}"),
    "serve_not_loopback": (
        "WARNING: serving on {host}. tracker has no login of its own: anyone who can "
        "reach this address can change the plan. Bind to 127.0.0.1 and put an "
        "authenticating reverse proxy in front.",
        "警告：在 {host} 上提供服务，本程序没有登录验证，任何能访问该地址的人都能修改规划数据。"
        "请只在 127.0.0.1 上运行，并通过带身份验证的反向代理访问。",
    ),
})

# a command line click refused, said as one line
USAGE = Catalog({
    "no_such_option": ("no such option {option}", "没有选项 {option}"),
    "did_you_mean": (" (did you mean {near}?)", "（是否要用 {near}？）"),
    "missing_option": ("missing option {name}", "缺少选项 {name}"),
    "missing_argument": ("missing argument {name}", "缺少参数 {name}"),
    "bad_value": ("invalid value for {name}: {why}", "{name} 的值无效：{why}"),
    "needs_value": ("option {option} needs a value", "选项 {option} 后面需要一个值"),
    "see_help": (" (see `{command} --help`)", "（用法见 `{command} --help`）"),
    "misused": ("{reason}", "用法有误：{reason}"),
})

# click's reasons for the parameter types this command line uses, as patterns of its
# English words and their Chinese; any other stays in click's English words
_CLICK_REASONS_ZH: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^'(.*)' is not a valid integer$"), "“{0}”不是整数"),
    (re.compile(r"^'(.*)' is not a valid float$"), "“{0}”不是数"),
    (re.compile(r"^'(.*)' is not one of (.*)$"), "“{0}”不是可选的值（{1}）"),
    (re.compile(r"^(.*) is not in the range (.*)$"), "{0} 不在范围 {1} 之内"),
    (re.compile(r"^(?:File|Directory|Path) '(.*)' does not exist$"), "{0} 不存在"),
    (re.compile(r"^No such command '(.*)'$"), "没有命令 {0}"),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), "多余的参数 {0}"),
]

_RANGE_TYPE = re.compile(r"^('.*' is not a valid (?:integer|float)) range$")


def click_reason(reason: str, lang: str, whole_line: bool = False) -> str:
    """click's English reason in `lang`: its Chinese where known; in English, a line of
    its own starts in lower case like every other refusal."""
    # a bounded number (--limit) is refused as "not a valid integer range": the range is
    # click's type, not something a planner typed
    reason = _RANGE_TYPE.sub(r"\1", reason)
    english = reason[:1].lower() + reason[1:] if whole_line else reason
    chinese = USAGE.text("misused", "zh", reason=reason)
    for pattern, words in _CLICK_REASONS_ZH:
        found = pattern.match(reason)
        if found:
            chinese = words.format(*found.groups())
            break
    return pick((english, chinese), lang)
