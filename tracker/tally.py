"""How far slow work has got (an export's rows, a snapshot's values), told as it goes to
whoever shows it: the app's progress bar. The command line and most callers pass nothing
and are told nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

# (done, total)
Progress = Callable[[int, int], None]


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


def counted(items: Sequence[T], progress: Progress) -> Iterator[T]:
    """The items, each counted once the caller has dealt with it."""
    tally = Tally(len(items), progress)
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
