"""Exports of one snapshot: csv, json, md, xlsx. Each writer sees only a SnapshotContent."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from tracker.errors import TrackerError
from tracker.exporters import csv_export, json_export, markdown
from tracker.exporters.atomic import atomic_path
from tracker.formats.plan_table import Rows
from tracker.gc_pause import collector_paused
from tracker.models import IndicatorState, Measurement, SnapshotContent
from tracker.work_counts import Progress, unheard


def _xlsx(content: SnapshotContent, path: Path, lang: str, progress: Progress,
          rows: Rows | None) -> None:
    # openpyxl is loaded when a workbook is written, not with this package: the app and
    # the importer (through the shared plan table) import it at start, and openpyxl is a
    # large share of their import time
    from tracker.exporters import xlsx

    xlsx.write(content, path, lang, progress, rows)


def _json(content: SnapshotContent, path: Path, lang: str, progress: Progress,
          rows: Rows | None) -> None:
    # a content held whole is written at once; streamed values are counted by whoever
    # streams them
    json_export.write(content, path, lang)


WRITERS: dict[str, Callable[[SnapshotContent, Path, str, Progress, Rows | None], None]] = {
    "csv": csv_export.write,
    "json": _json,
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
    content: SnapshotContent,
    fmt: str,
    path: Path,
    lang: str,
    force: bool = False,
    values: Iterable[Sequence[Measurement | tuple]] | None = None,
    progress: Progress = unheard,
    rows: Rows | None = None,
    states: Iterable[Sequence[IndicatorState | dict]] | None = None,
    annual_targets: Mapping[str, Mapping[int, float]] | None = None,
) -> Path:
    """Write `content` as `fmt` to `path`, whole or not at all; refuses to overwrite
    an existing file unless `force`. When the content was read without its values and
    plan, they come apart, a piece at a time: for json (which alone carries every value)
    `values` a chunk at a time and `states` a district at a time, for the tables `rows`.
    The tables tell `progress` how many of the plan's rows are written. For json,
    `annual_targets` (filled in as `states` are read) follow the content."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise TrackerError("export_format", fmt=fmt, choices=", ".join(FORMATS))
    path = Path(path)
    # the rows written hold no cycles; with the collector running, it walks a
    # district's models again and again as the rows are made, for no memory saved
    with atomic_path(path, force) as tmp, collector_paused():
        if fmt == "json" and (values is not None or states is not None):
            json_export.write(content, tmp, lang, values, states, annual_targets)
        else:
            writer(content, tmp, lang, progress, rows)
    return path
