"""The command line: headless commands, and `tracker` alone starts the UI.

--db, --user and --lang are accepted by `tracker` and by every subcommand, before or
after the subcommand's own options; the value nearest the command wins.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from tracker.cli import (
    achievements,
    admin,
    departments,
    exports,
    indicator_edit,
    plan,
    plan_update,
    review,
    serve,
    snapshots,
    values,
)
from tracker.cli.common import Settings, TrackerGroup, common_options, fail_with
from tracker.i18n.upkeep import NO_TTY


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
        if not os.environ.get("TEXTUAL_DRIVER") and not (
                sys.stdin.isatty() and sys.stdout.isatty()):
            # the UI drawn into a pipe or a file waits for keys that never come; a
            # driver named in the environment (a served session, a test) needs no terminal
            fail_with(NO_TTY.text("no_terminal", s.lang), s.lang)
        from tracker.ui.app import run_app  # textual loads only when the UI is wanted

        with s.open():  # fail fast, on the command line, if the file cannot be used
            pass
        run_app(s.resolved_db(), actor=s.user, lang=s.lang, files_root=files_root)


for command in (
    achievements.achievements,
    admin.check,
    achievements.flag,
    plan.indicators,
    plan.indicator,
    plan.target,
    plan.milestone,
    plan_update.plan,
    values.measure,
    plan.status,
    departments.departments,
    admin.settings_cmd,
    snapshots.snapshot,
    exports.export_cmd,
    review.review,
    values.import_cmd,
    admin.backup,
    admin.restore,
    serve.serve,
    admin.log,
):
    cli.add_command(command)
for command in (indicator_edit.indicator_edit, indicator_edit.indicator_restore):
    plan.indicator.add_command(command)


def main() -> None:
    cli(prog_name="tracker")
