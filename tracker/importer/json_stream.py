"""A JSON object read from a file member by member, the arrays named an element at a time.

A province's snapshot is 400 MB of text: held whole, then as the objects json.loads makes
of it, it took several times that. Here only a window of the text is held, refilled from
the file as it is used, and each element of a big array is handed over as soon as it is
decoded, for the reader to check and keep what it needs, or drop.

What it reads is what json.loads reads (UTF-8, with or without a byte order mark): the
members come in the file's order, a name given twice twice, as json.loads would see them
before keeping the last; anything else (a syntax error, a file that ends early, text after
the object) raises NotJson when it is reached.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Collection, Iterator
from typing import Any, BinaryIO

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
CHUNK = 1 << 20


class NotJson(ValueError):
    """The file is not one JSON object, or ends before its object does."""


class _Window:
    """The part of the file's text not yet read, refilled from the file as needed."""

    def __init__(self, fh: BinaryIO, chunk: int) -> None:
        self.fh, self.chunk = fh, chunk
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text, self.pos, self.ended = "", 0, False

    def more(self) -> bool:
        """Append the next piece of the file; False once it has all been read."""
        if self.ended:
            return False
        self.text, self.pos = self.text[self.pos:], 0
        # a value longer than the window doubles it, so each retry of it costs less than
        # all the ones before it together
        data = self.fh.read(max(self.chunk, len(self.text)))
        self.ended = not data
        try:
            self.text += self.decoder.decode(data, final=self.ended)
        except UnicodeDecodeError:
            raise NotJson("not UTF-8") from None
        return True

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), not taken."""
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise NotJson(f"expected {char!r}")
        self.pos += 1

    def value(self) -> Any:
        """The next value, decoded whole."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError:
                if self.more():
                    continue  # the value may go on past the window
                raise NotJson("not JSON") from None
            except RecursionError:
                raise NotJson("nested too deeply") from None
            # a number near the window's end may go on in the file: 1 may be 1.5, 1e+3
            # or 10, and a value that ends with the window may be followed by more of it
            near = end + 2 if type(value) in (int, float) else end
            if near >= len(self.text) and self.more():
                continue
            self.pos = end
            return value


class Elements:
    """The elements of one array, each decoded as it is asked for. They are read from the
    file in turn, so the next member comes only after the last of them."""

    def __init__(self, window: _Window) -> None:
        self.window, self.first, self.done = window, True, False

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        if self.done:
            raise StopIteration
        w = self.window
        if w.peek() == "]":
            w.pos += 1
            self.done = True
            raise StopIteration
        if not self.first:
            w.take(",")  # [1,] is not JSON: after a comma comes a value, not "]"
        self.first = False
        return w.value()


def members(fh: BinaryIO, streamed: Collection[str] = (), chunk: int = CHUNK
            ) -> Iterator[tuple[str, Any]]:
    """Each member of the object the file holds, as (name, value); an array under a name
    in `streamed` comes as its Elements, to be read before the next member is asked for
    (what is left of them is skipped)."""
    w = _Window(fh, chunk)
    w.take("{")
    if w.peek() == "}":
        w.pos += 1
    else:
        while True:
            if w.peek() != '"':
                raise NotJson("expected a name")
            name = w.value()
            w.take(":")
            if name in streamed and w.peek() == "[":
                w.pos += 1
                elements = Elements(w)
                yield name, elements
                for _ in elements:
                    pass
            else:
                yield name, w.value()
            if w.peek() == "}":
                w.pos += 1
                break
            w.take(",")
    if w.peek():
        raise NotJson("more after the object")
