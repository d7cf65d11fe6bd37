"""The `tracker` program's entry point: loads the command line with the collector paused
(see gc_pause.loading), then runs it."""

from __future__ import annotations


def main() -> None:
    from tracker.gc_pause import loading

    with loading():
        from tracker.cli import cli
    cli(prog_name="tracker")
