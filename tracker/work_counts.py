"""How far slow work has got (an export's rows, a snapshot's values), told as it goes to
whoever shows it: the app's progress bar, or a line on the terminal. Callers that pass
nothing are told nothing."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TextIO, TypeVar

from tracker.i18n.work import WORK

T = TypeVar("T")

# (done, total)
Progress = Callable[[int, int], None]

def progress_line(counting: str, lang: str, done: int, total: int) -> str:
    return WORK.text(counting, lang, done=f"{done:,}", total=f"{total:,}")


def unheard(done: int, total: int) -> None:
    """Nobody is watching."""


class Tally:
    """Counts work done out of a known total; tells `progress` at the start, every `step`
    items and at the end, not at every item (a province's export has 100,000 rows)."""

    def __init__(self, total: int, progress: Progress, step: int = 1000) -> None:
        self.total, self.progress, self.step = total, progress, step
        self.done = self._told = 0
        progress(0, total)

    def add(self, n: int = 1) -> None:
        self.done += n
        if self.done - self._told >= self.step or self.done >= self.total:
            self._told = self.done
            self.progress(self.done, self.total)


def counted(items: Iterable[T], progress: Progress, total: int | None = None
            ) -> Iterator[T]:
    """The items (`total` of them, when they are not a sequence), each counted once the
    caller has dealt with it."""
    tally = Tally(len(items) if total is None else total, progress)  # type: ignore[arg-type]
    for item in items:
        yield item
        tally.add()


def counted_chunks(
    chunks: Iterable[Sequence[T]], total: int, progress: Progress
) -> Iterator[Sequence[T]]:
    """Chunks of `total` items in all, counted a chunk at a time."""
    tally = Tally(total, progress, step=1)
    for chunk in chunks:
        yield chunk
        tally.add(len(chunk))


def on_terminal(counting: str, lang: str, stream: TextIO) -> Progress:
    """A count on the terminal's last line, rewritten in place, for work that turns out
    to be slow: nothing for the first half second (a city's export is over by then), and
    nothing at all when the stream is not a terminal (a pipe or a log gets the result)."""
    if not stream.isatty():
        return unheard
    started: float | None = None
    shown = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal started, shown
        now = time.monotonic()
        if started is None:
            started = now
        finished = done >= total
        if now - started < 0.5 or (not finished and now - shown < 0.1):
            return
        shown = now
        # back to the line's start, the count, then clear what a longer count left
        stream.write("\r" + progress_line(counting, lang, done, total) + "\x1b[K")
        if finished:
            stream.write("\n")
        stream.flush()

    return progress
