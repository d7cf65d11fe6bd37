"""The command line: headless commands, and `tracker` alone starts the UI.

--db, --user and --lang are accepted by `tracker` and by every subcommand, before or
after the subcommand's own options; the value nearest the command wins.
"""

from __future__ import annotations

import csv
import getpass
import io
import ipaddress
import json
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from click.exceptions import NoArgsIsHelpError
from platformdirs import user_data_dir
from pydantic import ValidationError

from tracker import report
from tracker.errors import TrackerError, invalid, refused
from tracker.models import (
    ATTRIBUTES,
    DIRECTIONS,
    DISTRICT_IDS,
    MILESTONE_STATES,
    QUALITIES,
    TARGET_TYPES,
    UNNUMBERED_TYPES,
    VALUES_AS,
)
from tracker.numbers import parse_quantity, parse_tolerance, parse_year
from tracker.store import Store
from tracker.tally import Progress, on_terminal
from tracker.usage_errors import lang_of, usage_line

ENV_DB = "TRACKER_DB"
ENV_LANG = "TRACKER_LANG"


def default_db_path() -> Path:
    folder = Path(user_data_dir("kaili-tracker", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "tracker.db"


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        ctx.find_root().meta[f"tracker.{param.name}"] = value
    return value


def common_options(f: Callable) -> Callable:
    f = click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        expose_value=False,
        callback=_remember,
        help=f"Language of labels and messages (else ${ENV_LANG}, else zh).",
    )(f)
    f = click.option(
        "--user",
        expose_value=False,
        callback=_remember,
        help="Who is making changes (else the OS user).",
    )(f)
    return click.option(
        "--db",
        type=click.Path(path_type=Path),
        expose_value=False,
        callback=_remember,
        help=f"Database file (else ${ENV_DB}, else the user data folder).",
    )(f)


class Settings:
    """What the common options resolve to for this invocation."""

    def __init__(self, ctx: click.Context) -> None:
        meta = ctx.find_root().meta
        self.db_path: Path | None = meta.get("tracker.db")
        self.user: str = meta.get("tracker.user") or _os_user()
        self.lang: str = meta.get("tracker.lang") or os.environ.get(ENV_LANG) or "zh"
        if self.lang not in ("zh", "en"):
            self.lang = "zh"

    def resolved_db(self) -> Path:
        if self.db_path is not None:
            return self.db_path
        if os.environ.get(ENV_DB):
            return Path(os.environ[ENV_DB])
        return default_db_path()

    def open(self) -> Store:
        return Store(self.resolved_db(), actor=self.user)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "unknown"


def settings() -> Settings:
    return Settings(click.get_current_context())


def counted_on_terminal(counting: str, lang: str) -> Progress:
    """Slow work's count on stderr, when that is a terminal (see tally.on_terminal)."""
    return on_terminal(counting, lang, sys.stderr)


def fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


def fail_with(message: str, lang: str) -> None:
    """An error line in the user's language, and exit status 1."""
    fail(("错误：" if lang == "zh" else "error: ") + message)


def _refuse_usage(e: click.UsageError, argv: list[str]) -> None:
    lang = lang_of(argv, ENV_LANG)
    fail_with(usage_line(e, lang), lang)


class TrackerGroup(click.Group):
    """Turns any TrackerError or mistyped command line below it into one line on stderr
    and exit status 1."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        if parent is not None:
            # a group below the root: the root's invoke refuses its mistakes, knowing the
            # whole line (--lang may come before this group's words)
            return super().make_context(info_name, args, parent, **extra)
        argv = list(args)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except NoArgsIsHelpError:
            raise
        except click.UsageError as e:
            _refuse_usage(e, argv)
            raise  # not reached: refusing exits
        # the whole line, for the language of a refusal further down
        ctx.meta["tracker.argv"] = argv
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except click.UsageError as e:
            _refuse_usage(e, ctx.find_root().meta.get("tracker.argv", []))
        except TrackerError as e:
            lang = Settings(ctx).lang
            fail_with(e.text(lang), lang)
        except ValidationError as e:
            lang = Settings(ctx).lang
            fail_with(invalid(e).text(lang), lang)
        except KeyboardInterrupt:
            # one line in the planner's language, not click's "Aborted!"; the store's
            # transaction and an export's temporary file were undone on the way out
            lang = Settings(ctx).lang
            click.echo(TrackerError("interrupted").text(lang), err=True)
            sys.exit(130)
        except BrokenPipeError:
            # the reader (head, less) went away: nothing left to say to it
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as e:
            fail_with(f"{e.strerror or e}: {e.filename or ''}", Settings(ctx).lang)
        return None


def _emit_rows(rows: list[dict], columns: list[str], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: _cell(r.get(k)) for k in columns})
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(report.text_table([[_cell(r.get(c)) for c in columns] for r in rows], columns))


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, list):
        return "; ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return v.get("message") or v.get("code") or json.dumps(v, ensure_ascii=False)
    return str(v)


FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)


@click.group(cls=TrackerGroup, invoke_without_command=True)
@common_options
# how `serve` keeps each browser session's exports and imports inside its folder
@click.option("--files-root", type=click.Path(path_type=Path), hidden=True)
@click.version_option(package_name="kaili-tracker")
@click.pass_context
def cli(ctx: click.Context, files_root: Path | None) -> None:
    """Kaili plan tracker: the five-year record and the five-district plan."""
    if ctx.invoked_subcommand is None:
        s = Settings(ctx)
        from tracker.ui.app import run_app  # textual loads only when the UI is wanted

        with s.open():  # fail fast, on the command line, if the file cannot be used
            pass
        run_app(s.resolved_db(), actor=s.user, lang=s.lang, files_root=files_root)


# -- achievements -------------------------------------------------------------------


@cli.command()
@common_options
@FORMAT
@click.option("--flagged", is_flag=True, help="Only figures with an open quality flag.")
@click.option("--theme", help="Only this theme (its id).")
def achievements(fmt: str, flagged: bool, theme: str | None) -> None:
    """The article's five-year achievements, each with its source sentence."""
    s = settings()
    with s.open() as store:
        rows = report.achievement_rows(store, s.lang, theme=theme, flagged_only=flagged)
    columns = [
        "id",
        "theme",
        "title_zh",
        "title_en",
        "value",
        "unit",
        "period",
        "kind",
        "source_quote",
        "flags",
    ]
    if fmt == "table":
        columns = ["id", "title", "value", "unit", "period", "flags"]
    _emit_rows(rows, columns, fmt)


@cli.command()
@common_options
def check() -> None:
    """Check the database file and list the figures flagged as suspect."""
    s = settings()
    zh = s.lang == "zh"
    with s.open() as store:
        problems = store.integrity_problems()
        if problems:
            fail(("数据库已损坏：" if zh else "database is damaged: ") + "; ".join(problems)[:300])
        flags = store.flags()
        titles = {a.id: (a.title_zh if zh else a.title_en) for a in store.achievements()}
    click.echo("数据库完好" if zh else "database integrity: ok")
    count = sum(len(v) for v in flags.values())
    click.echo(f"{count} 条质量标记：" if zh else f"{count} quality flags:")
    for aid, fl in flags.items():
        for f in fl:
            click.echo(f"  {aid} {titles.get(aid, '')} [{f.code}] {f.message(s.lang)}")


@cli.group(cls=TrackerGroup)
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
    click.echo(
        f"{achievement_id}: {code} 已清除"
        if s.lang == "zh"
        else f"{achievement_id}: {code} cleared"
    )


# -- plan ---------------------------------------------------------------------------


@cli.command()
@common_options
@FORMAT
@click.option("--district", type=click.Choice(DISTRICT_IDS))
@click.option("--retired", is_flag=True, help="Include retired indicators.")
def indicators(fmt: str, district: str | None, retired: bool) -> None:
    """The plan's indicators with their baselines and targets."""
    s = settings()
    with s.open() as store:
        inds = store.indicators(district, with_retired=retired)
    rows = [i.model_dump(mode="json") for i in inds]
    if fmt == "table":
        zh = s.lang == "zh"
        for r, i in zip(rows, inds, strict=True):
            r["name"] = i.name_zh if zh else i.name_en
            r["baseline"] = report.fmt_point(i.baseline_value, i.baseline_year)
            r["target"] = report.fmt_point(i.target_value, i.target_year)
        _emit_rows(rows, ["id", "district", "name", "unit", "direction", "baseline", "target"], fmt)
    else:
        _emit_rows(rows, list(rows[0]) if rows else ["id"], fmt)


@cli.group(cls=TrackerGroup)
@common_options
def indicator() -> None:
    """Add or retire an indicator."""


def _number(unit: str = "") -> Callable:
    def convert(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
        return None if value is None else parse_quantity(value, unit)

    return convert


def _year(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    return None if value is None else parse_year(value)


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
    click.echo(f"已添加指标 {ind.id}" if s.lang == "zh" else f"added indicator {ind.id}")


@indicator.command("retire")
@common_options
@click.argument("indicator_id")
def indicator_retire(indicator_id: str) -> None:
    """Retire an indicator: it leaves the plan, its history stays."""
    s = settings()
    with s.open() as store:
        store.retire_indicator(indicator_id)
    click.echo(f"已停用指标 {indicator_id}" if s.lang == "zh" else f"retired {indicator_id}")


@cli.group(cls=TrackerGroup)
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
            raise refused("target_value", "give the target value (--value)",
                          "请填写目标值（--value）")
        ind = store.update_indicator(indicator_id, changes)
    click.echo(
        f"{ind.id}: 目标 {report.fmt_point(ind.target_value, ind.target_year)}"
        if s.lang == "zh"
        else f"{ind.id}: target {report.fmt_point(ind.target_value, ind.target_year)}"
    )


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
    click.echo(f"{indicator_id}: {t.year} 年度目标 {t.value:g}" if s.lang == "zh"
               else f"{indicator_id}: target for {t.year} {t.value:g}")


@cli.group(cls=TrackerGroup)
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
    click.echo(f"{ind.id}: {ind.milestone_state}")


@cli.group(cls=TrackerGroup)
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
    click.echo(
        f"{indicator_id} {m.year}: {m.value:g}{unit} 已记录"
        if s.lang == "zh"
        else f"recorded {indicator_id} {m.year}: {m.value:g} {unit}"
    )


@measure.command("list")
@common_options
@FORMAT
@click.argument("indicator_id")
def measure_list(fmt: str, indicator_id: str) -> None:
    """Every value recorded for INDICATOR_ID, superseded ones included."""
    s = settings()
    with s.open() as store:
        rows = [m.model_dump(mode="json") for m in store.measurements(indicator_id)]
    _emit_rows(
        rows, ["id", "year", "value", "quality", "source", "note", "actor", "recorded_at"], fmt
    )


@cli.command()
@common_options
@click.option("--district", type=click.Choice(DISTRICT_IDS))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--tolerance",
              help="Schedule tolerance, a share between 0 and 0.5 (default: the saved setting).")
def status(district: str | None, fmt: str, tolerance: str | None) -> None:
    """Each indicator's progress and both verdicts, with a roll-up per district."""
    s = settings()
    tol = None if tolerance is None else parse_tolerance(tolerance)
    with s.open() as store:
        if tol is None:
            # the verdicts kept current in the status table: a province's plan in seconds
            states = store.indicator_states(district)
        else:
            # what if the tolerance were different: every verdict worked out afresh
            states = [st.state() for st in report.statuses(store, district, tol)]
        districts = store.districts()
    if fmt == "json":
        click.echo(json.dumps([report.state_json(st, s.lang) for st in states],
                              ensure_ascii=False,
                              indent=2))
        return
    click.echo(report.status_text(states, districts, s.lang))


@cli.command("settings")
@common_options
@click.option("--tolerance", help="Schedule tolerance, a share between 0 and 0.5 (e.g. 0.05).")
def settings_cmd(tolerance: str | None) -> None:
    """Show or change the database's settings."""
    s = settings()
    with s.open() as store:
        if tolerance is not None:
            store.set_tolerance(parse_tolerance(tolerance))
        click.echo(f"tolerance = {store.tolerance():g}")


# -- snapshots ----------------------------------------------------------------------


@cli.group(cls=TrackerGroup)
@common_options
def snapshot() -> None:
    """Take, list and compare dated snapshots."""


@snapshot.command("take")
@common_options
@click.option("--label", required=True, help="What the snapshot is for, e.g. 2024 mid-term review.")
def snapshot_take(label: str) -> None:
    """Freeze the whole state: achievements, indicators, latest values, both verdicts."""
    from tracker import snapshot as snap

    s = settings()
    with s.open() as store:
        info = snap.take_snapshot(store, label, counted_on_terminal("snapshot_saved", s.lang))
    click.echo(
        f"快照 #{info.id}「{info.label}」已保存（{info.content_hash[:12]}）"
        if s.lang == "zh"
        else f"snapshot #{info.id} '{info.label}' taken ({info.content_hash[:12]})"
    )


@snapshot.command("list")
@common_options
@FORMAT
def snapshot_list(fmt: str) -> None:
    """Every snapshot, oldest first."""
    s = settings()
    with s.open() as store:
        rows = [i.model_dump(mode="json") for i in store.snapshots()]
    if fmt == "table":
        for r in rows:
            r["content_hash"] = r["content_hash"][:12]
    _emit_rows(rows, ["id", "label", "taken_at", "actor", "content_hash"], fmt)


@snapshot.command("diff")
@common_options
@click.argument("a", type=int)
@click.argument("b", type=int)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def snapshot_diff(a: int, b: int, fmt: str) -> None:
    """What changed from snapshot A to snapshot B."""
    from tracker import snapshot as snap

    s = settings()
    with s.open() as store:
        c = snap.compare(store, a, b, counted_on_terminal("indicators_compared", s.lang))
    if fmt == "json":
        click.echo(json.dumps(c.diff.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    click.echo(snap.diff_text(c.diff, c.names, s.lang))


# -- export and import --------------------------------------------------------------


@cli.command("export")
@common_options
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "md", "xlsx"]),
              help="Default: from the output file's extension.")
@click.option("--output", required=True, type=click.Path(path_type=Path))
@click.option("--snapshot", "snapshot_id", type=int, help="A snapshot's id (default: now).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def export_cmd(fmt: str | None, output: Path, snapshot_id: int | None, force: bool) -> None:
    """Export a snapshot, or the current state, for a report."""
    from tracker import exporters
    from tracker import snapshot as snap

    s = settings()
    zh = s.lang == "zh"
    fmt = fmt or exporters.format_for(output)
    if fmt is None:
        fail_with(
            "请用 --format 指定格式（csv、json、md、xlsx）" if zh
            else "say --format csv, json, md or xlsx (the file name does not tell)",
            s.lang,
        )
    with s.open() as store:
        counting = "values_written" if fmt == "json" else "rows_written"
        path = snap.export(store, snapshot_id, fmt, output, s.lang, "当前" if zh else "current",
                           force=force, progress=counted_on_terminal(counting, s.lang))
    click.echo(f"已导出 {path}" if zh else f"exported {path}")


@cli.command()
@common_options
@click.option("--output", required=True, type=click.Path(path_type=Path),
              help="The report file: .docx, .md or .html.")
@click.option("--as-of", "as_of", callback=_year, help="Review year (default: the latest values).")
@click.option("--snapshot", "snapshot_id", type=int, help="A snapshot's id (default: now).")
@click.option("--title", help="The report's title.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def review(output: Path, as_of: int | None, snapshot_id: int | None, title: str | None,
           force: bool) -> None:
    """The mid-term review report (规划实施中期评估报告), as Word, Markdown or HTML."""
    from tracker.review import write_review

    s = settings()
    with s.open() as store:
        path = write_review(store, output, s.lang, as_of=as_of, snapshot_id=snapshot_id,
                            title=title, force=force)
    click.echo(f"已生成评估报告 {path}" if s.lang == "zh" else f"review written to {path}")


@cli.command("import")
@common_options
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
def import_cmd(file: Path, dry_run: bool) -> None:
    """Import targets and values from an exported csv, xlsx or json file: all or nothing."""
    from tracker import importer

    s = settings()
    with s.open() as store:
        parsed = importer.read_import(file)
        plan = importer.plan_import(store, parsed, counted_on_terminal("rows_checked", s.lang))
        # a dry run lists every change (for a pipe or a file); an import that goes ahead
        # shows a sample, then applies
        click.echo(importer.describe(plan, s.lang, None if dry_run else report.SHOWN_PER_KIND))
        if dry_run:
            return
        changed = importer.apply_import(store, plan, counted_on_terminal("verdicts", s.lang),
                                        counted_on_terminal("values_written", s.lang))
    if changed:
        click.echo("已导入" if s.lang == "zh" else "imported")


# -- safety -------------------------------------------------------------------------


@cli.command()
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
    click.echo(f"已备份到 {dest}" if s.lang == "zh" else f"backed up to {dest}")


@cli.command()
@common_options
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(source: Path, yes: bool) -> None:
    """Replace the database with a backup (the current content is kept in a .bak file)."""
    s = settings()
    zh = s.lang == "zh"
    with s.open() as store:
        if not yes:
            question = (f"用 {source} 替换 {store.path} 的全部内容？" if zh
                        else f"Replace everything in {store.path} with {source}?")
            try:
                agreed = click.confirm(question, default=False, err=True)
            except click.Abort as e:
                if isinstance(e.__context__, KeyboardInterrupt):
                    click.echo(err=True)  # off the question's line
                    raise KeyboardInterrupt from None  # said and exited as everywhere
                agreed = False  # no answer (no terminal) is a no
            if not agreed:
                fail("已取消，未作改动" if zh else "cancelled; nothing was changed")
        safety = store.restore_from(source)
    click.echo(f"已恢复；原内容保存在 {safety}" if zh
               else f"restored; the previous content is in {safety}")


# -- sharing ------------------------------------------------------------------------

def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@cli.command()
@common_options
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--public-url", metavar="URL",
              help="The address planners open, when a proxy is in front "
                   "(else http://HOST:PORT). Only pages from it may start a session.")
@click.option("--user-header", metavar="NAME",
              help="A header the authenticating proxy sets to the planner's name "
                   "(e.g. X-Remote-User): each session runs as that planner; a request "
                   "without it is refused.")
@click.option("--files", "files", type=click.Path(path_type=Path), metavar="DIR",
              help="The only folder browser sessions export to and import from "
                   "(else <database>-files beside the database).")
def serve(host: str, port: int, public_url: str | None, user_header: str | None,
          files: Path | None) -> None:
    """Serve the app in a browser. It has no login: keep it on loopback behind a proxy."""
    from tracker.ui.serve import BadPublicUrl, public_url_for

    s = settings()
    zh = s.lang == "zh"
    db = s.resolved_db().resolve()
    with s.open():  # refuse a bad database here, not in every browser tab
        pass
    if public_url is None and host in ("0.0.0.0", "::", ""):
        fail_with("在所有地址上提供服务时须用 --public-url 给出规划人员打开的地址"
                  if zh else "serving on every address needs --public-url, the address "
                  "planners open", s.lang)
    try:
        url = public_url_for(host, port, public_url)
    except BadPublicUrl:
        fail_with(f"--public-url 须为 http:// 或 https:// 地址（不含用户名和查询参数）：{public_url}"
                  if zh else "--public-url must be an http:// or https:// address (no user "
                  f"name, no query): {public_url}", s.lang)
    if user_header is not None and (
        not user_header or not all(c.isascii() and (c.isalnum() or c == "-")
                                   for c in user_header)):
        fail_with(f"--user-header 须为请求头名称，如 X-Remote-User：{user_header}" if zh
                  else f"--user-header must be a header name such as X-Remote-User: "
                  f"{user_header}", s.lang)
    if user_header is not None and public_url is None:
        # the header comes from a proxy, and the page must then point at the proxy
        fail_with("--user-header 须与 --public-url（代理的地址）一起使用" if zh
                  else "--user-header needs --public-url, the proxy's address", s.lang)
    files_root = _files_folder(files or db.with_name(f"{db.stem}-files"), s.lang)
    if not is_loopback(host):
        click.echo(
            f"警告：在 {host} 上提供服务，本程序没有登录验证，任何能访问该地址的人都能修改规划数据。"
            "请只在 127.0.0.1 上运行，并通过带身份验证的反向代理访问。"
            if zh
            else f"WARNING: serving on {host}. tracker has no login of its own: anyone who can "
            "reach this address can change the plan. Bind to 127.0.0.1 and put an "
            "authenticating reverse proxy in front.",
            err=True,
        )
    click.echo(f"{url}  ({db}; {'文件' if zh else 'files'}: {files_root})")
    from tracker.ui.serve import serve as run_server

    run_server(db, actor=s.user, lang=s.lang, host=host, port=port, public_url=public_url,
               user_header=user_header, files_root=files_root)


def _files_folder(folder: Path, lang: str) -> Path:
    """The sessions' folder for files, created owner-only when it is not there yet."""
    try:
        folder.mkdir(mode=0o700, parents=False, exist_ok=True)
    except OSError as e:
        fail_with(f"{e.strerror or e}: {folder}", lang)
    if not folder.is_dir():
        fail_with(("不是文件夹：" if lang == "zh" else "not a folder: ") + str(folder), lang)
    return folder.resolve()


@cli.command()
@common_options
@click.option("--indicator", "indicator_id", help="Only changes to this indicator.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
@FORMAT
def log(indicator_id: str | None, limit: int, fmt: str) -> None:
    """Who changed what, when, from what to what (newest first)."""
    s = settings()
    with s.open() as store:
        if indicator_id is not None:
            store.indicator(indicator_id)
        entries = store.audit(entity="indicator" if indicator_id else None,
                              entity_id=indicator_id, limit=limit)
    rows = [e.model_dump(mode="json") for e in entries]
    if fmt == "table":
        for r in rows:
            r["old"] = report.change_text(r["old"])
            r["new"] = report.change_text(r["new"])
    _emit_rows(rows, ["at", "actor", "action", "entity", "entity_id", "old", "new"], fmt)


def main() -> None:
    cli(prog_name="tracker")
