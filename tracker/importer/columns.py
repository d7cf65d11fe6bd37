"""Many imported values held as columns of numbers, each one handed out as its flat tuple
when it is read: a province's snapshot brings a million values, and even as tuples they
took more memory than all the rest of its import."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from tracker.models import ImportedValue


class ValueColumns(Sequence[ImportedValue]):
    """ImportedValues in the order they were added. Each text (an indicator's id, a
    quality, a source, a date, a note) is held once and named by its place in a table;
    years and values are machine numbers, as exact as the ints and floats they were."""

    def __init__(self, values: Iterable[ImportedValue] = ()) -> None:
        self.texts: list[str | None] = []
        self.places: dict[str | None, int] = {}
        # per value: its indicator, quality, source, date and note as places in `texts`
        self.named = array("i")
        self.years = array("i")
        self.values = array("d")
        for v in values:
            self.append(v)

    def _place(self, text: str | None) -> int:
        place = self.places.get(text)
        if place is None:
            place = self.places[text] = len(self.texts)
            self.texts.append(text)
        return place

    def append(self, v: ImportedValue) -> None:
        place = self._place
        self.named.extend((place(v.indicator), place(v.quality), place(v.source),
                           place(v.date), place(v.note)))
        self.years.append(v.year)
        self.values.append(v.value)

    def __eq__(self, other: object) -> bool:
        # as the list of its values would: a plan's values compare alike however held
        if isinstance(other, ValueColumns | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def indicators(self) -> set[str]:
        """The ids of the indicators the values are of."""
        return {self.texts[p] for p in set(self.named[0::5])}  # type: ignore[misc]

    def by_indicator(self) -> dict[str, array]:
        """Each indicator's id -> the places of its values, in order."""
        out: dict[int, array] = {}
        for k, place in enumerate(self.named[0::5]):
            if (places := out.get(place)) is None:
                places = out[place] = array("i")
            places.append(k)
        return {self.texts[p]: places for p, places in out.items()}  # type: ignore[misc]

    def __len__(self) -> int:
        return len(self.values)

    def _value(self, i: int) -> ImportedValue:
        t, k = self.texts, 5 * i
        ind, quality, source, date, note = self.named[k:k + 5]
        return ImportedValue(t[ind], self.years[i], self.values[i], t[quality],  # type: ignore[arg-type]
                             t[source], t[date], t[note])  # type: ignore[arg-type]

    @overload
    def __getitem__(self, i: int) -> ImportedValue: ...

    @overload
    def __getitem__(self, i: slice) -> list[ImportedValue]: ...

    def __getitem__(self, i: int | slice) -> ImportedValue | list[ImportedValue]:
        if isinstance(i, slice):
            return [self._value(k) for k in range(*i.indices(len(self)))]
        n = len(self)
        if not -n <= i < n:
            raise IndexError(i)
        return self._value(i % n if i < 0 else i)

    def __iter__(self) -> Iterator[ImportedValue]:
        t, named = self.texts, iter(self.named)
        fives = zip(named, named, named, named, named, strict=True)
        for (ind, quality, source, date, note), year, value in zip(
                fives, self.years, self.values, strict=True):
            yield ImportedValue(t[ind], year, value, t[quality], t[source],  # type: ignore[arg-type]
                                t[date], t[note])  # type: ignore[arg-type]
