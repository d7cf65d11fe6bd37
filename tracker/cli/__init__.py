"""The command line: headless commands, and `tracker` alone starts the UI.

--db, --user and --lang are accepted by `tracker` and by every subcommand, before or
after the subcommand's own options; the value nearest the command wins.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from tracker.cli.common import Settings, TrackerGroup, common_options, fail_with
from tracker.gc_pause import collector_paused, hold_until_drawn, loading
from tracker.i18n.upkeep import NO_TTY
from tracker.lazy import loaded

# each command's module, imported only when that command runs or help lists it: a short
# command does not wait for the imports of the exports, the review or the server
COMMANDS = {
    "achievements": "achievements:achievements",
    "backup": "admin:backup",
    "check": "admin:check",
    "departments": "departments:departments",
    "export": "exports:export_cmd",
    "flag": "achievements:flag",
    "import": "values:import_cmd",
    "indicator": "plan:indicator",
    "indicators": "plan:indicators",
    "log": "admin:log",
    "measure": "values:measure",
    "milestone": "plan:milestone",
    "plan": "plan_update:plan",
    "restore": "admin:restore",
    "review": "review:review",
    "serve": "serve:serve",
    "settings": "admin:settings_cmd",
    "snapshot": "snapshots:snapshot",
    "status": "plan:status",
    "target": "plan:target",
}
# subcommands kept in a module of their own, added to their group when it is loaded
SUBCOMMANDS = {"indicator": ("indicator_edit:indicator_edit", "indicator_edit:indicator_restore")}


def _load(ref: str) -> click.Command:
    with collector_paused():  # see gc_pause.loading
        return loaded(f"tracker.cli.{ref}")


class RootGroup(TrackerGroup):
    """The `tracker` command: its subcommands load on demand (see COMMANDS)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        command = _load(COMMANDS[cmd_name])
        if isinstance(command, click.Group):
            for ref in SUBCOMMANDS.get(cmd_name, ()):
                sub = _load(ref)
                if sub.name not in command.commands:
                    command.add_command(sub)
        return command


@click.group(cls=RootGroup, invoke_without_command=True)
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
        with loading():  # textual loads only when the UI is wanted
            from tracker.ui.app import run_app
        hold_until_drawn()  # the plan's screen lets it go (see PlanScreen._after_first_frame)

        with s.open():  # fail fast, on the command line, if the file cannot be used
            pass
        run_app(s.resolved_db(), actor=s.user, lang=s.lang, files_root=files_root)


def main() -> None:
    cli(prog_name="tracker")
