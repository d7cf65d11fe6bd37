"""The article's achievements and their quality flags."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tracker.cli.common import FORMAT, TrackerGroup, common_options, emit_rows, settings
from tracker.i18n import name_of
from tracker.i18n.cli import CLI
from tracker.i18n.quality import period_mark
from tracker.store import ArticleRecord

if TYPE_CHECKING:
    from tracker.store import Store


@click.command()
@common_options
@FORMAT
@click.option("--flagged", is_flag=True, help="Only figures with an open quality flag.")
@click.option("--theme", help="Only this theme (its id).")
def achievements(fmt: str, flagged: bool, theme: str | None) -> None:
    """The article's five-year achievements, each with its source sentence."""
    s = settings()
    with s.open_part(ArticleRecord) as store:
        rows = achievement_rows(store, s.lang, theme=theme, flagged_only=flagged)
    columns = [
        "id",
        "theme",
        "title_zh",
        "title_en",
        "value",
        "unit",
        "period",
        "period_basis",
        "scope",
        "kind",
        "source_quote",
        "flags",
    ]
    if fmt == "table":
        # "~" marks a period read into the text rather than printed in it
        columns = ["id", "title", "value", "unit", "period_shown", "flags"]
    emit_rows(rows, columns, fmt)


def achievement_rows(
    store: ArticleRecord | Store, lang: str, theme: str | None = None, flagged_only: bool = False
) -> list[dict]:
    flags = store.flags()
    rows = []
    for a in store.achievements(theme):
        fl = flags.get(a.id, [])
        if flagged_only and not fl:
            continue
        rows.append(
            {
                "id": a.id,
                "theme": a.theme,
                "title_zh": a.title_zh,
                "title_en": a.title_en,
                "title": name_of(a, lang),
                "value": None if a.value is None else format(a.value, "f"),
                "unit": a.unit,
                "qualifier": a.qualifier,
                "period": a.period,
                "period_basis": a.period_basis,
                "period_inferred": a.period_inferred,
                "period_shown": period_mark(a.period, a.period_inferred),
                "scope": a.scope,
                "kind": a.kind,
                "source_quote": a.source_quote,
                "flags": [
                    {"code": f.code, "severity": f.severity, "message": f.message(lang),
                     "manual": f.manual} for f in fl
                ],
            }
        )
    return rows


@click.group(cls=TrackerGroup)
@common_options
def flag() -> None:
    """Add or clear a quality flag on an achievement."""


@flag.command("add")
@common_options
@click.argument("achievement_id")
@click.option("--note", required=True, help="Why the figure is suspect.")
def flag_add(achievement_id: str, note: str) -> None:
    s = settings()
    with s.open() as store:
        f = store.add_flag(achievement_id, note)
    click.echo(f"{achievement_id}: {f.message(s.lang)}")


@flag.command("clear")
@common_options
@click.argument("achievement_id")
@click.argument("code")
@click.option("--note", default="", help="Why it no longer applies.")
def flag_clear(achievement_id: str, code: str, note: str) -> None:
    """Clear flag CODE (a rule's code, or manual / manual:ID) on ACHIEVEMENT_ID."""
    s = settings()
    with s.open() as store:
        store.clear_flag(achievement_id, code, note)
    click.echo(CLI.text("flag_cleared", s.lang, id=achievement_id, code=code))
