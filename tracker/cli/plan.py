"""The plan: its indicators, their targets, and where each stands."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import click
from pydantic import ValidationError

from tracker import plan_text, text_format
from tracker import status as report_status
from tracker.cli import stream
from tracker.cli.common import (
    FORMAT,
    TrackerGroup,
    common_options,
    emit_rows,
    settings,
    year_option,
)
from tracker.errors import invalid, refused
from tracker.i18n import name_of, pick
from tracker.i18n.cli import CLI
from tracker.i18n.codes import choice
from tracker.i18n.punctuation import colon
from tracker.models import (
    ATTRIBUTES,
    DIRECTIONS,
    DISTRICT_IDS,
    MILESTONE_STATES,
    TARGET_TYPES,
    UNNUMBERED_TYPES,
    VALUES_AS,
    Indicator,
)
from tracker.numbers import parse_quantity, parse_tolerance, parse_year


@click.command()
@common_options
@FORMAT
@click.option("--district", type=click.Choice(DISTRICT_IDS))
@click.option("--retired", is_flag=True, help="Include retired indicators.")
def indicators(fmt: str, district: str | None, retired: bool) -> None:
    """The plan's indicators with their baselines and targets."""
    s = settings()
    if fmt != "table":
        # a province's plan goes out a page at a time, read as one state of the file
        with s.open() as store, store.reading():
            from tracker.store import INDICATOR_FIELDS, INDICATOR_FLOAT_AT

            if fmt == "json":
                stream.json_array(store.indicator_dict_pages(district, with_retired=retired))
            else:
                stream.csv_rows(store.indicator_row_pages(district, with_retired=retired),
                                INDICATOR_FIELDS, INDICATOR_FLOAT_AT)
        return
    with s.open() as store:
        inds = store.indicators(district, with_retired=retired)
    rows = [i.model_dump(mode="json") for i in inds]
    if fmt == "table":
        for r, i in zip(rows, inds, strict=True):
            r["name"] = name_of(i, s.lang)
            r["baseline"] = text_format.fmt_point(i.baseline_value, i.baseline_year)
            r["target"] = text_format.fmt_point(i.target_value, i.target_year)
        emit_rows(rows, ["id", "district", "name", "unit", "direction", "baseline", "target"], fmt)
    else:
        emit_rows(rows, list(rows[0]) if rows else ["id"], fmt)


@click.group(cls=TrackerGroup)
@common_options
def indicator() -> None:
    """Add, edit, retire or bring back an indicator."""


@indicator.command("add")
@common_options
@click.option("--district", required=True, type=click.Choice(DISTRICT_IDS))
@click.option("--id", "indicator_id", required=True, help="Short id: lowercase, digits, - and _.")
@click.option("--name-zh", required=True)
@click.option("--name-en", required=True)
@click.option("--unit", required=True)
@click.option("--direction", required=True, type=click.Choice(DIRECTIONS))
@click.option("--attribute", required=True, type=click.Choice(ATTRIBUTES))
@click.option(
    "--type", "target_type", type=click.Choice(TARGET_TYPES), default="level", show_default=True
)
@click.option("--band", help="For --type maintain: how far from the target still holds.")
@click.option("--values-as", type=click.Choice(VALUES_AS),
              help="For growth_rate and reduction: values entered as the level or yearly rates.")
@click.option("--department", default="")
@click.option("--notes", default="")
def indicator_add(indicator_id: str, band: str | None, **fields: Any) -> None:
    """Add an indicator to a district."""
    s = settings()
    from tracker.models import Indicator

    try:
        ind = Indicator(
            id=indicator_id, band=parse_quantity(band, fields["unit"]) if band else None, **fields
        )
    except ValidationError as e:
        raise invalid(e) from None
    with s.open() as store:
        store.add_indicator(ind)
    click.echo(CLI.text("indicator_added", s.lang, id=ind.id))


