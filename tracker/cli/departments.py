"""The departments (责任单位): the list planners keep, and what each owes."""

from __future__ import annotations

import click

from tracker.cli.common import FORMAT, TrackerGroup, common_options, emit_rows, settings
from tracker.i18n import name_of
from tracker.i18n.review_year import DEPARTMENTS


@click.group(cls=TrackerGroup, invoke_without_command=True)
@common_options
@FORMAT
@click.pass_context
def departments(ctx: click.Context, fmt: str) -> None:
    """The departments, each with its indicators, how many lag and how many are overdue."""
    if ctx.invoked_subcommand is not None:
        return
    s = settings()
    with s.open() as store:
        found = store.department_counts()
    rows = [{"name": name_of(c.department, s.lang), "name_zh": c.department.name_zh,
             "name_en": c.department.name_en, "contact": c.department.contact,
             "indicators": c.indicators, "lagging": c.lagging, "overdue": c.overdue}
            for c in found]
    if fmt == "table":
        head = ["name", "contact", "indicators", "lagging", "overdue"]
        labels = {"name": DEPARTMENTS.text("title", s.lang)} | {
            k: DEPARTMENTS.text(k, s.lang) for k in head[1:]}
        emit_rows([{labels[k]: r[k] for k in head} for r in rows],
                  [labels[k] for k in head], fmt)
    else:
        emit_rows(rows, ["name_zh", "name_en", "contact", "indicators", "lagging", "overdue"],
                  fmt)


@departments.command("add")
@common_options
@click.option("--name-zh", required=True, help="The department's Chinese name.")
@click.option("--name-en", required=True, help="Its English name.")
@click.option("--contact", default="", help="Who to ask: a person, a phone number.")
def departments_add(name_zh: str, name_en: str, contact: str) -> None:
    """Add a department to the list planners pick from."""
    s = settings()
    with s.open() as store:
        dep = store.add_department(name_zh, name_en, contact)
    click.echo(DEPARTMENTS.text("added", s.lang, name=name_of(dep, s.lang)))
