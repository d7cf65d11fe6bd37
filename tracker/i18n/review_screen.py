"""The review screen (key 6) and the form that writes the review report from the UI.

What the screen says about the plan (the counts sentence, the lagging sentences, the
chart's labels) is the report's own text, from tracker.i18n.review through the review
content; here are only the screen's and the form's own words."""

from __future__ import annotations

from tracker.i18n import Catalog

REVIEW_SCREEN = Catalog({
    "title": ("Mid-term review", "中期评估"),
    "at_review_year": ("read at the review year {year}", "按评估年份 {year} 年评价"),
    "at_latest": ("no review year set: read at the latest values ({year})",
                  "未设评估年份：按最新数据评价（{year} 年）"),
    "lagging_none": ("No indicator lags.", "暂无滞后指标。"),
    "lagging_more": ("… and {n} more: the report (g) lists them all.",
                     "……另有 {n} 项，完整名单见评估报告（按 g 生成）。"),
    "building": ("Reading every indicator of the plan…", "正在读取全部指标……"),
    "generate_hint": ("g writes the report (Word, Markdown or HTML)",
                      "按 g 生成评估报告（Word、Markdown 或 HTML）"),
    "cmd_review": ("Show the mid-term review", "查看中期评估"),
    "cmd_generate": ("Generate the review report", "生成中期评估报告"),
    # the form
    "form_title": ("Generate the review report", "生成中期评估报告"),
    "field_year": ("Review year", "评估年份"),
    "year_hint": ("Empty: the saved review year, or the latest values when none is set.",
                  "留空：按已设的评估年份，未设则按最新数据。"),
    "generate": ("Generate", "生成"),
    "written": ("Review report written: {path}", "已生成评估报告：{path}"),
})

# the report's formats, for the form's choice
REPORT_FORMATS = Catalog({
    "docx": ("Word document (.docx)", "Word 文档（.docx）"),
    "md": ("Markdown (.md)", "Markdown 文本（.md）"),
    "html": ("Web page, prints on A4 (.html)", "网页，可按 A4 打印（.html）"),
})
