"""`tracker indicator edit` and `tracker indicator restore`: an indicator kept right after
it was added."""

from __future__ import annotations

from typing import Any

import click

from tracker.cli.common import common_options, fail, fail_with, settings
from tracker.errors import NotFound
from tracker.i18n import name_of
from tracker.i18n.codes import field_label
from tracker.i18n.upkeep import EDIT
from tracker.models import ATTRIBUTES, DIRECTIONS, TARGET_TYPES
from tracker.numbers import parse_quantity
from tracker.store import Store
from tracker.units import UnitPlan, unit_line


@click.command("edit")
@common_options
@click.argument("indicator_id")
@click.option("--name-zh", help="The Chinese name.")
@click.option("--name-en", help="The English name.")
@click.option("--department",
              help="A department on the list, by its Chinese or English name ('' for none).")
@click.option("--notes")
@click.option("--attribute", type=click.Choice(ATTRIBUTES))
@click.option("--direction", type=click.Choice(DIRECTIONS))
@click.option("--type", "target_type", type=click.Choice(TARGET_TYPES))
@click.option("--band", help="For --type maintain: how far from the target still holds"
                             " ('' for none).")
@click.option("--unit", help="A new unit: figures already recorded are converted when the"
                             " two differ by 万 or 亿 (元 → 万元), else refused.")
@click.option("--yes", is_flag=True, help="Convert the figures without asking.")
def indicator_edit(indicator_id: str, yes: bool, **opts: Any) -> None:
    """Change an indicator's names, department, notes, kind or unit."""
    s = settings()
    lang = s.lang
    given = {k: v for k, v in opts.items() if v is not None}
    if not given:
        fail_with(EDIT.text("nothing_to_edit", lang), lang)
    with s.open() as store:
        old = store.indicator(indicator_id)
        changes = dict(given)
        if given.get("department", "").strip():
            changes["department"] = _department(store, given["department"], lang)
        elif "department" in given:
            changes["department"] = ""
        if "band" in given:
            unit = given.get("unit", old.unit)
            changes["band"] = parse_quantity(given["band"], unit) if given["band"].strip() \
                else None
        if "unit" in given and not old.retired:
            plan = store.unit_plan(indicator_id, given["unit"])
            if plan.converts and not _agreed(plan, yes, lang):
                fail(EDIT.text("not_saved", lang))
        new = store.edit_indicator(indicator_id, changes, expected_version=old.version)
    if new.version == old.version:
        click.echo(EDIT.text("unchanged", lang, id=new.id))
        return
    before, after = old.model_dump(), new.model_dump()
    changed = [k for k in before if before[k] != after[k] and k != "version"]
    click.echo(EDIT.text("edited", lang, id=new.id,
                         fields=EDIT.text("sep", lang).join(field_label(k, lang)
                                                            for k in changed)))


def _department(store: Store, text: str, lang: str) -> str:
    """The department named, on the list by its Chinese or English name; else refused
    with the names on the list."""
    try:
        return store.department_name(text)
    except NotFound:
        names = [name_of(d, lang) for d in store.departments()]
        if not names:
            fail_with(EDIT.text("no_departments", lang, name=text.strip()), lang)
        fail_with(EDIT.text("no_department", lang, name=text.strip(),
                            choices=EDIT.text("sep", lang).join(names)), lang)
        raise  # not reached: refusing exits


def _agreed(plan: UnitPlan, yes: bool, lang: str) -> bool:
    """Say what the unit change does to the figures, and ask (unless --yes)."""
    click.echo(unit_line(plan, lang))
    if yes:
        return True
    try:
        return click.confirm(EDIT.text("ask", lang), default=False, err=True)
    except click.Abort as e:
        if isinstance(e.__context__, KeyboardInterrupt):
            click.echo(err=True)
            raise KeyboardInterrupt from None
        return False  # no answer (no terminal) is a no


@click.command("restore")
@common_options
@click.argument("indicator_id")
def indicator_restore(indicator_id: str) -> None:
    """Bring a retired indicator back into the plan, its values and history as they were."""
    s = settings()
    with s.open() as store:
        store.restore_indicator(indicator_id)
    click.echo(EDIT.text("restored", s.lang, id=indicator_id))
