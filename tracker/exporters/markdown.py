"""Markdown: a report a person reads, per district, with the suspect figures explained."""

from __future__ import annotations

from pathlib import Path

from tracker.exporters.table import (
    PLAN_COLUMNS,
    Rows,
    district_name,
    flagged,
    row,
    rows_of,
    verdict_counts,
)
from tracker.models import AchievementState, SnapshotContent
from tracker.report import GROWTH_VERDICTS, SCHEDULE_VERDICTS, fmt_num, share, verdict_label
from tracker.tally import Progress, Tally, unheard

# the plan table without the id, which means nothing to a reader; growth verdict added,
# since both readings are always shown together
QUALIFIERS = {"more_than": ("more than", "余"), "about": ("about", "左右"),
              "fewer_than": ("fewer than", "不到")}
SHOWN = [c for c in PLAN_COLUMNS if c.key != "id"]
GROWTH_HEADER = {"en": "Growth verdict", "zh": "增速评价"}

TEXT = {
    "title": ("Kaili five new districts: plan indicators", "凯里市“五新建设”规划指标"),
    "taken": ("Taken {at} by {actor}; schedule tolerance {tol}.",
              "快照时间 {at}，操作人 {actor}；时序容差 {tol}。"),
    "schedule": ("Schedule", "时序进度"),
    "growth": ("Growth", "增速"),
    "none": ("No indicators.", "暂无指标。"),
    "flagged": ("Suspect figures in the article", "存疑数据"),
    "no_flags": ("None.", "无。"),
}


def t(key: str, lang: str) -> str:
    en, zh = TEXT[key]
    return zh if lang == "zh" else en


def cell(value: object, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float | int) and kind == "share":
        return share(value)
    if isinstance(value, float | int) and kind == "number":
        return fmt_num(value)
    # a pipe would end the cell, a newline the row
    return str(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def counts_line(counter: dict, codes: tuple[str, ...], lang: str) -> str:
    sep = "，" if lang == "zh" else ", "
    return sep.join(f"{verdict_label(c, lang)} {counter[c]}" for c in codes if counter[c]) or "—"


def district_block(rows: Rows, lang: str, progress: Progress = unheard) -> list[str]:
    tally = Tally(rows.total, progress)
    header = [c.header(lang) for c in SHOWN] + [GROWTH_HEADER[lang]]
    colon = "：" if lang == "zh" else ": "
    out = []
    for d, plan in rows.districts:
        out += ["", f"## {district_name(d, lang)}", ""]
        if not plan:
            out.append(t("none", lang))
            continue
        sched, growth = verdict_counts(plan)
        out.append(f"- {t('schedule', lang)}{colon}{counts_line(sched, SCHEDULE_VERDICTS, lang)}")
        out.append(f"- {t('growth', lang)}{colon}{counts_line(growth, GROWTH_VERDICTS, lang)}")
        out += ["", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for r in plan:
            shown = row(r, lang)
            cells = [cell(shown[c.key], c.kind) for c in SHOWN]
            cells.append(verdict_label(r.growth_verdict, lang))
            out.append("| " + " | ".join(cells) + " |")
            tally.add()
    return out


def flag_block(items: list[AchievementState], lang: str) -> list[str]:
    out = ["", f"## {t('flagged', lang)}", ""]
    if not items:
        return [*out, t("no_flags", lang)]
    for item in items:
        a = item.achievement
        title = a.title_zh if lang == "zh" else a.title_en
        value = "" if a.value is None else f"{format(a.value, 'f')} {a.unit}".rstrip()
        if value and a.qualifier != "exact":
            value += f" ({QUALIFIERS[a.qualifier][1 if lang == 'zh' else 0]})"
        out.append(f"- **{cell(title, 'text')}** {value} ({a.period})")
        out += [f"  - {cell(f.message(lang), 'text')}" for f in item.flags]
        out.append(f"  > {cell(a.source_quote, 'text')}")
    return out


def render(content: SnapshotContent, lang: str, progress: Progress = unheard,
           rows: Rows | None = None) -> str:
    label = f" — {content.label}" if content.label else ""
    lines = [
        f"# {t('title', lang)}{label}",
        "",
        t("taken", lang).format(
            at=content.taken_at.strftime("%Y-%m-%d %H:%M %Z").strip(),
            actor=content.actor or "—",
            tol=share(content.tolerance),
        ),
    ]
    lines += district_block(rows or rows_of(content), lang, progress)
    lines += flag_block(flagged(content), lang)
    return "\n".join(lines) + "\n"


def write(content: SnapshotContent, path: Path, lang: str, progress: Progress = unheard,
          rows: Rows | None = None) -> None:
    path.write_text(render(content, lang, progress, rows), encoding="utf-8")

