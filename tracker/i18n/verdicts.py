"""The verdicts' names, wherever one is shown. Their codes are tracker.progress's."""

from __future__ import annotations

from tracker.i18n import Catalog

VERDICTS = Catalog({
    # the schedule reading
    "achieved": ("achieved early", "提前实现"),
    "ahead": ("ahead", "快于预期"),
    "on_schedule": ("on schedule", "基本符合预期"),
    "lagging": ("lagging", "滞后"),
    "no_data": ("no data", "暂无数据"),
    # the growth-rate reading
    "target_achieved": ("target achieved", "已实现目标"),
    "on_track": ("on track", "有望按期实现"),
    "acceleration_needed": ("acceleration needed", "需加快推进"),
    "limited_progress": ("limited progress", "进展有限"),
    "deterioration": ("deterioration", "出现倒退"),
    # either reading, of a row with no numeric target
    "monitoring": ("monitoring", "监测"),
    # either reading, of a row whose target the planners have not set yet
    "to_be_set": ("to be set up", "待设定"),
})


def verdict_label(code: str, lang: str) -> str:
    return VERDICTS.text(code, lang)
