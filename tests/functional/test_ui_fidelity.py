"""The article's figures as a planner reads them in the app: what cannot be right apart
from what is to check, each period with what it is read from, and a prefecture's figure
named as such where it stands as a baseline."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Static

from tracker.models import Indicator
from tracker.store import Store
from tracker.ui.app import create_app
from tracker.ui.dialogs.flags import ClearFlagDialog
from tracker.ui.screens.achievements import AchievementsScreen
from tracker.ui.screens.indicator import IndicatorScreen
from tracker.ui.widgets.tables import FigureTable

SIZE = (120, 40)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ui.db"
    Store(path, actor="tester").close()
    return path


async def until(pilot, check) -> None:
    for _ in range(100):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never came")


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def test_figures_marked_by_severity_with_their_period_basis(db: Path) -> None:
    async def drive() -> None:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("2")
            await until(pilot, lambda: isinstance(app.screen, AchievementsScreen))
            screen = app.screen
            table = screen.query_one(FigureTable)
            await pilot.press("f")
            marks = {key: str(table.get_row(key)[-1]) for key in
                     (r.key.value for r in table.ordered_rows)}
            # "!" cannot be right, "?" to check
            assert marks["urban-built-up-area"].startswith("!")
            assert "?" not in marks["jobs-new-urban-jobs"]
            assert marks["jobs-startup-loans"] == "?"
            assert marks["urban-expressway-length"] == "??"
            assert "?" in marks["edu-consolidation-rate"]  # its rate_over_100 is to check
            assert str(table.get_row("jobs-startup-loans")[3]) == "~2017-2021"
            table.move_to("jobs-startup-loans")
            await pilot.pause()
            detail = text_of(screen, "#figure-text")
            assert "Unusual, to check with the source (1):" in detail
            assert "Cannot be right" not in detail
            assert "371 万元/人" in detail
            assert "2017-2021 (inferred; 五年来 read as the congress term)" in detail
            assert "Scope: Kaili city" in detail
            table.move_to("urban-built-up-area")
            await pilot.pause()
            detail = text_of(screen, "#figure-text")
            assert "Cannot be right as printed" in detail and "1,569.7" in detail
            # clearing offers each flag with its severity, errors first
            await pilot.press("c")
            await until(pilot, lambda: isinstance(app.screen, ClearFlagDialog))
            dialog = app.screen
            labels = [str(label) for label, _ in dialog.query_one("#f-flag")._options]
            assert labels and all(lb.startswith(("cannot be right:", "to check:"))
                                  for lb in labels if lb)

    asyncio.run(drive())


def test_a_prefecture_figure_as_baseline_is_named_so(db: Path) -> None:
    with Store(db, actor="tester") as s:
        s.add_indicator(Indicator(
            id="soup-firms", district="industry", name_zh="重点酸汤企业", name_en="Key soup firms",
            unit="户", baseline_achievement="soup-key-enterprises", baseline_value=6,
            baseline_year=2020))

    async def drive(lang: str, mark: str) -> None:
        app = create_app(db, actor="tester", lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            app.push_screen(IndicatorScreen("soup-firms"))
            await until(pilot, lambda: isinstance(app.screen, IndicatorScreen))
            await pilot.pause()
            assert mark in text_of(app.screen, "#ind-head")

    asyncio.run(drive("en", "[a prefecture (黔东南州) figure]"))
    asyncio.run(drive("zh", "［黔东南州口径］"))


def test_a_city_figure_as_baseline_is_not_marked(db: Path) -> None:
    with Store(db, actor="tester") as s:
        s.add_indicator(Indicator(
            id="soup-park", district="industry", name_zh="园区企业", name_en="Park firms",
            unit="家", baseline_achievement="soup-park-enterprises", baseline_value=14,
            baseline_year=2021))

    async def drive() -> None:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            app.push_screen(IndicatorScreen("soup-park"))
            await until(pilot, lambda: isinstance(app.screen, IndicatorScreen))
            await pilot.pause()
            head = text_of(app.screen, "#ind-head")
            assert "prefecture" not in head and "[year inferred]" in head

    asyncio.run(drive())
