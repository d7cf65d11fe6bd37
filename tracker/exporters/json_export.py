"""JSON: the whole snapshot, as the models define it, for scripts and a full re-import."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from pydantic import TypeAdapter

from tracker.models import DEFERRED, IndicatorState, Measurement, SnapshotContent

CONTENT_JSON = TypeAdapter(SnapshotContent)
# the lists that may come a chunk at a time, in the order the content writes them
STREAMED = {"indicators": TypeAdapter(list[IndicatorState], config=DEFERRED),
            "measurements": TypeAdapter(list[Measurement], config=DEFERRED)}


def pieces(
    content: SnapshotContent,
    values: Iterable[Sequence[Measurement]] | None = None,
    indent: int | None = None,
    states: Iterable[Sequence[IndicatorState]] | None = None,
) -> Iterator[bytes]:
    """The content's JSON (UTF-8), in pieces. `states` and `values`, given a chunk at a
    time, go in its lists of indicators and of values, which the content then leaves
    empty: a province's plan and million values are written without ever all being
    models, and the text is the same as for the content holding them."""
    whole = CONTENT_JSON.dump_json(content, indent=indent)
    given = {"indicators": states, "measurements": values}
    rest = whole
    for key, adapter in STREAMED.items():
        chunks = given[key]
        if chunks is None:
            continue
        # a key's quotes are never escaped in JSON, a string's always are
        empty = f'"{key}": []'.encode() if indent else f'"{key}":[]'.encode()
        before, found, rest = rest.partition(empty)
        if not found:
            raise ValueError(f"{key} given for a content that holds its own")
        yield before + empty[:-1]
        wrote = False
        for chunk in chunks:
            if not chunk:
                continue
            body = adapter.dump_json(list(chunk), indent=indent)[1:-1]
            if indent:
                # one level deeper than a list of their own: they sit under the content's key
                body = body.rstrip().replace(b"\n", b"\n" + b" " * indent)
            yield (b"," if wrote else b"") + body
            wrote = True
        yield (b"\n" + b" " * indent if indent and wrote else b"") + b"]"
    yield rest


ANNUAL_TARGETS = TypeAdapter(dict[str, dict[int, float]], config=DEFERRED)


def write(
    content: SnapshotContent,
    path: Path,
    lang: str,
    values: Iterable[Sequence[Measurement]] | None = None,
    states: Iterable[Sequence[IndicatorState]] | None = None,
    annual_targets: Mapping[str, Mapping[int, float]] | None = None,
) -> None:
    """The content as JSON; with `annual_targets` (each indicator's yearly targets, by
    year, filled in as the states are written), those too, after the content, as
    "annual_targets": {indicator: {year: target}}."""
    with path.open("wb") as fh:
        last = b""
        for piece in pieces(content, values, indent=2, states=states):
            if last:
                fh.write(last)
            last = piece
        # only when there are some: a plan without yearly targets reads as its content
        if annual_targets:
            body = ANNUAL_TARGETS.dump_json(
                {k: dict(v) for k, v in annual_targets.items()}, indent=2)
            head, _, _ = last.rstrip().rpartition(b"}")
            last = (head.rstrip() + b',\n  "annual_targets": '
                    + body.replace(b"\n", b"\n  ") + b"\n}")
        fh.write(last)
        fh.write(b"\n")
