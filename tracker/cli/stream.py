"""Output written as it is read: a province's plan goes to the terminal or a pipe a page
at a time, never built whole first. The text is the same as the whole-list formats in
`common.emit_rows` write."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

import click
from pydantic_core import PydanticSerializationError, to_json

from tracker.cli.common import _cell


def json_array(pages: Iterable[list[Any]]) -> None:
    """A JSON array as `json.dumps(items, ensure_ascii=False, indent=2, default=str)`
    writes it, a page of items at a time."""
    first = True
    for page in pages:
        if not page:
            continue
        # from "[\n  {..},\n  {..}\n]", what goes between the array's brackets
        body = _indented(page)[1:-2]
        click.echo(("[" if first else ",") + body, nl=False)
        first = False
    click.echo("[]" if first else "\n]")


# what only pydantic's encoder writes: 1e16 as 1e16 (json: 1e+16), 1e-05 as 0.00001 (a
# number below 1e-4 begins "0.0000"; 920.0000000000003 is written alike by both)
_OTHERWISE = re.compile(rb"[0-9][eE]|(?<![0-9.])0\.0000")


def _indented(items: list[Any]) -> str:
    """json.dumps(items, indent=2), through pydantic's encoder: the json module indents
    in Python, a few times slower. Both write the same text unless a number is written
    in exponent form or nearly, or a value is not plain JSON; then the json module's."""
    try:
        text = to_json(items, indent=2)
    except PydanticSerializationError:
        text = b"e"
    if _OTHERWISE.search(text):
        return json.dumps(items, ensure_ascii=False, indent=2, default=str)
    return text.decode()


def csv_table(pages: Iterable[list[dict]], columns: Callable[[dict | None], list[str]]) -> None:
    """CSV as `emit_rows` writes it (`columns` names them from the first row, or from
    None when there are none), a page of rows at a time."""
    writer, buf = None, io.StringIO()
    for page in pages:
        for r in page:
            if writer is None:
                writer = _writer(buf, columns(r))
            writer.writerow({k: _cell(r.get(k)) for k in writer.fieldnames})
        click.echo(buf.getvalue(), nl=False)
        buf.seek(0)
        buf.truncate()
    if writer is None:
        _writer(buf, columns(None))
        click.echo(buf.getvalue(), nl=False)


def _writer(buf: io.StringIO, columns: list[str]) -> csv.DictWriter:
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    return w
