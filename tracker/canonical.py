"""The canonical JSON a snapshot's hash is of: keys sorted, no spaces, text as itself
(the json module's own string encoder), each float as json writes it (its repr). The one
definition; the store's ready texts of plain rows are held to it by the tests."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring as quoted

__all__ = ["SCALAR", "canonical", "number", "object_template", "quoted"]


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def number(f: float) -> str:
    text = float.__repr__(f)
    # an infinity (which a REAL column can hold) is written by json as no repr writes it
    return text if text[-1].isdigit() else canonical(f)


# each kind of scalar SQLite hands back, written as canonical() writes it
SCALAR: dict[type, Callable[[object], str]] = {
    str: quoted, float: number, int: int.__repr__, type(None): {None: "null"}.__getitem__}


def object_template(keys: Iterable[str], literal: dict[str, str] | None = None) -> str:
    """An object's canonical text as a %-template: its keys sorted, each value a %s slot
    in that order but those given as `literal` text."""
    literal = literal or {}
    return "{" + ",".join(f"{quoted(k)}:{literal.get(k, '%s')}" for k in sorted(keys)) + "}"
