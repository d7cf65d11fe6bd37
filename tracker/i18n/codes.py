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
    }),
    "entity": Catalog({
        "indicator": ("indicator", "指标"),
        "achievement": ("figure", "成就"),
        "snapshot": ("snapshot", "快照"),
        "database": ("database", "数据库"),
        "setting": ("setting", "设置"),
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