@indicator.command("retire")
@common_options
@click.argument("indicator_id")
def indicator_retire(indicator_id: str) -> None:
    """Retire an indicator: it leaves the plan, its history stays."""
    s = settings()
    with s.open() as store:
        store.retire_active_indicator(indicator_id)
    click.echo(CLI.text("indicator_retired", s.lang, id=indicator_id))


@click.group(cls=TrackerGroup)
@common_options
def target() -> None:
    """Set an indicator's target (and baseline)."""


@target.command("set")
@common_options
@click.argument("indicator_id")
@click.option("--value", help="Target value, e.g. 78, 1,200 or 6.5万 (none for milestone, monitor).")
@click.option("--year", required=True, help="Target year, e.g. 2025.")
@click.option("--baseline-value")
@click.option("--baseline-year")
@click.option("--baseline-achievement", help="Take the baseline from this achievement.")
@click.option("--direction", type=click.Choice(DIRECTIONS))
@click.option("--attribute", type=click.Choice(ATTRIBUTES))
@click.option("--type", "target_type", type=click.Choice(TARGET_TYPES))
@click.option("--values-as", type=click.Choice(VALUES_AS))
@click.option("--band")
@click.option("--department")
def target_set(indicator_id: str, **opts: Any) -> None:
    """Set the target of INDICATOR_ID; everything is checked before anything is saved."""
    s = settings()
    with s.open() as store:
        old = store.indicator(indicator_id)
        unit = old.unit
        kind = opts["target_type"] or old.target_type
        changes: dict[str, Any] = {
            "target_value": None if opts["value"] is None else parse_quantity(opts["value"], unit),
            "target_year": parse_year(opts["year"]),
        }
        if kind == "milestone" and opts["baseline_value"] is None:
            # a milestone has no numbers: a baseline kept from another kind goes with them
            changes |= {"baseline_value": None}
            if opts["baseline_year"] is None and old.target_type != "milestone":
                changes["baseline_year"] = None
        if kind not in ("growth_rate", "reduction") and opts["values_as"] is None:
            changes["values_as"] = None
        if opts["baseline_achievement"]:
            v, y = store.baseline_from_achievement(opts["baseline_achievement"], unit)
            changes |= {
                "baseline_achievement": opts["baseline_achievement"],
                "baseline_value": v,
                "baseline_year": y,
            }
        if opts["baseline_value"] is not None:
            changes["baseline_value"] = parse_quantity(opts["baseline_value"], unit)
        if opts["baseline_year"] is not None:
            changes["baseline_year"] = parse_year(opts["baseline_year"])
        if opts["band"] is not None:
            changes["band"] = parse_quantity(opts["band"], unit)
        for key in ("direction", "attribute", "target_type", "department", "values_as"):
            if opts[key] is not None:
                changes[key] = opts[key]
        if kind == "reduction" and opts["direction"] is None:
            changes["direction"] = "decrease"
        if changes["target_value"] is None and kind not in UNNUMBERED_TYPES:
            raise refused("target_value", *CLI["target_value_missing"])
        ind = store.update_indicator(indicator_id, changes)
    click.echo(CLI.text("target_set", s.lang, id=ind.id, target=_target_said(ind, s.lang)))


def _target_said(ind: Indicator, lang: str) -> str:
    """The target as it was stored, in its kind's terms: a level with every digit and its
    unit (1,234,567.891234 户), a rate as the plan table prints it (年均增长 7%), a
    milestone or a monitored row by its year."""
    if ind.target_type == "monitor":
        return f"{plan_text.text('monitor', lang)} ({ind.target_year})"
    if ind.target_value is None or plan_text.printed_target(ind, lang) is not None:
        return plan_text.target_cell(ind, lang)
    figure = text_format.exact_num(ind.target_value, grouped=True)
    if ind.unit:
        figure += pick((f" {ind.unit}", ind.unit), lang)
    return f"{figure} ({ind.target_year})"


