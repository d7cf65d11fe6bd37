"""The mid-term review report, from the state now or a snapshot."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.common import common_options, settings, year_option
from tracker.cli.stdout import is_stdout, stdout_format, write_to_stdout
from tracker.i18n.cli import CLI


@click.command()
@common_options
@click.option("--output", required=True, type=click.Path(path_type=Path),
              help="The report file: .docx, .md or .html; - writes md or html to stdout.")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "html"]),
              help="With --output -: the format written to stdout.")
@click.option("--as-of", "as_of", callback=year_option,
              help="Review year (default: the latest values).")
@click.option("--snapshot", "snapshot_id", type=int, help="A snapshot's id (default: now).")
@click.option("--title", help="The report's title.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def review(output: Path, fmt: str | None, as_of: int | None, snapshot_id: int | None,
           title: str | None, force: bool) -> None:
    """The mid-term review report (规划实施中期评估报告), as Word, Markdown or HTML."""
    from tracker.review import FORMATS, write_review

    s = settings()
    if is_stdout(output):
        fmt = stdout_format(fmt, FORMATS, s.lang)
        with s.open() as store:
            write_to_stdout(fmt, lambda path: write_review(
                store, path, s.lang, as_of=as_of, snapshot_id=snapshot_id, title=title))
        return
    with s.open() as store:
        path = write_review(store, output, s.lang, as_of=as_of, snapshot_id=snapshot_id,
                            title=title, force=force)
    click.echo(CLI.text("review_written", s.lang, path=path))
