"""The article's figures as a planner reads them in the app: what cannot be right apart
from what is to check, each period with what it is read from, and a prefecture's figure
named as such where it stands as a baseline."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.functional.waiting import screen_up, until
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


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def test_figures_marked_by_severity_with_their_period_basis(db: Path) -> None:
    async def drive() -> None:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("2")
            screen = await screen_up(pilot, AchievementsScreen, "FigureTable")
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
            await until(pilot, lambda: "371 万元/人" in text_of(screen, "#figure-text"),
                        "the figure's detail")
            detail = text_of(screen, "#figure-text")
            assert "Unusual, to check with the source (1):" in detail
            assert "Cannot be right" not in detail
            assert "371 万元/人" in detail
            assert "2017-2021 (inferred; 五年来 read as the congress term)" in detail
            assert "Scope: Kaili city" in detail
            table.move_to("urban-built-up-area")
            await until(pilot, lambda: "1,569.7" in text_of(screen, "#figure-text"),
                        "the figure's detail")
            detail = text_of(screen, "#figure-text")
            assert "Cannot be right as printed" in detail and "1,569.7" in detail
            # clearing offers each flag with its severity, errors first
            await pilot.press("c")
            dialog = await screen_up(pilot, ClearFlagDialog, "#f-flag")
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
            screen = await screen_up(pilot, IndicatorScreen, "#ind-head")
            await until(pilot, lambda: "soup" in text_of(screen, "#ind-head"), "the head")
            assert mark in text_of(screen, "#ind-head")

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
            screen = await screen_up(pilot, IndicatorScreen, "#ind-head")
            await until(pilot, lambda: "soup-park" in text_of(screen, "#ind-head"), "the head")
            head = text_of(screen, "#ind-head")
            assert "prefecture" not in head and "[year inferred]" in head

    asyncio.run(drive())


def test_the_indicator_head_shows_the_baseline_and_target_with_every_digit(db: Path) -> None:
    # a target of 2.123456 was shown as 2.1235, beside values shown in full
    with Store(db, actor="tester") as s:
        s.add_indicator(Indicator(
            id="fine-figures", district="industry", name_zh="精细数字", name_en="Fine figures",
            unit="万元", baseline_value=1234567.891234, baseline_year=2020,
            target_value=2.123456, target_year=2025))

    async def drive() -> None:
        app = create_app(db, actor="tester", lang="en")
        async with app.run_test(size=SIZE) as pilot:
            app.push_screen(IndicatorScreen("fine-figures"))
            screen = await screen_up(pilot, IndicatorScreen, "#ind-head")
            await until(pilot, lambda: "fine-figures" in text_of(screen, "#ind-head"),
                        "the head")
            head = text_of(screen, "#ind-head")
            assert "1,234,567.891234 万元 (2020)" in head, head
            assert "2.123456 万元 (2025)" in head, head

    asyncio.run(drive())
