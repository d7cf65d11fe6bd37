"""Looking after the database: its check, backups, settings and the log of changes."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import click

from tracker import text_format
from tracker.cli.common import (
    FORMAT,
    common_options,
    emit_rows,
    fail,
    fail_with,
    settings,
    year_option,
)
from tracker.i18n import name_of
from tracker.i18n.cli import CLI
from tracker.i18n.codes import field_label, field_value
from tracker.i18n.quality import SEVERITY
from tracker.i18n.review_year import REVIEW_YEAR
from tracker.store import LogRows


@click.command()
@common_options
def check() -> None:
    """Check the database file and list the figures flagged as suspect."""
    # loaded here: the other commands of this module need neither
    from tracker.models import SEVERITIES
    from tracker.store import ArticleRecord

    s = settings()
    with s.open_part(ArticleRecord) as store:
        problems = store.integrity_problems()
        if problems:
            fail(CLI.text("db_damaged", s.lang, problems="; ".join(problems)[:300]))
        flags = store.flags()
        titles = {a.id: name_of(a, s.lang) for a in store.achievements()}
    click.echo(CLI.text("db_ok", s.lang))
    count = sum(len(v) for v in flags.values())
    click.echo(CLI.text("flag_count", s.lang, count=count))
    # the figures that cannot be right first, then those to verify with the source
    for severity in SEVERITIES:
        found = [(aid, f) for aid, fl in flags.items() for f in fl if f.severity == severity]
        if not found:
            continue
        click.echo(SEVERITY.text(f"{severity}_head", s.lang, n=len(found)))
        for aid, f in found:
            click.echo(f"  {aid} {titles.get(aid, '')} [{f.code}] {f.message(s.lang)}")


@click.command("settings")
@common_options
@click.option("--tolerance", help="Schedule tolerance, a share between 0 and 0.5 (e.g. 0.05).")
@click.option("--review-year", callback=year_option,
              help="The year whose values are due: verdicts are read at it, missing values"
                   " up to it are overdue.")
@click.option("--clear-review-year", is_flag=True,
              help="Read the verdicts as today again, with no review year.")
def settings_cmd(tolerance: str | None, review_year: int | None, clear_review_year: bool
                 ) -> None:
    """Show or change the database's settings."""
    from tracker.numbers import parse_tolerance

    s = settings()
    if review_year is not None and clear_review_year:
        fail_with(REVIEW_YEAR.text("both", s.lang), s.lang)
    with s.open() as store:
        if tolerance is not None:
            store.set_tolerance(parse_tolerance(tolerance))
        if review_year is not None or clear_review_year:
            store.set_review_year(review_year)
        click.echo(f"{field_label('tolerance', s.lang)} = {store.tolerance():g}")
        year = store.review_year()
    click.echo(REVIEW_YEAR.text("unset", s.lang) if year is None
               else REVIEW_YEAR.text("setting", s.lang, year=year))


@click.command()
@common_options
@click.option("--output", type=click.Path(path_type=Path),
              help="Backup file (default: beside the database, with the time in its name).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def backup(output: Path | None, force: bool) -> None:
    """A consistent copy of the database, safe to take while others are working."""
    s = settings()
    with s.open() as store:
        if output is None:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            output = store.path.with_name(f"{store.path.stem}-backup-{stamp}.db")
        dest = store.backup(output, force=force)
    click.echo(CLI.text("backed_up", s.lang, path=dest))


@click.command()
@common_options
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(source: Path, yes: bool) -> None:
    """Replace the database with a backup (the current content is kept in a .bak file)."""
    s = settings()
    with s.open() as store:
        if not yes:
            question = CLI.text("restore_ask", s.lang, db=store.path, source=source)
            try:
                agreed = click.confirm(question, default=False, err=True)
            except click.Abort as e:
                if isinstance(e.__context__, KeyboardInterrupt):
                    click.echo(err=True)  # off the question's line
                    raise KeyboardInterrupt from None  # said and exited as everywhere
                agreed = False  # no answer (no terminal) is a no
            if not agreed:
                fail(CLI.text("restore_cancelled", s.lang))
        safety = store.restore_from(source)
    click.echo(CLI.text("restored", s.lang, path=safety))


@click.command()
@common_options
@click.option("--indicator", "indicator_id", help="Only changes to this indicator.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@FORMAT
def log(indicator_id: str | None, limit: int, fmt: str) -> None:
    """Who changed what, when, from what to what (newest first)."""
    s = settings()
    # the log alone reads plain rows (see log_rows); naming an indicator needs the plan
    with (s.open() if indicator_id is not None else s.open_part(LogRows)) as store:
        if indicator_id is not None:
            store.indicator(indicator_id)
        rows = store.log_rows(entity="indicator" if indicator_id else None,
                              entity_id=indicator_id, limit=limit)
    if fmt == "table":
        for r in rows:
            label = partial(field_label, lang=s.lang)
            show = partial(field_value, lang=s.lang)
            r["old"] = text_format.change_text(r["old"], label=label, show=show)
            r["new"] = text_format.change_text(r["new"], label=label, show=show)
    emit_rows(rows, ["at", "actor", "action", "entity", "entity_id", "old", "new"], fmt)
