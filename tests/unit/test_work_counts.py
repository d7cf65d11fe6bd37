"""Counting slow work: what a progress bar is told."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker import work_counts
from tracker.work_counts import (
    Tally,
    counted,
    counted_chunks,
    on_terminal,
    progress_line,
    unheard,
)


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


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def clock(monkeypatch: pytest.MonkeyPatch, times: list[float]) -> None:
    ticks = iter(times)
    monkeypatch.setattr(work_counts.time, "monotonic", lambda: next(ticks))


def test_slow_work_is_counted_on_a_terminal_line(monkeypatch: pytest.MonkeyPatch) -> None:
    out = Terminal()
    clock(monkeypatch, [0.0, 0.6, 0.65, 0.8, 0.85])
    progress = on_terminal("rows_written", "en", out)
    for done in (0, 40_000, 50_000, 90_000, 100_021):
        progress(done, 100_021)
    # nothing in the first half second, then no more than ten a second, and the end
    assert out.getvalue() == (
        "\r40,000 of 100,021 rows written\x1b[K"
        "\r90,000 of 100,021 rows written\x1b[K"
        "\r100,021 of 100,021 rows written\x1b[K\n"
    )


def test_quick_work_and_a_pipe_get_no_count(monkeypatch: pytest.MonkeyPatch) -> None:
    quick, pipe = Terminal(), io.StringIO()
    clock(monkeypatch, [0.0, 0.1, 0.2])
    progress = on_terminal("snapshot_saved", "zh", quick)
    for done in (0, 10, 21):
        progress(done, 21)
    assert quick.getvalue() == ""
    assert on_terminal("snapshot_saved", "zh", pipe) is unheard


def test_the_count_speaks_the_planners_language() -> None:
    assert progress_line("verdicts", "zh", 24_500, 100_021) == "已评价 24,500 / 100,021 项指标"
    assert progress_line("rows_checked", "en", 3, 4) == "3 of 4 rows checked"
