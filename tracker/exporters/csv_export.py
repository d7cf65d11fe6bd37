"""CSV: one row per indicator, every district, for Excel, WPS and scripts."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from tracker.exporters.table import COLUMNS, neutral, rows
from tracker.models import SnapshotContent


def plain(value: object) -> str:
    """A number written so it reads back exactly and without exponent or separators."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        # repr is the shortest text that reads back as the same float
        return format(Decimal(repr(value)), "f")
    return str(neutral(value))


def write(content: SnapshotContent, path: Path, lang: str) -> None:
    # utf-8-sig: with the BOM, Excel and WPS read the Chinese instead of guessing GBK
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([c.header(lang) for c in COLUMNS])
        for r in rows(content, lang):
            out.writerow([plain(r[c.key]) for c in COLUMNS])
