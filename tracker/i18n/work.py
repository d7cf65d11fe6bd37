"""How far slow work has got, as the app's progress bar or the terminal says it."""

from __future__ import annotations

from tracker.i18n import Catalog

# what is being counted, as the line under the app's bar or on the terminal says it
WORK = Catalog({
    "rows_written": ("{done} of {total} rows written", "已写入 {done} / {total} 行"),
    "values_written": ("{done} of {total} values written", "已写入 {done} / {total} 个值"),
    "snapshot_saved": ("{done} of {total} indicators and values saved",
                       "已保存 {done} / {total} 项指标和数值"),
    "rows_checked": ("{done} of {total} rows checked", "已检查 {done} / {total} 行"),
    "indicators_compared": ("{done} of {total} indicators compared",
                            "已比较 {done} / {total} 项指标"),
    "review_steps": ("{done} of {total} steps done (the content, then the file)",
                     "已完成 {done} / {total} 步（先汇总内容，再写入文件）"),
    "verdicts": ("verdicts of {done} of {total} indicators worked out",
                 "已评价 {done} / {total} 项指标"),
})
