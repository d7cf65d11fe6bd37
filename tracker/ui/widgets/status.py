"""The two verdicts of an indicator, as text: a label that reads without colour, and why."""

from __future__ import annotations

from rich.text import Text

from tracker import plan_text, text_format
from tracker.i18n.punctuation import colon, semicolon
from tracker.i18n.ui import reason, tr
from tracker.status import IndicatorStatus
from tracker.ui import format as fmt


def verdict_details(st: IndicatorStatus, lang: str) -> tuple[str, str]:
    """One line each on how the schedule and the growth verdicts were reached."""
    sch, gr = st.schedule, st.growth
    s_parts, g_parts = [], []
    if sch.progress_share is not None or sch.time_share is not None:
        s_parts.append(
            tr(
                "progress_detail",
                lang,
                p=text_format.share(sch.progress_share) or "—",
                s=text_format.share(sch.time_share) or "—",
            )
        )
    if sch.reason:
        s_parts.append(reason(sch.reason, lang))
    if gr.ratio is not None:
        if gr.method == "linear":
            # a straight line's pace is an amount of the unit a year, never a percentage
            unit = st.indicator.unit
            a, q = (plan_text.pace(gr.actual_rate, unit, lang),
                    plan_text.pace(gr.required_rate, unit, lang))
            key = "growth_detail_linear"
        else:
            a = "—" if gr.actual_rate is None else f"{gr.actual_rate:.2%}"
            q = "—" if gr.required_rate is None else f"{gr.required_rate:.2%}"
            key = "growth_detail"
        g_parts.append(tr(key, lang, r=text_format.ratio_text(gr.ratio), a=a, q=q,
                          m=tr(f"method_{gr.method}", lang)))
    if gr.reason:
        g_parts.append(reason(gr.reason, lang))
    sep = semicolon(lang)
    return sep.join(s_parts), sep.join(g_parts)


def status_block(st: IndicatorStatus, lang: str) -> Text:
    """The two verdicts, each with its label (readable without colour) and its reasons."""
    s_detail, g_detail = verdict_details(st, lang)
    sep = colon(lang)
    text = Text()
    text.append(tr("schedule", lang) + sep, style="bold")
    text.append_text(fmt.verdict_text(st.schedule.verdict, lang))
    if s_detail:
        text.append(f" — {s_detail}")
    text.append("\n")
    text.append(tr("growth", lang) + sep, style="bold")
    text.append_text(fmt.verdict_text(st.growth.verdict, lang))
    if g_detail:
        text.append(f" — {g_detail}")
    return text
