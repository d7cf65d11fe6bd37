"""Errors a user can read, in Chinese or English.

Every failure that reaches a planner is a TrackerError: a message key with its
parameters, rendered in the UI language as one line.
"""

from __future__ import annotations

from pydantic import ValidationError

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (English, Chinese)
    "db_folder_missing": (
        "folder does not exist: {path}",
        "文件夹不存在：{path}",
    ),
    "db_is_folder": ("database path is a folder: {path}", "数据库路径是一个文件夹：{path}"),
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
    "db_error": ("database error: {detail}", "数据库错误：{detail}"),
    "data_error": ("bad data file: {detail}", "数据文件有误：{detail}"),
    "no_achievement": ("no achievement with id {id!r}", "没有编号为 {id!r} 的成就"),
    "no_indicator": ("no indicator with id {id!r}", "没有编号为 {id!r} 的指标"),
    "no_snapshot": ("no snapshot with id {id!r}", "没有编号为 {id!r} 的快照"),
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
    "invalid": ("{field}: {reason}", "{field}：{reason}"),
    "conflict": (
        "{id!r} was changed by {actor} at {at} (now version {version}); reload and apply your change again",
        "{id!r} 已被 {actor} 于 {at} 修改（当前版本 {version}）；请重新载入后再修改",
    ),
    "not_number": (
        "not a number: {text!r}; write digits like 1234.5 or 1,234.5, optionally followed by 万 or 亿",
        "不是有效数字：{text!r}；请写成 1234.5 或 1,234.5，可带“万”或“亿”",
    ),
    "not_year": (
        "not a year: {text!r}; write four digits like 2025",
        "不是有效年份：{text!r}；请写四位数字，如 2025",
    ),
    "file_exists": (
        "{path} already exists; use --force to overwrite",
        "{path} 已存在；如需覆盖请加 --force",
    ),
}


class TrackerError(Exception):
    """A failure with a message for the user, in either language."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        en, zh = MESSAGES[self.key]
        return (zh if lang == "zh" else en).format(**self.params)


class NotFound(TrackerError):
    pass


class Conflict(TrackerError):
    pass


# Pydantic's error types, said in Chinese; anything else falls back to its English text.
_ZH_REASONS = {
    "missing": "必填",
    "finite_number": "必须是有限的数字",
    "float_parsing": "必须是数字",
    "float_type": "必须是数字",
    "int_parsing": "必须是整数",
    "int_type": "必须是整数",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "string_too_short": "不能为空",
    "string_pattern_mismatch": "只能用小写字母、数字、- 和 _",
    "literal_error": "不是可选的值",
    "extra_forbidden": "不认识的字段",
}


def invalid(e: ValidationError) -> TrackerError:
    """The first problem of a pydantic error, as a one-line TrackerError naming its field."""
    err = e.errors()[0]
    field = ".".join(str(p) for p in err["loc"]) or "record"
    reason = err["msg"].removeprefix("Value error, ")
    return _Invalid(field, reason, _ZH_REASONS.get(err["type"], reason))


class _Invalid(TrackerError):
    def __init__(self, field: str, reason_en: str, reason_zh: str) -> None:
        self.reason_zh = reason_zh
        super().__init__("invalid", field=field, reason=reason_en)

    def text(self, lang: str = "en") -> str:
        if lang == "zh":
            return MESSAGES["invalid"][1].format(field=self.params["field"], reason=self.reason_zh)
        return super().text(lang)
