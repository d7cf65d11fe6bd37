"""Markdown: a report a person reads, per district, with the suspect figures explained."""

from __future__ import annotations

from pathlib import Path

from tracker.formats.plan_table import (
    PLAN_COLUMNS,
    Rows,
    district_name,
    flagged,
    row,
    rows_of,
    verdict_counts,
)
from tracker.i18n import department_label, name_of
from tracker.i18n.exports import MARKDOWN, MARKDOWN_QUALIFIERS
from tracker.i18n.plan_rows import PLAN_ROWS
from tracker.i18n.punctuation import colon, comma, reasons
from tracker.i18n.quality import SCOPE, SEVERITY, period_text
from tracker.i18n.verdicts import verdict_label
from tracker.models import SEVERITIES, AchievementState, SnapshotContent
from tracker.progress import GROWTH_VERDICTS, MONITORING, SCHEDULE_VERDICTS, TO_BE_SET
from tracker.text_format import fmt_num, share
from tracker.work_counts import Progress, Tally, unheard

# the plan table without the id, which means nothing to a reader; the growth verdict
# last, beside the schedule's columns, since both readings are always shown together
SHOWN = [c for c in PLAN_COLUMNS if c.key not in ("id", "growth_label")]


def cell(value: object, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float | int) and kind == "share":
        return share(value)
    if isinstance(value, float | int) and kind == "number":
        return fmt_num(value)
    # a pipe would end the cell, a newline the row
    return str(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


SCHEDULE_ROWS = (*SCHEDULE_VERDICTS, MONITORING, TO_BE_SET)


def counts_line(counter: dict, codes: tuple[str, ...], lang: str) -> str:
    return comma(lang).join(f"{verdict_label(c, lang)} {counter[c]}" for c in codes if counter[c]) or "—"


def district_block(rows: Rows, lang: str, progress: Progress = unheard) -> list[str]:
    tally = Tally(rows.total, progress)
    header = [c.header(lang) for c in SHOWN] + [MARKDOWN.text("growth_header", lang)]
    sep = colon(lang)
    out = []
    for d, plan in rows.districts:
        out += ["", f"## {district_name(d, lang)}", ""]
        if not plan:
            out.append(MARKDOWN.text("none", lang))
            continue
        sched, growth = verdict_counts(plan)
        # every row counted, as `tracker status` counts them: monitored ones too
        out.append(f"- {MARKDOWN.text('schedule', lang)}{sep}{counts_line(sched, SCHEDULE_ROWS, lang)}")
        out.append(f"- {MARKDOWN.text('growth', lang)}{sep}{counts_line(growth, GROWTH_VERDICTS, lang)}")
        out += ["", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for r in plan:
            shown = row(r, lang)
            # a report, never read back: the department as its language names it
            shown["department"] = department_label(r.department, rows.departments, lang)
            cells = [cell(shown[c.key], c.kind) for c in SHOWN]
            cells.append(verdict_label(r.growth_verdict, lang))
            out.append("| " + " | ".join(cells) + " |")
            tally.add()
        # a verdict resting on a suspect baseline says so under the table
        notes = [PLAN_ROWS.text("flag_note", lang, name=cell(name_of(r, lang), "text"),
                                reasons=cell(reasons(
                                    (f.message(lang) for f in r.baseline_flags), lang), "text"))
                 for r in plan if r.baseline_flags]
        if notes:
            out += ["", *(f"- {n}" for n in notes)]
    return out


def flag_block(items: list[AchievementState], lang: str) -> list[str]:
    out = ["", f"## {MARKDOWN.text('flagged', lang)}", ""]
    if not items:
        return [*out, MARKDOWN.text("no_flags", lang)]
    # what cannot be right apart from what is to verify, each figure under each of its own
    for severity in SEVERITIES:
        these = [(item, [f for f in item.flags if f.severity == severity]) for item in items]
        these = [(item, flags) for item, flags in these if flags]
        if not these:
            continue
        out += [f"### {SEVERITY.text(f'{severity}_head', lang, n=len(these)).rstrip(':：')}", ""]
        for item, flags in these:
            a = item.achievement
            title = name_of(a, lang)
            value = "" if a.value is None else f"{format(a.value, 'f')} {a.unit}".rstrip()
            if value and a.qualifier != "exact":
                value += f" ({MARKDOWN_QUALIFIERS.text(a.qualifier, lang)})"
            period = period_text(a.period, a.period_basis, a.period_inferred, lang)
            scope = "" if a.scope == "city" else f" — {SCOPE.text(a.scope, lang)}"
            out.append(f"- **{cell(title, 'text')}** {value} · {cell(period, 'text')}{scope}")
            out += [f"  - {cell(f.message(lang), 'text')}" for f in flags]
            out.append(f"  > {cell(a.source_quote, 'text')}")
        out.append("")
    return out[:-1]


def render(content: SnapshotContent, lang: str, progress: Progress = unheard,
           rows: Rows | None = None) -> str:
    label = f" — {content.label}" if content.label else ""
    lines = [
        f"# {MARKDOWN.text('title', lang)}{label}",
        "",
        MARKDOWN.text("taken", lang).format(
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