@target.command("year")
@common_options
@click.argument("indicator_id")
@click.option("--year", required=True, help="A year of the plan period.")
@click.option("--value", required=True, help="That year's target, in the terms values are entered.")
def target_year(indicator_id: str, year: str, value: str) -> None:
    """Set one year's target of INDICATOR_ID (年度目标分解)."""
    s = settings()
    with s.open() as store:
        unit = store.indicator(indicator_id).unit
        t = store.set_annual_target(indicator_id, parse_year(year),
                                    parse_quantity(value, unit))
    click.echo(CLI.text("annual_target_set", s.lang, id=indicator_id, year=t.year,
                        value=text_format.exact_num(t.value, grouped=True)))


@click.group(cls=TrackerGroup)
@common_options
def milestone() -> None:
    """Record where a milestone stands."""


@milestone.command("set")
@common_options
@click.argument("indicator_id")
@click.option("--state", required=True, type=click.Choice(MILESTONE_STATES))
@click.option("--date", help="When it got there, YYYY-MM-DD, within the plan's years.")
@click.option("--evidence", help="What shows it: a document, a notice.")
def milestone_set(indicator_id: str, state: str, date: str | None, evidence: str | None
                  ) -> None:
    """Set the state of the milestone INDICATOR_ID."""
    s = settings()
    with s.open() as store:
        ind = store.set_milestone(indicator_id, state, date, evidence)
    state_text = choice("milestone_state", ind.milestone_state or state, s.lang)
    date_text = f" ({ind.milestone_date})" if ind.milestone_date else ""
    click.echo(f"{ind.id}{colon(s.lang)}{state_text}{date_text}")


@click.command()
@common_options
@click.option("--district", type=click.Choice(DISTRICT_IDS))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--tolerance",
              help="Schedule tolerance, a share between 0 and 0.5 (default: the saved setting).")
@click.option("--as-of", "as_of", callback=year_option,
              help="Read the verdicts at this review year (default: the saved setting).")
@click.option("--department", help="Only the indicators of this department (责任单位).")
def status(district: str | None, fmt: str, tolerance: str | None, as_of: int | None,
           department: str | None) -> None:
    """Each indicator's progress and both verdicts, with a roll-up per district."""
    s = settings()
    tol = None if tolerance is None else parse_tolerance(tolerance)
    with s.open() as store:
        if department is not None:
            department = store.department_name(department)
        if as_of is not None:
            store.check_review_year(as_of)
        if tol is None and as_of is None:
            # the verdicts kept current in the status table, a page at a time and as one
            # state of the file: a province's plan is written as it is read
            with store.reading():
                _stream_status(store, district, department, fmt, s.lang)
            return
        # what if the tolerance or the review year were different: every verdict
        # worked out afresh
        year = report_status.SAVED if as_of is None else as_of
        states = [st.state() for st in report_status.statuses(
            store, district, tol, review_year=year, department=department)]
        districts = store.districts()
        departments = store.department_names()
    if fmt == "json":
        click.echo(json.dumps([report_status.state_json(st, s.lang) for st in states],
                              ensure_ascii=False,
                              indent=2))
        return
    click.echo(report_status.status_text(states, districts, s.lang, departments))


def _stream_status(store: Any, district: str | None, department: str | None, fmt: str,
                   lang: str) -> None:
    def pages(d: str | None) -> Iterator[list]:
        for rows in store.plain_state_pages(d):
            page = report_status.plain_states(rows)
            yield page if department is None else [
                st for st in page if st.indicator.department == department]

    if fmt == "json":
        # the department is the 13th of the plain fields (PLAIN_STATE_FIELDS)
        stream.json_items(report_status.state_json_items(
            page if department is None else [
                st for st in page if (st[12] if isinstance(st, tuple)
                                      else st.indicator.department) == department], lang)
            for page in store.plain_state_pages(district))
        return
    districts = store.districts()
    if district is not None:
        districts = [d for d in districts if d.id == district]
    for piece in report_status.status_pieces(districts, pages, lang,
                                             store.department_names()):
        click.echo(piece, nl=False)
    click.echo()
