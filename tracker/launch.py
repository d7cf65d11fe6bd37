"""The `tracker` program's entry point: loads the command line with the collector paused
(see gc_pause.loading), then runs it."""

from __future__ import annotations

import os


def main() -> None:
    # the tracker uses no pydantic plugins: looking for them reads the metadata of every
    # installed package when the first model is checked, in every command
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from tracker.gc_pause import loading

    with loading():
        from tracker.cli import cli
    cli(prog_name="tracker")
