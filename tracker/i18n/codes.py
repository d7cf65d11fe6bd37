"""Labels of the codes the data uses (a direction, a quality, an audit action...), the
same wherever they are shown: the UI, the command line, the exports."""

from __future__ import annotations

from tracker.i18n import Catalog

DISTRICT_SHORT = Catalog({
    "industry": ("Industry", "产业新区"),
    "culture": ("Culture", "文化新区"),
    "ecology": ("Ecology", "生态新区"),
    "openness": ("Openness", "开放新区"),
    "wellbeing": ("Well-being", "幸福新区"),
})

CHOICES: dict[str, Catalog] = {
    "qualifier": Catalog({
        "exact": ("as printed", "原文数字"),
        "more_than": ("more than (余/多)", "以上（余、多）"),
        "about": ("about (左右)", "左右"),
        "fewer_than": ("fewer than (不到)", "不到"),
    }),
    "kind": Catalog({
        "quantity": ("quantity", "数量"),
        "rate": ("rate", "比率"),
        "honour": ("honour", "荣誉"),
        "milestone": ("milestone", "里程碑"),
    }),
    "direction": Catalog({
        "increase": ("increase", "提高"),
        "decrease": ("decrease", "降低"),
        "maintain": ("maintain", "保持"),
    }),
    "attribute": Catalog({
        "expected": ("expected", "预期性"),
        "binding": ("binding", "约束性"),
    }),
    "target_type": Catalog({
        "level": ("level", "水平值"),
        "cumulative": ("cumulative over the period", "期内累计"),
        "at_least": ("at least", "不低于"),
        "at_most": ("at most", "不高于"),
        "maintain": ("maintain", "保持"),
        "growth_rate": ("annual growth rate %", "年均增长率"),
        "reduction": ("reduction % over the plan", "期内降低率"),
        "milestone": ("milestone", "里程碑（建成/验收）"),
        "monitor": ("monitoring only", "监测（无数值目标）"),
    }),
    # growth_rate and reduction: what a value is; "" (not asked) for the other kinds
    "values_as": Catalog({
        "level": ("the level (e.g. 亿元)", "水平值（如亿元）"),
        "rate": ("each year's rate in %", "当年增速（%）"),
    }),
    "milestone_state": Catalog({
        "not_started": ("not started", "未启动"),
        "in_progress": ("in progress", "推进中"),
        "done": ("done", "已完成"),
    }),
    "quality": Catalog({
        "final": ("final", "终值"),
        "provisional": ("provisional", "初步数"),
        "estimated": ("estimated", "估计数"),
        "revised": ("revised", "修订数"),
    }),
    "format": Catalog({
        "xlsx": ("Excel (.xlsx)", "Excel 表格（.xlsx）"),
        "csv": ("CSV (.csv)", "CSV（.csv）"),
        "json": ("JSON, every value (.json)", "JSON，含全部数值（.json）"),
        "md": ("Markdown report (.md)", "Markdown 报告（.md）"),
    }),
    "audit_action": Catalog({
        "seed": ("seed", "初始化"),
        "add": ("add", "新增"),
        "update": ("update", "修改"),
        "measure": ("value", "录入数值"),
        "flag": ("flag", "标记存疑"),
        "clear_flag": ("clear flag", "清除标记"),
        "import": ("import", "导入"),
        "snapshot": ("snapshot", "快照"),
        "restore": ("restore", "恢复"),
        "void": ("void value", "作废数值"),
        "revise": ("revise value", "修订数值"),
        "convert_unit": ("unit converted", "单位换算"),
        "plan_update": ("starter plan update", "初始规划更新"),
    }),
    "entity": Catalog({
        "indicator": ("indicator", "指标"),
        "achievement": ("figure", "成就"),
        "snapshot": ("snapshot", "快照"),
        "database": ("database", "数据库"),
        "setting": ("setting", "设置"),
        "district": ("district", "新区"),
        "department": ("department", "责任单位"),
    }),
}


def choice(kind: str, code: str, lang: str) -> str:
    """The label of `code` among the choices of `kind`; an unknown code as it is."""
    return CHOICES[kind].get_text(code, lang, code)


def choices(kind: str, lang: str) -> list[tuple[str, str]]:
    """(label, code) pairs for a Select."""
    return [(CHOICES[kind].text(code, lang), code) for code in CHOICES[kind]]


def district_short(district_id: str, lang: str) -> str:
    return DISTRICT_SHORT.get_text(district_id, lang, district_id)


# the fields an audit entry's old and new values name, as a planner calls them
FIELDS = Catalog({
    "id": ("id", "编号"),
    "district": ("district", "新区"),
    "name_zh": ("Chinese name", "中文名称"),
    "name_en": ("English name", "英文名称"),
    "summary_zh": ("Chinese summary", "中文说明"),
    # what a starter plan update did, counted in its entry
    "added": ("added", "新增"),
    "retyped": ("retyped", "改类型"),
    "updated": ("updated", "更新"),
    "districts": ("districts", "新区说明"),
    "summary_en": ("English summary", "英文说明"),
    "unit": ("unit", "单位"),
    "direction": ("direction", "方向"),
    "attribute": ("attribute", "属性"),
    "target_type": ("target type", "目标类型"),
    "band": ("band", "允许幅度"),
    "baseline_value": ("baseline", "基期值"),
    "baseline_year": ("baseline year", "基期年份"),
    "baseline_achievement": ("baseline from", "基期来源成就"),
    "baseline_source": ("baseline source", "基期来源"),
    "target_value": ("target", "目标值"),
    "target_year": ("target year", "目标年份"),
    "department": ("department", "责任单位"),
    "notes": ("notes", "备注"),
    "plausible": ("plausible range", "合理范围"),
    "retired": ("retired", "已停用"),
    "values_as": ("values entered as", "数值录入方式"),
    "milestone_state": ("milestone", "里程碑状态"),
    "milestone_date": ("milestone date", "里程碑日期"),
    "milestone_evidence": ("evidence", "佐证"),
    "version": ("version", "版本"),
    "year": ("year", "年份"),
    "value": ("value", "数值"),
    "quality": ("quality", "数据性质"),
    "source": ("source", "来源"),
    "date": ("date", "日期"),
    "indicator": ("indicator", "指标"),
    "label": ("label", "标签"),
    "note": ("note", "说明"),
    "code": ("flag", "标记"),
    "reason": ("reason", "原因"),
    "achievements": ("achievements", "成就"),
    "indicators": ("indicators", "指标"),
    "values": ("values", "数值"),
    "tolerance": ("tolerance", "容差"),
    "path": ("file", "文件"),
    "file": ("file", "文件"),
    "format": ("format", "格式"),
    "value_id": ("value no.", "数值编号"),
    "actor": ("entered by", "录入人"),
    "recorded_at": ("entered at", "录入时间"),
    "logged_by": ("logged with entry", "随记录"),
    "title": ("title", "标题"),
    "hash": ("hash", "校验值"),
    "scale": ("scale", "换算"),
    "annual_targets": ("yearly targets", "年度目标"),
})


def field_value(field: str, value: object, lang: str) -> object:
    """A field's value as a planner reads it: a code among known choices by its label
    ("provisional" -> 初步数), anything else as it is."""
    if isinstance(value, str) and field in CHOICES:
        return choice(field, value, lang)
    return value


def field_label(field: str, lang: str) -> str:
    """A field of an audit entry as a planner calls it; a field this catalog does not
    name is shown as it is."""
    return FIELDS.get_text(field, lang, field)
