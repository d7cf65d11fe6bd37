"""Actual values: recorded one at a time, or imported from a file."""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from tracker import text_format
from tracker.cli.common import (
    FORMAT,
    TrackerGroup,
    common_options,
    counted_on_terminal,
    emit_rows,
    settings,
)
from tracker.errors import invalid
from tracker.i18n.cli import CLI
from tracker.i18n.void import VOID
from tracker.models import QUALITIES
from tracker.numbers import parse_quantity, parse_year


@click.group(cls=TrackerGroup)
@common_options
def measure() -> None:
    """Record actual values."""


@measure.command("add")
@common_options
@click.argument("indicator_id")
@click.option("--year", required=True)
@click.option("--value", required=True, help="e.g. 75.2, 1,234 or 6.5万.")
@click.option("--date", help="Date within the year, YYYY-MM-DD.")
@click.option("--source", default="")
@click.option("--quality", type=click.Choice(QUALITIES), default="final", show_default=True)
@click.option("--note", default="")
def measure_add(indicator_id: str, year: str, value: str, **opts: Any) -> None:
    """Record a value of INDICATOR_ID for a year."""
    s = settings()
    from tracker.models import Measurement

    with s.open() as store:
        unit = store.indicator(indicator_id).unit
        try:
            m = Measurement(
                indicator=indicator_id,
                year=parse_year(year),
                value=parse_quantity(value, unit),
                **opts,
            )
        except ValidationError as e:
            raise invalid(e) from None
        m = store.add_measurement(m)
    click.echo(CLI.text("value_recorded", s.lang, id=indicator_id, year=m.year,
                        value=text_format.exact_num(m.value, grouped=True), unit=unit))


@measure.command("list")
@common_options
@FORMAT
@click.argument("indicator_id")
def measure_list(fmt: str, indicator_id: str) -> None:
    """Every value recorded for INDICATOR_ID, superseded and voided ones included."""
    s = settings()
    with s.open() as store:
        history = store.value_history(indicator_id)
    rows = []
    for r in history:
        void = None if r.void is None else r.void.model_dump(mode="json")
        row = r.value.model_dump(mode="json")
        if fmt == "json":
            # null while the value is in force
            row["voided"] = void
        else:
            # a flat row: `voided` holds when, empty while the value is in force
            row |= {"voided": void and void["at"], "voided_by": void and void["by"],
                    "void_reason": void and void["reason"]}
        rows.append(row)
    emit_rows(rows, ["id", "year", "value", "quality", "voided", "voided_by", "void_reason",
                     "source", "note", "actor", "recorded_at"], fmt)


@measure.command("void")
@common_options
@click.argument("indicator_id")
@click.argument("value_id", type=int)
@click.option("--reason", required=True, help="Why the value no longer counts.")
def measure_void(indicator_id: str, value_id: int, reason: str) -> None:
    """Void value VALUE_ID of INDICATOR_ID (see `measure list`): it stays in the history,
    and no verdict reads it again. Nothing is deleted."""
    s = settings()
    with s.open() as store:
        voided = store.void_value(indicator_id, value_id, reason)
    m = voided.value
    click.echo(VOID.text("voided", s.lang, id=indicator_id, value_id=m.id, year=m.year,
                         value=text_format.exact_num(m.value, grouped=True),
                         reason=voided.void.reason if voided.void else reason))


@measure.command("revise")
@common_options
@click.argument("indicator_id")
@click.argument("value_id", type=int)
@click.option("--value", required=True, help="The right value, e.g. 75.2, 1,234 or 6.5万.")
@click.option("--reason", required=True, help="Why the value is revised.")
@click.option("--source", default=None, help="Where the right value is from (else the old one's).")
@click.option("--note", default="")
def measure_revise(indicator_id: str, value_id: int, value: str, reason: str,
                   source: str | None, note: str) -> None:
    """Revise value VALUE_ID of INDICATOR_ID: it is voided, and VALUE recorded for the
    same year as revised, in one step."""
    s = settings()
    with s.open() as store:
        unit = store.indicator(indicator_id).unit
        number = parse_quantity(value, unit)
        old, new = store.revise_value(indicator_id, value_id, number, reason, source, note)
    click.echo(VOID.text("revised", s.lang, id=indicator_id, value_id=old.value.id,
                         year=new.year,
                         old=text_format.exact_num(old.value.value, grouped=True),
                         value=f"{text_format.exact_num(new.value, grouped=True)} {unit}".strip(),
                         new_id=new.id))


@click.command("import")
@common_options
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
def import_cmd(file: Path, dry_run: bool) -> None:
    """Import targets and values from an exported csv, xlsx or json file: all or nothing."""
    from tracker import importer

    s = settings()
    with s.open() as store:
        # the file read is let go once planned: a province's is tens of megabytes
        plan = importer.plan_import(store, importer.read_import(file),
                                    counted_on_terminal("rows_checked", s.lang))
        # a dry run lists every change (for a pipe or a file); an import that goes ahead
        # shows a sample, then applies
        lines = importer.describe_lines(
            plan, s.lang, None if dry_run else text_format.SHOWN_PER_KIND)
        # written as made, a few thousand lines at a time: every change of a province's
        # snapshot is a million lines, too many to hold as one text
        while batch := list(islice(lines, 5_000)):
            click.echo("\n".join(batch))
        if dry_run:
            return
        changed = importer.apply_import(store, plan, counted_on_terminal("verdicts", s.lang),
                                        counted_on_terminal("values_written", s.lang))
    if changed:
        click.echo(CLI.text("imported", s.lang))
