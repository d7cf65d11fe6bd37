"""What the exported files and the printed reports say: the plan table's headers, the
workbook's and the Markdown report's words, the status table and a snapshot diff."""

from __future__ import annotations

from tracker.i18n import Catalog

# the plan table's headers, by column; the importer reads either language back
PLAN_HEADERS = Catalog({
    "name": ("Indicator", "指标"),
    "unit": ("Unit", "单位"),
    "baseline_value": ("Baseline", "基期值"),
    "baseline_year": ("Baseline year", "基期年"),
    "target_value": ("Target", "目标值"),
    "target_year": ("Target year", "目标年"),
    "latest_value": ("Latest", "最新值"),
    "latest_year": ("Year", "年份"),
    "progress_share": ("Progress", "进度"),
    "time_share": ("Time elapsed", "时序进度"),
    # which of the two readings: the growth verdict has a column of its own
    "schedule_verdict": ("Schedule verdict", "时序评价"),
    "growth_label": ("Growth verdict", "增速评价"),
    "attribute": ("Attribute", "属性"),
    "department": ("Department", "责任单位"),
    # where each indicator is heading, its year's target and what its verdict rests on
    "running_total": ("Total so far", "累计完成"),
    "projected_value": ("Projected at target year", "按目前增速预计目标年达到"),
    "projected_year": ("Target reached in (at this pace)", "按目前增速达标年份"),
    "required_rate_remaining": ("Yearly rate still needed", "剩余年份需年均增速"),
    "required_per_year_remaining": ("Yearly amount still needed", "剩余年份需年均完成"),
    "annual_year": ("Year of yearly target", "年度目标年份"),
    "annual_target": ("Yearly target", "年度目标"),
    "annual_met": ("Yearly target met", "年度目标完成情况"),
    "baseline_flags": ("Baseline in doubt", "基期存疑"),
    "reason": ("Why no verdict", "无评价原因"),
    # the machine columns, read back by an import: named in the export's language too
    "district": ("District", "新区"),
    "direction": ("Direction", "方向"),
    "target_type": ("Target type", "目标类型"),
    "band": ("Band", "允许幅度"),
    "name_zh": ("Chinese name", "中文名称"),
    "name_en": ("English name", "英文名称"),
    "growth_ratio": ("Growth ratio", "增速比"),
    "growth_verdict": ("Growth verdict code", "增速评价代码"),
    "quality": ("Latest value's quality", "最新值数据性质"),
})

# headers earlier exports wrote for a column that is named otherwise now: an import
# still reads them (the machine columns' own keys are read as well)
PLAN_HEADER_ALIASES = Catalog({
    "schedule_verdict": ("Verdict", "评价"),
})

WORKBOOK = Catalog({
    "summary": ("Summary", "汇总"),
    "achievements": ("Achievements", "成就"),
    "district": ("District", "新区"),
    "total": ("Indicators", "指标数"),
    "schedule": ("schedule: ", "时序·"),
    "growth": ("growth: ", "增速·"),
    "label": ("Snapshot", "快照"),
    "taken_at": ("Taken at (UTC)", "快照时间（UTC）"),
    "actor": ("By", "操作人"),
    "tolerance": ("Schedule tolerance", "时序容差"),
    "a_id": ("Achievement id", "成就编号"),
    "a_title": ("Title", "名称"),
    "a_value": ("Value", "数值"),
    "a_unit": ("Unit", "单位"),
    "a_qualifier": ("Qualifier", "限定"),
    "a_period": ("Period", "时期"),
    "a_kind": ("Kind", "类型"),
    "a_flags": ("Flags", "存疑原因"),
    "a_source": ("Source sentence", "原文"),
    "a_period_basis": ("Period read from", "时期依据"),
    "a_scope": ("Scope", "口径"),
})

# a figure's qualifier beside its value, in the workbook's column of its own
WORKBOOK_QUALIFIERS = Catalog({
    "exact": ("", ""),
    "more_than": ("more than", "余/多"),
    "about": ("about", "左右"),
    "fewer_than": ("fewer than", "不到"),
})

MARKDOWN = Catalog({
    "title": ("Kaili five new districts: plan indicators", "凯里市“五新建设”规划指标"),
    "taken": ("Taken {at} by {actor}; schedule tolerance {tol}.",
              "快照时间 {at}，操作人 {actor}；时序容差 {tol}。"),
    "schedule": ("Schedule", "时序进度"),
    "growth": ("Growth", "增速"),
    "growth_header": ("Growth verdict", "增速评价"),
    "none": ("No indicators.", "暂无指标。"),
    "flagged": ("Suspect figures in the article", "存疑数据"),
    "no_flags": ("None.", "无。"),
})

# a figure's qualifier in brackets after its value, in the Markdown report
MARKDOWN_QUALIFIERS = Catalog({
    "more_than": ("more than", "余"),
    "about": ("about", "左右"),
    "fewer_than": ("fewer than", "不到"),
})

# `tracker status`: the table's headers, and a district's title over it
STATUS = Catalog({
    "indicator": ("indicator", "指标"),
    "unit": ("unit", "单位"),
    "baseline": ("baseline", "基期"),
    "latest": ("latest", "最新"),
    "target": ("target", "目标"),
    "progress": ("progress", "进度"),
    "time": ("time", "时序"),
    "schedule": ("schedule", "时序评价"),
    "growth_ratio": ("growth ratio", "增速比"),
    "growth": ("growth", "增速评价"),
    # why a row has no verdict (or what its verdict rests on), as the UI's detail says
    "why": ("why", "说明"),
    "district_title": ("{name} ({counts})", "{name}（{counts}）"),
})
STATUS_COLUMNS = tuple(k for k in STATUS if k != "district_title")

# what changed between two snapshots, a line a change
DIFF = Catalog({
    "no_changes": ("no changes between the two snapshots", "两个快照之间没有变化"),
    "no_changes_since": ("no changes since this snapshot", "该快照之后没有变化"),
    "more": ("… and {n} more; `tracker snapshot diff` lists every one",
             "……另有 {n} 条；`tracker snapshot diff` 可列出全部"),
    "added": ("added {who}", "新增指标 {who}"),
    "removed": ("removed {who}", "移除指标 {who}"),
    "new_value": ("{who}: new value for {year} = {value}", "{who}：新值 {year} 年 = {value}"),
})

# the fields a diff names
DIFF_FIELDS = Catalog({
    "target": ("target", "目标"),
    "baseline": ("baseline", "基期"),
    "target_type": ("target type", "目标类型"),
    "direction": ("direction", "方向"),
    "band": ("band", "允许区间"),
    "schedule_verdict": ("schedule", "时序评价"),
    "growth_verdict": ("growth", "增速评价"),
})
