"""`tracker serve`: the same app in a browser, through textual-serve."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from textual_serve.server import Server


def app_command(db_path: Path, actor: str, lang: str) -> str:
    """The command each browser session runs: the terminal app on the same database."""
    return shlex.join(
        [sys.executable, "-m", "tracker", "--db", str(db_path), "--user", actor, "--lang", lang]
    )


def serve(db_path: Path, actor: str, lang: str, host: str, port: int) -> None:
    Server(
        app_command(db_path, actor, lang), host=host, port=port, title="Kaili plan tracker"
    ).serve()
