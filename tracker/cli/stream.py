"""Output written as it is read: a province's plan goes to the terminal or a pipe a page
at a time, never built whole first. The text is the same as the whole-list formats in
`common.emit_rows` write."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import click
from pydantic_core import PydanticSerializationError, to_json

from tracker import text_format
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


def json_items(pages: Iterable[list[str]]) -> None:
    """`json_array` of items already written as json.dumps writes each in an indented
    list ("  {\n    ...\n  }"), a page at a time."""
    first = True
    for page in pages:
        if not page:
            continue
        click.echo(("[\n" if first else ",\n") + ",\n".join(page), nl=False)
        first = False
    click.echo("[]" if first else "\n]")


# what only pydantic's encoder writes: 1e16 as 1e16 (json: 1e+16), 1e-05 as 0.00001 (a
# number below 1e-4 begins "0.0000"; 920.0000000000003 is written alike by both). A digit
# before an e is looked for with every digit read as 0: a regular expression over a
# province's 100 MB of text took longer than writing it.
_DIGITS_AS_0 = bytes.maketrans(b"123456789E", b"000000000e")
_SMALL = b"0.0000"


def _otherwise(text: bytes) -> bool:
    if b"0e" in text.translate(_DIGITS_AS_0):
        return True
    at = text.find(_SMALL)
    while at != -1:
        if at == 0 or text[at - 1] not in b"0123456789.":
            return True
        at = text.find(_SMALL, at + 1)
    return False


def _indented(items: list[Any]) -> str:
    """json.dumps(items, indent=2), through pydantic's encoder: the json module indents
    in Python, a few times slower. Both write the same text unless a number is written
    in exponent form or nearly, or a value is not plain JSON; then the json module's."""
    try:
        text = to_json(items, indent=2)
    except PydanticSerializationError:
        text = b"e"
    if _otherwise(text):
        return json.dumps(items, ensure_ascii=False, indent=2, default=str)
    return text.decode()


# the values `_cell` writes otherwise than the csv module
_OWN_CELLS = frozenset({float, list, dict})


def csv_rows(pages: Iterable[list[list | dict]], names: Sequence[str],
             float_at: Sequence[int]) -> None:
    """CSV as `emit_rows` writes these rows under `names` (or "id" alone when there are
    none), a page at a time. A row is a dict, or the list of its values whose only floats
    are at `float_at` and which holds nothing else `_cell` writes otherwise than the csv
    module: a province's plan is written without a dict made of each row."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    exact, first = text_format.exact_num, True
    for page in pages:
        lines = []
        for r in page:
            if r.__class__ is dict:
                lines.append([_cell(v) if type(v) in _OWN_CELLS else v
                              for v in map(r.get, names)])
                continue
            for i in float_at:
                v = r[i]
                if v.__class__ is float:
                    r[i] = exact(v)
            lines.append(r)
        if lines and first:
            writer.writerow(names)
            first = False
        writer.writerows(lines)
        click.echo(buf.getvalue(), nl=False)
        buf.seek(0)
        buf.truncate()
    if first:
        writer.writerow(["id"])
        click.echo(buf.getvalue(), nl=False)
