"""Dated snapshots: taken, listed and compared."""

from __future__ import annotations

import json

import click

from tracker.cli.common import (
    FORMAT,
    TrackerGroup,
    common_options,
    counted_on_terminal,
    emit_rows,
    settings,
)
from tracker.i18n.cli import CLI


@click.group(cls=TrackerGroup)
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
    click.echo(CLI.text("snapshot_taken", s.lang, id=info.id, label=info.label,
                        hash=info.content_hash[:12]))


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
    emit_rows(rows, ["id", "label", "taken_at", "actor", "content_hash"], fmt)


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
