"""Exports of a snapshot, or of the state now, for a report."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.common import common_options, counted_on_terminal, fail_with, settings
from tracker.cli.stdout import is_stdout, stdout_format, write_to_stdout
from tracker.i18n.cli import CLI


@click.command("export")
@common_options
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "md", "xlsx"]),
              help="Default: from the output file's extension.")
@click.option("--output", required=True, type=click.Path(path_type=Path),
              help="The file to write; - writes csv, json or md to stdout.")
@click.option("--snapshot", "snapshot_id", type=int, help="A snapshot's id (default: now).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def export_cmd(fmt: str | None, output: Path, snapshot_id: int | None, force: bool) -> None:
    """Export a snapshot, or the current state, for a report."""
    from tracker import exporters
    from tracker import snapshot as snap

    s = settings()
    if is_stdout(output):
        fmt = stdout_format(fmt, exporters.FORMATS, s.lang)
        with s.open() as store:
            write_to_stdout(fmt, lambda path: snap.export(
                store, snapshot_id, fmt, path, s.lang, CLI.text("current", s.lang),
                progress=counted_on_terminal("values_written" if fmt == "json"
                                             else "rows_written", s.lang)))
        return
    fmt = fmt or exporters.format_for(output)
    if fmt is None:
        fail_with(CLI.text("export_which_format", s.lang), s.lang)
    with s.open() as store:
        counting = "values_written" if fmt == "json" else "rows_written"
        path = snap.export(store, snapshot_id, fmt, output, s.lang, CLI.text("current", s.lang),
                           force=force, progress=counted_on_terminal(counting, s.lang))
    click.echo(CLI.text("exported", s.lang, path=path))
