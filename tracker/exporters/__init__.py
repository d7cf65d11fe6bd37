"""Exports of one snapshot: csv, json, md, xlsx. Each writer sees only a SnapshotContent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tracker.errors import TrackerError
from tracker.exporters import csv_export, json_export, markdown
from tracker.exporters.atomic import atomic_path
from tracker.models import SnapshotContent


def _xlsx(content: SnapshotContent, path: Path, lang: str) -> None:
    # openpyxl is loaded when a workbook is written, not with this package: the app and
    # the importer (through the shared plan table) import it at start, and openpyxl is a
    # large share of their import time
    from tracker.exporters import xlsx

    xlsx.write(content, path, lang)


WRITERS: dict[str, Callable[[SnapshotContent, Path, str], None]] = {
    "csv": csv_export.write,
    "json": json_export.write,
    "md": markdown.write,
    "xlsx": _xlsx,
}
FORMATS = tuple(WRITERS)


def format_for(path: Path) -> str | None:
    """The format a file name asks for (report.xlsx -> "xlsx"), if it names one."""
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = {"markdown": "md"}.get(suffix, suffix)
    return suffix if suffix in WRITERS else None


def export(
    content: SnapshotContent, fmt: str, path: Path, lang: str, force: bool = False
) -> Path:
    """Write `content` as `fmt` to `path`, whole or not at all; refuses to overwrite
    an existing file unless `force`."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise TrackerError("export_format", fmt=fmt, choices=", ".join(FORMATS))
    path = Path(path)
    with atomic_path(path, force) as tmp:
        writer(content, tmp, lang)
    return path
