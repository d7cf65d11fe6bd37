"""The indicator screen's chart as a planner reads it: each figure on the value axis
beside the row it names, whatever the terminal's height, and no chart squeezed onto one
line."""

from __future__ import annotations

import asyncio
import itertools
import re
from pathlib import Path

import pytest

from tests.functional.waiting import screen_up, until
from tracker.models import Measurement
from tracker.store import Store
from tracker.ui.app import create_app
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.widgets.value_chart import ValueChart

SOUP = "industry-soup-park-enterprises"  # baseline 14 (2021) in the starter plan
LABEL = re.compile(r"^\s*([0-9.]+)┤")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "chart.db"
    with Store(path, actor="seed") as s:
        s.update_indicator(SOUP, {"target_value": 30.0, "target_year": 2025})
        s.add_measurements([Measurement(indicator=SOUP, year=y, value=v)
                            for y, v in ((2022, 17.0), (2023, 19.0), (2024, 22.0))])
    return path


def rendered(chart: ValueChart) -> list[str]:
    return chart.render().plain.splitlines()


@pytest.mark.parametrize("size", [(100, 30), (120, 40), (160, 50)])
def test_each_figure_of_the_value_axis_names_its_row(db: Path, size: tuple[int, int]
                                                     ) -> None:
    async def go() -> list[str]:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            app.push_screen(IndicatorScreen(SOUP))
            screen = await screen_up(pilot, IndicatorScreen, "#chart")
            chart = screen.query_one("#chart", ValueChart)
            await until(pilot, lambda: "B" in chart.render().plain, "the chart drawn")
            return rendered(chart)

    lines = asyncio.run(go())
    rows = [(i, float(m[1])) for i, line in enumerate(lines) if (m := LABEL.match(line))]
    assert len(rows) >= 2, lines
    # no figure dropped: evenly spaced figures on evenly spaced rows
    steps = {round(b[1] - a[1], 1) for a, b in itertools.pairwise(rows)}
    gaps = {b[0] - a[0] for a, b in itertools.pairwise(rows)}
    assert len(gaps) == 1 or max(gaps) - min(gaps) <= 1, lines
    assert all(abs(s - next(iter(steps))) <= 0.15 for s in steps), lines
    # the baseline (14) sits on the row of the lowest figure, which is 14
    baseline_row = next(i for i, line in enumerate(lines) if "┤B" in line or "│B" in line)
    assert rows[-1] == (baseline_row, 14.0), lines


def test_a_chart_too_short_to_read_says_so(db: Path) -> None:
    async def go() -> str:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.push_screen(IndicatorScreen(SOUP))
            screen = await screen_up(pilot, IndicatorScreen, "#chart")
            chart = screen.query_one("#chart", ValueChart)
            await until(pilot, lambda: chart.too_short != "", "the chart drawn")
            return chart.render().plain

    assert asyncio.run(go()) == "A taller window shows the chart."
