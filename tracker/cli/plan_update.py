"""`tracker plan update`: the starter plan reaching an existing database as an offer."""

from __future__ import annotations

import click

from tracker.cli.common import TrackerGroup, common_options, fail, settings
from tracker.errors import TrackerError
from tracker.i18n import name_of
from tracker.i18n.codes import choice, field_label
from tracker.i18n.plan_update import PLAN_UPDATE
from tracker.i18n.punctuation import colon, comma
from tracker.plan_update import Offer
from tracker.seed import DataError, load_dataset
from tracker.text_format import fmt_num

# the order the offer is listed in, and its marks
SECTIONS = (("add", "+"), ("retype", "~"), ("update", "~"), ("retire", "-"))
# fields listed with their old and new value, so a planner sees what a baseline would become
SHOWN = {"baseline_value": fmt_num, "baseline_year": lambda y: "" if y is None else str(y)}


@click.group(cls=TrackerGroup)
@common_options
def plan() -> None:
    """The plan as a whole: bring the starter plan to an existing database."""


def offer_lines(o: Offer, lang: str) -> list[str]:
    t = PLAN_UPDATE.text
    out = [t("heading", lang)]
    sep, said = comma(lang), colon(lang)
    for action, mark in SECTIONS:
        mine = [c for c in o.changes if c.action == action]
        if not mine:
            continue
        out.append(t(action, lang, n=len(mine)))
        for c in mine:
            ind = c.indicator
            line = f"  {mark} {ind.id} {name_of(ind, lang)}"
            if action == "add":
                line += f" · {choice('target_type', ind.target_type, lang)}" \
                        f" · {choice('attribute', ind.attribute, lang)}"
            elif action != "retire":
                parts = []
                if "target_type" in c.fields:
                    old, new = c.fields["target_type"]
                    parts.append(t("kind_change", lang, old=choice("target_type", old, lang),
                                   new=choice("target_type", new, lang)))
                for f, (old, new) in c.fields.items():
                    if f in SHOWN:
                        parts.append(t("field_change", lang, field=field_label(f, lang),
                                       old=SHOWN[f](old) or "—", new=SHOWN[f](new) or "—"))
                    elif f != "target_type":
                        parts.append(field_label(f, lang))
                line += f"{said}{sep.join(parts)}"
            out.append(line)
    if o.districts:
        out.append(t("districts", lang, n=len(o.districts)))
        out += [f"  ~ {d.district.id} {name_of(d.district, lang)}{said}"
                f"{sep.join(field_label(f, lang) for f in d.fields)}" for d in o.districts]
    if o.departments:
        out.append(t("departments", lang, n=len(o.departments)))
        out += [f"  ~ {d.name_zh} → {d.name_en}" for d in o.departments]
    if o.kept:
        out.append(t("kept", lang, n=len(o.kept)))
        out += [f"  = {k.indicator.id} {name_of(k.indicator, lang)}{said}"
                f"{t('kept_' + k.why, lang, id=k.detail)}" for k in o.kept]
    return out


@plan.command("update")
@common_options
@click.option("--dry-run", is_flag=True, help="List what would change, and change nothing.")
@click.option("--yes", is_flag=True, help="Apply without asking.")
def plan_update(dry_run: bool, yes: bool) -> None:
    """Offer the starter plan to this database: add its new rows, retype or update the rows
    no planner has touched, retire the starter rows it no longer has. What planners entered
    is never changed."""
    s = settings()
    try:
        starter = load_dataset()
    except DataError as e:
        raise TrackerError("data_error", detail=str(e)) from None
    with s.open() as store:
        shown = store.plan_update_offer(starter)
        if shown.empty:
            click.echo(PLAN_UPDATE.text("up_to_date", s.lang))
            if shown.kept:
                click.echo("\n".join(offer_lines(shown, s.lang)[1:]))
            return
        click.echo("\n".join(offer_lines(shown, s.lang)))
        if dry_run:
            click.echo(PLAN_UPDATE.text("dry_run", s.lang))
            return
        if not yes:
            try:
                agreed = click.confirm(PLAN_UPDATE.text("ask", s.lang), default=False,
                                       err=True)
            except click.Abort as e:
                if isinstance(e.__context__, KeyboardInterrupt):
                    click.echo(err=True)  # off the question's line
                    raise KeyboardInterrupt from None
                agreed = False  # no answer (no terminal) is a no
            if not agreed:
                fail(PLAN_UPDATE.text("cancelled", s.lang))
        done = store.apply_plan_update(starter, shown)
    # an update that only renews district texts or names departments says so, not
    # "0 added, 0 updated" alone
    more = "".join(PLAN_UPDATE.text(key, s.lang, n=n) for key, n in (
        ("applied_districts", len(done.districts)),
        ("applied_departments", len(done.departments))) if n)
    click.echo(PLAN_UPDATE.text(
        "applied", s.lang, added=done.count("add"), retyped=done.count("retype"),
        updated=done.count("update"), retired=done.count("retire")) + more)
