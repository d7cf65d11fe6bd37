"""Counting slow work: what a progress bar is told."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.tally import Tally, counted, counted_chunks


@given(total=st.integers(0, 5000), step=st.integers(1, 700))
def test_a_tally_tells_the_start_the_end_and_at_most_a_step_apart(total: int, step: int) -> None:
    told: list[tuple[int, int]] = []
    tally = Tally(total, lambda d, t: told.append((d, t)), step)
    for _ in range(total):
        tally.add()
    done = [d for d, _ in told]
    assert told[0] == (0, total) and told[-1] == (total, total)
    assert all(t == total for _, t in told)
    assert all(0 < b - a <= step for a, b in zip(done, done[1:], strict=False))


@given(sizes=st.lists(st.integers(0, 50), max_size=20))
def test_chunks_are_counted_as_they_are_used(sizes: list[int]) -> None:
    told: list[tuple[int, int]] = []
    chunks = [list(range(n)) for n in sizes]
    total = sum(sizes)
    seen = 0
    for chunk in counted_chunks(chunks, total, lambda d, t: told.append((d, t))):
        # told only of the chunks already handed out
        assert told[-1][0] == seen
        seen += len(chunk)
    assert told[0] == (0, total) and told[-1][0] == total


def test_items_are_counted_after_each_is_used() -> None:
    told: list[tuple[int, int]] = []
    items = list(counted(["a", "b"], lambda d, t: told.append((d, t))))
    assert items == ["a", "b"] and told == [(0, 2), (2, 2)]
