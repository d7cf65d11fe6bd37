"""`--output -`: a text export or report written to stdout, for a pipe or a redirect."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from tracker.cli.common import fail_with
from tracker.i18n.upkeep import EDIT, NO_TTY

STDOUT = Path("-")
# the formats that are text: a workbook or a Word file in a terminal is noise
TEXT_FORMATS = ("csv", "json", "md", "html")


def is_stdout(output: Path) -> bool:
    return output == STDOUT


def stdout_format(fmt: str | None, choices: tuple[str, ...], lang: str) -> str:
    """The format to write to stdout: named, and one of the text formats; else refused."""
    text = [c for c in choices if c in TEXT_FORMATS]
    if fmt is None:
        fail_with(NO_TTY.text("stdout_format", lang, choices=EDIT.text("sep", lang).join(text)),
                  lang)
    if fmt not in TEXT_FORMATS:
        fail_with(NO_TTY.text("stdout_binary", lang, fmt=fmt), lang)
    return str(fmt)


def write_to_stdout(fmt: str, write: Callable[[Path], object]) -> None:
    """Have `write` make the whole file in a private folder, then copy it to stdout: what
    reaches the reader is the file as written, whole (a refusal midway writes nothing)."""
    with tempfile.TemporaryDirectory(prefix="tracker-") as folder:
        path = Path(folder) / f"out.{fmt}"
        write(path)
        sys.stdout.flush()
        with path.open("rb") as f:
            shutil.copyfileobj(f, sys.stdout.buffer)
        sys.stdout.buffer.flush()
